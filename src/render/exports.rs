//! Machine-readable exports, the one serde_json user: `claims.json` (schema in
//! `docs/claims.schema.json`, also published as `claims.schema.json`), `sources.csl.json`
//! (CSL-JSON for Pandoc and Zotero), the search index, and JSON-LD for pages.

use serde_json::{Map, Value, json};

use super::figure;
use crate::date::Date;
use crate::model::{Briefing, Claim, Source};
use crate::output::{Body, OutputFile};
use crate::urls;
use crate::vocab::SourceKind;

/// The JSON schema of `claims.json`.
pub const CLAIMS_SCHEMA: &str = include_str!("../../docs/claims.schema.json");

/// Every export file.
pub fn files(briefing: &Briefing) -> Vec<OutputFile> {
    let index = search_index(briefing);
    vec![
        json_file("claims.json", &claims(briefing)),
        OutputFile {
            path: "claims.schema.json".into(),
            body: Body::Static(CLAIMS_SCHEMA.as_bytes()),
        },
        json_file("sources.csl.json", &csl(briefing)),
        json_file("search-index.json", &index),
        OutputFile {
            path: "search-index.js".into(),
            body: Body::Owned(format!("window.dossierSearchIndex = {index};\n").into_bytes()),
        },
    ]
}

fn json_file(path: &str, value: &Value) -> OutputFile {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    OutputFile {
        path: path.into(),
        body: Body::Owned(text.into_bytes()),
    }
}

/// Inserts `key: value` when `value` is present.
fn put(map: &mut Map<String, Value>, key: &str, value: Option<impl Into<Value>>) {
    if let Some(v) = value {
        map.insert(key.into(), v.into());
    }
}

fn permalink(briefing: &Briefing, path: &str) -> Option<String> {
    briefing
        .config
        .base_url
        .as_ref()
        .map(|base| format!("{base}{}", urls::pretty(path)))
}

fn page(briefing: &Briefing, id: &str, title: &str, path: String) -> Value {
    let mut map = Map::new();
    map.insert("id".into(), id.into());
    map.insert("title".into(), title.into());
    put(&mut map, "permalink", permalink(briefing, &path));
    map.insert("path".into(), path.into());
    Value::Object(map)
}

fn note_page(briefing: &Briefing, n: usize) -> Value {
    let note = &briefing.notes[n];
    page(briefing, &note.slug, &note.title, urls::note(&note.slug))
}

/// `claims.json`: every claim, version 1 of the schema.
pub fn claims(briefing: &Briefing) -> Value {
    let mut map = Map::new();
    map.insert("$schema".into(), "claims.schema.json".into());
    map.insert("version".into(), 1.into());
    map.insert("generator".into(), "dossier".into());
    map.insert("title".into(), briefing.front.title.clone().into());
    put(&mut map, "date", briefing.front.date.map(|d| d.to_string()));
    put(&mut map, "edition", briefing.front.edition.clone());
    let claims: Vec<Value> = briefing.claims.iter().map(|c| claim(briefing, c)).collect();
    map.insert("claims".into(), claims.into());
    Value::Object(map)
}

fn claim(briefing: &Briefing, claim: &Claim) -> Value {
    let path = urls::claim(&claim.id);
    let mut map = Map::new();
    map.insert("id".into(), claim.id.clone().into());
    map.insert("text".into(), claim.text.clone().into());
    put(&mut map, "value", claim.value);
    put(&mut map, "unit", claim.unit.clone());
    put(
        &mut map,
        "figure",
        claim.value.map(|v| figure(v, claim.unit.as_deref())),
    );
    put(&mut map, "period", claim.period.clone());
    map.insert("confidence".into(), claim.confidence.as_str().into());
    put(&mut map, "status", claim.status.map(|s| s.as_str()));
    map.insert("key".into(), claim.key.into());
    put(&mut map, "note", claim.note.clone());
    put(&mut map, "permalink", permalink(briefing, &path));
    map.insert("path".into(), path.into());
    map.insert("declared_in".into(), note_page(briefing, claim.declared_in));
    map.insert(
        "used_by".into(),
        claim
            .used_by
            .iter()
            .map(|&n| note_page(briefing, n))
            .collect(),
    );
    map.insert("charts".into(), Value::Array(Vec::new()));
    let sources = claim.sources.iter().map(|link| {
        let source = &briefing.sources[link.source];
        let mut s = source_fields(source);
        put(&mut s, "credibility", link.credibility.map(|c| c.value()));
        let grade = format!(
            "{}{}",
            source.reliability.as_str(),
            link.credibility
                .map(|c| c.value().to_string())
                .unwrap_or_default()
        );
        s.insert("grade".into(), grade.into());
        put(&mut s, "locator", link.locator.clone());
        Value::Object(s)
    });
    map.insert("sources".into(), sources.collect());
    Value::Object(map)
}

fn source_fields(source: &Source) -> Map<String, Value> {
    let mut s = Map::new();
    s.insert("id".into(), source.id.clone().into());
    s.insert("title".into(), source.title.clone().into());
    s.insert("publisher".into(), source.publisher.clone().into());
    put(&mut s, "author", source.author.clone());
    s.insert("date".into(), source.date.to_string().into());
    put(&mut s, "url", source.url.clone());
    s.insert("kind".into(), source.kind.as_str().into());
    s.insert("reliability".into(), source.reliability.as_str().into());
    s.insert("path".into(), urls::source(&source.id).into());
    s
}

