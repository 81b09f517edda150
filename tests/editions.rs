//! Editions end to end: a fixture frozen twice and edited since (`tests/fixtures/editions`),
//! its changes page, claim histories, withdrawn and moved pages and earlier editions
//! (golden); `dossier diff` in three formats; freezing and building again.

mod common;

use std::path::Path;

/// Copies the project at `from` into a new temporary folder.
fn copy_project(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (rel, bytes) in common::read_tree(from) {
        let to = dir.path().join(&rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::write(to, bytes).unwrap();
    }
    dir
}

/// The `<main>` of a page.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").unwrap_or(0);
    let end = html.find("</main>").map_or(html.len(), |i| i + 7);
    &html[start..end]
}

#[test]
fn the_editions_fixture_matches_its_golden_output() {
    let (dir, outcome) = common::build_into_temp(&common::fixture("editions"));
    // buyers-count, a claim of edition 2, is gone without a note: a warning, and the changes
    // page lists it without a reason
    assert_eq!(
        common::render(&outcome.diagnostics),
        "content/_index.md:6:1: warning[unexplained-withdrawal]: the claim `buyers-count` of edition 2 is gone without a note saying why\n  help: add `withdrawn: [{id: buyers-count, note: \"why\", see: \"claim:<where to look now>\"}]` to the front page\n"
    );
    let tree = common::read_tree(&dir.path().join("site"));
    let listing: Vec<&str> = tree.keys().map(String::as_str).collect();
    insta::assert_snapshot!("editions_files", listing.join("\n"));
    let page = |p: &str| String::from_utf8_lossy(&tree[p]).into_owned();
    for (name, path) in [
        ("changes", "changes/index.html"),
        ("history", "claims/leader-share-2024/index.html"),
        ("withdrawn", "claims/plants-delayed/index.html"),
        ("withdrawn_unexplained", "claims/buyers-count/index.html"),
        ("index", "index.html"),
    ] {
        insta::assert_snapshot!(format!("editions_{name}"), main_of(&page(path)));
    }
    insta::assert_snapshot!(
        "editions_moved_claim",
        page("claims/leader-share/index.html")
    );
    insta::assert_snapshot!("editions_moved_note", page("notes/market/index.html"));
    // edition 2 had the tag "Widgets" at tags/widget-trade/ (as an older slug rule made it)
    assert!(page("tags/widget-trade/index.html").contains("url=../../tags/widgets/index.html"));
    let first = page("editions/1/index.html");
    assert!(
        first.contains("<style>") && first.contains("One country made 70% of"),
        "edition 1 as published"
    );
    assert!(!first.contains("rel=\"stylesheet\""), "self-contained");
    assert!(page("editions/2/index.html").contains("One country made 72% of"));
    assert!(page("index.html").contains("What changed since the last edition"));
    let feed = page("changes.xml");
    let doc = roxmltree::Document::parse(&feed).expect("changes.xml is XML");
    let titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .filter_map(|e| e.children().find(|c| c.has_tag_name("title"))?.text())
        .collect();
    assert_eq!(
        titles,
        ["Edition 3: Third edition", "Edition 2: Second edition"]
    );
    assert!(feed.contains("<id>https://example.org/editions/changes.xml#edition-2</id>"));
    assert!(feed.contains("figure: 70% (2024) → 72% (2024)"), "{feed}");
    assert!(feed.contains("why: The office revised its 2024 table."));
    assert!(page("index.html").contains("href=\"changes.xml\""));
}

