//! JSON-LD for pages, in schema.org's terms: an `Article` for each note, citing its sources;
//! for each claim a `Claim` (stated in the briefing), or, when the claim carries an assessed
//! status, a `ClaimReview` of it (`claimReviewed`, `reviewRating`, `itemReviewed`: the
//! `Claim` with the sources it appears in). The author, of notes and reviews, is `author:`
//! from `dossier.yaml`, a `Person` or an `Organization`; without one, none is named (none is
//! made up from the briefing's title). `url` is absolute, so it is given when the site has a
//! base URL. `tests/schemas/schemaorg-terms.json` holds the schema.org definitions of every
//! term used here, which a test checks each page against.

use std::borrow::Cow;

use serde::Serialize;

use super::permalink;
use crate::config::Author;
use crate::html::json_in_html;
use crate::render::Prepared;

/// JSON-LD for a page, ready for a `<script type="application/ld+json">`: escaped by
/// [`json_in_html`], the one way JSON goes into a page.
pub fn json_ld(value: &impl Serialize) -> String {
    let json = serde_json::to_string(value).unwrap_or_default();
    match json_in_html(&json) {
        // Most pages have nothing to escape: no second copy of their JSON-LD then.
        Cow::Borrowed(_) => json,
        Cow::Owned(safe) => safe,
    }
}

/// A schema.org node, as JSON-LD: a page's own (with `@context`) or one inside it.
#[derive(Serialize)]
pub struct LinkedData<'b> {
    #[serde(rename = "@context", skip_serializing_if = "Option::is_none")]
    context: Option<&'static str>,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    headline: Option<&'b str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    identifier: Option<&'b str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'b str>,
    /// What a `ClaimReview` reviews, in a sentence.
    #[serde(rename = "claimReviewed", skip_serializing_if = "Option::is_none")]
    claim_reviewed: Option<&'b str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<Cow<'b, str>>,
    /// A claim's kind: `fact` or `judgment`.
    #[serde(skip_serializing_if = "Option::is_none")]
    genre: Option<&'static str>,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<&'b str>,
    #[serde(rename = "dateModified", skip_serializing_if = "Option::is_none")]
    date_modified: Option<Cow<'b, str>>,
    #[serde(rename = "inLanguage", skip_serializing_if = "Option::is_none")]
    in_language: Option<&'b str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Agent<'b>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    citation: Option<Vec<CreativeWork<'b>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    appearance: Option<Vec<CreativeWork<'b>>>,
    #[serde(rename = "firstAppearance", skip_serializing_if = "Option::is_none")]
    first_appearance: Option<CreativeWork<'b>>,
    #[serde(rename = "reviewRating", skip_serializing_if = "Option::is_none")]
    review_rating: Option<Rating>,
    #[serde(rename = "itemReviewed", skip_serializing_if = "Option::is_none")]
    item_reviewed: Option<Box<LinkedData<'b>>>,
}

/// A schema.org `Person` or `Organization`: an author or a publisher.
#[derive(Serialize)]
struct Agent<'b> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'b str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'b str>,
}

/// A schema.org `CreativeWork`: a source.
#[derive(Serialize)]
struct CreativeWork<'b> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'b str,
    publisher: Agent<'b>,
    #[serde(rename = "datePublished")]
    date_published: &'b str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'b str>,
}

/// A schema.org `Rating` named by the status.
#[derive(Serialize)]
struct Rating {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "alternateName")]
    name: &'static str,
}

fn organization(name: &str) -> Agent<'_> {
    Agent {
        kind: "Organization",
        name,
        url: None,
    }
}

fn author(author: &Author) -> Agent<'_> {
    Agent {
        kind: author.kind.schema_type(),
        name: &author.name,
        url: author.url.as_deref(),
    }
}

fn node<'b>(kind: &'static str) -> LinkedData<'b> {
    LinkedData {
        context: None,
        kind,
        headline: None,
        identifier: None,
        text: None,
        claim_reviewed: None,
        description: None,
        genre: None,
        date_published: None,
        date_modified: None,
        in_language: None,
        author: None,
        url: None,
        citation: None,
        appearance: None,
        first_appearance: None,
        review_rating: None,
        item_reviewed: None,
    }
}

