//! A note added, for the quick path of `dossier serve`: a new note file that fits the
//! briefing as it is (in a section it already has, citing sources it already has, with a
//! slug and claim ids of its own and no sources of its own; tags as [`retag`] allows) is
//! declared and rendered against the last briefing as if it were one more note at the end,
//! put there, then moved to its place in reading order as [`reorder`](super::reorder)
//! renumbers a note that moved.

use std::sync::Arc;

use super::apply::apply;
use super::build::body_text;
use super::build::note;
use super::cache::Cache;
use super::changed::{same_page, same_rest};
use super::fields::{self, Fields};
use super::links;
use super::patch::{Edit, Last, Linking, Patched};
use super::renumber::Numbering;
use super::resolve::resolve;
use super::resolve::{Index, Resolved};
use super::retag;
use super::{Briefing, Claim};
use crate::content::{Content, NoteSpec, Page};
use crate::diagnostics::has_errors;
use crate::html::is_slug;

/// The new note, declared and rendered against the last briefing with the number after its
/// last note (its claims likewise after the last claim).
pub(super) struct Added {
    /// The page.
    pub page: Arc<Page<NoteSpec>>,
    /// Its front matter declared; `to` is its number in reading order.
    pub fields: Fields,
    /// Index into [`Briefing::sections`] of its section.
    pub section: usize,
}

/// The one note file of `now` that `before` lacks, when nothing else changed (no other note,
/// source or front page edited, added or removed).
pub(super) fn added_note(before: &Content, now: &Content) -> Option<Arc<Page<NoteSpec>>> {
    if now.notes.len() != before.notes.len() + 1 || !same_rest(before, now) {
        return None;
    }
    let mut old = before.notes.iter().peekable();
    let mut added = None;
    for page in &now.notes {
        match old.peek() {
            Some(o) if same_page(o, page) => {
                old.next();
            }
            _ if added.is_none() => added = Some(Arc::clone(page)),
            _ => return None,
        }
    }
    added
}

/// [`patch`](super::patch::patch) for one note added and nothing else changed.
pub(super) fn add(
    cache: &mut Cache,
    content: &Content,
    page: Arc<Page<NoteSpec>>,
) -> Option<Patched> {
    let last = cache.last.as_ref()?;
    let mut index = Index::of(&last.briefing);
    let added = declare(&index, last, content, page)?;
    extend(&mut index, &added);
    let resolved = resolve(&index, &body_text(&added.page), super::build::DETAIL_ROOT);
    let new = [(last.briefing.notes.len(), &resolved)];
    let fragments = links::fragments_hold(last, &cache.bodies, &new);
    if has_errors(&resolved.diagnostics) || !fragments {
        return None;
    }
    drop(index);
    let edit = Edit {
        note: last.briefing.notes.len(),
        page: added.page,
        resolved,
        fields: Some(added.fields),
    };
    apply(cache, content, vec![edit], false, None, Some(added.section))
}

/// Declares `page`, a note new to the last briefing; `None` when it would change the
/// briefing's shape (a new section, sources of its own, a claim id or slug the briefing
/// has, a tag renamed, the print edition coming or going) or declaring finds a problem (a
/// whole build then reports it in full).
pub(super) fn declare(
    index: &Index<'_>,
    last: &Last,
    content: &Content,
    page: Arc<Page<NoteSpec>>,
) -> Option<Added> {
    let briefing = &*last.briefing;
    let spec = &page.spec;
    let count = briefing.notes.len() + 1;
    let fits = is_slug(&page.stem)
        && !index.notes.contains_key(page.stem.as_str())
        && spec.sources.is_empty()
        && briefing.print.is_some() == briefing.config.print_edition(count);
    let section = briefing
        .sections
        .iter()
        .position(|s| s.title.as_deref() == spec.section.as_deref());
    if !fits {
        return None;
    }
    let tags = retag::plan(briefing, count - 1, (&[], &spec.tags), |_| None)?;
    let (claims, places) = fields::claims_of(index, &page)?;
    if claims
        .iter()
        .any(|c| index.claims.contains_key(c.id.as_str()))
    {
        return None;
    }
    let to = fields::placed(briefing, content, &page, count - 1, count)?;
    let fields = Fields {
        claims,
        places,
        tags,
        to,
        section: None,
        added: Vec::new(),
        dropped: Vec::new(),
    };
    Some(Added {
        page,
        fields,
        section: section?,
    })
}

/// `index` with `added`'s slug and claims, numbered after the last note and claim of the
/// briefing it was made from, for its body to be rendered against.
pub(super) fn extend<'a>(index: &mut Index<'a>, added: &'a Added) {
    index.notes.insert(&added.page.stem, index.notes.len());
    index.push_claims(added.fields.claims.iter());
}

/// Puts note `page`, declared as `fields` (in section `section`) and rendered as `resolved`,
/// at the end of `b` (its claims after the last claim), with no tags yet: its front matter
/// is then put in as an edit's is. `linking` and `numbering`, what the last whole build
/// kept, are given its claims.
pub(super) fn append(
    b: &mut Briefing,
    (linking, numbering): (&mut Linking, &mut Numbering),
    (page, fields, section): (&Page<NoteSpec>, &Fields, usize),
    resolved: &Resolved,
) {
    let n = b.notes.len();
    let first = b.claims.len();
    let body = resolved.clone();
    let mut new = note(page, body.rendered, body.references, section, Vec::new());
    new.claims = (first..first + fields.claims.len()).collect();
    b.notes.push(new);
    let claims = fields.claims.iter().map(|c| Claim {
        declared_in: n,
        ..c.clone()
    });
    b.claims.extend(claims);
    b.sections[section].notes.push(n);
    linking.claim_places.extend(fields.places.iter().cloned());
    numbering.append(&page.stem, &fields.claims);
}
