//! Rendering: the briefing → every output file. Pages are rendered in parallel from
//! borrowed views through templates compiled once, and handed to a sink as they are done
//! ([`render_into`]); static files are listed for the writer to copy.

mod changes;
mod chart_data;
mod context;
mod editions;
mod entries;
mod exports;
mod named;
mod paged;
mod pages;
mod prepared;
mod print;
mod publish;
mod register;
mod templates;
mod views;

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

pub use changes::Changes;
pub use exports::{parse_snapshot, snapshot_json};
pub use pages::{Page, all as all_pages};
pub use prepared::Prepared;
pub use templates::Templates;

use crate::codes::Code;
use crate::diagnostics::{self, Diagnostic};
use crate::fingerprint;
use crate::model::{Briefing, list};
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
    render_changed(briefing, theme, sink, None).map(|(paths, _)| paths)
}

/// What the pages of a build were made from, so the next build (in `dossier serve`) renders
/// only the pages whose template input changed.
#[derive(Debug, Default)]
pub struct Fingerprints {
    /// A hash of the templates.
    templates: u64,
    /// The templates compiled, for the next build when they are the same.
    compiled: Option<Arc<Templates>>,
    /// What each page's view was made from, named by the fingerprint of its path (its keys
    /// shared with the next build's, when it did not look at the page again).
    pages: named::Named<Seen>,
    /// The entries `claims.json` was joined from.
    claims: entries::Kept,
    /// What the search index keeps for the next build.
    search: exports::SearchKept,
    /// Each generated file that is not a page: its path → the fingerprint of its body.
    site: HashMap<String, u64>,
}

/// What one page was made from: the fingerprint of its template input, and the keys of what
/// its view read ([`changes::key`]).
#[derive(Debug, Clone)]
struct Seen {
    /// The fingerprint of the template input.
    print: u64,
    /// The keys of the view's reads, sorted.
    keys: Arc<[changes::Key]>,
}

/// What a build kept (its fingerprints, or the entries of one file) and what changed since.
#[derive(Debug)]
pub struct Since<'a, T = Fingerprints> {
    /// What the last build kept.
    pub last: &'a T,
    /// What changed since that build.
    pub changes: &'a Changes,
}

impl<T> Clone for Since<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Since<'_, T> {}

/// [`render_into`], skipping the pages whose view read nothing `since` names as changed, and
/// then those whose templates and context are the same (their files are already in place);
/// also returns this build's fingerprints. With `since` `None`, nothing is fingerprinted (a
/// one-off build has no use for it).
pub fn render_changed(
    briefing: &Briefing,
    theme: &Theme,
    sink: &Sink<'_>,
    since: Option<Since<'_>>,
) -> Result<(Vec<String>, Fingerprints), Vec<Diagnostic>> {
    let track = since.is_some();
    let templates_print = if track {
        fingerprint::of(&theme.templates)
    } else {
        0
    };
    // The same templates as the last build's are not compiled again.
    let same = since
        .map(|s| s.last)
        .filter(|last| last.templates == templates_print);
    let compiled = same.and_then(|last| last.compiled.clone());
    let templates = match compiled {
        Some(templates) => templates,
        None => Arc::new(Templates::compile(&theme.templates).map_err(|d| vec![d])?),
    };
    // Other templates: every page and entry is made again, and kept for the next build.
    let afresh = (Fingerprints::default(), Changes::everything());
    let since = since.map(|s| match s.last.templates == templates_print {
        true => s,
        false => Since {
            last: &afresh.0,
            changes: &afresh.1,
        },
    });
    let pages = pages::all(briefing);
    let prepared = &Prepared::new(briefing);
    let mut paths: Vec<String> = pages.iter().map(|p| p.path(briefing)).collect();
    // The pages and the site-wide files side by side: joining `claims.json` and the search
    // index is work for one core, tens of megabytes at 10,000 notes.
    let (outcomes, (files, mut errors, (claims, search, site))) = rayon::join(
        || {
            pages
                .into_par_iter()
                .zip(&paths)
                .enumerate()
                .map(|(at, (page, path))| {
                    let named = fingerprint::of_bytes(path.as_bytes());
                    let before = since.and_then(|s| s.last.pages.get(at, named));
                    if let (Some(seen), Some(since)) = (before, since)
                        && !page.always_viewed()
                        && !since.changes.touch(&seen.keys)
                    {
                        return Ok((named, seen.clone()));
                    }
                    let before = before.map(|s| s.print);
                    let (seen, file) =
                        render_page_if_changed(prepared, &templates, page, path, track, before)?;
                    file.map_or(Ok(()), sink)?;
                    Ok((named, seen))
                })
                // An error boxed: 42,000 outcomes of a large site take a tenth of the room.
                .map(|outcome| outcome.map_err(Box::new))
                .collect::<Vec<Result<(u64, Seen), Box<Diagnostic>>>>()
        },
        || site_files(prepared, theme, &paths, sink, since),
    );
    let mut prints = Fingerprints {
        templates: templates_print,
        compiled: track.then(|| Arc::clone(&templates)),
        pages: named::Named::default(),
        claims,
        search,
        site,
    };
    let seen = outcomes.into_iter().filter_map(|outcome| match outcome {
        Ok(seen) => track.then_some(seen),
        Err(d) => {
            errors.push(*d);
            None
        }
    });
    prints.pages = seen.collect();
    paths.extend(files);
    if !errors.is_empty() {
        diagnostics::sort(&mut errors);
        return Err(errors);
    }
    paths.sort();
    Ok((paths, prints))
}

