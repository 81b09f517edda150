//! Front matter edited in place, for the quick path of `dossier serve`: a note's title,
//! summary, dates, weight, section, tags, and its claims' wording, figures, grading, status
//! and sources, when the briefing keeps its shape (the same notes, claim ids, inline sources
//! and sections: a note may move to a section the briefing has when the one it leaves
//! stays; tags as [`retag`](super::retag) allows; a note moved in reading order as
//! [`reorder`](super::reorder) renumbers it; claims added as
//! [`claim_set`](super::claim_set) puts them in). The new
//! values are declared as a whole build declares them and put into the last briefing;
//! [`Affected`] then names what shows them elsewhere, and a new figure has the charts bound
//! to it drawn again.

use std::sync::Arc;

use super::build::order_key;
use super::declare::{self, Place};
use super::patch::{Last, Linking};
use super::relink::Affected;
use super::resolve::Index;
use super::retag::{self, Retag};
use super::{Briefing, Claim};
use crate::content::{Content, NoteSpec, Page};

/// A note that changed: its index in the last briefing, its page as read now, and its front
/// matter declared again when that changed.
pub(super) type Declared = (usize, Arc<Page<NoteSpec>>, Option<Fields>);

/// A note's front matter as declared again.
pub(super) struct Fields {
    /// Its claims, in order, with no lists yet (`put` sets whose they are).
    pub claims: Vec<Claim>,
    /// Where each is declared.
    pub places: Vec<Place>,
    /// What the edit does to the note's tags.
    pub tags: Retag,
    /// The note's number in reading order once the edit is in (a new weight, date, title or
    /// section can move it).
    pub to: usize,
    /// The note's new section (index into [`Briefing::sections`]), when it changed.
    pub section: Option<usize>,
    /// Where in `claims` the claims new to the briefing stand: claims added to the note.
    pub added: Vec<usize>,
    /// The claims the note no longer declares (by number).
    pub dropped: Vec<usize>,
}

/// Declares the claims of `page`, note `note` of the last briefing, again; `None` when the
/// edit changes the briefing's shape or declaring finds a problem (a whole build then reports
/// it in full).
pub(super) fn declare(
    index: &Index<'_>,
    last: &Last,
    content: &Content,
    note: usize,
    page: &Page<NoteSpec>,
) -> Option<Fields> {
    let briefing = &*last.briefing;
    let read = |pages: &'_ [Arc<Page<NoteSpec>>], n: usize| page_of(briefing, pages, n);
    let old = read(&last.content.notes, note)?;
    let (was, now) = (&old.spec, &page.spec);
    let tags = retag::plan(briefing, note, (&was.tags, &now.tags), |n| {
        read(&content.notes, n)
    });
    let declared = content.index.as_ref().map_or(&[][..], |p| &p.spec.sections);
    let section = moved_to(briefing, note, (&was.section, &now.section), declared)?;
    if tags.is_none() || was.sources != now.sources {
        return None;
    }
    let to = placed(briefing, content, page, note, briefing.notes.len())?;
    let (claims, places) = claims_of(index, page)?;
    let (added, dropped) = claim_changes(index, &briefing.notes[note].claims, &claims)?;
    Some(Fields {
        claims,
        places,
        tags: tags?,
        to,
        section,
        added,
        dropped,
    })
}

/// How a note's `claims` as declared now differ from those it had (`old`, by number): where
/// the claims new to the briefing (of `index`) stand among them, and which old ones it no
/// longer declares. `None` when it reordered them or declares another note's.
fn claim_changes(
    index: &Index<'_>,
    old: &[usize],
    claims: &[Claim],
) -> Option<(Vec<usize>, Vec<usize>)> {
    let mut rest = old.iter().copied();
    let (mut added, mut dropped) = (Vec::new(), Vec::new());
    for (j, claim) in claims.iter().enumerate() {
        let Some(&c) = index.claims.get(claim.id.as_str()) else {
            added.push(j);
            continue;
        };
        // The old claims before `c` are dropped; `c` must be among the rest.
        dropped.extend(rest.by_ref().take_while(|&o| o != c));
        if !old.contains(&c) || dropped.contains(&c) {
            return None;
        }
    }
    dropped.extend(rest);
    Some((added, dropped))
}

