//! Reading `content/`: walk it in sorted order, read each file and parse it, in parallel.
//! A [`Loader`] remembers each file's size and modification time, so a second load (as in
//! `dossier serve`) reads and parses only the files that changed.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;

use super::{Content, IndexSpec, NoteSpec, Page, SourceSpec, parse};
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

    /// Reads and parses everything under `root/content` that changed since the last call.
    pub fn load(&mut self, root: &Path, drafts: bool) -> (Content, Vec<Diagnostic>) {
        let dir = root.join("content");
        if !dir.is_dir() {
            let message = format!("there is no content folder in {}", root.display());
            let d = Diagnostic::error("no-content", "content", Pos::default(), message).with_help(
                "run dossier in a briefing project (a folder holding content/), or pass --root DIR",
            );
            return (Content::default(), vec![d]);
        }
        let files = walk(root, &dir);
        let cache = &self.cache;
        let loaded: Vec<(String, Stamp, Loaded)> = files
            .into_par_iter()
            .map(|(rel, kind, stamp)| {
                let cached = cache
                    .get(&rel)
                    .filter(|(s, _)| *s == stamp && stamp.1.is_some());
                let item =
                    cached.map_or_else(|| read_one(root, &rel, kind), |(_, item)| item.clone());
                (rel, stamp, item)
            })
            .collect();
        self.cache = loaded
            .iter()
            .map(|(rel, stamp, item)| (rel.clone(), (*stamp, item.clone())))
            .collect();
        assemble(loaded.into_iter().map(|(_, _, item)| item), drafts)
    }
}

/// Every file under `dir`, sorted, as (path relative to `root`, kind, stamp).
fn walk(root: &Path, dir: &Path) -> Vec<(String, Kind, Stamp)> {
    tree::files(root, dir)
        .into_iter()
        .map(|f| {
            let kind = kind_of(&f.rel);
            (f.rel, kind, (f.len, f.modified))
        })
        .collect()
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
    let text = match std::fs::read(root.join(rel)).map(String::from_utf8) {
        Ok(Ok(text)) => text,
        Ok(Err(_)) => {
            return problem(
                "not-utf8",
                rel,
                "the file is not UTF-8 text",
                "save it as UTF-8",
            );
        }
        Err(e) => {
            return problem(
                "io",
                rel,
                &format!("cannot read the file: {e}"),
                "check its permissions",
            );
        }
    };
    let parsed = match kind {
        Kind::Index => parse::<IndexSpec>(rel, text).map(|p| Loaded::Index(Arc::new(p))),
        Kind::Note => parse::<NoteSpec>(rel, text).map(|p| Loaded::Note(Arc::new(p))),
        _ => parse::<SourceSpec>(rel, text).map(|p| Loaded::Source(Arc::new(p))),
    };
    parsed.unwrap_or_else(Loaded::Problem)
}

fn stray(rel: &str) -> Diagnostic {
    Diagnostic::warning("stray-file", rel, Pos::default(), "this file is not used by the build")
        .with_help("notes go in content/notes/, sources in content/sources/, images and other files in static/")
}

fn problem(code: &'static str, rel: &str, message: &str, help: &str) -> Loaded {
    Loaded::Problem(Diagnostic::error(code, rel, Pos::new(1, 1), message).with_help(help))
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
