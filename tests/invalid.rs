//! Each folder under tests/fixtures/invalid/ is a project with one kind of mistake; its
//! `expected.txt` holds the exact diagnostics `dossier check` must print for it.
//! Run with `UPDATE_EXPECT=1` to rewrite the expected files after a deliberate change.

mod common;

use std::fs;

#[test]
fn each_invalid_fixture_gives_its_exact_diagnostics() {
    let dir = common::fixture("invalid");
    let mut cases: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 20,
        "expected the invalid fixtures, found {}",
        cases.len()
    );
    let mut failures = Vec::new();
    for case in &cases {
        let outcome = dossier::check(&dossier::Options::new(case));
        let actual = common::render(&outcome.diagnostics);
        let expected_file = case.join("expected.txt");
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            fs::write(&expected_file, &actual).unwrap();
        }
        let expected = fs::read_to_string(&expected_file).unwrap_or_default();
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        if actual != expected {
            failures.push(format!("--- {name}: expected\n{expected}--- got\n{actual}"));
        }
        let should_fail = !name.starts_with("warnings");
        if outcome.failed() != should_fail {
            failures.push(format!(
                "--- {name}: failed = {}, expected {should_fail}",
                outcome.failed()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Nothing a hostile file says can make the build write outside the output folder.
#[test]
fn a_path_traversal_id_is_rejected_and_nothing_is_written() {
    let root = common::fixture("invalid/path-traversal-id");
    let out = tempfile::tempdir().unwrap();
    let mut options = dossier::Options::new(&root);
    options.output = Some(out.path().join("deep/site"));
    let outcome = dossier::build(&options);
    assert!(outcome.failed());
    assert!(
        outcome
            .diagnostics
            .iter()
            .any(|d| d.code == "bad-id" && d.message.contains("../../x"))
    );
    assert!(
        common::read_tree(out.path()).is_empty(),
        "something was written"
    );
}
