//! What templates see: small views borrowed from the briefing, with every URL already made
//! relative to the page being rendered.

use std::borrow::Cow;

use serde::Serialize;

use super::prepared::{Dated, Prepared};
use crate::date::Date;
use crate::markdown::Heading;
use crate::model::{Briefing, ChartRef, Claim, Note, Read, Source, list};
use crate::urls;
use crate::vocab::ClaimKind;

/// Builds views for one page: knows the way back to the site root.
pub struct Views<'b> {
    /// The briefing.
    pub briefing: &'b Briefing,
    /// The strings its pages share.
    pub prepared: &'b Prepared<'b>,
    /// The prefix from the page to the site root (`""`, `"../"`, `"../../"`).
    pub root: String,
    /// Link notes, claims and sources to their places on this page (the print edition)
    /// instead of to their own pages.
    pub in_page: bool,
}

/// A term of a vocabulary, for a badge.
#[derive(Serialize)]
pub struct Badge {
    /// The slug, for CSS classes.
    pub slug: &'static str,
    /// The words.
    pub label: &'static str,
}

/// A date both ways.
#[derive(Serialize)]
pub struct DateView<'b> {
    /// ISO 8601, for `<time datetime>`.
    pub iso: Cow<'b, str>,
    /// For readers.
    pub human: Cow<'b, str>,
}

/// A link with its text.
#[derive(Serialize)]
pub struct LinkView<'b> {
    /// The link text.
    pub title: &'b str,
    /// The relative URL.
    pub url: String,
}

/// A chart that uses a claim or cites a source, with the page it is on.
#[derive(Serialize)]
pub struct ChartLink<'b> {
    /// The chart's title.
    pub title: &'b str,
    /// The relative URL of the chart on its page.
    pub url: String,
    /// The page the chart is on: a note, or the front page.
    pub page: LinkView<'b>,
}

/// A note in a list.
#[derive(Serialize)]
pub struct NoteItem<'b> {
    /// The title.
    pub title: &'b str,
    /// The relative URL.
    pub url: String,
    /// The summary.
    pub summary: Option<&'b str>,
    /// When it was written.
    pub date: DateView<'b>,
    /// How many claims it declares.
    pub claim_count: usize,
}

/// A claim, as a card.
#[derive(Serialize)]
pub struct ClaimCard<'b> {
    /// The id, also the card's element id after `claim-`.
    pub id: &'b str,
    /// The claim page's relative URL.
    pub url: String,
    /// The statement.
    pub text: &'b str,
    /// The figure with its unit, e.g. `69%` or `270,000 t REO`.
    pub figure: Option<&'b str>,
    /// The period or as-of date.
    pub period: Option<&'b str>,
    /// Confidence badge.
    pub confidence: Badge,
    /// Status badge, for assessed claims.
    pub status: Option<Badge>,
    /// Shown on the front page: among the key judgments (a judgment) or the key figures.
    pub key: bool,
    /// A fact or a judgment.
    pub kind: Badge,
    /// A judgment's likelihood.
    pub likelihood: Option<LikelihoodView>,
    /// What a judgment takes as given.
    pub assumptions: &'b [String],
    /// Other outcomes, and what would make them so.
    pub alternatives: &'b [String],
    /// What would show the judgment going wrong.
    pub indicators: Vec<IndicatorView<'b>>,
    /// How its figure is computed from other claims, when it is derived.
    pub derived: Option<DerivedView<'b>>,
    /// The last day the claim holds.
    pub valid_until: Option<DateView<'static>>,
    /// True once `valid_until` has passed.
    pub lapsed: bool,
    /// The analyst's note.
    pub note: Option<&'b str>,
    /// Its sources with their grading.
    pub sources: Vec<GradedSource<'b>>,
    /// The note that declares it.
    pub declared_in: LinkView<'b>,
}

/// What a card previewing a claim shows when a reader points at a link to it.
#[derive(Serialize)]
pub struct ClaimPreview<'b> {
    /// The id: the preview's element id is `preview-` and the id.
    pub id: &'b str,
    /// The statement.
    pub text: &'b str,
    /// The figure with its unit.
    pub figure: Option<&'b str>,
    /// The period or as-of date.
    pub period: Option<&'b str>,
    /// Confidence badge.
    pub confidence: Badge,
    /// Status badge, for assessed claims.
    pub status: Option<Badge>,
    /// A judgment's likelihood.
    pub likelihood: Option<LikelihoodView>,
}

