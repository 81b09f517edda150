//! A note removed, for the quick path of `dossier serve`: when nothing else refers to it or
//! its claims (a whole build would report the broken links), its section stays (a section
//! listed on the front page, or one other notes have) and no tag is renamed, it is moved to
//! the end of the reading order as [`reorder`](super::reorder) renumbers a note that moved,
//! then taken off, and its own references are taken out of the lists that followed from
//! them.

use std::sync::Arc;

use super::Briefing;
use super::apply::finish;
use super::cache::Cache;
use super::changed::{same_page, same_rest};
use super::fields::page_of;
use super::patch::{Last, Patched, remove_each};
use super::relink::{self, Affected};
use super::reorder::Reorder;
use super::resolve::{Outgoing, Resolved};
use super::retag;
use crate::content::Content;
use crate::urls;

/// The file of the one note `before` has and `now` lacks, when nothing else changed.
pub(super) fn removed_note(before: &Content, now: &Content) -> Option<String> {
    if before.notes.len() != now.notes.len() + 1 || !same_rest(before, now) {
        return None;
    }
    let mut new = now.notes.iter().peekable();
    let mut removed = None;
    for page in &before.notes {
        match new.peek() {
            Some(n) if same_page(page, n) => {
                new.next();
            }
            _ if removed.is_none() => removed = Some(page.file.clone()),
            _ => return None,
        }
    }
    removed
}

/// Takes the note of `file` out of the last briefing in `cache`, for `content`; `None` when
/// it cannot be done in place (see the module's documentation).
pub(super) fn remove(cache: &mut Cache, content: &Content, file: &str) -> Option<Patched> {
    let last = cache.last.as_ref()?;
    let b = &*last.briefing;
    let note = b.notes.iter().position(|n| n.file == file)?;
    let body = cache.body(file)?.clone();
    if !removable(b, content, note, &body) || referred(cache, last, note) {
        return None;
    }
    let page = page_of(b, &last.content.notes, note)?;
    retag::plan(b, note, (&page.spec.tags, &[]), |n| {
        page_of(b, &content.notes, n)
    })?;
    take_out(cache, content, note, body)
}

/// True when taking note `note` (its body `body`) out of `b` keeps the briefing's shape: its
/// section stays, the print edition and the chart font neither come nor go.
fn removable(b: &Briefing, content: &Content, note: usize, body: &Resolved) -> bool {
    let section = &b.sections[b.notes[note].section];
    let listed = |title: &String| {
        let index = content.index.as_ref();
        index.is_some_and(|p| p.spec.sections.contains(title))
    };
    let stays = section.notes != [note] || section.title.as_ref().is_some_and(listed);
    let charts = b.charts - body.outgoing.charts.len();
    stays
        && b.print.is_some() == b.config.print_edition(b.notes.len() - 1)
        && (b.charts == 0) == (charts == 0)
}

/// True when another note's body, the front page or a source's annotation links to note
/// `note` or one of its claims, or charts one of them.
fn referred(cache: &Cache, last: &Last, note: usize) -> bool {
    let n = &last.briefing.notes[note];
    let refers = |out: &Outgoing| {
        let mut claims = out
            .claims
            .iter()
            .chain(out.charts.iter().flat_map(|c| &c.claims));
        let mut notes = out
            .notes
            .iter()
            .chain(out.fragments.iter().map(|f| &f.note));
        claims.any(|c| n.claims.contains(c)) || notes.any(|&m| m == note)
    };
    cache.bodies.others(&n.file).any(|r| refers(&r.outgoing))
        || last.linking.front.as_ref().is_some_and(refers)
        || refers(&last.linking.annotated)
}

/// Moves note `note` to the end of the last briefing and takes it off, with its claims, its
/// tags and its cached body (`body`), and takes its references out of the lists.
fn take_out(cache: &mut Cache, content: &Content, note: usize, body: Resolved) -> Option<Patched> {
    let Cache {
        bodies,
        last,
        numbering,
    } = cache;
    let last = last.as_mut()?;
    let briefing = Arc::make_mut(&mut last.briefing);
    let mut affected = Affected::default();
    retag::apply(briefing, note, &[], &mut affected);
    let end = briefing.notes.len() - 1;
    let claims = briefing.notes[note].claims.len();
    let order = Reorder {
        removed: Some(claims),
        ..Reorder::moving(briefing, note, end)
    };
    order.briefing(briefing);
    order.linking(&mut last.linking);
    bodies.renumber(&order);
    numbering.permute(&order);
    let gone = briefing.notes.pop()?;
    let keep = briefing.claims.len() - claims;
    let gone_claims = briefing.claims.split_off(keep);
    last.linking.claim_places.truncate(keep);
    numbering.truncate(end, keep);
    bodies.remove(&gone.file);
    briefing.sections[gone.section].notes.retain(|&n| n != end);
    briefing.charts -= body.outgoing.charts.len();
    affected.gone.push(urls::note(&gone.slug));
    affected
        .gone
        .extend(gone_claims.iter().map(|c| urls::claim(&c.id)));
    affected.notes.extend(&order.left);
    affected.register |= claims > 0;
    affected.search = true;
    let mut diagnostics = last.diagnostics.clone();
    remove_each(&mut diagnostics, &body.diagnostics);
    remove_each(&mut diagnostics, &last.linking.unused);
    let mut out = body.outgoing;
    order.outgoing(&mut out);
    let numbers = (end, keep);
    relink::unlink_removed(briefing, numbers, &out, &mut last.linking, &mut affected);
    diagnostics.extend(last.linking.unused.iter().cloned());
    // Its sources' lists named it: they named a number no note has now.
    affected.notes.retain(|&n| n < end);
    affected.order = Some(Box::new(order));
    finish(last, content, diagnostics, affected)
}
