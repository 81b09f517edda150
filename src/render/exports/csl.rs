//! `sources.csl.json`: the bibliography as CSL-JSON, for Pandoc and Zotero.

use serde::Serialize;

use crate::date::Date;
use crate::model::{Briefing, Source};
use crate::vocab::SourceKind;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csl_dates_keep_their_precision() {
        let parts = serde_json::to_string(&date_parts(&Date::parse("2025-10").unwrap())).unwrap();
        assert_eq!(parts, r#"{"date-parts":[[2025,10]]}"#);
        assert_eq!(csl_type(SourceKind::Law), "legislation");
    }
}
