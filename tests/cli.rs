//! The `dossier` binary: exit codes, output, and a failed build leaving the old site intact.

mod common;

use std::path::Path;

use common::{dossier, text};

#[test]
fn build_and_check_exit_zero_on_valid_content() {
    let temp = tempfile::tempdir().unwrap();
    common::copy_dir(&common::fixture("basic"), temp.path());
    let check = dossier(&["check"], temp.path());
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
    assert!(text(&check.stdout).starts_with("Checked 3 notes, 3 claims, 3 sources"));
    assert!(!temp.path().join("site").exists(), "check writes nothing");
    let build = dossier(&["build"], temp.path());
    assert_eq!(build.status.code(), Some(0), "{}", text(&build.stderr));
    let summary = text(&build.stdout);
    assert!(
        summary.starts_with(
            "Built 3 notes, 3 claims, 3 sources, 34 pages and files (34 changed, 0 removed), "
        ),
        "{summary}"
    );
    // the site's size, as `du --apparent-size` would count it
    let bytes: u64 = common::read_tree(&temp.path().join("site"))
        .iter()
        .filter(|(path, _)| !path.ends_with(".dossier-manifest"))
        .map(|(_, b)| b.len() as u64)
        .sum();
    let shown = format!("removed), {:.1} kB in ", bytes as f64 / 1e3);
    assert!(summary.contains(&shown), "{summary} lacks {shown}");
    assert!(summary.trim_end().ends_with(" ms"));
    assert!(temp.path().join("site/notes/supply/index.html").is_file());
}

#[test]
fn check_and_build_exit_one_with_the_diagnostic_on_invalid_content() {
    let root = common::fixture("invalid/unknown-claim");
    let root = root.to_str().unwrap();
    let never = "/nonexistent/never";
    for args in [
        &["check", "--root", root][..],
        &["build", "--root", root, "--output", never],
    ] {
        let out = dossier(args, &common::repo());
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(stderr.starts_with("content/notes/dominance.md:15:5: error[unknown-claim]: there is no claim `china-shares`\n  help: did you mean `china-share`?\n"), "{stderr}");
        assert!(
            stderr.contains("Stopped: 1 error and 0 warnings; nothing was written."),
            "{stderr}"
        );
    }
    assert!(!Path::new("/nonexistent/never").exists());
}

#[test]
fn a_failed_build_leaves_the_previous_site_byte_identical() {
    let temp = tempfile::tempdir().unwrap();
    common::copy_dir(&common::fixture("basic"), temp.path());
    assert!(dossier(&["build"], temp.path()).status.success());
    let before = common::read_tree(&temp.path().join("site"));
    let note = temp.path().join("content/notes/trade.md");
    let broken = std::fs::read_to_string(&note)
        .unwrap()
        .replace("claim:exports-fell", "claim:exports-fel");
    std::fs::write(&note, broken).unwrap();
    std::fs::remove_file(temp.path().join("content/notes/loose.md")).unwrap();
    let out = dossier(&["build"], temp.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("did you mean `exports-fell`?"));
    assert_eq!(common::read_tree(&temp.path().join("site")), before);
}

#[test]
fn a_rebuild_writes_only_what_changed_and_removes_stale_pages() {
    let temp = tempfile::tempdir().unwrap();
    common::copy_dir(&common::fixture("basic"), temp.path());
    assert!(dossier(&["build"], temp.path()).status.success());
    let again = text(&dossier(&["build"], temp.path()).stdout);
    assert!(again.contains("(0 changed, 0 removed)"), "{again}");
    std::fs::remove_file(temp.path().join("content/notes/loose.md")).unwrap();
    let after = text(&dossier(&["build"], temp.path()).stdout);
    assert!(after.contains("1 removed)"), "{after}");
    assert!(!temp.path().join("site/notes/loose").exists());
}

