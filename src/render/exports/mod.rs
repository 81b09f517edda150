//! Machine-readable exports, the one serde_json user (a submodule per export):
//! `claims.json` (schema in `docs/claims.schema.json`, also published as
//! `claims.schema.json`), `sources.csl.json` (CSL-JSON for Pandoc and Zotero), the search
//! index, JSON-LD for pages, and "Cite this" (CSL-JSON and BibTeX) for notes and claims. Each is serialised straight from small structs borrowing the
//! briefing.

mod cite;
mod claims;
mod csl;
mod ld;
mod search;

use std::sync::Arc;

use serde::Serialize;

pub use cite::{CiteView, Cited, cite};
pub use claims::{claim_entry, claims_file};
pub use ld::{claim_ld, json_ld, note_ld};
pub use search::{entry as search_entry, key as search_key, len as search_len};

use crate::diagnostics::Diagnostic;
use crate::model::Briefing;
use crate::output::{Body, OutputFile};

/// The entries `claims.json` or the search index is joined from, one per item, shared between
/// the files written and the build that keeps them.
pub type Entries = Arc<[Arc<str>]>;
use crate::urls;

/// The JSON schema of `claims.json`.
pub const CLAIMS_SCHEMA: &str = include_str!("../../../docs/claims.schema.json");

/// Every export file but `claims.json` and the search index, which are made from their
/// entries ([`claims_file`], [`search_files`]).
pub fn files(briefing: &Briefing) -> Vec<OutputFile> {
    let mut files = vec![
        OutputFile {
            path: "claims.schema.json".into(),
            body: Body::Static(CLAIMS_SCHEMA.as_bytes()),
        },
        csl_file(briefing),
    ];
    files.extend(edition_pages(briefing));
    files
}

/// A frozen edition's snapshot as written to `editions/<number>.json`: pretty JSON, so that
/// the next edition's diff in version control reads claim by claim.
pub fn snapshot_json(snapshot: &crate::editions::Snapshot) -> String {
    let mut text = serde_json::to_string_pretty(snapshot).unwrap_or_default();
    text.push('\n');
    text
}

/// A snapshot read back from its JSON text (`editions/<n>.json`), or what is wrong with it
/// at its line and column: the loader's way in, since this module owns JSON (reading it as
/// YAML, which it also is, takes ten times as long: 0.45 s for 10,000 notes).
pub fn parse_snapshot(text: &str, file: &str) -> Result<crate::editions::Snapshot, Diagnostic> {
    serde_json::from_str(text).map_err(|e| {
        let pos = crate::diagnostics::Pos::new(e.line().max(1), e.column().max(1));
        let text = e.to_string();
        let what = text.rsplit_once(" at line ").map_or(text.as_str(), |(what, _)| what);
        let message = format!("the snapshot cannot be read: {what}");
        Diagnostic::error(crate::codes::Code::BadSnapshot, file, pos, message).with_help(
            "snapshots are written by `dossier edition freeze`; restore this one from the project's history",
        )
    })
}

/// The earlier editions as they were published, each at `editions/<number>/`.
fn edition_pages(briefing: &Briefing) -> impl Iterator<Item = OutputFile> + '_ {
    let frozen = briefing.editions.iter().flat_map(|e| e.frozen.iter());
    frozen.filter_map(|e| {
        Some(OutputFile {
            path: crate::urls::edition(e.snapshot.number),
            body: Body::Owned(e.print.as_deref()?.as_bytes().to_vec()),
        })
    })
}

/// `sources.csl.json`: the bibliography as CSL-JSON.
pub fn csl_file(briefing: &Briefing) -> OutputFile {
    json_file("sources.csl.json", &csl::csl(briefing))
}

/// The search index from its entries ([`search_entry`]), as a script (for
/// `file://`) and as JSON.
pub fn search_files(entries: &Entries) -> [OutputFile; 2] {
    let file = |path: &str, head: &str, tail: &str| OutputFile {
        path: path.into(),
        body: Body::Joined(search::joined(entries, head, tail)),
    };
    [
        file("search-index.js", "window.dossierSearchIndex = ", ";\n"),
        file("search-index.json", "", "\n"),
    ]
}

fn json_file(path: &str, value: &impl Serialize) -> OutputFile {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    OutputFile {
        path: path.into(),
        body: Body::Owned(bytes),
    }
}

/// The absolute address of the page at site path `path`, when the briefing has a base URL.
pub fn permalink(briefing: &Briefing, path: &str) -> Option<String> {
    briefing
        .config
        .base_url
        .as_ref()
        .map(|base| format!("{base}{}", urls::pretty(path)))
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// The sample briefing of this repository, built.
    pub fn sample() -> Briefing {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (content, _) = crate::content::load(root, false);
        let config = crate::config::Config::load(root).unwrap();
        crate::model::build(&content, config).0
    }

    #[test]
    fn the_schema_is_valid_json() {
        let schema: serde_json::Value = serde_json::from_str(CLAIMS_SCHEMA).unwrap();
        assert_eq!(schema["properties"]["version"]["const"], 3);
    }
}
