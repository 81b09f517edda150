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
pub mod editions;
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
    /// Treat warnings as errors (`--strict`), but those [`report::NEVER_STRICT`] names: a
    /// build stops before writing anything.
    pub strict: bool,
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
            strict: false,
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
    /// The size of the site in bytes, every file rendered (or, for `check`, that would be);
    /// `None` when only the pages that changed were rendered (`dossier serve`'s rebuilds).
    pub bytes: Option<u64>,
}

/// From this size on, a build warns that the site nears GitHub Pages' limit of 1 GB for a
/// published site: 800 MB.
pub const PAGES_WARN_BYTES: u64 = 800_000_000;

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
    diagnostics.extend(scaffold::unfilled(&options.root));
    if options.strict {
        report::strict(&mut diagnostics);
    }
    let resolved = resolved.filter(|_| !diagnostics::has_errors(&diagnostics));
    let stats = resolved.and_then(|(briefing, theme)| {
        let produced = produce::produce(options, &briefing, &theme, write, None, &mut None);
        let checks = briefing.config.checks.clone();
        drop_aside(briefing);
        match produced {
            Ok((stats, _)) => {
                diagnostics.extend(size_warning(&stats, options, &checks));
                Some(stats)
            }
            Err(errors) => {
                diagnostics.extend(errors);
                None
            }
        }
    });
    diagnostics::sort(&mut diagnostics);
    Outcome { diagnostics, stats }
}

/// The warning of a site past [`PAGES_WARN_BYTES`], as `dossier.yaml`'s `checks:` leave it.
fn size_warning(
    stats: &Stats,
    options: &Options,
    checks: &[(Code, vocab::Level)],
) -> Option<Diagnostic> {
    let bytes = stats.bytes.filter(|&b| b >= PAGES_WARN_BYTES)?;
    let out = options.output_dir();
    let message = format!(
        "the site is {}: GitHub Pages publishes sites of up to 1 GB, and warns from {}",
        report::size(bytes),
        report::size(PAGES_WARN_BYTES)
    );
    let help = "split the briefing, or publish it where larger sites are served; `checks: {site-size: off}` in dossier.yaml silences this for a host without the limit";
    let mut warning = [Diagnostic::warning(
        Code::SiteSize,
        &out.display().to_string(),
        Pos::default(),
        message,
    )
    .with_help(help)];
    config::apply_checks(checks, &mut warning);
    let [warning] = warning;
    Some(warning)
}

/// What `dossier edition freeze` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frozen {
    /// The edition frozen.
    pub number: u32,
    /// The files written, relative to the project root.
    pub files: Vec<String>,
}

/// Freezes the current edition: checks the briefing as a build does, then writes its
/// snapshot to `editions/<number>.json` and its print edition, self-contained, to
/// `editions/<number>.html`, `<number>` being one more than the editions frozen before.
/// Refuses to write over a file that is there.
pub fn freeze(options: &Options) -> (Outcome, Option<Frozen>) {
    let (project, mut diagnostics) = load(options);
    let built = project
        .filter(|_| !diagnostics::has_errors(&diagnostics))
        .map(|project| {
            let (briefing, problems) =
                model::build_with_today(&project.content, project.config.clone(), options.today);
            diagnostics.extend(problems);
            config::apply_checks(&project.config.checks, &mut diagnostics);
            (project, briefing)
        });
    let frozen = built
        .filter(|_| !diagnostics::has_errors(&diagnostics))
        .and_then(
            |(project, briefing)| match write_edition(options, &project, &briefing) {
                Ok(frozen) => Some((frozen, counts(&briefing))),
                Err(problems) => {
                    diagnostics.extend(problems);
                    None
                }
            },
        );
    diagnostics::sort(&mut diagnostics);
    let stats = frozen.as_ref().map(|(f, counted)| Stats {
        files: f.files.len(),
        ..*counted
    });
    (Outcome { diagnostics, stats }, frozen.map(|(f, _)| f))
}

