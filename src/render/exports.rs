//! Machine-readable exports, the one serde_json user: `claims.json` (schema in
//! `docs/claims.schema.json`, also published as `claims.schema.json`), `sources.csl.json`
//! (CSL-JSON for Pandoc and Zotero), the search index, and JSON-LD for pages. Each is
//! serialised straight from small structs borrowing the briefing.

use std::sync::Arc;

use serde::Serialize;

use super::figure;
use crate::date::Date;
use crate::model::{Briefing, ChartRef, Claim, Source};
use crate::output::{Body, OutputFile};
use crate::urls;
use crate::vocab::SourceKind;

/// The JSON schema of `claims.json`.
pub const CLAIMS_SCHEMA: &str = include_str!("../../docs/claims.schema.json");

/// Every export file but `claims.json`, which is made from its entries ([`claims_file`]).
pub fn files(briefing: &Briefing) -> Vec<OutputFile> {
    let mut files = vec![
        OutputFile {
            path: "claims.schema.json".into(),
            body: Body::Static(CLAIMS_SCHEMA.as_bytes()),
        },
        json_file("sources.csl.json", &csl(briefing)),
    ];
    files.extend(search_files(briefing));
    files
}

/// The search index, as a script (for `file://`) and as JSON.
pub fn search_files(briefing: &Briefing) -> [OutputFile; 2] {
    let index = serde_json::to_string(&search_index(briefing)).unwrap_or_default();
    [
        OutputFile {
            path: "search-index.js".into(),
            body: Body::Owned(format!("window.dossierSearchIndex = {index};\n").into_bytes()),
        },
        OutputFile {
            path: "search-index.json".into(),
            body: Body::Owned(format!("{index}\n").into_bytes()),
        },
    ]
}

/// One claim's entry in `claims.json`, pretty-printed and indented for its place in the file.
/// A build makes the entries side by side, and `dossier serve` remakes only those that changed.
pub fn claim_entry(b: &Briefing, c: usize) -> Arc<str> {
    let json = serde_json::to_string_pretty(&claim(b, &b.claims[c])).unwrap_or_default();
    let mut entry = String::with_capacity(json.len() + json.len() / 4);
    entry.push_str(ENTRY_INDENT);
    entry.push_str(&json.replace('\n', &format!("\n{ENTRY_INDENT}")));
    Arc::from(entry)
}

/// How deep a claim sits in `claims.json`: in the `claims` array of the top-level object.
const ENTRY_INDENT: &str = "    ";

/// `claims.json` from the entries of every claim, in order (see [`claim_entry`]): the same
/// bytes as the whole export pretty-printed at once.
pub fn claims_file(b: &Briefing, entries: &[Arc<str>]) -> OutputFile {
    let size = entries.iter().map(|e| e.len() + 2).sum::<usize>() + 512;
    let mut text = String::with_capacity(size);
    text.push_str(&serde_json::to_string_pretty(&claims(b, Vec::new())).unwrap_or_default());
    if let Some(open) = text.strip_suffix("]\n}").map(str::len)
        && !entries.is_empty()
    {
        text.truncate(open);
        text.push('\n');
        for (i, entry) in entries.iter().enumerate() {
            if i > 0 {
                text.push_str(",\n");
            }
            text.push_str(entry);
        }
        text.push_str("\n  ]\n}");
    }
    text.push('\n');
    OutputFile {
        path: "claims.json".into(),
        body: Body::Owned(text.into_bytes()),
    }
}

fn json_file(path: &str, value: &impl Serialize) -> OutputFile {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    OutputFile {
        path: path.into(),
        body: Body::Owned(bytes),
    }
}

fn permalink(briefing: &Briefing, path: &str) -> Option<String> {
    briefing
        .config
        .base_url
        .as_ref()
        .map(|base| format!("{base}{}", urls::pretty(path)))
}

/// `claims.json`, version 1 of its schema.
#[derive(Serialize)]
pub struct ClaimsExport<'b> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: u32,
    generator: &'static str,
    title: &'b str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    edition: Option<&'b str>,
    claims: Vec<ClaimExport<'b>>,
}

/// One claim in `claims.json`.
#[derive(Serialize)]
pub struct ClaimExport<'b> {
    id: &'b str,
    text: &'b str,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<&'b str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    figure: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    period: Option<&'b str>,
    confidence: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    key: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'b str>,
    path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    permalink: Option<String>,
    declared_in: PageRef<'b>,
    used_by: Vec<PageRef<'b>>,
    charts: Vec<PageRef<'b>>,
    sources: Vec<SourceExport<'b>>,
}

