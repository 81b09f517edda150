//! A source file edited in place, for the quick path of `dossier serve`: its record (title,
//! publisher, author, dates, URL, kind, reliability) and its annotation are put into the last
//! briefing when it keeps its id and its annotation refers to what it did. A new
//! title or publisher shows in the citations and chart captions of the notes citing the
//! source, whose bodies are rendered again. [`Affected`] names what shows the source: its
//! page, the bibliography (and `sources.csl.json`), the claims resting on it (their cards
//! give its title, publisher, link and grade), the notes citing it (their reference lists),
//! the search index.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::apply;
use super::build::DETAIL_ROOT;
use super::cache::Cache;
use super::declare::{self, Place, SourceDecl};
use super::patch::{self, Patched};
use super::relink::{self, Affected};
use super::resolve::{Index, Outgoing, Resolved, resolve};
use super::{Briefing, Source};
use crate::content::{Content, NoteSpec, Page, SourceSpec};

/// A note body rendered again: the note's number, its page, the body.
type Body = (usize, Arc<Page<NoteSpec>>, Resolved);

/// Patches the last briefing in `cache` for source file `page`, edited alone; `None` when a
/// whole build must look at it (its id or what its annotation refers to changed, it has a
/// problem, or a new title shows on the front page or in an annotation).
pub(super) fn edit(
    cache: &mut Cache,
    content: &Content,
    page: &Page<SourceSpec>,
) -> Option<Patched> {
    let last = cache.last.as_ref()?;
    let old_page = last.content.sources.iter().find(|p| p.file == page.file)?;
    let ((id, old), (new_id, new)) = (declared(old_page)?, declared(page)?);
    let b = &*last.briefing;
    let s = b
        .sources
        .binary_search_by(|x| x.id.as_str().cmp(&id))
        .ok()?;
    if new_id != id || b.sources[s].file != page.file {
        return None;
    }
    let renamed = name(&old) != name(&new);
    let linking = &last.linking;
    let elsewhere = linking.front.iter().any(|o| cites(o, s)) || cites(&linking.annotated, s);
    if renamed && elsewhere {
        return None;
    }
    let mut index = Index::of(b);
    let before = resolve(&index, &old.annotation, DETAIL_ROOT);
    (index.source_titles[s], index.source_publishers[s]) = name(&new);
    let after = resolve(&index, &new.annotation, DETAIL_ROOT);
    let clean = before.diagnostics.is_empty() && after.diagnostics.is_empty();
    if !clean || !before.outgoing.same_targets(&after.outgoing) {
        return None;
    }
    let bodies = match renamed {
        true => cited_in(&index, b, content, s)?,
        false => Vec::new(),
    };
    let source = declare::source(&id, &new, after.rendered.html);
    let place = (new.place != old.place).then_some(new.place);
    drop((index, old));
    put(cache, content, (s, source, renamed, place), bodies)
}

/// The source `page` declares, with its id; `None` when declaring it finds a problem.
fn declared(page: &Page<SourceSpec>) -> Option<(String, SourceDecl<'_>)> {
    let mut problems = Vec::new();
    let declared = declare::source_file(page, &mut problems)?;
    problems.is_empty().then_some(declared)
}

/// The name a source shows in citations and chart captions: its title and publisher.
fn name<'c>(decl: &SourceDecl<'c>) -> (&'c str, &'c str) {
    (decl.spec.title.trim(), decl.spec.publisher.trim())
}

/// True when `outgoing` cites or links source `s`, or charts it.
fn cites(outgoing: &Outgoing, s: usize) -> bool {
    outgoing.sources.contains(&s) || outgoing.charts.iter().any(|c| c.sources.contains(&s))
}

/// The bodies of the notes citing, linking or charting source `s` of `b`, rendered again
/// against `index`, side by side; `None` when one cannot be (a whole build then reports why).
fn cited_in(index: &Index<'_>, b: &Briefing, content: &Content, s: usize) -> Option<Vec<Body>> {
    let notes = &b.sources[s].notes;
    let wanted: HashMap<&str, usize> = notes.iter().map(|&n| (&*b.notes[n].file, n)).collect();
    let pages: Vec<(usize, &Arc<Page<NoteSpec>>)> = content
        .notes
        .iter()
        .filter_map(|page| Some((*wanted.get(page.file.as_str())?, page)))
        .collect();
    if pages.len() != notes.len() {
        return None;
    }
    let render = |&(n, page): &(usize, &Arc<Page<NoteSpec>>)| {
        let body = patch::render_again(index, page)?;
        Some((n, Arc::clone(page), body))
    };
    pages.par_iter().map(render).collect()
}

/// Puts `source`, number `s` of the last briefing in `cache` (`renamed`: with a new title
/// or publisher; `place`: its id now written elsewhere in its file), and the note `bodies`
/// rendered again into it.
fn put(
    cache: &mut Cache,
    content: &Content,
    (s, source, renamed, place): (usize, Source, bool, Option<Place>),
    bodies: Vec<Body>,
) -> Option<Patched> {
    let Cache {
        bodies: cached,
        last,
        numbering,
    } = cache;
    let last = last.as_mut()?;
    let briefing = Arc::make_mut(&mut last.briefing);
    let kept = &mut briefing.sources[s];
    *kept = Source {
        claims: std::mem::take(&mut kept.claims),
        notes: std::mem::take(&mut kept.notes),
        charts: std::mem::take(&mut kept.charts),
        ..source
    };
    let mut diagnostics = last.diagnostics.clone();
    for (n, page, body) in bodies {
        if let Some(old) = cached.get(&page.file) {
            patch::remove_each(&mut diagnostics, &old.diagnostics);
        }
        diagnostics.extend(body.diagnostics.iter().cloned());
        briefing.notes[n].body_html = Arc::clone(&body.rendered.html);
        cached.put(page, body, !last.refigured);
    }
    if let Some(place) = place {
        // Where an unused-source warning points.
        last.linking.source_places[s] = place;
        patch::remove_each(&mut diagnostics, &last.linking.unused);
        relink::warn_unused(briefing, &mut last.linking);
        diagnostics.extend(last.linking.unused.iter().cloned());
    }
    if renamed {
        // Every body that shows the source's name was rendered again: the bodies cached are
        // those a whole build under the new names would render.
        let names = briefing.sources.iter();
        numbering.resource(names.map(|s| (&*s.id, &*s.title, &*s.publisher)));
    }
    let shown = &briefing.sources[s];
    let affected = Affected {
        sources: vec![s],
        bibliography: true,
        claim_cards: shown.claims.clone(),
        notes: shown.notes.clone(),
        search: true,
        ..Affected::default()
    };
    apply::finish(last, content, diagnostics, affected)
}