/// `sources.csl.json`: the bibliography as CSL-JSON items.
pub fn csl(briefing: &Briefing) -> Value {
    briefing.sources.iter().map(csl_item).collect()
}

fn csl_item(source: &Source) -> Value {
    let mut item = Map::new();
    item.insert("id".into(), source.id.clone().into());
    item.insert("type".into(), csl_type(source.kind).into());
    item.insert("title".into(), source.title.clone().into());
    item.insert("publisher".into(), source.publisher.clone().into());
    item.insert("issued".into(), date_parts(&source.date));
    put(&mut item, "URL", source.url.clone());
    put(
        &mut item,
        "accessed",
        source.accessed.as_ref().map(date_parts),
    );
    put(
        &mut item,
        "author",
        source.author.as_ref().map(|a| json!([{ "literal": a }])),
    );
    let note = format!(
        "Admiralty reliability {}: {}",
        source.reliability.as_str(),
        source.reliability.label()
    );
    item.insert("note".into(), note.into());
    Value::Object(item)
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

fn date_parts(date: &Date) -> Value {
    let mut parts = vec![Value::from(date.year)];
    parts.extend(date.month.map(Value::from));
    parts.extend(date.day.map(Value::from));
    json!({ "date-parts": [parts] })
}

/// The search index: notes, claims and sources with their site paths.
pub fn search_index(briefing: &Briefing) -> Value {
    let notes = briefing.notes.iter().map(|n| {
        let headings: Vec<&str> = n.toc.iter().map(|h| h.text.as_str()).collect();
        let tags: Vec<&str> = n.tags.iter().map(|&t| briefing.tags[t].name.as_str()).collect();
        let text = [n.summary.as_deref().unwrap_or(""), &headings.join(" · "), &tags.join(" ")].join(" ");
        json!({ "kind": "note", "title": n.title, "text": text.trim(), "path": urls::note(&n.slug) })
    });
    let claims = briefing.claims.iter().map(|c| {
        let detail = [c.period.as_deref().unwrap_or(""), c.status.map_or("", |s| s.label())].join(" ");
        json!({ "kind": "claim", "title": c.text, "text": format!("{} {}", c.id, detail.trim()), "path": urls::claim(&c.id) })
    });
    let sources = briefing.sources.iter().map(|s| {
        json!({ "kind": "source", "title": s.title, "text": format!("{} {}", s.publisher, s.date), "path": urls::source(&s.id) })
    });
    json!({ "version": 1, "entries": notes.chain(claims).chain(sources).collect::<Vec<_>>() })
}

/// JSON-LD for a page, ready for a `<script type="application/ld+json">`: `</` is escaped.
pub fn json_ld(value: &Value) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace("</", "<\\/")
}

/// schema.org `Article` for a note, citing the sources of its reference list.
pub fn note_ld(briefing: &Briefing, n: usize) -> Value {
    let note = &briefing.notes[n];
    let citations: Vec<Value> = note
        .references
        .iter()
        .map(|r| creative_work(&briefing.sources[r.source]))
        .collect();
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": note.title,
        "datePublished": note.date.to_string(),
        "dateModified": note.updated.unwrap_or(note.date).to_string(),
        "inLanguage": briefing.config.language,
        "citation": citations,
    });
    if let Some(summary) = &note.summary {
        ld["description"] = summary.clone().into();
    }
    if let Some(author) = &briefing.config.author {
        ld["author"] = json!({ "@type": "Organization", "name": author });
    }
    if let Some(url) = permalink(briefing, &urls::note(&note.slug)) {
        ld["url"] = url.into();
    }
    ld
}

/// schema.org `Claim` for a claim page, with a `ClaimReview` when its status is assessed.
pub fn claim_ld(briefing: &Briefing, c: usize) -> Value {
    let claim = &briefing.claims[c];
    let sources: Vec<Value> = claim
        .sources
        .iter()
        .map(|l| creative_work(&briefing.sources[l.source]))
        .collect();
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": "Claim",
        "identifier": claim.id,
        "text": claim.text,
        "appearance": sources,
    });
    if let Some(url) = permalink(briefing, &urls::claim(&claim.id)) {
        ld["url"] = url.into();
    }
    if let Some(status) = claim.status {
        ld["review"] = json!({
            "@type": "ClaimReview",
            "reviewRating": { "@type": "Rating", "alternateName": status.label() },
            "author": { "@type": "Organization", "name": briefing.config.author.as_deref().unwrap_or(&briefing.front.title) },
        });
    }
    ld
}

fn creative_work(source: &Source) -> Value {
    let mut work = json!({
        "@type": "CreativeWork",
        "name": source.title,
        "publisher": { "@type": "Organization", "name": source.publisher },
        "datePublished": source.date.to_string(),
    });
    if let Some(url) = &source.url {
        work["url"] = url.clone().into();
    }
    work
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_cannot_close_its_script_element() {
        let ld = json_ld(&json!({ "name": "</script><script>alert(1)</script>" }));
        assert!(!ld.contains("</script"), "{ld}");
    }

    #[test]
    fn csl_dates_keep_their_precision() {
        assert_eq!(
            date_parts(&Date::parse("2025-10").unwrap()),
            json!({ "date-parts": [[2025, 10]] })
        );
        assert_eq!(csl_type(SourceKind::Law), "legislation");
    }

    #[test]
    fn the_schema_is_valid_json() {
        let schema: Value = serde_json::from_str(CLAIMS_SCHEMA).unwrap();
        assert_eq!(schema["properties"]["version"]["const"], 1);
    }
}