/// The key claims, as the front page and the print edition show them.
#[derive(Serialize)]
pub struct KeyClaims<'b> {
    /// Every key claim, judgments and facts, in reading order.
    pub key_claims: Vec<ClaimCard<'b>>,
    /// The key judgments (judgments marked `key`).
    pub key_judgments: Vec<ClaimCard<'b>>,
    /// The key figures (facts marked `key`).
    pub key_figures: Vec<ClaimCard<'b>>,
}

/// A judgment's likelihood: its band and the band's probability.
#[derive(Serialize)]
pub struct LikelihoodView {
    /// The band's slug (`likely`), for CSS classes.
    pub slug: &'static str,
    /// The words (`Likely`).
    pub label: &'static str,
    /// The probability, `55–80 %`.
    pub range: String,
}

/// A derived figure: its formula, each claim id linked to its claim, and what it gives.
#[derive(Serialize)]
pub struct DerivedView<'b> {
    /// The formula in pieces: claim ids with their links, and the text between.
    pub formula: Vec<FormulaPiece<'b>>,
    /// The figure the inputs give, with the claim's unit, to two more decimals than stated.
    pub computed: Option<String>,
}

/// A piece of a formula.
#[derive(Serialize)]
pub struct FormulaPiece<'b> {
    /// The text.
    pub text: &'b str,
    /// The link to the claim, when the text is a claim id of the briefing.
    pub url: Option<String>,
}

/// An indicator of a judgment.
#[derive(Serialize)]
pub struct IndicatorView<'b> {
    /// What to look for.
    pub text: &'b str,
    /// By when.
    pub by: Option<DateView<'static>>,
    /// What happened, once known.
    pub outcome: Option<&'b str>,
    /// True once `by` has passed with no outcome.
    pub lapsed: bool,
}

/// A source as cited by one claim, with the grading of that link.
#[derive(Serialize)]
pub struct GradedSource<'b> {
    /// The source's title.
    pub title: &'b str,
    /// The title's language (BCP 47), when not the briefing's: for `lang`.
    pub language: Option<&'b str>,
    /// The title in the briefing's language, for a title in another.
    pub translated_title: Option<&'b str>,
    /// The publisher.
    pub publisher: &'b str,
    /// The source page's relative URL.
    pub url: String,
    /// The Admiralty grade, e.g. `B2` (just `B` without a credibility).
    pub grade: &'b str,
    /// The grade in words.
    pub grade_label: &'b str,
    /// Where in the source.
    pub locator: Option<&'b str>,
}

/// A source in full.
#[derive(Serialize)]
pub struct SourceView<'b> {
    /// The id.
    pub id: &'b str,
    /// The source page's relative URL.
    pub url: String,
    /// The title.
    pub title: &'b str,
    /// The document's language (BCP 47), when not the briefing's: for `lang` on its title.
    pub language: Option<&'b str>,
    /// The title in the briefing's language, for a title in another.
    pub translated_title: Option<&'b str>,
    /// The publisher.
    pub publisher: &'b str,
    /// The author.
    pub author: Option<&'b str>,
    /// When published.
    pub date: DateView<'b>,
    /// The document's own address.
    pub link: Option<&'b str>,
    /// Kind badge.
    pub kind: Badge,
    /// Reliability badge (slug is the letter).
    pub reliability: Badge,
    /// When last read.
    pub accessed: Option<DateView<'b>>,
    /// The annotation, rendered.
    pub annotation_html: &'b str,
    /// How many claims rest on it.
    pub claim_count: usize,
    /// How many notes cite it.
    pub note_count: usize,
}

/// A note in full.
#[derive(Serialize)]
pub struct NoteView<'b> {
    /// The title.
    pub title: &'b str,
    /// The summary.
    pub summary: Option<&'b str>,
    /// When written.
    pub date: DateView<'b>,
    /// When changed.
    pub updated: Option<DateView<'b>>,
    /// Its section's title.
    pub section: Option<&'b str>,
    /// Its tags.
    pub tags: Vec<LinkView<'b>>,
    /// The body, rendered.
    pub body_html: &'b str,
    /// The table of contents.
    pub toc: &'b [Heading],
    /// The claims it declares.
    pub claims: Vec<ClaimCard<'b>>,
    /// How many of its claims and their indicators have lapsed (on the build's day): the
    /// page says so at the top.
    pub lapsed: usize,
    /// The numbered reference list.
    pub references: Vec<ReferenceView<'b>>,
    /// Notes that link here.
    pub backlinks: Vec<NoteItem<'b>>,
    /// The claims its body links to, for previews.
    pub previews: Vec<ClaimPreview<'b>>,
    /// The note before, in reading order.
    pub previous: Option<LinkView<'b>>,
    /// The note after, in reading order.
    pub next: Option<LinkView<'b>>,
}

