//! A parse error as a diagnostic, placed where the cause is: at a slip the layout scan saw (a
//! quote left open over `key:` lines, a line indented wrongly), at libyaml's context mark when
//! that points at the cause (the bracket left open), at the second of two keys, or where
//! serde stopped.

use super::explain::{code_of, explain, split_path};
use super::outline::{Outline, Spot, Step};
use crate::codes::Code;
use crate::diagnostics::{Diagnostic, Pos};

/// The diagnostic for `error`, from parsing the text `outline` was made of, in `file`.
pub(super) fn diagnose(error: &serde_yaml::Error, outline: &Outline<'_>, file: &str) -> Diagnostic {
    let at = |line: usize, col: usize| within(outline, line, col);
    let problem = error
        .location()
        .map_or(at(1, 1), |l| at(l.line(), l.column()));
    let debug = format!("{error:?}");
    let syntax = debug.contains("problem: \"");
    if let Some(d) = super::slips::explain(outline, file, syntax.then_some(problem)) {
        return d;
    }
    if let Some((message, help, (line, col))) = syntax.then(|| at_context(&debug)).flatten() {
        let message = format!("invalid YAML: {message}");
        return Diagnostic::error(Code::YamlSyntax, file, at(line, col), message).with_help(help);
    }
    let raw = error.to_string();
    if let Some(d) = duplicate(&raw, outline, file) {
        return d;
    }
    let (message, help) = explain(&raw);
    Diagnostic::error(code_of(&message), file, problem, message).with_help(help)
}

/// The file position of libyaml's (`line`, `col`) in the YAML of `outline`, kept inside the
/// YAML: libyaml places the end of the text on the line after the last, which a block ending
/// without a line break does not have (the end of the last line is given instead).
fn within(outline: &Outline<'_>, line: usize, col: usize) -> Pos {
    let yaml = outline.text();
    let pos = outline.pos_of(libyaml_offset(yaml, line, col));
    let last = yaml.lines().count().max(1);
    if pos.line >= outline.first_line() + last {
        let width = yaml.lines().last().map_or(0, |l| l.chars().count());
        return Pos::new(outline.first_line() + last - 1, width + 1);
    }
    pos
}

/// The byte offset in `yaml` of libyaml's 1-based (`line`, `col`). libyaml ends a line at
/// U+0085, U+2028 and U+2029 too (YAML 1.1), which no editor shows as a line break, so its
/// lines are counted its way here and the place given back as an offset.
fn libyaml_offset(yaml: &str, line: usize, col: usize) -> usize {
    let (mut at_line, mut at_col) = (1, 1);
    let mut chars = yaml.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        if (at_line, at_col) >= (line, col) {
            return offset;
        }
        if c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
            continue; // A break of two characters: the `\n` ends the line.
        }
        match c {
            '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                (at_line, at_col) = (at_line + 1, 1)
            }
            _ => at_col += 1,
        }
    }
    yaml.len()
}

/// What a quote left open needs.
pub(super) const QUOTE_HELP: &str = "end the value with the quote mark it starts with; inside double quotes write a `\"` as `\\\"`, inside single quotes write a `'` as `''`";

/// libyaml's contexts whose mark (not the problem's) points at the cause, for the problems
/// that come of it: (context, problem, message, help).
const AT_CONTEXT: [(&str, &str, &str, &str); 7] = [
    (
        "while scanning a quoted scalar",
        "unexpected end of stream",
        "the quote opened here is never closed",
        QUOTE_HELP,
    ),
    (
        "while scanning a quoted scalar",
        "document indicator",
        "the quote opened here is not closed before the end of the front matter",
        QUOTE_HELP,
    ),
    (
        "while parsing a flow sequence",
        "",
        "the list opened here with `[` is not closed",
        "end the list with `]`, and put a comma between its items",
    ),
    (
        "while parsing a flow mapping",
        "",
        "the mapping opened here with `{` is not closed",
        "end it with `}`, and put a comma between its entries",
    ),
    (
        "while scanning a simple key",
        "",
        "this line has no `: ` between its key and its value",
        "write the line as `key: value`, with a space after the colon",
    ),
    (
        "while scanning an anchor",
        "",
        "a value here starts with `&`, which YAML reads as an anchor",
        "put the value in quotes",
    ),
    (
        "while scanning an alias",
        "",
        "a value here starts with `*`, which YAML reads as an alias",
        "put the value in quotes",
    ),
];