/// A page (or a place on one) in `claims.json`.
#[derive(Serialize)]
struct PageRef<'b> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'b str>,
    title: &'b str,
    path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    permalink: Option<String>,
}

/// A claim's source, with the grading of the link, in `claims.json`.
#[derive(Serialize)]
struct SourceExport<'b> {
    id: &'b str,
    title: &'b str,
    publisher: &'b str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'b str>,
    date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'b str>,
    kind: &'static str,
    reliability: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    credibility: Option<u8>,
    grade: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    locator: Option<&'b str>,
    path: String,
}

/// `claims.json` with the claims given (all of them, for the file).
pub fn claims<'b>(b: &'b Briefing, claims: Vec<ClaimExport<'b>>) -> ClaimsExport<'b> {
    ClaimsExport {
        schema: "claims.schema.json",
        version: 1,
        generator: "dossier",
        title: &b.front.title,
        date: b.front.date.map(|d| d.to_string()),
        edition: b.front.edition.as_deref(),
        claims,
    }
}

/// Every claim as `claims.json` gives it.
#[cfg(test)]
fn all_claims(b: &Briefing) -> Vec<ClaimExport<'_>> {
    b.claims.iter().map(|c| claim(b, c)).collect()
}

fn note_ref(b: &Briefing, n: usize) -> PageRef<'_> {
    let note = &b.notes[n];
    let path = urls::note(&note.slug);
    PageRef {
        id: Some(&note.slug),
        title: &note.title,
        permalink: permalink(b, &path),
        path,
    }
}

fn chart_ref<'b>(b: &'b Briefing, chart: &'b ChartRef) -> PageRef<'b> {
    let page = chart
        .note
        .map_or_else(|| urls::INDEX.to_string(), |n| urls::note(&b.notes[n].slug));
    PageRef {
        id: None,
        title: &chart.title,
        path: format!("{page}#{}", chart.anchor),
        permalink: None,
    }
}

fn claim<'b>(b: &'b Briefing, claim: &'b Claim) -> ClaimExport<'b> {
    let path = urls::claim(&claim.id);
    ClaimExport {
        id: &claim.id,
        text: &claim.text,
        value: claim.value,
        unit: claim.unit.as_deref(),
        figure: claim.value.map(|v| figure(v, claim.unit.as_deref())),
        period: claim.period.as_deref(),
        confidence: claim.confidence.as_str(),
        status: claim.status.map(|s| s.as_str()),
        key: claim.key,
        note: claim.note.as_deref(),
        permalink: permalink(b, &path),
        path,
        declared_in: note_ref(b, claim.declared_in),
        used_by: claim.used_by.iter().map(|&n| note_ref(b, n)).collect(),
        charts: claim.charts.iter().map(|c| chart_ref(b, c)).collect(),
        sources: claim
            .sources
            .iter()
            .map(|link| {
                let source = &b.sources[link.source];
                let credibility = link.credibility.map(|c| c.value());
                SourceExport {
                    id: &source.id,
                    title: &source.title,
                    publisher: &source.publisher,
                    author: source.author.as_deref(),
                    date: source.date.to_string(),
                    url: source.url.as_deref(),
                    kind: source.kind.as_str(),
                    reliability: source.reliability.as_str(),
                    credibility,
                    grade: format!(
                        "{}{}",
                        source.reliability.as_str(),
                        credibility.map(|c| c.to_string()).unwrap_or_default()
                    ),
                    locator: link.locator.as_deref(),
                    path: urls::source(&source.id),
                }
            })
            .collect(),
    }
}

/// One CSL-JSON item.
#[derive(Serialize)]
pub struct CslItem<'b> {
    id: &'b str,
    #[serde(rename = "type")]
    kind: &'static str,
    title: &'b str,
    publisher: &'b str,
    issued: DateParts,
    #[serde(rename = "URL", skip_serializing_if = "Option::is_none")]
    url: Option<&'b str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    accessed: Option<DateParts>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<Literal<'b>>,
    note: String,
}

/// A CSL date: `{"date-parts": [[2025, 10, 9]]}` at the precision known.
#[derive(Serialize, Debug, PartialEq)]
pub struct DateParts {
    #[serde(rename = "date-parts")]
    parts: [Vec<u16>; 1],
}

/// A CSL name given as one string.
#[derive(Serialize)]
struct Literal<'b> {
    literal: &'b str,
}

