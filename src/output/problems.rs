//! Every error the output folder can give, each with what to do about it: a folder dossier
//! never built into, something in the way of a file, a write or removal that failed.

use std::io;
use std::path::Path;

use crate::codes::Code;
use crate::diagnostics::{Diagnostic, Pos};

/// An error about `rel` in the output folder `out` (the folder itself when `rel` is empty).
fn at(out: &Path, rel: &str, code: Code, message: String, help: &str) -> Diagnostic {
    let file = match rel {
        "" => out.display().to_string(),
        _ => out.join(rel).display().to_string(),
    };
    Diagnostic::error(code, &file, Pos::default(), message).with_help(help)
}

/// A path the build may not write: outside the folder, or dossier's record.
pub(super) fn unsafe_path(path: &str) -> Diagnostic {
    let message = format!(
        "refusing to write `{path}`, which is outside the output folder or dossier's record"
    );
    Diagnostic::error(Code::UnsafePath, path, Pos::default(), message)
}

/// Something other than a file dossier wrote is where the build must write `path`.
pub(super) fn in_the_way(out: &Path, path: &str, meta: &std::fs::Metadata) -> Diagnostic {
    let (what, help) = match meta.file_type() {
        t if t.is_dir() => ("a folder is", "move or rename the folder"),
        t if t.is_symlink() => ("a symbolic link is", "remove the link"),
        t if t.is_file() => (
            "a file dossier did not write is",
            "move it out of the output folder (to publish a file of your own, put it in static/), or pass --force to let dossier replace it",
        ),
        _ => ("something other than a file is", "remove it"),
    };
    let message = format!("{what} where the build writes `{path}`");
    at(out, path, Code::OutputInTheWay, message, help)
}

/// A file is where the build needs a folder on the way to `path`.
pub(super) fn folder_is_a_file(out: &Path, path: &str) -> Diagnostic {
    let message = format!("a file is where the build needs a folder, on the way to `{path}`");
    at(
        out,
        path,
        Code::OutputInTheWay,
        message,
        "move or rename that file",
    )
}

/// The system refused to write at `path`.
pub(super) fn io_error(path: &Path, error: &io::Error) -> Diagnostic {
    let help = "check that the output folder is writable and the disk is not full";
    at(path, "", Code::Io, format!("cannot write: {error}"), help)
}

/// A folder dossier never built into, holding `names` (sorted).
pub(super) fn not_ours(out: &Path, names: &[String]) -> Diagnostic {
    let shown = names
        .iter()
        .take(4)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    let more = if names.len() > 4 { ", …" } else { "" };
    let message = format!(
        "the output folder holds files dossier did not write ({shown}{more}); building here could replace them"
    );
    let help = "build into a new or empty folder, or pass --force to build here anyway: dossier \
                then replaces the files at the paths it writes and leaves every other file alone";
    at(out, "", Code::OutputNotEmpty, message, help)
}

/// A build whose files could not all be put in place: `rel` failed with `error`, and the files
/// `stuck` could not be put back.
pub(super) fn not_placed(out: &Path, rel: &str, error: &str, stuck: &[&str]) -> Diagnostic {
    let message = match stuck {
        [] => format!(
            "cannot put `{rel}` in place ({error}); nothing was changed: the site is as it was"
        ),
        _ => format!(
            "cannot put `{rel}` in place ({error}); these files could not be put back as they were and hold this build's version: {}",
            stuck.join(", ")
        ),
    };
    let help = "make room for the file (move what is in the way) and build again";
    at(out, rel, Code::Io, message, help)
}

/// Stale files that could not be removed: `rel` the first of `count`.
pub(super) fn not_removed(out: &Path, rel: &str, error: &io::Error, count: usize) -> Diagnostic {
    let others = match count {
        1 => String::new(),
        n => format!(" (and {} more)", n - 1),
    };
    let message = format!(
        "cannot remove `{rel}`{others}, which this build no longer produces ({error}); the new site is in place, and the next build tries again"
    );
    at(
        out,
        rel,
        Code::Io,
        message,
        "check the permissions of the output folder",
    )
}
