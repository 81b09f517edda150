//! What changed between two reads of the content, for the quick paths of `dossier serve`:
//! the notes edited in place (and whether their front matter was), a note renamed, a source
//! file edited, and whether the front page and the sources are as they were.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::content::{Content, NoteSpec, Page, SourceSpec};

/// The notes of `now` that changed since `before`, each with whether its front matter did;
/// `None` when anything else changed (a file added, removed or renamed, a source file, the
/// front page).
pub(super) fn changed_notes(
    before: &Content,
    now: &Content,
) -> Option<Vec<(Arc<Page<NoteSpec>>, bool)>> {
    if !same_rest(before, now) || before.notes.len() != now.notes.len() {
        return None;
    }
    let mut changed = Vec::new();
    for (old, new) in before.notes.iter().zip(&now.notes) {
        if same_page(old, new) {
            continue;
        }
        if old.file != new.file {
            return None;
        }
        changed.push((Arc::clone(new), front_matter(old) != front_matter(new)));
    }
    Some(changed)
}

/// The file of the one note `before` has and `now` lacks, and the page of the one `now` has
/// instead, when nothing else changed: a note renamed (its text may have changed with it).
pub(super) fn renamed_note(
    before: &Content,
    now: &Content,
) -> Option<(String, Arc<Page<NoteSpec>>)> {
    if before.notes.len() != now.notes.len() || !same_rest(before, now) {
        return None;
    }
    let old: HashMap<&str, &Arc<Page<NoteSpec>>> =
        before.notes.iter().map(|p| (p.file.as_str(), p)).collect();
    let new: HashSet<&str> = now.notes.iter().map(|p| p.file.as_str()).collect();
    let mut gone = before
        .notes
        .iter()
        .filter(|p| !new.contains(p.file.as_str()));
    let mut came = now
        .notes
        .iter()
        .filter(|p| !old.contains_key(p.file.as_str()));
    let (gone, came) = (gone.next()?, came.next()?);
    let others_same = now
        .notes
        .iter()
        .filter(|p| p.file != came.file)
        .all(|p| old.get(p.file.as_str()).is_some_and(|o| same_page(o, p)));
    others_same.then(|| (gone.file.clone(), Arc::clone(came)))
}

/// The one source file of `now` whose text changed since `before`, when nothing else did
/// (no file came, went or was renamed; the front page and every note as they were).
pub(super) fn edited_source(before: &Content, now: &Content) -> Option<Arc<Page<SourceSpec>>> {
    let same_notes = before.notes.len() == now.notes.len()
        && before
            .notes
            .iter()
            .zip(&now.notes)
            .all(|(a, b)| same_page(a, b));
    if !same_front(before, now) || !same_notes || before.sources.len() != now.sources.len() {
        return None;
    }
    let mut edited = before
        .sources
        .iter()
        .zip(&now.sources)
        .filter(|(a, b)| !same_page(a, b));
    let (old, new) = edited.next()?;
    (old.file == new.file && edited.next().is_none()).then(|| Arc::clone(new))
}

/// True when the front page and the sources of `now` are as they were `before`.
pub(super) fn same_rest(before: &Content, now: &Content) -> bool {
    same_front(before, now)
        && before.sources.len() == now.sources.len()
        && before
            .sources
            .iter()
            .zip(&now.sources)
            .all(|(a, b)| same_page(a, b))
}

/// True when the front page of `now` is as it was `before` (or neither has one).
fn same_front(before: &Content, now: &Content) -> bool {
    match (&before.index, &now.index) {
        (Some(a), Some(b)) => same_page(a, b),
        (a, b) => a.is_none() && b.is_none(),
    }
}

/// True when two reads of a file gave the same text (the same read, most often).
pub(super) fn same_page<S>(a: &Arc<Page<S>>, b: &Arc<Page<S>>) -> bool {
    Arc::ptr_eq(a, b) || (a.file == b.file && a.text == b.text)
}

/// The front matter of a page, as written.
fn front_matter(page: &Page<NoteSpec>) -> &str {
    &page.text[..page.body_offset]
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
    fn notes_edited_in_place_are_told_apart_from_other_changes() {
        let a = note("content/notes/a.md", "A", "One.\n");
        let b = note("content/notes/b.md", "B", "Two.\n");
        let before = content(vec![a.clone(), b.clone()]);
        let reread = content(vec![note("content/notes/a.md", "A", "One.\n"), b.clone()]);
        assert_eq!(changed_notes(&before, &reread).map(|c| c.len()), Some(0));
        let typed = note("content/notes/b.md", "B", "Two, three.\n");
        let edited = content(vec![a.clone(), typed.clone()]);
        let changed = changed_notes(&before, &edited).expect("a body edit");
        assert!(changed.len() == 1 && Arc::ptr_eq(&changed[0].0, &typed) && !changed[0].1);
        let retitled = content(vec![a.clone(), note("content/notes/b.md", "C", "Two.\n")]);
        let changed = changed_notes(&before, &retitled).expect("a front-matter edit");
        assert!(changed.len() == 1 && changed[0].1, "front matter");
        let added = content(vec![
            a.clone(),
            b.clone(),
            note("content/notes/c.md", "C", ""),
        ]);
        assert!(changed_notes(&before, &added).is_none(), "a new note");
        let renamed = content(vec![a.clone(), note("content/notes/c.md", "B", "Two.\n")]);
        assert!(changed_notes(&before, &renamed).is_none(), "a renamed note");
        let (file, page) = renamed_note(&before, &renamed).expect("a rename");
        assert_eq!(
            (file.as_str(), page.file.as_str()),
            ("content/notes/b.md", "content/notes/c.md")
        );
        assert!(renamed_note(&before, &edited).is_none(), "an edit in place");
        let both = content(vec![
            note("content/notes/a.md", "A", "Edited.\n"),
            note("content/notes/c.md", "B", "Two.\n"),
        ]);
        assert!(
            renamed_note(&before, &both).is_none(),
            "a rename and another note edited"
        );
        let two = content(vec![
            note("content/notes/d.md", "A", "One.\n"),
            note("content/notes/c.md", "B", "Two.\n"),
        ]);
        assert!(renamed_note(&before, &two).is_none(), "two notes renamed");
    }
}
