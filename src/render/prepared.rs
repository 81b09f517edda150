//! What many pages show the same way, made once per build and only when a page first needs
//! it: each note's and source's page path and date in words, each claim's page path, figure
//! and source grades, and the site-wide view as a template value for each depth of page. A
//! note is listed on the front page, its tag pages and every page that links to it; a claim's
//! card is on its note's page and every source page it cites.

use std::sync::OnceLock;

use super::templates::Slot;
use super::views::figure;
use crate::date::Date;
use crate::model::{Briefing, ClaimSource};
use crate::urls;

/// The strings of one build's notes, claims and sources, each made on first use (from any
/// rendering thread).
pub struct Prepared<'b> {
    /// The briefing they are made from.
    briefing: &'b Briefing,
    /// By note index (each behind a box: an edit makes few, but every build makes room for
    /// every note, claim and source of a large briefing, boxed a fifth of the room).
    notes: Vec<OnceLock<Box<Dated>>>,
    /// By claim index.
    claims: Vec<OnceLock<Box<ClaimStrings>>>,
    /// By source index.
    sources: Vec<OnceLock<Box<Dated>>>,
    /// The briefing as the pages see it, by how many folders down they are (the front
    /// page, the lists, notes and the like, the register's later pages).
    site: [Slot; 4],
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
    /// Its period with the ISO dates in it written in words (`as of 23 October 2025`), when
    /// it holds any.
    pub period: Option<String>,
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
            site: Default::default(),
        }
    }

    /// Where the site-wide view is kept for pages whose way back to the site root is `root`;
    /// `None` for the page for missing URLs, whose links start from the site's own path.
    pub fn site(&self, root: &str) -> Option<&Slot> {
        let depth = ["", "../", "../../", "../../../"]
            .iter()
            .position(|r| *r == root);
        depth.map(|d| &self.site[d])
    }

    /// The briefing.
    pub fn briefing(&self) -> &'b Briefing {
        self.briefing
    }

    /// Note `i`'s strings.
    pub fn note(&self, i: usize) -> &Dated {
        self.briefing.notes.touch(i);
        self.notes[i].get_or_init(|| {
            let note = &self.briefing.notes[i];
            dated(urls::note(&note.slug), &note.date)
        })
    }

    /// Source `i`'s strings.
    pub fn source(&self, i: usize) -> &Dated {
        self.briefing.sources.touch(i);
        self.sources[i].get_or_init(|| {
            let source = &self.briefing.sources[i];
            dated(urls::source(&source.id), &source.date)
        })
    }

    /// Claim `i`'s strings.
    pub fn claim(&self, i: usize) -> &ClaimStrings {
        // Made once, read by every page showing the claim: each read is noted here.
        let claim = &self.briefing.claims[i];
        claim
            .sources
            .iter()
            .for_each(|l| self.briefing.sources.touch(l.source));
        self.claims[i].get_or_init(|| {
            let claim = &self.briefing.claims[i];
            Box::new(ClaimStrings {
                path: urls::claim(&claim.id),
                figure: claim.value.map(|v| figure(v, claim.unit.as_deref())),
                period: claim.period.as_deref().and_then(Date::in_words),
                grades: claim.sources.iter().map(|l| self.grade(l)).collect(),
            })
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

fn dated(path: String, date: &Date) -> Box<Dated> {
    Box::new(Dated {
        path,
        iso: date.to_string(),
        human: date.human(),
    })
}
