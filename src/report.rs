//! How a run is reported: diagnostics in the human, JSON or GitHub Actions format, colour
//! on terminals (unless `NO_COLOR` is set), the summary line with counts and time, and a
//! progress line for builds that take more than a second.
//!
//! The JSON format is a stable object, version 1:
//!
//! ```json
//! {
//!   "version": 1,
//!   "command": "check",
//!   "ok": false,
//!   "counts": { "errors": 1, "warnings": 0 },
//!   "diagnostics": [
//!     { "severity": "error", "code": "unknown-claim", "file": "content/notes/a.md",
//!       "line": 15, "column": 5, "message": "there is no claim `x`", "help": null }
//!   ],
//!   "stats": { "notes": 3, "claims": 3, "sources": 3, "files": 17, "bytes": 284133 }
//! }
//! ```
//!
//! `line` and `column` are 1-based and `null` when not known; `stats` is `null` when an
//! error stopped the run before anything was rendered; `bytes` is the site's size.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use crate::Outcome;
use crate::codes::Code;
use crate::diagnostics::{Diagnostic, Severity};

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// `file:line:col: error[code]: message` on stderr, for people; the summary on stdout.
    #[default]
    Human,
    /// One JSON object on stdout, for editors and scripts.
    Json,
    /// GitHub Actions workflow commands (`::error file=…::…`) on stdout, then the summary.
    Github,
}

/// What the run did, for the summary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    /// `dossier build`: files were written.
    Built,
    /// `dossier check`: nothing was written.
    Checked,
    /// `dossier edition freeze`: the edition's files were written to the project.
    Froze,
    /// `dossier diff`: nothing was written.
    Compared,
}

impl Verb {
    fn as_str(self) -> &'static str {
        match self {
            Verb::Built => "Built",
            Verb::Checked => "Checked",
            Verb::Froze => "Froze",
            Verb::Compared => "Compared",
        }
    }

    fn command(self) -> &'static str {
        match self {
            Verb::Built => "build",
            Verb::Checked => "check",
            Verb::Froze => "edition freeze",
            Verb::Compared => "diff",
        }
    }
}

/// Whether to colour text with ANSI escapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    /// True to colour.
    pub color: bool,
}

impl Style {
    /// Colour when stdout is a terminal and `NO_COLOR` is unset or empty.
    pub fn stdout() -> Style {
        Style::when(std::io::stdout().is_terminal())
    }

    /// Colour when stderr is a terminal and `NO_COLOR` is unset or empty.
    pub fn stderr() -> Style {
        Style::when(std::io::stderr().is_terminal())
    }

    fn when(terminal: bool) -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style {
            color: terminal && !no_color,
        }
    }

    /// `text` wrapped in the SGR `code` (e.g. `1;31` for bold red) when colouring.
    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// Everything one report needs besides the outcome.
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    /// What the run did.
    pub verb: Verb,
    /// How to print diagnostics.
    pub format: Format,
    /// How long the run took, in milliseconds.
    pub millis: u128,
    /// The project folder as given on the command line, prefixed to file paths in GitHub
    /// annotations so that they are relative to the repository.
    pub root: &'a str,
}

/// The text a report prints on each stream.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Printed {
    /// For stdout.
    pub stdout: String,
    /// For stderr.
    pub stderr: String,
}

