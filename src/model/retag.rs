//! A note's tags edited in place, for the quick path of `dossier serve`: the note joins and
//! leaves tags; a tag no note had is made, and a tag its last note leaves goes, with its page.
//! No tag is ever renamed in place: a tag is named by its first note's spelling, so every tag
//! an edit names must be spelled as the briefing spells it, and a tag's first note may leave
//! it only when the next one spells it the same.

use std::sync::Arc;

use super::relink::Affected;
use super::reorder::Reorder;
use super::{Briefing, Tag};
use crate::content::{NoteSpec, Page};
use crate::html::slugify;

/// What an edit does to a note's tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Retag {
    /// Nothing: the same tags, spelled the same.
    Same,
    /// The note joins or leaves tags the briefing keeps: no tag page comes or goes.
    Moved,
    /// A tag is made or emptied: a tag page comes or goes.
    Reshaped,
}

/// How note `note` can go from the tags spelled `was` to those spelled `now`; `None` when
/// the edit would rename a tag or give one no letters (a whole build reports that). `read`
/// gives a note's page, as it is now, by index.
pub(super) fn plan(
    briefing: &Briefing,
    note: usize,
    (was, now): (&[String], &[String]),
    read: impl Fn(usize) -> Option<Arc<Page<NoteSpec>>>,
) -> Option<Retag> {
    if was == now {
        return Some(Retag::Same);
    }
    let old = spelled(briefing, was)?;
    let (new, made) = named(briefing, now)?;
    let mut emptied = false;
    for t in old.into_iter().filter(|t| !new.contains(t)) {
        emptied |= leaves(briefing, note, t, &read)?;
    }
    Some(if made || emptied {
        Retag::Reshaped
    } else {
        Retag::Moved
    })
}

/// The tags of the briefing among `names`, and whether a name makes a new one; `None` when
/// a name has no letters or spells a tag otherwise than the briefing does.
fn named(briefing: &Briefing, names: &[String]) -> Option<(Vec<usize>, bool)> {
    let mut made = false;
    let mut tags = Vec::new();
    for name in names {
        let slug = slugify(name);
        match find(briefing, &slug) {
            Ok(t) if briefing.tags[t].name == *name => tags.push(t),
            Err(_) if !slug.is_empty() => made = true,
            _ => return None,
        }
    }
    Some((tags, made))
}

/// Whether note `note` leaving tag `t` empties it; `None` when it renames it (the note was
/// its first, and the next spells it otherwise).
fn leaves(
    briefing: &Briefing,
    note: usize,
    t: usize,
    read: impl Fn(usize) -> Option<Arc<Page<NoteSpec>>>,
) -> Option<bool> {
    let tag = &briefing.tags[t];
    match tag.notes[..] {
        [first, next, ..] if first == note => spells(&read, next, tag).then_some(false),
        [only] => Some(only == note),
        _ => Some(false),
    }
}

/// True when note `note`, spelling its tags `names` after the edit, can move as `order` says
/// without renaming a tag: where it is a tag's first note after the move it spells the tag as
/// the briefing does, and where it stops being the first, the next note does. `read` gives a
/// note's page, as it is now, by its old number.
pub(super) fn movable(
    briefing: &Briefing,
    note: usize,
    names: &[String],
    order: &Reorder,
    read: impl Fn(usize) -> Option<Arc<Page<NoteSpec>>>,
) -> bool {
    names.iter().all(|name| {
        let Ok(t) = find(briefing, &slugify(name)) else {
            return true;
        };
        let tag = &briefing.tags[t];
        let next = tag.notes.iter().copied().find(|&n| n != note);
        let first_after = next.is_none_or(|n| order.notes[note] < order.notes[n]);
        match (tag.notes.first() == Some(&note), first_after) {
            (_, true) => tag.name == *name,
            (true, false) => next.is_some_and(|n| spells(&read, n, tag)),
            (false, false) => true,
        }
    })
}

/// True when note `n`'s page spells `tag` as the briefing does.
fn spells(read: impl Fn(usize) -> Option<Arc<Page<NoteSpec>>>, n: usize, tag: &Tag) -> bool {
    read(n).is_some_and(|page| {
        let spelling = page.spec.tags.iter().find(|s| slugify(s) == tag.slug);
        spelling == Some(&tag.name)
    })
}

