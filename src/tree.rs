//! Walking folders on disk: the one module that uses walkdir. Paths come back relative to a
//! base folder with `/` separators, the way dossier names files in diagnostics and URLs.
//!
//! A symbolic link is followed when it resolves inside the project, and reported otherwise
//! (a project that pulls in files from elsewhere on the machine should say so); a link back to
//! a folder it sits in is reported, never walked round and round. A name that is not UTF-8
//! cannot become a URL or an id, and is reported as such.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use walkdir::WalkDir;

use crate::codes::Code;
use crate::diagnostics::{Diagnostic, Pos};

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

/// Something a walk found and could not take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Its path relative to the project, with `/` (lossy where the name is not UTF-8).
    pub rel: String,
    /// Why it was left out.
    pub why: Why,
}

/// Why a walk left an entry out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// A symbolic link to this place outside the project.
    Outside(PathBuf),
    /// A symbolic link to a folder that holds it.
    Loop,
    /// A symbolic link to nothing.
    Broken,
    /// A name that is not UTF-8.
    NotUtf8,
    /// The system refused to read it.
    Unreadable(String),
}

/// What a walk found: the files, sorted by path, and what it left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Walk {
    /// Every file, sorted by name folder by folder.
    pub files: Vec<Found>,
    /// Entries left out, in walking order.
    pub skipped: Vec<Skipped>,
}

/// Every file under `dir`, sorted by name, with paths relative to `base`; symbolic links are
/// followed when they resolve inside `project` (the project folder).
pub fn files(base: &Path, dir: &Path, project: &Path) -> Walk {
    if !dir.exists() {
        return Walk::default(); // An optional folder (templates/, static/) not made.
    }
    let project = std::fs::canonicalize(project).unwrap_or_else(|_| project.to_path_buf());
    let outside = std::cell::RefCell::new(Vec::new());
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let target = (e.depth() > 0 && e.path_is_symlink())
                .then(|| std::fs::canonicalize(e.path()).ok())
                .flatten();
            match target {
                Some(target) if !target.starts_with(&project) => {
                    outside.borrow_mut().push((e.path().to_path_buf(), target));
                    false
                }
                _ => true,
            }
        });
    let mut walk = Walk::default();
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => walk.take(base, e),
            Ok(e) if e.file_name().to_str().is_none() => walk.skip(base, e.path(), Why::NotUtf8),
            Ok(_) => {}
            Err(e) => walk.skip_error(base, &e),
        }
    }
    for (path, target) in outside.into_inner() {
        walk.skip(base, &path, Why::Outside(target));
    }
    walk
}

impl Walk {
    /// Takes a file, unless its path is not UTF-8.
    fn take(&mut self, base: &Path, e: walkdir::DirEntry) {
        if e.path()
            .strip_prefix(base)
            .unwrap_or(e.path())
            .to_str()
            .is_none()
        {
            return self.skip(base, e.path(), Why::NotUtf8);
        }
        let meta = e.metadata().ok();
        self.files.push(Found {
            rel: relative(base, e.path()),
            len: meta.as_ref().map_or(0, |m| m.len()),
            modified: meta.and_then(|m| m.modified().ok()),
            path: e.into_path(),
        });
    }

    fn skip(&mut self, base: &Path, path: &Path, why: Why) {
        let rel = relative(base, path);
        self.skipped.push(Skipped { rel, why });
    }

    fn skip_error(&mut self, base: &Path, error: &walkdir::Error) {
        let Some(path) = error.path() else { return };
        let why = if error.loop_ancestor().is_some() {
            Why::Loop
        } else if path.is_symlink() && !path.exists() {
            Why::Broken
        } else {
            Why::Unreadable(
                error
                    .io_error()
                    .map_or(error.to_string(), |e| e.to_string()),
            )
        };
        self.skip(base, path, why);
    }
}

