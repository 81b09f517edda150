//! The last two stages as one step: render a resolved briefing and write it to the output
//! folder through a staging area, so a failed build leaves the previous site as it was.

use std::sync::atomic::{AtomicU64, Ordering};

use crate::diagnostics::Diagnostic;
use crate::model::Briefing;
use crate::output::{self, Body, OutputFile, Ownership, WriteReport};
use crate::theme::Theme;
use crate::{Options, Stats, render};

/// Renders every file and, when `write`, writes them to the output folder: each file is
/// staged as it is rendered and the site changes only once everything has rendered. With the
/// last build's fingerprints and what changed `since`, pages whose input did not change are
/// neither rendered nor written.
/// `known` is what the last build left of the output folder's ownership, and what this one
/// leaves (`None` after a failure: the next build reads the record again).
pub(crate) fn produce(
    options: &Options,
    briefing: &Briefing,
    theme: &Theme,
    write: bool,
    since: Option<render::Since<'_>>,
    known: &mut Option<Ownership>,
) -> Result<(Stats, render::Fingerprints), Vec<Diagnostic>> {
    let mut stats = Stats {
        notes: briefing.notes.len(),
        claims: briefing.claims.len(),
        sources: briefing.sources.len(),
        files: 0,
        write: WriteReport::default(),
        bytes: None,
    };
    // The site's size, when every file passes through here (not in an incremental rebuild).
    let size = AtomicU64::new(0);
    let full = since.is_none();
    let measure = |file: &OutputFile| {
        if full {
            size.fetch_add(file_size(file), Ordering::Relaxed);
        }
    };
    if !write {
        stats.files = render::render_into(briefing, theme, &|file| {
            measure(&file);
            Ok(())
        })?
        .len();
        stats.bytes = Some(size.into_inner());
        return Ok((stats, render::Fingerprints::default()));
    }
    let out = options.output_dir();
    output::guard::check(&options.root, &out).map_err(|d| vec![d])?;
    let staging =
        output::Staging::resume(&out, options.force, known.take()).map_err(|d| vec![d])?;
    let stage = |file: OutputFile| {
        measure(&file);
        staging.stage(&file).map(drop)
    };
    let (paths, prints) = match render::render_changed(briefing, theme, &stage, since) {
        Ok(done) => done,
        Err(errors) => {
            staging.abort();
            return Err(errors);
        }
    };
    stats.files = paths.len();
    let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
    let (report, ownership) = staging.commit(&paths).map_err(|d| vec![d])?;
    (stats.write, *known) = (report, Some(ownership));
    stats.bytes = full.then(|| size.into_inner());
    Ok((stats, prints))
}

/// How many bytes `file` is, without joining or reading it.
fn file_size(file: &OutputFile) -> u64 {
    match &file.body {
        Body::Owned(bytes) => bytes.len() as u64,
        Body::Static(bytes) => bytes.len() as u64,
        Body::Copy(from) => std::fs::metadata(from).map_or(0, |m| m.len()),
        Body::Joined(joined) => joined.pieces().map(|p| p.len() as u64).sum(),
    }
}
