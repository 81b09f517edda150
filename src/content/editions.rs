//! Reading a project's `editions/`: each `<n>.json` parsed into a
//! [`Snapshot`](crate::editions::Snapshot), with `<n>.html`, the print edition frozen with
//! it, when there is one. Snapshots must be numbered 1, 2, 3, … with no gap, each holding
//! its own number, in the format's version. A [`Loader`](super::Loader) keeps what it read
//! and reads a file again only when its size or time changed.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::SystemTime;

use super::load::read_text_up_to;
use crate::codes::Code;
use crate::diagnostics::{Diagnostic, Pos};
use crate::editions::{FOLDER, Snapshot, VERSION};
use crate::tree;

/// The largest snapshot read: 256 MiB, about twenty times that of a 10,000-note briefing.
pub const MAX_SNAPSHOT_BYTES: u64 = 256 * 1024 * 1024;

/// One frozen edition, as read from `editions/`.
#[derive(Debug, Clone, PartialEq)]
pub struct Edition {
    /// Its snapshot's file, relative to the project root (`editions/1.json`).
    pub file: String,
    /// What it held.
    pub snapshot: Snapshot,
    /// Its print edition (`editions/1.html`), self-contained HTML, when frozen with it.
    pub print: Option<Arc<str>>,
}

/// What a loader keeps of `editions/` between loads: each file's size, time and parse.
#[derive(Debug, Default)]
pub struct Kept {
    /// By file: its stamp and what it gave.
    files: HashMap<String, (Stamp, Result<Arc<Edition>, Diagnostic>)>,
}

type Stamp = (u64, Option<SystemTime>);

impl Kept {
    /// The editions of the project at `root`, in number order, with the problems found.
    pub fn load(&mut self, root: &Path) -> (Vec<Arc<Edition>>, Vec<Diagnostic>) {
        let dir = root.join(FOLDER);
        if !dir.is_dir() {
            self.files.clear();
            return (Vec::new(), Vec::new());
        }
        let walk = tree::files(root, &dir, root);
        let mut problems: Vec<Diagnostic> =
            walk.skipped.iter().map(tree::Skipped::diagnostic).collect();
        let htmls: Vec<&tree::Found> = walk
            .files
            .iter()
            .filter(|f| f.rel.ends_with(".html"))
            .collect();
        let mut kept = HashMap::new();
        let mut editions = Vec::new();
        for f in walk.files.iter().filter(|f| !f.rel.ends_with(".html")) {
            let print = htmls
                .iter()
                .find(|h| h.rel == f.rel.replace(".json", ".html"));
            let stamp = (
                f.len + print.map_or(0, |p| p.len),
                f.modified.max(print.and_then(|p| p.modified)),
            );
            let read = match self.files.remove(&f.rel) {
                Some((s, read)) if s == stamp && stamp.1.is_some() => read,
                _ => read_one(root, &f.rel, print.map(|p| p.rel.as_str())),
            };
            match &read {
                Ok(edition) => editions.push(Arc::clone(edition)),
                Err(problem) => problems.push(problem.clone()),
            }
            kept.insert(f.rel.clone(), (stamp, read));
        }
        self.files = kept;
        editions.sort_by_key(|e| e.snapshot.number);
        problems.extend(gaps(&editions));
        (editions, problems)
    }
}

/// The number a snapshot's file name gives: `3` for `editions/3.json`.
fn number_of(rel: &str) -> Option<u32> {
    let name = rel
        .strip_prefix(FOLDER)?
        .strip_prefix('/')?
        .strip_suffix(".json")?;
    let digits = name.bytes().all(|b| b.is_ascii_digit()) && !name.starts_with('0');
    digits.then(|| name.parse().ok()).flatten()
}

/// Reads and checks the snapshot `rel`, and the print edition `html` beside it.
fn read_one(root: &Path, rel: &str, html: Option<&str>) -> Result<Arc<Edition>, Diagnostic> {
    let Some(number) = number_of(rel) else {
        let message = "this file is not a snapshot: snapshots are named by their number, `1.json`, `2.json`, …";
        return Err(
            Diagnostic::error(Code::BadSnapshot, rel, Pos::new(1, 1), message).with_help(
                "move other files out of editions/; `dossier edition freeze` writes the snapshots",
            ),
        );
    };
    let text = read_text_up_to(&root.join(rel), rel, MAX_SNAPSHOT_BYTES)?;
    let snapshot: Snapshot = crate::render::parse_snapshot(&text, rel)?;
    let at = |key: &str| {
        let offset = text.find(&format!("\"{key}\"")).unwrap_or(0);
        Pos::of_offset(&text, offset)
    };
    if snapshot.version != VERSION {
        let message = format!(
            "the snapshot is in version {} of the format; this dossier reads version {VERSION}",
            snapshot.version
        );
        return Err(
            Diagnostic::error(Code::BadSnapshot, rel, at("version"), message)
                .with_help("use the dossier that wrote it, or freeze the edition again"),
        );
    }
    if snapshot.number != number {
        let message = format!(
            "the snapshot says it is edition {}, but its file is named for edition {number}",
            snapshot.number
        );
        return Err(Diagnostic::error(Code::BadSnapshot, rel, at("number"), message)
            .with_help("snapshots are written by `dossier edition freeze`; put the file back as it was written"));
    }
    let print = match html {
        Some(html) => Some(Arc::from(read_text_up_to(
            &root.join(html),
            html,
            MAX_SNAPSHOT_BYTES,
        )?)),
        None => None,
    };
    let file = rel.to_string();
    Ok(Arc::new(Edition {
        file,
        snapshot,
        print,
    }))
}

/// A problem for each edition missing before the last one.
fn gaps(editions: &[Arc<Edition>]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (i, e) in editions.iter().enumerate() {
        let expected = i as u32 + 1;
        if e.snapshot.number != expected {
            let message = format!(
                "there is no snapshot of edition {expected}, but there is one of edition {}",
                e.snapshot.number
            );
            problems.push(Diagnostic::error(Code::BadSnapshot, &e.file, Pos::new(1, 1), message)
                .with_help(format!("editions are numbered 1, 2, 3, … without a gap: restore `{FOLDER}/{expected}.json` from the project's history")));
            break;
        }
    }
    problems
}
