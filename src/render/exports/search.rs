//! The search index: notes, claims and sources with their site paths.

use serde::Serialize;

use crate::model::Briefing;
use crate::urls;

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
