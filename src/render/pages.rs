//! Every page of the site: its path, its template and the data its template gets.

use serde::Serialize;

use super::editions::{self, ChangesData, MovedData, ThenView, WithdrawnData};
use super::exports::{self, CiteView, Cited};
use super::print::PrintData;
use super::register::{self, RegisterData};
use super::views::{
    ChartLink, ClaimCard, DateView, KeyClaims, NoteItem, NoteView, SourceView, Views,
};
use crate::model::editions::Editions;
use crate::model::{Briefing, Kind};
use crate::urls;

/// One page to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Page {
    /// The front page.
    Index,
    /// A note, by index.
    Note(usize),
    /// A page of the claim register (from 0).
    Claims(usize),
    /// A claim, by index.
    Claim(usize),
    /// The bibliography.
    Sources,
    /// A source, by index.
    Source(usize),
    /// The list of tags.
    Tags,
    /// A tag, by index.
    Tag(usize),
    /// The whole briefing on one page, for print and PDF.
    Print,
    /// The search page.
    Search,
    /// The page for missing URLs, served at any depth.
    NotFound,
    /// What changed since the last edition.
    Changes,
    /// A withdrawn claim, at its old address, by index into the editions' `withdrawn`.
    Withdrawn(usize),
    /// An old address of a renamed claim or note, by index into the editions' `moved`.
    Moved(usize),
}

/// Every page of `briefing`, in a stable order.
pub fn all(briefing: &Briefing) -> Vec<Page> {
    let mut pages = vec![
        Page::Index,
        Page::Sources,
        Page::Tags,
        Page::Search,
        Page::NotFound,
    ];
    pages.extend((0..register::pages(briefing).len()).map(Page::Claims));
    if briefing.print.is_some() {
        pages.push(Page::Print);
    }
    pages.extend((0..briefing.notes.len()).map(Page::Note));
    pages.extend((0..briefing.claims.len()).map(Page::Claim));
    pages.extend((0..briefing.sources.len()).map(Page::Source));
    pages.extend((0..briefing.tags.len()).map(Page::Tag));
    if let Some(e) = &briefing.editions {
        pages.push(Page::Changes);
        pages.extend((0..e.withdrawn.len()).map(Page::Withdrawn));
        pages.extend((0..e.moved.len()).map(Page::Moved));
    }
    pages
}

impl Page {
    /// The page's path from the site root.
    pub fn path(self, b: &Briefing) -> String {
        match self {
            Page::Index => urls::INDEX.into(),
            Page::Note(i) => urls::note(&b.notes[i].slug),
            Page::Claims(k) => register::path(k),
            Page::Claim(i) => urls::claim(&b.claims[i].id),
            Page::Sources => urls::SOURCES.into(),
            Page::Source(i) => urls::source(&b.sources[i].id),
            Page::Tags => urls::TAGS.into(),
            Page::Tag(i) => urls::tag(&b.tags[i].slug),
            Page::Print => urls::PRINT.into(),
            Page::Search => urls::SEARCH.into(),
            Page::NotFound => urls::NOT_FOUND.into(),
            Page::Changes => urls::CHANGES.into(),
            Page::Withdrawn(k) => urls::claim(&editions(b).withdrawn[k].id),
            Page::Moved(k) => {
                let m = &editions(b).moved[k];
                match m.kind {
                    Kind::Note => urls::note(&m.from),
                    Kind::Tag => urls::tag(&m.from),
                    _ => urls::claim(&m.from),
                }
            }
        }
    }

    /// Whether the page is viewed on every build, whatever changed: the print edition shows
    /// every body, the pages of editions compare the whole briefing with its last edition.
    pub fn always_viewed(self) -> bool {
        matches!(
            self,
            Page::Print | Page::Changes | Page::Withdrawn(_) | Page::Moved(_)
        )
    }

    /// The template that renders it.
    pub fn template(self) -> &'static str {
        match self {
            Page::Index => "index.html",
            Page::Note(_) => "note.html",
            Page::Claims(_) => "claims.html",
            Page::Claim(_) => "claim.html",
            Page::Sources => "sources.html",
            Page::Source(_) => "source.html",
            Page::Tags => "tags.html",
            Page::Tag(_) => "tag.html",
            Page::Print => "print.html",
            Page::Search => "search.html",
            Page::NotFound => "404.html",
            Page::Changes => "changes.html",
            Page::Withdrawn(_) => "withdrawn.html",
            Page::Moved(_) => "moved.html",
        }
    }

    /// The page's title, for `<title>` and headings.
    pub fn title(self, b: &Briefing) -> String {
        match self {
            Page::Index => b.front.title.clone(),
            Page::Note(i) => b.notes[i].title.clone(),
            Page::Claims(0) => "Claim register".into(),
            Page::Claims(k) => format!("Claim register, page {}", k + 1),
            Page::Claim(i) => format!("Claim: {}", b.claims[i].id),
            Page::Sources => "Sources".into(),
            Page::Source(i) => b.sources[i].title.clone(),
            Page::Tags => "Tags".into(),
            Page::Tag(i) => format!("Tagged “{}”", b.tags[i].name),
            Page::Print => format!("{} (print edition)", b.front.title),
            Page::Search => "Search".into(),
            Page::NotFound => "Page not found".into(),
            Page::Changes => "What changed".into(),
            Page::Withdrawn(k) => format!("Claim withdrawn: {}", editions(b).withdrawn[k].id),
            Page::Moved(k) => format!("Moved: {}", editions(b).moved[k].from),
        }
    }
}

