//! The record of the files dossier wrote into an output folder ([`MANIFEST`]), and what a
//! build may do in a folder, decided before anything is written: a folder dossier never built
//! into is refused unless the user says otherwise, so no file of theirs is ever replaced or
//! removed by mistake.
//!
//! The record is a text file, one path per line (each starting with `/`, as on the site), after
//! a `#` header. A build that is about to put files in place appends the paths it may leave
//! behind under an `# unfinished` line, and takes the lines back once it is done: a build cut
//! short leaves a record that still names every file it wrote.

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

/// What a build may do in its output folder; kept by a `serve` session between builds (see
/// [`Ownership::still_holds`]), so that a save does not read the record again.
#[derive(Debug, Clone, Default)]
pub struct Ownership {
    /// The files dossier wrote there before, by path: the only files a build removes.
    pub owned: crate::fingerprint::Set<String>,
    /// The folder was new or empty: nothing to compare, replace or remove.
    pub fresh: bool,
    /// Files dossier did not write may be replaced where the build writes its own (`--force`,
    /// a site of an earlier dossier, or a build that was cut short).
    pub adopt: bool,
    /// Given `--force`.
    forced: bool,
    /// The record on disk as this value knows it (its size and modification time); `None`
    /// when there is none.
    record: Option<Stamp>,
    /// The record on disk names other files than `owned` (or is missing): the next build
    /// writes it whole.
    stale: bool,
}

/// A file's size and modification time.
type Stamp = (u64, Option<std::time::SystemTime>);

impl Ownership {
    /// Looks at the output folder `out` (which exists) and decides what a build may do there;
    /// an error when it holds files of someone else's and `force` is not given.
    pub fn survey(out: &Path, force: bool) -> Result<Ownership, Diagnostic> {
        let mut names: Vec<String> = fs::read_dir(out)
            .and_then(|entries| entries.map(|e| Ok(name_of(&e?))).collect())
            .map_err(|e| super::problems::io_error(out, &e))?;
        let new = |adopt, fresh| Ownership {
            fresh,
            adopt,
            forced: force,
            stale: true,
            ..Ownership::default()
        };
        if names.is_empty() {
            return Ok(new(force, true));
        }
        match fs::read_to_string(out.join(MANIFEST)) {
            Ok(text) if text.starts_with(HEADER) => Ok(Ownership::recorded(out, &text, force)),
            Err(e) if e.kind() != io::ErrorKind::NotFound => {
                Err(super::problems::io_error(out, &e))
            }
            _ if force || EARLIER_SITE.iter().all(|f| out.join(f).is_file()) => {
                Ok(new(true, false))
            }
            _ => {
                names.sort();
                Err(super::problems::not_ours(out, &names))
            }
        }
    }

    /// What a record's `text`, read from `out`, says.
    fn recorded(out: &Path, text: &str, force: bool) -> Ownership {
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
            forced: force,
            record: stamp(out),
            stale: unfinished,
        }
    }

    /// True when this ownership, left by the last build into `out`, still holds for a build
    /// with `force`: the record is as that build left it.
    pub fn still_holds(&self, out: &Path, force: bool) -> bool {
        self.forced == force && self.record.is_some() && stamp(out) == self.record
    }

    /// May the build replace the file at `path`, which is already there?
    pub fn may_replace(&self, path: &str) -> bool {
        self.adopt || self.owned.contains(path)
    }

    /// After a build put `added` in place and removed `removed`: what it owns now, the
    /// record written to say so when it changed (or the lines it `appended` taken back).
    pub fn finish(
        &mut self,
        out: &Path,
        added: Vec<String>,
        removed: &[String],
        appended: bool,
    ) -> io::Result<()> {
        let changed = self.stale || !added.is_empty() || !removed.is_empty();
        for path in removed {
            self.owned.remove(path);
        }
        self.owned.extend(added);
        if changed {
            let mut paths: Vec<&str> = self.owned.iter().map(String::as_str).collect();
            paths.sort_unstable();
            let temp = out.join(format!("{MANIFEST}.dossier-tmp"));
            fs::write(&temp, text_of(&paths))?;
            fs::rename(&temp, out.join(MANIFEST))?;
        } else if appended {
            self.restore(out)?;
        }
        (self.fresh, self.adopt, self.stale) = (false, self.forced, false);
        self.record = stamp(out);
        Ok(())
    }

    /// Takes back the lines a build appended, so the record is as it was found (none at all
    /// in a folder that had none).
    pub fn restore(&self, out: &Path) -> io::Result<()> {
        let path = out.join(MANIFEST);
        match self.record {
            Some((len, _)) => fs::OpenOptions::new().write(true).open(&path)?.set_len(len),
            None => fs::remove_file(&path),
        }
    }
}

/// The size and modification time of the record in `out`, if there is one.
fn stamp(out: &Path) -> Option<Stamp> {
    let meta = fs::metadata(out.join(MANIFEST)).ok()?;
    Some((meta.len(), meta.modified().ok()))
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
    let mut text = match ownership.record {
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
