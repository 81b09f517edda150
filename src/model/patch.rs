//! The quick path of `dossier serve` for the most common edits, to one note at a time: when
//! only notes changed (sources, the front page, settings as they were), the last briefing is
//! patched instead of built again; a note [added](super::added) or
//! [removed](super::removed) alone is too, and a source file [edited](super::source_edit)
//! alone. The new bodies are rendered against it and put in (a heading's new id when no
//! link names the old one); edited front matter is declared again and put in when it keeps
//! the briefing's shape (see [`fields`](super::fields)), one note moving in reading order as
//! [`reorder`](super::reorder) renumbers it or adding and taking claims as
//! [`claim_set`](super::claim_set) does; when bodies or claims refer to other claims,
//! sources or notes than before, the lists that follow from references (backlinks, "used
//! by", "cited by", charts) are filled again from every body's references, kept from the
//! last build. The [`Change`] returned names what can differ, for rendering to visit the pages
//! showing it alone. Which notes changed is told by [`changed`](super::changed).

use std::sync::Arc;

use super::Briefing;
use super::added;
use super::apply::apply;
use super::build::body_text;
use super::cache::Cache;
use super::changed::{changed_notes, edited_source, renamed_note};
use super::claim_set;
use super::declare::Place;
use super::fields::{self, Declared, Fields};
use super::links;
use super::relink::Affected;
use super::removed;
use super::renamed;
use super::reorder;
use super::resolve::{Index, Outgoing, Resolved, resolve};
use super::retag;
use super::source_edit;
use crate::config::Config;
use crate::content::{Content, NoteSpec, Page};
use crate::diagnostics::{Diagnostic, has_errors};

/// What changed in the briefing since the last build of a session.
#[derive(Debug, Clone)]
pub enum Change {
    /// Anything may have: every page must be looked at.
    All,
    /// Notes, in place: only these pages and files can differ (besides the print edition,
    /// the feed, which carries whole notes, and the static files).
    Some(Box<Affected>),
    /// Two patches one after the other (a note renamed: removed, then added): the briefing
    /// between them with what the first can alter, then what the second can.
    Steps(Box<(Arc<Briefing>, Affected)>, Box<Affected>),
}

/// A briefing patched: the briefing, its problems, what changed.
pub(super) type Patched = (Arc<Briefing>, Vec<Diagnostic>, Change);

/// How references were turned into lists in the last whole build, to redo it after a patch.
#[derive(Debug, Default)]
pub(super) struct Linking {
    /// Where each claim is declared, for unused-claim warnings.
    pub claim_places: Vec<Place>,
    /// Where each source is declared, for unused-source warnings.
    pub source_places: Vec<Place>,
    /// What the front page's body refers to.
    pub front: Option<Outgoing>,
    /// What the sources' annotations refer to, together: the claims their charts are bound
    /// to, the notes and claims they link.
    pub annotated: Outgoing,
    /// The unused-claim and unused-source warnings given.
    pub unused: Vec<Diagnostic>,
}

/// The last briefing a session built without errors, and what it was built from.
#[derive(Debug)]
pub(super) struct Last {
    /// The briefing, shared with the renderer.
    pub briefing: Arc<Briefing>,
    /// The content it was built from (shared pages: the same allocation is the same text).
    pub content: Content,
    /// The settings it was built with.
    pub config: Config,
    /// The problems the model stage found (warnings only).
    pub diagnostics: Vec<Diagnostic>,
    /// How its lists were filled.
    pub linking: Linking,
    /// A patch gave claims figures the last whole build did not have: bodies rendered since
    /// were rendered against no whole build's numbering.
    pub refigured: bool,
}

/// One note that changed: where it is and how it renders now.
pub(super) struct Edit {
    /// Index into [`Briefing::notes`].
    pub note: usize,
    /// The page as read now.
    pub page: Arc<Page<NoteSpec>>,
    /// Its body, rendered against the last briefing.
    pub resolved: Resolved,
    /// Its front matter declared again, when that changed.
    pub fields: Option<Fields>,
}

