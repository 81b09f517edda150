//! The front matter as written: raw, typed, unknown keys rejected, nothing resolved yet.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, de::value::MapAccessDeserializer};

use crate::date::Date;
use crate::vocab::{ClaimKind, Confidence, Likelihood, Reliability, SourceKind, Status};

/// The front page, `content/_index.md`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexSpec {
    /// The briefing's title; falls back to the one in `dossier.yaml`.
    pub title: Option<String>,
    /// The bottom line up front: one paragraph.
    pub summary: Option<String>,
    /// The briefing's date.
    pub date: Option<Date>,
    /// When the briefing is due for review: once it has passed, the front page says so.
    pub review_by: Option<Date>,
    /// The edition, e.g. "First edition".
    pub edition: Option<String>,
    /// The order of note sections on the front page.
    #[serde(default, deserialize_with = "exact")]
    pub sections: Vec<String>,
    /// Claims of earlier editions taken out, each with why and where to look now.
    #[serde(default)]
    pub withdrawn: Vec<WithdrawnSpec>,
    /// Corrections that are not claims: a note's prose, a chart's note, a source's annotation.
    #[serde(default)]
    pub corrections: Vec<CorrectionSpec>,
}

/// A claim taken out of the briefing: `{id, note, see}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WithdrawnSpec {
    /// The id it had.
    pub id: String,
    /// Why it was withdrawn.
    pub note: String,
    /// Where a reader should look now: `claim:<id>`, `note:<id>` or `source:<id>`.
    pub see: Option<String>,
}

/// A correction that is not a claim: `{target, note, edition}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorrectionSpec {
    /// What was corrected: `note:<id>`, `claim:<id>` or `source:<id>`.
    pub target: String,
    /// What was wrong and what it says now.
    pub note: String,
    /// The edition it was made in; the current one when left out.
    pub edition: Option<u32>,
}

/// Why a claim changed in an edition: `{edition, note}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeNoteSpec {
    /// The edition, by its number.
    pub edition: u32,
    /// What changed and why.
    pub note: String,
}

/// A note's front matter.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteSpec {
    /// The note's title.
    pub title: String,
    /// One or two sentences for lists and previews.
    pub summary: Option<String>,
    /// When the note was written.
    pub date: Date,
    /// When the note was last changed.
    pub updated: Option<Date>,
    /// The front-page section the note belongs to.
    pub section: Option<String>,
    /// Order inside the section (lower first).
    #[serde(default)]
    pub weight: i64,
    /// Free tags, slugs.
    #[serde(default, deserialize_with = "exact")]
    pub tags: Vec<String>,
    /// Drafts are built only with `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Slugs the note had before: each leaves a page at its old address that leads here.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The claims this note makes.
    #[serde(default, deserialize_with = "exact")]
    pub claims: Vec<ClaimSpec>,
    /// Sources declared inline in the note.
    #[serde(default, deserialize_with = "exact")]
    pub sources: Vec<SourceSpec>,
}

/// A claim as declared in a note's front matter.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimSpec {
    /// Global id, a slug.
    pub id: String,
    /// The statement, one sentence.
    pub text: String,
    /// A fact (the default) or a judgment.
    #[serde(default = "fact")]
    pub kind: ClaimKind,
    /// The figure, if the claim has one.
    pub value: Option<f64>,
    /// The figure's unit, e.g. `%` or `t REO`.
    pub unit: Option<String>,
    /// The period or as-of date the claim is about.
    #[serde(default, deserialize_with = "text_or_number")]
    pub period: Option<String>,
    /// The last day the claim holds: once it has passed, the claim is shown as lapsed.
    pub valid_until: Option<Date>,
    /// The figure computed from other claims' values: `a / b * 100`, `sum(a, b)`.
    pub derived: Option<String>,
    /// How sure the analyst is.
    pub confidence: Confidence,
    /// How probable a judgment is, on ICD 203's bands.
    pub likelihood: Option<Likelihood>,
    /// The assessed status, for claims made elsewhere.
    pub status: Option<Status>,
    /// Listed among the key judgments on the front page.
    #[serde(default)]
    pub key: bool,
    /// The analyst's note: derivation, caveats, why the status.
    pub note: Option<String>,
    /// The sources the claim rests on.
    #[serde(default, deserialize_with = "exact")]
    pub sources: Vec<SourceLinkSpec>,
    /// What a judgment takes as given.
    #[serde(default, deserialize_with = "exact")]
    pub assumptions: Vec<String>,
    /// Other outcomes, and what would make them so.
    #[serde(default, deserialize_with = "exact")]
    pub alternatives: Vec<String>,
    /// What would show a judgment going wrong, and by when to look.
    #[serde(default, deserialize_with = "exact")]
    pub indicators: Vec<IndicatorSpec>,
    /// Rules this claim may break, each with the reason.
    #[serde(default, deserialize_with = "exact")]
    pub allow: Vec<AllowSpec>,
    /// The id the claim had in earlier editions, when renamed.
    pub was: Option<String>,
    /// Why it changed, edition by edition.
    #[serde(default)]
    pub changes: Vec<ChangeNoteSpec>,
}

