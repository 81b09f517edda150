//! The briefing as one resolved value: notes, claims and sources cross-linked, with every
//! backlink filled in. Built from [`Content`](crate::content::Content) by [`build`], linked
//! from scratch each time; everything after this stage only reads it. Cross-references are
//! positions in this one briefing's lists (an arena), never kept from one build to the next:
//! what is kept ([`Cache`]) refers to ids.

mod build;
mod cache;
mod charts;
mod declare;
pub mod derived;
pub mod editions;
mod estimative;
mod links;
pub mod list;
mod print;
mod resolve;

pub use build::{build, build_cached, build_on, build_with_today};
pub use cache::Cache;
pub use derived::Derived;
pub use editions::Editions;
pub use list::{Kind, List, Read};

use std::sync::Arc;

use crate::codes::Code;
use crate::config::Config;
use crate::date::Date;
use crate::markdown::Heading;
use crate::vocab::{
    ClaimKind, Confidence, Credibility, Likelihood, Reliability, SourceKind, Status,
};

/// A whole briefing, resolved.
#[derive(Debug, Clone, Default)]
pub struct Briefing {
    /// The project's settings.
    pub config: Config,
    /// The front page.
    pub front: Front,
    /// The notes, in reading order (section, weight, date, title).
    pub notes: List<Note>,
    /// The claims, in reading order (by declaring note, then as declared).
    pub claims: List<Claim>,
    /// The sources, sorted by id.
    pub sources: List<Source>,
    /// The note sections, in front-page order.
    pub sections: List<Section>,
    /// The tags, sorted by slug.
    pub tags: List<Tag>,
    /// How many charts the briefing draws, on every page together.
    pub charts: usize,
    /// Each chart's numbers, for its data file (front page, notes, annotations).
    pub chart_data: Vec<Arc<crate::charts::Data>>,
    /// The note bodies rendered for the one-page print edition, when it is written
    /// (see [`Config::print_edition`]).
    pub print: Option<PrintEdition>,
    /// The briefing among its editions, when the project has frozen any.
    pub editions: Option<Arc<Editions>>,
}

/// The print edition: the whole briefing on one page, citations as numbered endnotes.
#[derive(Debug, Clone, Default)]
pub struct PrintEdition {
    /// The front page's body, with links pointing inside the page.
    pub front: Arc<str>,
    /// Each note's body, in reading order, with links pointing inside the page.
    pub bodies: Vec<Arc<str>>,
    /// The endnotes, numbered across the briefing.
    pub endnotes: Vec<Endnote>,
}

/// One endnote of the print edition: one citation in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endnote {
    /// Its number, from 1.
    pub number: usize,
    /// Index of the note the citation is in; `None` on the front page.
    pub note: Option<usize>,
    /// The element id of the citation, for a link back.
    pub anchor: String,
    /// The cited sources (indexes) with their locators.
    pub cites: Vec<(usize, Option<String>)>,
}

/// The front page: `content/_index.md`.
#[derive(Debug, Clone, Default)]
pub struct Front {
    /// The briefing's title.
    pub title: String,
    /// The bottom line up front.
    pub summary: Option<String>,
    /// The briefing's date.
    pub date: Option<Date>,
    /// The edition, e.g. "First edition".
    pub edition: Option<String>,
    /// When the briefing is due for review.
    pub review_by: Option<Date>,
    /// True when `review_by` has passed (on the build's day).
    pub overdue: bool,
    /// The corrections listed (`corrections:`), as written.
    pub corrections: Vec<crate::content::CorrectionSpec>,
    /// The rendered body.
    pub body_html: Arc<str>,
}

/// A note: one topic of the briefing.
#[derive(Debug, Clone)]
pub struct Note {
    /// The file's name without `.md`; the note's URL segment.
    pub slug: String,
    /// The file, relative to the project root.
    pub file: String,
    /// The title.
    pub title: String,
    /// One or two sentences for lists.
    pub summary: Option<String>,
    /// When it was written.
    pub date: Date,
    /// When it was last changed.
    pub updated: Option<Date>,
    /// Index into [`Briefing::sections`].
    pub section: usize,
    /// Indexes into [`Briefing::tags`], sorted.
    pub tags: Vec<usize>,
    /// The rendered body, shared with the body cache of `dossier serve`.
    pub body_html: Arc<str>,
    /// The body's headings.
    pub toc: Arc<[Heading]>,
    /// Indexes of the claims this note declares, in order.
    pub claims: Vec<usize>,
    /// The numbered reference list: sources cited in the body, in order of first citation.
    pub references: Vec<Reference>,
    /// Indexes of the notes whose bodies link here.
    pub backlinks: Vec<usize>,
    /// Indexes of the claims its body links to or charts, sorted: the page previews them.
    pub claim_links: Vec<usize>,
}

/// One entry of a note's reference list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// Index into [`Briefing::sources`].
    pub source: usize,
    /// The element ids of the citations of this source in the body, for links back.
    pub anchors: Arc<[String]>,
    /// The locators given in the citations (`p. 4`), without repeats.
    pub locators: Arc<[String]>,
}

/// A claim: one statement the briefing makes or assesses, as its note states it and as the
/// briefing links it. Its statement's fields read as the claim's own (`claim.text`).
#[derive(Debug, Clone)]
pub struct Claim {
    /// What its note states, shared with the declarations `dossier serve` keeps.
    pub stated: Arc<Statement>,
    /// Index of the note that declares it.
    pub declared_in: usize,
    /// Indexes of the notes whose bodies link to it or chart it, sorted.
    pub used_by: Vec<usize>,
    /// The charts whose values are bound to it, in reading order.
    pub charts: Vec<ChartRef>,
    /// Its figure as computed from its inputs, for a derived claim whose inputs all have one.
    pub computed: Option<f64>,
    /// Indexes of the claims its derived figure reads, in the expression's order.
    pub inputs: Vec<usize>,
}