#[test]
fn the_output_folder_may_not_be_the_project() {
    let temp = tempfile::tempdir().unwrap();
    common::copy_dir(&common::fixture("basic"), temp.path());
    let out = dossier(&["build", "--output", "."], temp.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("error[bad-output]"),
        "{}",
        text(&out.stderr)
    );
    assert!(temp.path().join("content/notes/supply.md").is_file());
}

#[test]
fn base_url_from_the_command_line_wins() {
    let temp = tempfile::tempdir().unwrap();
    common::copy_dir(&common::fixture("basic"), temp.path());
    let out = dossier(
        &["build", "--base-url", "https://user.github.io/repo"],
        temp.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let page = std::fs::read_to_string(temp.path().join("site/notes/supply/index.html")).unwrap();
    assert!(
        page.contains(r#"<link rel="canonical" href="https://user.github.io/repo/notes/supply/">"#)
    );
    let bad = dossier(&["build", "--base-url", "javascript:alert(1)"], temp.path());
    assert_eq!(bad.status.code(), Some(1));
}

#[test]
fn every_command_has_help() {
    for args in [&["--help"][..], &["build", "--help"], &["check", "--help"]] {
        let out = dossier(args, &common::repo());
        assert!(out.status.success(), "{args:?}");
        assert!(text(&out.stdout).contains("Usage: dossier"), "{args:?}");
    }
    let build = text(&dossier(&["build", "--help"], &common::repo()).stdout);
    for flag in ["--root", "--output", "--base-url", "--drafts"] {
        assert!(build.contains(flag), "{flag}");
    }
    assert_eq!(
        dossier(&["frobnicate"], &common::repo()).status.code(),
        Some(2)
    );
}

/// `dossier ARGS` in `cwd` with `SOURCE_DATE_EPOCH` set to `epoch`.
fn on_day(args: &[&str], cwd: &Path, epoch: &str) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(cwd)
        .env("SOURCE_DATE_EPOCH", epoch)
        .output()
        .expect("run dossier")
}

/// The judgments fixture is due for review on 2026-11-10: on 1 December 2026 the front page
/// says so and `check` lists the stale dates; on 21 January 2026 neither; the same day gives
/// the same bytes; `--strict` leaves stale a warning, `--deny stale` fails on it.
#[test]
fn source_date_epoch_is_today_for_the_dates_that_expire() {
    let (after, before) = ("1796083200", "1768953600");
    let temp = tempfile::tempdir().unwrap();
    common::copy_dir(&common::fixture("judgments"), temp.path());
    let notice = "This briefing was due for review on <time datetime=\"2026-11-10\">10 November 2026</time> and has not been updated since <time datetime=\"2026-01-20\">20 January 2026</time>.";
    let index = || std::fs::read_to_string(temp.path().join("site/index.html")).unwrap();
    assert!(on_day(&["build"], temp.path(), after).status.success());
    assert!(index().contains(notice), "{}", index());
    let first = common::read_tree(&temp.path().join("site"));
    assert!(on_day(&["build"], temp.path(), after).status.success());
    assert_eq!(
        common::read_tree(&temp.path().join("site")),
        first,
        "the same day, the same bytes"
    );
    let json = text(&on_day(&["check", "--format", "json"], temp.path(), after).stdout);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let stale: Vec<(String, u64)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "stale")
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("content/_index.md", 6),
        ("content/notes/outlook.md", 13),
        ("content/notes/outlook.md", 51),
    ];
    let expected: Vec<(String, u64)> = expected.iter().map(|(f, l)| (f.to_string(), *l)).collect();
    assert_eq!(stale, expected);
    assert!(
        on_day(&["check", "--strict"], temp.path(), after)
            .status
            .success(),
        "strict"
    );
    assert_eq!(
        on_day(&["check", "--deny", "stale"], temp.path(), after)
            .status
            .code(),
        Some(1)
    );
    assert!(on_day(&["build"], temp.path(), before).status.success());
    assert!(!index().contains("due for review"), "before the date");
    let json = text(
        &on_day(
            &["check", "--format", "json", "--deny", "stale"],
            temp.path(),
            before,
        )
        .stdout,
    );
    assert!(!json.contains("\"stale\""), "{json}");
}

