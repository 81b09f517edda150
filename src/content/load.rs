//! Reading `content/`: walk it in sorted order, read each file (one larger than 8 MiB is
//! refused by its size, unread) and parse it, in parallel.
//! A [`Loader`] remembers each file's size and modification time, so a second load (as in
//! `dossier serve`) reads and parses only the files that changed; told by a watcher which
//! files changed, it looks at those alone instead of walking the folder again.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;

use super::{Content, IndexSpec, NoteSpec, Page, SourceSpec, parse, yaml};
use crate::codes::Code;
use crate::diagnostics::{Diagnostic, Pos};
use crate::tree;

/// Reads and parses everything under `root/content`; drafts are skipped unless `drafts`.
pub fn load(root: &Path, drafts: bool) -> (Content, Vec<Diagnostic>) {
    Loader::default().load(root, drafts)
}

/// Loads content, reusing what it parsed last time for files that did not change.
#[derive(Debug, Default)]
pub struct Loader {
    /// Path → (size and modification time when read, what it gave).
    cache: HashMap<String, (Stamp, Loaded)>,
    /// Every file the last load found, in walking order.
    files: Vec<(String, Kind, Stamp)>,
    /// The files a watcher reported as all that changed since the last load.
    told: Option<Vec<String>>,
    /// What the last walk left out (links leading outside the project, names not UTF-8).
    skipped: Vec<Diagnostic>,
    /// What was read of `editions/`.
    editions: super::editions::Kept,
}

/// A file's size and modification time.
type Stamp = (u64, Option<SystemTime>);

impl Loader {
    /// Forgets what was read from `files` (paths relative to the project root, with `/`), so
    /// the next load reads them again even if their size and time did not change.
    pub fn forget<'a>(&mut self, files: impl IntoIterator<Item = &'a str>) {
        for file in files {
            self.cache.remove(file);
        }
    }

    /// Like [`Loader::forget`], and the next load trusts that no other file changed, added or
    /// removed: it looks at these instead of walking `content/` (a folder among them, or a
    /// file it cannot look at, and it walks after all).
    pub fn told<'a>(&mut self, files: impl IntoIterator<Item = &'a str>) {
        let files: Vec<String> = files.into_iter().map(str::to_string).collect();
        self.forget(files.iter().map(String::as_str));
        self.told.get_or_insert_with(Vec::new).extend(files);
    }

    /// Reads and parses everything under `root/content` that changed since the last call.
    pub fn load(&mut self, root: &Path, drafts: bool) -> (Content, Vec<Diagnostic>) {
        let dir = root.join("content");
        if !dir.is_dir() {
            let message = format!("there is no content folder in {}", root.display());
            let d = Diagnostic::error(Code::NoContent, "content", Pos::default(), message).with_help(
                "run dossier in a briefing project (a folder holding content/), or pass --root DIR",
            );
            return (Content::default(), vec![d]);
        }
        self.look(root, &dir);
        let loaded = self.read(root);
        self.keep(&loaded);
        let (mut content, mut diagnostics) =
            assemble(loaded.into_iter().map(|(_, item)| item), drafts);
        diagnostics.extend(self.skipped.iter().cloned());
        let (editions, problems) = self.editions.load(root);
        content.editions = editions;
        diagnostics.extend(problems);
        (content, diagnostics)
    }

    /// Brings the list of files up to date: the files a watcher told of looked at again, in
    /// place, or `content/` (`dir`) walked.
    fn look(&mut self, root: &Path, dir: &Path) {
        let told = self.told.take();
        let updated = told.is_some_and(|told| {
            !self.files.is_empty() && update(root, &mut self.files, &told).is_some()
        });
        if !updated {
            (self.files, self.skipped) = walk(root, dir);
        }
    }

    /// Each listed file as kept, or read and parsed anew when its size or time changed (with
    /// true then), in parallel.
    fn read(&self, root: &Path) -> Vec<(bool, Loaded)> {
        let one = |(rel, kind, stamp): &(String, Kind, Stamp)| {
            let kept = self.cache.get(rel);
            match kept.filter(|(s, _)| s == stamp && stamp.1.is_some()) {
                Some((_, item)) => (false, item.clone()),
                None => (true, read_one(root, rel, *kind)),
            }
        };
        self.files.par_iter().map(one).collect()
    }

    /// Keeps what this load read (each of `loaded` is the file at the same place in the list,
    /// with true when it was read anew), and forgets the files no longer there.
    fn keep(&mut self, loaded: &[(bool, Loaded)]) {
        for ((rel, _, stamp), (read, item)) in self.files.iter().zip(loaded) {
            if *read {
                self.cache.insert(rel.clone(), (*stamp, item.clone()));
            }
        }
        // Every file listed is kept now: any more kept are files gone.
        if self.cache.len() > self.files.len() {
            let listed: HashSet<&str> = self.files.iter().map(|(rel, _, _)| rel.as_str()).collect();
            self.cache.retain(|rel, _| listed.contains(rel.as_str()));
        }
    }
}

