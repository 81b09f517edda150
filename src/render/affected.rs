//! Rendering after notes were edited in place: only the pages and files the patch names
//! ([`Affected`]), with the fingerprints of the last build kept up to date.

use std::sync::Arc;

use rayon::prelude::*;

use super::{
    Entries, Fingerprints, Page, Sink, assets, exports, html_pages, publish, register,
    render_page_if_changed, shown,
};
use crate::diagnostics::{self, Diagnostic};
use crate::model::{Affected, Briefing, Reorder};
use crate::output::OutputFile;
use crate::render::{Prepared, Templates};
use crate::theme::Theme;
use crate::urls;

/// Renders what notes edited in place can alter ([`Change::Some`]): the pages and
/// files `affected` names, the pages showing a note or claim it names as changed
/// (`render::shown`), the print edition, the feed (it carries whole notes) and the static files.
/// Every other page's input is as it was. Updates `prints` once everything rendered, and
/// gives the paths of the pages that go (those of tags left empty, of a note removed and its
/// claims, of register pages no longer needed).
///
/// [`Change::Some`]: crate::model::Change::Some
pub fn render_affected(
    briefing: &Briefing,
    theme: &Theme,
    sink: &Sink<'_>,
    prints: &mut Fingerprints,
    affected: &Affected,
) -> Result<Vec<String>, Vec<Diagnostic>> {
    let templates = Templates::compile(&theme.templates).map_err(|d| vec![d])?;
    let mut gone: Vec<String> = affected.tags_gone.iter().map(|s| urls::tag(s)).collect();
    gone.extend(affected.gone.iter().cloned());
    let mut pages = pages(briefing, affected);
    if let Some(order) = &affected.order {
        reorder_entries(prints, order, briefing.sources.len());
        let (register, register_gone) = register::reordered(briefing, order);
        pages.extend(register.into_iter().map(Page::Claims));
        if order.removed.is_some() {
            // It was listed under its section, and counted.
            pages.push(Page::Index);
        }
        pages.sort_unstable();
        pages.dedup();
        gone.extend(register_gone);
    }
    let prepared = &Prepared::new(briefing);
    let before = |path: &str| prints.pages.get(path).copied();
    let kept = (&prints.claim_entries[..], &prints.search_entries[..]);
    // The pages and the site-wide files side by side: a title shows on the front page and in
    // the search index and `claims.json`, tens of megabytes at 10,000 notes.
    let (rendered, (mut errors, (claims, search))) = rayon::join(
        || {
            pages
                .into_par_iter()
                .map(|page| {
                    let (path, print, file) =
                        render_page_if_changed(prepared, &templates, page, true, before)?;
                    file.map_or(Ok(()), sink)?;
                    Ok((path, print))
                })
                .collect::<Vec<Result<(String, u64), Diagnostic>>>()
        },
        || {
            let (files, entries) = site_files(prepared, theme, affected, kept);
            let errors: Vec<Diagnostic> = files
                .into_par_iter()
                .filter_map(|f| sink(f).err())
                .collect();
            (errors, entries)
        },
    );
    let mut done = Vec::with_capacity(rendered.len());
    for outcome in rendered {
        match outcome {
            Ok(page) => done.push(page),
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        diagnostics::sort(&mut errors);
        return Err(errors);
    }
    retile(prints, done, &gone);
    if !claims.is_empty() {
        prints.claim_entries = claims;
    }
    if !search.is_empty() {
        prints.search_entries = search;
    }
    Ok(gone)
}

/// Records the pages `done` (path, fingerprint) in `prints`, with those new to the site
/// among its files, and takes out the pages `gone`.
fn retile(prints: &mut Fingerprints, done: Vec<(String, u64)>, gone: &[String]) {
    for (path, print) in done {
        if let Err(at) = prints.files.binary_search(&path) {
            prints.files.insert(at, path.clone());
        }
        prints.pages.insert(path, print);
    }
    for path in gone {
        prints.pages.remove(path);
        if let Ok(at) = prints.files.binary_search(path) {
            prints.files.remove(at);
        }
    }
}

/// Puts the entries of `claims.json` and the search index kept in `prints` in the order of
/// the notes and claims after a move (the search index: notes, claims, then `sources`
/// sources). A note added gets empty entries, for its own and its claims' to be made (so do
/// claims added to a note); a note removed loses its own and its claims' (so do claims taken
/// from a note). Entries kept in another order are dropped (all are made again).
fn reorder_entries(prints: &mut Fingerprints, order: &Reorder, sources: usize) {
    let gone = |claims| (1, claims);
    let (note_gone, claims_gone) = order.removed.map_or((0, order.claims_gone), gone);
    let reorder = |entries: &mut Vec<Arc<str>>, map: &[usize], gone: usize| {
        let grown = order.added || order.claims_new;
        if grown && !entries.is_empty() && entries.len() < map.len() {
            entries.resize(map.len(), Arc::from(""));
        }
        if entries.len() == map.len() {
            Reorder::permute(entries, map);
            entries.truncate(map.len() - gone);
        } else {
            entries.clear();
        }
    };
    let mut claims = prints.claim_entries.to_vec();
    reorder(&mut claims, &order.claims, claims_gone);
    prints.claim_entries = claims.into();
    let mut entries = prints.search_entries.to_vec();
    let old_notes = order.notes.len() - usize::from(order.added);
    if entries.len() >= old_notes + sources {
        let mut rest = entries.split_off(old_notes);
        let source_entries = rest.split_off(rest.len() - sources);
        reorder(&mut entries, &order.notes, note_gone);
        reorder(&mut rest, &order.claims, claims_gone);
        entries.extend(rest.into_iter().chain(source_entries));
    } else {
        entries.clear();
    }
    prints.search_entries = entries.into();
}

/// The pages `affected` names or that show what it names, and the print edition.
fn pages(briefing: &Briefing, affected: &Affected) -> Vec<Page> {
    let mut pages: Vec<Page> = affected.notes.iter().map(|&i| Page::Note(i)).collect();
    pages.extend(affected.claims.iter().map(|&i| Page::Claim(i)));
    pages.extend(affected.sources.iter().map(|&i| Page::Source(i)));
    if affected.bibliography {
        pages.push(Page::Sources);
    }
    pages.extend(affected.tags.iter().map(|&t| Page::Tag(t)));
    if !affected.tags.is_empty() || affected.tag_set {
        pages.push(Page::Tags);
    }
    if briefing.print.is_some() {
        pages.push(Page::Print);
    }
    pages.extend(shown::pages(briefing, affected));
    pages.sort_unstable();
    pages.dedup();
    pages
}

/// The feed, the static files and the site-wide files `affected` can alter (the search
/// index, `claims.json`, the sitemap, `sources.csl.json`), with the entries made for them
/// from those `kept`.
fn site_files(
    prepared: &Prepared<'_>,
    theme: &Theme,
    affected: &Affected,
    kept: (&[Arc<str>], &[Arc<str>]),
) -> (Vec<OutputFile>, Entries) {
    let briefing = prepared.briefing();
    // Tens of megabytes each at 10,000 notes: made side by side.
    let ((search, sitemap), (claims, feed)) = rayon::join(
        || {
            rayon::join(
                || search_files(briefing, affected, kept.1),
                || sitemap_file(briefing, affected),
            )
        },
        || {
            rayon::join(
                || claims_file(prepared, affected, kept.0),
                || publish::feed_file(briefing),
            )
        },
    );
    let mut files: Vec<OutputFile> = feed.into_iter().chain(sitemap).collect();
    files.extend(search.1);
    files.extend(claims.1);
    files.extend(assets(briefing, theme));
    if affected.bibliography {
        files.push(exports::csl_file(briefing));
    }
    (files, (claims.0, search.0))
}

/// The search index's entries and files, when `affected` changes it (no entries otherwise).
fn search_files(
    briefing: &Briefing,
    affected: &Affected,
    kept: &[Arc<str>],
) -> (exports::Entries, Vec<OutputFile>) {
    if !affected.search {
        return Default::default();
    }
    // A note whose own entry changed (headings, title, summary) is among the edited.
    let changed = [&affected.notes, &affected.claim_cards, &affected.sources];
    let search = exports::remade_search_entries(briefing, kept, changed.map(|c| &c[..]));
    let files = exports::search_files(&search).into();
    (search, files)
}

/// The sitemap, when `affected` changes it: a date, a page come or gone, the notes' order.
fn sitemap_file(briefing: &Briefing, affected: &Affected) -> Option<OutputFile> {
    if !(affected.dates || affected.tag_set || affected.order.is_some()) {
        return None;
    }
    let paths = super::pages::all(briefing)
        .into_iter()
        .map(|p| p.path(briefing));
    publish::sitemap_file(briefing, &html_pages(paths))
}

/// `claims.json`'s entries and file, when `affected` changes an entry.
fn claims_file(
    prepared: &Prepared<'_>,
    affected: &Affected,
    kept: &[Arc<str>],
) -> (exports::Entries, Option<OutputFile>) {
    let briefing = prepared.briefing();
    let mut claims = shown::entries(briefing, affected);
    claims.extend(&affected.claims);
    // A note removed with claims takes their entries with it.
    let removed = affected.order.as_ref().and_then(|o| o.removed);
    if claims.is_empty() && removed.unwrap_or(0) == 0 {
        return Default::default();
    }
    let make = |c| exports::claim_entry(prepared, c);
    let entries = exports::remade(kept, briefing.claims.len(), claims, make);
    let file = exports::claims_file(briefing, &entries);
    (entries, Some(file))
}
