//! A resolved briefing made into a snapshot: what `dossier edition freeze` writes, and what
//! the current content is compared as.

use super::{
    ClaimSnap, CorrectionSnap, NoteSnap, Snapshot, SourceLinkSnap, SourceSnap, TagSnap, VERSION,
};
use crate::model::editions::Correction;
use crate::model::{Briefing, Claim, Kind};

impl From<&Correction> for CorrectionSnap {
    /// A correction the model checked, written as a snapshot writes it (`note:<id>`).
    fn from(c: &Correction) -> CorrectionSnap {
        let kind = match c.target.kind {
            Kind::Note => "note",
            Kind::Claim => "claim",
            Kind::Source => "source",
            Kind::Tag => "tag",
            Kind::Section => "section",
        };
        CorrectionSnap {
            target: format!("{kind}:{}", c.target.id),
            note: c.note.clone(),
        }
    }
}

impl Snapshot {
    /// The briefing `b` as edition `number`; `body_print(i)` is the fingerprint of note i's
    /// Markdown body ([`body_print`](super::body_print)).
    pub fn of(b: &Briefing, number: u32, body_print: impl Fn(usize) -> String) -> Snapshot {
        let claims = b.claims.iter().map(|c| claim(b, c)).collect();
        let notes = b.notes.iter().enumerate().map(|(i, n)| NoteSnap {
            id: n.slug.clone(),
            title: n.title.clone(),
            section: b.sections[n.section].title.clone(),
            tags: n.tags.iter().map(|&t| b.tags[t].name.clone()).collect(),
            body: body_print(i),
        });
        let sources = b.sources.iter().map(|s| SourceSnap {
            id: s.id.clone(),
            title: s.title.clone(),
            publisher: s.publisher.clone(),
            reliability: s.reliability,
        });
        Snapshot {
            version: VERSION,
            number,
            name: b.front.edition.clone(),
            date: b.front.date,
            title: b.front.title.clone(),
            claims,
            notes: notes.collect(),
            sources: sources.collect(),
            tags: b
                .tags
                .iter()
                .map(|t| TagSnap {
                    name: t.name.clone(),
                    slug: t.slug.clone(),
                })
                .collect(),
            corrections: b
                .front
                .corrections
                .iter()
                .map(|c| CorrectionSnap {
                    target: c.target.trim().to_string(),
                    note: c.note.trim().to_string(),
                })
                .collect(),
        }
    }
}

fn claim(b: &Briefing, c: &Claim) -> ClaimSnap {
    ClaimSnap {
        id: c.id.clone(),
        text: c.text.clone(),
        kind: c.kind,
        value: c.value,
        unit: c.unit.clone(),
        period: c.period.clone(),
        confidence: c.confidence,
        likelihood: c.likelihood,
        status: c.status,
        key: c.key,
        note: b.notes[c.declared_in].slug.clone(),
        was: c.was.clone(),
        sources: c
            .sources
            .iter()
            .map(|s| SourceLinkSnap {
                id: b.sources[s.source].id.clone(),
                credibility: s.credibility.map(|g| g.value()),
            })
            .collect(),
    }
}
