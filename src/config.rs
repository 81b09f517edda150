//! The project's settings: `dossier.yaml` (optional) with defaults, and the command-line
//! overrides on top. A value refused is reported at its line and column in `dossier.yaml`.

mod author;
mod base_url;

use std::path::Path;

use serde::Deserialize;

use crate::codes::Code;
use crate::content::yaml;
use crate::diagnostics::{Diagnostic, Pos};
use crate::vocab::Level;

pub use author::{Author, AuthorKind};

/// The name of the settings file at the project root.
pub const FILE: &str = "dossier.yaml";

/// `dossier.yaml` as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigSpec {
    title: Option<String>,
    base_url: Option<String>,
    language: Option<String>,
    author: Option<Author>,
    description: Option<String>,
    cname: Option<String>,
    print: Option<bool>,
    paper: Option<String>,
    checks: Option<std::collections::BTreeMap<String, Level>>,
}

/// The settings of one build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The briefing's title, used when `content/_index.md` gives none.
    pub title: String,
    /// Where the site is published, ending in `/`; only absolute URLs (feeds, canonical links) use it.
    pub base_url: Option<String>,
    /// The language of the content, as a BCP 47 tag (`en`, `en-GB`).
    pub language: String,
    /// Who wrote the briefing (`author:`), named in feeds, page metadata and as the reviewer
    /// of its claims in JSON-LD.
    pub author: Option<Author>,
    /// One sentence describing the briefing, for search engines and feeds.
    pub description: Option<String>,
    /// A custom domain for GitHub Pages, written to `CNAME` (e.g. `briefing.example.org`).
    pub cname: Option<String>,
    /// Write the one-page print edition: `Some` as `dossier.yaml` says, `None` for automatic
    /// (on for briefings of up to [`PRINT_AUTO_MAX_NOTES`] notes).
    pub print: Option<bool>,
    /// The paper the print edition is laid out for (`paper:`), A4 unless it says `letter`.
    pub paper: Paper,
    /// The rules the project turned off, down to warnings or up to errors (`checks:`).
    pub checks: Vec<(Code, Level)>,
}

/// A paper size for the print edition.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Paper {
    /// ISO A4, 210 × 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

impl Paper {
    /// The paper named `name` in `dossier.yaml` (`a4` or `letter`, any case).
    pub fn parse(name: &str) -> Option<Paper> {
        match name.trim().to_ascii_lowercase().as_str() {
            "a4" => Some(Paper::A4),
            "letter" => Some(Paper::Letter),
            _ => None,
        }
    }

    /// Its name in CSS's `@page { size: … }`.
    pub fn css(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "letter",
        }
    }
}

/// Above this many notes the print edition is left out unless `print: true` asks for it:
/// one page holding thousands of notes helps no reader and costs a second render of each.
pub const PRINT_AUTO_MAX_NOTES: usize = 500;

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Briefing".into(),
            base_url: None,
            language: "en".into(),
            author: None,
            description: None,
            cname: None,
            print: None,
            paper: Paper::A4,
            checks: Vec::new(),
        }
    }
}

impl Config {
    /// Reads `root/dossier.yaml` if it exists; defaults otherwise.
    pub fn load(root: &Path) -> Result<Config, Diagnostic> {
        let path = root.join(FILE);
        match std::fs::symlink_metadata(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            _ => Config::parse(&crate::content::read_text(&path, FILE)?),
        }
    }

    /// Parses the text of `dossier.yaml`.
    pub fn parse(text: &str) -> Result<Config, Diagnostic> {
        let text = &crate::content::lone_returns_as_breaks(text.to_string());
        let spec: ConfigSpec = yaml::parse(text, FILE, 1)?;
        let defaults = Config::default();
        let config = Config {
            title: spec.title.unwrap_or(defaults.title),
            base_url: None,
            language: spec.language.unwrap_or(defaults.language),
            author: author::checked(text, spec.author)?,
            description: spec.description,
            cname: None,
            print: spec.print,
            paper: paper(text, spec.paper.as_deref())?,
            checks: checks(text, spec.checks.unwrap_or_default())?,
        };
        let config = match spec.cname {
            Some(name) => config.with_cname(&name).map_err(|message| {
                let pos = value_pos(text, "cname", name.trim());
                Diagnostic::error(Code::BadCname, FILE, pos, message)
                    .with_help("write the bare domain name, e.g. briefing.example.org")
            })?,
            None => config,
        };
        match spec.base_url {
            Some(url) => config.with_base_url(&url).map_err(|message| {
                let pos = value_pos(text, "base_url", &url);
                Diagnostic::error(Code::BadUrl, FILE, pos, message).with_help(BASE_URL_HELP)
            }),
            None => Ok(config),
        }
    }

