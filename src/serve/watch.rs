//! Watching a project for `serve`: `content/`, `templates/` and `static/` recursively and
//! `dossier.yaml`, through a debouncer that folds an editor's burst of writes, renames and
//! removals (atomic saves) into one change. The one user of notify-debouncer-full.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::Signal;

/// How long the files must stay quiet before a change is reported. An atomic save (write a
/// temporary file, rename it over the note) takes well under a millisecond, an editor's save
/// of several files a few; every reload waits this long.
const QUIET: Duration = Duration::from_millis(8);

/// How often the debouncer looks for changes that have gone quiet.
const TICK: Duration = Duration::from_millis(2);

/// The folders of a project that a build reads, besides `dossier.yaml` (`editions/` holds the
/// frozen editions: a freeze while serving shows at once).
const FOLDERS: [&str; 4] = ["content", "templates", "static", "editions"];

/// A running watcher; dropping it stops watching.
pub struct Watch {
    /// The debounced watcher.
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    /// The project folder, canonical.
    root: PathBuf,
    /// The folders watched so far.
    watched: Vec<PathBuf>,
}

impl std::fmt::Debug for Watch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watch").field("root", &self.root).finish()
    }
}

impl Watch {
    /// Watches the project at `root`, sending [`Signal::Changed`] to `signals` for each
    /// debounced batch of changes to files a build reads.
    pub fn start(root: &Path, signals: Sender<Signal>) -> Result<Watch, String> {
        let root = std::fs::canonicalize(root).map_err(|e| format!("{}: {e}", root.display()))?;
        let filter_root = root.clone();
        let handler = move |result: DebounceEventResult| match result {
            Ok(events) => {
                let paths = relevant(&filter_root, &events);
                if !paths.is_empty() {
                    let _ = signals.send(Signal::Changed(paths));
                }
            }
            Err(errors) => {
                let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
                let _ = signals.send(Signal::Failed(format!("watching: {}", text.join("; "))));
            }
        };
        let mut debouncer =
            new_debouncer(QUIET, Some(TICK), handler).map_err(|e| format!("cannot watch: {e}"))?;
        // Not recursive: this sees dossier.yaml (even when an editor replaces it) and the
        // folders appearing, without following site/.
        debouncer
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        let mut watch = Watch {
            debouncer,
            root,
            watched: Vec::new(),
        };
        watch.refresh()?;
        Ok(watch)
    }

    /// Starts watching the folders that have appeared since the last call.
    pub fn refresh(&mut self) -> Result<(), String> {
        for folder in FOLDERS {
            let path = self.root.join(folder);
            if path.is_dir() && !self.watched.contains(&path) {
                self.debouncer
                    .watch(&path, RecursiveMode::Recursive)
                    .map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
                self.watched.push(path);
            }
        }
        self.watched.retain(|p| p.is_dir());
        Ok(())
    }
}

/// The paths in `events` that a build reads, relative to `root`, sorted, without repeats.
fn relevant(root: &Path, events: &[notify_debouncer_full::DebouncedEvent]) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = events
        .iter()
        .filter(|e| !matches!(e.kind, EventKind::Access(_)))
        .flat_map(|e| e.paths.iter())
        .filter_map(|p| p.strip_prefix(root).ok())
        .filter(|rel| is_input(rel))
        .map(Path::to_path_buf)
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

/// True for `dossier.yaml` and files under the watched folders, except editors' own
/// temporary and backup files (`.x.swp`, `x~`, `#x#`).
fn is_input(rel: &Path) -> bool {
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let scratch = name.starts_with('.') || name.starts_with('#') || name.ends_with('~');
    let top = rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy());
    let inside = match top.as_deref() {
        Some("dossier.yaml") => rel.components().count() == 1,
        Some(top) => FOLDERS.contains(&top),
        None => false,
    };
    inside && !scratch
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_build_inputs_count() {
        for yes in [
            "dossier.yaml",
            "content/notes/a.md",
            "templates/base.html",
            "static/img/x.png",
            "editions/2.json",
            "content",
        ] {
            assert!(is_input(Path::new(yes)), "{yes}");
        }
        for no in [
            "site/index.html",
            "content/notes/.a.md.swp",
            "content/notes/a.md~",
            "content/notes/#a.md#",
            "README.md",
            "dossier.yaml/x",
            "",
        ] {
            assert!(!is_input(Path::new(no)), "{no}");
        }
    }
}
