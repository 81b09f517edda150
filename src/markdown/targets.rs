//! What a link target or a citation in Markdown points at, before anything is resolved.

/// Where a Markdown link points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target<'a> {
    /// `claim:<id>`.
    Claim(&'a str),
    /// `source:<id>`.
    Source(&'a str),
    /// `note:<slug>` or a relative `<slug>.md`, with an optional `#fragment`.
    Note {
        /// The note's slug.
        slug: &'a str,
        /// The fragment after `#`, if any.
        fragment: Option<&'a str>,
    },
    /// `http(s):`, `mailto:`, a relative path or a `#fragment`: kept as written.
    Plain,
    /// Any other scheme (`javascript:`, `data:`, `file:` …): never written out.
    Unsafe(&'a str),
}

/// Classifies a link destination as written in Markdown.
pub fn classify(url: &str) -> Target<'_> {
    if let Some(id) = url.strip_prefix("claim:") {
        return Target::Claim(id);
    }
    if let Some(id) = url.strip_prefix("source:") {
        return Target::Source(id);
    }
    if let Some(rest) = url.strip_prefix("note:") {
        let (slug, fragment) = split_fragment(rest);
        return Target::Note { slug, fragment };
    }
    if let Some(scheme) = scheme_of(url) {
        let lower = scheme.to_ascii_lowercase();
        return match lower.as_str() {
            "http" | "https" | "mailto" => Target::Plain,
            _ => Target::Unsafe(scheme),
        };
    }
    let (path, fragment) = split_fragment(url);
    match path.strip_suffix(".md") {
        Some(stem) => Target::Note {
            slug: stem.rsplit('/').next().unwrap_or(stem),
            fragment,
        },
        None => Target::Plain,
    }
}

/// The scheme of an absolute URL (`javascript` in `javascript:x`), if it has one.
/// Control characters and spaces, which browsers strip, do not hide a scheme.
pub fn scheme_of(url: &str) -> Option<&str> {
    let trimmed = url.trim_start_matches(|c: char| c.is_ascii_control() || c == ' ');
    let colon = trimmed.find(':')?;
    let scheme = &trimmed[..colon];
    let looks_like_scheme = scheme
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.' | '\t' | '\n' | '\r'))
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic());
    let before_path = !trimmed[..colon].contains(['/', '?', '#']);
    (looks_like_scheme && before_path).then_some(scheme)
}

fn split_fragment(url: &str) -> (&str, Option<&str>) {
    match url.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (url, None),
    }
}

/// One item of a citation `[@id, locator]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cite<'a> {
    /// The cited source's id.
    pub id: &'a str,
    /// Where in the source, e.g. `p. 4`.
    pub locator: Option<&'a str>,
}

/// Parses the inside of `[@a; @b, p. 4]`; `Err` holds the first part that is not `@id…`.
pub fn parse_cites(text: &str) -> Result<Vec<Cite<'_>>, &str> {
    text.split(';')
        .map(str::trim)
        .map(|part| {
            let rest = part.strip_prefix('@').ok_or(part)?;
            let (id, locator) = match rest.split_once(',') {
                Some((id, locator)) => (id.trim(), Some(locator.trim())),
                None => (rest.trim(), None),
            };
            if id.is_empty() {
                return Err(part);
            }
            Ok(Cite {
                id,
                locator: locator.filter(|l| !l.is_empty()),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_internal_targets() {
        assert_eq!(classify("claim:a-b"), Target::Claim("a-b"));
        assert_eq!(classify("source:usgs"), Target::Source("usgs"));
        assert_eq!(
            classify("note:trade#talks"),
            Target::Note {
                slug: "trade",
                fragment: Some("talks")
            }
        );
        assert_eq!(
            classify("trade.md"),
            Target::Note {
                slug: "trade",
                fragment: None
            }
        );
        assert_eq!(
            classify("../notes/trade.md#x"),
            Target::Note {
                slug: "trade",
                fragment: Some("x")
            }
        );
    }

    #[test]
    fn keeps_plain_links_and_flags_unsafe_schemes() {
        assert_eq!(classify("https://usgs.gov"), Target::Plain);
        assert_eq!(classify("mailto:a@b.c"), Target::Plain);
        assert_eq!(classify("#section"), Target::Plain);
        assert_eq!(classify("img/x.png"), Target::Plain);
        assert_eq!(
            classify("javascript:alert(1)"),
            Target::Unsafe("javascript")
        );
        assert_eq!(
            classify(" JavaScript:alert(1)"),
            Target::Unsafe("JavaScript")
        );
        assert_eq!(classify("data:text/html,x"), Target::Unsafe("data"));
    }

    #[test]
    fn parses_citations_with_locators() {
        let cites = parse_cites("@a; @b, p. 4").unwrap();
        assert_eq!(
            cites,
            [
                Cite {
                    id: "a",
                    locator: None
                },
                Cite {
                    id: "b",
                    locator: Some("p. 4")
                }
            ]
        );
        assert_eq!(parse_cites("@a; b"), Err("b"));
        assert_eq!(parse_cites("@"), Err("@"));
    }
}
