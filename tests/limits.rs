//! The limits on what dossier reads (file size, YAML nesting), and positions that stay right
//! in very large front matter. The inputs are generated here: too large to commit.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use dossier::content::yaml::{MAX_BYTES, MAX_DEPTH};

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// What `dossier check` prints for the project at `root`.
fn check(root: &Path) -> Vec<String> {
    let outcome = dossier::check(&dossier::Options::new(root));
    outcome.diagnostics.iter().map(|d| d.to_string()).collect()
}

const NOTE: &str = "---\ntitle: A note\ndate: 2025-10-17\n---\nBody.\n";

#[test]
fn a_file_over_the_size_limit_is_refused_by_its_size_and_the_others_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let padding = "x".repeat(MAX_BYTES as usize);
    write(
        dir.path(),
        "content/notes/huge.md",
        &format!("{NOTE}{padding}"),
    );
    write(
        dir.path(),
        "content/notes/small.md",
        "---\ntitle: Small\n---\n",
    );
    let size = NOTE.len() + padding.len();
    let expected = format!(
        "content/notes/huge.md:1:1: error[file-too-large]: the file is {size} bytes, more than the 8.0 MiB dossier reads from a file\n  help: split it into several notes; data too large for a note belongs in static/, linked from it"
    );
    let found = check(dir.path());
    assert_eq!(found[0], expected);
    assert!(
        found[1].starts_with("content/notes/small.md:2:1: error[missing-key]"),
        "{found:?}"
    );
}

#[test]
fn dossier_yaml_is_held_to_the_same_limits() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "content/notes/a.md", NOTE);
    let big = format!("title: {}\n", "x".repeat(9 << 20));
    write(dir.path(), "dossier.yaml", &big);
    assert!(
        check(dir.path())[0]
            .starts_with("dossier.yaml:1:1: error[file-too-large]: the file is 9.0 MiB"),
        "{:?}",
        check(dir.path())
    );
    let deep = format!("title: {}\n", "[".repeat(MAX_DEPTH + 1));
    write(dir.path(), "dossier.yaml", &deep);
    let col = "title: ".len() + MAX_DEPTH;
    assert_eq!(
        check(dir.path())[0],
        format!(
            "dossier.yaml:1:{col}: error[yaml-too-deep]: the YAML nests more than 64 levels deep here\n  help: front matter needs at most 5 levels: look for brackets `[` or `{{` opened and never closed, or lines indented deeper and deeper"
        )
    );
}

#[test]
fn yaml_nested_100_000_deep_is_refused_where_it_passes_the_limit() {
    // (what opens a level, the column of the level past the limit on line 5)
    let cases = [("[", 3 + 63), ("{a: ", 3 + 4 * 63), ("- ", 3 + 2 * 63)];
    for (open, col) in cases {
        let dir = tempfile::tempdir().unwrap();
        let yaml = format!("title: T\ndate: 2025\ntags:\n  {}a\n", open.repeat(100_000));
        write(
            dir.path(),
            "content/notes/deep.md",
            &format!("---\n{yaml}---\n"),
        );
        let found = check(dir.path());
        let at = format!("content/notes/deep.md:5:{col}: error[yaml-too-deep]");
        assert!(found[0].starts_with(&at), "{open}: {found:?}");
    }
}

#[test]
fn claims_deep_in_a_large_note_are_placed_on_their_own_lines() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "content/sources/usgs.md",
        "---\ntitle: T\npublisher: P\ndate: 2025\nkind: dataset\nreliability: A\n---\n",
    );
    let mut note = String::from("---\ntitle: Sources, claims and ids\ndate: 2025\nclaims:\n");
    let claims = 3_000;
    for c in 0..claims {
        // The last claim repeats the first one's id and cites a source that is not there.
        let (id, source) = match c {
            c if c == claims - 1 => ("claim-0".to_string(), "usgs-2024"),
            c => (format!("claim-{c}"), "usgs"),
        };
        let _ = write!(
            note,
            "  - id: {id}\n    text: Claim {c}.\n    confidence: high\n    sources:\n      - id: {source}\n        credibility: 2\n"
        );
    }
    note.push_str("---\n");
    write(dir.path(), "content/notes/many.md", &note);
    // Claim c's `- id:` is on line 5 + 6c, its source's id four lines below.
    let last = 5 + 6 * (claims - 1);
    let found = check(dir.path());
    assert_eq!(
        found,
        [format!(
            "content/notes/many.md:{last}:9: error[duplicate-id]: the claim id `claim-0` is declared twice\n  help: it is first declared at content/notes/many.md:5:9; rename one of them"
        ),],
    );
    fs::write(
        dir.path().join("content/notes/many.md"),
        note.replace(
            "- id: claim-0\n    text: Claim 2999",
            "- id: claim-last\n    text: Claim 2999",
        ),
    )
    .unwrap();
    let found = check(dir.path());
    assert_eq!(
        found[0],
        format!(
            "content/notes/many.md:{}:13: error[unknown-source]: the claim `claim-last` cites `usgs-2024`, which is not a source\n  help: declare it in content/sources/ or under `sources:` in a note",
            last + 4
        )
    );
}
