//! Claims added to a note, for the quick path of `dossier serve`: a note that keeps the claims
//! it had, in their order, and declares new ones (ids the briefing does not have) is patched
//! as one edit alone that does not move the note. The new claims are numbered after the
//! briefing's last claim, for the note's body to be rendered against; then put there, and
//! every claim numbered in reading order again by a [`Reorder`] that moves no note (the
//! register's pages, `claims.json` and the search index follow, as they do a note added).

use super::Briefing;
use super::Claim;
use super::fields::{Declared, Fields};
use super::patch::Linking;
use super::renumber::Numbering;
use super::reorder::Reorder;
use super::resolve::Index;

/// True when the notes edited together (`declared`) add no claim, or one alone does and
/// stays where it is in reading order and in its section.
pub(super) fn alone(declared: &[Declared]) -> bool {
    let grows = |(_, _, f): &Declared| f.as_ref().is_some_and(|f| !f.added.is_empty());
    match declared {
        [(note, _, Some(f))] if grows(&declared[0]) => f.to == *note && f.section.is_none(),
        _ => !declared.iter().any(grows),
    }
}

/// `index` with the claims `declared` adds, numbered after the last claim of the briefing it
/// was made from, for the bodies to be rendered against.
pub(super) fn extend<'a>(index: &mut Index<'a>, declared: &'a [Declared]) {
    let fields = declared.iter().filter_map(|(_, _, f)| f.as_ref());
    for f in fields {
        index.push_claims(f.added.iter().map(|&j| &f.claims[j]));
    }
}

/// Puts the claims `fields` adds to note `note` of `b` after its last claim, in the note's
/// list where they are declared, and gives what `linking` and `numbering` (what the last
/// whole build kept) know them by; returns the renumbering that puts them in reading order.
/// Their cards are then put in as an edit's are.
pub(super) fn append(
    b: &mut Briefing,
    (linking, numbering): (&mut Linking, &mut Numbering),
    note: usize,
    fields: &Fields,
) -> Reorder {
    let first = b.claims.len();
    let before = b.notes[note].claims.len();
    let mut kept = b.notes[note].claims.iter().copied();
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
    Reorder::recounting(b, note, before)
}
