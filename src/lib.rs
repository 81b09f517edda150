//! dossier: a static-site generator for evidence-backed briefings.
//!
//! The stages pass values and touch the disk only at the two ends:
//! [`load`] (read `dossier.yaml`, `content/`, the theme) → [`model::build`] (resolve ids,
//! render bodies, fill backlinks) → [`render::render_site`] (every page in memory) →
//! [`output::write_site`] (write what changed). Any error stops the run before the last
//! stage, so a failed build leaves the previous site exactly as it was.

pub mod charts;
pub mod codes;
pub mod config;
pub mod content;
pub mod date;
pub mod diagnostics;
pub mod fingerprint;
pub mod html;
pub mod markdown;
pub mod model;
pub mod output;
mod produce;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod serve;
pub mod session;
pub mod theme;
pub mod tree;
pub mod urls;
pub mod vocab;

use std::path::PathBuf;
use std::sync::Arc;

use config::Config;
use content::Content;
use diagnostics::{Diagnostic, Pos};
use model::Briefing;
use output::WriteReport;
use theme::Theme;

use crate::codes::Code;
pub use session::Session;

/// What to build and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// The project folder (holding `content/`).
    pub root: PathBuf,
    /// The output folder; `root/site` when `None`.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` from `dossier.yaml`.
    pub base_url: Option<String>,
    /// Build draft notes too.
    pub drafts: bool,
    /// Build into an output folder holding files dossier did not write: those at the paths
    /// the build writes are replaced (and become dossier's), every other file is left alone.
    pub force: bool,
    /// Today, for the dates that expire (`review_by`, `valid_until`, an indicator's `by`);
    /// `None` checks none. The command line passes [`date::today`], read once at start.
    pub today: Option<date::Date>,
}

impl Options {
    /// Options for the project at `root`, with defaults.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Options {
            root: root.into(),
            output: None,
            base_url: None,
            drafts: false,
            force: false,
            today: None,
        }
    }

    /// The output folder.
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("site"))
    }
}

/// Everything read from disk for one build.
#[derive(Debug, Clone)]
pub struct Project {
    /// Settings.
    pub config: Config,
    /// The content files, parsed.
    pub content: Content,
    /// Templates and static files.
    pub theme: Theme,
}

/// The result of a run: every diagnostic, and what was built when it got that far.
#[derive(Debug, Default)]
pub struct Outcome {
    /// All problems found, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// The counts of what was built; `None` when an error stopped the run.
    pub stats: Option<Stats>,
}

impl Outcome {
    /// True when any diagnostic is an error.
    pub fn failed(&self) -> bool {
        diagnostics::has_errors(&self.diagnostics)
    }
}

/// What a run produced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Notes built.
    pub notes: usize,
    /// Claims.
    pub claims: usize,
    /// Sources.
    pub sources: usize,
    /// Output files, pages and static files.
    pub files: usize,
    /// What writing did (all zero for `check`).
    pub write: WriteReport,
}

/// Reads the project at `options.root`: settings, content and theme.
pub fn load(options: &Options) -> (Option<Project>, Vec<Diagnostic>) {
    load_with(options, &mut content::Loader::default())
}

/// [`load`], reading only the content files `loader` has not seen as they are.
fn load_with(
    options: &Options,
    loader: &mut content::Loader,
) -> (Option<Project>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let config = Config::load(&options.root).and_then(|c| match &options.base_url {
        Some(url) => c.with_base_url(url).map_err(|m| {
            Diagnostic::error(Code::BadUrl, "--base-url", Pos::default(), m)
                .with_help(config::BASE_URL_HELP)
        }),
        None => Ok(c),
    });
    let (theme, problems) = Theme::load(&options.root);
    diagnostics.extend(problems);
    let (content, problems) = loader.load(&options.root, options.drafts);
    diagnostics.extend(problems);
    match config {
        Ok(config) => (
            Some(Project {
                config,
                content,
                theme,
            }),
            diagnostics,
        ),
        Err(problem) => {
            diagnostics.push(problem);
            (None, diagnostics)
        }
    }
}

/// A resolved briefing and the theme to render it with.
type Resolved = (Arc<Briefing>, Theme);

/// Loads and resolves the briefing; `None` when an error stops the run.
fn resolve(options: &Options) -> (Option<Resolved>, Vec<Diagnostic>) {
    resolve_with(options, &mut content::Loader::default(), None)
}

/// [`resolve`] with the caches of a [`Session`].
fn resolve_with(
    options: &Options,
    loader: &mut content::Loader,
    cache: Option<&mut model::Cache>,
) -> (Option<Resolved>, Vec<Diagnostic>) {
    let (project, mut diagnostics) = load_with(options, loader);
    let Some(project) = project else {
        return (None, diagnostics);
    };
    if diagnostics::has_errors(&diagnostics) {
        // A file that does not parse would make every reference to it look broken:
        // report the parse errors alone, and resolve once they are fixed.
        return (None, diagnostics);
    }
    let checks = project.config.checks.clone();
    let (briefing, problems) = match cache {
        Some(cache) => model::build_cached(&project.content, project.config, options.today, cache),
        None => match options.today {
            Some(today) => model::build_on(&project.content, project.config, today),
            None => model::build(&project.content, project.config),
        },
    };
    diagnostics.extend(problems);
    config::apply_checks(&checks, &mut diagnostics);
    drop_aside(project.content);
    if diagnostics::has_errors(&diagnostics) {
        return (None, diagnostics);
    }
    (Some((Arc::new(briefing), project.theme)), diagnostics)
}

/// Drops `value` on a thread of its own: freeing the hundreds of thousands of strings of a
/// large briefing would otherwise hold up the next stage, or the exit, on one core.
pub(crate) fn drop_aside<T: Send + 'static>(value: T) {
    std::thread::spawn(move || drop(value));
}

/// Validates everything a build validates, renders every page in memory, writes nothing.
pub fn check(options: &Options) -> Outcome {
    run(options, false)
}

/// Builds the site into the output folder.
pub fn build(options: &Options) -> Outcome {
    run(options, true)
}

fn run(options: &Options, write: bool) -> Outcome {
    let (resolved, mut diagnostics) = resolve(options);
    let stats = resolved.and_then(|(briefing, theme)| {
        let produced = produce::produce(options, &briefing, &theme, write, None, &mut None);
        drop_aside(briefing);
        match produced {
            Ok((stats, _)) => Some(stats),
            Err(errors) => {
                diagnostics.extend(errors);
                None
            }
        }
    });
    diagnostics::sort(&mut diagnostics);
    Outcome { diagnostics, stats }
}
