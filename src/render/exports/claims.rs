//! `claims.json`: every claim with its figure, assessment, sources and the pages that use it,
//! made one entry per claim so the entries can be made side by side and kept between builds.

use std::borrow::Cow;
use std::sync::Arc;

use serde::Serialize;

#[cfg(test)]
use super::json_file;
use super::{Entries, permalink};
use crate::model::{Briefing, ChartRef};
use crate::output::{Body, Joined, OutputFile};
use crate::render::Prepared;
use crate::urls;

/// One claim's entry in `claims.json`, pretty-printed and indented for its place in the file.
/// A build makes the entries side by side, and `dossier serve` remakes only those that changed.
pub fn claim_entry(p: &Prepared<'_>, c: usize) -> Arc<str> {
    let json = serde_json::to_string_pretty(&claim(p, c)).unwrap_or_default();
    let mut entry = String::with_capacity(json.len() + json.len() / 4);
    entry.push_str(ENTRY_INDENT);
    entry.push_str(&json.replace('\n', &format!("\n{ENTRY_INDENT}")));
    Arc::from(entry)
}

/// How deep a claim sits in `claims.json`: in the `claims` array of the top-level object.
const ENTRY_INDENT: &str = "    ";

/// `claims.json` from the entries of every claim, in order (see [`claim_entry`]): the same
/// bytes as the whole export pretty-printed at once.
pub fn claims_file(b: &Briefing, entries: &Entries) -> OutputFile {
    let mut head = serde_json::to_string_pretty(&claims(b, Vec::new())).unwrap_or_default();
    let mut tail = String::from("\n");
    if let Some(open) = head.strip_suffix("]\n}").map(str::len)
        && !entries.is_empty()
    {
        head.truncate(open);
        head.push('\n');
        tail.insert_str(0, "\n  ]\n}");
    }
    OutputFile {
        path: "claims.json".into(),
        body: Body::Joined(Joined {
            head,
            entries: entries.clone(),
            separator: ",\n",
            tail,
        }),
    }
}

/// `claims.json`, version 3 of its schema (2 added judgments: `kind`, `likelihood`,
/// `assumptions`, `alternatives`, `indicators`; `valid_until`; `derived`; 3 added each
/// claim's `history` over the frozen editions).
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
    figure: Option<&'b str>,
    /// The period or as-of date.
    #[serde(skip_serializing_if = "Option::is_none")]
    period: Option<&'b str>,
    /// `high`, `moderate` or `low`.
    confidence: &'static str,
    /// The assessed status, for claims made elsewhere.
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    /// Shown on the front page: a key judgment, or a key figure (a fact).
    key: bool,
    /// `fact` or `judgment`.
    kind: &'static str,
    /// A judgment's likelihood.
    #[serde(skip_serializing_if = "Option::is_none")]
    likelihood: Option<LikelihoodExport>,
    /// What a judgment takes as given.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    assumptions: &'b [String],
    /// Other outcomes, and what would make them so.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    alternatives: &'b [String],
    /// What would show the judgment going wrong.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    indicators: Vec<IndicatorExport<'b>>,
    /// How the figure is computed from other claims' figures.
    #[serde(skip_serializing_if = "Option::is_none")]
    derived: Option<DerivedExport<'b>>,
    /// The last day the claim holds, ISO 8601.
    #[serde(skip_serializing_if = "Option::is_none")]
    valid_until: Option<String>,
    /// The analyst's note.
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'b str>,
    /// Its page, from the site root.
    path: &'b str,
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
    /// What each edition said of it, oldest first; empty before an edition is frozen.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    history: Vec<HistoryExport<'b>>,
}

/// One edition of a claim in `claims.json`.
#[derive(Serialize)]
struct HistoryExport<'b> {
    /// The edition's number.
    edition: u32,
    /// Its name.
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    /// Its date, ISO 8601.
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    /// The statement then.
    text: &'b str,
    /// The figure then.
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<f64>,
    /// Its unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<&'b str>,
    /// Its period.
    #[serde(skip_serializing_if = "Option::is_none")]
    period: Option<&'b str>,
    /// The confidence then.
    confidence: &'static str,
    /// The status then.
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    /// The likelihood band then.
    #[serde(skip_serializing_if = "Option::is_none")]
    likelihood: Option<&'static str>,
    /// Why it changed in that edition.
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'b str>,
}

/// Claim `c`'s history over the frozen editions and the current one.
fn history(b: &Briefing, c: usize) -> Vec<HistoryExport<'_>> {
    let Some(e) = b.editions.as_deref() else {
        return Vec::new();
    };
    e.history[c]
        .iter()
        .map(|t| {
            let (edition, claim) = (e.edition_of(t), e.claim_then(t));
            HistoryExport {
                edition: edition.number,
                name: edition.name,
                date: edition.date.map(|d| d.to_string()),
                text: &claim.text,
                value: claim.value,
                unit: claim.unit.as_deref(),
                period: claim.period.as_deref(),
                confidence: claim.confidence.as_str(),
                status: claim.status.map(|s| s.as_str()),
                likelihood: claim.likelihood.map(|l| l.as_str()),
                note: t.note.as_deref(),
            }
        })
        .collect()
}

/// A judgment's likelihood in `claims.json`: its ICD 203 band and the band's probability.
#[derive(Serialize)]
struct LikelihoodExport {
    /// The band, e.g. `likely`.
    band: &'static str,
    /// The band's lowest probability, in percent.
    min: u8,
    /// Its highest.
    max: u8,
}

