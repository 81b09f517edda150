//! Rendered note bodies kept between builds, for `dossier serve`: a body is rendered again
//! only when its file changed or when something every body may refer to changed (the ids,
//! order and figures of claims, the ids and titles of sources, the notes and their order).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use super::Claim;
use super::resolve::Resolved;
use crate::content::{NoteSpec, Page};

/// Note bodies rendered by earlier builds.
#[derive(Debug, Default)]
pub struct Cache {
    /// File → the page as it was read, the signature it was rendered under, the result.
    bodies: HashMap<String, Cached>,
}

/// One cached body.
#[derive(Debug)]
struct Cached {
    /// The page as read: the same allocation means the same text.
    page: Arc<Page<NoteSpec>>,
    /// The signature of everything the body could refer to, when it was rendered.
    signature: u64,
    /// What rendering gave.
    resolved: Resolved,
}

impl Cache {
    /// The body of `page` rendered under `signature`, if it is cached.
    pub(super) fn get(&self, page: &Page<NoteSpec>, signature: u64) -> Option<Resolved> {
        let cached = self.bodies.get(&page.file)?;
        let same = std::ptr::eq(Arc::as_ptr(&cached.page), page) && cached.signature == signature;
        same.then(|| cached.resolved.clone())
    }

    /// Replaces the cache with this build's bodies.
    pub(super) fn replace(
        &mut self,
        bodies: impl Iterator<Item = (Arc<Page<NoteSpec>>, Resolved)>,
        signature: u64,
    ) {
        self.bodies = bodies
            .map(|(page, resolved)| {
                (
                    page.file.clone(),
                    Cached {
                        page,
                        signature,
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
