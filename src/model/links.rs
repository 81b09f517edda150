//! Backlinks and the checks that need the whole briefing: claim → notes that use it,
//! source → claims and notes that cite it, note → notes that link to it; fragments of links
//! between notes; sources and claims nothing refers to. Bodies refer to ids; this is where
//! the ids become positions in this one build's briefing.

use super::charts::ChartUse;
use super::declare::Place;
use super::resolve::{Index, Outgoing};
use super::{Briefing, ChartRef};
use crate::codes::Code;
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::markdown::Heading;

/// What one body refers to, by position in the briefing being built.
#[derive(Debug, Default)]
pub(super) struct Refs {
    /// Claims linked to or charted.
    claims: Vec<usize>,
    /// Sources cited, linked to or charted.
    sources: Vec<usize>,
    /// Notes linked to.
    notes: Vec<usize>,
    /// Charts drawn.
    charts: Vec<Charted>,
}

/// A chart drawn in a body, by position.
#[derive(Debug)]
struct Charted {
    /// Its title.
    title: String,
    /// Its element id.
    anchor: String,
    /// The claims its values are bound to.
    claims: Vec<usize>,
    /// The sources it cites.
    sources: Vec<usize>,
}

impl Refs {
    /// `out` with each id replaced by its position in `index` (ids `index` lacks are left out:
    /// the body reported them).
    pub fn of(index: &Index<'_>, out: &Outgoing) -> Refs {
        let claims = |ids: &[String]| positions(&index.claims, ids);
        let sources = |ids: &[String]| positions(&index.sources, ids);
        let chart = |c: &ChartUse| Charted {
            title: c.title.clone(),
            anchor: c.anchor.clone(),
            claims: claims(&c.claims),
            sources: sources(&c.sources),
        };
        Refs {
            claims: claims(&out.claims),
            sources: sources(&out.sources),
            notes: positions(&index.notes, &out.notes),
            charts: out.charts.iter().map(chart).collect(),
        }
    }

    /// How many charts the body draws.
    pub fn charts(&self) -> usize {
        self.charts.len()
    }
}

fn positions(at: &crate::fingerprint::Map<&str, usize>, ids: &[String]) -> Vec<usize> {
    ids.iter()
        .filter_map(|id| at.get(id.as_str()).copied())
        .collect()
}

/// Fills every backlink list from what each note body refers to. Lists end sorted, no repeats.
pub(super) fn fill(briefing: &mut Briefing, notes: &[Refs], front: Option<&Refs>) {
    if let Some(front) = front {
        fill_charts(briefing, None, &front.charts);
    }
    for (note, out) in notes.iter().enumerate() {
        fill_charts(briefing, Some(note), &out.charts);
        for &claim in &out.claims {
            briefing.claims[claim].used_by.push(note);
        }
        let mut linked = out.claims.clone();
        tidy(&mut linked);
        briefing.notes[note].claim_links = linked;
        for &source in &out.sources {
            briefing.sources[source].notes.push(note);
        }
        for &target in out.notes.iter().filter(|&&t| t != note) {
            briefing.notes[target].backlinks.push(note);
        }
    }
    for (i, claim) in briefing.claims.iter().enumerate() {
        for link in &claim.sources {
            briefing.sources[link.source].claims.push(i);
        }
    }
    for claim in briefing.claims.iter_mut() {
        tidy(&mut claim.used_by);
    }
    for source in briefing.sources.iter_mut() {
        tidy(&mut source.notes);
        tidy(&mut source.claims);
    }
    for note in briefing.notes.iter_mut() {
        tidy(&mut note.backlinks);
    }
}

/// Adds the charts of one page to the claims and sources they use, once each.
fn fill_charts(briefing: &mut Briefing, note: Option<usize>, charts: &[Charted]) {
    for chart in charts {
        let link = ChartRef {
            title: chart.title.clone(),
            note,
            anchor: chart.anchor.clone(),
        };
        for &claim in &chart.claims {
            let list = &mut briefing.claims[claim].charts;
            if list.last() != Some(&link) {
                list.push(link.clone());
            }
        }
        for &source in &chart.sources {
            let list = &mut briefing.sources[source].charts;
            if list.last() != Some(&link) {
                list.push(link.clone());
            }
        }
    }
}

fn tidy(list: &mut Vec<usize>) {
    list.sort_unstable();
    list.dedup();
}

/// Reports `note:x#fragment` links whose fragment is not a heading of note `x`, in the
/// bodies whose references are `outgoing` (the notes', the front page's, the annotations');
/// `tocs` are the notes' headings, by position in `index`.
pub(super) fn check_fragments<'a>(
    index: &Index<'_>,
    tocs: &[&[Heading]],
    outgoing: impl Iterator<Item = &'a Outgoing>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for link in outgoing.flat_map(|o| &o.fragments) {
        let Some(&note) = index.notes.get(link.note.as_str()) else {
            continue;
        };
        let ids = tocs[note].iter().map(|h| h.id.as_str());
        if ids.clone().any(|id| id == link.fragment) {
            continue;
        }
        let help = did_you_mean(
            &link.fragment,
            ids,
            "link to one of the note's headings, or leave out the `#…` part",
        );
        let mut d = link.at.clone();
        d.message = format!(
            "the note `{}` has no heading with the id `{}`",
            link.note, link.fragment
        );
        diagnostics.push(d.with_help(help));
    }
}

/// Warns about sources nothing cites and claims nothing refers to.
pub(super) fn warn_unused(
    briefing: &Briefing,
    claim_places: &[Place],
    source_places: &[Place],
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (source, place) in briefing.sources.iter().zip(source_places) {
        if source.claims.is_empty() && source.notes.is_empty() {
            let d = Diagnostic::warning(
                Code::UnusedSource,
                &place.file,
                place.pos,
                format!("nothing cites the source `{}`", source.id),
            );
            diagnostics.push(d.with_help(
                "cite it in a note with [@id], list it under a claim's `sources:`, or remove it",
            ));
        }
    }
    for (claim, place) in briefing.claims.iter().zip(claim_places) {
        if claim.used_by.is_empty() {
            let d = Diagnostic::warning(
                Code::UnusedClaim,
                &place.file,
                place.pos,
                format!("no note refers to the claim `{}`", claim.id),
            );
            let d = d.with_help(format!(
                "link to it from a note's text, e.g. [the figure](claim:{})",
                claim.id
            ));
            let allowed = claim.allowed.iter().find(|(code, _)| *code == d.code);
            diagnostics.push(match allowed {
                Some((_, reason)) => {
                    d.silenced(&format!("allowed on claim `{}`: {reason}", claim.id))
                }
                None => d,
            });
        }
    }
}
