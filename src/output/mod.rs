//! Writing the site. Files are staged as they are rendered: a file whose bytes are already
//! on disk is left alone, a new or changed one is written to a hidden temporary file beside
//! its target. Only when every page has rendered does [`Staging::commit`] rename the
//! temporary files into place and remove files no longer produced; [`Staging::abort`]
//! removes the temporary files and leaves the previous site exactly as it was. Nothing can
//! be written outside the output folder, and the folder is never deleted and recreated. A
//! file joined from entries is compared and written piece by piece ([`Joined`]).

use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Pos};
use crate::tree;

mod pieces;

pub use pieces::Joined;

/// The record, in the output folder, of the files dossier wrote there: a build removes only
/// files it names. It is never published (`serve` and the Pages workflow leave it out), and no
/// page or static file may take its name.
pub const MANIFEST: &str = ".dossier-manifest";

/// Where an output file's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// Rendered in memory.
    Owned(Vec<u8>),
    /// Built into the binary.
    Static(&'static [u8]),
    /// A project file, copied as it is.
    Copy(PathBuf),
    /// Joined from entries only as it is written (`claims.json`, the search index).
    Joined(Joined),
}

/// One file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Its path under the output folder, with `/` separators.
    pub path: String,
    /// Its bytes.
    pub body: Body,
}

impl OutputFile {
    /// The file's bytes (reading a project file for `Body::Copy`).
    pub fn bytes(&self) -> io::Result<std::borrow::Cow<'_, [u8]>> {
        Ok(match &self.body {
            Body::Owned(bytes) => bytes.into(),
            Body::Static(bytes) => (*bytes).into(),
            Body::Copy(from) => fs::read(from)?.into(),
            Body::Joined(joined) => joined.join().into(),
        })
    }

    /// Gives `use_pieces` the file's bytes as the pieces they are made of.
    fn with_pieces<R>(&self, use_pieces: impl FnOnce(&[&[u8]]) -> R) -> io::Result<R> {
        Ok(match &self.body {
            Body::Joined(joined) => use_pieces(&joined.pieces()),
            _ => use_pieces(&[&self.bytes()?]),
        })
    }
}

/// What writing did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Files written because they were new or changed.
    pub written: usize,
    /// Files left alone because their bytes were the same.
    pub unchanged: usize,
    /// Stale files removed.
    pub removed: usize,
}

/// Writes `files` under `out`, then removes what is no longer produced.
pub fn write_site(out: &Path, files: &[OutputFile]) -> Result<WriteReport, Diagnostic> {
    let staging = Staging::new(out)?;
    let staged: Result<Vec<bool>, Diagnostic> =
        files.par_iter().map(|f| staging.stage(f)).collect();
    if let Err(e) = staged {
        staging.abort();
        return Err(e);
    }
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    staging.commit(&paths)
}

/// Files written so far to temporary names, waiting for [`Staging::commit`].
pub struct Staging {
    /// The output folder.
    out: PathBuf,
    /// (temporary file, target) of every new or changed file.
    pending: Mutex<Vec<(PathBuf, PathBuf)>>,
    /// How many staged files were already on disk with the same bytes.
    unchanged: AtomicUsize,
    /// The output folder was empty: files go straight to their place (there is no previous
    /// site to keep intact, and an abort removes them), with nothing to compare or remove.
    fresh: bool,
}

impl Staging {
    /// Prepares to write under `out`, creating it if needed.
    pub fn new(out: &Path) -> Result<Staging, Diagnostic> {
        fs::create_dir_all(out).map_err(|e| io_error(out, &e))?;
        let fresh = fs::read_dir(out)
            .map_err(|e| io_error(out, &e))?
            .next()
            .is_none();
        Ok(Staging {
            out: out.to_path_buf(),
            pending: Mutex::new(Vec::new()),
            unchanged: AtomicUsize::new(0),
            fresh,
        })
    }

