//! Rendered note bodies kept between builds, for `dossier serve`: a body is rendered again
//! only when its file changed or when something every body may refer to changed (the ids,
//! order and figures of claims, the ids and titles of sources, the notes and their order).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use super::patch::{Last, Linking};
use super::resolve::Resolved;
use super::{Briefing, Claim};
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
}

/// File → the page as it was read, the signature it was rendered under, the result.
#[derive(Debug, Default)]
pub(super) struct Bodies(HashMap<String, Cached>);

impl Bodies {
    /// The body of the note in `file` as last rendered.
    pub fn get(&self, file: &str) -> Option<&Resolved> {
        self.0.get(file).map(|c| &c.resolved)
    }

    /// Replaces the cached body of `page`'s file: under the signature it had when `same`
    /// (rendered against what the last whole build had), else under none.
    pub fn put(&mut self, page: Arc<Page<NoteSpec>>, resolved: Resolved, same: bool) {
        if let Some(cached) = self.0.get_mut(&page.file) {
            cached.page = page;
            cached.resolved = resolved;
            cached.signature = cached.signature.filter(|_| same);
        }
    }
}

/// One cached body.
#[derive(Debug)]
struct Cached {
    /// The page as read: the same allocation means the same text.
    page: Arc<Page<NoteSpec>>,
    /// The signature of everything the body could refer to, when it was rendered; `None`
    /// when it was rendered against figures no whole build has had.
    signature: Option<u64>,
    /// What rendering gave.
    resolved: Resolved,
}

impl Cache {
    /// The body of `page` rendered under `signature`, if it is cached.
    pub(super) fn get(&self, page: &Page<NoteSpec>, signature: u64) -> Option<Resolved> {
        let cached = self.bodies.0.get(&page.file)?;
        let same =
            std::ptr::eq(Arc::as_ptr(&cached.page), page) && cached.signature == Some(signature);
        same.then(|| cached.resolved.clone())
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

    /// Replaces the cache with this build's bodies.
    pub(super) fn replace(
        &mut self,
        bodies: impl Iterator<Item = (Arc<Page<NoteSpec>>, Resolved)>,
        signature: u64,
    ) {
        self.bodies.0 = bodies
            .map(|(page, resolved)| {
                (
                    page.file.clone(),
                    Cached {
                        page,
                        signature: Some(signature),
                        resolved,
                    },
                )
            })
            .collect();
    }
}

/// A hash of everything a note body's rendering may depend on besides its own text.
pub(super) fn signature<'a>(
    claims: &[Claim],
    sources: impl Iterator<Item = (&'a str, &'a str, &'a str)>,
    notes: &[&Page<NoteSpec>],
) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for claim in claims {
        (&claim.id, claim.value.map(f64::to_bits), &claim.unit).hash(&mut hasher);
    }
    for source in sources {
        source.hash(&mut hasher);
    }
    for note in notes {
        note.file.hash(&mut hasher);
    }
    hasher.finish()
}
