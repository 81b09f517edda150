//! Walking folders on disk: the one module that uses walkdir. Paths come back relative to a
//! base folder with `/` separators, the way dossier names files in diagnostics and URLs.

use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use walkdir::WalkDir;

/// A file found under a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Its path relative to the base folder, with `/`.
    pub rel: String,
    /// Its full path.
    pub path: PathBuf,
    /// Its size in bytes; 0 when its metadata cannot be read.
    pub len: u64,
    /// When it last changed, where the system says.
    pub modified: Option<SystemTime>,
}

/// An entry under a folder, for sweeping it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its path relative to the swept folder, with `/`.
    pub rel: String,
    /// Its full path.
    pub path: PathBuf,
    /// True for a folder.
    pub is_dir: bool,
}

/// Every file under `dir`, sorted by name, with paths relative to `base`. Entries that cannot
/// be read are left out.
pub fn files(base: &Path, dir: &Path) -> Vec<Found> {
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let meta = e.metadata().ok();
            Found {
                rel: relative(base, e.path()),
                len: meta.as_ref().map_or(0, |m| m.len()),
                modified: meta.and_then(|m| m.modified().ok()),
                path: e.into_path(),
            }
        })
        .collect()
}

/// Everything under `dir` but `dir` itself, each folder after what it holds.
pub fn contents_first(dir: &Path) -> impl Iterator<Item = io::Result<Entry>> + '_ {
    WalkDir::new(dir)
        .min_depth(1)
        .contents_first(true)
        .into_iter()
        .map(move |entry| {
            let entry = entry.map_err(io::Error::other)?;
            Ok(Entry {
                rel: relative(dir, entry.path()),
                is_dir: entry.file_type().is_dir(),
                path: entry.into_path(),
            })
        })
}

/// `path` relative to `base`, with `/`; the whole path when it is not under `base`.
pub fn relative(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    let parts: Vec<_> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_sorted_relative_and_measured() {
        let temp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(temp.path().join("content/notes")).unwrap();
        std::fs::write(temp.path().join("content/notes/b.md"), "bb").unwrap();
        std::fs::write(temp.path().join("content/a.md"), "a").unwrap();
        let found = files(temp.path(), &temp.path().join("content"));
        let names: Vec<_> = found.iter().map(|f| (f.rel.as_str(), f.len)).collect();
        assert_eq!(names, [("content/a.md", 1), ("content/notes/b.md", 2)]);
        assert!(found.iter().all(|f| f.modified.is_some()));
    }

    #[test]
    fn contents_come_before_their_folder() {
        let temp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(temp.path().join("x")).unwrap();
        std::fs::write(temp.path().join("x/page.html"), "").unwrap();
        let order: Vec<_> = contents_first(temp.path())
            .map(|e| e.unwrap())
            .map(|e| (e.rel, e.is_dir))
            .collect();
        assert_eq!(
            order,
            [("x/page.html".to_string(), false), ("x".to_string(), true)]
        );
    }
}