    /// Stages one file: true when it is new or changed and so will be written.
    pub fn stage(&self, file: &OutputFile) -> Result<bool, Diagnostic> {
        if !is_safe(&file.path) {
            let message = format!(
                "refusing to write `{}`, which is outside the output folder",
                file.path
            );
            return Err(Diagnostic::error(
                "unsafe-path",
                &file.path,
                Pos::default(),
                message,
            ));
        }
        let target = self.out.join(&file.path);
        let temp = if self.fresh {
            target.clone()
        } else {
            temporary(&target)
        };
        let written = file.with_pieces(|pieces| {
            if !self.fresh && pieces::holds(&target, pieces) {
                return Ok(false);
            }
            write_creating_folders(&temp, pieces, self.fresh).map(|()| true)
        });
        if !written.and_then(|w| w).map_err(|e| io_error(&target, &e))? {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
            return Ok(false);
        }
        self.pending
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push((temp, target));
        Ok(true)
    }

    /// Puts every staged file in place and removes the files not among `produced`.
    pub fn commit(self, produced: &[&str]) -> Result<WriteReport, Diagnostic> {
        self.commit_after(produced, &[])
    }

    /// [`Staging::commit`] when the files of the previous build are known (`previous`,
    /// non-empty): only those no longer produced are removed, without sweeping the folder.
    pub fn commit_after(
        self,
        produced: &[&str],
        previous: &[String],
    ) -> Result<WriteReport, Diagnostic> {
        let pending = self.pending.into_inner().unwrap_or_else(|p| p.into_inner());
        put_in_place(&pending)?;
        let keep: HashSet<&str> = produced.iter().copied().collect();
        let removed = if self.fresh {
            0
        } else if !previous.is_empty() {
            remove_known(&self.out, previous, &keep).map_err(|e| io_error(&self.out, &e))?
        } else {
            remove_stale(&self.out, &keep).map_err(|e| io_error(&self.out, &e))?
        };
        Ok(WriteReport {
            written: pending.len(),
            unchanged: self.unchanged.into_inner(),
            removed,
        })
    }

    /// Puts every staged file in place and removes the files `gone` (and the folders they
    /// leave empty): for a build that knows which files of the one before it it no longer
    /// produces, without listing the rest.
    pub fn commit_removing(self, gone: &[String]) -> Result<WriteReport, Diagnostic> {
        let pending = self.pending.into_inner().unwrap_or_else(|p| p.into_inner());
        put_in_place(&pending)?;
        let removed =
            remove_known(&self.out, gone, &HashSet::new()).map_err(|e| io_error(&self.out, &e))?;
        Ok(WriteReport {
            written: pending.len(),
            unchanged: self.unchanged.into_inner(),
            removed,
        })
    }

    /// Removes every staged temporary file and the folders it left empty: the site is as before.
    pub fn abort(self) {
        let pending = self.pending.into_inner().unwrap_or_else(|p| p.into_inner());
        for (temp, _) in &pending {
            let _ = fs::remove_file(temp);
        }
        let mut dirs: Vec<&Path> = pending
            .iter()
            .filter_map(|(temp, _)| temp.parent())
            .collect();
        dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
        dirs.dedup();
        for dir in dirs {
            for folder in dir
                .ancestors()
                .take_while(|a| a.starts_with(&self.out) && *a != self.out)
            {
                if fs::remove_dir(folder).is_err() {
                    break;
                }
            }
        }
    }
}

/// Renames each staged (temporary, target) pair into place.
fn put_in_place(pending: &[(PathBuf, PathBuf)]) -> Result<(), Diagnostic> {
    pending
        .par_iter()
        .filter(|(temp, target)| temp != target)
        .try_for_each(|(temp, target)| fs::rename(temp, target).map_err(|e| io_error(target, &e)))
}

/// Writes `pieces` to `path`, creating its folder when missing. In a `fresh` output folder
/// the folder is made first: nearly every page has a folder of its own, which does not exist
/// yet (trying the file first would fail once per page).
fn write_creating_folders(path: &Path, pieces: &[&[u8]], fresh: bool) -> io::Result<()> {
    if fresh && let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let file = fs::File::create(path).or_else(|e| match (e.kind(), path.parent()) {
        (io::ErrorKind::NotFound, Some(parent)) => {
            fs::create_dir_all(parent).and_then(|()| fs::File::create(path))
        }
        _ => Err(e),
    });
    match pieces {
        [bytes] => file?.write_all(bytes),
        _ => pieces::write(&mut file?, pieces),
    }
}