/// One entry of a note's reference list.
#[derive(Serialize)]
pub struct ReferenceView<'b> {
    /// Its number.
    pub number: usize,
    /// The source.
    pub source: SourceView<'b>,
    /// Element ids of its citations in the body.
    pub anchors: &'b [String],
    /// Links back to those citations: `↩` for one, `a`, `b`, `c`, … for several (as
    /// Wikipedia labels them), so that each can be told apart.
    pub backs: Vec<BackLink>,
    /// Locators given in the citations.
    pub locators: &'b [String],
}

/// A link back to one citation of a reference.
#[derive(Serialize)]
pub struct BackLink {
    /// `#` and the citation's element id.
    pub href: String,
    /// What the link shows.
    pub label: String,
}

/// The links back to the citations at `anchors`.
pub fn back_links(anchors: &[String]) -> Vec<BackLink> {
    let label = |i: usize| match anchors.len() {
        1 => "↩".to_string(),
        _ => letters(i),
    };
    anchors
        .iter()
        .enumerate()
        .map(|(i, a)| BackLink {
            href: format!("#{a}"),
            label: label(i),
        })
        .collect()
}

/// `a`, `b`, … `z`, `aa`, `ab`, … for 0, 1, … 25, 26, 27, …
fn letters(i: usize) -> String {
    let letter = |k: usize| char::from(b'a' + (k % 26) as u8);
    match i / 26 {
        0 => letter(i).to_string(),
        k => format!("{}{}", letters(k - 1), letter(i)),
    }
}

impl<'b> Views<'b> {
    /// Views for a page at site path `page` of the briefing `prepared` was made for.
    pub fn new(prepared: &'b Prepared<'b>, page: &str) -> Self {
        Views {
            briefing: prepared.briefing(),
            prepared,
            root: urls::root_of(page),
            in_page: false,
        }
    }

    /// The link to note `i`.
    pub fn note_url(&self, i: usize) -> String {
        let note = self.briefing.notes.named(i);
        if self.in_page {
            format!("#note-{}", note.slug)
        } else {
            self.url(&urls::note(&note.slug))
        }
    }

    /// The link to claim `i`.
    pub fn claim_url(&self, i: usize) -> String {
        if self.in_page {
            format!("#claim-{}", self.briefing.claims[i].id)
        } else {
            self.url(&self.prepared.claim(i).path)
        }
    }

    /// The link to source `i`.
    pub fn source_url(&self, i: usize) -> String {
        if self.in_page {
            format!("#source-{}", self.briefing.sources[i].id)
        } else {
            self.url(&self.prepared.source(i).path)
        }
    }

    /// The relative URL of site path `path`.
    pub fn url(&self, path: &str) -> String {
        let mut url = String::with_capacity(self.root.len() + path.len());
        url.push_str(&self.root);
        url.push_str(path);
        url
    }