    /// The same settings with `name` as the custom domain; `Err` says why it is not acceptable.
    pub fn with_cname(mut self, name: &str) -> Result<Config, String> {
        let name = name.trim();
        let valid = !name.is_empty()
            && name.contains('.')
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
        if !valid {
            return Err(format!("`{name}` is not a domain name"));
        }
        self.cname = Some(name.to_ascii_lowercase());
        Ok(self)
    }

    /// The author's name, when `author:` gives one.
    pub fn author_name(&self) -> Option<&str> {
        self.author.as_ref().map(|a| a.name.as_str())
    }

    /// Whether a briefing of `notes` notes gets the print edition.
    pub fn print_edition(&self, notes: usize) -> bool {
        self.print.unwrap_or(notes <= PRINT_AUTO_MAX_NOTES)
    }

    /// The path part of the base URL (`/repo/` for `https://user.github.io/repo/`); `/` without one.
    pub fn base_path(&self) -> String {
        let Some(url) = &self.base_url else {
            return "/".into();
        };
        let after_scheme = url.split_once("://").map_or(url.as_str(), |(_, rest)| rest);
        after_scheme
            .find('/')
            .map_or("/".into(), |i| after_scheme[i..].to_string())
    }

    /// The same settings with `url` as the base URL, ending in `/`; `Err` says why it is not
    /// acceptable (the rule: [`base_url`]).
    pub fn with_base_url(mut self, url: &str) -> Result<Config, String> {
        self.base_url = Some(base_url::normalise(url)?);
        Ok(self)
    }
}

/// The paper `paper:` names; A4 when it names none.
fn paper(text: &str, written: Option<&str>) -> Result<Paper, Diagnostic> {
    let Some(name) = written else {
        return Ok(Paper::A4);
    };
    Paper::parse(name).ok_or_else(|| {
        let pos = value_pos(text, "paper", name.trim());
        let message = format!("`{}` is not a paper size dossier prints on", name.trim());
        Diagnostic::error(Code::InvalidValue, FILE, pos, message)
            .with_help("write `paper: a4` (the default) or `paper: letter`")
    })
}

/// The rules `checks:` names, each checked to be a rule.
fn checks(
    text: &str,
    written: std::collections::BTreeMap<String, Level>,
) -> Result<Vec<(Code, Level)>, Diagnostic> {
    let rule = |(name, level): (String, Level)| {
        let pos = || {
            text.find(&format!("{name}:"))
                .map_or(Pos::new(1, 1), |i| Pos::of_offset(text, i))
        };
        let Some(code) = Code::named(&name) else {
            let names = Code::ALL.iter().filter(|c| c.is_rule()).map(|c| c.as_str());
            let help = crate::diagnostics::did_you_mean(&name, names, "the README lists the codes");
            let message = format!("`{name}` is not a diagnostic code");
            return Err(Diagnostic::error(Code::InvalidValue, FILE, pos(), message).with_help(help));
        };
        if !code.is_rule() {
            let message = format!(
                "`{name}` cannot be turned {}: the site cannot be built around it",
                level.as_str()
            );
            let help = "fix the problem instead; `checks:` takes the analytic rules and unused ids";
            return Err(Diagnostic::error(Code::InvalidValue, FILE, pos(), message).with_help(help));
        }
        Ok((code, level))
    };
    written.into_iter().map(rule).collect()
}

/// Applies the project's `checks:` to `diagnostics`: a rule turned off is silenced (listed
/// with the reason), one turned to a warning or an error takes that severity.
pub fn apply_checks(checks: &[(Code, Level)], diagnostics: &mut [Diagnostic]) {
    for d in diagnostics.iter_mut() {
        let Some(&(_, level)) = checks.iter().find(|(code, _)| *code == d.code) else {
            continue;
        };
        let severity = match level {
            Level::Off => {
                let reason = format!("turned off in {FILE} (`checks: {{{}: off}}`)", d.code);
                *d = d.clone().silenced(&reason);
                continue;
            }
            Level::Warning => crate::diagnostics::Severity::Warning,
            Level::Error => crate::diagnostics::Severity::Error,
        };
        if d.severity != crate::diagnostics::Severity::Silenced {
            d.severity = severity;
        }
    }
}

/// The advice given with a refused base URL, in `dossier.yaml` or `--base-url`.
pub const BASE_URL_HELP: &str = base_url::HELP;

/// Where the value of the top-level `key` starts in `text` (its first character, inside quotes
/// when quoted), found as an editor would: the line that starts with the key, then `value`
/// after it, else the first thing after its colon. Line 1, column 1 when the key is not
/// written that way (a flow mapping).
fn value_pos(text: &str, key: &str, value: &str) -> Pos {
    let Some(colon) = key_colon(text, key) else {
        return Pos::new(1, 1);
    };
    let after = &text[colon..];
    let next_key = after
        .match_indices('\n')
        .map(|(i, _)| i + 1)
        .find(|&i| after[i..].starts_with(|c: char| !c.is_whitespace() && c != '#'))
        .unwrap_or(after.len());
    let found = (!value.is_empty())
        .then(|| after[..next_key].find(value))
        .flatten()
        .or_else(|| after[..next_key].find(|c: char| !c.is_whitespace()));
    Pos::of_offset(text, colon + found.unwrap_or(0))
}

