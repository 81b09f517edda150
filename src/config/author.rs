//! `author:` in `dossier.yaml`: who wrote the briefing, as a name (`author: Jane Doe`, a
//! person) or in full (`author: {name: Acme Research, type: organization, url: https://…}`).
//! Feeds name the author, page heads carry it, and JSON-LD gives it as the author of each note
//! and the reviewer of each assessed claim, as a schema.org `Person` or `Organization`.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor};

use super::{FILE, key_colon};
use crate::codes::Code;
use crate::diagnostics::{Diagnostic, Pos};

/// Who wrote the briefing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    /// The name, as readers see it.
    pub name: String,
    /// A person or an organization.
    pub kind: AuthorKind,
    /// The author's own page, absolute (`http://` or `https://`).
    pub url: Option<String>,
}

/// What kind of author: schema.org's `Person` or `Organization`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuthorKind {
    /// One person (the reading of a bare name).
    Person,
    /// A firm, an institute, a team.
    Organization,
}

impl AuthorKind {
    /// The schema.org type: `Person` or `Organization`.
    pub fn schema_type(self) -> &'static str {
        match self {
            AuthorKind::Person => "Person",
            AuthorKind::Organization => "Organization",
        }
    }

    /// The word written in `dossier.yaml`: `person` or `organization`.
    pub fn as_str(self) -> &'static str {
        match self {
            AuthorKind::Person => "person",
            AuthorKind::Organization => "organization",
        }
    }
}

/// The long form, as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Full {
    name: String,
    #[serde(rename = "type")]
    kind: Option<AuthorKind>,
    url: Option<String>,
}

impl<'de> Deserialize<'de> for Author {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AuthorVisitor)
    }
}

/// Reads a name or the long form.
struct AuthorVisitor;

impl<'de> Visitor<'de> for AuthorVisitor {
    type Value = Author;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a name, or `name:`, `type:` (person or organization) and `url:` lines")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Author, E> {
        Ok(Author {
            name: name.to_string(),
            kind: AuthorKind::Person,
            url: None,
        })
    }

    fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<Author, M::Error> {
        let full = Full::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(Author {
            name: full.name,
            kind: full.kind.unwrap_or(AuthorKind::Person),
            url: full.url,
        })
    }
}

/// The author as written, its name and address checked: a name with no letters or an address
/// that is not http(s) is reported at its place in `text` (the text of `dossier.yaml`).
pub(super) fn checked(text: &str, author: Option<Author>) -> Result<Option<Author>, Diagnostic> {
    let Some(mut author) = author else {
        return Ok(None);
    };
    author.name = author.name.trim().to_string();
    if author.name.is_empty() {
        let message = "the author's name is empty";
        let help = "write the name, e.g. `author: Jane Doe`, or leave `author:` out";
        return Err(
            Diagnostic::error(Code::InvalidValue, FILE, place(text, ""), message).with_help(help),
        );
    }
    if let Some((url, problem)) = author
        .url
        .as_deref()
        .and_then(|url| url_problem(url).map(|p| (url, p)))
    {
        let message = format!("the author's url `{url}` {problem}");
        let help = "write the address of the author's page, e.g. https://example.org/about";
        return Err(
            Diagnostic::error(Code::BadUrl, FILE, place(text, url), message).with_help(help),
        );
    }
    Ok(Some(author))
}

/// What is wrong with the author's `url`, if anything: it must be an absolute http(s)
/// address with a host and nothing that would break out of an attribute or a JSON string.
fn url_problem(url: &str) -> Option<&'static str> {
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or(lower.strip_prefix("http://"))
    else {
        return Some("must start with http:// or https://");
    };
    if rest.is_empty() || rest.starts_with('/') {
        return Some("has no host name");
    }
    let breaks = |c: char| c.is_whitespace() || c.is_control() || "\"'<>\\`{}|^".contains(c);
    url.chars()
        .any(breaks)
        .then_some("cannot hold spaces, quotes, `<`, `>` or backslashes")
}

/// Where `value` is written under `author:` in `text`; the key itself when it is not found.
fn place(text: &str, value: &str) -> Pos {
    let Some(colon) = key_colon(text, "author") else {
        return Pos::new(1, 1);
    };
    let found = (!value.is_empty())
        .then(|| text[colon..].find(value))
        .flatten()
        .unwrap_or(0);
    Pos::of_offset(text, colon + found)
}

#[cfg(test)]
mod tests {
    use crate::config::{AuthorKind, Config};

    #[test]
    fn a_bare_name_is_a_person_and_the_long_form_says_what_it_is() {
        let author = Config::parse("author: Jane Doe\n").unwrap().author.unwrap();
        assert_eq!(
            (author.name.as_str(), author.kind),
            ("Jane Doe", AuthorKind::Person)
        );
        let yaml =
            "author:\n  name: Acme Research\n  type: organization\n  url: https://acme.example/\n";
        let author = Config::parse(yaml).unwrap().author.unwrap();
        assert_eq!(author.kind, AuthorKind::Organization);
        assert_eq!(author.url.as_deref(), Some("https://acme.example/"));
        assert_eq!(Config::parse("title: x\n").unwrap().author, None);
    }

    #[test]
    fn a_wrong_author_is_placed_and_explained() {
        let at = |yaml: &str| {
            let d = Config::parse(yaml).unwrap_err();
            (d.code.as_str(), d.line, d.col, d.message)
        };
        let (code, line, col, message) = at("title: x\nauthor: [a, b]\n");
        assert_eq!((code, line, col), ("invalid-value", 2, 9), "{message}");
        assert!(message.contains("expected a name, or `name:`"), "{message}");
        let (code, line, col, message) = at("author:\n  name: Acme\n  type: company\n");
        assert_eq!((code, line, col), ("invalid-value", 3, 9), "{message}");
        assert!(
            message.contains("`company` is not an accepted value"),
            "{message}"
        );
        let (code, line, col, _) = at("author: {name: A, url: \"javascript:x\"}\n");
        assert_eq!((code, line, col), ("bad-url", 1, 25));
        let (code, line, _, _) = at("author:\n  name: A\n  url: https://a.example/x y\n");
        assert_eq!((code, line), ("bad-url", 3));
        let (code, line, _, message) = at("author:\n  nmae: A\n");
        assert_eq!((code, line), ("unknown-key", 2), "{message}");
        assert_eq!(at("author: \"  \"\n").0, "invalid-value");
    }
}
