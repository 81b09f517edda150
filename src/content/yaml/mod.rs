//! The one place that calls serde_yaml: YAML text → typed value, or a positioned diagnostic.
//!
//! serde_yaml reports positions inside the YAML it was given; callers pass the line where
//! that YAML starts in its file, and the positions are shifted to file lines here. Before the
//! parser sees the text, it is held to two limits: [`MAX_BYTES`] of text and [`MAX_DEPTH`]
//! levels of nesting, found by a linear scan of the layout (the parser takes time in the
//! square of the depth: 100,000 levels took it close to a minute).

mod diagnose;
mod explain;
mod outline;
mod scan;
mod slips;
mod tokens;

use serde::de::DeserializeOwned;

pub use outline::{Outline, Spot, Step};

use crate::codes::Code;
use crate::diagnostics::{Diagnostic, Pos};

/// The deepest nesting of collections accepted. Front matter needs 5 (a claim's source link
/// in the long form: the front matter, `claims`, a claim, its `sources`, the link), a chart
/// block 4 and `dossier.yaml` 1; 64 leaves room for any layout an editor writes by hand,
/// and the parser reads YAML this deep in microseconds.
pub const MAX_DEPTH: usize = 64;

/// The largest file (or YAML text) read, in bytes: 8 MiB, 790 times the largest note of the
/// sample briefing (10.6 KB). A note of 8 MiB holding 40,919 claims is loaded and checked in
/// under a second and built in about 4 s (BENCHMARKS.md); larger ones are refused by their
/// size before they are read.
pub const MAX_BYTES: u64 = 8 * 1024 * 1024;

/// Parses `yaml`, which starts on line `first_line` of `file`, into a `T`.
pub fn parse<T: DeserializeOwned>(
    yaml: &str,
    file: &str,
    first_line: usize,
) -> Result<T, Diagnostic> {
    parse_up_to(yaml, file, first_line, MAX_BYTES)
}

/// [`parse`] for a text that may be up to `max` bytes long (an edition's snapshot, written by
/// dossier, grows with the briefing: JSON is YAML, and read here the same way).
pub fn parse_up_to<T: DeserializeOwned>(
    yaml: &str,
    file: &str,
    first_line: usize,
    max: u64,
) -> Result<T, Diagnostic> {
    if yaml.len() as u64 > max {
        return Err(too_large(
            file,
            yaml.len() as u64,
            Pos::new(first_line, 1),
            max,
        ));
    }
    if let Err(at) = scan::scan(yaml, false) {
        return Err(too_deep(yaml, file, first_line, at));
    }
    let source = if yaml.trim().is_empty() { "{}" } else { yaml };
    serde_yaml::from_str(source)
        .map_err(|error| diagnose::diagnose(&error, &Outline::new(yaml, first_line), file))
}

/// The error for `file`, of `size` bytes, larger than `max` (usually [`MAX_BYTES`]).
pub fn too_large(file: &str, size: u64, pos: Pos, max: u64) -> Diagnostic {
    let mib = |bytes: u64| format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0));
    let limit = mib(max);
    let size = match mib(size) {
        close if close == limit => format!("{size} bytes"),
        far => far,
    };
    let message = format!("the file is {size}, more than the {limit} dossier reads from a file");
    Diagnostic::error(Code::FileTooLarge, file, pos, message).with_help(
        "split it into several notes; data too large for a note belongs in static/, linked from it",
    )
}

