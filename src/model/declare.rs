//! Declarations: every source and claim with its id checked, duplicates caught, and each
//! claim's source links resolved to indexes. Bodies are not looked at here.

use std::collections::BTreeMap;

use crate::fingerprint::Map;
use std::sync::Arc;

use rayon::prelude::*;

use super::cache::Cache;
use super::derived::{self, Derived};
use super::{Claim, ClaimSource, Indicator, Source, Statement};
use crate::codes::Code;
use crate::content::{ClaimSpec, Content, NoteSpec, Outline, Page, SourceSpec, Spot, Step::Key};
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Pos, did_you_mean};
use crate::html::{is_slug, slugify};
use crate::markdown::scheme_of;
use crate::vocab::{ClaimKind, Credibility, Likelihood, Reliability, Status};

/// Where something is declared, for diagnostics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Place {
    /// The file.
    pub file: String,
    /// The position of its id (or of the file's start).
    pub pos: Pos,
}

/// Markdown to render later, with a way to place offsets in it.
#[derive(Debug, Clone)]
pub(super) struct Text<'c> {
    /// The Markdown.
    pub markdown: &'c str,
    /// The file it comes from.
    pub file: &'c str,
    /// The whole file, and the offset of `markdown` in it; `None` for text inside YAML.
    pub origin: Option<(&'c str, usize)>,
    /// The fallback position, for text inside YAML.
    pub at: Pos,
}

/// A source declaration, before its annotation is rendered.
pub(super) struct SourceDecl<'c> {
    pub spec: &'c SourceSpec,
    pub place: Place,
    pub annotation: Text<'c>,
}

/// The sources by id, in id order; problems go to `diagnostics`.
pub(super) fn sources<'c>(
    content: &'c Content,
    notes: &[&'c Page<NoteSpec>],
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, SourceDecl<'c>> {
    let mut all: BTreeMap<String, SourceDecl<'c>> = BTreeMap::new();
    let files = content.sources.iter().map(|page| file_source(page));
    let inline = notes
        .iter()
        .filter(|page| !page.spec.sources.is_empty())
        .flat_map(|page| {
            let outline = page.outline();
            let list = outline.near(Spot::ROOT, &[Key("sources")]);
            let items = outline.items(list, &[]);
            page.spec.sources.iter().enumerate().map(move |(i, spec)| {
                let item = items.get(i).copied().unwrap_or(list);
                let at = outline.at(item, &[Key("id")]);
                let annotation = Text {
                    markdown: spec.annotation.as_deref().unwrap_or(""),
                    file: &page.file,
                    origin: None,
                    at,
                };
                let url_at = outline.at(item, &[Key("url")]);
                (spec.id.clone(), spec, place(page, at), annotation, url_at)
            })
        });
    for declared in files.chain(inline) {
        let Some((id, decl)) = checked(declared, diagnostics) else {
            continue;
        };
        if let Some(first) = all.get(&id) {
            diagnostics.push(duplicate("source", &id, &decl.place, &first.place));
            continue;
        }
        all.insert(id, decl);
    }
    all
}

/// A source as it stands in its file or note, before its id is checked: its id (when it has
/// one), record, place, annotation and where its URL is.
type AsWritten<'c> = (Option<String>, &'c SourceSpec, Place, Text<'c>, Pos);

/// The source declared by source file `page`: its id is the file name unless it gives one.
fn file_source(page: &Page<SourceSpec>) -> AsWritten<'_> {
    let id = page.spec.id.clone().unwrap_or_else(|| page.stem.clone());
    let outline = page.outline();
    let at = match page.spec.id {
        Some(_) => outline.at(Spot::ROOT, &[Key("id")]),
        None => Pos::new(1, 1),
    };
    let annotation = Text {
        markdown: page.body(),
        file: &page.file,
        origin: Some((&page.text, page.body_offset)),
        at: Pos::new(1, 1),
    };
    let url_at = outline.at(Spot::ROOT, &[Key("url")]);
    (Some(id), &page.spec, place(page, at), annotation, url_at)
}

