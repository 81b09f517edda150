//! The search index: notes, claims and sources with their site paths, made one entry per
//! note, claim and source so `dossier serve` can remake only the entries an edit changes
//! (`render::entries`).

use std::sync::Arc;

use serde::Serialize;

use super::Entries;
use crate::model::{Briefing, Claim, Note, Source};
use crate::output::Joined;
use crate::urls;

/// The search index as one value (the build joins it from entries, see [`joined`]).
#[cfg(test)]
#[derive(Serialize)]
struct SearchIndex<'b> {
    /// The format's version.
    version: u32,
    /// Notes, claims, sources.
    entries: Vec<SearchEntry<'b>>,
}

/// One searchable note, claim or source.
#[derive(Serialize)]
struct SearchEntry<'b> {
    /// `note`, `claim` or `source`.
    kind: &'static str,
    /// What a result shows.
    title: &'b str,
    /// More words to match.
    text: String,
    /// Its page, from the site root.
    path: String,
}

/// How many entries the search index of `b` has: its notes', claims' and sources'.
pub fn len(b: &Briefing) -> usize {
    let b = (b.notes.unnoted(), b.claims.unnoted(), b.sources.unnoted());
    b.0.len() + b.1.len() + b.2.len()
}

/// What names entry `i` (of [`len`]) from build to build: its kind and id.
pub fn key(b: &Briefing, i: usize) -> (u8, &str) {
    let (notes, claims) = (b.notes.unnoted(), b.claims.unnoted());
    let (n, c) = (notes.len(), claims.len());
    match i {
        i if i < n => (b'n', &notes[i].slug),
        i if i < n + c => (b'c', &claims[i - n].id),
        i => (b's', &b.sources.unnoted()[i - n - c].id),
    }
}

/// Entry `i` of the search index, compact JSON: the notes', the claims', then the sources'.
pub fn entry(b: &Briefing, i: usize) -> Arc<str> {
    let (n, c) = (b.notes.unnoted().len(), b.claims.unnoted().len());
    match i {
        i if i < n => note_entry(b, i),
        i if i < n + c => claim_entry(b, i - n),
        i => source_entry(b, i - n - c),
    }
}

/// The search index from its entries, after `head` and before `tail`: between them, the
/// bytes `serde_json` gives for the whole.
pub fn joined(entries: &Entries, head: &str, tail: &str) -> Joined {
    Joined {
        head: format!("{head}{{\"version\":1,\"entries\":["),
        entries: entries.clone(),
        separator: ",",
        tail: format!("]}}{tail}"),
    }
}

fn compact(entry: &SearchEntry<'_>) -> Arc<str> {
    Arc::from(serde_json::to_string(entry).unwrap_or_default())
}

fn note_entry(b: &Briefing, n: usize) -> Arc<str> {
    compact(&note(b, &b.notes[n]))
}

fn claim_entry(b: &Briefing, c: usize) -> Arc<str> {
    compact(&claim(&b.claims[c]))
}

fn source_entry(b: &Briefing, s: usize) -> Arc<str> {
    compact(&source(&b.sources[s]))
}

fn note<'b>(b: &'b Briefing, n: &'b Note) -> SearchEntry<'b> {
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
}

fn claim(c: &Claim) -> SearchEntry<'_> {
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
}

fn source(s: &Source) -> SearchEntry<'_> {
    SearchEntry {
        kind: "source",
        title: &s.title,
        text: format!("{} {}", s.publisher, s.date),
        path: urls::source(&s.id),
    }
}

/// The search index as one value, to check the joined entries against.
#[cfg(test)]
fn search_index(b: &Briefing) -> SearchIndex<'_> {
    let notes = b.notes.iter().map(|n| note(b, n));
    let claims = b.claims.iter().map(claim);
    let sources = b.sources.iter().map(source);
    SearchIndex {
        version: 1,
        entries: notes.chain(claims).chain(sources).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_joined_from_entries_is_the_whole_index() {
        let b = super::super::tests::sample();
        let whole = serde_json::to_string(&search_index(&b)).unwrap();
        assert!(whole.len() > 10_000);
        let text = |entries: &Entries| joined(entries, "(", ")").join();
        let entries: Entries = (0..len(&b)).map(|i| entry(&b, i)).collect();
        assert_eq!(text(&entries), format!("({whole})").into_bytes());
        let last = b.sources.unnoted().last().unwrap();
        assert_eq!(key(&b, len(&b) - 1), (b's', last.id.as_str()));
        let none = serde_json::to_string(&search_index(&Briefing::default())).unwrap();
        assert_eq!(text(&Entries::default()), format!("({none})").into_bytes());
    }
}
