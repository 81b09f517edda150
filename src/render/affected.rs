//! Rendering after notes were edited in place: only the pages and files the patch names
//! ([`Affected`]), with the fingerprints of the last build kept up to date.

use std::sync::Arc;

use rayon::prelude::*;

use super::{
    Entries, Fingerprints, Page, Sink, assets, exports, html_pages, publish,
    render_page_if_changed, shown,
};
use crate::diagnostics::{self, Diagnostic};
use crate::model::{Affected, Briefing};
use crate::output::OutputFile;
use crate::render::{Prepared, Templates};
use crate::theme::Theme;
use crate::urls;

/// Renders what notes edited in place can alter ([`Change::Some`]): the pages and
/// files `affected` names, the pages showing a note or claim it names as changed
/// (`render::shown`), the print edition, the feed (it carries whole notes) and the static files.
/// Every other page's input is as it was. Updates `prints` once everything rendered, and
/// gives the paths of the pages that go (those of tags left empty).
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
    let pages = pages(briefing, affected);
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
    let gone = retile(prints, done, &affected.tags_gone);
    if !claims.is_empty() {
        prints.claim_entries = claims;
    }
    if !search.is_empty() {
        prints.search_entries = search;
    }
    Ok(gone)
}

/// Records the pages `done` (path, fingerprint) in `prints`, with those new to the site
/// among its files, and takes out the pages of the tags `gone` (by slug); gives their paths.
fn retile(prints: &mut Fingerprints, done: Vec<(String, u64)>, gone: &[String]) -> Vec<String> {
    for (path, print) in done {
        if let Err(at) = prints.files.binary_search(&path) {
            prints.files.insert(at, path.clone());
        }
        prints.pages.insert(path, print);
    }
    let gone: Vec<String> = gone.iter().map(|slug| urls::tag(slug)).collect();
    for path in &gone {
        prints.pages.remove(path);
        if let Ok(at) = prints.files.binary_search(path) {
            prints.files.remove(at);
        }
    }
    gone
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

/// The feed, the static files and the site-wide files `affected` can alter, with the entries
/// made for them from those `kept`.
fn site_files(
    prepared: &Prepared<'_>,
    theme: &Theme,
    affected: &Affected,
    kept: (&[Arc<str>], &[Arc<str>]),
) -> (Vec<OutputFile>, Entries) {
    let briefing = prepared.briefing();
    let mut files: Vec<OutputFile> = publish::feed_file(briefing).into_iter().collect();
    let mut search = Vec::new();
    if affected.search {
        // A note whose own entry changed (headings, title, summary) is among the edited.
        let (notes, claims) = (&affected.notes, &affected.claim_cards);
        search = exports::remade_search_entries(briefing, kept.1, notes, claims);
        files.extend(exports::search_files(&search));
    }
    if affected.dates || affected.tag_set {
        let paths = super::pages::all(briefing)
            .into_iter()
            .map(|p| p.path(briefing));
        files.extend(publish::sitemap_file(briefing, &html_pages(paths)));
    }
    let mut entries = Vec::new();
    let mut claims = shown::entries(briefing, affected);
    claims.extend(&affected.claims);
    if !claims.is_empty() {
        let make = |c| exports::claim_entry(prepared, c);
        entries = exports::remade(kept.0, briefing.claims.len(), claims, make);
        files.push(exports::claims_file(briefing, &entries));
    }
    files.extend(assets(briefing, theme));
    (files, (entries, search))
}
