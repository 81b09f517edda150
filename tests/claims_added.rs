//! Claims added to a note are patched into the last briefing by `dossier serve`'s session
//! when the note keeps the claims it had and stays where it is: every claim is numbered
//! again, the new claims get pages and cards, and the site is exactly what a clean build
//! writes. Claims taken away, or added by a note that moves, take the whole build.

mod common;

use common::session::{built_briefing, built_sample, edit, step, touch_front};

/// A sample note with two claims resting on the USGS data release.
const RESERVES: &str = "content/notes/reserves-and-us-exposure.md";

/// A claim in the sample's front matter style, resting on the USGS data release.
fn claim(id: &str, key: bool) -> String {
    format!(
        "  - id: {id}\n    text: A claim added while editing.\n    value: 12\n    unit: \"%\"\n    period: \"2024\"\n    confidence: moderate\n    key: {key}\n    sources: [usgs-mcs-2025]\n"
    )
}

/// The text of `file` under `root`.
fn read(root: &std::path::Path, file: &str) -> String {
    std::fs::read_to_string(root.join(file)).unwrap()
}

#[test]
fn claims_added_to_a_note_are_patched_and_write_what_a_clean_build_writes() {
    let (temp, mut session) = built_sample();
    let root = temp.path();
    let first = read(root, RESERVES).find("claims:\n").unwrap() + "claims:\n".len();
    step(&mut session, root, "a claim added first", |r| {
        let text = read(r, RESERVES);
        let added = format!(
            "{}{}{}",
            &text[..first],
            claim("added-first", false),
            &text[first..]
        );
        std::fs::write(r.join(RESERVES), added).unwrap();
    });
    assert!(session.patched(), "a claim added first");
    step(
        &mut session,
        root,
        "a key claim added last, linked and charted",
        |r| {
            let text = read(r, RESERVES);
            let end = text[3..].find("\n---\n").unwrap() + 4;
            let chart = "```chart\ntype: bar\ntitle: Added\nunit: \"%\"\nlabels: [China]\nseries:\n  - name: Share\n    values: [claim:added-last]\nsources: [usgs-mcs-2025]\n```\n";
            let body = format!("See [the added claim](claim:added-last).\n\n{chart}\n");
            let added = format!(
                "{}{}{}{body}{}",
                &text[..end],
                claim("added-last", true),
                "---\n",
                &text[end + 4..]
            );
            std::fs::write(r.join(RESERVES), added).unwrap();
        },
    );
    assert!(
        session.patched(),
        "a key claim added last, linked and charted"
    );
    // A whole build reuses the bodies, renumbered for the claims added.
    step(&mut session, root, "the front page touched", touch_front);
    assert!(!session.patched(), "the front page touched");
    step(&mut session, root, "a claim taken away", |r| {
        edit(r, RESERVES, &claim("added-first", false), "")
    });
    assert!(!session.patched(), "a claim taken away");
    // A claim id another note declares: the whole build reports it, the site stays.
    let site = common::read_tree(&root.join("site"));
    let taken = claim("top3-refiner-share-2024", false);
    edit(root, RESERVES, &claim("added-last", true), &taken);
    session.watched(&[root.join(RESERVES)]);
    let failed = session.build();
    let codes: Vec<&str> = failed.diagnostics.iter().map(|d| d.code).collect();
    assert!(codes.contains(&"duplicate-id"), "{codes:?}");
    assert!(!session.patched(), "an id another note declares");
    assert_eq!(common::read_tree(&root.join("site")), site);
}

#[test]
fn claims_added_move_the_register_pages_after_them() {
    // 80 notes of 7 claims: the register's first page ends after note 72 (504 claims); three
    // claims added to note 5 end it after note 71.
    let (temp, mut session) = built_briefing(80, 7, "title: Register\n");
    let root = temp.path();
    let note = "content/notes/n0005.md";
    step(&mut session, root, "three claims added", |r| {
        let added: String = (7..10)
            .map(|c| {
                format!(
                    "  - id: c-5-{c}\n    text: Added {c}.\n    confidence: low\n    sources: [s]\n"
                )
            })
            .collect();
        edit(r, note, "\n---\n", &format!("\n{added}---\n"));
    });
    assert!(session.patched(), "three claims added");
    // A claim added on the second page: the first page's tally counts it.
    step(
        &mut session,
        root,
        "a claim added on the second page",
        |r| {
            let added = "  - id: c-78-7\n    text: Added.\n    confidence: low\n    sources: [s]\n";
            edit(
                r,
                "content/notes/n0078.md",
                "\n---\n",
                &format!("\n{added}---\n"),
            );
        },
    );
    assert!(session.patched(), "a claim added on the second page");
    step(
        &mut session,
        root,
        "the note moved with a claim more",
        |r| {
            let added =
                "  - id: c-5-10\n    text: Added 10.\n    confidence: low\n    sources: [s]\n";
            edit(r, note, "weight: 5\n", "weight: 90\n");
            edit(r, note, "\n---\n", &format!("\n{added}---\n"));
        },
    );
    assert!(!session.patched(), "a note moving and adding claims");
}
