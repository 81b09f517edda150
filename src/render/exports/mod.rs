//! Machine-readable exports, the one serde_json user (a submodule per export):
//! `claims.json` (schema in `docs/claims.schema.json`, also published as
//! `claims.schema.json`), `sources.csl.json` (CSL-JSON for Pandoc and Zotero), the search
//! index, and JSON-LD for pages. Each is serialised straight from small structs borrowing the
//! briefing.

mod claims;
mod csl;
mod ld;
mod search;

use serde::Serialize;

pub use claims::{claim_entry, claims_file};
pub use ld::{claim_ld, json_ld, note_ld};

use crate::model::Briefing;
use crate::output::{Body, OutputFile};
use crate::urls;

/// The JSON schema of `claims.json`.
pub const CLAIMS_SCHEMA: &str = include_str!("../../../docs/claims.schema.json");

/// Every export file but `claims.json`, which is made from its entries ([`claims_file`]).
pub fn files(briefing: &Briefing) -> Vec<OutputFile> {
    let mut files = vec![
        OutputFile {
            path: "claims.schema.json".into(),
            body: Body::Static(CLAIMS_SCHEMA.as_bytes()),
        },
        json_file("sources.csl.json", &csl::csl(briefing)),
    ];
    files.extend(search_files(briefing));
    files
}

/// The search index, as a script (for `file://`) and as JSON.
pub fn search_files(briefing: &Briefing) -> [OutputFile; 2] {
    let index = serde_json::to_string(&search::search_index(briefing)).unwrap_or_default();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_is_valid_json() {
        let schema: serde_json::Value = serde_json::from_str(CLAIMS_SCHEMA).unwrap();
        assert_eq!(schema["properties"]["version"]["const"], 1);
    }
}
