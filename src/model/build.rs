//! `build`: content → briefing, linked from scratch every time. Orders notes, declares
//! sources and claims, renders every body (in parallel, or takes it from the [`Cache`] when
//! its text and the facts it looked up are as they were) while resolving its references,
//! then turns the ids bodies refer to into backlinks. Nothing is renumbered: positions live
//! only inside the one briefing they index.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::cache::{Cache, Rendered};
use super::declare::{self, Place, Text};
use super::links::{self, Refs};
use super::print;
use super::resolve::{Cited, Index, Resolved, resolve};
use super::{Briefing, Front, Note, Reference, Section, Tag};
use crate::codes::Code;
use crate::config::Config;
use crate::content::{Content, NoteSpec, Page, Spot, Step::Item, Step::Key};
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Pos, did_you_mean, has_errors};
use crate::fingerprint::Map;
use crate::html::{is_slug, slugify};

/// The way back to the site root from a detail page (`notes/x/index.html` and the like).
pub(super) const DETAIL_ROOT: &str = "../../";

/// Resolves `content` into a briefing; every problem found is returned beside it. No date
/// is checked against today ([`build_on`] does).
pub fn build(content: &Content, config: Config) -> (Briefing, Vec<Diagnostic>) {
    build_with(content, config, None, None)
}

/// [`build`] on the day `today`: dates that have passed (`review_by`, `valid_until`, an
/// indicator's `by`) are reported and shown as lapsed.
pub fn build_on(content: &Content, config: Config, today: Date) -> (Briefing, Vec<Diagnostic>) {
    build_with(content, config, Some(today), None)
}

/// [`build`] on `today` when given, else [`build`].
pub fn build_with_today(
    content: &Content,
    config: Config,
    today: Option<Date>,
) -> (Briefing, Vec<Diagnostic>) {
    build_with(content, config, today, None)
}

/// [`build`] (on `today`, when given), taking from `cache` the bodies that would render
/// the same, and refilling it with this build's.
pub fn build_cached(
    content: &Content,
    config: Config,
    today: Option<Date>,
    cache: &mut Cache,
) -> (Briefing, Vec<Diagnostic>) {
    build_with(content, config, today, Some(cache))
}