/// Every file under `dir`, sorted, as (path relative to `root`, kind, stamp), and the
/// diagnostics of what the walk left out.
fn walk(root: &Path, dir: &Path) -> (Vec<(String, Kind, Stamp)>, Vec<Diagnostic>) {
    let walk = tree::files(root, dir, root);
    let files = walk
        .files
        .into_iter()
        .map(|f| {
            let kind = kind_of(&f.rel);
            (f.rel, kind, (f.len, f.modified))
        })
        .collect();
    (
        files,
        walk.skipped.iter().map(tree::Skipped::diagnostic).collect(),
    )
}

/// Looks again at the `told` paths of `files` (the last walk), in place; `None` when one is a
/// folder, was one, or cannot be looked at: then only a walk knows what is there.
fn update(root: &Path, files: &mut Vec<(String, Kind, Stamp)>, told: &[String]) -> Option<()> {
    for rel in told.iter().filter(|r| r.starts_with("content/")) {
        let at = files.binary_search_by(|(f, _, _)| walk_order(f, rel));
        match std::fs::symlink_metadata(root.join(rel)) {
            Ok(meta) if meta.is_file() => {
                let entry = (
                    rel.clone(),
                    kind_of(rel),
                    (meta.len(), meta.modified().ok()),
                );
                match at {
                    Ok(i) => files[i] = entry,
                    Err(i) => files.insert(i, entry),
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let folder = format!("{rel}/");
                if files.iter().any(|(f, _, _)| f.starts_with(&folder)) {
                    return None;
                }
                if let Ok(i) = at {
                    files.remove(i);
                }
            }
            _ => return None,
        }
    }
    Some(())
}

/// The order a walk finds two paths in: folder by folder, each sorted by name.
fn walk_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.split('/').cmp(b.split('/'))
}

/// What a file under `content/` is, by its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Index,
    Note,
    Source,
    Ignored,
    Stray,
}

fn kind_of(rel: &str) -> Kind {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    if name.starts_with('.') || name.starts_with('#') || name.ends_with('~') {
        return Kind::Ignored;
    }
    match rel {
        "content/_index.md" => Kind::Index,
        _ if !name.ends_with(".md") => Kind::Stray,
        _ if rel.starts_with("content/notes/") => Kind::Note,
        _ if rel.starts_with("content/sources/") => Kind::Source,
        _ => Kind::Stray,
    }
}

/// One file's outcome.
#[derive(Debug, Clone)]
enum Loaded {
    Index(Arc<Page<IndexSpec>>),
    Note(Arc<Page<NoteSpec>>),
    Source(Arc<Page<SourceSpec>>),
    Problem(Diagnostic),
    Nothing,
}

fn read_one(root: &Path, rel: &str, kind: Kind) -> Loaded {
    if kind == Kind::Ignored {
        return Loaded::Nothing;
    }
    if kind == Kind::Stray {
        return Loaded::Problem(stray(rel));
    }
    let text = match read_text(&root.join(rel), rel) {
        Ok(text) => text,
        Err(d) => return Loaded::Problem(d),
    };
    let parsed = match kind {
        Kind::Index => parse::<IndexSpec>(rel, text).map(|p| Loaded::Index(Arc::new(p))),
        Kind::Note => parse::<NoteSpec>(rel, text).map(|p| Loaded::Note(Arc::new(p))),
        _ => parse::<SourceSpec>(rel, text).map(|p| Loaded::Source(Arc::new(p))),
    };
    parsed.unwrap_or_else(Loaded::Problem)
}

/// The text of the file at `path` (`rel` in diagnostics): refused unread when it is larger
/// than [`yaml::MAX_BYTES`], by its size, and read no further than that should it grow.
pub fn read_text(path: &Path, rel: &str) -> Result<String, Diagnostic> {
    read_text_up_to(path, rel, yaml::MAX_BYTES)
}