#[test]
fn build_strict_stops_on_a_warning_and_leaves_the_previous_site() {
    let temp = tempfile::tempdir().unwrap();
    common::copy_dir(&common::fixture("invalid/warnings"), temp.path());
    let out = temp.path().join("out");
    let out_arg = out.to_str().unwrap();
    let plain = dossier(&["build", "-o", out_arg], temp.path());
    assert_eq!(plain.status.code(), Some(0), "{}", text(&plain.stderr));
    let before = common::read_tree(&out);
    std::fs::write(
        temp.path().join("content/notes/extra.md"),
        "---\ntitle: Extra\ndate: 2025-01-01\n---\nMore.\n",
    )
    .unwrap();
    let strict = dossier(&["build", "--strict", "-o", out_arg], temp.path());
    assert_eq!(strict.status.code(), Some(1));
    let stderr = text(&strict.stderr);
    assert!(stderr.contains("error[unused-claim]"), "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(common::read_tree(&out), before, "the previous site stays");
}

#[test]
fn short_flags_are_zola_s() {
    let temp = tempfile::tempdir().unwrap();
    let root = common::fixture("basic");
    let out = temp.path().join("public");
    let args = [
        "build",
        "-r",
        root.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "-u",
        "https://short.example/x/",
    ];
    let build = dossier(&args, temp.path());
    assert_eq!(build.status.code(), Some(0), "{}", text(&build.stderr));
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>https://short.example/x/</loc>"),
        "{sitemap}"
    );
    let help = text(&dossier(&["serve", "--help"], temp.path()).stdout);
    for flag in [
        "-r, --root",
        "-p, --port",
        "-i, --bind",
        "--interface",
        "-O, --open",
        "-D, --drafts",
    ] {
        assert!(help.contains(flag), "{flag} missing from\n{help}");
    }
}

#[test]
fn completions_and_the_manual_page_are_generated() {
    let temp = tempfile::tempdir().unwrap();
    for (shell, marker) in [
        ("bash", "_dossier()"),
        ("zsh", "#compdef dossier"),
        ("fish", "complete -c dossier"),
    ] {
        let out = dossier(&["completions", shell], temp.path());
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = text(&out.stdout);
        assert!(
            script.contains(marker) && script.contains("serve"),
            "{shell}: {script}"
        );
    }
    assert_eq!(
        dossier(&["completions", "tcsh"], temp.path()).status.code(),
        Some(2)
    );
    let man = text(&dossier(&["man"], temp.path()).stdout);
    assert!(
        man.contains(".TH dossier 1") && man.contains("dossier\\-build(1)"),
        "{man}"
    );
    let pages = temp.path().join("man");
    let out = dossier(&["man", "--out-dir", pages.to_str().unwrap()], temp.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let build = std::fs::read_to_string(pages.join("dossier-build.1")).unwrap();
    assert!(
        build.contains("\\-\\-strict") && build.contains("\\-\\-base\\-url"),
        "{build}"
    );
}

#[test]
fn serve_binds_another_address_and_answers_at_it() {
    let temp = tempfile::tempdir().unwrap();
    common::copy_dir(&common::fixture("basic"), temp.path());
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["serve", "-i", "127.0.0.2", "-p", "0"])
        .current_dir(temp.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = std::io::BufRead::lines(std::io::BufReader::new(stdout));
    let serving = lines
        .by_ref()
        .map_while(Result::ok)
        .find(|l| l.starts_with("Serving at "))
        .expect("the address served");
    let url = serving["Serving at http://".len()..]
        .split(' ')
        .next()
        .unwrap();
    let (addr, path) = url.split_at(url.find('/').unwrap());
    let (ok, foreign) = (
        common::http::request(addr, "GET", path, addr),
        common::http::request(addr, "GET", path, "evil.example"),
    );
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(addr.starts_with("127.0.0.2:"), "{serving}");
    assert_eq!(ok.status, 200);
    assert_eq!(foreign.status, 421);
}
