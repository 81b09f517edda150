//! Putting a patch into the last briefing: the new bodies and front matter of the notes
//! edited, in a new order when a note moved, came or went or its claims did (renumbering
//! everything the session keeps by number), the lists that follow from references filled
//! again, the problems and the cached bodies brought up to date, and the print edition made
//! again. [`patch`](super::patch) and the quick paths beside it decide what to put; this
//! module puts it.

use std::sync::Arc;

use super::added;
use super::cache::{Bodies, Cache};
use super::claim_set;
use super::fields;
use super::patch::{Change, Edit, Last, Linking, Patched, remove_each};
use super::relink::{self, Affected};
use super::renumber::Numbering;
use super::reorder::Reorder;
use super::resolve::{Index, Resolved};
use super::{Briefing, PrintEdition};
use crate::content::{Content, NoteSpec, Page};
use crate::diagnostics::Diagnostic;

/// Puts the new bodies into the last briefing (in the new `order` when a note moved), fills
/// its lists again when references changed, makes the print edition again, and updates its
/// problems and the body cache. `refigured`: a claim has a new figure. `added`: the one edit
/// is a note new to the briefing (numbered after its last note), in this section.
pub(super) fn apply(
    cache: &mut Cache,
    content: &Content,
    mut edits: Vec<Edit>,
    refigured: bool,
    mut order: Option<Reorder>,
    added: Option<usize>,
) -> Option<Patched> {
    let mut before: Vec<Resolved> = edits
        .iter()
        .map(|e| match added {
            Some(_) => Some(Resolved::default()),
            None => cache.body(&e.page.file).cloned(),
        })
        .collect::<Option<_>>()?;
    let Cache {
        bodies,
        last,
        numbering,
    } = cache;
    let last = last.as_mut()?;
    let charts = chart_count(last.briefing.charts, &edits, &before)?;
    let briefing = Arc::make_mut(&mut last.briefing);
    briefing.charts = charts;
    let mut affected = Affected::default();
    let kept = (&mut last.linking, &mut *numbering);
    order = reordered(briefing, kept, &edits, added).or(order);
    if added.is_some() && order.is_none() {
        return None;
    }
    if let Some(order) = &order {
        let kept = (&mut *bodies, &mut last.linking, &mut *numbering);
        renumber(
            briefing,
            kept,
            order,
            (&mut edits, &mut before),
            &mut affected,
        );
    }
    let (mut relinked, moved) = put_fields(briefing, &mut last.linking, &mut edits, &mut affected);
    relinked |= put_bodies(briefing, &edits, &before, &mut affected);
    let mut diagnostics = last.diagnostics.clone();
    for (edit, old) in edits.iter().zip(&before) {
        remove_each(&mut diagnostics, &old.diagnostics);
        diagnostics.extend(edit.resolved.diagnostics.iter().cloned());
    }
    last.refigured |= refigured;
    for edit in edits {
        // Rendered against new figures, a body no longer matches the numbering of the last
        // whole build: the next whole build renders it again.
        bodies.put(edit.page, edit.resolved, !last.refigured);
    }
    if relinked || moved {
        remove_each(&mut diagnostics, &last.linking.unused);
    }
    let new_note = order.as_ref().filter(|_| added.is_some());
    relist(
        briefing,
        (bodies, &mut last.linking),
        new_note,
        (relinked, moved),
        &mut affected,
    )?;
    if relinked || moved {
        diagnostics.extend(last.linking.unused.iter().cloned());
    }
    affected.order = order.map(Box::new);
    finish(last, content, diagnostics, affected)
}

/// How many charts the briefing draws once `edits` (whose bodies were `before`) are in, of
/// `old` before; `None` when the chart font would join or leave the site (its files change:
/// a whole build).
fn chart_count(old: usize, edits: &[Edit], before: &[Resolved]) -> Option<usize> {
    let now = edits.iter().zip(before).fold(old, |n, (edit, was)| {
        n - was.outgoing.charts.len() + edit.resolved.outgoing.charts.len()
    });
    ((old == 0) == (now == 0)).then_some(now)
}

/// The renumbering the one edit needs when it is a note new to the briefing (put at the end
/// of `b` in section `added`, then moved to its place) or adds or takes claims; `None`
/// otherwise.
fn reordered(
    b: &mut Briefing,
    kept: (&mut Linking, &mut Numbering),
    edits: &[Edit],
    added: Option<usize>,
) -> Option<Reorder> {
    let [edit] = edits else { return None };
    let fields = edit.fields.as_ref()?;
    if let Some(section) = added {
        added::append(b, kept, (&edit.page, fields, section), &edit.resolved);
        return Some(Reorder::adding(b, fields.to));
    }
    let recounts = !(fields.added.is_empty() && fields.dropped.is_empty());
    recounts.then(|| claim_set::recount(b, kept, edit.note, fields))
}