impl Report<'_> {
    /// The report of `outcome` for both streams, coloured by `out` and `err`.
    pub fn render(&self, outcome: &Outcome, out: Style, err: Style) -> Printed {
        let mut printed = Printed::default();
        match self.format {
            Format::Json => printed.stdout = json_report(outcome, self.verb) + "\n",
            Format::Github => {
                for d in &outcome.diagnostics {
                    printed.stdout.push_str(&github(d, self.root));
                    printed.stdout.push('\n');
                }
                printed.stdout.push_str(&self.summary(outcome, out));
            }
            Format::Human => {
                for d in &outcome.diagnostics {
                    printed.stderr.push_str(&human(d, err));
                    printed.stderr.push('\n');
                }
                if outcome.failed() {
                    printed.stderr.push_str(&self.summary(outcome, err));
                } else {
                    printed.stdout.push_str(&self.summary(outcome, out));
                }
            }
        }
        printed
    }

    /// The closing line: counts and time on success, what stopped the run otherwise.
    fn summary(&self, outcome: &Outcome, style: Style) -> String {
        let (errors, warnings) = counts(&outcome.diagnostics);
        if outcome.failed() {
            return format!(
                "{} {} and {}; nothing was written.\n",
                style.paint("1;31", "Stopped:"),
                count(errors, "error"),
                count(warnings, "warning")
            );
        }
        let Some(s) = outcome.stats else {
            return String::new();
        };
        let weight = s
            .bytes
            .map(|b| format!(", {}", size(b)))
            .unwrap_or_default();
        let files = match self.verb {
            Verb::Built => format!(
                ", {} pages and files ({} changed, {} removed){weight}",
                s.files, s.write.written, s.write.removed
            ),
            Verb::Checked => format!(", {} pages and files rendered{weight}", s.files),
            Verb::Froze => format!(", {} files written", s.files),
            Verb::Compared => String::new(),
        };
        let warned = match warnings {
            0 => String::new(),
            n => format!(", {}", style.paint("1;33", &count(n, "warning"))),
        };
        let silenced = outcome.diagnostics.iter();
        let warned = match silenced
            .filter(|d| d.severity == Severity::Silenced)
            .count()
        {
            0 => warned,
            n => format!("{warned}, {n} silenced"),
        };
        format!(
            "{} {}, {}, {}{files}{warned} in {} ms\n",
            style.paint("1;32", self.verb.as_str()),
            count(s.notes, "note"),
            count(s.claims, "claim"),
            count(s.sources, "source"),
            self.millis
        )
    }
}

/// The warnings `--strict` leaves as warnings: a stale briefing must still publish, with
/// its notice (`--deny stale` makes them errors); the site's size is known only once the
/// site is written, too late to stop a build.
pub const NEVER_STRICT: [Code; 2] = [Code::Stale, Code::SiteSize];

/// Turns every warning into an error, for `--strict`, but those [`NEVER_STRICT`] names.
pub fn strict(diagnostics: &mut [Diagnostic]) {
    let warnings = diagnostics.iter_mut();
    let warnings = warnings.filter(|d| d.severity == Severity::Warning);
    for d in warnings.filter(|d| !NEVER_STRICT.contains(&d.code)) {
        d.severity = Severity::Error;
    }
}

/// Turns the warnings with one of the codes `denied` into errors, for `--deny CODE`.
pub fn deny(outcome: &mut Outcome, denied: &[Code]) {
    let warnings = outcome.diagnostics.iter_mut();
    let warnings = warnings.filter(|d| d.severity == Severity::Warning);
    for d in warnings.filter(|d| denied.contains(&d.code)) {
        d.severity = Severity::Error;
    }
}

/// (errors, warnings): silenced problems are neither.
pub fn counts(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let of = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    (of(Severity::Error), of(Severity::Warning))
}

/// A size for people, in decimal units as GitHub states its limits: `812 bytes`, `4.2 kB`,
/// `420.3 MB`, `1.02 GB`.
pub fn size(bytes: u64) -> String {
    let b = bytes as f64;
    match bytes {
        0..1_000 => format!("{bytes} bytes"),
        1_000..1_000_000 => format!("{:.1} kB", b / 1e3),
        1_000_000..1_000_000_000 => format!("{:.1} MB", b / 1e6),
        _ => format!("{:.2} GB", b / 1e9),
    }
}

/// `1 error`, `2 errors`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// `file:line:col: error[code]: message` and an indented `help:` line; without colour it is
/// exactly the diagnostic's `Display`.
pub fn human(d: &Diagnostic, style: Style) -> String {
    let mut place = d.file.clone();
    if d.line > 0 {
        let _ = write!(place, ":{}:{}", d.line, d.col.max(1));
    }
    let colour = match d.severity {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Silenced => "2",
    };
    let kind = format!("{}[{}]", d.severity.as_str(), d.code);
    let mut text = format!(
        "{}: {}: {}",
        style.paint("1", &place),
        style.paint(colour, &kind),
        d.message
    );
    if let Some(help) = &d.help {
        let _ = write!(text, "\n  {} {help}", style.paint("1;36", "help:"));
    }
    text
}