/// The front page's data.
#[derive(Serialize)]
pub struct IndexData<'b> {
    /// Title, summary, date, edition and body.
    pub front: FrontView<'b>,
    /// The key claims: `key_claims`, `key_judgments`, `key_figures`.
    #[serde(flatten)]
    pub key: KeyClaims<'b>,
    /// The notes by section.
    pub sections: Vec<SectionView<'b>>,
    /// How many notes, claims and sources there are. Shown on the front page alone: a note
    /// added or removed leaves every other page's context as it was.
    pub counts: Counts,
}

/// Sizes of the briefing.
#[derive(Serialize)]
pub struct Counts {
    /// Notes.
    pub notes: usize,
    /// Claims.
    pub claims: usize,
    /// Sources.
    pub sources: usize,
}

/// The front page's own fields.
#[derive(Serialize)]
pub struct FrontView<'b> {
    /// The title.
    pub title: &'b str,
    /// The bottom line up front.
    pub summary: Option<&'b str>,
    /// The rendered body.
    pub body_html: &'b str,
    /// When the briefing was due for review, once that date has passed.
    pub overdue: Option<DateView<'static>>,
}

/// A section of notes.
#[derive(Serialize)]
pub struct SectionView<'b> {
    /// Its heading; `None` for notes without a section.
    pub title: Option<&'b str>,
    /// Its element id.
    pub slug: &'b str,
    /// Its notes.
    pub notes: Vec<NoteItem<'b>>,
}

/// A tag with its size.
#[derive(Serialize)]
pub struct TagItem<'b> {
    /// The tag.
    pub name: &'b str,
    /// Its page.
    pub url: String,
    /// How many notes carry it.
    pub count: usize,
}

/// The data of `page`, with links made by `v`.
pub fn data<'b>(page: Page, v: &Views<'b>) -> PageData<'b> {
    let b = v.briefing;
    match page {
        Page::Index => PageData::Index(IndexData {
            front: FrontView {
                // Read with list::note(Read::Front) by `context::page` for the same page.
                title: &b.front.title,
                summary: b.front.summary.as_deref(),
                body_html: &b.front.body_html,
                overdue: v.overdue(),
            },
            key: v.key_claims(),
            sections: b
                .sections
                .iter()
                .map(|s| SectionView {
                    title: s.title.as_deref(),
                    slug: &s.slug,
                    notes: s.notes.iter().map(|&n| v.note_item(n)).collect(),
                })
                .collect(),
            counts: Counts {
                notes: b.notes.len(),
                claims: b.claims.len(),
                sources: b.sources.len(),
            },
        }),
        Page::Note(i) => PageData::Note {
            note: v.note(i),
            cite: cite_note(v, i),
        },
        Page::Claims(k) => PageData::Claims(register::data(v, k)),
        Page::Claim(i) => PageData::Claim {
            claim: v.claim_card(i),
            used_by: b.claims[i]
                .used_by
                .iter()
                .filter(|&&n| n != b.claims[i].declared_in)
                .map(|&n| v.note_item(n))
                .collect(),
            charts: b.claims[i].charts.iter().map(|c| v.chart_link(c)).collect(),
            cite: cite_claim(v, i),
            history: b
                .editions
                .as_deref()
                .map_or_else(Vec::new, |e| editions::history(v, e, &e.history[i])),
        },
        Page::Sources => PageData::Sources {
            sources: bibliography_order(b).map(|s| v.source(s)).collect(),
        },
        Page::Source(i) => PageData::Source {
            source: v.source(i),
            claims: b.sources[i]
                .claims
                .iter()
                .map(|&c| v.claim_card(c))
                .collect(),
            notes: b.sources[i].notes.iter().map(|&n| v.note_item(n)).collect(),
            charts: b.sources[i]
                .charts
                .iter()
                .map(|c| v.chart_link(c))
                .collect(),
        },
        Page::Tags => PageData::Tags {
            tags: b
                .tags
                .iter()
                .enumerate()
                .map(|(t, tag)| TagItem {
                    name: &tag.name,
                    url: v.tag_link(t).url,
                    count: tag.notes.len(),
                })
                .collect(),
        },
        Page::Tag(i) => PageData::Tag {
            tag: &b.tags[i].name,
            notes: b.tags[i].notes.iter().map(|&n| v.note_item(n)).collect(),
        },
        Page::Print => match &b.print {
            Some(edition) => PageData::Print(super::print::data(v, edition)),
            None => PageData::Empty {},
        },
        Page::Search | Page::NotFound => PageData::Empty {},
        Page::Changes => PageData::Changes(editions::changes(v, editions(b))),
        Page::Withdrawn(k) => {
            let e = editions(b);
            PageData::Withdrawn(editions::withdrawn(v, e, &e.withdrawn[k]))
        }
        Page::Moved(k) => PageData::Moved(editions::moved(v, editions(b), k)),
    }
}