fn build_with(
    content: &Content,
    config: Config,
    today: Option<Date>,
    mut cache: Option<&mut Cache>,
) -> (Briefing, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let declared_sections = content
        .index
        .as_ref()
        .map_or(&[][..], |p| &p.spec.sections[..]);
    let arcs = ordered_notes(content, declared_sections, &mut diagnostics);
    let notes: Vec<&Page<NoteSpec>> = arcs.iter().map(|p| p.as_ref()).collect();
    let source_decls = declare::sources(content, &notes, &mut diagnostics);
    let known = declare::Known {
        ids: (source_decls.keys().enumerate())
            .map(|(i, id)| (id.as_str(), i))
            .collect(),
        graded: (source_decls.values())
            .map(|d| (d.spec.publisher.as_str(), d.spec.reliability))
            .collect(),
    };
    let (claims, claim_places) =
        declare::claims(&arcs, &known, today, cache.as_deref_mut(), &mut diagnostics);
    let mut claims = claims;
    let file_of = |note: usize| notes[note].file.clone();
    super::derived::compute(&mut claims, &file_of, &mut diagnostics);
    let index = Index {
        claims: claims
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect(),
        sources: known.ids,
        notes: notes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.stem.as_str(), i))
            .collect(),
        source_titles: source_decls.values().map(|d| d.spec.title.trim()).collect(),
        source_publishers: source_decls
            .values()
            .map(|d| d.spec.publisher.trim())
            .collect(),
        claim_figures: claims
            .iter()
            .map(|c| (c.value, c.unit.as_deref()))
            .collect(),
        claim_derived: claims.iter().map(|c| c.derived.is_some()).collect(),
        print: 0,
    };
    let index = Index {
        print: index.answers_print(),
        ..index
    };
    let bodies = Bodies::render(&index, content, &arcs, &source_decls, cache);
    let print = config
        .print_edition(notes.len())
        .then(|| print_edition(&index, content, &notes));
    let tocs: Vec<&[crate::markdown::Heading]> =
        bodies.notes.iter().map(|b| &b.rendered.toc[..]).collect();
    let outgoing = bodies.all().map(|b| &b.outgoing);
    links::check_fragments(&index, &tocs, outgoing, &mut diagnostics);
    let refs: Vec<Refs> = bodies
        .notes
        .par_iter()
        .map(|b| Refs::of(&index, &b.outgoing))
        .collect();
    let front_refs = bodies.front.as_ref().map(|b| Refs::of(&index, &b.outgoing));
    let references: Vec<Vec<Reference>> = bodies
        .notes
        .par_iter()
        .map(|b| numbered(&index, &b.references))
        .collect();
    drop(index);
    for body in bodies.all() {
        diagnostics.extend(body.diagnostics.iter().cloned());
    }
    let charted = || bodies.all().flat_map(|b| &b.outgoing.charts);
    super::charts::check_names(charted(), &mut diagnostics);
    let chart_data = charted().map(|c| Arc::clone(&c.data)).collect();

    let (sections, section_of) = sections(&notes, declared_sections);
    let (tags, tags_of) = tags(&notes, &mut diagnostics);
    let mut briefing = Briefing {
        config,
        sections: sections.into(),
        tags: tags.into(),
        claims: claims.into(),
        print,
        chart_data,
        ..Briefing::default()
    };
    let annotation_charts: usize = bodies
        .annotations
        .iter()
        .map(|a| a.outgoing.charts.len())
        .sum();
    briefing.charts = refs
        .iter()
        .chain(&front_refs)
        .map(Refs::charts)
        .sum::<usize>()
        + annotation_charts;
    let made = notes
        .par_iter()
        .zip(&bodies.notes)
        .zip(references)
        .enumerate();
    let made: Vec<Note> = made
        .map(|(i, ((page, body), references))| {
            note(page, body, references, section_of[i], tags_of[i].clone())
        })
        .collect();
    briefing.notes = made.into();
    for (i, claim) in briefing.claims.iter().enumerate() {
        briefing.notes[claim.declared_in].claims.push(i);
    }
    let source_places: Vec<Place> = source_decls.values().map(|d| d.place.clone()).collect();
    for ((id, decl), annotation) in source_decls.iter().zip(&bodies.annotations) {
        let html = Arc::clone(&annotation.rendered.html);
        briefing.sources.push(declare::source(id, decl, html));
    }
    let front_html = bodies
        .front
        .as_ref()
        .map_or_else(|| Arc::from(""), |b| Arc::clone(&b.rendered.html));
    if let Some(page) = content.index.as_deref() {
        let band = |id: &str| {
            let claim = briefing.claims.unnoted().iter().find(|c| c.id == id)?;
            claim
                .likelihood
                .filter(|_| claim.kind == crate::vocab::ClaimKind::Judgment)
        };
        let place = (page.file.as_str(), page.text.as_str(), page.body_offset);
        super::estimative::check_linked(page.body(), place, &band, &mut diagnostics);
    }
    briefing.front = front(
        content,
        &briefing.config,
        front_html,
        today,
        &mut diagnostics,
    );
    links::fill(&mut briefing, &refs, front_refs.as_ref());
    let inputs = super::editions::Inputs {
        content,
        notes: &notes,
        claim_places: &claim_places,
    };
    super::editions::resolve(&mut briefing, &inputs, &mut diagnostics);
    if !has_errors(&diagnostics) {
        // Unused-id warnings are noise while errors hide some of the references.
        links::warn_unused(&briefing, &claim_places, &source_places, &mut diagnostics);
    }
    (briefing, diagnostics)
}

/// Every body of one build: the notes' (reading order), the annotations' (source id order)
/// and the front page's.
struct Bodies {
    /// The notes' bodies, in reading order.
    notes: Vec<Arc<Resolved>>,
    /// The sources' annotations, in id order.
    annotations: Vec<Arc<Resolved>>,
    /// The front page's body, when there is a front page.
    front: Option<Arc<Resolved>>,
}

impl Bodies {
    /// Renders every body against `index`, or takes it from `cache` (and refills the cache).
    fn render(
        index: &Index<'_>,
        content: &Content,
        notes: &[&Arc<Page<NoteSpec>>],
        sources: &BTreeMap<String, declare::SourceDecl<'_>>,
        cache: Option<&mut Cache>,
    ) -> Bodies {
        let kept = cache.as_deref();
        let rendered = AtomicUsize::new(0);
        let render = |text: &Text<'_>, root: &str| {
            rendered.fetch_add(1, Ordering::Relaxed);
            Arc::new(resolve(index, text, root))
        };
        let texts: Vec<Text<'_>> = notes.iter().map(|p| body_text(p)).collect();
        let bodies = notes.par_iter().zip(&texts).map(|(page, text)| {
            let cached = kept.and_then(|c| c.note(page, text, index));
            cached.unwrap_or_else(|| render(text, DETAIL_ROOT))
        });
        let annotations = sources.par_iter().map(|(id, d)| {
            let cached = kept.and_then(|c| c.annotation(id, &d.annotation, index));
            cached.unwrap_or_else(|| render(&d.annotation, DETAIL_ROOT))
        });
        let front_text = content.index.as_deref().map(body_text);
        let front = front_text.as_ref().map(|text| {
            let cached = kept.and_then(|c| c.front(text, index));
            cached.unwrap_or_else(|| render(text, ""))
        });
        let bodies = Bodies {
            notes: bodies.collect(),
            annotations: annotations.collect(),
            front,
        };
        if let Some(cache) = cache {
            let notes = notes.iter().copied().zip(&texts).zip(&bodies.notes);
            let notes = notes.map(|((name, text), body)| Rendered { name, text, body });
            cache.keep_notes(index, notes);
            let annotations = sources.iter().zip(&bodies.annotations);
            let annotations = annotations.map(|((id, d), body)| Rendered {
                name: id.as_str(),
                text: &d.annotation,
                body,
            });
            cache.keep_annotations(index, annotations);
            let front = front_text.as_ref().zip(bodies.front.as_ref());
            let front = front.map(|(text, body)| Rendered {
                name: (),
                text,
                body,
            });
            cache.keep_front(index, front);
            cache.rendered = rendered.into_inner();
        }
        bodies
    }

    /// Every body: the notes', the front page's, the annotations'.
    fn all(&self) -> impl Iterator<Item = &Resolved> {
        let notes = self.notes.iter().chain(&self.front);
        notes.chain(&self.annotations).map(|b| &**b)
    }
}