/// The section note `note` moves to when its section changed from `was` to `now`:
/// `Some(None)` when it did not; the new section when the briefing has it and the one left
/// stays (declared on the front page, or holding other notes); `None` when the sections
/// change with it (a whole build then finds them).
fn moved_to(
    briefing: &Briefing,
    note: usize,
    (was, now): (&Option<String>, &Option<String>),
    declared: &[String],
) -> Option<Option<usize>> {
    if was == now {
        return Some(None);
    }
    let to = briefing.sections.iter().position(|s| s.title == *now)?;
    let left = &briefing.sections[briefing.notes[note].section];
    let stays = left.notes.len() > 1 || left.title.as_ref().is_some_and(|t| declared.contains(t));
    stays.then_some(Some(to))
}

/// Moves note `note` to section `to`, among whose notes it takes its place in reading order.
fn move_section(briefing: &mut Briefing, note: usize, to: usize) {
    let from = briefing.notes[note].section;
    briefing.sections[from].notes.retain(|&n| n != note);
    let notes = &mut briefing.sections[to].notes;
    let at = notes.partition_point(|&n| n < note);
    notes.insert(at, note);
    briefing.notes[note].section = to;
}

/// The claims `page` declares and where, declared as a whole build declares them; `None`
/// when declaring finds a problem.
pub(super) fn claims_of(
    index: &Index<'_>,
    page: &Page<NoteSpec>,
) -> Option<(Vec<Claim>, Vec<Place>)> {
    let mut problems = Vec::new();
    let declared = declare::claims(&[page], &index.sources, &mut problems);
    problems.is_empty().then_some(declared)
}

/// The number `page`, note `note` of `count` notes in all, takes in reading order among
/// the other notes of `briefing` (as they are now in `content`).
pub(super) fn placed(
    briefing: &Briefing,
    content: &Content,
    page: &Page<NoteSpec>,
    note: usize,
    count: usize,
) -> Option<usize> {
    let sections = content
        .index
        .as_ref()
        .map_or(&[][..], |p| &p.spec.sections[..]);
    let key = order_key(page, sections);
    place(count, note, |n| {
        let other = page_of(briefing, &content.notes, n)?;
        Some(order_key(&other, sections) < key)
    })
}

/// The page among `pages` of note `n` of `briefing`.
pub(super) fn page_of(
    briefing: &Briefing,
    pages: &[Arc<Page<NoteSpec>>],
    n: usize,
) -> Option<Arc<Page<NoteSpec>>> {
    let file = &briefing.notes.get(n)?.file;
    pages.iter().find(|p| p.file == *file).map(Arc::clone)
}

