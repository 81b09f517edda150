//! How the site adapts to large briefings: the claim register is paginated without
//! splitting a note's claims, and the one-page print edition is left out above its limit.

mod common;

use std::fs;

#[test]
fn a_large_register_is_paginated_at_note_boundaries() {
    let temp = tempfile::tempdir().unwrap();
    common::write_briefing(temp.path(), 9, 120, "title: Big\n");
    let (dir, outcome) = common::build_into_temp(temp.path());
    assert_eq!(common::render(&outcome.diagnostics), "");
    let site = dir.path().join("site");
    let first = fs::read_to_string(site.join("claims/index.html")).unwrap();
    let second = fs::read_to_string(site.join("claims/page/2/index.html")).unwrap();
    assert!(!site.join("claims/page/3").exists(), "no trailing page");
    // 120 claims a note: a page closes once it holds 500 or more, after the 5th note.
    assert_eq!(first.matches("<tr id=\"claim-").count(), 600);
    assert_eq!(second.matches("<tr id=\"claim-").count(), 480);
    assert!(
        second.contains(r#"<a rel="prev" href="../../../claims/index.html">"#),
        "{second}"
    );
    assert!(first.contains(r#"<a rel="next" href="../claims/page/2/index.html">"#));
    assert!(
        first.contains("<dd>1080</dd>"),
        "the tally counts the whole register"
    );
    assert!(!second.contains("<dd>1080</dd>"), "on the first page alone");
}

#[test]
fn the_print_edition_is_automatic_up_to_its_limit_and_configurable() {
    let temp = tempfile::tempdir().unwrap();
    common::write_briefing(temp.path(), 3, 1, "title: Small\nprint: false\n");
    let (dir, _) = common::build_into_temp(temp.path());
    assert!(!dir.path().join("site/print").exists(), "print: false");
    let index = fs::read_to_string(dir.path().join("site/index.html")).unwrap();
    assert!(!index.contains("Print edition"));

    let temp = tempfile::tempdir().unwrap();
    common::write_briefing(
        temp.path(),
        dossier::config::PRINT_AUTO_MAX_NOTES + 1,
        0,
        "title: Large\n",
    );
    let (dir, _) = common::build_into_temp(temp.path());
    assert!(
        !dir.path().join("site/print").exists(),
        "left out above the limit"
    );

    fs::write(
        temp.path().join("dossier.yaml"),
        "title: Large\nprint: true\n",
    )
    .unwrap();
    let (dir, _) = common::build_into_temp(temp.path());
    assert!(
        dir.path().join("site/print/index.html").is_file(),
        "print: true wins"
    );
}
