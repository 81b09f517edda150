//! The claim register: every claim, grouped by the note that declares it, paginated so a
//! briefing of tens of thousands of claims gets pages a browser can open. A note's group is
//! never split across pages. The tallies count the whole register.

use std::ops::Range;

use serde::Serialize;

use super::views::{ClaimCard, LinkView, Views};
use crate::model::{Briefing, Read, list};
use crate::urls;
use crate::vocab::{Confidence, Status};

/// A register page holds at least this many claims before the next note's group starts a new page.
pub const CLAIMS_PER_PAGE: usize = 500;

/// The notes (index ranges, reading order) whose claims each register page shows.
pub fn pages(b: &Briefing) -> Vec<Range<usize>> {
    paging(b.notes.iter().map(|n| n.claims.len()))
}

/// The register's pages for notes declaring `counts` claims each, in reading order.
fn paging(counts: impl ExactSizeIterator<Item = usize>) -> Vec<Range<usize>> {
    let notes = counts.len();
    let mut pages = Vec::new();
    let (mut start, mut count) = (0, 0);
    for (i, claims) in counts.enumerate() {
        count += claims;
        if count >= CLAIMS_PER_PAGE {
            pages.push(start..i + 1);
            (start, count) = (i + 1, 0);
        }
    }
    if start < notes || pages.is_empty() {
        pages.push(start..notes);
    }
    pages
}

/// The site path of register page `k` (from 0).
pub fn path(k: usize) -> String {
    if k == 0 {
        urls::CLAIMS.to_string()
    } else {
        format!("claims/page/{}/index.html", k + 1)
    }
}

/// What `claims.html` gets.
#[derive(Serialize)]
pub struct RegisterData<'b> {
    /// This page's claims, grouped by note.
    pub groups: Vec<ClaimGroup<'b>>,
    /// Counts over the whole register, on its first page (the others change only with the
    /// claims they show).
    pub tally: Option<Tally>,
    /// Links between the register's pages.
    pub pagination: Pagination,
}

/// A group of claims under the note that declares them.
#[derive(Serialize)]
pub struct ClaimGroup<'b> {
    /// The note.
    pub note: LinkView<'b>,
    /// Its claims.
    pub claims: Vec<ClaimCard<'b>>,
}

/// How many claims have each status and confidence.
#[derive(Serialize, Default)]
pub struct Tally {
    /// All claims.
    pub claims: usize,
    /// Confirmed.
    pub confirmed: usize,
    /// Partly confirmed.
    pub partly_confirmed: usize,
    /// Unconfirmed.
    pub unconfirmed: usize,
    /// Disputed.
    pub disputed: usize,
    /// Contradicted.
    pub contradicted: usize,
    /// High confidence.
    pub high: usize,
    /// Moderate confidence.
    pub moderate: usize,
    /// Low confidence.
    pub low: usize,
}

/// Where a page sits among the register's pages.
#[derive(Serialize)]
pub struct Pagination {
    /// This page's number, from 1.
    pub current: usize,
    /// How many pages.
    pub total: usize,
    /// The previous page.
    pub previous: Option<String>,
    /// The next page.
    pub next: Option<String>,
    /// Every page, for a page list.
    pub pages: Vec<PageLink>,
}

/// A link to one register page.
#[derive(Serialize)]
pub struct PageLink {
    /// Its number, from 1.
    pub number: usize,
    /// Its relative URL.
    pub url: String,
    /// True for the page being rendered.
    pub current: bool,
}

/// The data of register page `k`.
pub fn data<'b>(v: &Views<'b>, k: usize) -> RegisterData<'b> {
    let b = v.briefing;
    // Which notes each page holds is one read (`pages` reads every note's claims).
    let (pages, _) = list::record(|| pages(b));
    list::note(Read::Register(k));
    let notes = pages.get(k).cloned().unwrap_or(0..0);
    let groups = notes
        .filter(|&n| !b.notes[n].claims.is_empty())
        .map(|n| ClaimGroup {
            note: v.note_link(n),
            claims: b.notes[n].claims.iter().map(|&c| v.claim_card(c)).collect(),
        })
        .collect();
    let link = |i: usize| v.url(&path(i));
    let pagination = Pagination {
        current: k + 1,
        total: pages.len(),
        previous: k.checked_sub(1).map(link),
        next: (k + 1 < pages.len()).then(|| link(k + 1)),
        pages: (0..pages.len())
            .map(|i| PageLink {
                number: i + 1,
                url: link(i),
                current: i == k,
            })
            .collect(),
    };
    RegisterData {
        groups,
        tally: (k == 0).then(|| tally(b)),
        pagination,
    }
}

fn tally(b: &Briefing) -> Tally {
    let mut t = Tally {
        claims: b.claims.len(),
        ..Tally::default()
    };
    for claim in b.claims.iter() {
        match claim.status {
            Some(Status::Confirmed) => t.confirmed += 1,
            Some(Status::PartlyConfirmed) => t.partly_confirmed += 1,
            Some(Status::Unconfirmed) => t.unconfirmed += 1,
            Some(Status::Disputed) => t.disputed += 1,
            Some(Status::Contradicted) => t.contradicted += 1,
            None => {}
        }
        match claim.confidence {
            Confidence::High => t.high += 1,
            Confidence::Moderate => t.moderate += 1,
            Confidence::Low => t.low += 1,
        }
    }
    t
}
