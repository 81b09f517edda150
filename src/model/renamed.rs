//! A note renamed, for the quick path of `dossier serve`: its file gone and another in its
//! place in one save (its slug, so its page, changes with the name). It is taken out as a
//! note [removed](super::removed) is, then put in under its new name as a note
//! [added](super::added) is; the two patches are rendered one after the other
//! ([`Change::Steps`]), each visiting only the pages it can alter.

use std::sync::Arc;

use super::added;
use super::cache::Cache;
use super::patch::{Change, Patched};
use super::removed;
use crate::content::{Content, NoteSpec, Page};

/// Takes the note of file `old` out of the last briefing in `cache` and puts `page` in, for
/// `content`; `None` when either cannot be done in place. When the removal was done and the
/// addition cannot be, the cache holds the briefing between them, which the whole build that
/// follows replaces (its bodies and their numbering were renumbered together).
pub(super) fn rename(
    cache: &mut Cache,
    content: &Content,
    old: &str,
    page: Arc<Page<NoteSpec>>,
) -> Option<Patched> {
    let mut between = content.clone();
    between.notes.retain(|p| !Arc::ptr_eq(p, &page));
    let (without, _, Change::Some(first)) = removed::remove(cache, &between, old)? else {
        return None;
    };
    let (briefing, diagnostics, Change::Some(then)) = added::add(cache, content, page)? else {
        return None;
    };
    let steps = Change::Steps(Box::new((without, *first)), then);
    Some((briefing, diagnostics, steps))
}