/// `sources.csl.json`: the bibliography as CSL-JSON items.
pub fn csl(b: &Briefing) -> Vec<CslItem<'_>> {
    b.sources.iter().map(csl_item).collect()
}

fn csl_item(source: &Source) -> CslItem<'_> {
    CslItem {
        id: &source.id,
        kind: csl_type(source.kind),
        title: &source.title,
        publisher: &source.publisher,
        issued: date_parts(&source.date),
        url: source.url.as_deref(),
        accessed: source.accessed.as_ref().map(date_parts),
        author: source
            .author
            .iter()
            .map(|a| Literal { literal: a })
            .collect(),
        note: format!(
            "Admiralty reliability {}: {}",
            source.reliability.as_str(),
            source.reliability.label()
        ),
    }
}

fn csl_type(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::OfficialStatistics | SourceKind::Analysis => "report",
        SourceKind::OfficialStatement => "document",
        SourceKind::Law => "legislation",
        SourceKind::News => "article-newspaper",
        SourceKind::Opinion => "article",
        SourceKind::Dataset => "dataset",
    }
}

fn date_parts(date: &Date) -> DateParts {
    let mut parts = vec![date.year];
    parts.extend(date.month.map(u16::from));
    parts.extend(date.day.map(u16::from));
    DateParts { parts: [parts] }
}

/// The search index.
#[derive(Serialize)]
pub struct SearchIndex<'b> {
    version: u32,
    entries: Vec<SearchEntry<'b>>,
}

/// One searchable note, claim or source.
#[derive(Serialize)]
struct SearchEntry<'b> {
    kind: &'static str,
    title: &'b str,
    text: String,
    path: String,
}

/// The search index: notes, claims and sources with their site paths.
pub fn search_index(b: &Briefing) -> SearchIndex<'_> {
    let notes = b.notes.iter().map(|n| {
        let headings: Vec<&str> = n.toc.iter().map(|h| h.text.as_str()).collect();
        let tags: Vec<&str> = n.tags.iter().map(|&t| b.tags[t].name.as_str()).collect();
        let text = [
            n.summary.as_deref().unwrap_or(""),
            &headings.join(" · "),
            &tags.join(" "),
        ]
        .join(" ");
        SearchEntry {
            kind: "note",
            title: &n.title,
            text: text.trim().to_string(),
            path: urls::note(&n.slug),
        }
    });
    let claims = b.claims.iter().map(|c| {
        let detail = [
            c.period.as_deref().unwrap_or(""),
            c.status.map_or("", |s| s.label()),
        ]
        .join(" ");
        SearchEntry {
            kind: "claim",
            title: &c.text,
            text: format!("{} {}", c.id, detail.trim()),
            path: urls::claim(&c.id),
        }
    });
    let sources = b.sources.iter().map(|s| SearchEntry {
        kind: "source",
        title: &s.title,
        text: format!("{} {}", s.publisher, s.date),
        path: urls::source(&s.id),
    });
    SearchIndex {
        version: 1,
        entries: notes.chain(claims).chain(sources).collect(),
    }
}

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

    #[test]
    fn csl_dates_keep_their_precision() {
        let parts = serde_json::to_string(&date_parts(&Date::parse("2025-10").unwrap())).unwrap();
        assert_eq!(parts, r#"{"date-parts":[[2025,10]]}"#);
        assert_eq!(csl_type(SourceKind::Law), "legislation");
    }

    #[test]
    fn claims_json_from_entries_is_the_whole_export_pretty_printed() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (content, _) = crate::content::load(root, false);
        let config = crate::config::Config::load(root).unwrap();
        let (b, _) = crate::model::build(&content, config);
        let entries: Vec<Arc<str>> = (0..b.claims.len()).map(|c| claim_entry(&b, c)).collect();
        let whole = json_file("claims.json", &claims(&b, all_claims(&b)));
        assert!(b.claims.len() > 40);
        assert_eq!(
            claims_file(&b, &entries).bytes().unwrap(),
            whole.bytes().unwrap()
        );
        let none = crate::model::Briefing::default();
        let empty = json_file("claims.json", &claims(&none, Vec::new()));
        assert_eq!(
            claims_file(&none, &[]).bytes().unwrap(),
            empty.bytes().unwrap()
        );
    }

    #[test]
    fn the_schema_is_valid_json() {
        let schema: serde_json::Value = serde_json::from_str(CLAIMS_SCHEMA).unwrap();
        assert_eq!(schema["properties"]["version"]["const"], 1);
    }
}