fn fact() -> ClaimKind {
    ClaimKind::Fact
}

/// A rule a claim may break, and why: `{code, reason}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllowSpec {
    /// The rule's diagnostic code, e.g. `credibility-unconfirmed`.
    pub code: String,
    /// Why the claim may break it, shown wherever the silenced problem is listed.
    pub reason: String,
}

/// What would show a judgment is going wrong: `{text, by, outcome}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorSpec {
    /// What to look for.
    pub text: String,
    /// The date by which to look.
    pub by: Option<Date>,
    /// What happened, once known.
    pub outcome: Option<String>,
}

/// One claim → source link: `- id` or `- {id, credibility, locator}`.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceLinkSpec {
    /// The source's id.
    pub id: String,
    /// Admiralty credibility 1–6 of the information, as this source gives it.
    pub credibility: Option<i64>,
    /// Where in the source: a page, table or section.
    pub locator: Option<String>,
}

/// A source: a file in `content/sources/` or an entry of a note's `sources:`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceSpec {
    /// Global id; a source file's name gives it when absent.
    pub id: Option<String>,
    /// The document's title.
    pub title: String,
    /// Who published it.
    pub publisher: String,
    /// Who wrote it.
    pub author: Option<String>,
    /// When it was published.
    pub date: Date,
    /// Where to read it.
    pub url: Option<String>,
    /// What kind of document it is.
    pub kind: SourceKind,
    /// Admiralty reliability A–F.
    pub reliability: Reliability,
    /// When the URL was last read.
    pub accessed: Option<Date>,
    /// The language of the document, a BCP 47 tag (`zh`, `pt-BR`), when not the briefing's.
    #[serde(default, deserialize_with = "language_tag")]
    pub language: Option<String>,
    /// The title in the briefing's language, for a title in another: shown in brackets after
    /// the title.
    pub translated_title: Option<String>,
    /// The annotation, for inline sources (a source file's body is its annotation).
    pub annotation: Option<String>,
}

/// A list as read, kept at its length: the parser grows a list as it reads it, to up to
/// twice the room it needs (a claim's one source takes room for four), and `dossier serve`
/// keeps every note's lists between builds.
fn exact<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let grown = Vec::<T>::deserialize(deserializer)?;
    if grown.len() == grown.capacity() {
        return Ok(grown);
    }
    let mut exact = Vec::with_capacity(grown.len());
    exact.extend(grown);
    Ok(exact)
}

fn text_or_number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    deserializer.deserialize_any(TextVisitor).map(Some)
}

/// A BCP 47 language tag as HTML's `lang` takes it: a primary language of 2–8 letters, then
/// subtags of 1–8 letters or digits, joined by `-`. Checked while the value is read, so that
/// a wrong one is reported where it stands.
fn language_tag<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    deserializer.deserialize_str(LanguageVisitor).map(Some)
}

struct LanguageVisitor;

impl Visitor<'_> for LanguageVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a language tag, such as `zh`, `en-GB` or `pt-BR`")
    }

    fn visit_str<E: de::Error>(self, tag: &str) -> Result<String, E> {
        let mut parts = tag.split('-');
        let primary = parts.next().unwrap_or_default();
        let letters = |p: &str| p.bytes().all(|b| b.is_ascii_alphabetic());
        let subtag =
            |p: &str| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric());
        if (2..=8).contains(&primary.len()) && letters(primary) && parts.all(subtag) {
            return Ok(tag.to_string());
        }
        Err(E::custom(format!(
            "`{tag}` is not a language tag (such as `zh`, `en-GB` or `pt-BR`)"
        )))
    }
}

struct TextVisitor;

impl Visitor<'_> for TextVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("text, such as \"2024\" or \"as of 2025-11-07\"")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        Ok(v.to_string())
    }
}

/// Accepts the short form (a bare id) as well as the long form (a mapping).
struct LinkVisitor;

impl<'de> Visitor<'de> for LinkVisitor {
    type Value = SourceLinkSpec;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a source id, or a mapping with `id`, `credibility` and `locator`")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<SourceLinkSpec, E> {
        Ok(SourceLinkSpec {
            id: v.to_string(),
            credibility: None,
            locator: None,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<SourceLinkSpec, A::Error> {
        SourceLinkLong::deserialize(MapAccessDeserializer::new(map)).map(|l| SourceLinkSpec {
            id: l.id,
            credibility: l.credibility,
            locator: l.locator,
        })
    }
}

/// The long form of a link, deserialised strictly.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceLinkLong {
    id: String,
    credibility: Option<i64>,
    locator: Option<String>,
}

impl<'de> Deserialize<'de> for SourceLinkSpec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LinkVisitor)
    }
}