    /// Note `i`'s date.
    pub fn note_date(&self, i: usize) -> DateView<'b> {
        shown(self.prepared.note(i))
    }

    /// A note as a list item.
    pub fn note_item(&self, i: usize) -> NoteItem<'b> {
        let note = &self.briefing.notes[i];
        NoteItem {
            title: &note.title,
            url: self.note_url(i),
            summary: note.summary.as_deref(),
            date: self.note_date(i),
            claim_count: note.claims.len(),
        }
    }

    /// A link to a note.
    pub fn note_link(&self, i: usize) -> LinkView<'b> {
        let note = self.briefing.notes.named(i);
        LinkView {
            title: &note.title,
            url: self.note_url(i),
        }
    }

    /// A claim as a card.
    pub fn claim_card(&self, i: usize) -> ClaimCard<'b> {
        let claim: &'b Claim = &self.briefing.claims[i];
        let strings = self.prepared.claim(i);
        ClaimCard {
            id: &claim.id,
            url: self.claim_url(i),
            text: &claim.text,
            figure: strings.figure.as_deref(),
            period: strings.period.as_deref().or(claim.period.as_deref()),
            confidence: confidence(claim),
            status: status(claim),
            key: claim.key,
            kind: Badge {
                slug: claim.kind.as_str(),
                label: claim.kind.label(),
            },
            likelihood: likelihood(claim),
            assumptions: &claim.assumptions,
            alternatives: &claim.alternatives,
            indicators: claim
                .indicators
                .iter()
                .map(|i| IndicatorView {
                    text: &i.text,
                    by: i.by.as_ref().map(date),
                    outcome: i.outcome.as_deref(),
                    lapsed: i.lapsed,
                })
                .collect(),
            derived: claim.derived.as_ref().map(|d| self.derived(claim, d)),
            valid_until: claim.valid_until.as_ref().map(date),
            lapsed: claim.lapsed,
            note: claim.note.as_deref(),
            sources: claim
                .sources
                .iter()
                .zip(&strings.grades)
                .map(|(link, grade)| {
                    let source = &self.briefing.sources[link.source];
                    GradedSource {
                        title: &source.title,
                        language: source.language.as_deref(),
                        translated_title: source.translated_title.as_deref(),
                        publisher: &source.publisher,
                        url: self.source_url(link.source),
                        grade: &grade.grade,
                        grade_label: &grade.label,
                        locator: link.locator.as_deref(),
                    }
                })
                .collect(),
            declared_in: self.note_link(claim.declared_in),
        }
    }

    /// What a preview of claim `i` shows.
    pub fn preview(&self, i: usize) -> ClaimPreview<'b> {
        let claim: &'b Claim = &self.briefing.claims[i];
        let strings = self.prepared.claim(i);
        ClaimPreview {
            id: &claim.id,
            text: &claim.text,
            figure: strings.figure.as_deref(),
            period: strings.period.as_deref().or(claim.period.as_deref()),
            confidence: confidence(claim),
            status: status(claim),
            likelihood: likelihood(claim),
        }
    }

    /// The formula of `claim`'s derived figure `d`, its claim ids linked.
    fn derived(&self, claim: &'b Claim, d: &'b crate::model::Derived) -> DerivedView<'b> {
        let b = self.briefing;
        let link = |text: &str| {
            let mut inputs = claim.inputs.iter().copied();
            let at = inputs.find(|&i| b.claims.unnoted()[i].id == text)?;
            // The link reads what names the input (its id): noted, so a rename shows.
            let _ = b.claims.named(at);
            Some(self.claim_url(at))
        };
        let formula = crate::model::derived::pieces(&d.text);
        let formula = formula.into_iter().map(|p| FormulaPiece {
            text: p.text,
            url: p.claim.then(|| link(p.text)).flatten(),
        });
        let shown = |n: f64| {
            let places = usize::try_from(d.decimals + 2).unwrap_or(2);
            figure(
                format!("{n:.places$}").parse().unwrap_or(n),
                claim.unit.as_deref(),
            )
        };
        DerivedView {
            formula: formula.collect(),
            computed: claim.computed.map(shown),
        }
    }

    /// When the briefing was due for review, once that date has passed.
    pub fn overdue(&self) -> Option<DateView<'static>> {
        let front = &self.briefing.front;
        front.review_by.filter(|_| front.overdue).as_ref().map(date)
    }

    /// The key claims as cards: all, the judgments, the figures.
    pub fn key_claims(&self) -> KeyClaims<'b> {
        let b = self.briefing;
        let cards = |kind: Option<ClaimKind>| {
            let key = b
                .key_claims()
                .filter(|(_, c)| kind.is_none_or(|k| c.kind == k));
            key.map(|(i, _)| self.claim_card(i)).collect()
        };
        KeyClaims {
            key_claims: cards(None),
            key_judgments: cards(Some(ClaimKind::Judgment)),
            key_figures: cards(Some(ClaimKind::Fact)),
        }
    }

    /// A source in full.
    pub fn source(&self, i: usize) -> SourceView<'b> {
        let source: &'b Source = &self.briefing.sources[i];
        SourceView {
            id: &source.id,
            url: self.source_url(i),
            title: &source.title,
            language: source.language.as_deref(),
            translated_title: source.translated_title.as_deref(),
            publisher: &source.publisher,
            author: source.author.as_deref(),
            date: shown(self.prepared.source(i)),
            link: source.url.as_deref(),
            kind: Badge {
                slug: source.kind.as_str(),
                label: source.kind.label(),
            },
            reliability: Badge {
                slug: source.reliability.as_str(),
                label: source.reliability.label(),
            },
            accessed: source.accessed.as_ref().map(date),
            annotation_html: &source.annotation_html,
            claim_count: source.claims.len(),
            note_count: source.notes.len(),
        }
    }

    /// A note in full.
    pub fn note(&self, i: usize) -> NoteView<'b> {
        let b = self.briefing;
        list::note(Read::Neighbours(i));
        let note: &'b Note = &b.notes[i];
        NoteView {
            title: &note.title,
            summary: note.summary.as_deref(),
            date: self.note_date(i),
            updated: note.updated.as_ref().map(date),
            section: b.sections.named(note.section).title.as_deref(),
            tags: note.tags.iter().map(|&t| self.tag_link(t)).collect(),
            body_html: &note.body_html,
            toc: &note.toc,
            claims: note.claims.iter().map(|&c| self.claim_card(c)).collect(),
            lapsed: note.claims.iter().map(|&c| lapses(&b.claims[c])).sum(),
            references: note
                .references
                .iter()
                .enumerate()
                .map(|(n, r)| ReferenceView {
                    number: n + 1,
                    source: self.source(r.source),
                    anchors: &r.anchors,
                    backs: back_links(&r.anchors),
                    locators: &r.locators,
                })
                .collect(),
            backlinks: note.backlinks.iter().map(|&n| self.note_item(n)).collect(),
            previews: note.claim_links.iter().map(|&c| self.preview(c)).collect(),
            previous: i.checked_sub(1).map(|p| self.note_link(p)),
            // Which notes are its neighbours is one read; how many notes there are is not.
            next: (i + 1 < b.notes.unnoted().len()).then(|| self.note_link(i + 1)),
        }
    }

    /// A chart, linked on the page it is on.
    pub fn chart_link(&self, chart: &'b ChartRef) -> ChartLink<'b> {
        let page = match chart.note {
            Some(n) => self.note_link(n),
            None => LinkView {
                title: &self.briefing.front.title,
                url: self.url(urls::INDEX),
            },
        };
        ChartLink {
            title: &chart.title,
            url: format!("{}#{}", page.url, chart.anchor),
            page,
        }
    }

    /// A link to a tag's page.
    pub fn tag_link(&self, t: usize) -> LinkView<'b> {
        let tag = self.briefing.tags.named(t);
        LinkView {
            title: &tag.name,
            url: self.url(&urls::tag(&tag.slug)),
        }
    }
}

