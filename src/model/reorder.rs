//! A note moved in reading order, for the quick path of `dossier serve`: a new weight, date or
//! title can move a note among the others and leave the briefing's shape as it was. Notes and
//! claims are numbered in reading order, so the move renumbers the notes between its old and
//! new place and their claims; [`Reorder`] carries old numbers to new through the briefing
//! (every list sorted again), what its whole build kept, the cached bodies and, for the
//! renderer, the kept entries of `claims.json` and the search index.

use std::sync::Arc;

use super::fields::{Declared, page_of};
use super::patch::Linking;
use super::resolve::Outgoing;
use super::retag;
use super::{Briefing, ChartRef};
use crate::content::{NoteSpec, Page};

/// Old numbers → new ones, after a note moved in reading order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reorder {
    /// Each old note's new number.
    pub notes: Vec<usize>,
    /// Each old claim's new number.
    pub claims: Vec<usize>,
    /// The note that moved, by its new number.
    pub moved: usize,
    /// Its neighbours before the move, by their new numbers: their links to the next and the
    /// previous note change.
    pub left: Vec<usize>,
    /// The note that moved is new: the last of the old numbers (and its claims, the last old
    /// claims) stand for a note the last build did not have.
    pub added: bool,
    /// The note that moved is removed, with this many claims: it was moved to the end and
    /// taken off (its new number, and its claims', stand for nothing now).
    pub removed: Option<usize>,
    /// Claims new to the briefing stand for the last of the old claim numbers: a note's
    /// claims added to it (with `added`, the new note's).
    pub claims_new: bool,
    /// Claims taken from a note that stays: the last this many of the new claim numbers
    /// stand for nothing now (they were moved to the end and taken off).
    pub claims_gone: usize,
    /// A note that did not move whose claims were added to or taken from: its new number and
    /// how many claims it had (the register's pages are compared with their paging before).
    pub recounted: Option<(usize, usize)>,
}

/// How the notes edited together move, their pages now among `pages`: `Some(None)` when none
/// does, `None` when one does and another note changed in the same save (a whole build orders
/// them) or the move would rename a tag (see [`retag::movable`]).
pub(super) fn plan(
    briefing: &Briefing,
    declared: &[Declared],
    pages: &[Arc<Page<NoteSpec>>],
) -> Option<Option<Reorder>> {
    let moves: Vec<(usize, usize)> = declared
        .iter()
        .filter_map(|(note, _, fields)| Some((*note, fields.as_ref()?.to)))
        .filter(|(from, to)| from != to)
        .collect();
    let ([(from, to)], [(_, page, _)]) = (&moves[..], declared) else {
        return moves.is_empty().then_some(None);
    };
    let order = Reorder::moving(briefing, *from, *to);
    let read = |n| page_of(briefing, pages, n);
    retag::movable(briefing, *from, &page.spec.tags, &order, read).then_some(Some(order))
}

impl Reorder {
    /// Note `from` of `briefing` moved so that it is note `to` in the new order.
    pub(super) fn moving(briefing: &Briefing, from: usize, to: usize) -> Reorder {
        let claims: Vec<&[usize]> = briefing.notes.iter().map(|n| &n.claims[..]).collect();
        Reorder::new(&claims, briefing.claims.len(), from, to)
    }

    /// The last note of `briefing`, just added at the end, put at number `to`.
    pub(super) fn adding(briefing: &Briefing, to: usize) -> Reorder {
        let last = briefing.notes.len().saturating_sub(1);
        Reorder {
            left: Vec::new(),
            added: true,
            claims_new: true,
            ..Reorder::moving(briefing, last, to)
        }
    }

    /// Note `note` of `briefing`, which had `before` claims, declaring claims put at the end
    /// of the briefing's claims (its list of claims already in its new order): every claim
    /// numbered in reading order again, the notes as they were.
    pub(super) fn recounting(briefing: &Briefing, note: usize, before: usize) -> Reorder {
        Reorder {
            left: Vec::new(),
            claims_new: true,
            recounted: Some((note, before)),
            ..Reorder::moving(briefing, note, note)
        }
    }

