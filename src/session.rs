//! Building the same project again and again, as `dossier serve` does after every save.
//! Every save is one kind of event, "some inputs changed": content files that did not change
//! are not read again, bodies whose text and looked-up facts did not change are not rendered
//! again (`model::Cache`), the briefing is linked from scratch, and pages whose template input
//! did not change are neither rendered nor written again. Every build writes the same bytes a
//! clean build would.

use std::sync::Arc;

use crate::diagnostics::{self, Diagnostic};
use crate::model::Briefing;
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
    /// The briefing those pages show, between builds (`None` after one that failed while
    /// rendering or writing).
    shown: Option<Arc<Briefing>>,
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
            shown: None,
            output: None,
        }
    }

    /// How many bodies (notes, annotations, the front page's) the last build rendered; it
    /// took the others from the one before.
    pub fn bodies_rendered(&self) -> usize {
        self.bodies.rendered()
    }

    /// The options the session builds with.
    pub fn options(&self) -> &Options {
        &self.options
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
        let (resolved, mut diagnostics) =
            crate::resolve_with(&self.options, &mut self.loader, Some(&mut self.bodies));
        if !output_in_place(&self.options) {
            // Someone emptied the output folder: every page must be written again.
            self.pages = None;
        }
        let stats = resolved.and_then(|(briefing, theme)| match self.produce(&briefing, &theme) {
            Ok(stats) => Some(stats),
            Err(errors) => {
                diagnostics.extend(errors);
                None
            }
        });
        diagnostics::sort(&mut diagnostics);
        Outcome { diagnostics, stats }
    }

    /// Renders and writes the pages whose input changed, and keeps the pages' fingerprints.
    fn produce(
        &mut self,
        briefing: &Arc<Briefing>,
        theme: &Theme,
    ) -> Result<Stats, Vec<Diagnostic>> {
        let changes = self.changes(briefing);
        let previous = self.pages.take().unwrap_or_default();
        let produced = crate::produce::produce(
            &self.options,
            briefing,
            theme,
            true,
            Some(render::Since {
                last: &previous,
                changes: &changes,
            }),
            &mut self.output,
        );
        match produced {
            Ok((stats, prints)) => {
                self.pages = Some(prints);
                self.shown = Some(Arc::clone(briefing));
                // Freeing the pages' records of a large site takes milliseconds.
                crate::drop_aside(previous);
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

impl Session {
    /// What changed from the briefing the pages on disk show to `briefing`: everything when
    /// there are none. That briefing is let go of here, before rendering, so two briefings
    /// are never held beside a build's pages; after a build that fails, the next views every
    /// page again (and writes only those whose fingerprint changed).
    fn changes(&mut self, briefing: &Briefing) -> render::Changes {
        let (Some(shown), Some(_)) = (self.shown.take(), &self.pages) else {
            return render::Changes::everything();
        };
        let changes = render::Changes::between(&shown, briefing);
        // Freeing a large briefing takes milliseconds.
        crate::drop_aside(shown);
        changes
    }
}

/// True when the output folder still holds a built site.
fn output_in_place(options: &Options) -> bool {
    options.output_dir().join("index.html").is_file()
}