/// Patches the last briefing in `cache` for `content` when only notes changed in place; `None`
/// when the briefing must be built again (or a new body has an error, which a whole build
/// reports in full).
pub(super) fn patch(cache: &mut Cache, content: &Content, config: &Config) -> Option<Patched> {
    let last = cache.last.as_ref()?;
    if last.config != *config {
        return None;
    }
    if let Some(page) = added::added_note(&last.content, content) {
        return added::add(cache, content, page);
    }
    if let Some(file) = removed::removed_note(&last.content, content) {
        return removed::remove(cache, content, &file);
    }
    if let Some(page) = edited_source(&last.content, content) {
        return source_edit::edit(cache, content, &page);
    }
    let Some(notes) = changed_notes(&last.content, content) else {
        let (old, page) = renamed_note(&last.content, content)?;
        return renamed::rename(cache, content, &old, page);
    };
    let mut declared = Vec::new();
    let mut index = Index::of(&last.briefing);
    for (page, front) in notes {
        let note = last
            .briefing
            .notes
            .iter()
            .position(|n| n.file == page.file)?;
        let fields = match front {
            true => Some(fields::declare(&index, last, content, note, &page)?),
            false => None,
        };
        declared.push((note, page, fields));
    }
    if !claim_set::alone(&declared) {
        return None;
    }
    claim_set::extend(&mut index, &declared);
    let plans = declared
        .iter()
        .filter_map(|(_, _, f)| f.as_ref().map(|f| f.tags));
    // A section left is checked against the briefing as it was: two notes leaving one could
    // empty it.
    let new_section = |(_, _, f): &Declared| f.as_ref().is_some_and(|f| f.section.is_some());
    if !retag::compatible(plans) || (declared.len() > 1 && declared.iter().any(new_section)) {
        return None;
    }
    let order = reorder::plan(&last.briefing, &declared, &content.notes)?;
    let (users, refigured) = fields::refigure(last, &mut index, &declared)?;
    let mut pages: Vec<(usize, Arc<Page<NoteSpec>>)> = declared
        .iter()
        .map(|(n, p, _)| (*n, Arc::clone(p)))
        .collect();
    let edited: Vec<usize> = pages.iter().map(|(n, _)| *n).collect();
    for note in users.into_iter().filter(|n| !edited.contains(n)) {
        pages.push((note, fields::page_of(&last.briefing, &content.notes, note)?));
    }
    let mut resolved = Vec::with_capacity(pages.len());
    for (_, page) in &pages {
        resolved.push(render_again(&index, page)?);
    }
    let notes = pages.iter().map(|(n, _)| *n);
    let bodies: Vec<(usize, &Resolved)> = notes.zip(&resolved).collect();
    if !links::fragments_hold(last, &cache.bodies, &bodies)
        || !claim_set::unreferenced(last, &cache.bodies, &declared, &resolved)
    {
        return None;
    }
    drop(bodies);
    drop(index);
    let mut fields = declared.into_iter().map(|(_, _, f)| f);
    let edits = pages
        .into_iter()
        .zip(resolved)
        .map(|((note, page), resolved)| Edit {
            note,
            page,
            resolved,
            fields: fields.next().flatten(),
        });
    apply(cache, content, edits.collect(), refigured, order, None)
}

/// The body of `page` rendered against `index`; `None` when it has an error (a whole build
/// reports it in full).
pub(super) fn render_again(index: &Index<'_>, page: &Page<NoteSpec>) -> Option<Resolved> {
    let resolved = resolve(index, &body_text(page), super::build::DETAIL_ROOT);
    (!has_errors(&resolved.diagnostics)).then_some(resolved)
}

/// Removes one occurrence of each of `gone` from `all`.
pub(super) fn remove_each(all: &mut Vec<Diagnostic>, gone: &[Diagnostic]) {
    for d in gone {
        if let Some(at) = all.iter().position(|x| x == d) {
            all.remove(at);
        }
    }
}
