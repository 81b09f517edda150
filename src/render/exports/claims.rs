//! `claims.json`: every claim with its figure, assessment, sources and the pages that use it,
//! made one entry per claim so the entries can be made side by side and kept between builds.

use std::sync::Arc;

use serde::Serialize;

#[cfg(test)]
use super::json_file;
use super::permalink;
use crate::model::{Briefing, ChartRef, Claim};
use crate::output::{Body, OutputFile};
use crate::render::figure;
use crate::urls;

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

/// `claims.json`, version 1 of its schema.
#[derive(Serialize)]
pub struct ClaimsExport<'b> {
    /// The schema the file follows, beside it.
    #[serde(rename = "$schema")]
    schema: &'static str,
    /// The schema's version.
    version: u32,
    /// What wrote the file.
    generator: &'static str,
    /// The briefing's title.
    title: &'b str,
    /// The briefing's date.
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    /// Its edition.
    #[serde(skip_serializing_if = "Option::is_none")]
    edition: Option<&'b str>,
    /// Every claim, in reading order.
    claims: Vec<ClaimExport<'b>>,
}

/// One claim in `claims.json`.
#[derive(Serialize)]
pub struct ClaimExport<'b> {
    /// The id.
    id: &'b str,
    /// The statement.
    text: &'b str,
    /// The figure.
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<f64>,
    /// The figure's unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<&'b str>,
    /// The figure and unit as the site prints them.
    #[serde(skip_serializing_if = "Option::is_none")]
    figure: Option<String>,
    /// The period or as-of date.
    #[serde(skip_serializing_if = "Option::is_none")]
    period: Option<&'b str>,
    /// `high`, `moderate` or `low`.
    confidence: &'static str,
    /// The assessed status, for claims made elsewhere.
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    /// A key judgment.
    key: bool,
    /// The analyst's note.
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'b str>,
    /// Its page, from the site root.
    path: String,
    /// Its page, absolute (with a base URL).
    #[serde(skip_serializing_if = "Option::is_none")]
    permalink: Option<String>,
    /// The note declaring it.
    declared_in: PageRef<'b>,
    /// The notes using it.
    used_by: Vec<PageRef<'b>>,
    /// The charts bound to it.
    charts: Vec<PageRef<'b>>,
    /// The sources it rests on, graded.
    sources: Vec<SourceExport<'b>>,
}

/// A page (or a place on one) in `claims.json`.
#[derive(Serialize)]
struct PageRef<'b> {
    /// The note's slug (none for a chart).
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'b str>,
    /// The title.
    title: &'b str,
    /// The page or place, from the site root.
    path: String,
    /// The same, absolute (with a base URL).
    #[serde(skip_serializing_if = "Option::is_none")]
    permalink: Option<String>,
}

/// A claim's source, with the grading of the link, in `claims.json`.
#[derive(Serialize)]
struct SourceExport<'b> {
    /// The id.
    id: &'b str,
    /// The title.
    title: &'b str,
    /// Who published it.
    publisher: &'b str,
    /// Who wrote it.
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'b str>,
    /// When published, ISO 8601.
    date: String,
    /// The document's own address.
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'b str>,
    /// What kind of document.
    kind: &'static str,
    /// Admiralty reliability, A–F.
    reliability: &'static str,
    /// Admiralty credibility of this information, 1–6.
    #[serde(skip_serializing_if = "Option::is_none")]
    credibility: Option<u8>,
    /// Both together, e.g. `B2`.
    grade: String,
    /// Where in the source.
    #[serde(skip_serializing_if = "Option::is_none")]
    locator: Option<&'b str>,
    /// Its page, from the site root.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_json_from_entries_is_the_whole_export_pretty_printed() {
        let b = super::super::tests::sample();
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
}