/// Makes and hands to `sink` the files of the whole site that are not pages (`pages` are
/// their paths): the exports, the feed and sitemap, the static files. Gives their paths, the
/// sink's errors (or a static file's that would replace a generated one), and the entries
/// `claims.json` was joined from and the search index's record (kept only `since` a last
/// build).
fn site_files(
    prepared: &Prepared<'_>,
    theme: &Theme,
    pages: &[String],
    sink: &Sink<'_>,
    since: Option<Since<'_>>,
) -> (Vec<String>, Vec<Diagnostic>, Kept) {
    let html_pages = &html_pages(pages.iter().cloned());
    let briefing = prepared.briefing();
    let claim_ids = briefing.claims.unnoted();
    let claims = entries::Maker {
        len: claim_ids.len(),
        name: &|c| fingerprint::of_bytes(claim_ids[c].id.as_bytes()),
        make: &|c| exports::claim_entry(prepared, c),
    };
    let claims_since = since.map(|s| Since {
        last: &s.last.claims,
        changes: s.changes,
    });
    let search_since = since.map(|s| Since {
        last: &s.last.search,
        changes: s.changes,
    });
    // The search index hands its files on itself (only those that changed, since a build).
    let ((claims, claims_kept), search) = rayon::join(
        || entries::made(briefing, &claims, claims_since),
        || exports::write_search(briefing, sink, search_since),
    );
    let mut files = vec![exports::claims_file(briefing, &claims)];
    files.extend(publish::files(briefing, html_pages));
    files.extend(exports::files(briefing));
    files.extend(chart_data::files(briefing));
    let site: HashMap<String, u64> = match since {
        Some(_) => files
            .iter()
            .filter_map(|f| Some((f.path.clone(), body_print(&f.body)?)))
            .collect(),
        None => HashMap::new(),
    };
    let generated = files.iter().map(|f| &f.path).chain(&search.paths);
    let conflicts = static_conflicts(theme, pages.iter().chain(generated));
    if !conflicts.is_empty() {
        return (Vec::new(), conflicts, Default::default());
    }
    files.extend(assets(briefing, theme));
    let mut paths: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
    paths.extend(search.paths);
    // A file with the body it had is in place already.
    let before = |f: &OutputFile| since.and_then(|s| s.last.site.get(&f.path)).copied();
    files.retain(|f| before(f).is_none() || before(f) != site.get(&f.path).copied());
    let mut errors: Vec<Diagnostic> = files
        .into_par_iter()
        .filter_map(|f| sink(f).err())
        .collect();
    errors.extend(search.errors);
    (paths, errors, (claims_kept, search.kept, site))
}

/// What a build keeps of its files that are not pages: the entries of `claims.json`, the
/// search index's record, and each generated file's fingerprint.
type Kept = (entries::Kept, exports::SearchKept, HashMap<String, u64>);