/// The print edition of the front page and `notes` (in reading order).
fn print_edition(
    index: &Index<'_>,
    content: &Content,
    notes: &[&Page<NoteSpec>],
) -> super::PrintEdition {
    let texts: Vec<_> = notes
        .iter()
        .map(|p| (body_text(p), p.stem.as_str()))
        .collect();
    let front = content.index.as_deref().map(body_text);
    print::render(index, front.as_ref(), &texts)
}

fn body_text<S>(page: &Page<S>) -> Text<'_> {
    Text {
        markdown: page.body(),
        file: &page.file,
        origin: Some((&page.text, page.body_offset)),
        at: Pos::new(1, 1),
    }
}

fn front(
    content: &Content,
    config: &Config,
    body_html: Arc<str>,
    today: Option<Date>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Front {
    let spec = content
        .index
        .as_ref()
        .map(|p| p.spec.clone())
        .unwrap_or_default();
    let overdue = spec
        .review_by
        .filter(|by| today.is_some_and(|t| by.passed(t)));
    if let (Some(by), Some(page)) = (overdue, content.index.as_ref()) {
        let pos = page.outline().at(Spot::ROOT, &[Key("review_by")]);
        let message = format!(
            "the briefing was due for review by {}, which has passed",
            by.human()
        );
        let help = "review it and set a later `review_by:` (and `updated:` or a new `date:`)";
        diagnostics
            .push(Diagnostic::warning(Code::Stale, &page.file, pos, message).with_help(help));
    }
    Front {
        title: spec.title.unwrap_or_else(|| config.title.clone()),
        summary: spec.summary,
        date: spec.date,
        edition: spec.edition,
        review_by: spec.review_by,
        overdue: overdue.is_some(),
        corrections: spec.corrections,
        body_html,
    }
}

/// The reference list `cited` with each source by its position in `index`.
fn numbered(index: &Index<'_>, cited: &[Cited]) -> Vec<Reference> {
    let reference = |c: &Cited| {
        Some(Reference {
            source: *index.sources.get(c.source.as_str())?,
            anchors: Arc::clone(&c.anchors),
            locators: Arc::clone(&c.locators),
        })
    };
    cited.iter().filter_map(reference).collect()
}

/// The note `page` makes, its claims and backlinks not filled in yet.
fn note(
    page: &Page<NoteSpec>,
    body: &Resolved,
    references: Vec<Reference>,
    section: usize,
    tags: Vec<usize>,
) -> Note {
    let spec = &page.spec;
    Note {
        slug: page.stem.clone(),
        file: page.file.clone(),
        title: spec.title.trim().to_string(),
        summary: spec.summary.clone(),
        date: spec.date,
        updated: spec.updated,
        section,
        tags,
        body_html: Arc::clone(&body.rendered.html),
        toc: Arc::clone(&body.rendered.toc),
        claims: Vec::new(),
        references,
        backlinks: Vec::new(),
        claim_links: Vec::new(),
    }
}

/// The notes in reading order, with bad slugs, duplicate slugs and unknown sections reported.
fn ordered_notes<'c>(
    content: &'c Content,
    declared: &[String],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<&'c Arc<Page<NoteSpec>>> {
    let mut seen: Map<&str, &str> = Map::default();
    let mut notes = Vec::new();
    for page in &content.notes {
        let place = Place {
            file: page.file.clone(),
            pos: Pos::new(1, 1),
        };
        if !is_slug(&page.stem) {
            let d = Diagnostic::error(
                Code::BadId,
                &page.file,
                place.pos,
                format!(
                    "the file name `{}.md` may only use lower-case letters, digits and dashes",
                    page.stem
                ),
            );
            let help = format!(
                "rename the file to `{}.md`: a note's file name is its URL",
                slugify(&page.stem)
            );
            diagnostics.push(d.with_help(help));
            continue;
        }
        if let Some(first) = seen.insert(&page.stem, &page.file) {
            let d = Diagnostic::error(
                Code::DuplicateId,
                &page.file,
                place.pos,
                format!("the note slug `{}` is used twice", page.stem),
            );
            diagnostics.push(d.with_help(format!(
                "{first} has the same file name; rename one of them"
            )));
            continue;
        }
        check_section(page, declared, diagnostics);
        notes.push(page);
    }
    notes.sort_by_cached_key(|p| order_key(p, declared));
    notes
}

