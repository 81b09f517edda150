//! Putting a build's staged files in place as one step. A file a staged one replaces is first
//! moved aside, so that when any file cannot be put in place, every file already moved goes
//! back, every temporary file is removed, and the folder is as it was; only once all are in
//! are the old files deleted. Then the files dossier wrote before and no longer produces are
//! removed, and the record names what the folder now holds of dossier's.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::manifest::{self, Ownership};
use super::problems::{io_error, not_placed, not_removed};
use super::{Staging, WriteReport};
use crate::diagnostics::Diagnostic;

/// A new or changed file, written to its temporary name.
#[derive(Debug)]
pub(super) struct Pending {
    /// Its path in the output folder.
    pub rel: String,
    /// Where it was written (its target itself in a new folder).
    pub temp: PathBuf,
    /// Where it goes.
    pub target: PathBuf,
    /// True when it replaces a file of an earlier build.
    pub replaces: bool,
}

impl Pending {
    /// Where the file it replaces waits until every file is in place.
    fn aside(&self) -> PathBuf {
        super::temporary(&self.target, "old")
    }

    /// The paths, in the output folder, a build cut short could leave behind for this file.
    fn leftovers(&self, ownership: &Ownership) -> impl Iterator<Item = String> {
        let new = (!ownership.owned.contains(&self.rel)).then(|| self.rel.clone());
        let beside = |kind| match self.rel.rsplit_once('/') {
            Some((dir, name)) => format!("{dir}/.{name}.dossier-{kind}"),
            None => format!(".{}.dossier-{kind}", self.rel),
        };
        new.into_iter().chain([beside("tmp"), beside("old")])
    }
}

/// Puts `staging`'s files in place and removes the files of `gone` that dossier wrote; the
/// record then names what dossier owns in the folder: `added` (this build's files it did not
/// own) too, and any file it could not remove. Gives what writing did and the ownership the
/// next build into the folder can start from.
pub(super) fn commit(
    staging: Staging,
    gone: &[String],
    added: Vec<String>,
) -> Result<(WriteReport, Ownership), Diagnostic> {
    let Staging {
        out,
        mut ownership,
        pending,
        unchanged,
        ..
    } = staging;
    let pending = pending.into_inner().unwrap_or_else(|p| p.into_inner());
    let appended = !ownership.fresh && !pending.is_empty();
    if appended {
        let leftovers: Vec<String> = pending
            .iter()
            .flat_map(|p| p.leftovers(&ownership))
            .collect();
        manifest::append_unfinished(&out, &ownership, leftovers.iter().map(String::as_str))
            .map_err(|e| io_error(&out, &e))?;
    }
    if let Err(error) = put_in_place(&out, &pending) {
        if appended {
            let _ = ownership.restore(&out);
        }
        return Err(error);
    }
    let (count, removed, kept) = remove(&out, &ownership, gone);
    (ownership.finish(&out, added, &removed, appended)).map_err(|e| io_error(&out, &e))?;
    if let Some((path, e)) = kept.first() {
        return Err(not_removed(&out, path, e, kept.len()));
    }
    let report = WriteReport {
        written: pending.len(),
        unchanged: unchanged.into_inner(),
        removed: count,
    };
    Ok((report, ownership))
}

/// How far a file got on its way in.
#[derive(Debug, Clone, Copy)]
enum Step {
    /// The file it replaces was moved aside.
    Aside,
    /// It is in place.
    Placed,
}

/// Moves every pending file into place, or none: on a failure, every move is undone.
fn put_in_place(out: &Path, pending: &[Pending]) -> Result<(), Diagnostic> {
    let moving: Vec<&Pending> = pending.iter().filter(|p| p.temp != p.target).collect();
    let moved: Vec<(Option<Step>, Option<io::Error>)> =
        moving.par_iter().map(|p| place(p)).collect();
    let Some(at) = moved.iter().position(|(_, e)| e.is_some()) else {
        moving.par_iter().filter(|p| p.replaces).for_each(|p| {
            let _ = fs::remove_file(p.aside());
        });
        return Ok(());
    };
    let stuck: Vec<&str> = (moving.iter().zip(&moved))
        .filter_map(|(p, (step, _))| step.map(|s| (p, s)))
        .filter(|(p, step)| undo(p, *step).is_err())
        .map(|(p, _)| p.rel.as_str())
        .collect();
    for p in pending {
        let _ = fs::remove_file(&p.temp);
    }
    remove_empty_folders(out, pending.iter().map(|p| p.target.as_path()));
    let error = moved[at]
        .1
        .as_ref()
        .map_or(String::new(), ToString::to_string);
    Err(not_placed(out, &moving[at].rel, &error, &stuck))
}

/// Moves the file `p` replaces aside, then `p` into place.
fn place(p: &Pending) -> (Option<Step>, Option<io::Error>) {
    if p.replaces {
        // Only a file is moved aside: something else put there since it was staged stays.
        let is_file = fs::symlink_metadata(&p.target).is_ok_and(|m| m.is_file());
        let aside = match is_file {
            true => fs::rename(&p.target, p.aside()),
            false => Err(io::Error::other("it is no longer a file dossier wrote")),
        };
        if let Err(e) = aside {
            return (None, Some(e));
        }
    } else if fs::symlink_metadata(&p.target).is_ok() {
        return (
            None,
            Some(io::Error::other("something was put there during the build")),
        );
    }
    match fs::rename(&p.temp, &p.target) {
        Ok(()) => (Some(Step::Placed), None),
        Err(e) => (p.replaces.then_some(Step::Aside), Some(e)),
    }
}

/// Undoes what [`place`] did for `p`.
fn undo(p: &Pending, step: Step) -> io::Result<()> {
    match step {
        Step::Placed if !p.replaces => fs::remove_file(&p.target),
        Step::Placed | Step::Aside => fs::rename(p.aside(), &p.target),
    }
}

/// Removes the files of `gone` that dossier wrote (those still files; anything else there now
/// is the user's), and the folders they leave empty; gives how many it removed, the paths no
/// longer dossier's, and those it could not remove with why.
fn remove(
    out: &Path,
    ownership: &Ownership,
    gone: &[String],
) -> (usize, Vec<String>, Vec<(String, io::Error)>) {
    let mut count = 0;
    let mut removed = Vec::new();
    let mut kept = Vec::new();
    for path in gone.iter().filter(|p| ownership.owned.contains(p.as_str())) {
        let file = out.join(path);
        if !fs::symlink_metadata(&file).is_ok_and(|m| m.is_file()) {
            removed.push(path.clone()); // Gone already, or the user's now.
            continue;
        }
        match fs::remove_file(&file) {
            Ok(()) => {
                count += 1;
                removed.push(path.clone());
            }
            Err(e) => kept.push((path.clone(), e)),
        }
    }
    let files: Vec<PathBuf> = removed.iter().map(|p| out.join(p)).collect();
    remove_empty_folders(out, files.iter().map(PathBuf::as_path));
    (count, removed, kept)
}

/// Removes the folders between each of `paths` and `out` that are empty, deepest first.
pub(super) fn remove_empty_folders<'a>(out: &Path, paths: impl Iterator<Item = &'a Path>) {
    let mut dirs: Vec<&Path> = paths.filter_map(Path::parent).collect();
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    dirs.dedup();
    for dir in dirs {
        for folder in dir
            .ancestors()
            .take_while(|a| a.starts_with(out) && *a != out)
        {
            if fs::remove_dir(folder).is_err() {
                break;
            }
        }
    }
}
