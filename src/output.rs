//! Writing the site: only files whose bytes changed are written (each through a temporary
//! file and a rename), files no longer produced are removed, and nothing can be written
//! outside the output folder. The folder itself is never deleted and recreated.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Pos};

/// Where an output file's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// Rendered in memory.
    Owned(Vec<u8>),
    /// Built into the binary.
    Static(&'static [u8]),
    /// A project file, copied as it is.
    Copy(PathBuf),
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
    if let Some(bad) = files.iter().find(|f| !is_safe(&f.path)) {
        let message = format!(
            "refusing to write `{}`, which is outside the output folder",
            bad.path
        );
        return Err(Diagnostic::error(
            "unsafe-path",
            &bad.path,
            Pos::default(),
            message,
        ));
    }
    fs::create_dir_all(out).map_err(|e| io_error(out, &e))?;
    let outcomes: Vec<Result<bool, Diagnostic>> =
        files.par_iter().map(|f| write_one(out, f)).collect();
    let mut report = WriteReport::default();
    for outcome in outcomes {
        if outcome? {
            report.written += 1;
        } else {
            report.unchanged += 1;
        }
    }
    let keep: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    report.removed = remove_stale(out, &keep).map_err(|e| io_error(out, &e))?;
    Ok(report)
}

/// True for relative paths made of plain names only.
fn is_safe(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// Writes one file if its bytes differ from what is there; true when written.
fn write_one(out: &Path, file: &OutputFile) -> Result<bool, Diagnostic> {
    let target = out.join(&file.path);
    let bytes = file.bytes().map_err(|e| io_error(&target, &e))?;
    let same = fs::metadata(&target).is_ok_and(|m| m.len() == bytes.len() as u64)
        && fs::read(&target).is_ok_and(|old| old == *bytes);
    if same {
        return Ok(false);
    }
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent).map_err(|e| io_error(parent, &e))?;
    }
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = target.with_file_name(format!(".{name}.dossier-tmp"));
    fs::write(&temp, &bytes)
        .and_then(|()| fs::rename(&temp, &target))
        .map_err(|e| {
            let _ = fs::remove_file(&temp);
            io_error(&target, &e)
        })?;
    Ok(true)
}

/// Removes files under `out` not in `keep`, then the folders left empty; returns the count.
fn remove_stale(out: &Path, keep: &HashSet<&str>) -> io::Result<usize> {
    let mut removed = 0;
    let mut dirs = Vec::new();
    for entry in WalkDir::new(out).min_depth(1).contents_first(true) {
        let entry = entry.map_err(io::Error::other)?;
        let rel = relative(out, entry.path());
        if entry.file_type().is_dir() {
            dirs.push(entry.into_path());
        } else if !keep.contains(rel.as_str()) {
            fs::remove_file(entry.path())?;
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

fn relative(out: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(out).unwrap_or(path);
    let parts: Vec<_> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    parts.join("/")
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
}