/// The number note `note` takes among `count` notes in reading order: how many of the others
/// come `before` it (a binary search: the others keep their order). `None` when a page cannot
/// be read.
fn place(count: usize, note: usize, before: impl Fn(usize) -> Option<bool>) -> Option<usize> {
    let other = |p: usize| if p < note { p } else { p + 1 };
    let (mut low, mut high) = (0, count.saturating_sub(1));
    while low < high {
        let middle = (low + high) / 2;
        if before(other(middle))? {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    Some(low)
}

/// Puts the new front matter of note `note` into `briefing` and records in `affected` what
/// it changed. True when a claim now rests on other sources (the sources' lists follow).
pub(super) fn put(
    briefing: &mut Briefing,
    note: usize,
    page: &Page<NoteSpec>,
    fields: Fields,
    linking: &mut Linking,
    affected: &mut Affected,
) -> bool {
    let spec = &page.spec;
    if let Some(to) = fields.section {
        // Listed under another heading on the front page (the print edition is made again).
        move_section(briefing, note, to);
        affected.note_items.push(note);
    }
    let n = &mut briefing.notes[note];
    let title = spec.title.trim();
    if n.title != title || n.summary != spec.summary || n.date != spec.date {
        affected.note_items.push(note);
    }
    affected.dates |= n.date != spec.date || n.updated != spec.updated;
    n.title = title.to_string();
    n.summary.clone_from(&spec.summary);
    n.date = spec.date;
    n.updated = spec.updated;
    let ids = n.claims.clone();
    retag::apply(briefing, note, &spec.tags, affected);
    let mut sources_changed = false;
    for ((c, new), place) in ids.into_iter().zip(fields.claims).zip(fields.places) {
        linking.claim_places[c] = place;
        let old = &mut briefing.claims[c];
        if same_card(old, &new) {
            continue;
        }
        affected.claim_cards.push(c);
        affected.register |= old.status != new.status || old.confidence != new.confidence;
        sources_changed |= old.sources != new.sources;
        let (used_by, charts) = (
            std::mem::take(&mut old.used_by),
            std::mem::take(&mut old.charts),
        );
        *old = Claim {
            used_by,
            charts,
            declared_in: note,
            ..new
        };
    }
    sources_changed
}

/// True when two declarations of a claim show the same card.
fn same_card(a: &Claim, b: &Claim) -> bool {
    let figure = |c: &Claim| c.value.map(f64::to_bits);
    (
        &a.text,
        figure(a),
        &a.unit,
        &a.period,
        a.confidence,
        a.status,
    ) == (
        &b.text,
        figure(b),
        &b.unit,
        &b.period,
        b.confidence,
        b.status,
    ) && (a.key, &a.note, &a.sources) == (b.key, &b.note, &b.sources)
}

/// Puts the new figures of `declared` claims into `index`, for bodies to be rendered against;
/// gives the notes whose charts are bound to one of them, to render again, and whether any
/// figure changed. `None` when a chart on the front page or in a source's annotation is: a
/// whole build redoes those. (Figures show in charts only; links show the claim's words.)
pub(super) fn refigure<'a>(
    last: &Last,
    index: &mut Index<'a>,
    declared: &'a [Declared],
) -> Option<(Vec<usize>, bool)> {
    let mut users = Vec::new();
    let mut any = false;
    for (_, _, fields) in declared {
        let Some(fields) = fields else { continue };
        for new in &fields.claims {
            let c = index.claims.get(new.id.as_str()).copied();
            let Some((c, old)) = c.and_then(|c| Some((c, last.briefing.claims.get(c)?))) else {
                // New to the briefing: no chart is bound to it yet.
                continue;
            };
            if old.value.map(f64::to_bits) == new.value.map(f64::to_bits) && old.unit == new.unit {
                continue;
            }
            let on_front = old.charts.iter().any(|chart| chart.note.is_none());
            let charts = &last.linking.annotated.charts;
            if on_front || charts.iter().any(|chart| chart.claims.contains(&c)) {
                return None;
            }
            index.claim_figures[c] = (new.value, new.unit.as_deref());
            any = true;
            users.extend(old.charts.iter().filter_map(|chart| chart.note));
        }
    }
    users.sort_unstable();
    users.dedup();
    Some((users, any))
}

#[cfg(test)]
mod tests {
    use super::place;

    #[test]
    fn a_note_takes_the_place_its_key_gives_it_among_the_others() {
        let keys = [10, 20, 30, 40, 50];
        let at = |note: usize, key: i32| place(keys.len(), note, |n| Some(keys[n] < key));
        assert_eq!(at(1, 45), Some(3), "moved back, behind 40");
        assert_eq!(at(1, 15), Some(1), "kept in place");
        assert_eq!(at(3, 5), Some(0), "moved to the front");
        assert_eq!(at(0, 99), Some(4), "moved to the end");
        assert_eq!(place(1, 0, |_| None), Some(0), "the only note");
        let unreadable = place(5, 2, |n| (n != 4).then_some(true));
        assert_eq!(unreadable, None, "a page that cannot be read");
    }
}
