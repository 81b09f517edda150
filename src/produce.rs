//! The last two stages as one step: render a resolved briefing and write it to the output
//! folder through a staging area, so a failed build leaves the previous site as it was.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Pos};
use crate::model::{Affected, Briefing};
use crate::output::{self, WriteReport};
use crate::theme::Theme;
use crate::{Options, Stats, render};

/// Renders every file and, when `write`, writes them to the output folder: each file is
/// staged as it is rendered and the site changes only once everything has rendered. With
/// `previous` fingerprints, pages whose input did not change are neither rendered nor written.
pub(crate) fn produce(
    options: &Options,
    briefing: &Briefing,
    theme: &Theme,
    write: bool,
    previous: Option<&render::Fingerprints>,
) -> Result<(Stats, render::Fingerprints), Vec<Diagnostic>> {
    let mut stats = Stats {
        notes: briefing.notes.len(),
        claims: briefing.claims.len(),
        sources: briefing.sources.len(),
        files: 0,
        write: WriteReport::default(),
    };
    if !write {
        stats.files = render::render_into(briefing, theme, &|_| Ok(()))?.len();
        return Ok((stats, render::Fingerprints::default()));
    }
    let out = options.output_dir();
    check_output(&options.root, &out).map_err(|d| vec![d])?;
    let staging = output::Staging::new(&out).map_err(|d| vec![d])?;
    let stage = |file| staging.stage(&file).map(drop);
    let (paths, prints) = match render::render_changed(briefing, theme, &stage, previous) {
        Ok(done) => done,
        Err(errors) => {
            staging.abort();
            return Err(errors);
        }
    };
    stats.files = paths.len();
    let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
    let previous_files = previous.map_or(&[][..], render::Fingerprints::files);
    stats.write = staging
        .commit_after(&paths, previous_files)
        .map_err(|d| vec![d])?;
    Ok((stats, prints))
}

/// [`produce`] after a patch (notes edited in place): renders and writes only the pages and
/// files `affected` names, and updates `prints`. `None` when the theme changed since `prints`.
pub(crate) fn produce_affected(
    options: &Options,
    briefing: &Briefing,
    theme: &Theme,
    prints: &mut render::Fingerprints,
    affected: &Affected,
) -> Option<Result<Stats, Vec<Diagnostic>>> {
    if !prints.same_theme(theme) {
        return None;
    }
    let staged = output::Staging::new(&options.output_dir())
        .map_err(|d| vec![d])
        .and_then(|staging| {
            let stage = |file| staging.stage(&file).map(drop);
            match render::render_affected(briefing, theme, &stage, prints, affected) {
                Ok(gone) => staging.commit_removing(&gone).map_err(|d| vec![d]),
                Err(errors) => {
                    staging.abort();
                    Err(errors)
                }
            }
        });
    Some(staged.map(|write| Stats {
        notes: briefing.notes.len(),
        claims: briefing.claims.len(),
        sources: briefing.sources.len(),
        files: prints.files().len(),
        write,
    }))
}

/// Refuses output folders whose stale-file cleanup would delete the project itself.
fn check_output(root: &Path, out: &Path) -> Result<(), Diagnostic> {
    let root = absolute(root);
    let out = absolute(out);
    let inside_sources = ["content", "templates", "static"]
        .iter()
        .any(|d| out.starts_with(root.join(d)));
    if root.starts_with(&out) || inside_sources {
        let message = format!(
            "the output folder {} would overwrite the project",
            out.display()
        );
        let help = "choose a separate folder for the built site, such as site/ (the default)";
        return Err(
            Diagnostic::error("bad-output", "--output", Pos::default(), message).with_help(help),
        );
    }
    Ok(())
}

fn absolute(path: &Path) -> PathBuf {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut clean = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                clean.pop();
            }
            std::path::Component::CurDir => {}
            other => clean.push(other),
        }
    }
    clean
}
