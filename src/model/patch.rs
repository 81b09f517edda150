//! The quick path of `dossier serve` for the most common edit, typing in a note's body: when
//! only note bodies changed (front matter, sources, the front page and settings as they were)
//! and each new body refers to exactly what the old one did, the last briefing is patched
//! instead of built again. Nothing else in the briefing can have changed then: backlinks,
//! claim and source lists, tags and sections come from front matter and from what bodies
//! refer to. The [`Change`] it returns tells rendering which pages can differ.

use std::sync::Arc;

use super::Briefing;
use super::build::body_text;
use super::cache::Cache;
use super::print;
use super::resolve::{Index, Resolved, resolve};
use crate::config::Config;
use crate::content::{Content, NoteSpec, Page};
use crate::diagnostics::{Diagnostic, has_errors};

/// What changed in the briefing since the last build of a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Anything may have: every page must be looked at.
    All,
    /// Only the bodies of these notes (indexes into [`Briefing::notes`]) and, with them, the
    /// print edition, the feed's copies of them and, when `headings`, the search index.
    Bodies {
        /// The notes whose bodies changed.
        notes: Vec<usize>,
        /// True when a changed body's headings read differently (their ids stay the same).
        headings: bool,
    },
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
}

/// One note whose body changed: where it is and how it renders now.
struct Edit {
    /// Index into [`Briefing::notes`].
    note: usize,
    /// The page as read now.
    page: Arc<Page<NoteSpec>>,
    /// Its body, rendered against the last briefing.
    resolved: Resolved,
}

/// Patches the last briefing in `cache` for `content`, when only note bodies changed and
/// they refer to what they did; `None` when the briefing must be built again.
pub(super) fn patch(
    cache: &mut Cache,
    content: &Content,
    config: &Config,
) -> Option<(Arc<Briefing>, Vec<Diagnostic>, Change)> {
    let last = cache.last.as_ref()?;
    if last.config != *config {
        return None;
    }
    let pages = changed_bodies(&last.content, content)?;
    let index = Index::of(&last.briefing);
    let mut edits = Vec::with_capacity(pages.len());
    let mut headings = false;
    for page in pages {
        let note = last
            .briefing
            .notes
            .iter()
            .position(|n| n.file == page.file)?;
        let resolved = resolve(&index, &body_text(&page), super::build::DETAIL_ROOT);
        let before = cache.body(&page.file)?;
        let old = &last.briefing.notes[note];
        let same_ids = old.toc.len() == resolved.rendered.toc.len()
            && old
                .toc
                .iter()
                .zip(&resolved.rendered.toc)
                .all(|(a, b)| a.id == b.id);
        let same = resolved.outgoing.same_targets(&before.outgoing)
            && resolved.references == before.references
            && same_ids
            && !has_errors(&resolved.diagnostics);
        if !same {
            return None;
        }
        headings |= old.toc != resolved.rendered.toc;
        edits.push(Edit {
            note,
            page,
            resolved,
        });
    }
    let print = last
        .briefing
        .print
        .as_ref()
        .map(|_| print_edition(&index, &last.briefing, content));
    drop(index);
    apply(cache, content, edits, print, headings)
}

/// The pages of `now` whose bodies alone changed since `before`; `None` when anything else
/// changed (a file added, removed or renamed, front matter, a source file, the front page).
fn changed_bodies(before: &Content, now: &Content) -> Option<Vec<Arc<Page<NoteSpec>>>> {
    let same_front = match (&before.index, &now.index) {
        (Some(a), Some(b)) => same_page(a, b),
        (None, None) => true,
        _ => false,
    };
    let same_sources = before.sources.len() == now.sources.len()
        && before
            .sources
            .iter()
            .zip(&now.sources)
            .all(|(a, b)| same_page(a, b));
    if !same_front || !same_sources || before.notes.len() != now.notes.len() {
        return None;
    }
    let mut changed = Vec::new();
    for (old, new) in before.notes.iter().zip(&now.notes) {
        if same_page(old, new) {
            continue;
        }
        if old.file != new.file || front_matter(old) != front_matter(new) {
            return None;
        }
        changed.push(Arc::clone(new));
    }
    Some(changed)
}

