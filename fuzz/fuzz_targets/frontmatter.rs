//! A file's text (front matter and body) parsed as a note, a source file and the front page,
//! as `content/` loading parses them; what parses is added to a small briefing and built.
//! Never a panic: a diagnostic at a line of the file is the outcome for bad input.

#![no_main]

mod common;

use std::fmt::Debug;

use common::Fuzzed;
use dossier::config::Config;
use dossier::content::{self, IndexSpec, NoteSpec, Page, SourceSpec};
use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;

fuzz_target!(|data: &[u8]| {
    let Some(text) = common::text(data) else {
        return;
    };
    if let Some(note) = parse::<NoteSpec>("content/notes/fuzz-note.md", text) {
        let _ = common::build_with(Fuzzed::Note(note), Config::default());
    }
    if let Some(source) = parse::<SourceSpec>("content/sources/fuzz-source.md", text) {
        let _ = common::build_with(Fuzzed::Source(source), Config::default());
    }
    if let Some(index) = parse::<IndexSpec>("content/_index.md", text) {
        let _ = common::build_with(Fuzzed::Index(index), Config::default());
    }
});

/// Parses `text` as the front matter `S` of `file`, twice, and checks the outcome.
fn parse<S: DeserializeOwned + Debug>(file: &str, text: &str) -> Option<Page<S>> {
    let first = content::parse::<S>(file, text.to_string());
    let again = content::parse::<S>(file, text.to_string());
    assert_eq!(
        format!("{:?}", first.as_ref().map(|p| &p.spec)),
        format!("{:?}", again.as_ref().map(|p| &p.spec)),
        "the same text parsed twice"
    );
    // The text as dossier reads it: a lone carriage return is a line break (byte for byte).
    let text = &content::lone_returns_as_breaks(text.to_string());
    match first {
        Ok(page) => {
            assert!(page.yaml_offset <= page.body_offset && page.body_offset <= text.len());
            assert_eq!(page.body(), &text[page.body_offset..]);
            assert!(page.body_line() >= 1);
            assert_eq!(&page.text, text);
            Some(page)
        }
        Err(d) => {
            assert!(d.is_error() && d.file == file, "{d:?}");
            assert!(d.line >= 1, "a front-matter error without a line: {d:?}");
            common::positions::check_position(&d, text);
            None
        }
    }
}