/// A derived figure in `claims.json`: the expression, the claims it reads, what it gives.
#[derive(Serialize)]
struct DerivedExport<'b> {
    /// The expression as written.
    expression: &'b str,
    /// The ids of the claims it reads, in order.
    inputs: Vec<&'b str>,
    /// The figure the inputs give.
    #[serde(skip_serializing_if = "Option::is_none")]
    computed: Option<f64>,
}

/// An indicator of a judgment in `claims.json`.
#[derive(Serialize)]
struct IndicatorExport<'b> {
    /// What to look for.
    text: &'b str,
    /// By when, ISO 8601.
    #[serde(skip_serializing_if = "Option::is_none")]
    by: Option<String>,
    /// What happened, once known.
    #[serde(skip_serializing_if = "Option::is_none")]
    outcome: Option<&'b str>,
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
    path: Cow<'b, str>,
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
    date: &'b str,
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
    grade: &'b str,
    /// Where in the source.
    #[serde(skip_serializing_if = "Option::is_none")]
    locator: Option<&'b str>,
    /// Its page, from the site root.
    path: &'b str,
}

/// `claims.json` with the claims given (all of them, for the file).
pub fn claims<'b>(b: &'b Briefing, claims: Vec<ClaimExport<'b>>) -> ClaimsExport<'b> {
    ClaimsExport {
        schema: "claims.schema.json",
        version: 3,
        generator: "dossier",
        title: &b.front.title,
        date: b.front.date.map(|d| d.to_string()),
        edition: b.front.edition.as_deref(),
        claims,
    }
}

/// Every claim as `claims.json` gives it.
#[cfg(test)]
fn all_claims<'b>(p: &'b Prepared<'b>) -> Vec<ClaimExport<'b>> {
    (0..p.briefing().claims.len())
        .map(|c| claim(p, c))
        .collect()
}

fn note_ref<'b>(p: &'b Prepared<'b>, n: usize) -> PageRef<'b> {
    let note = &p.briefing().notes[n];
    let path = &p.note(n).path;
    PageRef {
        id: Some(&note.slug),
        title: &note.title,
        permalink: permalink(p.briefing(), path),
        path: Cow::Borrowed(path),
    }
}

fn chart_ref<'b>(b: &'b Briefing, chart: &'b ChartRef) -> PageRef<'b> {
    let page = chart
        .note
        .map_or_else(|| urls::INDEX.to_string(), |n| urls::note(&b.notes[n].slug));
    PageRef {
        id: None,
        title: &chart.title,
        path: Cow::Owned(format!("{page}#{}", chart.anchor)),
        permalink: None,
    }
}

fn claim<'b>(p: &'b Prepared<'b>, c: usize) -> ClaimExport<'b> {
    let b = p.briefing();
    let claim = &b.claims[c];
    let strings = p.claim(c);
    ClaimExport {
        id: &claim.id,
        text: &claim.text,
        value: claim.value,
        unit: claim.unit.as_deref(),
        figure: strings.figure.as_deref(),
        period: claim.period.as_deref(),
        confidence: claim.confidence.as_str(),
        status: claim.status.map(|s| s.as_str()),
        key: claim.key,
        kind: claim.kind.as_str(),
        likelihood: claim.likelihood.map(|l| LikelihoodExport {
            band: l.as_str(),
            min: l.percent().0,
            max: l.percent().1,
        }),
        assumptions: &claim.assumptions,
        alternatives: &claim.alternatives,
        indicators: claim
            .indicators
            .iter()
            .map(|i| IndicatorExport {
                text: &i.text,
                by: i.by.map(|d| d.to_string()),
                outcome: i.outcome.as_deref(),
            })
            .collect(),
        derived: claim.derived.as_ref().map(|d| DerivedExport {
            expression: &d.text,
            inputs: d.expr.inputs(),
            computed: claim.computed,
        }),
        valid_until: claim.valid_until.map(|d| d.to_string()),
        note: claim.note.as_deref(),
        permalink: permalink(b, &strings.path),
        path: &strings.path,
        declared_in: note_ref(p, claim.declared_in),
        used_by: claim.used_by.iter().map(|&n| note_ref(p, n)).collect(),
        charts: claim.charts.iter().map(|c| chart_ref(b, c)).collect(),
        history: history(b, c),
        sources: claim
            .sources
            .iter()
            .zip(&strings.grades)
            .map(|(link, grade)| {
                let source = &b.sources[link.source];
                let dated = p.source(link.source);
                SourceExport {
                    id: &source.id,
                    title: &source.title,
                    publisher: &source.publisher,
                    author: source.author.as_deref(),
                    date: &dated.iso,
                    url: source.url.as_deref(),
                    kind: source.kind.as_str(),
                    reliability: source.reliability.as_str(),
                    credibility: link.credibility.map(|c| c.value()),
                    grade: &grade.grade,
                    locator: link.locator.as_deref(),
                    path: &dated.path,
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
        let p = Prepared::new(&b);
        let entries: Entries = (0..b.claims.len()).map(|c| claim_entry(&p, c)).collect();
        let whole = json_file("claims.json", &claims(&b, all_claims(&p)));
        assert!(b.claims.len() > 40);
        assert_eq!(
            claims_file(&b, &entries).bytes().unwrap(),
            whole.bytes().unwrap()
        );
        let none = crate::model::Briefing::default();
        let empty = json_file("claims.json", &claims(&none, Vec::new()));
        assert_eq!(
            claims_file(&none, &Entries::default()).bytes().unwrap(),
            empty.bytes().unwrap()
        );
    }
}
