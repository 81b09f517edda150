//! `dossier init` and `dossier new`: the scaffolded files build and check clean with the
//! built-in theme, nothing is ever overwritten, and titles in any script give valid slugs.

mod common;

use std::path::Path;

use common::{dossier, text};

/// `dossier init b` in `dir`, with the workflow's line to fill in filled (when dossier does
/// not know its repository), as a user does before the first push.
fn init_filled(dir: &Path) {
    assert!(dossier(&["init", "b"], dir).status.success());
    let workflow = dir.join("b").join(dossier::scaffold::WORKFLOW);
    let yaml = std::fs::read_to_string(&workflow).unwrap();
    let filled = yaml.replace(
        dossier::scaffold::UNFILLED,
        "https://example.org/dossier.git",
    );
    std::fs::write(&workflow, filled).unwrap();
}

/// The diagnostics of `dossier check` on `root`, as printed.
fn check(root: &Path) -> String {
    common::render(&dossier::check(&dossier::Options::new(root)).diagnostics)
}

#[test]
fn init_makes_a_project_that_builds_and_checks_clean() {
    let temp = tempfile::tempdir().unwrap();
    let out = dossier(&["init", "rare-earths"], temp.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let root = temp.path().join("rare-earths");
    for file in [
        "dossier.yaml",
        "content/_index.md",
        "content/notes/first-note.md",
        "content/sources/example-source.md",
        ".gitignore",
        ".github/workflows/pages.yml",
    ] {
        let text = std::fs::read_to_string(root.join(file)).expect(file);
        assert!(
            file.ends_with("pages.yml") || !text.contains("{{"),
            "{file}: {text}"
        );
    }
    assert!(!root.join("templates").exists() && !root.join("static").exists());
    assert!(
        std::fs::read_to_string(root.join(".gitignore"))
            .unwrap()
            .contains("\nsite/\n")
    );
    if dossier::scaffold::repository().is_none() {
        // the one line left to fill in, reported until it is filled
        let said = text(&out.stdout);
        assert!(said.contains("the line marked FILL-IN"), "{said}");
        let first = dossier(&["check"], &root);
        assert!(first.status.success());
        let stderr = text(&first.stderr);
        assert!(
            stderr.starts_with(".github/workflows/pages.yml:")
                && stderr.contains(": warning[workflow-placeholder]: ")
                && stderr.matches("warning[").count() == 1,
            "{stderr}"
        );
        let workflow = root.join(".github/workflows/pages.yml");
        let yaml = std::fs::read_to_string(&workflow).unwrap();
        let line = yaml.lines().position(|l| l.contains("FILL-IN")).unwrap() + 1;
        assert!(
            stderr.contains(&format!("pages.yml:{line}:17: ")),
            "{stderr}"
        );
        let filled = yaml.replace(
            dossier::scaffold::UNFILLED,
            "https://example.org/dossier.git",
        );
        std::fs::write(&workflow, filled).unwrap();
    }
    let strict = dossier(&["check", "--strict"], &root);
    assert!(strict.status.success(), "{}", text(&strict.stderr));
    assert_eq!(text(&strict.stderr), "", "no warnings");
    let (site, outcome) = common::build_into_temp(&root);
    assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
    let index = std::fs::read_to_string(site.path().join("site/index.html")).unwrap();
    assert!(
        index.contains("Rare earths"),
        "the title comes from the folder"
    );
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let temp = tempfile::tempdir().unwrap();
    std::fs::write(temp.path().join("notes.txt"), "mine").unwrap();
    let out = dossier(&["init", "."], temp.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("error[not-empty]"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read_dir(temp.path()).unwrap().count(), 1);
}

#[test]
fn the_pages_workflow_uses_the_official_actions() {
    let temp = tempfile::tempdir().unwrap();
    assert!(dossier(&["init", "b"], temp.path()).status.success());
    let yaml = std::fs::read_to_string(temp.path().join("b/.github/workflows/pages.yml")).unwrap();
    let parsed: serde_yaml::Value = serde_yaml::from_str(&yaml).expect("valid YAML");
    assert!(parsed["jobs"]["deploy"].is_mapping());
    for action in [
        "actions/checkout@",
        "actions/configure-pages@",
        "actions/upload-pages-artifact@",
        "actions/deploy-pages@",
        "dossier check --format github",
        "dossier build --base-url",
        "cron: \"23 5 * * 1\"",
        "dossier check --deny stale --format github",
        "gh issue create",
        "run: rm -f site/.dossier-manifest",
        "ref: ${{ github.base_ref }}",
        "dossier diff --against-root .base --format markdown >> \"$GITHUB_STEP_SUMMARY\"",
    ] {
        assert!(yaml.contains(action), "{action}");
    }
    let (removed, uploaded) = (
        yaml.find("rm -f site/.dossier-manifest"),
        yaml.find("upload-pages-artifact"),
    );
    assert!(
        removed < uploaded,
        "the record is left out before the upload"
    );
    assert!(yaml.contains(&format!(
        "DOSSIER_VERSION: \"{}\"",
        env!("CARGO_PKG_VERSION")
    )));
    let repository = dossier::scaffold::repository().unwrap_or(dossier::scaffold::UNFILLED);
    assert!(yaml.contains(&format!("DOSSIER_GIT: \"{repository}\"")));
    // the current major versions (node24), hidden files published, dossier pinned to the
    // release that wrote the workflow and the cache keyed on that pin
    for current in [
        "actions/checkout@v6",
        "actions/cache@v6",
        "actions/configure-pages@v6",
        "actions/upload-pages-artifact@v5",
        "actions/deploy-pages@v5",
        "include-hidden-files: true",
        "--tag \"v$DOSSIER_VERSION\"",
        "key: dossier-${{ runner.os }}-v${{ env.DOSSIER_VERSION }}-${{ env.DOSSIER_GIT }}",
    ] {
        assert!(yaml.contains(current), "{current}");
    }
    assert!(!yaml.contains("@v4") && !yaml.contains("--git \"$DOSSIER_GIT\" dossier"));
    assert_eq!(
        parsed["concurrency"]["cancel-in-progress"], "${{ github.event_name == 'pull_request' }}",
        "only a pull request's check is cancelled, never a deploy"
    );
    for placeholder in ["{{TITLE}}", "{{TODAY}}", "{{VERSION}}", "{{REPOSITORY}}"] {
        assert!(!yaml.contains(placeholder), "{placeholder} is filled");
    }
}

#[test]
fn new_note_and_source_check_clean_and_never_overwrite() {
    let temp = tempfile::tempdir().unwrap();
    init_filled(temp.path());
    let root = temp.path().join("b");
    let root_arg = root.to_str().unwrap();
    let note = dossier(
        &[
            "new",
            "note",
            "Trade talks: what's next?",
            "--root",
            root_arg,
        ],
        temp.path(),
    );
    assert!(note.status.success(), "{}", text(&note.stderr));
    let note_file = root.join("content/notes/trade-talks-what-s-next.md");
    assert!(text(&note.stdout).contains("trade-talks-what-s-next.md"));
    assert_eq!(check(&root), "", "a new note checks clean");

    let source = dossier(
        &["new", "source", "Reuters, 5 Nov", "--root", root_arg],
        temp.path(),
    );
    assert!(source.status.success(), "{}", text(&source.stderr));
    assert!(text(&source.stdout).contains("[@reuters-5-nov]"));
    assert_eq!(
        check(&root),
        "content/sources/reuters-5-nov.md:1:1: warning[unused-source]: nothing cites the source \
         `reuters-5-nov`\n  help: cite it in a note with [@id], list it under a claim's \
         `sources:`, or remove it\n",
        "a new source nothing cites gives only the unused-source warning"
    );

    // Once written, the note refuses to be overwritten and is left as it was.
    std::fs::write(&note_file, "mine").unwrap();
    let again = dossier(
        &[
            "new",
            "note",
            "Trade talks: what's next?",
            "--root",
            root_arg,
        ],
        temp.path(),
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr).contains("error[file-exists]"),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(std::fs::read_to_string(&note_file).unwrap(), "mine");
}

/// The commented-out claim of a new note is valid once uncommented and given a source.
#[test]
fn the_skeleton_claim_is_valid_when_uncommented() {
    let temp = tempfile::tempdir().unwrap();
    init_filled(temp.path());
    let root = temp.path().join("b");
    let rel = dossier::scaffold::new_file(
        &root,
        dossier::scaffold::Kind::Note,
        "Magnets",
        dossier::date::today(),
    )
    .unwrap();
    let path = root.join(rel);
    let skeleton = std::fs::read_to_string(&path).unwrap();
    let mut text = String::new();
    let mut in_claim = false;
    for line in skeleton.lines() {
        in_claim |= line == "# claims:";
        in_claim &= line.starts_with("#   ") || line == "# claims:";
        match line {
            "claims: []" => {}
            _ if in_claim => text.push_str(&line[2..].replace("source-id", "example-source")),
            _ => text.push_str(line),
        }
        text.push('\n');
    }
    let text = text.replace("Write the note here", "See [the figure](claim:magnets-1)");
    std::fs::write(&path, &text).unwrap();
    assert_eq!(check(&root), "", "{text}");
}

#[test]
fn titles_in_other_scripts_give_valid_slugs() {
    let temp = tempfile::tempdir().unwrap();
    init_filled(temp.path());
    let root = temp.path().join("b");
    let root_arg = root.to_str().unwrap();
    for (title, file) in [
        (
            "Élan \"vital\" à Zürich",
            "content/notes/elan-vital-a-zurich.md",
        ),
        ("稀土出口管制", "content/notes/xi-tu-chu-kou-guan-zhi.md"),
        ("???", ""),
    ] {
        let out = dossier(&["new", "note", title, "--root", root_arg], temp.path());
        assert!(out.status.success(), "{title}: {}", text(&out.stderr));
        if !file.is_empty() {
            assert!(root.join(file).is_file(), "{title} → {}", text(&out.stdout));
        }
    }
    assert_eq!(check(&root), "");
    let empty = dossier(&["new", "source", "  ", "--root", root_arg], temp.path());
    assert_eq!(empty.status.code(), Some(1));
    let outside = dossier(&["new", "note", "X"], temp.path());
    assert_eq!(outside.status.code(), Some(1), "no content/ here");
}

/// What `init`'s workflow does on a pull request, run by hand: the base branch checked out
/// beside the change, `dossier diff --against-root` writes the change to the claims as
/// Markdown (for the job summary); and `dossier edition freeze` freezes an edition.
#[test]
fn a_pull_request_is_summarised_and_an_edition_frozen_from_the_command_line() {
    let temp = tempfile::tempdir().unwrap();
    assert!(dossier(&["init", "b"], temp.path()).status.success());
    let project = temp.path().join("b");
    let base = project.join(".base");
    std::fs::create_dir_all(&base).unwrap();
    common::copy_dir(&project.join("content"), &base.join("content"));
    let note = project.join("content/notes/first-note.md");
    let written = std::fs::read_to_string(&note).unwrap();
    std::fs::write(&note, written.replace("    key: true", "    key: false")).unwrap();
    let out = dossier(
        &["diff", "--against-root", ".base", "--format", "markdown"],
        &project,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let summary = text(&out.stdout);
    assert!(
        summary.starts_with("### Edition 1 against edition 1 (First edition, "),
        "{summary}"
    );
    assert!(summary.ends_with(")\n\n#### Claims\n\n- **Changed key figure** `first-claim`: Replace this with your first finding, in one sentence.\n  - key: yes → no\n"), "{summary}");
    assert!(text(&out.stderr).contains("Compared 1 note, 1 claim, 1 source"));
    let out = dossier(&["edition", "freeze"], &project);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("Froze edition 1:\n  editions/1.html\n  editions/1.json\n")
    );
    assert!(project.join("editions/1.json").is_file());
    let out = dossier(&["diff"], &project);
    let said = text(&out.stdout);
    assert!(
        said.starts_with("Edition 2 against edition 1 (First edition, ")
            && said.ends_with(")\nNothing changed.\n"),
        "{said}"
    );
}
