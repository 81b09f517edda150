//! Bodies rendered by earlier builds, kept by `dossier serve`. Rendering a body is a pure
//! function of its Markdown, where that Markdown starts in its file (for the positions of its
//! messages) and the answers it got from the index ([`Resolved::answers`]): whether each id
//! it names exists, each claim's figure, each source's title and publisher. When all three
//! are as they were, the body is taken as rendered, wherever its note now stands in reading
//! order. A body with errors is not kept: its messages depend on every id there is.

use crate::fingerprint::Map;
use std::sync::Arc;

use super::declare::{Declared, Text};
use super::resolve::{Index, Resolved};
use crate::content::{NoteSpec, Page};
use crate::diagnostics::{Pos, has_errors};

/// Bodies rendered by the last build.
#[derive(Debug, Default)]
pub struct Cache {
    /// Note bodies, by file.
    notes: Map<String, Memo>,
    /// Source annotations, by file and source id.
    annotations: Map<(String, String), Memo>,
    /// The front page's body.
    front: Option<Memo>,
    /// How many bodies the last build rendered (the others it took from here).
    pub(super) rendered: usize,
    /// Each note's claims as declared, by file.
    declared: Map<String, Claimed>,
}

/// The claims one note declared.
#[derive(Debug)]
struct Claimed {
    /// The note's page as read.
    page: Arc<Page<NoteSpec>>,
    /// The fingerprint of the source ids the claims' sources were resolved against.
    sources: u64,
    /// The declarations.
    declared: Arc<[Declared]>,
}

/// One body as rendered.
#[derive(Debug)]
struct Memo {
    /// The Markdown it was rendered from.
    markdown: Held,
    /// Where that Markdown starts in its file, when the body holds positions (its warnings,
    /// its links to headings, checked later); `None` when it renders the same anywhere.
    at: Option<Pos>,
    /// The answers of the index it was rendered with.
    answers: u64,
    /// The [`Index::print`] of the last index those answers were found the same in: an
    /// index with the same print gives them again without asking.
    asked: u64,
    /// What rendering gave.
    resolved: Arc<Resolved>,
}

/// The Markdown of a memo: a note's page as read (no copy of its text), or the text itself.
#[derive(Debug)]
enum Held {
    /// A note file.
    Page(Arc<Page<NoteSpec>>),
    /// An annotation or the front page's body.
    Text(Box<str>),
}

impl Memo {
    /// A memo of `resolved`, rendered from `text` against `index`; `None` when it has errors.
    fn new(
        markdown: Held,
        text: &Text<'_>,
        index: &Index<'_>,
        resolved: &Arc<Resolved>,
    ) -> Option<Memo> {
        (!has_errors(&resolved.diagnostics)).then(|| Memo {
            markdown,
            at: placed(resolved).then(|| start(text)),
            answers: resolved.answers(index),
            asked: index.print,
            resolved: Arc::clone(resolved),
        })
    }

    /// The body, when rendering `text` against `index` would give it again.
    fn reuse(&self, text: &Text<'_>, index: &Index<'_>) -> Option<Arc<Resolved>> {
        let markdown = match &self.markdown {
            Held::Page(page) => page.body(),
            Held::Text(text) => text,
        };
        let same = markdown == text.markdown
            && self.at.is_none_or(|at| at == start(text))
            && self.answers_hold(index);
        same.then(|| Arc::clone(&self.resolved))
    }
}

impl Memo {
    /// True when `index` gives the answers the body was rendered with.
    fn answers_hold(&self, index: &Index<'_>) -> bool {
        self.asked == index.print || self.resolved.answers(index) == self.answers
    }
}

/// True when `resolved` holds positions in its file.
fn placed(resolved: &Resolved) -> bool {
    !resolved.diagnostics.is_empty() || !resolved.outgoing.fragments.is_empty()
}

/// Where `text` starts in its file.
fn start(text: &Text<'_>) -> Pos {
    match text.origin {
        Some((file, offset)) => Pos::of_offset(file, offset),
        None => text.at,
    }
}

impl Cache {
    /// The claims `page` declared in the last build, when it is the same page as read and the
    /// source ids (`sources`, a fingerprint of the source ids and their positions) are the same.
    pub(super) fn declared(
        &self,
        page: &Arc<Page<NoteSpec>>,
        sources: u64,
    ) -> Option<Arc<[Declared]>> {
        let last = self.declared.get(&page.file)?;
        let same = Arc::ptr_eq(&last.page, page) && last.sources == sources;
        same.then(|| Arc::clone(&last.declared))
    }

