//! Cached note bodies renumbered instead of rendered again, for `dossier serve`: a body refers
//! to claims and notes by their numbers in the briefing, which change whenever a note moves
//! in reading order, comes or goes. What a body renders to depends on the ids of what it
//! refers to, the figures of the claims it charts and the sources, never on those numbers, so
//! a cached body stays valid under new numbers while the sources are the same and each claim
//! and note it refers to is still there (with the same figure, for a claim).

use std::hash::{Hash, Hasher};

use super::Claim;
use super::reorder::Reorder;
use super::resolve::{Index, Resolved};
use crate::content::{NoteSpec, Page};

/// What the bodies of a build were rendered against.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Numbering {
    /// A hash of the sources' ids, titles and publishers, in order.
    sources: u64,
    /// Each claim's id, figure (as bits) and unit, by number.
    claims: Vec<(String, Option<u64>, Option<String>)>,
    /// Each note's slug, by number.
    notes: Vec<String>,
}

/// A hash of sources (id, title, publisher), in order.
fn hash_sources<'a>(sources: impl Iterator<Item = (&'a str, &'a str, &'a str)>) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    sources.for_each(|source| source.hash(&mut hasher));
    hasher.finish()
}

impl Numbering {
    /// The numbering of a build with these `claims`, `sources` (id, title, publisher) and
    /// `notes`, in order.
    pub fn new<'a>(
        claims: &[Claim],
        sources: impl Iterator<Item = (&'a str, &'a str, &'a str)>,
        notes: &[&Page<NoteSpec>],
    ) -> Numbering {
        Numbering {
            sources: hash_sources(sources),
            claims: claims
                .iter()
                .map(|c| (c.id.clone(), c.value.map(f64::to_bits), c.unit.clone()))
                .collect(),
            notes: notes.iter().map(|n| n.stem.clone()).collect(),
        }
    }

    /// The sources as they are now (id, title, publisher, in id order): a source renamed in
    /// place, with every body citing it rendered again.
    pub fn resource<'a>(&mut self, sources: impl Iterator<Item = (&'a str, &'a str, &'a str)>) {
        self.sources = hash_sources(sources);
    }

    /// The numbering with `claims` after the last claim (added to a note).
    pub fn push_claims<'a>(&mut self, claims: impl Iterator<Item = &'a Claim>) {
        let entry = |c: &Claim| (c.id.clone(), c.value.map(f64::to_bits), c.unit.clone());
        self.claims.extend(claims.map(entry));
    }

    /// The numbering with one more note, `slug`, at the end, declaring `claims`.
    pub fn append(&mut self, slug: &str, claims: &[Claim]) {
        self.notes.push(slug.to_string());
        self.push_claims(claims.iter());
    }

    /// The numbering of the first `notes` notes and `claims` claims alone: the last note,
    /// removed, and its claims taken off.
    pub fn truncate(&mut self, notes: usize, claims: usize) {
        self.notes.truncate(notes);
        self.claims.truncate(claims);
    }

    /// The numbering after a note moved, for bodies renumbered with it.
    pub fn permute(&mut self, order: &Reorder) {
        Reorder::permute(&mut self.claims, &order.claims);
        Reorder::permute(&mut self.notes, &order.notes);
    }

    /// How bodies rendered under this numbering are renumbered for a build under `now`, whose
    /// ids `index` gives; `None` when the sources differ (every body is rendered again).
    pub fn to(&self, now: &Numbering, index: &Index<'_>) -> Option<Renumber> {
        if self.sources != now.sources {
            return None;
        }
        if self == now {
            let (claims, notes) = (Vec::new(), Vec::new());
            return Some(Renumber {
                same: true,
                claims,
                notes,
            });
        }
        let claims = self
            .claims
            .iter()
            .map(|(id, value, unit)| {
                let &c = index.claims.get(id.as_str())?;
                (now.claims[c].1 == *value && now.claims[c].2 == *unit).then_some(c)
            })
            .collect();
        let notes = self
            .notes
            .iter()
            .map(|slug| index.notes.get(slug.as_str()).copied())
            .collect();
        Some(Renumber {
            same: false,
            claims,
            notes,
        })
    }
}

/// Old numbers → new ones, for bodies rendered under an earlier numbering.
#[derive(Debug)]
pub(super) struct Renumber {
    /// Nothing moved: every body is valid as it is (even one with errors).
    same: bool,
    /// Each old claim's new number (none kept when nothing moved); `None` when it is gone or
    /// its figure changed.
    claims: Vec<Option<usize>>,
    /// Each old note's new number; `None` when it is gone.
    notes: Vec<Option<usize>>,
}

impl Renumber {
    /// `resolved` under the new numbers; `None` when it refers to a claim or note that is
    /// gone, charts a figure that changed, or has errors (their suggestions list the ids).
    pub fn body(&self, resolved: &Resolved) -> Option<Resolved> {
        if self.same {
            return Some(resolved.clone());
        }
        if crate::diagnostics::has_errors(&resolved.diagnostics) {
            return None;
        }
        let mut body = resolved.clone();
        let out = &mut body.outgoing;
        let claims = out.claims.iter_mut().chain(
            out.charts
                .iter_mut()
                .flat_map(|chart| chart.claims.iter_mut()),
        );
        for c in claims {
            *c = self.claims[*c]?;
        }
        let notes = out
            .notes
            .iter_mut()
            .chain(out.fragments.iter_mut().map(|f| &mut f.note));
        for n in notes {
            *n = self.notes[*n]?;
        }
        Some(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_renamed_in_place_number_as_a_build_under_the_new_names() {
        let named = |title| {
            [
                ("usgs", title, "U.S. Geological Survey"),
                ("iea", "Outlook", "IEA"),
            ]
        };
        let numbering = |title| Numbering::new(&[], named(title).into_iter(), &[]);
        let mut renamed = numbering("Mineral Commodity Summaries");
        assert_ne!(renamed, numbering("The Mineral Commodity Summaries"));
        renamed.resource(named("The Mineral Commodity Summaries").into_iter());
        assert_eq!(renamed, numbering("The Mineral Commodity Summaries"));
    }
}