/// A source's id and URL checked; `None` when it has no id or a bad one, with the problem
/// in `diagnostics` (a bad URL is reported, the source kept).
fn checked<'c>(
    (id, spec, place, annotation, url_at): AsWritten<'c>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(String, SourceDecl<'c>)> {
    let Some(id) = id else {
        diagnostics.push(
            Diagnostic::error(Code::MissingKey, &place.file, place.pos, format!("the source `{}` declared in a note has no `id`", spec.title))
                .with_help("add `id: a-short-slug` to the source; files in content/sources/ take their id from the file name"),
        );
        return None;
    };
    if let Some(d) = check_id("source", &id, &place) {
        diagnostics.push(d);
        return None;
    }
    check_url(spec, &place, diagnostics, url_at);
    let decl = SourceDecl {
        spec,
        place,
        annotation,
    };
    Some((id, decl))
}

fn place<S>(page: &Page<S>, pos: Pos) -> Place {
    Place {
        file: page.file.clone(),
        pos,
    }
}

/// An error when `id` is not a slug.
pub(super) fn check_id(what: &str, id: &str, place: &Place) -> Option<Diagnostic> {
    if is_slug(id) {
        return None;
    }
    let suggestion = slugify(id);
    let example = if suggestion.is_empty() {
        "china-mine-share-2024"
    } else {
        &suggestion
    };
    let message =
        format!("the {what} id `{id}` may only use lower-case letters, digits and dashes");
    let help = format!("write it as a slug, for example `{example}`");
    Some(Diagnostic::error(Code::BadId, &place.file, place.pos, message).with_help(help))
}

fn duplicate(what: &str, id: &str, place: &Place, first: &Place) -> Diagnostic {
    Diagnostic::error(
        Code::DuplicateId,
        &place.file,
        place.pos,
        format!("the {what} id `{id}` is declared twice"),
    )
    .with_help(format!(
        "it is first declared at {}:{}:{}; rename one of them",
        first.file, first.pos.line, first.pos.col
    ))
}

fn check_url(spec: &SourceSpec, place: &Place, diagnostics: &mut Vec<Diagnostic>, at: Pos) {
    let Some(url) = &spec.url else { return };
    let scheme = scheme_of(url).map(str::to_ascii_lowercase);
    if matches!(scheme.as_deref(), Some("http" | "https" | "mailto"))
        && !url.contains(char::is_whitespace)
    {
        return;
    }
    diagnostics.push(
        Diagnostic::error(
            Code::BadUrl,
            &place.file,
            at,
            format!(
                "the URL `{url}` of source `{}` is not an http(s) or mailto address",
                spec.title
            ),
        )
        .with_help("give the full address, starting with https://"),
    );
}

/// The claims of `notes` (already in reading order), their sources resolved; their places.
/// Each note's claims are checked side by side (or taken from `kept`, as the last build
/// declared them from the same text against the same sources); only the duplicate check needs
/// them all. Gives each note's declarations too, to keep for the next build.
pub(super) fn claims(
    notes: &[&Arc<Page<NoteSpec>>],
    sources: &Known<'_>,
    today: Option<Date>,
    cache: Option<&mut Cache>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Claim>, Vec<Place>) {
    // Declarations are kept against the sources and the day (dates lapse).
    let sources_print = crate::fingerprint::of(&(sources.print(), today.map(|d| d.to_string())));
    let kept = cache.as_deref();
    let declared: Vec<Arc<[Declared]>> = notes
        .par_iter()
        .map(|page| {
            let again = || declared_in(page, sources, today).into();
            kept.and_then(|k| k.declared(page, sources_print))
                .unwrap_or_else(again)
        })
        .collect();
    let gathered = gathered(&declared, diagnostics);
    if let Some(cache) = cache {
        cache.keep_declared(notes, sources_print, declared);
    }
    gathered
}

