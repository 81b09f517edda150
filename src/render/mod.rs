//! Rendering: the briefing → every output file. Pages are rendered in parallel from
//! borrowed views through templates compiled once, and handed to a sink as they are done
//! ([`render_into`]); static files are listed for the writer to copy.

mod context;
mod exports;
mod pages;
mod print;
mod publish;
mod register;
mod templates;
mod views;

use rayon::prelude::*;

pub use pages::{Page, all as all_pages};
pub use templates::Templates;
pub use views::figure;

use crate::diagnostics::{self, Diagnostic};
use crate::model::Briefing;
use crate::output::{Body, OutputFile};
use crate::theme::{Asset, Theme};
use crate::urls;
use views::Views;

/// Receives each output file as soon as it is ready (from several threads at once).
pub type Sink<'s> = dyn Fn(OutputFile) -> Result<(), Diagnostic> + Sync + 's;

/// Renders every page and file of the site and hands each to `sink` as soon as it is ready,
/// so a large site is never held in memory whole. Returns the path of every file, sorted,
/// or every error (template errors and the sink's).
pub fn render_into(
    briefing: &Briefing,
    theme: &Theme,
    sink: &Sink<'_>,
) -> Result<Vec<String>, Vec<Diagnostic>> {
    let templates = Templates::compile(&theme.templates).map_err(|d| vec![d])?;
    let pages = pages::all(briefing);
    let mut paths: Vec<String> = pages.iter().map(|p| p.path(briefing)).collect();
    let mut errors: Vec<Diagnostic> = pages
        .into_par_iter()
        .filter_map(|page| render_page(briefing, &templates, page).and_then(sink).err())
        .collect();
    let html_pages: Vec<String> = paths
        .iter()
        .filter(|p| *p != urls::NOT_FOUND)
        .cloned()
        .collect();
    let mut files = publish::files(briefing, &html_pages);
    files.extend(exports::files(briefing));
    files.extend(assets(briefing, theme));
    paths.extend(files.iter().map(|f| f.path.clone()));
    errors.par_extend(files.into_par_iter().filter_map(|f| sink(f).err()));
    if !errors.is_empty() {
        diagnostics::sort(&mut errors);
        return Err(errors);
    }
    paths.sort();
    Ok(paths)
}

/// Renders every file of the site into memory, sorted by path.
pub fn render_site(briefing: &Briefing, theme: &Theme) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let files = std::sync::Mutex::new(Vec::new());
    render_into(briefing, theme, &|file| {
        files.lock().unwrap_or_else(|p| p.into_inner()).push(file);
        Ok(())
    })?;
    let mut files = files.into_inner().unwrap_or_else(|p| p.into_inner());
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The static files to copy: the theme's, without the chart font when nothing draws a chart.
fn assets(briefing: &Briefing, theme: &Theme) -> Vec<OutputFile> {
    let unused = |path: &str, asset: &Asset| {
        briefing.charts == 0
            && matches!(asset, Asset::Builtin(_))
            && crate::charts::ASSETS.contains(&path)
    };
    theme
        .assets
        .iter()
        .filter(|(path, asset)| !unused(path, asset))
        .map(|(path, asset)| OutputFile {
            path: path.clone(),
            body: match asset {
                Asset::Builtin(bytes) => Body::Static(bytes),
                Asset::File(from) => Body::Copy(from.clone()),
            },
        })
        .collect()
}

/// Renders one page.
pub fn render_page(
    briefing: &Briefing,
    templates: &Templates,
    page: Page,
) -> Result<OutputFile, Diagnostic> {
    let path = page.path(briefing);
    let mut views = Views::new(briefing, &path);
    match page {
        // Served for missing URLs at any depth: links start from the site's own path.
        Page::NotFound => views.root = briefing.config.base_path(),
        Page::Print => views.in_page = true,
        _ => {}
    }
    let context = context::Context {
        site: context::site(&views),
        page: context::page(&views, page, &path),
        data: pages::data(page, &views),
    };
    let html = templates.render(page.template(), &context)?;
    Ok(OutputFile {
        path,
        body: Body::Owned(html.into_bytes()),
    })
}