/// The error for YAML whose nesting passes [`MAX_DEPTH`] at byte `at`.
fn too_deep(yaml: &str, file: &str, first_line: usize, at: usize) -> Diagnostic {
    let inner = Pos::of_offset(yaml, at);
    let pos = Pos::new(first_line + inner.line - 1, inner.col);
    let message = format!("the YAML nests more than {MAX_DEPTH} levels deep here");
    Diagnostic::error(Code::YamlTooDeep, file, pos, message).with_help(
        "front matter needs at most 5 levels: look for brackets `[` or `{` opened and never closed, or lines indented deeper and deeper",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Spec {
        title: String,
        #[serde(default)]
        weight: i64,
    }

    fn error_of(yaml: &str) -> String {
        parse::<Spec>(yaml, "f.md", 2).unwrap_err().to_string()
    }

    #[test]
    fn parses_valid_yaml() {
        let spec: Spec = parse("title: A\nweight: 3\n", "f.md", 2).unwrap();
        assert_eq!((spec.title.as_str(), spec.weight), ("A", 3));
    }

    #[test]
    fn unknown_key_is_positioned_in_the_file_and_suggests() {
        assert_eq!(
            error_of("title: A\nwieght: 3\n"),
            "f.md:3:1: error[unknown-key]: unknown key `wieght`\n  help: did you mean `weight`? The keys allowed here are: title, weight"
        );
    }

    #[test]
    fn missing_key_says_what_to_add() {
        let message = error_of("weight: 3\n");
        assert!(
            message.contains("error[missing-key]: missing required key `title`"),
            "{message}"
        );
        assert!(message.contains("help: add a line `title: …`"), "{message}");
    }

    #[test]
    fn a_quote_left_open_is_placed_where_it_opens() {
        let message = error_of("title: A\nweight: \"3\n");
        assert!(
            message.starts_with(
                "f.md:3:9: error[yaml-syntax]: invalid YAML: the quote opened here is never closed"
            ),
            "{message}"
        );
    }

    #[test]
    fn nesting_past_the_limit_is_refused_where_it_passes_it() {
        let deep = format!("title: {}", "[".repeat(MAX_DEPTH + 5));
        let col = "title: ".len() + MAX_DEPTH;
        assert!(
            error_of(&deep).starts_with(&format!("f.md:2:{col}: error[yaml-too-deep]")),
            "{}",
            error_of(&deep)
        );
    }

    #[test]
    fn text_over_the_size_limit_is_refused_unparsed() {
        let big = format!("title: {}", "[".repeat(MAX_BYTES as usize));
        assert!(error_of(&big).starts_with(
            "f.md:2:1: error[file-too-large]: the file is 8388615 bytes, more than the 8.0 MiB"
        ));
        let message = too_large("f.md", 12 << 20, Pos::new(1, 1), MAX_BYTES).message;
        assert!(message.starts_with("the file is 12.0 MiB,"), "{message}");
    }

    /// Every character that means something to YAML, put at every place of real front
    /// matter: the scan, the outline and the diagnosis never panic, and place every problem
    /// inside the text.
    #[test]
    fn any_slip_of_the_keyboard_is_placed_inside_the_text() {
        let yaml = "title: \"China's grip\"\ndate: 2025-10-27\ntags: [supply-chain, magnets]\nclaims:\n  - id: share\n    text: >-\n      About 69%.\n    confidence: high\n    sources:\n      - id: usgs\n        credibility: 2\n      - iea\n";
        let lines = yaml.lines().count();
        for (at, _) in yaml.char_indices() {
            for c in [
                "\"", "'", "[", "]", "{", "}", "- ", ": ", "#", " ", "\n", "|", "é", "\t", "&", "?",
            ] {
                let text = format!("{}{c}{}", &yaml[..at], &yaml[at..]);
                let outline = Outline::new(&text, 2);
                for spot in outline.items(Spot::ROOT, &[Step::Key("claims")]) {
                    assert!(outline.pos(spot).line <= lines + 3, "{text:?}");
                }
                if let Err(d) = parse::<crate::content::NoteSpec>(&text, "f.md", 2) {
                    assert!((2..=lines + 3).contains(&d.line), "{text:?}: {d}");
                    assert!(d.col >= 1 && d.help.is_some(), "{text:?}: {d}");
                }
            }
        }
    }

    #[test]
    fn syntax_errors_name_the_line() {
        let message = error_of("title: A\n  bad: [\n");
        assert!(message.starts_with("f.md:3:"), "{message}");
        assert!(message.contains("error[yaml-syntax]"), "{message}");
    }
}