#[test]
fn diff_prints_the_changes_in_three_formats() {
    let options = dossier::Options::new(common::fixture("editions"));
    let (outcome, diff) = dossier::diff(&options, None);
    assert!(
        !outcome.failed(),
        "{}",
        common::render(&outcome.diagnostics)
    );
    let diff = diff.expect("changes against edition 2");
    insta::assert_snapshot!(
        "editions_diff_human",
        dossier::editions::report::human(&diff)
    );
    insta::assert_snapshot!(
        "editions_diff_markdown",
        dossier::editions::report::markdown(&diff)
    );
    let json = dossier::editions::report::json(&diff);
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(value["since"]["number"], 2);
    assert_eq!(value["now"]["number"], 3);
    // the correction the front page lists for edition 3, as the changes page shows it
    assert_eq!(value["corrections"][0]["target"], "note:prices");
    assert!(
        dossier::editions::report::human(&diff)
            .contains("\nCorrections:\n  note:prices: The note gave 2024 prices as 2023's")
    );
    insta::assert_snapshot!(
        "editions_diff_json",
        serde_json::to_string_pretty(&value).unwrap()
    );
}

#[test]
fn diff_against_another_checkout_compares_their_contents() {
    let before = copy_project(&common::fixture("editions"));
    let after = copy_project(&common::fixture("editions"));
    let prices = after.path().join("content/notes/prices.md");
    let text = std::fs::read_to_string(&prices).unwrap();
    std::fs::write(&prices, text.replace("value: 12", "value: 13")).unwrap();
    let (outcome, diff) = dossier::diff(
        &dossier::Options::new(after.path()),
        Some(&dossier::Options::new(before.path())),
    );
    let diff = diff.unwrap();
    assert_eq!(
        dossier::editions::report::human(&diff),
        "Edition 3 against edition 3 (Third edition, 1 September 2026)\n\nClaims:\n  changed key figure price-2024: Widgets sold for 12 dollars each on average in 2024.\n      figure: 12 USD (2024) → 13 USD (2024)\n"
    );
    // the key figure changed without a note for edition 3: an error, beside the changes
    assert!(outcome.failed());
    assert!(common::render(&outcome.diagnostics).contains("content/notes/prices.md:6:9: error[unexplained-change]: the key claim `price-2024` changed since edition 2 (figure 12 USD (2024) → 13 USD (2024)) without a note saying why"), "{}", common::render(&outcome.diagnostics));
}

/// Against another checkout, the corrections listed are those the other does not list.
#[test]
fn diff_against_another_checkout_lists_the_corrections_it_lacks() {
    let before = copy_project(&common::fixture("editions"));
    let after = copy_project(&common::fixture("editions"));
    let front = after.path().join("content/_index.md");
    let text = std::fs::read_to_string(&front).unwrap();
    let added =
        "corrections:\n  - target: note:outlook\n    note: The outlook's dates were in the past.\n";
    std::fs::write(&front, text.replace("corrections:\n", added)).unwrap();
    let (outcome, diff) = dossier::diff(
        &dossier::Options::new(after.path()),
        Some(&dossier::Options::new(before.path())),
    );
    assert!(
        !outcome.failed(),
        "{}",
        common::render(&outcome.diagnostics)
    );
    let diff = diff.unwrap();
    let targets: Vec<&str> = diff.corrections.iter().map(|c| c.target.as_str()).collect();
    assert_eq!(
        targets,
        ["note:outlook"],
        "not note:prices, which both list"
    );
    assert!(
        dossier::editions::report::markdown(&diff).ends_with(
            "#### Corrections\n\n- note:outlook: The outlook's dates were in the past.\n"
        )
    );
}