/// The message, help and context mark (line and column in the YAML) of a libyaml error whose
/// context points at the cause, from the error's debug form (the only one that has the mark
/// even when it is the first character).
fn at_context(debug: &str) -> Option<(&'static str, &'static str, (usize, usize))> {
    let context = debug.split_once("context: \"")?.1.split('"').next()?;
    let problem = debug.split_once("problem: \"")?.1.split('"').next()?;
    let (_, _, message, help) = AT_CONTEXT
        .iter()
        .find(|(c, p, _, _)| context.starts_with(c) && problem.contains(p))?;
    let mark = debug
        .split_once("context_mark: Mark { line: ")
        .and_then(|(_, rest)| {
            let (line, rest) = rest.split_once(", column: ")?;
            let col = rest.split(' ').next()?;
            Some((line.parse().ok()?, col.parse().ok()?))
        });
    // libyaml leaves out a mark at the very start.
    Some((message, help, mark.unwrap_or((1, 1))))
}

/// A key given twice, placed at its second occurrence.
fn duplicate(raw: &str, outline: &Outline<'_>, file: &str) -> Option<Diagnostic> {
    let raw = raw.find(" at line ").map_or(raw, |i| &raw[..i]);
    let (path, detail) = split_path(raw);
    let key = detail
        .strip_prefix("duplicate field `")?
        .strip_suffix('`')?;
    let steps = steps_of(path)?;
    let parent = outline.find(Spot::ROOT, &steps).ok()?;
    let second = outline.nth_key(parent, key, 1)?;
    let place = if path.is_empty() {
        String::new()
    } else {
        format!(" in `{path}`")
    };
    let message = format!("the key `{key}` is given twice{place}");
    let help = format!("keep one `{key}:` line");
    Some(
        Diagnostic::error(Code::DuplicateKey, file, outline.start(second), message).with_help(help),
    )
}

/// serde's path (`claims[0].sources`) as steps.
fn steps_of(path: &str) -> Option<Vec<Step<'_>>> {
    let mut steps = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let mut pieces = part.split('[');
        steps.push(Step::Key(pieces.next()?));
        for index in pieces {
            steps.push(Step::Item(index.strip_suffix(']')?.parse().ok()?));
        }
    }
    Some(steps)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn debug_of(yaml: &str) -> String {
        let error = serde_yaml::from_str::<serde_yaml::Value>(yaml).unwrap_err();
        format!("{error:?}")
    }

    #[test]
    fn the_context_mark_points_at_what_was_left_open() {
        let (message, _, mark) = at_context(&debug_of("a: 1\nb: [x, y\nc: 2\n")).unwrap();
        assert_eq!(
            (message, mark),
            ("the list opened here with `[` is not closed", (2, 4))
        );
        // libyaml leaves out a mark at the very start.
        let (_, _, mark) = at_context(&debug_of("{a: 1\n")).unwrap();
        assert_eq!(mark, (1, 1));
        let (message, _, mark) = at_context(&debug_of("a: 1\nb 2\nc: 3\n")).unwrap();
        assert_eq!(
            (message, mark),
            (
                "this line has no `: ` between its key and its value",
                (2, 1)
            )
        );
    }

    #[test]
    fn other_contexts_keep_the_problem_mark() {
        assert_eq!(at_context(&debug_of("a: \"C:\\q\"\n")), None);
        assert_eq!(at_context(&debug_of("a: b: c\n")), None);
    }

    #[test]
    fn libyaml_lines_end_at_next_line_and_the_separators_too() {
        let yaml = "a: 1\u{85}b: é\r\nc: [\u{2028}d";
        assert_eq!(libyaml_offset(yaml, 1, 1), 0);
        assert_eq!(&yaml[libyaml_offset(yaml, 2, 1)..][..2], "b:");
        assert_eq!(&yaml[libyaml_offset(yaml, 3, 4)..][..1], "[");
        assert_eq!(&yaml[libyaml_offset(yaml, 4, 1)..], "d");
        assert_eq!(libyaml_offset(yaml, 9, 1), yaml.len());
        let error = crate::content::yaml::parse::<serde_yaml::Value>("a: 1\u{85}b: [x\n", "f", 3)
            .unwrap_err();
        assert_eq!(
            (error.line, error.col),
            (3, 9),
            "on the one line an editor shows: {error}"
        );
    }

    #[test]
    fn serde_paths_become_steps() {
        assert_eq!(
            steps_of("claims[0].sources[12]"),
            Some(vec![
                Step::Key("claims"),
                Step::Item(0),
                Step::Key("sources"),
                Step::Item(12)
            ])
        );
        assert_eq!(steps_of(""), Some(vec![]));
    }
}
