//! `render_site`: the briefing → every output file, in memory. Pages are rendered in
//! parallel from borrowed views through the compiled templates; static files are listed
//! for the writer to copy.

mod context;
mod exports;
mod pages;
mod print;
mod publish;
mod templates;
mod views;

use rayon::prelude::*;

pub use pages::Page;
pub use templates::Templates;
pub use views::figure;

use crate::diagnostics::{self, Diagnostic};
use crate::model::Briefing;
use crate::output::{Body, OutputFile};
use crate::theme::{Asset, Theme};
use crate::urls;
use views::Views;

/// Renders every page and lists every static file; all template errors, or the files.
pub fn render_site(briefing: &Briefing, theme: &Theme) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let templates = Templates::compile(&theme.templates).map_err(|d| vec![d])?;
    let results: Vec<Result<OutputFile, Diagnostic>> = pages::all(briefing)
        .into_par_iter()
        .map(|page| render_page(briefing, &templates, page))
        .collect();
    let mut files = Vec::with_capacity(results.len() + theme.assets.len());
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(file) => files.push(file),
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        diagnostics::sort(&mut errors);
        return Err(errors);
    }
    let html_pages: Vec<String> = files
        .iter()
        .map(|f| f.path.clone())
        .filter(|p| p != urls::NOT_FOUND)
        .collect();
    files.extend(publish::files(briefing, &html_pages));
    files.extend(exports::files(briefing));
    // The chart font is only worth its 168 KB on a site that draws charts.
    let unused = |path: &str, asset: &Asset| {
        briefing.charts == 0
            && matches!(asset, Asset::Builtin(_))
            && crate::charts::ASSETS.contains(&path)
    };
    files.extend(
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
            }),
    );
    Ok(files)
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