/// A page's own node: with the `@context`.
fn page_node<'b>(kind: &'static str) -> LinkedData<'b> {
    LinkedData {
        context: Some("https://schema.org"),
        ..node(kind)
    }
}

/// schema.org `Article` for a note, citing the sources of its reference list.
pub fn note_ld<'b>(p: &'b Prepared<'b>, n: usize) -> LinkedData<'b> {
    let b = p.briefing();
    let note = &b.notes[n];
    let dated = p.note(n);
    LinkedData {
        headline: Some(&note.title),
        description: note.summary.as_deref().map(Cow::Borrowed),
        date_published: Some(&dated.iso),
        date_modified: Some(match note.updated {
            Some(updated) => Cow::Owned(updated.to_string()),
            None => Cow::Borrowed(&dated.iso),
        }),
        in_language: Some(&b.config.language),
        author: b.config.author.as_ref().map(author),
        url: permalink(b, &dated.path),
        citation: Some(
            note.references
                .iter()
                .map(|r| creative_work(p, r.source))
                .collect(),
        ),
        ..page_node("Article")
    }
}

/// The JSON-LD of a claim's page: a `ClaimReview` of it when its status is assessed, the
/// `Claim` itself otherwise. Either is dated by the note that declares the claim.
pub fn claim_ld<'b>(p: &'b Prepared<'b>, c: usize) -> LinkedData<'b> {
    let b = p.briefing();
    let claim = &b.claims[c];
    let declared = p.note(claim.declared_in);
    let modified = b.notes[claim.declared_in]
        .updated
        .map(|d| Cow::Owned(d.to_string()));
    let url = permalink(b, &p.claim(c).path);
    let dated = |node: LinkedData<'b>| LinkedData {
        date_published: Some(&declared.iso),
        date_modified: modified.clone(),
        in_language: Some(&b.config.language),
        author: b.config.author.as_ref().map(author),
        url: url.clone(),
        ..node
    };
    let Some(status) = claim.status else {
        return dated(LinkedData {
            context: Some("https://schema.org"),
            ..the_claim(p, c)
        });
    };
    dated(LinkedData {
        claim_reviewed: Some(&claim.text),
        review_rating: Some(Rating {
            kind: "Rating",
            name: status.label(),
        }),
        item_reviewed: Some(Box::new(the_claim(p, c))),
        ..page_node("ClaimReview")
    })
}

/// Claim `c` as a schema.org `Claim`: its text, kind and likelihood, and the sources it
/// appears in (the earliest as its first appearance).
fn the_claim<'b>(p: &'b Prepared<'b>, c: usize) -> LinkedData<'b> {
    let b = p.briefing();
    let claim = &b.claims[c];
    let first = claim
        .sources
        .iter()
        .min_by_key(|l| (b.sources[l.source].date, &b.sources[l.source].id))
        .map(|l| creative_work(p, l.source));
    LinkedData {
        identifier: Some(&claim.id),
        text: Some(&claim.text),
        genre: Some(claim.kind.as_str()),
        description: claim.likelihood.map(|l| {
            let band = format!("{} ({})", l.label(), l.range());
            Cow::Owned(format!(
                "Judgment: {band}; {}",
                claim.confidence.label().to_lowercase()
            ))
        }),
        appearance: Some(
            claim
                .sources
                .iter()
                .map(|l| creative_work(p, l.source))
                .collect(),
        ),
        first_appearance: first,
        ..node("Claim")
    }
}

fn creative_work<'b>(p: &'b Prepared<'b>, s: usize) -> CreativeWork<'b> {
    let source = &p.briefing().sources[s];
    CreativeWork {
        kind: "CreativeWork",
        name: &source.title,
        publisher: organization(&source.publisher),
        date_published: &p.source(s).iso,
        url: source.url.as_deref(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_cannot_close_or_hide_its_script_element() {
        for name in [
            "</script><script>alert(1)</script>",
            "<!--<script>",
            "a\u{2028}b & c",
        ] {
            let ld = json_ld(&organization(name));
            assert!(!ld.contains(['<', '>', '&', '\u{2028}']), "{ld}");
            let back: serde_json::Value = serde_json::from_str(&ld).unwrap();
            assert_eq!(back["name"], name);
        }
    }
}