    /// Keeps this build's declarations (of `notes`, in the same order) for the next.
    pub(super) fn keep_declared(
        &mut self,
        notes: &[&Arc<Page<NoteSpec>>],
        sources: u64,
        declared: Vec<Arc<[Declared]>>,
    ) {
        let claimed = |(page, declared): (&&Arc<Page<NoteSpec>>, Arc<[Declared]>)| {
            let page = Arc::clone(page);
            let claimed = Claimed {
                page,
                sources,
                declared,
            };
            (claimed.page.file.clone(), claimed)
        };
        self.declared = notes.iter().zip(declared).map(claimed).collect();
    }

    /// How many bodies (notes, annotations, the front page's) the last build rendered; it took
    /// the others as they were.
    pub fn rendered(&self) -> usize {
        self.rendered
    }

    /// The body of the note `page` (whose text is `text`), when still valid against `index`.
    pub(super) fn note(
        &self,
        page: &Arc<Page<NoteSpec>>,
        text: &Text<'_>,
        index: &Index<'_>,
    ) -> Option<Arc<Resolved>> {
        let memo = self.notes.get(&page.file)?;
        if let Held::Page(last) = &memo.markdown
            && Arc::ptr_eq(last, page)
            && memo.answers_hold(index)
        {
            return Some(Arc::clone(&memo.resolved));
        }
        memo.reuse(text, index)
    }

    /// The annotation of source `id`, when still valid against `index`.
    pub(super) fn annotation(
        &self,
        id: &str,
        text: &Text<'_>,
        index: &Index<'_>,
    ) -> Option<Arc<Resolved>> {
        let key = (text.file.to_string(), id.to_string());
        self.annotations.get(&key)?.reuse(text, index)
    }

    /// The front page's body, when still valid against `index`.
    pub(super) fn front(&self, text: &Text<'_>, index: &Index<'_>) -> Option<Arc<Resolved>> {
        self.front.as_ref()?.reuse(text, index)
    }

    /// Keeps this build's note bodies (each named by its page) in place of the last build's:
    /// a body taken from its memo keeps the memo (its answers are the same), the others get
    /// new ones.
    pub(super) fn keep_notes<'a>(
        &mut self,
        index: &Index<'_>,
        notes: impl Iterator<Item = Rendered<'a, &'a Arc<Page<NoteSpec>>>>,
    ) {
        let mut last = std::mem::take(&mut self.notes);
        // Made to the size of the last at once rather than grown (10,000 notes' memos).
        let mut kept = Map::with_capacity_and_hasher(last.len(), Default::default());
        let mut memo = |r: Rendered<'_, &Arc<Page<NoteSpec>>>| {
            let (file, kept) = match last.remove_entry(&r.name.file) {
                Some((file, memo)) => (file, Some(memo)),
                None => (r.name.file.clone(), None),
            };
            let memo = match kept.filter(|m| Arc::ptr_eq(&m.resolved, r.body)) {
                Some(mut memo) => {
                    memo.markdown = Held::Page(Arc::clone(r.name));
                    memo.at = placed(r.body).then(|| start(r.text));
                    memo.asked = index.print;
                    memo
                }
                None => Memo::new(Held::Page(Arc::clone(r.name)), r.text, index, r.body)?,
            };
            Some((file, memo))
        };
        kept.extend(notes.filter_map(&mut memo));
        self.notes = kept;
        crate::drop_aside(last);
    }

    /// Keeps this build's annotations (each named by its source's id) in place of the last
    /// build's.
    pub(super) fn keep_annotations<'a>(
        &mut self,
        index: &Index<'_>,
        annotations: impl Iterator<Item = Rendered<'a, &'a str>>,
    ) {
        let memo = |r: Rendered<'_, &str>| {
            let memo = Memo::new(Held::Text(r.text.markdown.into()), r.text, index, r.body)?;
            Some(((r.text.file.to_string(), r.name.to_string()), memo))
        };
        self.annotations = annotations.filter_map(memo).collect();
    }

    /// Keeps this build's front page body in place of the last build's.
    pub(super) fn keep_front(&mut self, index: &Index<'_>, front: Option<Rendered<'_, ()>>) {
        let memo = |r: Rendered<'_, ()>| {
            Memo::new(Held::Text(r.text.markdown.into()), r.text, index, r.body)
        };
        self.front = front.and_then(memo);
    }
}

/// A body one build rendered (or took as rendered), to keep for the next.
pub(super) struct Rendered<'a, N> {
    /// What names it: a note's page, a source's id.
    pub name: N,
    /// Its text.
    pub text: &'a Text<'a>,
    /// What rendering gave.
    pub body: &'a Arc<Resolved>,
}