/// True when two reads of a file gave the same text (the same read, most often).
fn same_page<S>(a: &Arc<Page<S>>, b: &Arc<Page<S>>) -> bool {
    Arc::ptr_eq(a, b) || (a.file == b.file && a.text == b.text)
}

/// The front matter of a page, as written.
fn front_matter(page: &Page<NoteSpec>) -> &str {
    &page.text[..page.body_offset]
}

/// The print edition rendered again from the current note bodies, in reading order.
fn print_edition(index: &Index<'_>, briefing: &Briefing, content: &Content) -> super::PrintEdition {
    let by_file: std::collections::HashMap<&str, &Page<NoteSpec>> = content
        .notes
        .iter()
        .map(|p| (p.file.as_str(), &**p))
        .collect();
    let texts: Vec<_> = briefing
        .notes
        .iter()
        .filter_map(|n| Some((body_text(*by_file.get(n.file.as_str())?), n.slug.as_str())))
        .collect();
    let front = content.index.as_deref().map(body_text);
    print::render(index, front.as_ref(), &texts)
}

/// Puts the new bodies into the last briefing, its problems and the body cache.
fn apply(
    cache: &mut Cache,
    content: &Content,
    edits: Vec<Edit>,
    print: Option<super::PrintEdition>,
    headings: bool,
) -> Option<(Arc<Briefing>, Vec<Diagnostic>, Change)> {
    let before: Vec<Vec<Diagnostic>> = edits
        .iter()
        .map(|e| cache.body(&e.page.file).map(|r| r.diagnostics.clone()))
        .collect::<Option<_>>()?;
    let last = cache.last.as_mut()?;
    for (edit, gone) in edits.iter().zip(before) {
        for d in gone {
            if let Some(at) = last.diagnostics.iter().position(|x| *x == d) {
                last.diagnostics.remove(at);
            }
        }
        last.diagnostics
            .extend(edit.resolved.diagnostics.iter().cloned());
        let note = &mut Arc::make_mut(&mut last.briefing).notes[edit.note];
        note.body_html = Arc::clone(&edit.resolved.rendered.html);
        note.toc = edit.resolved.rendered.toc.clone();
    }
    if let Some(print) = print {
        Arc::make_mut(&mut last.briefing).print = Some(print);
    }
    last.content = content.clone();
    let mut notes: Vec<usize> = edits.iter().map(|e| e.note).collect();
    notes.sort_unstable();
    let change = Change::Bodies { notes, headings };
    let patched = (Arc::clone(&last.briefing), last.diagnostics.clone(), change);
    for edit in edits {
        cache.put_body(edit.page, edit.resolved);
    }
    Some(patched)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::parse;

    fn note(file: &str, title: &str, body: &str) -> Arc<Page<NoteSpec>> {
        let text = format!("---\ntitle: {title}\ndate: 2025-01-01\n---\n{body}");
        Arc::new(parse(file, text).expect("a valid note"))
    }

    fn content(notes: Vec<Arc<Page<NoteSpec>>>) -> Content {
        Content {
            notes,
            ..Content::default()
        }
    }

    #[test]
    fn only_bodies_edited_in_place_count_as_body_changes() {
        let a = note("content/notes/a.md", "A", "One.\n");
        let b = note("content/notes/b.md", "B", "Two.\n");
        let before = content(vec![a.clone(), b.clone()]);
        let reread = content(vec![note("content/notes/a.md", "A", "One.\n"), b.clone()]);
        assert_eq!(changed_bodies(&before, &reread).map(|c| c.len()), Some(0));
        let typed = note("content/notes/b.md", "B", "Two, three.\n");
        let edited = content(vec![a.clone(), typed.clone()]);
        let changed = changed_bodies(&before, &edited).expect("a body edit");
        assert!(changed.len() == 1 && Arc::ptr_eq(&changed[0], &typed));
        let retitled = content(vec![a.clone(), note("content/notes/b.md", "C", "Two.\n")]);
        assert!(changed_bodies(&before, &retitled).is_none(), "front matter");
        let added = content(vec![
            a.clone(),
            b.clone(),
            note("content/notes/c.md", "C", ""),
        ]);
        assert!(changed_bodies(&before, &added).is_none(), "a new note");
        let renamed = content(vec![a, note("content/notes/c.md", "B", "Two.\n")]);
        assert!(
            changed_bodies(&before, &renamed).is_none(),
            "a renamed note"
        );
    }
}
