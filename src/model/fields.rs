//! Front matter edited in place, for the quick path of `dossier serve`: a note's title,
//! summary, dates, tags, and its claims' wording, figures, grading, status and sources, when
//! the briefing keeps its shape (the same notes in the same order, the same claim ids,
//! section and inline sources; tags as [`retag`](super::retag) allows). The new
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
    /// Its claims, in order, with `declared_in` set and no lists yet.
    pub claims: Vec<Claim>,
    /// Where each is declared.
    pub places: Vec<Place>,
    /// What the edit does to the note's tags.
    pub tags: Retag,
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
    let read = |pages: &'_ [Arc<Page<NoteSpec>>], n: usize| {
        let file = &briefing.notes.get(n)?.file;
        pages.iter().find(|p| p.file == *file).map(Arc::clone)
    };
    let old = read(&last.content.notes, note)?;
    let sections = content
        .index
        .as_ref()
        .map_or(&[][..], |p| &p.spec.sections[..]);
    let (was, now) = (&old.spec, &page.spec);
    let tags = retag::plan(briefing, note, (&was.tags, &now.tags), |n| {
        read(&content.notes, n)
    });
    let same_shape = was.section == now.section
        && was.weight == now.weight
        && tags.is_some()
        && was.sources == now.sources
        && was.claims.len() == now.claims.len();
    let key = order_key(page, sections);
    let before = note.checked_sub(1).and_then(|n| read(&content.notes, n));
    let after = read(&content.notes, note + 1);
    let in_order = before.is_none_or(|p| order_key(&p, sections) < key)
        && after.is_none_or(|n| key < order_key(&n, sections));
    if !same_shape || !in_order {
        return None;
    }
    let mut problems = Vec::new();
    let (mut claims, places) = declare::claims(&[page], &index.sources, &mut problems);
    let old_claims = &briefing.notes[note].claims;
    let same_ids = claims.len() == old_claims.len()
        && claims
            .iter()
            .zip(old_claims)
            .all(|(new, &c)| new.id == briefing.claims[c].id);
    if !problems.is_empty() || !same_ids {
        return None;
    }
    for claim in &mut claims {
        claim.declared_in = note;
    }
    Some(Fields {
        claims,
        places,
        tags: tags?,
    })
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
    for (note, _, fields) in declared {
        let Some(fields) = fields else { continue };
        for (&c, new) in last.briefing.notes[*note].claims.iter().zip(&fields.claims) {
            let old = &last.briefing.claims[c];
            if old.value.map(f64::to_bits) == new.value.map(f64::to_bits) && old.unit == new.unit {
                continue;
            }
            let on_front = old.charts.iter().any(|chart| chart.note.is_none());
            if on_front || last.linking.annotated.contains(&c) {
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