/// The date of a prepared note or source.
fn shown(dated: &Dated) -> DateView<'_> {
    DateView {
        iso: Cow::Borrowed(&dated.iso),
        human: Cow::Borrowed(&dated.human),
    }
}

/// How many lapsed things `claim` holds: itself, and each of its indicators.
fn lapses(claim: &Claim) -> usize {
    usize::from(claim.lapsed) + claim.indicators.iter().filter(|i| i.lapsed).count()
}

fn confidence(claim: &Claim) -> Badge {
    Badge {
        slug: claim.confidence.as_str(),
        label: claim.confidence.label(),
    }
}

fn status(claim: &Claim) -> Option<Badge> {
    claim.status.map(|s| Badge {
        slug: s.as_str(),
        label: s.label(),
    })
}

fn likelihood(claim: &Claim) -> Option<LikelihoodView> {
    claim.likelihood.map(|l| LikelihoodView {
        slug: l.as_str(),
        label: l.label(),
        range: l.range(),
    })
}

/// A date for templates.
pub fn date(d: &Date) -> DateView<'static> {
    DateView {
        iso: Cow::Owned(d.to_string()),
        human: Cow::Owned(d.human()),
    }
}

/// A figure with thousands separators and its unit: `69%`, `270,000 t REO`, `US$488.8 million`.
pub fn figure(value: f64, unit: Option<&str>) -> String {
    crate::html::figure(value, unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_group_thousands_and_attach_units() {
        assert_eq!(figure(69.0, Some("%")), "69%");
        assert_eq!(figure(270000.0, Some("t REO")), "270,000 t REO");
        assert_eq!(figure(4000.3, Some("t")), "4,000.3 t");
        assert_eq!(figure(100.0, Some("% tariff")), "100% tariff");
        assert_eq!(figure(-1234.5, None), "-1,234.5");
        assert_eq!(figure(0.1, Some("% of value")), "0.1% of value");
        assert_eq!(figure(488.8, Some("US$ million")), "US$488.8 million");
        assert_eq!(figure(12.0, Some("€")), "€12");
        assert_eq!(figure(12.0, Some("USD")), "12 USD");
        assert_eq!(
            figure(3.0, Some("$s of trade")),
            "3 $s of trade",
            "a sign, not a word"
        );
    }

    #[test]
    fn several_citations_of_a_reference_are_told_apart_by_letters() {
        let one = back_links(&["cite-1".into()]);
        assert_eq!(
            (one[0].href.as_str(), one[0].label.as_str()),
            ("#cite-1", "↩")
        );
        let many: Vec<String> = (0..28).map(|i| format!("cite-{i}")).collect();
        let labels: Vec<String> = back_links(&many).into_iter().map(|b| b.label).collect();
        assert_eq!(&labels[..3], ["a", "b", "c"]);
        assert_eq!(&labels[25..], ["z", "aa", "ab"]);
    }
}