/// The offset just after the colon of the line `key:` (the key possibly quoted) at column 1.
fn key_colon(text: &str, key: &str) -> Option<usize> {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let unquoted = line
            .strip_prefix(['"', '\''])
            .and_then(|l| l.strip_prefix(key))
            .and_then(|l| l.strip_prefix(['"', '\'']))
            .or_else(|| line.strip_prefix(key));
        if let Some(rest) = unquoted {
            let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            if rest[spaces..].starts_with(':') {
                return Some(start + line.len() - rest.len() + spaces + 1);
            }
        }
        start += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_apply_to_missing_keys() {
        let config = Config::parse("title: Rare earths\n").unwrap();
        assert_eq!(config.title, "Rare earths");
        assert_eq!(config.language, "en");
        assert_eq!(config.base_url, None);
    }

    #[test]
    fn base_url_gets_a_trailing_slash() {
        let config = Config::parse("base_url: https://a.github.io/repo\n").unwrap();
        assert_eq!(
            config.base_url.as_deref(),
            Some("https://a.github.io/repo/")
        );
    }

    #[test]
    fn base_path_and_cname() {
        let config =
            Config::parse("base_url: https://a.github.io/repo\ncname: Briefing.Example.org\n")
                .unwrap();
        assert_eq!(config.base_path(), "/repo/");
        assert_eq!(config.cname.as_deref(), Some("briefing.example.org"));
        assert_eq!(Config::default().base_path(), "/");
        let bad = Config::parse("cname: https://x.org/\n")
            .unwrap_err()
            .to_string();
        assert!(
            bad.starts_with("dossier.yaml:1:8: error[bad-cname]"),
            "{bad}"
        );
    }

    #[test]
    fn rejects_unknown_keys_and_bad_urls() {
        let unknown = Config::parse("titel: x\n").unwrap_err().to_string();
        assert!(
            unknown.starts_with("dossier.yaml:1:1: error[unknown-key]: unknown key `titel`"),
            "{unknown}"
        );
        let bad = Config::parse("title: x\nbase_url: javascript:alert(1)\n")
            .unwrap_err()
            .to_string();
        assert!(
            bad.starts_with("dossier.yaml:2:11: error[bad-url]"),
            "{bad}"
        );
    }

    #[test]
    fn a_refused_value_is_placed_at_its_first_character() {
        let at = |yaml: &str| {
            let d = Config::parse(yaml).unwrap_err();
            (d.code.as_str(), d.line, d.col)
        };
        assert_eq!(
            at("title: x\nbase_url:   \"https://x.org/a b\"\n"),
            ("bad-url", 2, 14)
        );
        assert_eq!(
            at("# settings\nbase_url: 'http://'\nlanguage: en\n"),
            ("bad-url", 2, 12)
        );
        assert_eq!(at("base_url:\n  https://x.org/?q\n"), ("bad-url", 2, 3));
        assert_eq!(at("base_url: >-\n  ftp://x\n"), ("bad-url", 2, 3));
        assert_eq!(at("\"base_url\" : ftp://x\n"), ("bad-url", 1, 14));
        assert_eq!(at("{base_url: ftp://x}\n"), ("bad-url", 1, 1));
        assert_eq!(at("title: é\ncname: \"a b\"\n"), ("bad-cname", 2, 9));
    }

    #[test]
    fn the_paper_is_a4_unless_letter_is_asked_for() {
        assert_eq!(Config::parse("title: x\n").unwrap().paper, Paper::A4);
        assert_eq!(
            Config::parse("paper: Letter\n").unwrap().paper,
            Paper::Letter
        );
        assert_eq!(Config::parse("paper: a4\n").unwrap().paper.css(), "A4");
        let bad = Config::parse("title: x\npaper:  legal\n")
            .unwrap_err()
            .to_string();
        assert_eq!(
            bad,
            "dossier.yaml:2:9: error[invalid-value]: `legal` is not a paper size dossier prints on\n  help: write `paper: a4` (the default) or `paper: letter`"
        );
    }

    #[test]
    fn a_base_url_is_checked_by_its_rule() {
        let with = |url: &str| Config::default().with_base_url(url);
        assert_eq!(
            with("https://x.org/a&b").unwrap().base_url.as_deref(),
            Some("https://x.org/a&b/")
        );
        let error = with("https://x.org/\"><script>").unwrap_err();
        assert!(error.contains("cannot hold a quote"), "{error}");
    }
}
