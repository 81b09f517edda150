//! Claims added to a note or taken from it, for the quick path of `dossier serve`: a note
//! that keeps the claims it had in their order and declares new ones (ids the briefing does
//! not have), or no longer declares some that nothing else refers to (or both: a claim's id
//! changed), is patched as the save's one edit when it does not move. New claims are
//! numbered after the briefing's last claim, for the note's body to be rendered against,
//! then put there; claims taken away are moved to the end and taken off. One [`Reorder`]
//! that moves no note numbers every claim in reading order again (the register's pages,
//! `claims.json` and the search index follow, as they do a note added or removed).

use super::Briefing;
use super::Claim;
use super::cache::Bodies;
use super::fields::{Declared, Fields};
use super::patch::{Last, Linking};
use super::relink::Affected;
use super::renumber::Numbering;
use super::reorder::Reorder;
use super::resolve::{Index, Outgoing, Resolved};
use crate::urls;

/// True when the notes edited together (`declared`) add or take away no claim, or one alone
/// does and stays where it is in reading order and in its section.
pub(super) fn alone(declared: &[Declared]) -> bool {
    let recounts = |(_, _, f): &Declared| {
        f.as_ref()
            .is_some_and(|f| !f.added.is_empty() || !f.dropped.is_empty())
    };
    match declared {
        [(note, _, Some(f))] if recounts(&declared[0]) => f.to == *note && f.section.is_none(),
        _ => !declared.iter().any(recounts),
    }
}

/// True when no claim the edits (`declared`, whose bodies are now `edited`) take away is
/// referred to: by another note's body (kept in `bodies`), the edited bodies, the front page
/// or a source's annotation, as a link or in a chart. A whole build reports such links.
pub(super) fn unreferenced(
    last: &Last,
    bodies: &Bodies,
    declared: &[Declared],
    edited: &[Resolved],
) -> bool {
    let fields = declared.iter().filter_map(|(_, _, f)| f.as_ref());
    let dropped: Vec<usize> = fields.flat_map(|f| f.dropped.iter().copied()).collect();
    if dropped.is_empty() {
        return true;
    }
    let refers = |out: &Outgoing| {
        let charted = out.charts.iter().flat_map(|c| &c.claims);
        out.claims
            .iter()
            .chain(charted)
            .any(|c| dropped.contains(c))
    };
    // Claims are taken away by the save's one edit alone.
    let [(_, page, _)] = declared else {
        return false;
    };
    let linking = &last.linking;
    !(edited.iter().any(|r| refers(&r.outgoing))
        || bodies.others(&page.file).any(|r| refers(&r.outgoing))
        || linking.front.as_ref().is_some_and(refers)
        || refers(&linking.annotated))
}

/// `index` with the claims `declared` adds, numbered after the last claim of the briefing it
/// was made from, for the bodies to be rendered against.
pub(super) fn extend<'a>(index: &mut Index<'a>, declared: &'a [Declared]) {
    let fields = declared.iter().filter_map(|(_, _, f)| f.as_ref());
    for f in fields {
        index.push_claims(f.added.iter().map(|&j| &f.claims[j]));
    }
}

/// Takes off the last `order.claims_gone` claims of `b`, renumbered to the end: their places,
/// their numbering, and their pages, which go (in `affected`).
pub(super) fn cut(
    b: &mut Briefing,
    (linking, numbering): (&mut Linking, &mut Numbering),
    order: &Reorder,
    affected: &mut Affected,
) {
    let keep = b.claims.len() - order.claims_gone;
    let gone = b.claims.split_off(keep);
    affected
        .gone
        .extend(gone.iter().map(|c| urls::claim(&c.id)));
    linking.claim_places.truncate(keep);
    numbering.truncate(b.notes.len(), keep);
}

/// Puts the claims `fields` adds to note `note` of `b` after its last claim, in the note's
/// list where they are declared, and gives what `linking` and `numbering` (what the last
/// whole build kept) know them by; returns the renumbering that puts them in reading order
/// and the claims the note no longer declares at the end, for [`cut`] to take off. The new
/// claims' cards are then put in as an edit's are.
pub(super) fn recount(
    b: &mut Briefing,
    (linking, numbering): (&mut Linking, &mut Numbering),
    note: usize,
    fields: &Fields,
) -> Reorder {
    let first = b.claims.len();
    let before = b.notes[note].claims.len();
    let old = &b.notes[note].claims;
    let mut kept = old.iter().copied().filter(|c| !fields.dropped.contains(c));
    let mut fresh = first..;
    let list = (0..fields.claims.len())
        .map(|j| match fields.added.contains(&j) {
            true => fresh.next().unwrap_or(first),
            false => kept.next().unwrap_or(first),
        })
        .collect();
    b.notes[note].claims = list;
    let added = fields.added.iter().map(|&j| &fields.claims[j]);
    b.claims.extend(added.clone().map(|c| Claim {
        declared_in: note,
        ..c.clone()
    }));
    let places = fields.added.iter().map(|&j| fields.places[j].clone());
    linking.claim_places.extend(places);
    numbering.push_claims(added);
    let mut order = Reorder::recounting(b, note, before);
    let tail = b.claims.len() - fields.dropped.len();
    for (k, &c) in fields.dropped.iter().enumerate() {
        order.claims[c] = tail + k;
    }
    order.claims_gone = fields.dropped.len();
    order.claims_new = !fields.added.is_empty();
    order
}