/// How note `i` is cited: its title, its last date, its address.
fn cite_note(v: &Views<'_>, i: usize) -> CiteView {
    let note = &v.briefing.notes[i];
    cite_page(v, &note.slug, &note.title, i, &urls::note(&note.slug))
}

/// How claim `i` is cited: its statement, the last date of its note, its address.
fn cite_claim(v: &Views<'_>, i: usize) -> CiteView {
    let claim = &v.briefing.claims[i];
    let path = urls::claim(&claim.id);
    cite_page(v, &claim.id, &claim.text, claim.declared_in, &path)
}

/// How the page at `path` titled `title` is cited, dated by note `note`; `id` makes its key.
fn cite_page(v: &Views<'_>, id: &str, title: &str, note: usize, path: &str) -> CiteView {
    let b = v.briefing;
    let note = &b.notes[note];
    let date = note.updated.unwrap_or(note.date);
    let cited = Cited {
        key: format!("{id}-{}", date.year),
        title,
        date,
        url: exports::permalink(b, path),
    };
    exports::cite(b, &cited)
}

/// The data of one page, by kind.
#[derive(Serialize)]
#[serde(untagged)]
pub enum PageData<'b> {
    /// The front page.
    Index(IndexData<'b>),
    /// A note.
    Note {
        /// The note.
        note: NoteView<'b>,
        /// How to cite it.
        cite: CiteView,
    },
    /// A page of the claim register.
    Claims(RegisterData<'b>),
    /// A claim.
    Claim {
        /// The claim.
        claim: ClaimCard<'b>,
        /// Notes that refer to it, besides the one that declares it.
        used_by: Vec<NoteItem<'b>>,
        /// Charts whose values are bound to it.
        charts: Vec<ChartLink<'b>>,
        /// How to cite it.
        cite: CiteView,
        /// Its history, edition by edition (empty before the first edition is frozen).
        history: Vec<ThenView>,
    },
    /// The bibliography.
    Sources {
        /// Every source, by id.
        sources: Vec<SourceView<'b>>,
    },
    /// A source.
    Source {
        /// The source.
        source: SourceView<'b>,
        /// Claims resting on it.
        claims: Vec<ClaimCard<'b>>,
        /// Notes citing it.
        notes: Vec<NoteItem<'b>>,
        /// Charts citing it.
        charts: Vec<ChartLink<'b>>,
    },
    /// The tag list.
    Tags {
        /// Every tag.
        tags: Vec<TagItem<'b>>,
    },
    /// A tag.
    Tag {
        /// The tag's name.
        tag: &'b str,
        /// Its notes.
        notes: Vec<NoteItem<'b>>,
    },
    /// The print edition.
    Print(PrintData<'b>),
    /// Pages with nothing of their own: search, not found.
    Empty {},
    /// What changed since the last edition.
    Changes(ChangesData),
    /// A withdrawn claim.
    Withdrawn(WithdrawnData),
    /// An old address.
    Moved(MovedData),
}

/// The briefing's editions: the pages of editions are made only when it has them ([`all`]),
/// and a page is a handle into the one briefing it was made for.
fn editions(b: &Briefing) -> &Editions {
    b.editions
        .as_deref()
        .expect("pages of editions are made only when the briefing has editions")
}

/// The sources as a bibliography lists them: by publisher, then title (case, opening
/// brackets or quotes and a leading "The" aside, as libraries file them), then date, then id.
fn bibliography_order(b: &Briefing) -> impl Iterator<Item = usize> {
    let key = |s: usize| {
        let s = &b.sources[s];
        let fold = |t: &str| {
            let t = t.trim_start_matches(['[', '"', '“']).to_lowercase();
            t.strip_prefix("the ").map_or(t.clone(), str::to_string)
        };
        (fold(&s.publisher), fold(&s.title), s.date, s.id.clone())
    };
    let mut order: Vec<usize> = (0..b.sources.len()).collect();
    order.sort_by_cached_key(|&s| key(s));
    order.into_iter()
}