/// The sources claims may rest on: each id's position, and what the grading rules read of
/// each source (by position).
pub(super) struct Known<'c> {
    /// Source id → position.
    pub ids: Map<&'c str, usize>,
    /// Each source's publisher and reliability, by position.
    pub graded: Vec<(&'c str, Reliability)>,
}

impl Known<'_> {
    /// A fingerprint of everything declaring a claim reads of the sources: which ids there
    /// are, at which positions, with which publisher and reliability.
    fn print(&self) -> u64 {
        let mut ids: Vec<(&str, usize)> = self.ids.iter().map(|(id, at)| (*id, *at)).collect();
        ids.sort_unstable();
        crate::fingerprint::of(&(ids, &self.graded))
    }
}

/// The claims of every note's declarations (in reading order, note `i`'s at `i`), each
/// claim's `declared_in` set to its note; duplicates reported.
fn gathered(
    declared: &[Arc<[Declared]>],
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Claim>, Vec<Place>) {
    let count = declared.iter().map(|d| d.len()).sum();
    let declared = declared
        .iter()
        .enumerate()
        .flat_map(|(note, d)| d.iter().map(move |d| (note, d)));
    // Made to their size at once: 30,000 claims are megabytes, grown they are twice that.
    let mut claims: Vec<Claim> = Vec::with_capacity(count);
    let mut places: Vec<Place> = Vec::with_capacity(count);
    let mut seen: Map<&str, usize> = Map::with_capacity_and_hasher(count, Default::default());
    for (note, d) in declared {
        let Some(claim) = &d.claim else {
            diagnostics.extend(d.problems.iter().cloned());
            continue;
        };
        if let Some(&first) = seen.get(claim.id.as_str()) {
            diagnostics.push(duplicate("claim", &claim.id, &d.here, &places[first]));
            continue;
        }
        diagnostics.extend(d.problems.iter().cloned());
        seen.insert(&claim.id, claims.len());
        places.push(d.here.clone());
        claims.push(Claim {
            stated: Arc::clone(claim),
            declared_in: note,
            used_by: Vec::new(),
            charts: Vec::new(),
            computed: None,
            inputs: Vec::new(),
        });
    }
    (claims, places)
}

/// A claim as one note declares it, checked on its own.
#[derive(Debug, Clone)]
pub(super) struct Declared {
    /// Where its id is.
    here: Place,
    /// The claim; `None` when its id is not a slug.
    claim: Option<Arc<Statement>>,
    /// What is wrong with it, reported unless it turns out to be a duplicate.
    problems: Vec<Diagnostic>,
}

/// The claims note `note` (`page`) declares, in order.
fn declared_in(page: &Page<NoteSpec>, sources: &Known<'_>, today: Option<Date>) -> Vec<Declared> {
    if page.spec.claims.is_empty() {
        return Vec::new();
    }
    let outline = page.outline();
    let list = outline.near(Spot::ROOT, &[Key("claims")]);
    let items = outline.items(list, &[]);
    let declare = |(i, spec): (usize, &ClaimSpec)| {
        let item = items.get(i).copied().unwrap_or(list);
        let here = place(page, outline.at(item, &[Key("id")]));
        if let Some(d) = check_id("claim", &spec.id, &here) {
            let problems = vec![d];
            return Declared {
                here,
                claim: None,
                problems,
            };
        }
        let mut problems = Vec::new();
        let written = Written {
            file: &page.file,
            outline: &outline,
            item,
        };
        let links = claim_sources(&written, spec, &sources.ids, &mut problems);
        check_grading(spec, &links, sources, &written, &mut problems);
        check_claim(spec, &here, &written, &mut problems);
        check_judgment(spec, &here, &written, &mut problems);
        let text_at = outline.at(item, &[Key("text")]);
        super::estimative::check(spec, &page.file, &page.text, text_at, &mut problems);
        let lapsed = |d: Option<Date>| d.zip(today).is_some_and(|(d, t)| d.passed(t));
        check_dates(spec, &lapsed, &written, &mut problems);
        let allowed = allowed(spec, &written, &mut problems);
        for d in problems.iter_mut() {
            if let Some((_, reason)) = allowed.iter().find(|(code, _)| *code == d.code) {
                *d = d
                    .clone()
                    .silenced(&format!("allowed on claim `{}`: {reason}", spec.id));
            }
        }
        let mut statement = statement(spec, links, &lapsed);
        statement.allowed = allowed;
        statement.derived = derived(spec, &page.text, &written, &mut problems);
        let claim = Some(Arc::new(statement));
        Declared {
            here,
            claim,
            problems,
        }
    };
    page.spec.claims.iter().enumerate().map(declare).collect()
}

