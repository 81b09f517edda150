//! Backlinks and the checks that need the whole briefing: claim → notes that use it,
//! source → claims and notes that cite it, note → notes that link to it; fragments of links
//! between notes; sources and claims nothing refers to.

use super::cache::Bodies;
use super::charts::ChartUse;
use super::declare::Place;
use super::patch::Last;
use super::resolve::{FragmentLink, Outgoing, Resolved};
use super::{Briefing, ChartRef};
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::markdown::Heading;

/// Fills every backlink list from what each note body refers to. Lists end sorted, no repeats.
pub(super) fn fill(briefing: &mut Briefing, outgoing: &[&Outgoing], front: Option<&Outgoing>) {
    if let Some(front) = front {
        fill_charts(briefing, None, &front.charts);
    }
    for (note, out) in outgoing.iter().enumerate() {
        fill_charts(briefing, Some(note), &out.charts);
        for &claim in &out.claims {
            briefing.claims[claim].used_by.push(note);
        }
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
    for claim in &mut briefing.claims {
        tidy(&mut claim.used_by);
    }
    for source in &mut briefing.sources {
        tidy(&mut source.notes);
        tidy(&mut source.claims);
    }
    for note in &mut briefing.notes {
        tidy(&mut note.backlinks);
    }
}

/// Adds the charts of one page to the claims and sources they use, once each.
fn fill_charts(briefing: &mut Briefing, note: Option<usize>, charts: &[ChartUse]) {
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
/// bodies whose references are `outgoing` (the notes', the front page's, the annotations').
pub(super) fn check_fragments<'a>(
    briefing: &Briefing,
    outgoing: impl Iterator<Item = &'a Outgoing>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for link in outgoing.flat_map(|o| &o.fragments) {
        let note = &briefing.notes[link.note];
        let ids = note.toc.iter().map(|h| h.id.as_str());
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
            note.slug, link.fragment
        );
        diagnostics.push(d.with_help(help));
    }
}

/// True when every `note:x#fragment` link names a heading of its note once `edits` (a note
/// of the `last` briefing or one numbered after its last, its new body) are in: the links of the edited bodies, and when an
/// edit changes a note's heading ids, those of every other body (kept in `bodies`), of the
/// front page and of the annotations. `false` sends the edit to a whole build, which reports
/// the broken links.
pub(super) fn fragments_hold(last: &Last, bodies: &Bodies, edits: &[(usize, &Resolved)]) -> bool {
    let b = &last.briefing;
    let edited = |n: usize| edits.iter().find(|(e, _)| *e == n).map(|(_, r)| *r);
    let toc = |n: usize| match edited(n) {
        Some(body) => &body.rendered.toc[..],
        None => b.notes.get(n).map_or(&[][..], |note| &note.toc[..]),
    };
    let holds = |o: &Outgoing| {
        let named = |l: &FragmentLink| toc(l.note).iter().any(|h| h.id == l.fragment);
        o.fragments.iter().all(named)
    };
    if !edits.iter().all(|(_, body)| holds(&body.outgoing)) {
        return false;
    }
    let same_ids =
        |a: &[Heading], b: &[Heading]| a.iter().map(|h| &h.id).eq(b.iter().map(|h| &h.id));
    // A note new to the briefing (numbered after its last) is linked by no other yet.
    let same = |&(n, body): &(usize, &Resolved)| {
        let old = b.notes.get(n);
        old.is_none_or(|note| same_ids(&note.toc, &body.rendered.toc))
    };
    if edits.iter().all(same) {
        return true;
    }
    let Some(others) = bodies.outgoing(b) else {
        return false;
    };
    let others = others.into_iter().enumerate();
    let linking = &last.linking;
    others
        .filter(|(n, _)| edited(*n).is_none())
        .all(|(_, o)| holds(o))
        && linking.front.as_ref().is_none_or(holds)
        && holds(&linking.annotated)
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
                "unused-source",
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
                "unused-claim",
                &place.file,
                place.pos,
                format!("no note refers to the claim `{}`", claim.id),
            );
            diagnostics.push(d.with_help(format!(
                "link to it from a note's text, e.g. [the figure](claim:{})",
                claim.id
            )));
        }
    }
}