/// Renumbers by `order` the briefing `b`, what the session keeps by number (the cached
/// bodies, the whole build's places and numbering), and the `edits` and their bodies
/// `before`; takes off the claims it moved to the end to go; records in `affected` the
/// neighbours left and the note whose place changed.
fn renumber(
    b: &mut Briefing,
    (bodies, linking, numbering): (&mut Bodies, &mut Linking, &mut Numbering),
    order: &Reorder,
    (edits, before): (&mut [Edit], &mut [Resolved]),
    affected: &mut Affected,
) {
    order.briefing(b);
    order.linking(linking);
    bodies.renumber(order);
    numbering.permute(order);
    if order.claims_gone > 0 {
        claim_set::cut(b, (linking, numbering), order, affected);
    }
    for (edit, old) in edits.iter_mut().zip(before) {
        edit.note = order.notes[edit.note];
        order.outgoing(&mut edit.resolved.outgoing);
        // Compared with the new body: a move alone refers to nothing new.
        order.outgoing(&mut old.outgoing);
    }
    affected.notes.extend(&order.left);
    affected.note_items.push(order.moved);
}

/// Puts the edits' front matter into `b`; gives whether the lists that follow from
/// references must be filled again (a claim rests on other sources, claims came or went) and
/// whether any front matter was put (claims may have moved in their files: the unused-claim
/// warnings give their places).
fn put_fields(
    b: &mut Briefing,
    linking: &mut Linking,
    edits: &mut [Edit],
    affected: &mut Affected,
) -> (bool, bool) {
    let (mut relinked, mut moved) = (false, false);
    for edit in edits {
        let Some(fields) = edit.fields.take() else {
            continue;
        };
        // Claims added: new cards (and pages), counted in the tally, resting on sources.
        let claims = &b.notes[edit.note].claims;
        let fresh: Vec<usize> = fields.added.iter().map(|&j| claims[j]).collect();
        affected.claim_cards.extend(&fresh);
        let recounted = !fresh.is_empty() || !fields.dropped.is_empty();
        affected.register |= recounted;
        relinked |= recounted;
        relinked |= fields::put(b, edit.note, &edit.page, fields, linking, affected);
        moved = true;
    }
    (relinked, moved)
}

/// Puts the edits' new bodies into `b`; true when one refers to other things than its body
/// `before` did.
fn put_bodies(
    b: &mut Briefing,
    edits: &[Edit],
    before: &[Resolved],
    affected: &mut Affected,
) -> bool {
    let mut relinked = false;
    for (edit, old) in edits.iter().zip(before) {
        relinked |= !relink::same_references(&edit.resolved, old);
        let note = &mut b.notes[edit.note];
        affected.search |= note.toc != edit.resolved.rendered.toc;
        affected.notes.push(edit.note);
        note.body_html = Arc::clone(&edit.resolved.rendered.html);
        note.toc = edit.resolved.rendered.toc.clone();
        note.references = edit.resolved.references.clone();
    }
    relinked
}

/// Fills the lists of `b` that follow from references again: for a note new to it (`added`:
/// the renumbering that put it in), from its own references; when references changed
/// (`relinked`), from every body's (all cached in `bodies`); and gives the unused-id warnings
/// again when front matter was put (`moved`). `None` when a body is not cached.
fn relist(
    b: &mut Briefing,
    (bodies, linking): (&Bodies, &mut Linking),
    added: Option<&Reorder>,
    (relinked, moved): (bool, bool),
    affected: &mut Affected,
) -> Option<()> {
    if let Some(order) = added {
        // A note added: its claims are new cards, counted in the tally; its references and
        // its claims' sources join the lists.
        let note = &b.notes[order.moved];
        affected.claim_cards.extend(&note.claims);
        affected.register |= !note.claims.is_empty();
        let out = &bodies.get(&note.file)?.outgoing;
        relink::link_added(b, order.moved, out, linking, affected);
    } else if relinked {
        // Every note of the last briefing has its body cached; were one missing, the whole
        // build that follows would replace everything patched so far.
        let outgoing = bodies.outgoing(b)?;
        relink::relink(b, &outgoing, linking, affected);
    } else if moved {
        relink::warn_unused(b, linking);
    }
    Some(())
}

/// Ends a patch of `last`: makes the print edition again, against the briefing as patched
/// (its new figures, its new order), and keeps `content` and the `diagnostics`.
pub(super) fn finish(
    last: &mut Last,
    content: &Content,
    diagnostics: Vec<Diagnostic>,
    mut affected: Affected,
) -> Option<Patched> {
    let briefing = Arc::make_mut(&mut last.briefing);
    if briefing.print.is_some() {
        let print = print_edition(&Index::of(briefing), briefing, content);
        briefing.print = Some(print);
    }
    last.diagnostics = diagnostics;
    last.content = content.clone();
    affected.tidy();
    let change = Change::Some(Box::new(affected));
    Some((Arc::clone(&last.briefing), last.diagnostics.clone(), change))
}

/// The print edition rendered again from the current note bodies, in reading order.
fn print_edition(index: &Index<'_>, briefing: &Briefing, content: &Content) -> PrintEdition {
    let by_file: std::collections::HashMap<&str, &Page<NoteSpec>> = content
        .notes
        .iter()
        .map(|p| (p.file.as_str(), &**p))
        .collect();
    let notes: Vec<&Page<NoteSpec>> = briefing
        .notes
        .iter()
        .filter_map(|n| by_file.get(n.file.as_str()).copied())
        .collect();
    super::build::print_edition(index, content, &notes)
}