/// The JSON object described in the module documentation, one diagnostic a line.
pub fn json_report(outcome: &Outcome, verb: Verb) -> String {
    let (errors, warnings) = counts(&outcome.diagnostics);
    let items: Vec<String> = outcome.diagnostics.iter().map(json_diagnostic).collect();
    let diagnostics = if items.is_empty() {
        String::new()
    } else {
        format!("\n    {}\n  ", items.join(",\n    "))
    };
    let stats = match outcome.stats.filter(|_| !outcome.failed()) {
        Some(s) => format!(
            "{{\"notes\": {}, \"claims\": {}, \"sources\": {}, \"files\": {}, \"bytes\": {}}}",
            s.notes,
            s.claims,
            s.sources,
            s.files,
            s.bytes
                .map_or_else(|| "null".to_string(), |b| b.to_string())
        ),
        None => "null".to_string(),
    };
    format!(
        "{{\n  \"version\": 1,\n  \"command\": \"{}\",\n  \"ok\": {},\n  \
         \"counts\": {{\"errors\": {errors}, \"warnings\": {warnings}}},\n  \
         \"diagnostics\": [{diagnostics}],\n  \"stats\": {stats}\n}}",
        verb.command(),
        !outcome.failed()
    )
}

/// One diagnostic as a JSON object on one line.
fn json_diagnostic(d: &Diagnostic) -> String {
    let (line, column) = if d.line > 0 {
        (d.line.to_string(), d.col.max(1).to_string())
    } else {
        ("null".to_string(), "null".to_string())
    };
    format!(
        "{{\"severity\": \"{}\", \"code\": {}, \"file\": {}, \"line\": {line}, \
         \"column\": {column}, \"message\": {}, \"help\": {}}}",
        d.severity.as_str(),
        json_string(d.code.as_str()),
        json_string(&d.file),
        json_string(&d.message),
        d.help
            .as_deref()
            .map_or_else(|| "null".to_string(), json_string)
    )
}

/// `text` as a JSON string literal.
pub fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A GitHub Actions workflow command: `::error file=…,line=…,col=…,title=…::message`.
/// `root` (the project folder as given) is put before the file so that the path is
/// relative to the repository when the project is not at its top.
pub fn github(d: &Diagnostic, root: &str) -> String {
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Silenced => "notice",
    };
    let mut properties = Vec::new();
    if !d.file.starts_with("--") && !d.file.is_empty() {
        properties.push(format!("file={}", escape_property(&in_root(root, &d.file))));
        if d.line > 0 {
            properties.push(format!("line={}", d.line));
            properties.push(format!("col={}", d.col.max(1)));
        }
    }
    properties.push(format!(
        "title={}",
        escape_property(&format!("dossier {}", d.code))
    ));
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        let _ = write!(message, "\nhelp: {help}");
    }
    format!(
        "::{command} {}::{}",
        properties.join(","),
        escape_data(&message)
    )
}

fn in_root(root: &str, file: &str) -> String {
    let root = root.trim_end_matches('/');
    if root.is_empty() || root == "." || std::path::Path::new(file).is_absolute() {
        return file.to_string();
    }
    let root = root.strip_prefix("./").unwrap_or(root);
    format!("{root}/{file}")
}

/// Escapes a workflow command's message: `%`, `\r` and `\n`.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value: as [`escape_data`], plus `:` and `,`.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// A line on stderr that says a slow run is still going: shown after a second, updated each
/// second, erased when dropped. It prints only when stderr is a terminal.
#[derive(Debug)]
pub struct Progress {
    /// Dropping it tells the thread to stop.
    stop: Option<mpsc::Sender<()>>,
    /// The thread printing the line.
    thread: Option<JoinHandle<()>>,
}

impl Progress {
    /// Starts the indicator for a run described by `label` (e.g. `Building`).
    pub fn start(label: &'static str) -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress {
                stop: None,
                thread: None,
            };
        }
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::spawn(move || show_progress(label, &stopped));
        Progress {
            stop: Some(stop),
            thread: Some(thread),
        }
    }
}

