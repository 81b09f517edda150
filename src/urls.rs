//! The site's URL scheme: where each page lives, and relative links between pages.
//!
//! Every page is a directory with an `index.html`, and every internal link is relative and
//! names `index.html` explicitly, so the site works from `file://`, from any sub-path and
//! from any host. The model uses this when rendering links in Markdown; the renderer uses it
//! for page paths and template links.

/// A page's path from the site root, e.g. `notes/trade-talks/index.html`.
pub type SitePath = String;

/// The front page.
pub const INDEX: &str = "index.html";
/// The claim register.
pub const CLAIMS: &str = "claims/index.html";
/// The bibliography.
pub const SOURCES: &str = "sources/index.html";
/// The list of tags.
pub const TAGS: &str = "tags/index.html";
/// The print edition.
pub const PRINT: &str = "print/index.html";
/// The search page.
pub const SEARCH: &str = "search/index.html";
/// The page served for missing URLs.
pub const NOT_FOUND: &str = "404.html";

/// What changed since the last edition.
pub const CHANGES: &str = "changes/index.html";

/// An earlier edition, as it was published (its frozen print edition).
pub fn edition(number: u32) -> SitePath {
    format!("editions/{number}/index.html")
}

/// A note's page.
pub fn note(slug: &str) -> SitePath {
    format!("notes/{slug}/index.html")
}

/// A claim's page.
pub fn claim(id: &str) -> SitePath {
    format!("claims/{id}/index.html")
}

/// A source's page.
pub fn source(id: &str) -> SitePath {
    format!("sources/{id}/index.html")
}

/// A tag's page.
pub fn tag(slug: &str) -> SitePath {
    format!("tags/{slug}/index.html")
}

/// The prefix that leads from the page at `from` back to the site root: `""`, `"../"`, ….
pub fn root_of(from: &str) -> String {
    "../".repeat(from.matches('/').count())
}

/// The link from the page at `from` to the site path `to`.
pub fn relative(from: &str, to: &str) -> String {
    format!("{}{to}", root_of(from))
}

/// The directory form of a page's path (`notes/x/`), for absolute URLs in feeds and sitemaps.
pub fn pretty(path: &str) -> &str {
    path.strip_suffix("index.html").unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_relative_to_the_page() {
        assert_eq!(relative(INDEX, &note("a")), "notes/a/index.html");
        assert_eq!(relative(CLAIMS, &claim("c")), "../claims/c/index.html");
        assert_eq!(
            relative(&note("a"), &source("s")),
            "../../sources/s/index.html"
        );
        assert_eq!(root_of(&tag("t")), "../../");
    }

    #[test]
    fn pretty_paths_drop_index_html() {
        assert_eq!(pretty(&note("a")), "notes/a/");
        assert_eq!(pretty(INDEX), "");
        assert_eq!(pretty("404.html"), "404.html");
    }
}