/// [`read_text`] for a file that may be up to `max` bytes long.
pub fn read_text_up_to(path: &Path, rel: &str, max: u64) -> Result<String, Diagnostic> {
    let error = |code, message: &str, help| {
        Diagnostic::error(code, rel, Pos::new(1, 1), message).with_help(help)
    };
    let unreadable = |e: std::io::Error| {
        error(
            Code::Io,
            &format!("cannot read the file: {e}"),
            "check its permissions",
        )
    };
    let file = File::open(path).map_err(unreadable)?;
    let size = file.metadata().map_err(unreadable)?.len();
    if size > max {
        return Err(yaml::too_large(rel, size, Pos::new(1, 1), max));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > max {
        return Err(yaml::too_large(
            rel,
            bytes.len() as u64,
            Pos::new(1, 1),
            max,
        ));
    }
    String::from_utf8(bytes).map_err(|_| {
        error(
            Code::NotUtf8,
            "the file is not UTF-8 text",
            "save it as UTF-8",
        )
    })
}

fn stray(rel: &str) -> Diagnostic {
    Diagnostic::warning(Code::StrayFile, rel, Pos::default(), "this file is not used by the build")
        .with_help("notes go in content/notes/, sources in content/sources/, images and other files in static/")
}

fn assemble(loaded: impl Iterator<Item = Loaded>, drafts: bool) -> (Content, Vec<Diagnostic>) {
    let mut content = Content::default();
    let mut diagnostics = Vec::new();
    for item in loaded {
        match item {
            Loaded::Index(page) => content.index = Some(page),
            Loaded::Note(page) if page.spec.draft && !drafts => {}
            Loaded::Note(page) => content.notes.push(page),
            Loaded::Source(page) => content.sources.push(page),
            Loaded::Problem(d) => diagnostics.push(d),
            Loaded::Nothing => {}
        }
    }
    (content, diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_files_by_place() {
        assert_eq!(kind_of("content/_index.md"), Kind::Index);
        assert_eq!(kind_of("content/notes/a.md"), Kind::Note);
        assert_eq!(kind_of("content/notes/deep/a.md"), Kind::Note);
        assert_eq!(kind_of("content/sources/s.md"), Kind::Source);
        assert_eq!(kind_of("content/notes/.a.md.swp"), Kind::Ignored);
        assert_eq!(kind_of("content/notes/a.md~"), Kind::Ignored);
        assert_eq!(kind_of("content/notes/chart.png"), Kind::Stray);
        assert_eq!(kind_of("content/about.md"), Kind::Stray);
    }

    /// The files and titles of the notes and the sources' files, in order.
    fn shape(content: &Content) -> Vec<String> {
        let notes = content
            .notes
            .iter()
            .map(|p| format!("{} {}", p.file, p.spec.title));
        notes
            .chain(content.sources.iter().map(|p| p.file.clone()))
            .collect()
    }

    #[test]
    fn told_what_changed_a_load_looks_at_nothing_else_and_agrees_with_a_walk() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let note = |name: &str, title: &str| {
            let path = root.join("content/notes").join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(
                path,
                format!("---\ntitle: {title}\ndate: 2025\n---\nText\n"),
            )
            .unwrap();
        };
        note("a.md", "A");
        note("b.md", "B");
        let mut loader = Loader::default();
        loader.load(root, false);
        note("b.md", "C");
        note("a-b.md", "AB");
        note("a/x.md", "X");
        loader.told([
            "content/notes/b.md",
            "content/notes/a-b.md",
            "content/notes/a/x.md",
        ]);
        let (told, _) = loader.load(root, false);
        assert_eq!(
            shape(&told),
            shape(&load(root, false).0),
            "edited and added"
        );
        assert_eq!(told.notes.len(), 4);
        std::fs::remove_file(root.join("content/notes/a.md")).unwrap();
        loader.told(["content/notes/a.md"]);
        assert_eq!(
            shape(&loader.load(root, false).0),
            shape(&load(root, false).0),
            "removed"
        );
        std::fs::remove_dir_all(root.join("content/notes/a")).unwrap();
        loader.told(["content/notes/a"]);
        let (walked, _) = loader.load(root, false);
        assert_eq!(
            shape(&walked),
            shape(&load(root, false).0),
            "a folder removed"
        );
        note("c.md", "Unseen");
        loader.told([]);
        assert_eq!(
            loader.load(root, false).0.notes.len(),
            2,
            "told of nothing, it walks not"
        );
        assert_eq!(
            loader.load(root, false).0.notes.len(),
            3,
            "untold, it walks"
        );
    }

    #[test]
    fn a_second_load_reads_only_changed_files() {
        let dir = tempfile::tempdir().unwrap();
        let notes = dir.path().join("content/notes");
        std::fs::create_dir_all(&notes).unwrap();
        std::fs::write(notes.join("a.md"), "---\ntitle: A\ndate: 2025\n---\nOne\n").unwrap();
        std::fs::write(notes.join("b.md"), "---\ntitle: B\ndate: 2025\n---\nTwo\n").unwrap();
        let mut loader = Loader::default();
        let (first, _) = loader.load(dir.path(), false);
        std::fs::write(
            notes.join("b.md"),
            "---\ntitle: B2\ndate: 2025\n---\nTwo, changed\n",
        )
        .unwrap();
        let (second, _) = loader.load(dir.path(), false);
        assert!(
            Arc::ptr_eq(&first.notes[0], &second.notes[0]),
            "a.md was not parsed again"
        );
        assert_eq!(second.notes[1].spec.title, "B2");
        std::fs::remove_file(notes.join("a.md")).unwrap();
        let (third, _) = loader.load(dir.path(), false);
        assert_eq!(third.notes.len(), 1);
    }
}