/// The Admiralty rules a claim's grading must keep: credibility 1 ("confirmed by other
/// sources") needs sources from at least two publishers; status `confirmed` needs two
/// publishers or one source of reliability A or B. Both are warnings, at the field.
fn check_grading(
    spec: &ClaimSpec,
    links: &[ClaimSource],
    sources: &Known<'_>,
    at: &Written<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut publishers: Vec<String> = links
        .iter()
        .map(|l| sources.graded[l.source].0.trim().to_lowercase())
        .collect();
    publishers.sort_unstable();
    publishers.dedup();
    let independent = publishers.len() >= 2;
    let id = &spec.id;
    if !independent {
        let list = at.outline.near(at.item, &[Key("sources")]);
        let items = at.outline.items(list, &[]);
        let confirmed = spec.sources.iter().enumerate();
        let confirmed = confirmed.filter(|(_, l)| l.credibility == Some(1));
        for (j, link) in confirmed {
            let spot = items.get(j).copied().unwrap_or(list);
            let pos = at.outline.at(spot, &[Key("credibility")]);
            let message = format!(
                "the claim `{id}` grades `{}` 1, \"confirmed by other sources\", but rests on one publisher only",
                link.id
            );
            let help = "cite a second source from another publisher, or grade it 2 (probably true)";
            diagnostics.push(
                Diagnostic::warning(Code::CredibilityUnconfirmed, at.file, pos, message)
                    .with_help(help),
            );
        }
    }
    let strong = links
        .iter()
        .any(|l| matches!(sources.graded[l.source].1, Reliability::A | Reliability::B));
    if spec.status == Some(Status::Confirmed) && !independent && !strong {
        let pos = at.outline.at(at.item, &[Key("status")]);
        let message =
            format!("the claim `{id}` is `confirmed` on one publisher's word, graded below B");
        let help = "cite a second, independent source or one of reliability A or B, or use `status: unconfirmed`";
        diagnostics.push(
            Diagnostic::warning(Code::ConfirmedUnsupported, at.file, pos, message).with_help(help),
        );
    }
}

