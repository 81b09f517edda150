//! Helpers shared by the integration tests: fixture paths, building into a temporary
//! folder, running the binary, and reading a built site back.

#![allow(dead_code)]

pub mod generated;
pub mod http;
pub mod session;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use walkdir::WalkDir;

/// Runs the `dossier` binary with `args` in `cwd` and waits for it.
pub fn dossier(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run dossier")
}

/// Output bytes as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture folder under tests/fixtures/.
pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// Builds the project at `root` into a fresh temporary folder; panics on errors.
pub fn build_into_temp(root: &Path) -> (tempfile::TempDir, dossier::Outcome) {
    let out = tempfile::tempdir().expect("temp dir");
    let mut options = dossier::Options::new(root);
    options.output = Some(out.path().join("site"));
    let outcome = dossier::build(&options);
    assert!(
        !outcome.failed(),
        "build failed:\n{}",
        render(&outcome.diagnostics)
    );
    (out, outcome)
}

/// Every file under `dir`: path (with `/`) → bytes.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            let rel: Vec<_> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            (rel.join("/"), std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Diagnostics as the command prints them, one after another.
pub fn render(diagnostics: &[dossier::diagnostics::Diagnostic]) -> String {
    diagnostics.iter().map(|d| format!("{d}\n")).collect()
}

/// Copies the folder `from` into `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Writes a briefing of `notes` notes with `claims` claims each under `root`.
pub fn write_briefing(root: &Path, notes: usize, claims: usize, config: &str) {
    std::fs::create_dir_all(root.join("content/notes")).unwrap();
    std::fs::create_dir_all(root.join("content/sources")).unwrap();
    std::fs::write(root.join("dossier.yaml"), config).unwrap();
    let source = "---\ntitle: A source\npublisher: P\ndate: 2025\nkind: news\nreliability: B\n---\nAbout it.\n";
    std::fs::write(root.join("content/sources/s.md"), source).unwrap();
    for n in 0..notes {
        write_note(root, n, claims);
    }
}

/// Writes note `n` of a briefing [`write_briefing`] wrote, with `claims` claims, at weight `n`.
pub fn write_note(root: &Path, n: usize, claims: usize) {
    let mut text = format!("---\ntitle: Note {n}\ndate: 2025-01-01\nweight: {n}\nclaims:\n");
    let mut body = String::from("Cited [@s].");
    for c in 0..claims {
        text.push_str(&format!("  - id: c-{n}-{c}\n    text: Claim {c} of note {n}.\n    confidence: high\n    sources: [s]\n"));
        body.push_str(&format!(" [{c}](claim:c-{n}-{c})"));
    }
    std::fs::write(
        root.join(format!("content/notes/n{n:04}.md")),
        format!("{text}---\n{body}\n"),
    )
    .unwrap();
}