#[test]
fn a_build_right_after_a_freeze_shows_no_changes_and_a_frozen_edition_is_never_written_over() {
    let project = copy_project(&common::fixture("editions"));
    let options = dossier::Options::new(project.path());
    let (outcome, frozen) = dossier::freeze(&options);
    assert!(
        !outcome.failed(),
        "{}",
        common::render(&outcome.diagnostics)
    );
    let frozen = frozen.unwrap();
    assert_eq!(frozen.number, 3);
    assert_eq!(frozen.files, ["editions/3.html", "editions/3.json"]);
    let (_, diff) = dossier::diff(&options, None);
    let diff = diff.unwrap();
    assert_eq!(diff.since.number, 3);
    assert!(
        diff.changes.claims.is_empty()
            && diff.changes.notes.is_empty()
            && diff.changes.sources.is_empty()
    );
    let (dir, _) = common::build_into_temp(project.path());
    let changes = std::fs::read_to_string(dir.path().join("site/changes/index.html")).unwrap();
    assert!(
        changes.contains("Nothing has changed since edition 3."),
        "{changes}"
    );
    // with 3.json gone but 3.html there, the next freeze would be 3 again: refused
    std::fs::remove_file(project.path().join("editions/3.json")).unwrap();
    let (outcome, frozen) = dossier::freeze(&options);
    assert!(frozen.is_none());
    assert!(
        common::render(&outcome.diagnostics)
            .contains("error[file-exists]: edition 3 is frozen already: `editions/3.html` exists")
    );
    assert!(
        !project.path().join("editions/3.json").exists(),
        "nothing written"
    );
}

/// `serve` shows an edited claim's change on the changes page at once, and a freeze made
/// while it runs (a new snapshot) is taken up by the next build: each build writes what a
/// clean build writes.
#[test]
fn a_session_shows_each_change_on_the_changes_page_at_once() {
    use common::session::{edit, step};
    let project = copy_project(&common::fixture("editions"));
    let root = project.path();
    let mut session = dossier::Session::new(dossier::Options::new(root));
    assert!(!session.build().failed());
    let changes = || std::fs::read_to_string(root.join("site/changes/index.html")).unwrap();
    assert!(!changes().contains("<dt>Confidence</dt>"));
    step(&mut session, root, "a key judgment's confidence", |r| {
        edit(
            r,
            "content/notes/outlook.md",
            "confidence: moderate",
            "confidence: high",
        );
    });
    assert!(
        changes().contains("<dt>Confidence</dt><dd><del>moderate</del> → <ins>high</ins></dd>"),
        "{}",
        changes()
    );
    let (outcome, frozen) = dossier::freeze(&dossier::Options::new(root));
    assert!(!outcome.failed() && frozen.is_some());
    step(
        &mut session,
        root,
        "a claim's statement after the freeze",
        |r| {
            edit(
                r,
                "content/notes/plants.md",
                "opened in August 2026",
                "opened in late August 2026",
            );
        },
    );
    let page = changes();
    assert!(page.contains("against edition 3"), "{page}");
    assert!(
        page.contains("<dt>Statement</dt>") && !page.contains("<dt>Confidence</dt>"),
        "{page}"
    );
}

/// Every snapshot shipped (the sample's first edition, the fixture's two) and one freshly
/// frozen follow `docs/edition.schema.json`, and the schema can fail.
#[test]
fn snapshots_follow_their_schema() {
    let read = |path: &Path| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    };
    let schema = read(&common::repo().join("docs/edition.schema.json"));
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler
        .add_resource("edition.schema.json", schema)
        .unwrap();
    let index = compiler
        .compile("edition.schema.json", &mut schemas)
        .unwrap();
    let project = copy_project(&common::fixture("editions"));
    let (_, frozen) = dossier::freeze(&dossier::Options::new(project.path()));
    assert!(frozen.is_some());
    let snapshots = [
        common::repo().join("editions/1.json"),
        common::fixture("editions").join("editions/1.json"),
        common::fixture("editions").join("editions/2.json"),
        project.path().join("editions/3.json"),
    ];
    for path in &snapshots {
        if let Err(e) = schemas.validate(&read(path), index) {
            panic!("{} does not match the schema: {e:#}", path.display());
        }
    }
    let mut broken = read(&snapshots[3]);
    assert_eq!(broken["corrections"][0]["target"], "note:prices");
    broken["claims"][0]["sources"][0]["credibility"] = 7.into();
    assert!(
        schemas.validate(&broken, index).is_err(),
        "a grade off the scale"
    );
}
