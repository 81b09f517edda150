//! `build`: content → briefing. Orders notes, declares sources and claims, renders every
//! body once (in parallel) while resolving its references, then fills in the backlinks.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

use super::cache::Cache;
use super::declare::{self, Place, Text};
use super::links;
use super::patch::{self, Change, Linking};
use super::print;
use super::renumber::Numbering;
use super::resolve::{Index, Outgoing, Resolved, resolve};
use super::{Briefing, Front, Note, Section, Tag};
use crate::config::Config;
use crate::content::{Content, NoteSpec, Page, Spot, Step::Item, Step::Key};
use crate::diagnostics::{Diagnostic, Pos, did_you_mean, has_errors};
use crate::html::{is_slug, slugify};

/// The way back to the site root from a detail page (`notes/x/index.html` and the like).
pub(super) const DETAIL_ROOT: &str = "../../";

/// Resolves `content` into a briefing; every problem found is returned beside it.
pub fn build(content: &Content, config: Config) -> (Briefing, Vec<Diagnostic>) {
    let (briefing, diagnostics, _) = build_with(content, config, None);
    (briefing, diagnostics)
}

/// [`build`], reusing the note bodies in `cache` that are still valid, and refilling it.
/// When only notes changed in place since the last build, the last briefing is patched instead
/// (see [`Change`]).
pub fn build_cached(
    content: &Content,
    config: Config,
    cache: &mut Cache,
) -> (Arc<Briefing>, Vec<Diagnostic>, Change) {
    if let Some(patched) = patch::patch(cache, content, &config) {
        return patched;
    }
    let (briefing, diagnostics, linking) = build_with(content, config.clone(), Some(cache));
    let briefing = Arc::new(briefing);
    cache.keep(&briefing, content, config, &diagnostics, linking);
    (briefing, diagnostics, Change::All)
}

fn build_with(
    content: &Content,
    config: Config,
    cache: Option<&mut Cache>,
) -> (Briefing, Vec<Diagnostic>, Linking) {
    let mut diagnostics = Vec::new();
    let declared_sections = content
        .index
        .as_ref()
        .map_or(&[][..], |p| &p.spec.sections[..]);
    let notes = ordered_notes(content, declared_sections, &mut diagnostics);
    let source_decls = declare::sources(content, &notes, &mut diagnostics);
    let source_ids: HashMap<&str, usize> = source_decls
        .keys()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    let (claims, claim_places) = declare::claims(&notes, &source_ids, &mut diagnostics);
    let index = Index {
        claims: claims
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect(),
        sources: source_ids,
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
    };
    // As the bodies show them (trimmed), and as a patched briefing has them.
    let sources = source_decls
        .iter()
        .map(|(id, d)| (id.as_str(), d.spec.title.trim(), d.spec.publisher.trim()));
    // A one-off build keeps no bodies: it has no use for their numbering.
    let numbering = cache
        .is_some()
        .then(|| Numbering::new(&claims, sources, &notes));
    let renumber = cache
        .as_deref()
        .zip(numbering.as_ref())
        .and_then(|(c, n)| c.renumber(n, &index));
    let bodies: Vec<Resolved> = notes
        .par_iter()
        .map(|page| {
            let cached = renumber
                .as_ref()
                .and_then(|r| cache.as_deref()?.get(page, r));
            cached.unwrap_or_else(|| resolve(&index, &body_text(page), DETAIL_ROOT))
        })
        .collect();
    if let (Some(cache), Some(numbering)) = (cache, numbering) {
        let arcs: HashMap<&str, &Arc<Page<NoteSpec>>> =
            content.notes.iter().map(|p| (p.file.as_str(), p)).collect();
        let kept = notes.iter().zip(&bodies).filter_map(|(page, body)| {
            Some((Arc::clone(arcs.get(page.file.as_str())?), body.clone()))
        });
        cache.replace(kept, numbering);
    }
    let annotations: Vec<Resolved> = source_decls
        .par_iter()
        .map(|(_, d)| resolve(&index, &d.annotation, DETAIL_ROOT))
        .collect();
    let front_body = content
        .index
        .as_ref()
        .map(|page| resolve(&index, &body_text(page), ""));
    let print = config
        .print_edition(notes.len())
        .then(|| print_edition(&index, content, &notes));
    drop(index);

    let (sections, section_of) = sections(&notes, declared_sections);
    let (tags, tags_of) = tags(&notes, &mut diagnostics);
    let mut briefing = Briefing {
        config,
        sections,
        tags,
        claims,
        print,
        ..Briefing::default()
    };
    let mut outgoing = Vec::with_capacity(notes.len());
    for (i, (page, body)) in notes.iter().zip(bodies).enumerate() {
        diagnostics.extend(body.diagnostics);
        briefing.charts += body.outgoing.charts.len();
        outgoing.push(body.outgoing);
        briefing.notes.push(note(
            page,
            body.rendered,
            body.references,
            section_of[i],
            tags_of[i].clone(),
        ));
    }
    for (i, claim) in briefing.claims.iter().enumerate() {
        briefing.notes[claim.declared_in].claims.push(i);
    }
    let source_places: Vec<Place> = source_decls.values().map(|d| d.place.clone()).collect();
    let mut annotated = Outgoing::default();
    for ((id, decl), annotation) in source_decls.iter().zip(annotations) {
        diagnostics.extend(annotation.diagnostics);
        briefing.charts += annotation.outgoing.charts.len();
        annotated.extend(annotation.outgoing);
        briefing
            .sources
            .push(declare::source(id, decl, annotation.rendered.html));
    }
    let front_outgoing = front_body.map(|body| {
        briefing.charts += body.outgoing.charts.len();
        diagnostics.extend(body.diagnostics);
        briefing.front = front(content, &briefing.config, body.rendered.html);
        body.outgoing
    });
    if front_outgoing.is_none() {
        briefing.front = front(content, &briefing.config, Arc::from(""));
    }
    let refs: Vec<&Outgoing> = outgoing.iter().collect();
    links::fill(&mut briefing, &refs, front_outgoing.as_ref());
    let bodies = refs.into_iter().chain(front_outgoing.as_ref());
    links::check_fragments(&briefing, bodies.chain([&annotated]), &mut diagnostics);
    let mut unused = Vec::new();
    if !has_errors(&diagnostics) {
        // Unused-id warnings are noise while errors hide some of the references.
        links::warn_unused(&briefing, &claim_places, &source_places, &mut unused);
    }
    diagnostics.extend(unused.iter().cloned());
    let linking = Linking {
        claim_places,
        source_places,
        front: front_outgoing,
        annotated,
        unused,
    };
    (briefing, diagnostics, linking)
}

