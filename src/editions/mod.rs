//! Editions: a briefing frozen as a [`Snapshot`] (`editions/<number>.json` in the project),
//! and what changed between two of them ([`compare`]). A snapshot holds what a reader of an
//! edition was told: every claim's statement, figure, grades and sources, every note's title
//! and section, every source's title, publisher and reliability. The current content is made
//! into a snapshot too ([`Snapshot::of`]), so "what changed since the last edition", `dossier
//! diff` and a freeze are all the same comparison. The format is versioned and documented in
//! `docs/edition.schema.json`; this module knows nothing of JSON text (the loader reads it,
//! `render::exports` writes it).

pub mod compare;
mod of;
pub mod report;

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::fingerprint::{Map, Set};
use crate::vocab::{ClaimKind, Confidence, Likelihood, Reliability, Status};

pub use compare::{
    ChangeSet, ClaimChange, EditionRef, Field, How, NoteChange, SourceChange, compare,
};
pub use report::Diff;

/// The version of the snapshot format this dossier writes and reads.
pub const VERSION: u32 = 1;

/// The folder of a project that holds its snapshots.
pub const FOLDER: &str = "editions";

/// One edition of a briefing, frozen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    /// The format's version: [`VERSION`].
    pub version: u32,
    /// The edition's number, from 1.
    pub number: u32,
    /// The edition's name, the front page's `edition:` (e.g. "First edition").
    pub name: Option<String>,
    /// The edition's date, the front page's `date:`.
    pub date: Option<Date>,
    /// The briefing's title.
    pub title: String,
    /// Every claim, in reading order.
    pub claims: Vec<ClaimSnap>,
    /// Every note, in reading order.
    pub notes: Vec<NoteSnap>,
    /// Every source, by id.
    pub sources: Vec<SourceSnap>,
    /// The corrections the edition listed, so that the next lists only its own.
    #[serde(default)]
    pub corrections: Vec<CorrectionSnap>,
    /// Every tag with its address, so that a tag whose address changes leaves a page there.
    #[serde(default)]
    pub tags: Vec<TagSnap>,
}

/// A tag as an edition had it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TagSnap {
    /// The tag as written.
    pub name: String,
    /// Its URL segment.
    pub slug: String,
}

/// The corrections `now` lists that `before` did not: those made in `now`'s edition.
pub fn corrections_since(before: &Snapshot, now: &Snapshot) -> Vec<CorrectionSnap> {
    now.corrections
        .iter()
        .filter(|c| !before.corrections.contains(c))
        .cloned()
        .collect()
}

/// A correction an edition listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorrectionSnap {
    /// What was corrected: `note:<id>`, `claim:<id>` or `source:<id>`.
    pub target: String,
    /// What was wrong and what it says now.
    pub note: String,
}

/// A claim as an edition stated it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimSnap {
    /// Its id.
    pub id: String,
    /// The statement.
    pub text: String,
    /// A fact or a judgment.
    pub kind: ClaimKind,
    /// The figure's value, when it has one.
    pub value: Option<f64>,
    /// The figure's unit.
    pub unit: Option<String>,
    /// The period the figure is about.
    pub period: Option<String>,
    /// How sure the analyst was.
    pub confidence: Confidence,
    /// A judgment's likelihood.
    pub likelihood: Option<Likelihood>,
    /// The assessed status of a claim made elsewhere.
    pub status: Option<Status>,
    /// Whether it was a key judgment or key figure.
    pub key: bool,
    /// The id of the note that declared it.
    pub note: String,
    /// The id it had in the edition before, when renamed (`was:`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub was: Option<String>,
    /// The sources it rested on, with their grades.
    pub sources: Vec<SourceLinkSnap>,
}

/// A claim's link to a source in an edition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceLinkSnap {
    /// The source's id.
    pub id: String,
    /// The Admiralty credibility of the information as this source gave it (1–6).
    pub credibility: Option<u8>,
}

/// A note as an edition had it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteSnap {
    /// Its id (the file's name, its URL segment).
    pub id: String,
    /// The title.
    pub title: String,
    /// Its front-page section.
    pub section: Option<String>,
    /// Its tags, as written.
    pub tags: Vec<String>,
    /// A fingerprint of its Markdown body (FNV-1a, 64 bits, hex), to tell a revised note.
    pub body: String,
}

/// A source as an edition listed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceSnap {
    /// Its id.
    pub id: String,
    /// The document's title.
    pub title: String,
    /// Who published it.
    pub publisher: String,
    /// Its Admiralty reliability.
    pub reliability: Reliability,
}

impl Snapshot {
    /// The claim with `id` (a search: for many, use [`Snapshot::lookup`]).
    pub fn claim(&self, id: &str) -> Option<&ClaimSnap> {
        self.claims.iter().find(|c| c.id == id)
    }

    /// The snapshot's claims, notes and sources by id, to look many up.
    pub fn lookup(&self) -> Lookup<'_> {
        Lookup {
            snapshot: self,
            claims: self
                .claims
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id.as_str(), i))
                .collect(),
            notes: self.notes.iter().map(|n| (n.id.as_str(), n)).collect(),
            sources: self.sources.iter().map(|s| s.id.as_str()).collect(),
        }
    }
}

/// A snapshot's items by id.
#[derive(Debug)]
pub struct Lookup<'s> {
    /// The snapshot.
    pub snapshot: &'s Snapshot,
    /// Claims' positions by id.
    pub claims: Map<&'s str, usize>,
    /// Notes by id.
    pub notes: Map<&'s str, &'s NoteSnap>,
    /// The ids of the sources.
    pub sources: Set<&'s str>,
}

impl<'s> Lookup<'s> {
    /// The claim with `id`.
    pub fn claim(&self, id: &str) -> Option<&'s ClaimSnap> {
        self.claims.get(id).map(|&i| &self.snapshot.claims[i])
    }
}

/// The fingerprint a snapshot keeps of a note's body: FNV-1a over its bytes, as 16 hex
/// digits. Stable across versions and machines, unlike the hashers of the standard library.
pub fn body_print(body: &str) -> String {
    let hash = body.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_print_is_fnv_1a() {
        // the published test vectors of FNV-1a, 64 bits
        assert_eq!(body_print(""), "cbf29ce484222325");
        assert_eq!(body_print("a"), "af63dc4c8601ec8c");
        assert_eq!(body_print("foobar"), "85944171f73967e8");
    }
}