/// Writes the snapshot of `briefing` and its print edition as the next edition.
fn write_edition(
    options: &Options,
    project: &Project,
    briefing: &Briefing,
) -> Result<Frozen, Vec<Diagnostic>> {
    let content = &project.content;
    let number = content.editions.len() as u32 + 1;
    let snapshot = current_snapshot(content, briefing, number);
    let css = stylesheet(&project.theme);
    let html = render::frozen_print(briefing, &project.theme, number, &css)?;
    let json = (
        format!("{}/{number}.json", editions::FOLDER),
        render::snapshot_json(&snapshot),
    );
    let html = html.map(|h| (format!("{}/{number}.html", editions::FOLDER), h));
    let files: Vec<(String, String)> = html.into_iter().chain([json]).collect();
    for (rel, _) in &files {
        if options.root.join(rel).exists() {
            let message = format!("edition {number} is frozen already: `{rel}` exists");
            let help = "snapshots are never written over; to freeze again, delete the files of that edition first (they are in version control)";
            return Err(vec![
                Diagnostic::error(Code::FileExists, rel, Pos::default(), message).with_help(help),
            ]);
        }
    }
    let dir = options.root.join(editions::FOLDER);
    let io = |rel: &str, e: std::io::Error| {
        vec![
            Diagnostic::error(
                Code::Io,
                rel,
                Pos::default(),
                format!("cannot write the file: {e}"),
            )
            .with_help("check that the project folder is writable"),
        ]
    };
    std::fs::create_dir_all(&dir).map_err(|e| io(editions::FOLDER, e))?;
    for (rel, text) in &files {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(options.root.join(rel))
            .map_err(|e| io(rel, e))?;
        std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| io(rel, e))?;
    }
    Ok(Frozen {
        number,
        files: files.into_iter().map(|(rel, _)| rel).collect(),
    })
}

/// The site's stylesheet: the project's own `static/style.css`, or the built-in one.
fn stylesheet(theme: &Theme) -> String {
    match theme.assets.iter().find(|(path, _)| path == "style.css") {
        Some((_, theme::Asset::Builtin(bytes))) => String::from_utf8_lossy(bytes).into_owned(),
        Some((_, theme::Asset::File(path))) => std::fs::read_to_string(path).unwrap_or_default(),
        None => String::new(),
    }
}

/// What changed: the project at `options.root` against its last frozen edition, or, given
/// `against`, against the content of that other checkout of the project. `None` (with the
/// problems) when either does not build, or nothing was frozen to compare with.
pub fn diff(options: &Options, against: Option<&Options>) -> (Outcome, Option<editions::Diff>) {
    let mut diagnostics = Vec::new();
    let now = snapshot_of(options, &mut diagnostics);
    let counted = now.as_ref().map(|(_, b)| counts(b));
    let diff = match against {
        Some(other) => {
            // the other checkout's warnings are its own business; its errors stop the diff
            let mut theirs = Vec::new();
            let before = snapshot_of(other, &mut theirs);
            if before.is_none() {
                diagnostics.extend(theirs);
            }
            now.zip(before)
                .map(|((now, briefing), (before, _))| checkout_diff(&briefing, &before, &now))
        }
        None => now.and_then(|(_, briefing)| edition_diff(&briefing, &mut diagnostics)),
    };
    diagnostics::sort(&mut diagnostics);
    let stats = diff.as_ref().and(counted);
    (Outcome { diagnostics, stats }, diff)
}