fn show_progress(label: &str, stopped: &mpsc::Receiver<()>) {
    let mut seconds = 0;
    while let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(Duration::from_secs(1)) {
        seconds += 1;
        eprint!("\r{label}… {seconds} s");
    }
    if seconds > 0 {
        eprint!("\r\x1b[2K");
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Pos;

    fn diagnostic() -> Diagnostic {
        Diagnostic::error(
            Code::UnknownClaim,
            "content/notes/a,b.md",
            Pos::new(3, 7),
            "50% bad\nx",
        )
        .with_help("fix: it")
    }

    #[test]
    fn sizes_read_in_decimal_units() {
        assert_eq!(size(812), "812 bytes");
        assert_eq!(size(4_210), "4.2 kB");
        assert_eq!(size(420_310_000), "420.3 MB");
        assert_eq!(size(1_020_000_000), "1.02 GB");
    }

    #[test]
    fn human_without_colour_is_the_display() {
        let d = diagnostic();
        assert_eq!(human(&d, Style::default()), d.to_string());
        let w = Diagnostic::warning(Code::StrayFile, "content/x.png", Pos::default(), "unused");
        assert_eq!(human(&w, Style::default()), w.to_string());
    }

    #[test]
    fn human_with_colour_marks_severity_and_help() {
        let coloured = human(&diagnostic(), Style { color: true });
        assert!(
            coloured.contains("\x1b[1;31merror[unknown-claim]\x1b[0m"),
            "{coloured}"
        );
        assert!(
            coloured.contains("\x1b[1;36mhelp:\x1b[0m fix: it"),
            "{coloured}"
        );
    }

    #[test]
    fn github_escapes_data_and_properties() {
        assert_eq!(
            github(&diagnostic(), "."),
            "::error file=content/notes/a%2Cb.md,line=3,col=7,title=dossier unknown-claim\
             ::50%25 bad%0Ax%0Ahelp: fix: it"
        );
        let w = Diagnostic::warning(Code::BadUrl, "--base-url", Pos::default(), "no\r");
        assert_eq!(github(&w, "docs"), "::warning title=dossier bad-url::no%0D");
    }

    #[test]
    fn github_paths_are_relative_to_the_repository() {
        let d = Diagnostic::error(Code::UnknownClaim, "content/a.md", Pos::new(1, 0), "m");
        assert!(
            github(&d, "./docs/brief/")
                .starts_with("::error file=docs/brief/content/a.md,line=1,col=1,")
        );
    }

    #[test]
    fn strict_turns_warnings_into_errors() {
        let mut outcome = Outcome {
            diagnostics: vec![Diagnostic::warning(
                Code::UnusedClaim,
                "a.md",
                Pos::new(1, 1),
                "m",
            )],
            stats: None,
        };
        assert!(!outcome.failed());
        strict(&mut outcome.diagnostics);
        assert!(outcome.failed());
    }

    #[test]
    fn strict_leaves_stale_a_warning_and_deny_makes_it_an_error() {
        let stale = || Outcome {
            diagnostics: vec![Diagnostic::warning(
                Code::Stale,
                "a.md",
                Pos::new(1, 1),
                "m",
            )],
            stats: None,
        };
        let mut outcome = stale();
        strict(&mut outcome.diagnostics);
        assert!(!outcome.failed(), "strict");
        let mut outcome = stale();
        deny(&mut outcome, &[Code::UnusedClaim]);
        assert!(!outcome.failed(), "another code denied");
        deny(&mut outcome, &[Code::Stale]);
        assert!(outcome.failed(), "denied");
    }

    #[test]
    fn json_has_nulls_for_unknown_positions() {
        let outcome = Outcome {
            diagnostics: vec![Diagnostic::warning(
                Code::UnusedClaim,
                "a.png",
                Pos::default(),
                "m",
            )],
            stats: None,
        };
        let json = json_report(&outcome, Verb::Checked);
        assert!(json.contains("\"ok\": true"), "{json}");
        assert!(json.contains("\"errors\": 0, \"warnings\": 1"), "{json}");
        assert!(json.contains("\"line\": null, \"column\": null"), "{json}");
        assert!(
            json.contains("\"help\": null}\n  ],\n  \"stats\": null\n}"),
            "{json}"
        );
    }

    #[test]
    fn json_strings_are_escaped() {
        assert_eq!(
            json_string("a \"q\" \\ \n\r\t\u{1}é"),
            r#""a \"q\" \\ \n\r\t\u0001é""#
        );
    }
}