/// True when the plans of the notes edited together can be carried out one after another:
/// a note that makes or empties a tag is the only one whose tags change (two notes making the
/// same tag would have to agree on which names it).
pub(super) fn compatible(plans: impl Iterator<Item = Retag>) -> bool {
    let changed: Vec<Retag> = plans.filter(|p| *p != Retag::Same).collect();
    changed.len() <= 1 || !changed.contains(&Retag::Reshaped)
}

/// Moves note `note` to the tags spelled `names`, as [`plan`] allowed: makes the tags no note
/// had, drops those left empty, and records the tags whose lists changed.
pub(super) fn apply(
    briefing: &mut Briefing,
    note: usize,
    names: &[String],
    affected: &mut Affected,
) {
    for name in names {
        let slug = slugify(name);
        if let Err(at) = find(briefing, &slug) {
            let tag = Tag {
                name: name.clone(),
                slug,
                notes: Vec::new(),
            };
            make(briefing, at, tag, affected);
        }
    }
    let mut now: Vec<usize> = names
        .iter()
        .filter_map(|name| find(briefing, &slugify(name)).ok())
        .collect();
    now.sort_unstable();
    now.dedup();
    let was = std::mem::replace(&mut briefing.notes[note].tags, now.clone());
    for &t in was.iter().filter(|t| !now.contains(t)) {
        briefing.tags[t].notes.retain(|&n| n != note);
        affected.tags.push(t);
    }
    for &t in now.iter().filter(|t| !was.contains(t)) {
        let notes = &mut briefing.tags[t].notes;
        let at = notes.partition_point(|&n| n < note);
        notes.insert(at, note);
        affected.tags.push(t);
    }
    // A note's entry in the search index names its tags.
    affected.search |= was != now;
    for &t in was.iter().rev() {
        if briefing.tags[t].notes.is_empty() {
            drop_tag(briefing, t, affected);
        }
    }
}

/// The tags of the briefing spelled `names`, sorted as a note's tags are; `None` when one is
/// not a tag of the briefing as it is spelled there.
fn spelled(briefing: &Briefing, names: &[String]) -> Option<Vec<usize>> {
    let mut tags = names
        .iter()
        .map(|name| briefing.tags.iter().position(|t| t.name == *name))
        .collect::<Option<Vec<usize>>>()?;
    tags.sort_unstable();
    tags.dedup();
    Some(tags)
}

/// The index of the tag with `slug`, or where it would go (tags are sorted by slug).
fn find(briefing: &Briefing, slug: &str) -> Result<usize, usize> {
    briefing
        .tags
        .binary_search_by(|t| t.slug.as_str().cmp(slug))
}

/// Puts `tag` into the briefing at `at`; the tags after it move up one. No tag is recorded
/// in `affected` yet: the note making it is the only one retagged ([`compatible`]), and it
/// makes its tags before it joins or leaves any.
fn make(briefing: &mut Briefing, at: usize, tag: Tag, affected: &mut Affected) {
    briefing.tags.insert(at, tag);
    let later = |t: &mut usize| *t += usize::from(*t >= at);
    briefing
        .notes
        .iter_mut()
        .for_each(|n| n.tags.iter_mut().for_each(later));
    affected.tag_set = true;
}

/// Takes tag `at`, which no note has any more, out of the briefing; the tags after it move
/// down one, and its page goes.
fn drop_tag(briefing: &mut Briefing, at: usize, affected: &mut Affected) {
    let tag = briefing.tags.remove(at);
    let later = |t: &mut usize| *t -= usize::from(*t > at);
    briefing
        .notes
        .iter_mut()
        .for_each(|n| n.tags.iter_mut().for_each(later));
    affected.tags.retain(|&t| t != at);
    affected.tags.iter_mut().for_each(later);
    affected.tags_gone.push(tag.slug);
    affected.tag_set = true;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_lone_note_may_make_or_empty_a_tag() {
        use Retag::*;
        let ok = |plans: &[Retag]| compatible(plans.iter().copied());
        assert!(ok(&[]));
        assert!(ok(&[Reshaped, Same, Same]));
        assert!(ok(&[Moved, Moved, Same]));
        assert!(!ok(&[Moved, Reshaped]));
        assert!(!ok(&[Reshaped, Reshaped]));
    }
}
