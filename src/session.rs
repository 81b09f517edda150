//! Building the same project again and again, as `dossier serve` does after every save.
//! Content files that did not change are not read again, note bodies whose inputs did not
//! change are not rendered again, and pages whose template input did not change are neither
//! rendered nor written again. Every build writes the same bytes a clean build would.

use crate::diagnostics;
use crate::{Options, Outcome, content, model, render};

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
}

impl Session {
    /// A session for the project `options` names; nothing is read until [`Session::build`].
    pub fn new(options: Options) -> Session {
        Session {
            options,
            loader: content::Loader::default(),
            bodies: model::Cache::default(),
            pages: None,
        }
    }

    /// The options the session builds with.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Marks files as changed (absolute, or relative to the project root), for when a watcher
    /// knows better than sizes and times: an edit keeping a file's size within the clock's tick.
    pub fn changed(&mut self, paths: &[std::path::PathBuf]) {
        let absolute =
            |p: &std::path::Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        let root = absolute(&self.options.root);
        let relative: Vec<String> = paths
            .iter()
            .map(|p| absolute(p))
            .map(|p| {
                p.strip_prefix(&root)
                    .map(std::path::Path::to_path_buf)
                    .unwrap_or(p)
            })
            .map(|p| {
                p.components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .collect();
        self.loader.forget(relative.iter().map(String::as_str));
    }

    /// Builds the site, doing only the work the changes since the last build need.
    pub fn build(&mut self) -> Outcome {
        let (resolved, mut diagnostics) =
            crate::resolve_with(&self.options, &mut self.loader, Some(&mut self.bodies));
        if !output_in_place(&self.options) {
            // Someone emptied the output folder: every page must be written again.
            self.pages = None;
        }
        let previous = self.pages.take().unwrap_or_default();
        let stats = resolved.and_then(|(briefing, theme)| {
            match crate::produce(&self.options, &briefing, &theme, true, Some(&previous)) {
                Ok((stats, prints)) => {
                    self.pages = Some(prints);
                    Some(stats)
                }
                Err(errors) => {
                    diagnostics.extend(errors);
                    None
                }
            }
        });
        if self.pages.is_none() && output_in_place(&self.options) {
            // The build stopped before writing: the pages on disk are still the previous ones.
            self.pages = Some(previous);
        }
        diagnostics::sort(&mut diagnostics);
        Outcome { diagnostics, stats }
    }
}

/// True when the output folder still holds a built site.
fn output_in_place(options: &Options) -> bool {
    options.output_dir().join("index.html").is_file()
}