/// Where a note goes in reading order: by section (as `declared`, then the others by name,
/// then notes without one), weight, date, title and file name.
fn order_key(page: &Page<NoteSpec>, declared: &[String]) -> impl Ord + use<> {
    let spec = &page.spec;
    let section = spec.section.as_deref();
    let position = section.and_then(|s| declared.iter().position(|d| d == s));
    (
        section.is_none(),
        position.unwrap_or(usize::MAX),
        section.map(str::to_string),
        spec.weight,
        spec.date,
        spec.title.clone(),
        page.stem.clone(),
    )
}

fn check_section(page: &Page<NoteSpec>, declared: &[String], diagnostics: &mut Vec<Diagnostic>) {
    let Some(section) = &page.spec.section else {
        return;
    };
    if declared.is_empty() || declared.contains(section) {
        return;
    }
    let pos = page.outline().at(Spot::ROOT, &[Key("section")]);
    let help = did_you_mean(
        section,
        declared.iter().map(String::as_str),
        "add it to `sections:` in content/_index.md, or use one listed there",
    );
    diagnostics.push(
        Diagnostic::error(
            Code::UnknownSection,
            &page.file,
            pos,
            format!("the section `{section}` is not listed in content/_index.md"),
        )
        .with_help(help),
    );
}

/// The sections in order, and each note's section index.
fn sections(notes: &[&Page<NoteSpec>], declared: &[String]) -> (Vec<Section>, Vec<usize>) {
    let mut sections: Vec<Section> = declared.iter().map(|t| section(Some(t.as_str()))).collect();
    let mut of = Vec::with_capacity(notes.len());
    for (i, page) in notes.iter().enumerate() {
        let title = page.spec.section.as_deref();
        let at = match sections.iter().position(|s| s.title.as_deref() == title) {
            Some(at) => at,
            None => {
                sections.push(section(title));
                sections.len() - 1
            }
        };
        sections[at].notes.push(i);
        of.push(at);
    }
    (sections, of)
}

fn section(title: Option<&str>) -> Section {
    let slug = title.map_or_else(|| "other-notes".to_string(), slugify);
    Section {
        title: title.map(str::to_string),
        slug,
        notes: Vec::new(),
    }
}

/// The tags sorted by slug, and each note's tag indexes.
fn tags(
    notes: &[&Page<NoteSpec>],
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Tag>, Vec<Vec<usize>>) {
    let mut found: Vec<Tag> = Vec::new();
    // Each name's tag (`None`: no slug), and each slug's: a tag is named on many notes.
    let mut by_name: Map<&str, Option<usize>> = Map::default();
    let mut by_slug: Map<String, usize> = Map::default();
    for (i, page) in notes.iter().enumerate() {
        for (k, name) in page.spec.tags.iter().enumerate() {
            let at = *by_name.entry(name).or_insert_with(|| {
                let slug = slugify(name);
                if slug.is_empty() {
                    return None;
                }
                let at = by_slug.entry(slug.clone()).or_insert(found.len());
                if *at == found.len() {
                    found.push(Tag {
                        name: name.clone(),
                        slug,
                        notes: Vec::new(),
                    });
                }
                Some(*at)
            });
            let Some(at) = at else {
                let pos = page.outline().at(Spot::ROOT, &[Key("tags"), Item(k)]);
                let d = Diagnostic::error(
                    Code::BadTag,
                    &page.file,
                    pos,
                    format!("the tag `{name}` has no letters or digits"),
                );
                diagnostics.push(d.with_help("use a word or two, e.g. `supply-chain`"));
                continue;
            };
            let tag = &mut found[at];
            if tag.notes.last() != Some(&i) {
                tag.notes.push(i);
            }
        }
    }
    found.sort_unstable_by(|a, b| a.slug.cmp(&b.slug));
    let tags = found;
    let mut of = vec![Vec::new(); notes.len()];
    for (t, tag) in tags.iter().enumerate() {
        for &n in &tag.notes {
            of[n].push(t);
        }
    }
    (tags, of)
}
