//! Building the same project again and again, as `dossier serve` does after every save.
//! Content files that did not change are not read again, note bodies whose inputs did not
//! change are not rendered again, and pages whose template input did not change are neither
//! rendered nor written again. When only notes changed in place, the last briefing is patched
//! and only the pages that can show the change are visited (see [`Change::Some`]). Every
//! build writes the same bytes a clean build would.

use crate::diagnostics::{self, Diagnostic};
use crate::model::{Briefing, Change};
use crate::theme::Theme;
use crate::{Options, Outcome, Stats, content, model, render};

/// A project built repeatedly, with what earlier builds can lend to the next.
#[derive(Debug)]
pub struct Session {
    /// What to build.
    options: Options,
    /// Content files as last read.
    loader: content::Loader,
    /// Note bodies as last rendered.
    bodies: model::Cache,
    /// What the pages on disk were rendered from; `None` until a build has written them.
    pages: Option<render::Fingerprints>,
    /// True when the last build changed notes in place and patched the site.
    patched: bool,
    /// What the last build left of the output folder's ownership (`None` after a failure).
    output: Option<crate::output::Ownership>,
}

impl Session {
    /// A session for the project `options` names; nothing is read until [`Session::build`].
    pub fn new(options: Options) -> Session {
        Session {
            options,
            loader: content::Loader::default(),
            bodies: model::Cache::default(),
            pages: None,
            patched: false,
            output: None,
        }
    }

    /// The options the session builds with.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// True when the last build found that only notes changed in place, and rendered and wrote
    /// only what those notes can alter (see [`Change::Some`]).
    pub fn patched(&self) -> bool {
        self.patched
    }

    /// Marks files as changed (absolute, or relative to the project root), for when a watcher
    /// knows better than sizes and times: an edit keeping a file's size within the clock's tick.
    pub fn changed(&mut self, paths: &[std::path::PathBuf]) {
        let relative = self.relative(paths);
        self.loader.forget(relative.iter().map(String::as_str));
    }

    /// Marks files as changed, as a watcher that saw every change reports them: the next
    /// build looks at these content files alone instead of walking `content/` for others.
    pub fn watched(&mut self, paths: &[std::path::PathBuf]) {
        let relative = self.relative(paths);
        self.loader.told(relative.iter().map(String::as_str));
    }

    /// `paths` relative to the project root, with `/`.
    fn relative(&self, paths: &[std::path::PathBuf]) -> Vec<String> {
        let absolute =
            |p: &std::path::Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        let root = absolute(&self.options.root);
        let inside = |p: &std::path::Path| match p.is_absolute() {
            true => absolute(p)
                .strip_prefix(&root)
                .map_or_else(|_| p.to_path_buf(), std::path::Path::to_path_buf),
            // A watcher's paths are relative to the project already.
            false => p.to_path_buf(),
        };
        paths
            .iter()
            .map(|p| {
                inside(p)
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .collect()
    }

    /// Builds the site, doing only the work the changes since the last build need.
    pub fn build(&mut self) -> Outcome {
        self.patched = false;
        let (resolved, mut diagnostics) =
            crate::resolve_with(&self.options, &mut self.loader, Some(&mut self.bodies));
        if !output_in_place(&self.options) {
            // Someone emptied the output folder: every page must be written again.
            self.pages = None;
        }
        let stats = resolved.and_then(|(briefing, theme, change)| {
            match self.produce(&briefing, &theme, &change) {
                Ok(stats) => Some(stats),
                Err(errors) => {
                    // What the model holds did not reach the output folder.
                    self.bodies.forget_briefing();
                    diagnostics.extend(errors);
                    None
                }
            }
        });
        diagnostics::sort(&mut diagnostics);
        Outcome { diagnostics, stats }
    }

    /// Renders and writes what `change` can have altered, and keeps the pages' fingerprints.
    fn produce(
        &mut self,
        briefing: &Briefing,
        theme: &Theme,
        change: &Change,
    ) -> Result<Stats, Vec<Diagnostic>> {
        let output = &mut self.output;
        if let Some(prints) = self.pages.as_mut()
            && let Some(done) =
                produce_patched(&self.options, briefing, theme, prints, change, output)
        {
            self.patched = done.is_ok();
            return done;
        }
        let previous = self.pages.take().unwrap_or_default();
        let produced = crate::produce::produce(
            &self.options,
            briefing,
            theme,
            true,
            Some(&previous),
            &mut self.output,
        );
        match produced {
            Ok((stats, prints)) => {
                self.pages = Some(prints);
                Ok(stats)
            }
            Err(errors) => {
                if output_in_place(&self.options) {
                    // The build stopped before writing: the pages on disk are the previous ones.
                    self.pages = Some(previous);
                }
                Err(errors)
            }
        }
    }
}

/// Renders and writes a patched briefing: what `change` names, in one step or two (the
/// briefing between them first). `None` when `change` is not a patch or the theme changed.
fn produce_patched(
    options: &crate::Options,
    briefing: &Briefing,
    theme: &Theme,
    prints: &mut render::Fingerprints,
    change: &Change,
    output: &mut Option<crate::output::Ownership>,
) -> Option<Result<Stats, Vec<Diagnostic>>> {
    let produce = crate::produce::produce_affected;
    match change {
        Change::All => None,
        Change::Some(affected) => produce(options, briefing, theme, prints, affected, output),
        Change::Steps(first, then) => {
            let (between, affected) = &**first;
            let first = match produce(options, between, theme, prints, affected, output)? {
                Ok(stats) => stats,
                Err(errors) => return Some(Err(errors)),
            };
            let done = produce(options, briefing, theme, prints, then, output)?;
            Some(done.map(|mut stats| {
                stats.write.written += first.write.written;
                stats.write.removed += first.write.removed;
                stats
            }))
        }
    }
}

/// True when the output folder still holds a built site.
fn output_in_place(options: &Options) -> bool {
    options.output_dir().join("index.html").is_file()
}
