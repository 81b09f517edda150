//! A serve session driven as the integration tests drive it: edits to files, an incremental
//! build told which files changed, and the site it wrote compared with a clean build's.

use std::fs;
use std::path::Path;

use super::{build_into_temp, copy_dir, read_tree, render, repo};

/// Replaces the first `from` in `file` under `root` with `to`.
pub fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} lacks {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// Changes the sample's front page without changing anything built from it (a line added at
/// its end): the next build is a whole one.
pub fn touch_front(root: &Path) {
    let front = root.join("content/_index.md");
    let text = fs::read_to_string(&front).unwrap();
    fs::write(front, text + "\n").unwrap();
}

/// A copy of the sample with a base URL, built once by a new session.
pub fn built_sample() -> (tempfile::TempDir, dossier::Session) {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path();
    copy_dir(&repo().join("content"), &root.join("content"));
    fs::write(
        root.join("dossier.yaml"),
        "title: Rare earths\nbase_url: https://example.org/b/\n",
    )
    .unwrap();
    let mut session = dossier::Session::new(dossier::Options::new(root));
    assert!(!session.build().failed());
    (temp, session)
}

/// A generated briefing of `notes` notes with `claims` claims each (see
/// [`write_briefing`](super::write_briefing)), built once by a new session.
pub fn built_briefing(
    notes: usize,
    claims: usize,
    config: &str,
) -> (tempfile::TempDir, dossier::Session) {
    let temp = tempfile::tempdir().unwrap();
    super::write_briefing(temp.path(), notes, claims, config);
    let mut session = dossier::Session::new(dossier::Options::new(temp.path()));
    assert!(!session.build().failed());
    (temp, session)
}

/// Applies `change` to `files` under `root`, rebuilds incrementally, and checks that the
/// build failed and left the site as it was; gives the errors' codes.
pub fn failing(
    session: &mut dossier::Session,
    root: &Path,
    files: &[&str],
    change: impl FnOnce(&Path),
) -> Vec<&'static str> {
    let site = read_tree(&root.join("site"));
    change(root);
    let paths: Vec<_> = files.iter().map(|f| root.join(f)).collect();
    session.watched(&paths);
    let outcome = session.build();
    assert!(outcome.failed(), "{:?}", outcome.diagnostics);
    assert_eq!(read_tree(&root.join("site")), site, "the site as it was");
    let errors = outcome.diagnostics.iter().filter(|d| d.is_error());
    errors.map(|d| d.code.as_str()).collect()
}

/// Applies `change`, rebuilds incrementally, and compares with a clean build.
pub fn step(
    session: &mut dossier::Session,
    root: &Path,
    name: &str,
    change: impl FnOnce(&Path),
) -> dossier::Stats {
    // Told exactly which content files changed, as `serve`'s watcher tells it: unchanged
    // files keep what was read and rendered from them.
    let before = read_tree(&root.join("content"));
    change(root);
    let after = read_tree(&root.join("content"));
    let mut changed: Vec<&String> = before.keys().chain(after.keys()).collect();
    changed.sort();
    changed.dedup();
    changed.retain(|k| before.get(*k) != after.get(*k));
    let changed: Vec<_> = changed
        .iter()
        .map(|k| root.join("content").join(k))
        .collect();
    session.watched(&changed);
    let outcome = session.build();
    assert!(
        !outcome.failed(),
        "{name}: {}",
        render(&outcome.diagnostics)
    );
    let incremental = read_tree(&root.join("site"));
    let (dir, clean_outcome) = build_into_temp(root);
    let clean = read_tree(&dir.path().join("site"));
    assert_eq!(
        outcome.diagnostics, clean_outcome.diagnostics,
        "{name}: diagnostics"
    );
    assert_eq!(
        incremental.keys().collect::<Vec<_>>(),
        clean.keys().collect::<Vec<_>>(),
        "{name}: files"
    );
    for (path, bytes) in &clean {
        assert!(
            incremental[path] == *bytes,
            "{name}: {path} differs from a clean build"
        );
    }
    outcome.stats.unwrap()
}
