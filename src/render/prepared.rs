//! What many pages show the same way, made once per build and only when a page first needs
//! it: each note's and source's page path and date in words, each claim's page path, figure
//! and source grades; and, as template values for each depth of page, each note as a list
//! item, each claim as a card and the briefing's site-wide view. A note is listed on the front
//! page, its tag pages and every page that links to it; a claim's card is on its note's page,
//! its own page, the register and every source page it cites.

use std::sync::OnceLock;

use super::templates::Shared;
use super::views::figure;
use crate::date::Date;
use crate::model::{Briefing, ClaimSource};
use crate::urls;

/// The strings of one build's notes, claims and sources, each made on first use (from any
/// rendering thread).
pub struct Prepared<'b> {
    /// The briefing they are made from.
    briefing: &'b Briefing,
    /// By note index.
    notes: Vec<OnceLock<Dated>>,
    /// By claim index.
    claims: Vec<OnceLock<ClaimStrings>>,
    /// By source index.
    sources: Vec<OnceLock<Dated>>,
    /// Each note as a list item on the pages of notes, claims, sources and tags, which list a
    /// note many times over (elsewhere it is listed once: made for the page, not kept); by
    /// note index.
    items: Vec<OnceLock<Shared>>,
    /// Each claim as a card on those pages, likewise; by claim index.
    cards: Vec<OnceLock<Shared>>,
    /// The briefing as every page sees it, by page depth ([`depth`]).
    site: [OnceLock<Shared>; DEPTHS],
}

/// The way back to the site root from the pages of notes, claims, sources and tags.
const DETAIL: &str = "../../";

/// The depths of pages below the site root: the front page, the lists one folder down, the
/// pages of notes, claims, sources and tags two down, the register's later pages three down.
const DEPTHS: usize = 4;

/// The depth of the pages whose way back to the site root is `root`; `None` for the page for
/// missing URLs, whose links start from the site's own path.
fn depth(root: &str) -> Option<usize> {
    ["", "../", "../../", "../../../"]
        .iter()
        .position(|r| *r == root)
}

/// A page's path from the site root, and the date shown for it.
pub struct Dated {
    /// E.g. `notes/trade-talks/index.html`.
    pub path: String,
    /// The date, ISO 8601 at its own precision.
    pub iso: String,
    /// The date for readers, e.g. `7 November 2025`.
    pub human: String,
}

/// A claim's strings.
pub struct ClaimStrings {
    /// Its page's path from the site root.
    pub path: String,
    /// Its figure with thousands separators and unit, when it has a value.
    pub figure: Option<String>,
    /// The Admiralty grade of each of its sources, in the claim's order.
    pub grades: Vec<Grade>,
}

/// The grading of one source for one claim.
pub struct Grade {
    /// E.g. `B2`, or just `B` without a credibility.
    pub grade: String,
    /// The grade in words, e.g. `Usually reliable; probably true`.
    pub label: String,
}

impl<'b> Prepared<'b> {
    /// Nothing made yet, room for everything in `briefing`.
    pub fn new(briefing: &'b Briefing) -> Self {
        Prepared {
            briefing,
            notes: empty(briefing.notes.len()),
            claims: empty(briefing.claims.len()),
            sources: empty(briefing.sources.len()),
            items: empty(briefing.notes.len()),
            cards: empty(briefing.claims.len()),
            site: Default::default(),
        }
    }

    /// The briefing.
    pub fn briefing(&self) -> &'b Briefing {
        self.briefing
    }

    /// Note `i`'s strings.
    pub fn note(&self, i: usize) -> &Dated {
        self.notes[i].get_or_init(|| {
            let note = &self.briefing.notes[i];
            dated(urls::note(&note.slug), &note.date)
        })
    }

    /// Note `i` as a list item on a page whose way back to the site root is `root`: made by
    /// `make` when the first page of a note, claim, source or tag lists it, and on every
    /// other page.
    pub fn note_item(&self, i: usize, root: &str, make: impl FnOnce() -> Shared) -> Shared {
        match root {
            DETAIL => self.items[i].get_or_init(make).clone(),
            _ => make(),
        }
    }

    /// Claim `i` as a card on a page whose way back to the site root is `root`, likewise.
    pub fn claim_card(&self, i: usize, root: &str, make: impl FnOnce() -> Shared) -> Shared {
        match root {
            DETAIL => self.cards[i].get_or_init(make).clone(),
            _ => make(),
        }
    }

    /// The briefing as a page whose way back to the site root is `root` sees it: made by
    /// `make` for the first page at that depth.
    pub fn site(&self, root: &str, make: impl FnOnce() -> Shared) -> Shared {
        match depth(root) {
            Some(d) => self.site[d].get_or_init(make).clone(),
            None => make(),
        }
    }

    /// Source `i`'s strings.
    pub fn source(&self, i: usize) -> &Dated {
        self.sources[i].get_or_init(|| {
            let source = &self.briefing.sources[i];
            dated(urls::source(&source.id), &source.date)
        })
    }

    /// Claim `i`'s strings.
    pub fn claim(&self, i: usize) -> &ClaimStrings {
        self.claims[i].get_or_init(|| {
            let claim = &self.briefing.claims[i];
            ClaimStrings {
                path: urls::claim(&claim.id),
                figure: claim.value.map(|v| figure(v, claim.unit.as_deref())),
                grades: claim.sources.iter().map(|l| self.grade(l)).collect(),
            }
        })
    }

    fn grade(&self, link: &ClaimSource) -> Grade {
        let reliability = self.briefing.sources[link.source].reliability;
        let letter = reliability.as_str();
        match link.credibility {
            Some(c) => Grade {
                grade: format!("{letter}{}", c.value()),
                label: format!("{}; {}", reliability.label(), c.label().to_lowercase()),
            },
            None => Grade {
                grade: letter.to_string(),
                label: reliability.label().to_string(),
            },
        }
    }
}

/// `n` cells, none made yet.
fn empty<T>(n: usize) -> Vec<OnceLock<T>> {
    (0..n).map(|_| OnceLock::new()).collect()
}

fn dated(path: String, date: &Date) -> Dated {
    Dated {
        path,
        iso: date.to_string(),
        human: date.human(),
    }
}
