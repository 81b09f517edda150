//! `dossier check --format human|json|github` and `--strict`: golden outputs for a fixture
//! with warnings only and one with errors and warnings. `INSTA_UPDATE=always cargo test`
//! rewrites the snapshots after a deliberate change.

mod common;

use std::process::{Command, Output};

fn check(fixture: &str, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args([
            "check",
            "--root",
            &format!("tests/fixtures/invalid/{fixture}"),
        ])
        .args(extra)
        .current_dir(common::repo())
        .env_remove("NO_COLOR")
        .output()
        .expect("run dossier")
}

/// Exit code and both streams, with the run time, the number of files and the site's size
/// replaced by `N`: the files a build writes change as the site grows, and this test is about
/// diagnostics.
fn shown(out: &Output) -> String {
    let redact = |bytes: &[u8]| {
        let text = String::from_utf8_lossy(bytes);
        let text = match text.rfind(" in ") {
            Some(at) if text.trim_end().ends_with(" ms") => format!("{} in N ms\n", &text[..at]),
            _ => text.into_owned(),
        };
        let text = number_before(&text, " pages and files");
        let text = size_after(&text, "pages and files rendered, ");
        let text = number_after(&text, "\"bytes\": ");
        number_after(&text, "\"files\": ")
    };
    format!(
        "exit: {:?}\n--- stdout\n{}--- stderr\n{}",
        out.status.code(),
        redact(&out.stdout),
        redact(&out.stderr)
    )
}

/// `text` with the number just before `marker` replaced by `N`.
fn number_before(text: &str, marker: &str) -> String {
    match text.find(marker) {
        Some(at) => {
            let start = text[..at]
                .trim_end_matches(|c: char| c.is_ascii_digit())
                .len();
            format!("{}N{}", &text[..start], &text[at..])
        }
        None => text.to_string(),
    }
}

/// `text` with the size just after `marker` (`94.1 kB`) replaced by `N`.
fn size_after(text: &str, marker: &str) -> String {
    let Some(at) = text.find(marker) else {
        return text.to_string();
    };
    let from = at + marker.len();
    let end = [", ", " in "]
        .iter()
        .filter_map(|m| text[from..].find(m))
        .min()
        .map_or(text.len(), |e| from + e);
    format!("{}N{}", &text[..from], &text[end..])
}

/// `text` with the number just after `marker` replaced by `N`.
fn number_after(text: &str, marker: &str) -> String {
    match text.find(marker) {
        Some(at) => {
            let from = at + marker.len();
            let rest = text[from..].trim_start_matches(|c: char| c.is_ascii_digit());
            format!("{}N{rest}", &text[..from])
        }
        None => text.to_string(),
    }
}

#[test]
fn golden_outputs_in_every_format() {
    for fixture in ["mixed", "warnings"] {
        for format in ["human", "json", "github"] {
            let out = check(fixture, &["--format", format]);
            insta::assert_snapshot!(format!("{fixture}_{format}"), shown(&out));
        }
    }
}

#[test]
fn json_is_one_parseable_object_on_stdout() {
    let out = check("mixed", &["--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(value["version"], 1);
    assert_eq!(value["ok"], false);
    assert_eq!(value["counts"]["errors"], 2);
    assert_eq!(value["counts"]["warnings"], 3);
    let first = &value["diagnostics"][0];
    for key in [
        "severity", "code", "file", "line", "column", "message", "help",
    ] {
        assert!(first.get(key).is_some(), "{key}");
    }
    assert!(out.stderr.is_empty());
}

#[test]
fn strict_turns_warnings_into_a_failure() {
    assert_eq!(check("warnings", &[]).status.code(), Some(0));
    let strict = check("warnings", &["--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&strict.stderr);
    assert!(stderr.contains("error[unused-claim]"), "{stderr}");
    assert!(
        stderr.contains("Stopped: 6 errors and 0 warnings"),
        "{stderr}"
    );
    let github = check("warnings", &["--strict", "--format", "github"]);
    assert_eq!(github.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&github.stdout).starts_with("::error file="));
}

#[test]
fn build_accepts_a_format_too() {
    let temp = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args([
            "build",
            "--format",
            "json",
            "--root",
            "tests/fixtures/basic",
            "--output",
        ])
        .arg(temp.path().join("site"))
        .current_dir(common::repo())
        .output()
        .expect("run dossier");
    assert!(out.status.success());
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(value["command"], "build");
    assert_eq!(value["stats"]["notes"], 3);
}