/// A project's content as a snapshot (numbered as its next edition), with its briefing;
/// `None` when it does not load. Problems of the briefing (an unexplained change among them)
/// are reported beside the changes, not instead of them.
fn snapshot_of(
    options: &Options,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(editions::Snapshot, Briefing)> {
    let (project, problems) = load(options);
    let loaded = !diagnostics::has_errors(&problems);
    diagnostics.extend(problems);
    let project = project.filter(|_| loaded)?;
    let config = project.config.clone();
    let (briefing, mut problems) = model::build_with_today(&project.content, config, options.today);
    config::apply_checks(&project.config.checks, &mut problems);
    diagnostics.extend(problems);
    let number = project.content.editions.len() as u32 + 1;
    Some((
        current_snapshot(&project.content, &briefing, number),
        briefing,
    ))
}

/// `briefing`, built from `content`, as edition `number` (the one the model made, when the
/// project has frozen editions).
fn current_snapshot(content: &Content, briefing: &Briefing, number: u32) -> editions::Snapshot {
    if let Some(e) = briefing
        .editions
        .as_deref()
        .filter(|e| e.current.number == number)
    {
        return e.current.clone();
    }
    let pages: std::collections::HashMap<&str, &content::Page<content::NoteSpec>> = content
        .notes
        .iter()
        .map(|p| (p.stem.as_str(), p.as_ref()))
        .collect();
    let print = |i: usize| {
        let slug = briefing.notes.unnoted()[i].slug.as_str();
        editions::body_print(pages.get(slug).map_or("", |p| p.body()))
    };
    editions::Snapshot::of(briefing, number, print)
}

/// The briefing against its last frozen edition, with the reasons it gives.
fn edition_diff(briefing: &Briefing, diagnostics: &mut Vec<Diagnostic>) -> Option<editions::Diff> {
    let Some(e) = briefing.editions.as_deref() else {
        let message = "no edition has been frozen yet: there is nothing to compare with";
        let help = "run `dossier edition freeze` when an edition is published, or compare with another checkout: `dossier diff --against-root DIR`";
        diagnostics.push(
            Diagnostic::error(Code::Usage, "editions", Pos::default(), message).with_help(help),
        );
        return None;
    };
    let since = e
        .frozen
        .last()
        .map(|f| editions::EditionRef::from(&f.snapshot))?;
    let why = |c| model::editions::why(briefing, &e.withdrawn, c, e.now.number);
    let why = e.changes.claims.iter().map(why).collect();
    Some(editions::Diff {
        since,
        now: e.now.clone(),
        changes: e.changes.clone(),
        why,
        corrections: e
            .corrections
            .iter()
            .map(editions::CorrectionSnap::from)
            .collect(),
    })
}

/// The content of another checkout (`before`) against this one's (`now`).
fn checkout_diff(
    briefing: &Briefing,
    before: &editions::Snapshot,
    now: &editions::Snapshot,
) -> editions::Diff {
    let changes = editions::compare(before, now);
    let why = |c| model::editions::why(briefing, &[], c, now.number);
    let why = changes.claims.iter().map(why).collect();
    editions::Diff {
        since: before.into(),
        now: now.into(),
        changes,
        why,
        corrections: editions::corrections_since(before, now),
    }
}

/// The counts of `briefing`, for the closing line of a command that writes no site.
fn counts(briefing: &Briefing) -> Stats {
    Stats {
        notes: briefing.notes.len(),
        claims: briefing.claims.len(),
        sources: briefing.sources.len(),
        ..Stats::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_from_800_mb_on_is_warned_of_unless_the_project_turns_it_off() {
        let options = Options::new("/p");
        let stats = |bytes| Stats {
            bytes,
            ..Stats::default()
        };
        assert!(size_warning(&stats(Some(PAGES_WARN_BYTES - 1)), &options, &[]).is_none());
        assert!(size_warning(&stats(None), &options, &[]).is_none());
        let warning = size_warning(&stats(Some(812_000_000)), &options, &[]).unwrap();
        assert_eq!(warning.severity, diagnostics::Severity::Warning);
        assert_eq!(warning.code, Code::SiteSize);
        assert_eq!(warning.file, "/p/site");
        assert!(
            warning
                .message
                .starts_with("the site is 812.0 MB: GitHub Pages publishes sites of up to 1 GB"),
            "{}",
            warning.message
        );
        let off = [(Code::SiteSize, vocab::Level::Off)];
        let silenced = size_warning(&stats(Some(812_000_000)), &options, &off).unwrap();
        assert_eq!(silenced.severity, diagnostics::Severity::Silenced);
    }
}
