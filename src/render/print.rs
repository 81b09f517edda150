//! The print edition's data: the whole briefing on one page in reading order, every link
//! pointing inside the page, citations as endnotes numbered across the briefing.

use serde::Serialize;

use super::views::{ClaimCard, DateView, KeyClaims, SourceView, Views};
use crate::model::PrintEdition;

/// What `print.html` gets.
#[derive(Serialize)]
pub struct PrintData<'b> {
    /// The front page's summary (bottom line up front).
    pub summary: Option<&'b str>,
    /// The front page's body, with links inside the page.
    pub front_html: &'b str,
    /// When the briefing was due for review, once that date has passed.
    pub overdue: Option<DateView<'static>>,
    /// The key claims: `key_claims`, `key_judgments`, `key_figures`.
    #[serde(flatten)]
    pub key: KeyClaims<'b>,
    /// The notes, in reading order.
    pub notes: Vec<PrintNote<'b>>,
    /// Every source, by id.
    pub sources: Vec<SourceView<'b>>,
    /// The endnotes.
    pub endnotes: Vec<EndnoteView<'b>>,
    /// The page's own stylesheet (paper size, running head), as a `data:` URL.
    pub page_style: String,
}

/// A note in the print edition.
#[derive(Serialize)]
pub struct PrintNote<'b> {
    /// Its slug: its element id is `note-<slug>`.
    pub slug: &'b str,
    /// The title.
    pub title: &'b str,
    /// The summary.
    pub summary: Option<&'b str>,
    /// When written.
    pub date: DateView<'b>,
    /// Its section's title, when the note opens a new section.
    pub opens_section: Option<&'b str>,
    /// The body, rendered for this page.
    pub body_html: &'b str,
    /// The claims it declares.
    pub claims: Vec<ClaimCard<'b>>,
}

/// One endnote.
#[derive(Serialize)]
pub struct EndnoteView<'b> {
    /// Its number.
    pub number: usize,
    /// The link back to the citation in the text.
    pub back: String,
    /// The sources cited there.
    pub cites: Vec<EndnoteCite<'b>>,
}

/// One source of an endnote.
#[derive(Serialize)]
pub struct EndnoteCite<'b> {
    /// The source, linked to its entry in the page's source list.
    pub source: SourceView<'b>,
    /// Where in the source.
    pub locator: Option<&'b str>,
}

/// The print edition's data; `v` must link inside the page.
pub fn data<'b>(v: &Views<'b>, edition: &'b PrintEdition) -> PrintData<'b> {
    let b = v.briefing;
    let notes = b.notes.iter().enumerate().map(|(i, note)| {
        let section = note.section;
        let opens = i == 0 || b.notes[i - 1].section != section;
        PrintNote {
            slug: &note.slug,
            title: &note.title,
            summary: note.summary.as_deref(),
            date: v.note_date(i),
            opens_section: if opens {
                b.sections[section].title.as_deref()
            } else {
                None
            },
            body_html: edition.bodies.get(i).map_or("", |b| &**b),
            claims: note.claims.iter().map(|&c| v.claim_card(c)).collect(),
        }
    });
    let endnotes = edition.endnotes.iter().map(|e| EndnoteView {
        number: e.number,
        back: format!("#{}", e.anchor),
        cites: e
            .cites
            .iter()
            .map(|(s, locator)| EndnoteCite {
                source: v.source(*s),
                locator: locator.as_deref(),
            })
            .collect(),
    });
    PrintData {
        summary: b.front.summary.as_deref(),
        front_html: &edition.front,
        overdue: v.overdue(),
        key: v.key_claims(),
        notes: notes.collect(),
        sources: (0..b.sources.len()).map(|s| v.source(s)).collect(),
        endnotes: endnotes.collect(),
        page_style: super::paged::page_style(&b.front.title, b.config.paper),
    }
}
