//! `sources.csl.json`: the bibliography as CSL-JSON, for Pandoc and Zotero, mapped as they
//! map it: a piece in a periodical (a news report or an opinion piece, in a newspaper, a
//! magazine or on a web site) names its publication as `container-title`, which is what a
//! style prints after the title ("The Straits Times"); a report, a document, a law or a
//! dataset names who issued it as `publisher`.

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
    /// The publication a periodical piece appeared in.
    #[serde(rename = "container-title", skip_serializing_if = "Option::is_none")]
    container_title: Option<&'b str>,
    /// Who issued a report, a document, a law or a dataset.
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<&'b str>,
    /// What kind of piece it is where the type does not say (`Opinion`).
    #[serde(skip_serializing_if = "Option::is_none")]
    genre: Option<&'static str>,
    issued: DateParts,
    #[serde(rename = "URL", skip_serializing_if = "Option::is_none")]
    url: Option<&'b str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    accessed: Option<DateParts>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<Literal<'b>>,
    /// The document's language, when the source declares one.
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'b str>,
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
    let periodical = in_periodical(source.kind);
    CslItem {
        id: &source.id,
        kind: csl_type(source.kind),
        title: &source.title,
        container_title: periodical.then_some(source.publisher.as_str()),
        publisher: (!periodical).then_some(source.publisher.as_str()),
        genre: (source.kind == SourceKind::Opinion).then_some("Opinion"),
        issued: date_parts(&source.date),
        url: source.url.as_deref(),
        accessed: source.accessed.as_ref().map(date_parts),
        author: source
            .author
            .iter()
            .map(|a| Literal { literal: a })
            .collect(),
        language: source.language.as_deref(),
        note: format!(
            "Admiralty reliability {}: {}",
            source.reliability.as_str(),
            source.reliability.label()
        ),
    }
}

/// True for the kinds that appear in a periodical (a newspaper, a magazine, a web site),
/// whose publisher is the publication's name: CSL's `container-title`.
fn in_periodical(kind: SourceKind) -> bool {
    matches!(kind, SourceKind::News | SourceKind::Opinion)
}

fn csl_type(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::OfficialStatistics | SourceKind::Analysis => "report",
        SourceKind::OfficialStatement => "document",
        SourceKind::Law => "legislation",
        SourceKind::News | SourceKind::Opinion => "article-newspaper",
        SourceKind::Dataset => "dataset",
    }
}

/// `date` as CSL date parts.
pub(super) fn date_parts(date: &Date) -> DateParts {
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

    #[test]
    fn a_newspaper_is_the_container_of_its_articles() {
        let b = crate::render::exports::tests::sample();
        let items = serde_json::to_value(csl(&b)).unwrap();
        let news = items
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["container-title"] == "The Straits Times (Reuters/Bloomberg)")
            .expect("the Straits Times report names its paper as container-title");
        assert_eq!(news["type"], "article-newspaper");
        assert!(news.get("publisher").is_none(), "{news}");
        for item in items.as_array().unwrap() {
            let named = ["container-title", "publisher"]
                .iter()
                .filter(|f| item.get(**f).is_some());
            assert_eq!(named.count(), 1, "one name of the publication: {item}");
        }
    }
}
