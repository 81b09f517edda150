//! What every page's template gets besides its own data: the briefing as a whole (`site`)
//! and the page itself (`page`), with links relative to the page.

use serde::Serialize;

use super::exports;
use super::pages::Page;
use super::templates::Shared;
use super::views::{DateView, Views, date};
use crate::model::{Read, list};
use crate::urls;

/// The whole context of one page.
#[derive(Serialize)]
pub struct Context<'b, T: Serialize> {
    /// The briefing as a whole.
    pub site: Shared<'b, SiteView<'b>>,
    /// This page.
    pub page: PageView,
    /// The page's own data, as top-level variables.
    #[serde(flatten)]
    pub data: T,
}

/// The briefing as every page sees it.
#[derive(Serialize)]
pub struct SiteView<'b> {
    /// The briefing's title.
    pub title: &'b str,
    /// Content language.
    pub language: &'b str,
    /// One-sentence description.
    pub description: Option<&'b str>,
    /// The author's name (`author:` in `dossier.yaml`).
    pub author: Option<&'b str>,
    /// The address of the author's page, when `dossier.yaml` gives one.
    pub author_url: Option<&'b str>,
    /// What the author is: `person` or `organization`.
    pub author_type: Option<&'static str>,
    /// The edition.
    pub edition: Option<&'b str>,
    /// The briefing's date.
    pub date: Option<DateView<'b>>,
    /// Relative URLs of the main pages.
    pub nav: Nav,
    /// The prefix back to the site root, for assets.
    pub root: String,
}

/// Relative URLs of the main pages and files.
#[derive(Serialize)]
pub struct Nav {
    /// The front page.
    pub home: String,
    /// The claim register.
    pub claims: String,
    /// The bibliography.
    pub sources: String,
    /// The tag list.
    pub tags: String,
    /// The search page.
    pub search: String,
    /// The print edition, when there is one.
    pub print: Option<String>,
    /// The Atom feed, when one is written (it needs a base URL).
    pub feed: Option<String>,
    /// What changed since the last edition, when an edition has been frozen.
    pub changes: Option<String>,
}

/// The page being rendered.
#[derive(Serialize)]
pub struct PageView {
    /// Its title.
    pub title: String,
    /// Its path from the site root.
    pub path: String,
    /// Its absolute URL, when a base URL is set.
    pub permalink: Option<String>,
    /// The absolute URL of the image link previews show (`og-image.png` of the theme, or
    /// the project's own under that name), when a base URL is set.
    pub image: Option<String>,
    /// Which kind of page: `index`, `note`, `claims`, … (the template name without `.html`).
    pub kind: &'static str,
    /// A description for search engines and link previews.
    pub description: Option<String>,
    /// schema.org JSON-LD, escaped for a `<script>` element.
    pub json_ld: Option<String>,
}

/// The site-wide view for a page, the same on every page at its depth.
pub fn site<'b>(v: &Views<'b>) -> Shared<'b, SiteView<'b>> {
    Shared {
        view: site_view(v),
        slot: v.prepared.site(&v.root),
    }
}

fn site_view<'b>(v: &Views<'b>) -> SiteView<'b> {
    let b = v.briefing;
    SiteView {
        title: &b.front.title,
        language: &b.config.language,
        description: b.config.description.as_deref(),
        author: b.config.author_name(),
        author_url: b.config.author.as_ref().and_then(|a| a.url.as_deref()),
        author_type: b.config.author.as_ref().map(|a| a.kind.as_str()),
        edition: b.front.edition.as_deref(),
        date: b.front.date.as_ref().map(date),
        nav: Nav {
            home: v.url(urls::INDEX),
            claims: v.url(urls::CLAIMS),
            sources: v.url(urls::SOURCES),
            tags: v.url(urls::TAGS),
            search: v.url(urls::SEARCH),
            print: b.print.as_ref().map(|_| v.url(urls::PRINT)),
            feed: b.config.base_url.as_ref().map(|_| v.url("feed.xml")),
            changes: b.editions.as_ref().map(|_| v.url(urls::CHANGES)),
        },
        root: v.root.clone(),
    }
}

/// The view of `page` itself.
pub fn page(v: &Views<'_>, page: Page, path: &str) -> PageView {
    let b = v.briefing;
    let permalink = exports::permalink(b, path);
    let (description, json_ld) = match page {
        Page::Note(i) => (
            b.notes[i].summary.clone(),
            Some(exports::note_ld(v.prepared, i)),
        ),
        Page::Claim(i) => (
            Some(b.claims[i].text.clone()),
            Some(exports::claim_ld(v.prepared, i)),
        ),
        Page::Index => {
            // The front page's own fields: its summary here, its body in `pages::data`.
            list::note(Read::Front);
            (b.front.summary.clone(), None)
        }
        _ => (None, None),
    };
    PageView {
        title: page.title(b),
        path: path.to_string(),
        permalink,
        image: exports::permalink(b, "og-image.png"),
        kind: page.template().trim_end_matches(".html"),
        description: description.or_else(|| b.config.description.clone()),
        json_ld: json_ld.as_ref().map(exports::json_ld),
    }
}