/// The print edition of the front page and `notes` (in reading order).
pub(super) fn print_edition(
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

pub(super) fn body_text<S>(page: &Page<S>) -> Text<'_> {
    Text {
        markdown: page.body(),
        file: &page.file,
        origin: Some((&page.text, page.body_offset)),
        at: Pos::new(1, 1),
    }
}

fn front(content: &Content, config: &Config, body_html: Arc<str>) -> Front {
    let spec = content
        .index
        .as_ref()
        .map(|p| p.spec.clone())
        .unwrap_or_default();
    Front {
        title: spec.title.unwrap_or_else(|| config.title.clone()),
        summary: spec.summary,
        date: spec.date,
        edition: spec.edition,
        body_html,
    }
}

/// The note `page` makes, its claims and backlinks not filled in yet.
pub(super) fn note(
    page: &Page<NoteSpec>,
    rendered: crate::markdown::Rendered,
    references: Vec<super::Reference>,
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
        body_html: rendered.html,
        toc: rendered.toc,
        claims: Vec::new(),
        references,
        backlinks: Vec::new(),
    }
}

/// The notes in reading order, with bad slugs, duplicate slugs and unknown sections reported.
fn ordered_notes<'c>(
    content: &'c Content,
    declared: &[String],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<&'c Page<NoteSpec>> {
    let mut seen: HashMap<&str, &str> = HashMap::new();
    let mut notes = Vec::new();
    for page in &content.notes {
        let place = Place {
            file: page.file.clone(),
            pos: Pos::new(1, 1),
        };
        if !is_slug(&page.stem) {
            let d = Diagnostic::error(
                "bad-id",
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
                "duplicate-id",
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
        notes.push(&**page);
    }
    notes.sort_by_cached_key(|p| order_key(p, declared));
    notes
}

/// Where a note goes in reading order: by section (as `declared`, then the others by name,
/// then notes without one), weight, date, title and file name.
pub(super) fn order_key(page: &Page<NoteSpec>, declared: &[String]) -> impl Ord + use<> {
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
            "unknown-section",
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
    let mut by_slug: BTreeMap<String, Tag> = BTreeMap::new();
    for (i, page) in notes.iter().enumerate() {
        for (k, name) in page.spec.tags.iter().enumerate() {
            let slug = slugify(name);
            if slug.is_empty() {
                let pos = page.outline().at(Spot::ROOT, &[Key("tags"), Item(k)]);
                let d = Diagnostic::error(
                    "bad-tag",
                    &page.file,
                    pos,
                    format!("the tag `{name}` has no letters or digits"),
                );
                diagnostics.push(d.with_help("use a word or two, e.g. `supply-chain`"));
                continue;
            }
            let tag = by_slug.entry(slug.clone()).or_insert_with(|| Tag {
                name: name.clone(),
                slug,
                notes: Vec::new(),
            });
            if tag.notes.last() != Some(&i) {
                tag.notes.push(i);
            }
        }
    }
    let tags: Vec<Tag> = by_slug.into_values().collect();
    let mut of = vec![Vec::new(); notes.len()];
    for (t, tag) in tags.iter().enumerate() {
        for &n in &tag.notes {
            of[n].push(t);
        }
    }
    (tags, of)
}
