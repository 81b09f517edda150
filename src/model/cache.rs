//! Rendered note bodies kept between builds, for `dossier serve`: a body is rendered again
//! only when its file changed, when the sources changed, or when a claim or note it refers to
//! is gone or a figure it charts changed; when notes only moved, came or went, it is
//! [renumbered](super::renumber).

use std::collections::HashMap;
use std::sync::Arc;

use super::Briefing;
use super::patch::{Last, Linking};
use super::renumber::{Numbering, Renumber};
use super::reorder::Reorder;
use super::resolve::{Outgoing, Resolved};
use crate::config::Config;
use crate::content::Content;
use crate::content::{NoteSpec, Page};
use crate::diagnostics::{Diagnostic, has_errors};

/// Note bodies rendered by earlier builds.
#[derive(Debug, Default)]
pub struct Cache {
    /// The bodies, by file.
    pub(super) bodies: Bodies,
    /// The last briefing built without errors, for patching after edits to note bodies.
    pub(super) last: Option<Last>,
    /// What the last whole build rendered its bodies against.
    pub(super) numbering: Numbering,
}

/// File → the page as it was read, whether it was rendered under the cache's numbering, the
/// result.
#[derive(Debug, Default)]
pub(super) struct Bodies(HashMap<String, Cached>);

impl Bodies {
    /// The body of the note in `file` as last rendered.
    pub fn get(&self, file: &str) -> Option<&Resolved> {
        self.0.get(file).map(|c| &c.resolved)
    }

    /// What each note of `briefing` refers to, in reading order; `None` when a body is not
    /// kept.
    pub fn outgoing(&self, briefing: &Briefing) -> Option<Vec<&Outgoing>> {
        let of = |n: &super::Note| self.get(&n.file).map(|r| &r.outgoing);
        briefing.notes.iter().map(of).collect()
    }

    /// Every body but the one of `file`.
    pub fn others<'a>(&'a self, file: &'a str) -> impl Iterator<Item = &'a Resolved> + 'a {
        let others = self.0.iter().filter(move |(f, _)| *f != file);
        others.map(|(_, c)| &c.resolved)
    }

    /// Forgets the body of `file`, a note removed.
    pub fn remove(&mut self, file: &str) {
        self.0.remove(file);
    }

    /// Renumbers every body after a note moved.
    pub fn renumber(&mut self, order: &Reorder) {
        for cached in self.0.values_mut() {
            order.outgoing(&mut cached.resolved.outgoing);
        }
    }

    /// Replaces (or puts in, for a note added) the cached body of `page`'s file, still under
    /// the cache's numbering when `same` (rendered against what the last whole build had).
    pub fn put(&mut self, page: Arc<Page<NoteSpec>>, resolved: Resolved, same: bool) {
        let current = self.0.get(&page.file).is_none_or(|c| c.current) && same;
        let cached = Cached {
            page: Arc::clone(&page),
            current,
            resolved,
        };
        self.0.insert(page.file.clone(), cached);
    }
}

/// One cached body.
#[derive(Debug)]
struct Cached {
    /// The page as read: the same allocation means the same text.
    page: Arc<Page<NoteSpec>>,
    /// True when it was rendered under the cache's numbering; false when against figures
    /// no whole build has had.
    current: bool,
    /// What rendering gave.
    resolved: Resolved,
}

impl Cache {
    /// How the cached bodies are renumbered for a build under `now`, whose ids `index` gives.
    pub(super) fn renumber(
        &self,
        now: &Numbering,
        index: &super::resolve::Index<'_>,
    ) -> Option<Renumber> {
        self.numbering.to(now, index)
    }

    /// The body of `page`, cached and `renumber`ed, when it is still valid.
    pub(super) fn get(&self, page: &Page<NoteSpec>, renumber: &Renumber) -> Option<Resolved> {
        let cached = self.bodies.0.get(&page.file)?;
        let same = std::ptr::eq(Arc::as_ptr(&cached.page), page) && cached.current;
        same.then(|| renumber.body(&cached.resolved)).flatten()
    }

    /// The body of the note in `file` as last rendered.
    pub(super) fn body(&self, file: &str) -> Option<&Resolved> {
        self.bodies.get(file)
    }

    /// Remembers a finished build, to patch it later; a build with errors is not kept.
    pub(super) fn keep(
        &mut self,
        briefing: &Arc<Briefing>,
        content: &Content,
        config: Config,
        diagnostics: &[Diagnostic],
        linking: Linking,
    ) {
        self.last = (!has_errors(diagnostics)).then(|| Last {
            briefing: Arc::clone(briefing),
            content: content.clone(),
            config,
            diagnostics: diagnostics.to_vec(),
            linking,
            refigured: false,
        });
    }

    /// Forgets the last briefing, so the next build is a whole one: for when what it
    /// describes did not reach the output folder.
    pub fn forget_briefing(&mut self) {
        self.last = None;
    }

    /// Replaces the cache with this build's bodies, rendered under `numbering`.
    pub(super) fn replace(
        &mut self,
        bodies: impl Iterator<Item = (Arc<Page<NoteSpec>>, Resolved)>,
        numbering: Numbering,
    ) {
        self.numbering = numbering;
        self.bodies.0 = bodies
            .map(|(page, resolved)| {
                (
                    page.file.clone(),
                    Cached {
                        page,
                        current: true,
                        resolved,
                    },
                )
            })
            .collect();
    }
}
