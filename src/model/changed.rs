//! What changed between two reads of the content, for the quick paths of `dossier serve`:
//! the notes edited in place (and whether their front matter was), and whether the front
//! page and the sources are as they were.

use std::sync::Arc;

use crate::content::{Content, NoteSpec, Page};

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

/// True when the front page and the sources of `now` are as they were `before`.
pub(super) fn same_rest(before: &Content, now: &Content) -> bool {
    let same_front = match (&before.index, &now.index) {
        (Some(a), Some(b)) => same_page(a, b),
        (None, None) => true,
        _ => false,
    };
    same_front
        && before.sources.len() == now.sources.len()
        && before
            .sources
            .iter()
            .zip(&now.sources)
            .all(|(a, b)| same_page(a, b))
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
        let renamed = content(vec![a, note("content/notes/c.md", "B", "Two.\n")]);
        assert!(changed_notes(&before, &renamed).is_none(), "a renamed note");
    }
}
