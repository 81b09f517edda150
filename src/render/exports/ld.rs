//! JSON-LD for pages: schema.org `Article` for notes, `Claim` (with a `ClaimReview` when
//! assessed) for claims.

use std::borrow::Cow;

use serde::Serialize;

use super::permalink;
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

/// A schema.org node, as JSON-LD.
#[derive(Serialize)]
pub struct LinkedData<'b> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    headline: Option<&'b str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    identifier: Option<&'b str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'b str>,
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
    author: Option<Organization<'b>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    citation: Option<Vec<CreativeWork<'b>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    appearance: Option<Vec<CreativeWork<'b>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    review: Option<ClaimReview<'b>>,
}

/// A schema.org `Organization`.
#[derive(Serialize)]
struct Organization<'b> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'b str,
}

/// A schema.org `CreativeWork`: a source.
#[derive(Serialize)]
struct CreativeWork<'b> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'b str,
    publisher: Organization<'b>,
    #[serde(rename = "datePublished")]
    date_published: &'b str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'b str>,
}

/// A schema.org `ClaimReview` carrying the assessed status.
#[derive(Serialize)]
struct ClaimReview<'b> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "reviewRating")]
    rating: Rating,
    author: Organization<'b>,
}

/// A schema.org `Rating` named by the status.
#[derive(Serialize)]
struct Rating {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "alternateName")]
    name: &'static str,
}

fn organization(name: &str) -> Organization<'_> {
    Organization {
        kind: "Organization",
        name,
    }
}

fn node<'b>(kind: &'static str) -> LinkedData<'b> {
    LinkedData {
        context: "https://schema.org",
        kind,
        headline: None,
        identifier: None,
        text: None,
        description: None,
        genre: None,
        date_published: None,
        date_modified: None,
        in_language: None,
        author: None,
        url: None,
        citation: None,
        appearance: None,
        review: None,
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
        author: b.config.author.as_deref().map(organization),
        url: permalink(b, &dated.path),
        citation: Some(
            note.references
                .iter()
                .map(|r| creative_work(p, r.source))
                .collect(),
        ),
        ..node("Article")
    }
}

/// schema.org `Claim` for a claim page, with a `ClaimReview` when its status is assessed.
pub fn claim_ld<'b>(p: &'b Prepared<'b>, c: usize) -> LinkedData<'b> {
    let b = p.briefing();
    let claim = &b.claims[c];
    let reviewer = b.config.author.as_deref().unwrap_or(&b.front.title);
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
        url: permalink(b, &p.claim(c).path),
        appearance: Some(
            claim
                .sources
                .iter()
                .map(|l| creative_work(p, l.source))
                .collect(),
        ),
        review: claim.status.map(|status| ClaimReview {
            kind: "ClaimReview",
            rating: Rating {
                kind: "Rating",
                name: status.label(),
            },
            author: organization(reviewer),
        }),
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
