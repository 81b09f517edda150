//! The slips the layout scan saw, as diagnostics: a quote that runs over `key:` lines, text
//! after a closing quote, a line indented so that it belongs nowhere. libyaml reports these
//! where it gives up, often lines later, or parses them into a wrong structure that serde
//! then calls a missing key; the slip is where the editor has to look.

use super::diagnose::QUOTE_HELP;
use super::outline::Outline;
use super::scan::Slip;
use super::tokens::key_at;
use crate::codes::Code;
use crate::diagnostics::{Diagnostic, Pos};

/// The diagnostic for the first slip of `outline`, if it has one; for a syntax error found at
/// `before`, only a slip at or before it explains it.
pub(super) fn explain(
    outline: &Outline<'_>,
    file: &str,
    before: Option<Pos>,
) -> Option<Diagnostic> {
    let slip = outline.slips().iter().min_by_key(|s| start(s))?;
    let (at, message, help) = words(outline, slip);
    let pos = outline.pos_of(at);
    if before.is_some_and(|b| pos > b) {
        return None;
    }
    let message = format!("invalid YAML: {message}");
    Some(Diagnostic::error(Code::YamlSyntax, file, pos, message).with_help(help))
}

fn start(slip: &Slip) -> usize {
    match slip {
        Slip::OpenQuote { at, .. }
        | Slip::AfterQuote { at, .. }
        | Slip::Deeper { at, .. }
        | Slip::Misaligned { at, .. }
        | Slip::RootIndented { at } => *at,
    }
}

/// Where the slip is, what is wrong and what to do.
fn words(outline: &Outline<'_>, slip: &Slip) -> (usize, String, String) {
    let line = |at: usize| outline.pos_of(at).line;
    let col = |at: usize| outline.pos_of(at).col;
    match slip {
        Slip::OpenQuote { at, closed: None } => (
            *at,
            "the quote opened here is never closed".into(),
            QUOTE_HELP.into(),
        ),
        Slip::OpenQuote {
            at,
            closed: Some(end),
        } => (
            *at,
            format!(
                "the quote opened here is closed only on line {}, so the lines in between are read as part of this value",
                line(*end)
            ),
            QUOTE_HELP.into(),
        ),
        Slip::AfterQuote { at, quote } => {
            let help = match quote {
                '\'' => {
                    "to put a `'` inside single quotes write it twice (`''`), or put the whole value in double quotes"
                }
                _ => {
                    "to put a `\"` inside double quotes write it as `\\\"`, or put the whole value in single quotes"
                }
            };
            let message = format!("this `{quote}` ends the quoted value, and text follows it");
            (*at, message, help.into())
        }
        Slip::Deeper { at, above } => {
            let what = name(outline, *at);
            let (message, help) = match above {
                Some(above) => (
                    format!(
                        "{what} is indented more than {}, so it is read as part of that line's value",
                        called(outline, *above)
                    ),
                    format!(
                        "if it belongs beside {}, indent it to column {} like it",
                        called(outline, *above),
                        col(*above)
                    ),
                ),
                None => (
                    format!("{what} is indented more than the lines above it allow"),
                    "remove the extra spaces before it".to_string(),
                ),
            };
            (*at, message, help)
        }
        Slip::Misaligned { at, item, like } => {
            let what = name(outline, *at);
            let spaces = match col(*at) - 1 {
                1 => "1 space".to_string(),
                n => format!("{n} spaces"),
            };
            let above = if *item { "list" } else { "key" };
            let message = format!("{what} is indented {spaces}, in line with no {above} above it");
            let options: Vec<String> = like
                .iter()
                .take(2)
                .map(|&l| format!("to column {}, like {}", col(l), called(outline, l)))
                .collect();
            let help = format!("indent it {}", options.join(", or "));
            (*at, message, help)
        }
        Slip::RootIndented { at } => (
            *at,
            format!(
                "{} is indented, but the keys after it start further left",
                name(outline, *at)
            ),
            "start the top-level keys at column 1, with no spaces before them".into(),
        ),
    }
}

/// How to name the key or item at byte `at` and its line: "`key:` on line 4", "the list
/// item on line 4" or "line 4".
fn called(outline: &Outline<'_>, at: usize) -> String {
    let line = outline.pos_of(at).line;
    match name(outline, at).as_str() {
        "this line" => format!("line {line}"),
        what => format!("{what} on line {line}"),
    }
}

/// How to name the key or item at byte `at`: "`key:`", "the list item" or "this line".
fn name(outline: &Outline<'_>, at: usize) -> String {
    let line = outline.text().get(at..).and_then(|t| t.lines().next());
    let line = line.unwrap_or("");
    if line.is_empty() {
        return "this line".to_string();
    }
    if line.starts_with('-') {
        return "the list item".to_string();
    }
    match key_at(line, 0) {
        Some(((a, z), _)) => format!("`{}:`", &line[a..z]),
        None => "this line".to_string(),
    }
}
