//! The record of the files dossier wrote into an output folder ([`MANIFEST`]), and what a
//! build may do in a folder, decided before anything is written: a folder dossier never built
//! into is refused unless the user says otherwise, so no file of theirs is ever replaced or
//! removed by mistake.
//!
//! The record is a text file, one path per line (each starting with `/`, as on the site), after
//! a `#` header. A build that is about to put files in place appends the paths it may leave
//! behind under an `# unfinished` line, and takes the lines back once it is done: a build cut
//! short leaves a record that still names every file it wrote.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::path::Path;

use super::{MANIFEST, is_safe};
use crate::diagnostics::Diagnostic;

/// The first line of the record.
const HEADER: &str =
    "# dossier: the files it wrote into this folder; a build removes only these. Format 1.";

/// The line after which a build not yet finished listed what it was writing.
const UNFINISHED: &str = "# unfinished: a build was putting these in place";

/// Files every build since the first published version wrote at the top of the folder: a
/// folder holding all of them without a record is a site of an earlier dossier.
const EARLIER_SITE: [&str; 4] = [
    "index.html",
    "claims.json",
    "claims.schema.json",
    "sources.csl.json",
];

/// What a build may do in its output folder.
#[derive(Debug, Default)]
pub struct Ownership {
    /// The files dossier wrote there before, by path: the only files a build removes.
    pub owned: HashSet<String>,
    /// The folder was new or empty: nothing to compare, replace or remove.
    pub fresh: bool,
    /// Files dossier did not write may be replaced where the build writes its own (`--force`,
    /// a site of an earlier dossier, or a build that was cut short).
    pub adopt: bool,
    /// The record as found: a build that leaves it naming the same files takes back the lines
    /// it appended instead of writing it again.
    found: Option<String>,
}

impl Ownership {
    /// Looks at the output folder `out` (which exists) and decides what a build may do there;
    /// an error when it holds files of someone else's and `force` is not given.
    pub fn survey(out: &Path, force: bool) -> Result<Ownership, Diagnostic> {
        let mut names: Vec<String> = fs::read_dir(out)
            .and_then(|entries| entries.map(|e| Ok(name_of(&e?))).collect())
            .map_err(|e| super::problems::io_error(out, &e))?;
        if names.is_empty() {
            return Ok(Ownership {
                fresh: true,
                ..Ownership::default()
            });
        }
        match fs::read_to_string(out.join(MANIFEST)) {
            Ok(text) if text.starts_with(HEADER) => Ok(Ownership::recorded(&text, force)),
            Err(e) if e.kind() != io::ErrorKind::NotFound => {
                Err(super::problems::io_error(out, &e))
            }
            _ if force || EARLIER_SITE.iter().all(|f| out.join(f).is_file()) => Ok(Ownership {
                adopt: true,
                ..Ownership::default()
            }),
            _ => {
                names.sort();
                Err(super::problems::not_ours(out, &names))
            }
        }
    }

    /// What a record's `text` says.
    fn recorded(text: &str, force: bool) -> Ownership {
        let owned = text
            .lines()
            .filter_map(|line| line.strip_prefix('/'))
            .filter(|path| is_safe(path) && *path != MANIFEST)
            .map(str::to_string)
            .collect();
        let unfinished = text.lines().any(|line| line == UNFINISHED);
        Ownership {
            owned,
            fresh: false,
            adopt: force || unfinished,
            found: Some(text.to_string()),
        }
    }

    /// May the build replace the file at `path`, which is already there?
    pub fn may_replace(&self, path: &str) -> bool {
        self.adopt || self.owned.contains(path)
    }
}

/// A folder entry's name, `/` after a folder's.
fn name_of(entry: &fs::DirEntry) -> String {
    let name = entry.file_name().to_string_lossy().into_owned();
    match entry.file_type().is_ok_and(|t| t.is_dir()) {
        true => format!("{name}/"),
        false => name,
    }
}

/// Starts the record of a new folder, marked unfinished until the build is done.
pub fn start(out: &Path) -> io::Result<()> {
    fs::write(out.join(MANIFEST), format!("{HEADER}\n{UNFINISHED}\n"))
}

/// Appends `paths` to the record as a build's unfinished work (starting the record of a
/// folder that had none).
pub fn append_unfinished<'a>(
    out: &Path,
    ownership: &Ownership,
    paths: impl Iterator<Item = &'a str>,
) -> io::Result<()> {
    let mut text = match ownership.found {
        Some(_) => String::new(),
        None => format!("{HEADER}\n"),
    };
    text.push_str(UNFINISHED);
    text.push('\n');
    for path in paths {
        text.push('/');
        text.push_str(path);
        text.push('\n');
    }
    let mut file = fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(out.join(MANIFEST))?;
    file.write_all(text.as_bytes())
}

/// Leaves the record naming `paths` (sorted) and nothing else: when it named them already,
/// the lines appended (if `appended`) are taken back; otherwise it is written again whole.
pub fn finish(out: &Path, ownership: &Ownership, paths: &[&str], appended: bool) -> io::Result<()> {
    let text = text_of(paths);
    if ownership.found.as_deref() == Some(text.as_str()) {
        return match appended {
            true => restore(out, ownership),
            false => Ok(()),
        };
    }
    let temp = out.join(format!("{MANIFEST}.dossier-tmp"));
    fs::write(&temp, text)?;
    fs::rename(&temp, out.join(MANIFEST))
}

/// Takes back the lines a build appended, so the record is as it was found (none at all in a
/// folder that was empty).
pub fn restore(out: &Path, ownership: &Ownership) -> io::Result<()> {
    let path = out.join(MANIFEST);
    match &ownership.found {
        Some(text) => fs::OpenOptions::new()
            .write(true)
            .open(&path)?
            .set_len(text.len() as u64),
        None => fs::remove_file(&path),
    }
}

/// The record's text for `paths`, sorted.
fn text_of(paths: &[&str]) -> String {
    let size = paths.iter().map(|p| p.len() + 2).sum::<usize>() + HEADER.len() + 1;
    let mut text = String::with_capacity(size);
    text.push_str(HEADER);
    text.push('\n');
    for path in paths {
        text.push('/');
        text.push_str(path);
        text.push('\n');
    }
    text
}