    /// Note `from` of notes declaring `declared` (claim numbers, by note; `claim_count` in
    /// all) moved to number `to`.
    fn new(declared: &[&[usize]], claim_count: usize, from: usize, to: usize) -> Reorder {
        let mut order: Vec<usize> = (0..declared.len()).filter(|&i| i != from).collect();
        order.insert(to, from);
        let mut notes = vec![0; order.len()];
        let mut claims = vec![0; claim_count];
        let mut next = 0;
        for (new, &old) in order.iter().enumerate() {
            notes[old] = new;
            for &c in declared[old] {
                claims[c] = next;
                next += 1;
            }
        }
        let left = [from.checked_sub(1), Some(from + 1)];
        let left = left.into_iter().flatten().filter(|&n| n < notes.len());
        Reorder {
            left: left.map(|n| notes[n]).collect(),
            moved: to,
            notes,
            claims,
            ..Reorder::default()
        }
    }

    /// Puts `items`, in the old order, in the new order `map` gives (old number → new); leaves
    /// them as they are when they are not one per number.
    pub fn permute<T>(items: &mut Vec<T>, map: &[usize]) {
        if items.len() != map.len() {
            return;
        }
        let mut slots: Vec<Option<T>> = std::iter::repeat_with(|| None).take(map.len()).collect();
        for (old, item) in items.drain(..).enumerate() {
            slots[map[old]] = Some(item);
        }
        items.extend(slots.into_iter().flatten());
    }

    /// Renumbers `briefing`: notes and claims in their new order, every reference between
    /// them renumbered, every list in reading order again. Only lists holding the moved note
    /// or its claims change order, and the pages showing those show the moved note's item.
    pub(super) fn briefing(&self, b: &mut Briefing) {
        Self::permute(&mut b.notes, &self.notes);
        Self::permute(&mut b.claims, &self.claims);
        for note in &mut b.notes {
            renumber(&mut note.claims, &self.claims);
            resort(&mut note.backlinks, &self.notes);
        }
        for claim in &mut b.claims {
            claim.declared_in = self.notes[claim.declared_in];
            resort(&mut claim.used_by, &self.notes);
            self.charts(&mut claim.charts);
        }
        for source in &mut b.sources {
            resort(&mut source.claims, &self.claims);
            resort(&mut source.notes, &self.notes);
            self.charts(&mut source.charts);
        }
        let lists = b.sections.iter_mut().map(|s| &mut s.notes);
        for notes in lists.chain(b.tags.iter_mut().map(|t| &mut t.notes)) {
            resort(notes, &self.notes);
        }
    }

    /// Renumbers what the last whole build kept about references.
    pub(super) fn linking(&self, linking: &mut Linking) {
        Self::permute(&mut linking.claim_places, &self.claims);
        self.outgoing(&mut linking.annotated);
        if let Some(front) = &mut linking.front {
            self.outgoing(front);
        }
    }

    /// Renumbers what one body refers to.
    pub(super) fn outgoing(&self, out: &mut Outgoing) {
        renumber(&mut out.claims, &self.claims);
        renumber(&mut out.notes, &self.notes);
        for chart in &mut out.charts {
            renumber(&mut chart.claims, &self.claims);
        }
        for link in &mut out.fragments {
            link.note = self.notes[link.note];
        }
    }

    /// Renumbers charts' notes and puts them in reading order again (the front page's first,
    /// a note's in the order they are drawn).
    fn charts(&self, charts: &mut [ChartRef]) {
        for chart in charts.iter_mut() {
            chart.note = chart.note.map(|n| self.notes[n]);
        }
        charts.sort_by_key(|c| c.note);
    }
}

fn renumber(list: &mut [usize], map: &[usize]) {
    for n in list {
        *n = map[*n];
    }
}

/// Renumbers `list` by `map` and sorts it again.
fn resort(list: &mut [usize], map: &[usize]) {
    renumber(list, map);
    list.sort_unstable();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_moved_renumbers_the_notes_between_and_their_claims() {
        let declared: [&[usize]; 4] = [&[0, 1], &[], &[2], &[3, 4]];
        let forward = Reorder::new(&declared, 5, 0, 2);
        assert_eq!(forward.notes, [2, 0, 1, 3]);
        assert_eq!(forward.claims, [1, 2, 0, 3, 4]);
        assert_eq!((forward.moved, &forward.left[..]), (2, &[0][..]));
        let back = Reorder::new(&declared, 5, 3, 1);
        assert_eq!(back.notes, [0, 2, 3, 1]);
        assert_eq!(back.claims, [0, 1, 4, 2, 3]);
        assert_eq!(back.left, [3]);
        let mut letters = vec!['a', 'b', 'c', 'd'];
        Reorder::permute(&mut letters, &back.notes);
        assert_eq!(letters, ['a', 'd', 'b', 'c']);
    }
}
