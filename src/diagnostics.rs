//! Diagnostics: one problem in the content, where it is, and what to do about it.
//!
//! Every stage reports problems as [`Diagnostic`] values instead of failing on the first
//! one, so an editor sees every mistake of a run at once, sorted by file and line.

use std::fmt;

pub use crate::codes::Code;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The build cannot go on: nothing is written and the exit code is 1.
    Error,
    /// Worth a look, but the build goes on.
    Warning,
    /// A rule the project turned off (`checks:` in `dossier.yaml`) or a claim allowed
    /// (`allow:`): listed with its reason, so nothing is hidden, and counted apart.
    Silenced,
}

impl Severity {
    /// The word printed before the code: `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Silenced => "silenced",
        }
    }
}

/// One problem found in the content, with its position and advice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The kind of problem, printed as a short, stable kebab-case name (`unknown-source`).
    pub code: Code,
    /// The file, relative to the project root, with `/` separators.
    pub file: String,
    /// 1-based line in the file (not in the front-matter block); 0 when not known.
    pub line: usize,
    /// 1-based column, counted in characters; 0 when not known.
    pub col: usize,
    /// What is wrong, in an editor's words.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error at `pos` in `file`.
    pub fn error(code: Code, file: &str, pos: Pos, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, file, pos, message.into())
    }

    /// A warning at `pos` in `file`.
    pub fn warning(code: Code, file: &str, pos: Pos, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, file, pos, message.into())
    }

    fn new(severity: Severity, code: Code, file: &str, pos: Pos, message: String) -> Self {
        Diagnostic {
            severity,
            code,
            file: file.to_string(),
            line: pos.line,
            col: pos.col,
            message,
            help: None,
        }
    }

    /// The same diagnostic with advice attached.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The same problem silenced for `reason`: its advice becomes the reason.
    pub fn silenced(mut self, reason: &str) -> Self {
        self.severity = Severity::Silenced;
        self.help = Some(format!("silenced: {reason}"));
        self
    }

    fn sort_key(&self) -> (&str, usize, usize, Severity, &str) {
        (
            &self.file,
            self.line,
            self.col,
            self.severity,
            &self.message,
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.col.max(1))?;
        }
        write!(
            f,
            ": {}[{}]: {}",
            self.severity.as_str(),
            self.code,
            self.message
        )?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// A 1-based line and column in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Pos {
    /// 1-based line; 0 when unknown.
    pub line: usize,
    /// 1-based column in characters; 0 when unknown.
    pub col: usize,
}

impl Pos {
    /// A position at `line`, `col` (both 1-based).
    pub fn new(line: usize, col: usize) -> Self {
        Pos { line, col }
    }

    /// The position of byte `offset` in `text`.
    pub fn of_offset(text: &str, offset: usize) -> Self {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        // Counting bytes (not `matches`) lets the compiler vectorise the scan.
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        Pos { line, col }
    }
}

/// Where each line of a text starts, to turn many byte offsets into positions without reading
/// the text from its start for each one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lines {
    /// Byte offset of each line's start; the first is 0.
    starts: Vec<usize>,
    /// Whether each line is ASCII, so that its columns are byte counts.
    ascii: Vec<bool>,
}

impl Lines {
    /// The lines of `text`.
    pub fn new(text: &str) -> Self {
        let mut lines = Lines {
            starts: vec![0],
            ascii: Vec::new(),
        };
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            lines.ascii.push(line.is_ascii());
            start += line.len();
            if line.ends_with('\n') {
                lines.starts.push(start);
            }
        }
        lines
    }

    /// The position of byte `offset` of `text`, the text these lines were taken from; the
    /// same as [`Pos::of_offset`], in time logarithmic in the number of lines.
    pub fn pos(&self, text: &str, offset: usize) -> Pos {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1].min(offset);
        let col = if self.ascii.get(line - 1).copied().unwrap_or(true) {
            offset - start
        } else {
            text[start..offset].chars().count()
        };
        Pos::new(line, col + 1)
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Sorts diagnostics by file, line and column, and drops exact repeats.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
}

/// True when any diagnostic is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

/// The closest of `candidates` to `wanted`, if it is at most two edits away.
pub fn suggest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (edit_distance(wanted, c), c))
        .filter(|(d, c)| *d <= 2 && *d < wanted.len().max(c.len()))
        .min()
        .map(|(_, c)| c)
}

/// `help: did you mean `x`?` text when a close candidate exists, else `otherwise`.
pub fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    otherwise: &str,
) -> String {
    match suggest(wanted, candidates) {
        Some(close) => format!("did you mean `{close}`?"),
        None => otherwise.to_string(),
    }
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_has_position_code_and_help() {
        let d = Diagnostic::error(
            Code::UnknownClaim,
            "content/notes/a.md",
            Pos::new(3, 7),
            "bad",
        )
        .with_help("fix it");
        assert_eq!(
            d.to_string(),
            "content/notes/a.md:3:7: error[unknown-claim]: bad\n  help: fix it"
        );
    }

    #[test]
    fn position_of_offset_counts_characters() {
        let text = "ab\nçd-x";
        assert_eq!(Pos::of_offset(text, 0), Pos::new(1, 1));
        assert_eq!(Pos::of_offset(text, 3), Pos::new(2, 1));
        assert_eq!(Pos::of_offset(text, 6), Pos::new(2, 3));
    }

    #[test]
    fn lines_place_every_offset_as_a_scan_from_the_start_does() {
        for text in ["ab\nçd-x\n\nlast", "\n\nx\n", "", "é"] {
            let lines = Lines::new(text);
            for offset in 0..=text.len() + 1 {
                assert_eq!(
                    lines.pos(text, offset),
                    Pos::of_offset(text, offset),
                    "{text:?} at {offset}"
                );
            }
        }
    }

    #[test]
    fn suggests_close_ids_only() {
        let ids = ["usgs-mcs-2025", "iea-gcmo-2025"];
        assert_eq!(suggest("usgs-mcs-2024", ids), Some("usgs-mcs-2025"));
        assert_eq!(suggest("reuters", ids), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn sorting_orders_by_file_then_line() {
        let mut all = vec![
            Diagnostic::error(Code::UnknownClaim, "b.md", Pos::new(1, 1), "m"),
            Diagnostic::error(Code::UnknownClaim, "a.md", Pos::new(9, 1), "m"),
            Diagnostic::error(Code::UnknownClaim, "a.md", Pos::new(2, 1), "m"),
            Diagnostic::error(Code::UnknownClaim, "a.md", Pos::new(2, 1), "m"),
        ];
        sort(&mut all);
        let lines: Vec<_> = all.iter().map(|d| (d.file.as_str(), d.line)).collect();
        assert_eq!(lines, [("a.md", 2), ("a.md", 9), ("b.md", 1)]);
    }
}