/// Claim `spec`'s `derived:` expression, parsed, with the decimals its value is written
/// with (read from the file `source`); a problem is an error at the expression.
fn derived(
    spec: &ClaimSpec,
    source: &str,
    at: &Written<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Box<Derived>> {
    let text = spec.derived.as_deref()?.trim();
    let pos = at.outline.at(at.item, &[Key("derived")]);
    let value_at = at.outline.at(at.item, &[Key("value")]);
    let problem = |message: String, help: &str| {
        Diagnostic::error(Code::BadDerived, at.file, pos, message).with_help(help.to_string())
    };
    if spec.value.is_none() {
        let message = format!("the derived claim `{}` states no `value`", spec.id);
        diagnostics.push(problem(message, "state the figure in `value:`, written to the decimals it claims; the build checks it against the expression"));
        return None;
    }
    match derived::parse(text) {
        Ok(expr) => Some(Box::new(Derived {
            text: text.to_string(),
            expr,
            decimals: derived::decimals(written_at(source, value_at)),
            at: pos,
            value_at,
        })),
        Err(why) => {
            let message = format!("the expression of `{}` does not parse: {why}", spec.id);
            diagnostics.push(problem(
                message,
                "use claim ids, numbers, + - * / (spaces around -), parentheses and sum(a, b, …)",
            ));
            None
        }
    }
}

/// The scalar written at `at` in `source`: up to a space, a comma, a bracket or a comment.
fn written_at(source: &str, at: Pos) -> &str {
    let line = source.lines().nth(at.line.saturating_sub(1)).unwrap_or("");
    let from = line
        .char_indices()
        .nth(at.col.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    let rest = line[from..].trim_start_matches(['"', '\'']);
    let end = rest
        .find([' ', ',', ']', '}', '#', '"', '\''])
        .unwrap_or(rest.len());
    &rest[..end]
}

/// The rules claim `spec` may break (`allow:`), each a rule's code with a reason; an entry
/// naming no rule, or giving no reason, is an error at it.
fn allowed(
    spec: &ClaimSpec,
    at: &Written<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(Code, String)> {
    let list = at.outline.near(at.item, &[Key("allow")]);
    let items = at.outline.items(list, &[]);
    let mut allowed = Vec::new();
    for (k, allow) in spec.allow.iter().enumerate() {
        let item = items.get(k).copied().unwrap_or(list);
        let code = Code::named(allow.code.trim()).filter(|c| c.is_rule());
        let problem = match (code, allow.reason.trim()) {
            (None, _) => Some((
                "code",
                format!("`{}` is not a rule a claim may break", allow.code),
                "name one of the analytic rules, e.g. `credibility-unconfirmed` (the README lists them)",
            )),
            (Some(_), "") => Some((
                "reason",
                "an allowed rule needs a reason".to_string(),
                "say why the claim may break it: the reason is listed with it",
            )),
            (Some(code), reason) => {
                allowed.push((code, reason.to_string()));
                None
            }
        };
        if let Some((key, message, help)) = problem {
            let pos = at.outline.at(item, &[Key(key)]);
            diagnostics
                .push(Diagnostic::error(Code::InvalidValue, at.file, pos, message).with_help(help));
        }
    }
    allowed
}

/// Warns (`stale`) of a claim whose `valid_until` has passed, and of an indicator whose `by`
/// has passed with no `outcome`, at the date.
fn check_dates(
    spec: &ClaimSpec,
    lapsed: &dyn Fn(Option<Date>) -> bool,
    at: &Written<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let id = &spec.id;
    if let Some(until) = spec.valid_until.filter(|&d| lapsed(Some(d))) {
        let pos = at.outline.at(at.item, &[Key("valid_until")]);
        let message = format!(
            "the claim `{id}` held until {}, which has passed",
            until.human()
        );
        let help = "check it again and set a later `valid_until:`, or withdraw the claim";
        diagnostics.push(Diagnostic::warning(Code::Stale, at.file, pos, message).with_help(help));
    }
    let list = at.outline.near(at.item, &[Key("indicators")]);
    for (k, indicator) in spec.indicators.iter().enumerate() {
        let Some(by) = indicator
            .by
            .filter(|&d| indicator.outcome.is_none() && lapsed(Some(d)))
        else {
            continue;
        };
        let item = at.outline.items(list, &[]).get(k).copied().unwrap_or(list);
        let pos = at.outline.at(item, &[Key("by")]);
        let message = format!(
            "an indicator of `{id}` was due by {}, which has passed, and has no outcome",
            by.human()
        );
        let help = "write what happened in `outcome:`, or set a later `by:`";
        diagnostics.push(Diagnostic::warning(Code::Stale, at.file, pos, message).with_help(help));
    }
}

/// A judgment needs a likelihood; a fact has none, nor assumptions, alternatives or
/// indicators (they describe an assessment).
fn check_judgment(
    spec: &ClaimSpec,
    here: &Place,
    at: &Written<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let id = &spec.id;
    if spec.kind == ClaimKind::Judgment && spec.likelihood.is_none() {
        let pos = at.outline.at(at.item, &[Key("kind")]);
        let message = format!("the judgment `{id}` has no likelihood");
        let help = format!(
            "say how probable it is with `likelihood:`, one of {}",
            bands()
        );
        diagnostics.push(
            Diagnostic::error(Code::MissingLikelihood, &here.file, pos, message).with_help(help),
        );
    }
    if spec.kind == ClaimKind::Judgment {
        return;
    }
    let judged = [
        ("likelihood", spec.likelihood.is_some()),
        ("assumptions", !spec.assumptions.is_empty()),
        ("alternatives", !spec.alternatives.is_empty()),
        ("indicators", !spec.indicators.is_empty()),
    ];
    for (key, _) in judged.iter().filter(|(_, given)| *given) {
        let pos = at.outline.at(at.item, &[Key(key)]);
        let message =
            format!("the claim `{id}` is a fact, but has `{key}:`, which only a judgment has");
        let help = "add `kind: judgment` if it is the analyst's assessment, or remove the field";
        diagnostics
            .push(Diagnostic::error(Code::JudgmentOnly, &here.file, pos, message).with_help(help));
    }
}

/// The likelihood bands, as written in YAML.
fn bands() -> String {
    let slugs: Vec<String> = Likelihood::ALL
        .iter()
        .map(|l| format!("`{}`", l.as_str()))
        .collect();
    slugs.join(", ")
}

/// Where a claim is written: its file, and its item in that file's front matter.
struct Written<'w> {
    file: &'w str,
    outline: &'w Outline<'w>,
    item: Spot,
}

fn statement(
    spec: &ClaimSpec,
    sources: Vec<ClaimSource>,
    lapsed: &dyn Fn(Option<Date>) -> bool,
) -> Statement {
    Statement {
        id: spec.id.clone(),
        text: spec.text.trim().to_string(),
        value: spec.value,
        unit: spec.unit.clone(),
        period: spec.period.clone(),
        confidence: spec.confidence,
        status: spec.status,
        key: spec.key,
        note: spec.note.clone(),
        sources,
        kind: spec.kind,
        likelihood: spec.likelihood,
        assumptions: trimmed(&spec.assumptions),
        alternatives: trimmed(&spec.alternatives),
        indicators: spec
            .indicators
            .iter()
            .map(|i| Indicator {
                text: i.text.trim().to_string(),
                by: i.by,
                outcome: i.outcome.as_deref().map(str::trim).map(str::to_string),
                lapsed: i.outcome.is_none() && lapsed(i.by),
            })
            .collect(),
        valid_until: spec.valid_until,
        lapsed: lapsed(spec.valid_until),
        allowed: Vec::new(),
        derived: None,
        was: spec.was.as_deref().map(str::trim).map(str::to_string),
        explained: spec
            .changes
            .iter()
            .map(|c| (c.edition, c.note.trim().to_string()))
            .collect(),
    }
}

fn trimmed(texts: &[String]) -> Vec<String> {
    texts.iter().map(|t| t.trim().to_string()).collect()
}

/// The largest figure a claim may have, in size: every whole number up to it is held exactly,
/// so the figure prints as written (the charts' limit too).
const MAX_FIGURE: f64 = crate::charts::MAX_VALUE;

fn check_claim(
    spec: &ClaimSpec,
    here: &Place,
    at: &Written<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let (file, pos, id) = (&here.file, here.pos, &spec.id);
    let value_at = at.outline.at(at.item, &[Key("value")]);
    if spec.sources.is_empty() {
        diagnostics.push(
            Diagnostic::error(
                Code::NoSources,
                file,
                pos,
                format!("the claim `{id}` has no sources"),
            )
            .with_help("every claim needs at least one source: add `sources: [source-id]`"),
        );
    }
    if spec.text.trim().is_empty() {
        diagnostics.push(
            Diagnostic::error(
                Code::EmptyText,
                file,
                pos,
                format!("the claim `{id}` has no text"),
            )
            .with_help("write the statement in `text:`"),
        );
    }
    if spec.value.is_some_and(|v| !v.is_finite()) {
        diagnostics.push(
            Diagnostic::error(
                Code::BadValue,
                file,
                value_at,
                format!("the value of claim `{id}` is not a finite number"),
            )
            .with_help("write the figure as a plain number, e.g. `value: 69`"),
        );
    } else if spec.value.is_some_and(|v| v.abs() > MAX_FIGURE) {
        diagnostics.push(
            Diagnostic::error(
                Code::BadValue,
                file,
                value_at,
                format!("the value of claim `{id}` is larger than a figure can be printed exactly (at most 1e15 in size)"),
            )
            .with_help("give the figure in a larger unit, e.g. `value: 1.2` with `unit: trillion US$`"),
        );
    }
    if spec.value.is_some() && spec.period.is_none() {
        diagnostics.push(
            Diagnostic::error(
                Code::MissingPeriod,
                file,
                pos,
                format!("the claim `{id}` has a value but no period"),
            )
            .with_help(
                "say when the figure holds, e.g. `period: \"2024\"` or `period: as of 2025-11-07`",
            ),
        );
    }
}

fn claim_sources(
    written: &Written<'_>,
    spec: &ClaimSpec,
    sources: &Map<&str, usize>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<ClaimSource> {
    let (outline, file) = (written.outline, written.file);
    let list = outline.near(written.item, &[Key("sources")]);
    let items = outline.items(list, &[]);
    let mut links = Vec::new();
    for (j, link) in spec.sources.iter().enumerate() {
        let spot = items.get(j).copied().unwrap_or(list);
        // Only a problem needs the line and column.
        let pos = |key: &str| outline.at(spot, &[Key(key)]);
        let Some(&source) = sources.get(link.id.as_str()) else {
            let help = did_you_mean(
                &link.id,
                sources.keys().copied(),
                "declare it in content/sources/ or under `sources:` in a note",
            );
            diagnostics.push(
                Diagnostic::error(
                    Code::UnknownSource,
                    file,
                    pos("id"),
                    format!(
                        "the claim `{}` cites `{}`, which is not a source",
                        spec.id, link.id
                    ),
                )
                .with_help(help),
            );
            continue;
        };
        let credibility = match link.credibility {
            None => None,
            Some(n) => match u8::try_from(n).ok().and_then(Credibility::new) {
                Some(c) => Some(c),
                None => {
                    diagnostics.push(
                        Diagnostic::error(Code::BadCredibility, file, pos("credibility"), format!("the credibility {n} of `{}` for claim `{}` is not between 1 and 6", link.id, spec.id))
                            .with_help("use the Admiralty scale: 1 confirmed, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable, 6 cannot be judged"),
                    );
                    None
                }
            },
        };
        links.push(ClaimSource {
            source,
            credibility,
            locator: link.locator.clone(),
        });
    }
    links
}

/// Builds a `Source` from its declaration; the annotation is rendered by the caller.
pub(super) fn source(id: &str, decl: &SourceDecl<'_>, annotation_html: Arc<str>) -> Source {
    let spec = decl.spec;
    Source {
        id: id.to_string(),
        file: decl.place.file.clone(),
        title: spec.title.trim().to_string(),
        publisher: spec.publisher.trim().to_string(),
        author: spec.author.clone(),
        date: spec.date,
        url: spec.url.clone(),
        kind: spec.kind,
        reliability: spec.reliability,
        accessed: spec.accessed,
        language: spec.language.clone(),
        translated_title: spec.translated_title.clone(),
        annotation_html,
        claims: Vec::new(),
        notes: Vec::new(),
        charts: Vec::new(),
    }
}