impl std::ops::Deref for Claim {
    type Target = Statement;

    fn deref(&self) -> &Statement {
        &self.stated
    }
}

/// A claim as its note's front matter states it, its sources resolved.
#[derive(Debug, Clone)]
pub struct Statement {
    /// Global id, a slug.
    pub id: String,
    /// The statement.
    pub text: String,
    /// The figure, when the claim has one.
    pub value: Option<f64>,
    /// The figure's unit.
    pub unit: Option<String>,
    /// The period or as-of date the claim is about.
    pub period: Option<String>,
    /// How sure the analyst is.
    pub confidence: Confidence,
    /// The assessed status, for claims made elsewhere.
    pub status: Option<Status>,
    /// Shown among the key judgments.
    pub key: bool,
    /// The analyst's note.
    pub note: Option<String>,
    /// The sources it rests on, with the grading of each link.
    pub sources: Vec<ClaimSource>,
    /// A fact or a judgment.
    pub kind: ClaimKind,
    /// A judgment's likelihood (a fact has none).
    pub likelihood: Option<Likelihood>,
    /// What a judgment takes as given.
    pub assumptions: Vec<String>,
    /// Other outcomes, and what would make them so.
    pub alternatives: Vec<String>,
    /// What would show a judgment going wrong.
    pub indicators: Vec<Indicator>,
    /// The last day the claim holds, if it expires.
    pub valid_until: Option<Date>,
    /// True when `valid_until` has passed (on the build's day).
    pub lapsed: bool,
    /// The rules it may break, each with the reason (`allow:`).
    pub allowed: Vec<(Code, String)>,
    /// How its figure is computed from other claims' values, when it is (boxed: few claims
    /// are derived, and 30,000 statements would each make room for one).
    pub derived: Option<Box<Derived>>,
    /// The id it had in earlier editions, when renamed (`was:`).
    pub was: Option<String>,
    /// Why it changed, by edition number (`changes:`).
    pub explained: Vec<(u32, String)>,
}

impl Statement {
    /// Why the claim changed in `edition`, when its `changes:` says.
    pub fn note_for(&self, edition: u32) -> Option<&str> {
        let note = self.explained.iter().find(|(e, _)| *e == edition);
        note.map(|(_, n)| n.as_str())
    }
}

/// What would show a judgment is going wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicator {
    /// What to look for.
    pub text: String,
    /// The date by which to look.
    pub by: Option<Date>,
    /// What happened, once known: the indicator is resolved.
    pub outcome: Option<String>,
    /// True when `by` has passed (on the build's day) with no outcome.
    pub lapsed: bool,
}

/// The link from a claim to one of its sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimSource {
    /// Index into [`Briefing::sources`].
    pub source: usize,
    /// Admiralty credibility of the information as this source gives it.
    pub credibility: Option<Credibility>,
    /// Where in the source.
    pub locator: Option<String>,
}

/// A source: a document claims rest on.
#[derive(Debug, Clone)]
pub struct Source {
    /// Global id, a slug.
    pub id: String,
    /// The file that declares it.
    pub file: String,
    /// The document's title.
    pub title: String,
    /// Who published it.
    pub publisher: String,
    /// Who wrote it.
    pub author: Option<String>,
    /// When it was published.
    pub date: Date,
    /// Where to read it (http, https or mailto).
    pub url: Option<String>,
    /// What kind of document it is.
    pub kind: SourceKind,
    /// Admiralty reliability.
    pub reliability: Reliability,
    /// When the URL was last read.
    pub accessed: Option<Date>,
    /// The document's language (BCP 47), when not the briefing's.
    pub language: Option<String>,
    /// Its title in the briefing's language, for a title in another.
    pub translated_title: Option<String>,
    /// The rendered annotation.
    pub annotation_html: Arc<str>,
    /// Indexes of the claims that rest on it, sorted.
    pub claims: Vec<usize>,
    /// Indexes of the notes that cite it, link to it or chart it, sorted.
    pub notes: Vec<usize>,
    /// The charts that cite it, in reading order.
    pub charts: Vec<ChartRef>,
}

/// A chart that uses a claim or cites a source: where to find it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartRef {
    /// The chart's title.
    pub title: String,
    /// Index of the note it is in; `None` for the front page.
    pub note: Option<usize>,
    /// Its element id on that page, e.g. `chart-2`.
    pub anchor: String,
}

/// A group of notes on the front page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading; `None` for notes without a section.
    pub title: Option<String>,
    /// The heading's slug, for its element id.
    pub slug: String,
    /// Indexes of its notes, in reading order.
    pub notes: Vec<usize>,
}

/// A tag and the notes that carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// The tag as written.
    pub name: String,
    /// Its URL segment.
    pub slug: String,
    /// Indexes of its notes, in reading order.
    pub notes: Vec<usize>,
}

impl list::Item for Note {
    const KIND: Kind = Kind::Note;
}

impl list::Item for Claim {
    const KIND: Kind = Kind::Claim;
}

impl list::Item for Source {
    const KIND: Kind = Kind::Source;
}

impl list::Item for Tag {
    const KIND: Kind = Kind::Tag;
}

impl list::Item for Section {
    const KIND: Kind = Kind::Section;
}

impl Briefing {
    /// The claims marked `key`, judgments and facts, in reading order.
    pub fn key_claims(&self) -> impl Iterator<Item = (usize, &Claim)> {
        self.claims.iter().enumerate().filter(|(_, c)| c.key)
    }
}