impl Skipped {
    /// The diagnostic for it: an error where a file may be missing from the build because of
    /// it (a name that is not UTF-8, a folder that cannot be read), a warning for links.
    pub fn diagnostic(&self) -> Diagnostic {
        let rel = &self.rel;
        let (error, code, message, help) = match &self.why {
            Why::Outside(target) => (
                false,
                Code::LinkOutside,
                format!(
                    "this symbolic link leads outside the project, to {}; it is left out",
                    target.display()
                ),
                "copy the file into the project, or link to a place inside it".to_string(),
            ),
            Why::Loop => (
                false,
                Code::LinkLoop,
                "this symbolic link leads to a folder that holds it; it is left out".into(),
                "remove the link, or point it elsewhere".to_string(),
            ),
            Why::Broken => (
                false,
                Code::LinkBroken,
                "this symbolic link leads nowhere; it is left out".into(),
                "remove the link, or restore what it points to".to_string(),
            ),
            Why::NotUtf8 => (
                true,
                Code::NameNotUtf8,
                "this file name is not UTF-8 text, so it cannot name a page or an id".into(),
                "rename the file using UTF-8 (any letters, digits, `-` and `_` are fine)"
                    .to_string(),
            ),
            Why::Unreadable(e) => (
                true,
                Code::Io,
                format!("cannot read this folder: {e}"),
                "check its permissions".to_string(),
            ),
        };
        let d = match error {
            true => Diagnostic::error(code, rel, Pos::default(), message),
            false => Diagnostic::warning(code, rel, Pos::default(), message),
        };
        d.with_help(help)
    }
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
    use std::fs;
    use std::os::unix::fs::symlink;

    fn rels(walk: &Walk) -> Vec<&str> {
        walk.files.iter().map(|f| f.rel.as_str()).collect()
    }

    #[test]
    fn files_are_sorted_relative_and_measured() {
        let temp = tempfile::tempdir().unwrap();
        fs::create_dir_all(temp.path().join("content/notes")).unwrap();
        fs::write(temp.path().join("content/notes/b.md"), "bb").unwrap();
        fs::write(temp.path().join("content/a.md"), "a").unwrap();
        let walk = files(temp.path(), &temp.path().join("content"), temp.path());
        let names: Vec<_> = walk.files.iter().map(|f| (f.rel.as_str(), f.len)).collect();
        assert_eq!(names, [("content/a.md", 1), ("content/notes/b.md", 2)]);
        assert!(walk.files.iter().all(|f| f.modified.is_some()));
        assert!(walk.skipped.is_empty());
    }

    #[test]
    fn links_inside_the_project_are_followed_and_others_reported() {
        let temp = tempfile::tempdir().unwrap();
        let (project, elsewhere) = (temp.path().join("p"), temp.path().join("elsewhere"));
        fs::create_dir_all(project.join("static/img")).unwrap();
        fs::create_dir_all(project.join("shared")).unwrap();
        fs::create_dir_all(&elsewhere).unwrap();
        fs::write(project.join("shared/logo.png"), "png").unwrap();
        fs::write(elsewhere.join("secret.txt"), "s").unwrap();
        symlink(project.join("shared"), project.join("static/shared")).unwrap();
        symlink(
            project.join("shared/logo.png"),
            project.join("static/img/logo.png"),
        )
        .unwrap();
        symlink(
            elsewhere.join("secret.txt"),
            project.join("static/secret.txt"),
        )
        .unwrap();
        symlink(&elsewhere, project.join("static/away")).unwrap();
        symlink(project.join("static"), project.join("static/img/up")).unwrap();
        symlink(project.join("gone"), project.join("static/gone")).unwrap();
        let dir = project.join("static");
        let walk = files(&dir, &dir, &project);
        assert_eq!(rels(&walk), ["img/logo.png", "shared/logo.png"]);
        let mut skipped: Vec<_> = walk
            .skipped
            .iter()
            .map(|s| (s.rel.as_str(), s.diagnostic().code.as_str()))
            .collect();
        skipped.sort();
        assert_eq!(
            skipped,
            [
                ("away", "link-outside"),
                ("gone", "link-broken"),
                ("img/up", "link-loop"),
                ("secret.txt", "link-outside"),
            ]
        );
        assert!(walk.skipped.iter().all(|s| !s.diagnostic().is_error()));
    }

    #[test]
    fn a_name_that_is_not_utf8_is_an_error_naming_the_file() {
        use std::os::unix::ffi::OsStrExt;
        let temp = tempfile::tempdir().unwrap();
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
        fs::write(temp.path().join(name), "x").unwrap();
        fs::write(temp.path().join("ok.md"), "x").unwrap();
        let walk = files(temp.path(), temp.path(), temp.path());
        assert_eq!(rels(&walk), ["ok.md"]);
        let d = walk.skipped[0].diagnostic();
        assert_eq!(
            (d.code.as_str(), d.file.as_str()),
            ("name-not-utf8", "caf\u{fffd}.md")
        );
        assert!(d.is_error());
    }
}