/// The fingerprint of a generated body; `None` for static files (always handed on). A joined
/// body is known by its entries' addresses: an entry taken from the last build is the same
/// allocation, and the last build's entries stay alive until this build is done, so an entry
/// made anew never has the address of one of them.
fn body_print(body: &Body) -> Option<u64> {
    match body {
        Body::Owned(bytes) => Some(fingerprint::of_bytes(bytes)),
        Body::Joined(j) => Some(fingerprint::of(&(
            &j.head,
            j.separator,
            &j.tail,
            Addresses(&j.entries),
        ))),
        Body::Static(_) | Body::Copy(_) => None,
    }
}

/// Where each of some entries is in memory, in order: fingerprinted as a list of addresses
/// without being collected into one.
struct Addresses<'e>(&'e [Arc<str>]);

impl serde::Serialize for Addresses<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let at = |entry: &Arc<str>| Arc::as_ptr(entry) as *const u8 as usize;
        serializer.collect_seq(self.0.iter().map(at))
    }
}

/// The pages a sitemap lists: every page at `paths` but the one for missing URLs.
fn html_pages(paths: impl Iterator<Item = String>) -> Vec<String> {
    paths.filter(|p| p != urls::NOT_FOUND).collect()
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

/// The errors for the project's static files that would take the place of a file dossier
/// generates (among `generated`) or of its record.
fn static_conflicts<'a>(
    theme: &Theme,
    generated: impl Iterator<Item = &'a String>,
) -> Vec<Diagnostic> {
    // The few static files looked up, not the many generated ones gathered.
    let statics: std::collections::HashSet<&str> = theme
        .assets
        .iter()
        .filter(|(_, asset)| matches!(asset, Asset::File(_)))
        .map(|(path, _)| path.as_str())
        .collect();
    let generated: std::collections::HashSet<&str> = generated
        .map(String::as_str)
        .filter(|p| statics.contains(p))
        .collect();
    let conflict = |path: &str| {
        let what = match path == crate::output::MANIFEST {
            true => "the record dossier keeps of the files it wrote".to_string(),
            false => format!("the file `{path}` that dossier generates"),
        };
        let message = format!("this static file would take the place of {what}");
        Diagnostic::error(
            Code::StaticConflict,
            &format!("static/{path}"),
            Default::default(),
            message,
        )
        .with_help(
            "rename or move it; to change how a page looks, override its template in templates/",
        )
    };
    theme
        .assets
        .iter()
        .filter(|(_, asset)| matches!(asset, Asset::File(_)))
        .filter(|(path, _)| generated.contains(path.as_str()) || path == crate::output::MANIFEST)
        .map(|(path, _)| conflict(path))
        .collect()
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

/// The print edition as edition `number` keeps it when frozen: rendered for its place in
/// the site (`editions/<number>/`), the stylesheet written into the page so that it reads
/// the same whatever the site's stylesheet becomes. `None` when the briefing has no print
/// edition (see `print_edition` in `dossier.yaml`). `css` is the site's stylesheet.
pub fn frozen_print(
    briefing: &Briefing,
    theme: &Theme,
    number: u32,
    css: &str,
) -> Result<Option<String>, Vec<Diagnostic>> {
    if briefing.print.is_none() {
        return Ok(None);
    }
    let templates = Templates::compile(&theme.templates).map_err(|d| vec![d])?;
    let prepared = &Prepared::new(briefing);
    let path = urls::edition(number);
    let (_, file) = render_page_if_changed(prepared, &templates, Page::Print, &path, false, None)
        .map_err(|d| vec![d])?;
    let html = file.map(|f| String::from_utf8_lossy(&f.bytes().unwrap_or_default()).into_owned());
    let root = urls::root_of(&path);
    let css = rooted(css, &root);
    let notice = archived_notice(briefing, number, &root);
    let html = html.map(|h| {
        h.replacen(
            "<main id=\"main\" class=\"wrap\">",
            &format!("<main id=\"main\" class=\"wrap\">\n{notice}"),
            1,
        )
    });
    Ok(html.map(|h| inline_style(&h, &css)))
}

/// The notice at the top of a frozen edition: which edition it is, and where the current one is.
fn archived_notice(briefing: &Briefing, number: u32, root: &str) -> String {
    let front = &briefing.front;
    let named: Vec<String> = [front.edition.clone(), front.date.map(|d| d.human())]
        .into_iter()
        .flatten()
        .collect();
    let named = match named.is_empty() {
        true => String::new(),
        false => format!(" ({})", crate::html::escape(&named.join(", "))),
    };
    format!(
        "<p class=\"notice notice-archived\" role=\"note\"><strong>An earlier edition.</strong> This is edition {number}{named} of the briefing as it was published; it may have changed since. <a href=\"{root}{}\">Read the current briefing</a> or <a href=\"{root}{}\">what changed</a>.</p>",
        urls::INDEX,
        urls::CHANGES
    )
}

/// `css` with its relative `url("…")` references (the charts' font) made relative to a page
/// whose way to the site's root is `root`, as they were to the stylesheet at the root.
fn rooted(css: &str, root: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(at) = rest.find("url(\"") {
        let (head, tail) = rest.split_at(at + 5);
        out.push_str(head);
        let absolute = ["http:", "https:", "data:", "/", "#"]
            .iter()
            .any(|p| tail.starts_with(p));
        if !absolute {
            out.push_str(root);
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// `html` with its link to the stylesheet replaced by the stylesheet itself.
fn inline_style(html: &str, css: &str) -> String {
    let Some(start) = html.find("<link rel=\"stylesheet\"") else {
        return html.to_string();
    };
    let end = start + html[start..].find('>').map_or(0, |e| e + 1);
    let css = css.replace("</style", "<\\/style");
    format!("{}<style>\n{css}</style>{}", &html[..start], &html[end..])
}

/// Renders one page.
pub fn render_page(
    prepared: &Prepared<'_>,
    templates: &Templates,
    page: Page,
) -> Result<OutputFile, Diagnostic> {
    let path = page.path(prepared.briefing());
    let (_, file) = render_page_if_changed(prepared, templates, page, &path, false, None)?;
    file.ok_or_else(|| {
        Diagnostic::error(
            Code::Internal,
            "render",
            Default::default(),
            "a page was skipped",
        )
    })
}

/// Renders the page at `path` unless its context still has the fingerprint `before`; what its
/// view read and the fingerprint are kept only when `track`. Gives what the page was made
/// from, and the file when rendered.
fn render_page_if_changed(
    prepared: &Prepared<'_>,
    templates: &Templates,
    page: Page,
    path: &str,
    track: bool,
    before: Option<u64>,
) -> Result<(Seen, Option<OutputFile>), Diagnostic> {
    let briefing = prepared.briefing();
    let (context, reads) = list::record(|| {
        let mut views = Views::new(prepared, path);
        match page {
            // Served for missing URLs at any depth: links start from the site's own path.
            Page::NotFound => views.root = briefing.config.base_path(),
            Page::Print => views.in_page = true,
            _ => {}
        }
        context::Context {
            site: context::site(&views),
            page: context::page(&views, page, path),
            data: pages::data(page, &views),
        }
    });
    let (print, keys) = match track {
        true => (
            fingerprint::of(&(page.template(), &context)),
            changes::keys(briefing, reads),
        ),
        false => (0, Arc::default()),
    };
    let seen = Seen { print, keys };
    if track && before == Some(seen.print) {
        return Ok((seen, None));
    }
    let html = templates.render(page.template(), &context)?;
    let file = OutputFile {
        path: path.to_string(),
        body: Body::Owned(html),
    };
    Ok((seen, Some(file)))
}

#[cfg(test)]
mod frozen_tests {
    use super::*;

    #[test]
    fn a_frozen_page_finds_the_stylesheets_relative_files_from_its_own_place() {
        let css =
            "a{src:url(\"fonts/R.ttf\")} b{src:url(\"https://x.org/f\")} c{src:url(\"/abs\")}";
        assert_eq!(
            rooted(css, "../../"),
            "a{src:url(\"../../fonts/R.ttf\")} b{src:url(\"https://x.org/f\")} c{src:url(\"/abs\")}"
        );
        let html = "<head><link rel=\"stylesheet\" href=\"../style.css\">\n</head>";
        assert_eq!(
            inline_style(html, "p{}</style>"),
            "<head><style>\np{}<\\/style></style>\n</head>"
        );
    }
}