/// The hidden temporary name beside `target`.
fn temporary(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.dossier-tmp"))
}

/// True for relative paths made of plain names only.
fn is_safe(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// Removes the files of `previous` not in `keep`, and the folders they leave empty.
fn remove_known(out: &Path, previous: &[String], keep: &HashSet<&str>) -> io::Result<usize> {
    let mut removed = 0;
    for path in previous.iter().filter(|p| !keep.contains(p.as_str())) {
        let file = out.join(path);
        match fs::remove_file(&file) {
            Ok(()) => removed += 1,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
        for folder in file.ancestors().skip(1).take_while(|a| *a != out) {
            if fs::remove_dir(folder).is_err() {
                break;
            }
        }
    }
    Ok(removed)
}

/// Removes files under `out` not in `keep`, then the folders left empty; returns the count.
fn remove_stale(out: &Path, keep: &HashSet<&str>) -> io::Result<usize> {
    let mut removed = 0;
    let mut dirs = Vec::new();
    for entry in tree::contents_first(out) {
        let entry = entry?;
        if entry.is_dir {
            dirs.push(entry.path);
        } else if !keep.contains(entry.rel.as_str()) {
            fs::remove_file(&entry.path)?;
            removed += 1;
        }
    }
    for dir in dirs {
        if fs::read_dir(&dir)?.next().is_none() {
            fs::remove_dir(&dir)?;
        }
    }
    Ok(removed)
}

fn io_error(path: &Path, error: &io::Error) -> Diagnostic {
    Diagnostic::error(
        "io",
        &path.display().to_string(),
        Pos::default(),
        format!("cannot write: {error}"),
    )
    .with_help("check that the output folder is writable and the disk is not full")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            body: Body::Owned(text.as_bytes().to_vec()),
        }
    }

    #[test]
    fn writes_changed_files_only_and_removes_stale_ones() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let first = write_site(out, &[file("a/index.html", "A"), file("b.txt", "B")]).unwrap();
        assert_eq!(
            first,
            WriteReport {
                written: 2,
                unchanged: 0,
                removed: 0
            }
        );
        let second = write_site(out, &[file("a/index.html", "A"), file("c.txt", "C")]).unwrap();
        assert_eq!(
            second,
            WriteReport {
                written: 1,
                unchanged: 1,
                removed: 1
            }
        );
        assert!(!out.join("b.txt").exists());
        assert_eq!(fs::read_to_string(out.join("c.txt")).unwrap(), "C");
    }

    #[test]
    fn removes_folders_left_empty() {
        let dir = tempfile::tempdir().unwrap();
        write_site(dir.path(), &[file("x/y/index.html", "1")]).unwrap();
        write_site(dir.path(), &[file("index.html", "2")]).unwrap();
        assert!(!dir.path().join("x").exists());
    }

    #[test]
    fn refuses_paths_outside_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        for bad in ["../x", "/etc/x", "a/../../x", ""] {
            let error = write_site(&out, &[file(bad, "x")]).unwrap_err();
            assert_eq!(error.code, "unsafe-path", "{bad}");
        }
        assert!(!dir.path().join("x").exists());
    }
    #[test]
    fn an_aborted_staging_leaves_the_site_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        write_site(dir.path(), &[file("a/index.html", "A")]).unwrap();
        let staging = Staging::new(dir.path()).unwrap();
        assert!(staging.stage(&file("a/index.html", "changed")).unwrap());
        assert!(staging.stage(&file("new/deep/index.html", "N")).unwrap());
        assert!(!staging.stage(&file("a/index.html", "A")).unwrap());
        staging.abort();
        assert_eq!(
            fs::read_to_string(dir.path().join("a/index.html")).unwrap(),
            "A"
        );
        assert!(!dir.path().join("new").exists());
        assert_eq!(
            fs::read_dir(dir.path().join("a")).unwrap().count(),
            1,
            "no temporary file left"
        );
    }

    #[test]
    fn a_fresh_folder_is_written_in_place_and_emptied_again_on_abort() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let staging = Staging::new(&out).unwrap();
        assert!(staging.stage(&file("a/index.html", "A")).unwrap());
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "A");
        staging.abort();
        assert_eq!(fs::read_dir(&out).unwrap().count(), 0);
    }
}
