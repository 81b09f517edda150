//! Writing the site into an output folder that holds dossier's own files and whatever else
//! the user keeps there: dossier replaces and removes only files it wrote itself, listed in
//! its record ([`MANIFEST`], see [`manifest`]), and refuses a folder it never built into.
//!
//! Files are staged as they are rendered: a file whose bytes are already on disk is left
//! alone, a new or changed one is written to a hidden temporary file beside its target. Only
//! when every page has rendered does [`Staging::commit`] put the temporary files in place
//! (the files they replace kept aside until all are in, and put back if one fails, see
//! [`commit`]) and remove what dossier wrote before and no longer produces;
//! [`Staging::abort`] removes the temporary files and leaves the folder exactly as it was.
//! Nothing is written outside the output folder, and it is never deleted and recreated. A
//! file joined from entries is compared and written piece by piece ([`Joined`]).

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;

mod commit;
pub mod guard;
pub mod manifest;
mod pieces;
mod problems;

use commit::Pending;
pub use manifest::Ownership;
pub use pieces::{Joined, Pieces};
use problems::{folder_is_a_file, in_the_way, io_error};

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
    fn with_pieces<R>(&self, use_pieces: impl FnOnce(Pieces<'_>) -> R) -> io::Result<R> {
        Ok(match &self.body {
            Body::Joined(joined) => use_pieces(joined.pieces()),
            _ => use_pieces(Pieces::one(&self.bytes()?)),
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

/// Writes `files` under `out`, then removes what dossier wrote there before and no longer
/// produces. With `force`, a folder dossier never built into is written into all the same.
pub fn write_site(
    out: &Path,
    files: &[OutputFile],
    force: bool,
) -> Result<WriteReport, Diagnostic> {
    let staging = Staging::new(out, force)?;
    let staged: Result<Vec<bool>, Diagnostic> =
        files.par_iter().map(|f| staging.stage(f)).collect();
    if let Err(e) = staged {
        staging.abort();
        return Err(e);
    }
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    staging.commit(&paths).map(|(report, _)| report)
}

/// Refuses, before anything is built, an output folder `out` that a build of the project at
/// `root` may not write into: one over the project ([`guard::check`]), or one holding files
/// dossier did not write when not `force` ([`Ownership::survey`]). Looks, writes nothing.
pub fn may_build(root: &Path, out: &Path, force: bool) -> Result<(), Diagnostic> {
    guard::check(root, out)?;
    match fs::symlink_metadata(out) {
        Ok(_) => Ownership::survey(out, force).map(drop),
        Err(_) => Ok(()),
    }
}

/// Files written so far to temporary names, waiting for [`Staging::commit`].
pub struct Staging {
    /// The output folder.
    out: PathBuf,
    /// What the build may do there.
    ownership: Ownership,
    /// Every new or changed file.
    pending: Mutex<Vec<Pending>>,
    /// How many staged files were already on disk with the same bytes.
    unchanged: AtomicUsize,
    /// Staged files already on disk with the same bytes that the record does not name yet
    /// (in a folder taken over): dossier's from this build on.
    taken: Mutex<Vec<String>>,
    /// The folder did not exist: an abort removes it again.
    created: bool,
}

impl Staging {
    /// Prepares to write under `out`, creating it if needed; refuses a folder holding files
    /// dossier did not write unless `force` (see [`Ownership::survey`]).
    pub fn new(out: &Path, force: bool) -> Result<Staging, Diagnostic> {
        Staging::resume(out, force, None)
    }

    /// [`Staging::new`] starting from what the last build into `out` left (`known`), when the
    /// record is still as it left it: the record is not read again.
    pub fn resume(
        out: &Path,
        force: bool,
        known: Option<Ownership>,
    ) -> Result<Staging, Diagnostic> {
        let created = fs::symlink_metadata(out).is_err();
        fs::create_dir_all(out).map_err(|e| io_error(out, &e))?;
        let ownership = match known {
            Some(known) if known.still_holds(out, force) => known,
            _ => Ownership::survey(out, force)?,
        };
        if ownership.fresh {
            manifest::start(out).map_err(|e| io_error(out, &e))?;
        }
        Ok(Staging {
            out: out.to_path_buf(),
            ownership,
            pending: Mutex::new(Vec::new()),
            unchanged: AtomicUsize::new(0),
            taken: Mutex::new(Vec::new()),
            created,
        })
    }

    /// Stages one file: true when it is new or changed and so will be written. In a new
    /// folder it goes straight to its place (an abort removes it again).
    pub fn stage(&self, file: &OutputFile) -> Result<bool, Diagnostic> {
        if !is_safe(&file.path) || file.path == MANIFEST {
            return Err(problems::unsafe_path(&file.path));
        }
        let target = self.out.join(&file.path);
        let fresh = self.ownership.fresh;
        let replaces = !fresh && self.replaces(&file.path, &target)?;
        let temp = if fresh {
            target.clone()
        } else {
            temporary(&target, "tmp")
        };
        let written = file.with_pieces(|pieces| {
            if replaces && pieces::holds(&target, pieces.clone()) {
                return Ok(false);
            }
            write_creating_folders(&temp, pieces, fresh).map(|()| true)
        });
        if !written.and_then(|w| w).map_err(|e| io_error(&target, &e))? {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
            if !self.ownership.owned.contains(&file.path) {
                let taken = &mut self.taken.lock().unwrap_or_else(|p| p.into_inner());
                taken.push(file.path.clone());
            }
            return Ok(false);
        }
        let pending = Pending {
            rel: file.path.clone(),
            temp,
            target,
            replaces,
        };
        self.pending
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(pending);
        Ok(true)
    }

    /// True when a file is at `target` already, and it is one the build may replace; an error
    /// when something else is there (a folder, a link, a file dossier did not write).
    fn replaces(&self, path: &str, target: &Path) -> Result<bool, Diagnostic> {
        match fs::symlink_metadata(target) {
            Ok(meta) if meta.is_file() && self.ownership.may_replace(path) => Ok(true),
            Ok(meta) => Err(in_the_way(&self.out, path, &meta)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
            Err(e) if e.kind() == io::ErrorKind::NotADirectory => {
                Err(folder_is_a_file(&self.out, path))
            }
            Err(e) => Err(io_error(target, &e)),
        }
    }

    /// Puts every staged file in place, removes the files dossier wrote before and no longer
    /// produces (`produced` names every file of this build), and records what it wrote. Gives
    /// what writing did and the ownership a next build can [resume](Staging::resume) from.
    pub fn commit(self, produced: &[&str]) -> Result<(WriteReport, Ownership), Diagnostic> {
        let owned = &self.ownership.owned;
        let keep: crate::fingerprint::Set<&str> = produced.iter().copied().collect();
        let gone: Vec<String> = (owned.iter())
            .filter(|p| !keep.contains(p.as_str()))
            .cloned()
            .collect();
        let added: Vec<String> = (keep.into_iter())
            .filter(|p| !owned.contains(*p))
            .map(str::to_string)
            .collect();
        commit::commit(self, &gone, added)
    }

    /// Removes every staged temporary file and the folders it left empty: the folder is as
    /// before (a new folder empty again).
    pub fn abort(self) {
        let pending = self.pending.into_inner().unwrap_or_else(|p| p.into_inner());
        for p in &pending {
            let _ = fs::remove_file(&p.temp);
        }
        commit::remove_empty_folders(&self.out, pending.iter().map(|p| p.temp.as_path()));
        if self.ownership.fresh {
            let _ = self.ownership.restore(&self.out);
        }
        if self.created {
            let _ = fs::remove_dir(&self.out);
        }
    }
}

/// Writes `pieces` to `path`, creating its folder when missing. In a `fresh` output folder
/// the folder is made first: nearly every page has a folder of its own, which does not exist
/// yet (trying the file first would fail once per page).
fn write_creating_folders(path: &Path, pieces: Pieces<'_>, fresh: bool) -> io::Result<()> {
    if fresh && let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let file = fs::File::create(path).or_else(|e| match (e.kind(), path.parent()) {
        (io::ErrorKind::NotFound, Some(parent)) => {
            fs::create_dir_all(parent).and_then(|()| fs::File::create(path))
        }
        _ => Err(e),
    });
    pieces::write(&mut file?, pieces)
}

/// The hidden name beside `target` for a file on its way in (`tmp`) or out (`old`).
fn temporary(target: &Path, kind: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.dossier-{kind}"))
}

/// True for relative paths made of plain names only.
fn is_safe(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

#[cfg(test)]
mod tests;
