//! The briefing's lists (notes, claims, sources, tags, sections), which note every read made
//! while [`record`] runs: rendering records what each page's view looked at, so the next build
//! views again only the pages whose records meet what changed. Reads go through [`List`]'s
//! methods, which all note the read but [`List::unnoted`] (for building the briefing,
//! comparing two builds, and positions a view notes itself, as a note's neighbours), so a new
//! field or a new view is recorded without a line saying so.

use std::cell::RefCell;
use std::ops::{Index, IndexMut};

/// Which list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// [`Briefing::notes`](super::Briefing::notes).
    Note,
    /// [`Briefing::claims`](super::Briefing::claims).
    Claim,
    /// [`Briefing::sources`](super::Briefing::sources).
    Source,
    /// [`Briefing::tags`](super::Briefing::tags).
    Tag,
    /// [`Briefing::sections`](super::Briefing::sections).
    Section,
}

/// An item type of a [`List`].
pub trait Item {
    /// Its list.
    const KIND: Kind;
}

/// One thing a view looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Read {
    /// An item, by position in this build.
    Item(Kind, usize),
    /// What names an item and links to it: its id and title (a link to a note, the title of
    /// a section, the name of a tag), by position.
    Named(Kind, usize),
    /// A whole list: its length, or its order.
    All(Kind),
    /// Which notes stand before and after a note (by position) in reading order.
    Neighbours(usize),
    /// Which notes a page of the claim register holds.
    Register(usize),
    /// The front page's own fields (its summary and body).
    Front,
}

thread_local! {
    /// The reads of the view being built on this thread, while [`record`] runs.
    static READS: RefCell<Option<Vec<Read>>> = const { RefCell::new(None) };
}

/// Runs `view` and gives what it read. Views are built on one thread each, without parallel
/// work inside.
pub fn record<R>(view: impl FnOnce() -> R) -> (R, Vec<Read>) {
    let outer = READS.with(|r| r.borrow_mut().replace(Vec::new()));
    let result = view();
    let reads = READS.with(|r| std::mem::replace(&mut *r.borrow_mut(), outer));
    (result, reads.unwrap_or_default())
}

/// Notes `read` when a view is being recorded.
pub fn note(read: Read) {
    READS.with(|r| {
        if let Some(reads) = r.borrow_mut().as_mut() {
            reads.push(read);
        }
    });
}

/// A list of the briefing whose reads are noted.
#[derive(Debug, Clone)]
pub struct List<T> {
    items: Vec<T>,
}

impl<T: Item> List<T> {
    /// How many items (a read of the whole list).
    pub fn len(&self) -> usize {
        note(Read::All(T::KIND));
        self.items.len()
    }

    /// True when there are none (a read of the whole list).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Item `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<&T> {
        note(Read::Item(T::KIND, i));
        self.items.get(i)
    }

    /// Item `i`, of which only what names it is read: its id and title (see [`Read::Named`]).
    pub fn named(&self, i: usize) -> &T {
        note(Read::Named(T::KIND, i));
        &self.items[i]
    }

    /// Every item in order (a read of the whole list and of each item given).
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> + ExactSizeIterator {
        note(Read::All(T::KIND));
        self.items.iter().enumerate().map(|(i, item)| {
            note(Read::Item(T::KIND, i));
            item
        })
    }

    /// Notes a read of item `i` made through something computed from it once per build.
    pub fn touch(&self, i: usize) {
        note(Read::Item(T::KIND, i));
    }

    /// Adds an item at the end.
    pub fn push(&mut self, item: T) {
        self.items.push(item);
    }

    /// Every item, to change it (building the briefing).
    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, T> {
        self.items.iter_mut()
    }

    /// Every item without noting the read: for building and for comparing two builds.
    pub fn unnoted(&self) -> &[T] {
        &self.items
    }
}

impl<T: Item> Index<usize> for List<T> {
    type Output = T;
    fn index(&self, i: usize) -> &T {
        note(Read::Item(T::KIND, i));
        &self.items[i]
    }
}

impl<T: Item> IndexMut<usize> for List<T> {
    fn index_mut(&mut self, i: usize) -> &mut T {
        &mut self.items[i]
    }
}

impl<T> Default for List<T> {
    fn default() -> Self {
        List { items: Vec::new() }
    }
}

impl<T> From<Vec<T>> for List<T> {
    fn from(items: Vec<T>) -> Self {
        List { items }
    }
}

impl<T> FromIterator<T> for List<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        List {
            items: iter.into_iter().collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct N;
    impl Item for N {
        const KIND: Kind = Kind::Note;
    }

    #[test]
    fn reads_are_noted_only_while_recording() {
        let list: List<N> = vec![N, N, N].into();
        let _ = &list[0];
        let ((), reads) = record(|| {
            let _ = &list[2];
            let _ = list.iter().nth(1);
        });
        assert_eq!(
            reads,
            [
                Read::Item(Kind::Note, 2),
                Read::All(Kind::Note),
                Read::Item(Kind::Note, 0),
                Read::Item(Kind::Note, 1),
            ]
        );
        let (len, none) = record(|| list.unnoted().len());
        assert_eq!(len, 3);
        assert!(none.is_empty());
    }
}
