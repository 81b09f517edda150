//! JSON-LD for pages: schema.org `Article` for notes, `Claim` (with a `ClaimReview` when
//! assessed) for claims.

use serde::Serialize;

use super::permalink;
use crate::model::{Briefing, Source};
use crate::urls;

/// JSON-LD for a page, ready for a `<script type="application/ld+json">`: `</` is escaped.
pub fn json_ld(value: &impl Serialize) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace("</", "<\\/")
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
    description: Option<&'b str>,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    #[serde(rename = "dateModified", skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
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
    date_published: String,
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
pub fn note_ld(b: &Briefing, n: usize) -> LinkedData<'_> {
    let note = &b.notes[n];
    LinkedData {
        headline: Some(&note.title),
        description: note.summary.as_deref(),
        date_published: Some(note.date.to_string()),
        date_modified: Some(note.updated.unwrap_or(note.date).to_string()),
        in_language: Some(&b.config.language),
        author: b.config.author.as_deref().map(organization),
        url: permalink(b, &urls::note(&note.slug)),
        citation: Some(
            note.references
                .iter()
                .map(|r| creative_work(&b.sources[r.source]))
                .collect(),
        ),
        ..node("Article")
    }
}

/// schema.org `Claim` for a claim page, with a `ClaimReview` when its status is assessed.
pub fn claim_ld(b: &Briefing, c: usize) -> LinkedData<'_> {
    let claim = &b.claims[c];
    let reviewer = b.config.author.as_deref().unwrap_or(&b.front.title);
    LinkedData {
        identifier: Some(&claim.id),
        text: Some(&claim.text),
        url: permalink(b, &urls::claim(&claim.id)),
        appearance: Some(
            claim
                .sources
                .iter()
                .map(|l| creative_work(&b.sources[l.source]))
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

fn creative_work(source: &Source) -> CreativeWork<'_> {
    CreativeWork {
        kind: "CreativeWork",
        name: &source.title,
        publisher: organization(&source.publisher),
        date_published: source.date.to_string(),
        url: source.url.as_deref(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_cannot_close_its_script_element() {
        let ld = json_ld(&organization("</script><script>alert(1)</script>"));
        assert!(!ld.contains("</script"), "{ld}");
    }
}
