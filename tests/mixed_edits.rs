//! Edits of many kinds one after another on one serve session: claims added, taken and
//! renamed, headings reworded, a source retitled and regraded, notes moved, added and removed.
//! Each build starts from what the ones before left, and after each the site must be exactly
//! what a clean build writes.

mod common;

use common::session::{built_briefing, edit, step};

/// An edit: its name, and what it does to the project at a root.
type Edit<'a> = (&'a str, Box<dyn Fn(&std::path::Path) + 'a>);

/// Claim `c` of note `n` as `common::write_note` writes it, with `text`.
fn claim(n: usize, c: usize, text: &str) -> String {
    format!("  - id: c-{n}-{c}\n    text: {text}\n    confidence: high\n    sources: [s]\n")
}

/// The file of note `n`.
fn note(n: usize) -> String {
    format!("content/notes/n{n:04}.md")
}

#[test]
fn edits_one_after_another_write_what_clean_builds_write() {
    let (temp, mut session) = built_briefing(30, 3, "title: Mixed\n");
    let root = temp.path();
    let (three, four, source) = (note(3), note(4), "content/sources/s.md");
    let edits: [Edit; 12] = [
        (
            "a claim added and linked",
            Box::new(|r| {
                let added = claim(3, 9, "Added.");
                edit(r, &three, "\n---\n", &format!("\n{added}---\n"));
                edit(r, &three, "Cited [@s].", "Cited [@s], [new](claim:c-3-9).");
            }),
        ),
        (
            "the source retitled",
            Box::new(|r| edit(r, source, "title: A source", "title: One source")),
        ),
        (
            "a heading added",
            Box::new(|r| edit(r, &four, "Cited [@s].", "## Findings\n\nCited [@s].")),
        ),
        (
            "the heading reworded",
            Box::new(|r| edit(r, &four, "## Findings", "## What we found")),
        ),
        (
            "a claim and its link taken",
            Box::new(|r| {
                edit(r, &three, &claim(3, 1, "Claim 1 of note 3."), "");
                edit(r, &three, " [1](claim:c-3-1)", "");
            }),
        ),
        (
            "the note moved",
            Box::new(|r| edit(r, &three, "weight: 3\n", "weight: 25\n")),
        ),
        (
            "the source regraded",
            Box::new(|r| edit(r, source, "reliability: B", "reliability: C")),
        ),
        (
            "a claim's id changed",
            Box::new(|r| {
                edit(r, &note(7), "  - id: c-7-0\n", "  - id: c-7-zero\n");
                edit(r, &note(7), "(claim:c-7-0)", "(claim:c-7-zero)");
            }),
        ),
        ("a note added", Box::new(|r| common::write_note(r, 100, 2))),
        (
            "a claim added to the new note",
            Box::new(|r| {
                let added = claim(100, 5, "Added later.");
                edit(r, &note(100), "\n---\n", &format!("\n{added}---\n"));
            }),
        ),
        (
            "the new note removed",
            Box::new(|r| std::fs::remove_file(r.join(note(100))).unwrap()),
        ),
        (
            "the moved note adding a claim",
            Box::new(|r| {
                let added = claim(3, 8, "Added where it moved.");
                edit(r, &three, "\n---\n", &format!("\n{added}---\n"));
            }),
        ),
    ];
    for (name, change) in edits {
        step(&mut session, root, name, change);
        // Every note cites the source, whose title its citations show.
        let most = if name == "the source retitled" { 30 } else { 3 };
        assert!(session.bodies_rendered() <= most, "{name}");
    }
    step(&mut session, root, "a front page added", |r| {
        let front = "---\ntitle: Mixed\n---\nEverything at once.\n";
        std::fs::write(r.join("content/_index.md"), front).unwrap();
    });
}
