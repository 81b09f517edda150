//! The project's settings: `dossier.yaml` (optional) with defaults, and the command-line
//! overrides on top.

use std::path::Path;

use serde::Deserialize;

use crate::content::yaml;
use crate::diagnostics::{Diagnostic, Pos};
use crate::markdown::scheme_of;

/// The name of the settings file at the project root.
pub const FILE: &str = "dossier.yaml";

/// `dossier.yaml` as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigSpec {
    title: Option<String>,
    base_url: Option<String>,
    language: Option<String>,
    author: Option<String>,
    description: Option<String>,
    cname: Option<String>,
    print: Option<bool>,
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
    /// Who wrote the briefing.
    pub author: Option<String>,
    /// One sentence describing the briefing, for search engines and feeds.
    pub description: Option<String>,
    /// A custom domain for GitHub Pages, written to `CNAME` (e.g. `briefing.example.org`).
    pub cname: Option<String>,
    /// Write the one-page print edition: `Some` as `dossier.yaml` says, `None` for automatic
    /// (on for briefings of up to [`PRINT_AUTO_MAX_NOTES`] notes).
    pub print: Option<bool>,
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
        }
    }
}

impl Config {
    /// Reads `root/dossier.yaml` if it exists; defaults otherwise.
    pub fn load(root: &Path) -> Result<Config, Diagnostic> {
        match std::fs::read_to_string(root.join(FILE)) {
            Ok(text) => Config::parse(&text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(Diagnostic::error(
                "io",
                FILE,
                Pos::default(),
                format!("cannot read {FILE}: {e}"),
            )),
        }
    }

    /// Parses the text of `dossier.yaml`.
    pub fn parse(text: &str) -> Result<Config, Diagnostic> {
        let spec: ConfigSpec = yaml::parse(text, FILE, 1)?;
        let defaults = Config::default();
        let config = Config {
            title: spec.title.unwrap_or(defaults.title),
            base_url: None,
            language: spec.language.unwrap_or(defaults.language),
            author: spec.author,
            description: spec.description,
            cname: None,
            print: spec.print,
        };
        let config = match spec.cname {
            Some(name) => config.with_cname(&name).map_err(|message| {
                let line = line_of(text, "cname");
                Diagnostic::error("bad-cname", FILE, Pos::new(line, 1), message)
                    .with_help("write the bare domain name, e.g. briefing.example.org")
            })?,
            None => config,
        };
        match spec.base_url {
            Some(url) => config.with_base_url(&url).map_err(|message| {
                let line = line_of(text, "base_url");
                Diagnostic::error("bad-url", FILE, Pos::new(line, 1), message).with_help(
                    "write the address the site is published at, e.g. https://user.github.io/repo/",
                )
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

    /// The same settings with `url` as the base URL; `Err` says why it is not acceptable.
    pub fn with_base_url(mut self, url: &str) -> Result<Config, String> {
        let scheme = scheme_of(url).map(str::to_ascii_lowercase);
        if !matches!(scheme.as_deref(), Some("http" | "https")) || url.contains(char::is_whitespace)
        {
            return Err(format!(
                "the base URL `{url}` must start with http:// or https://"
            ));
        }
        let mut url = url.to_string();
        if !url.ends_with('/') {
            url.push('/');
        }
        self.base_url = Some(url);
        Ok(self)
    }
}

/// The 1-based line of the first line of `text` starting with `key`, else 1.
fn line_of(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| l.starts_with(key))
        .map_or(1, |i| i + 1)
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
            bad.starts_with("dossier.yaml:1:1: error[bad-cname]"),
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
        assert!(bad.starts_with("dossier.yaml:2:1: error[bad-url]"), "{bad}");
    }
}
