//! Claims added to a note or taken from it (a claim's id changed: both), in a serve session:
//! claims' pages come and go, and the site is exactly what a clean build writes.

mod common;

use common::session::{built_briefing, built_sample, edit, failing, step, touch_front};

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
fn claims_added_to_a_note_write_what_a_clean_build_writes() {
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
    assert!(session.bodies_rendered() <= 3, "a claim added first");
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
        session.bodies_rendered() <= 3,
        "a key claim added last, linked and charted"
    );
    // A whole build reuses the bodies, renumbered for the claims added.
    step(&mut session, root, "the front page touched", touch_front);
    step(&mut session, root, "a claim taken away", |r| {
        edit(r, RESERVES, &claim("added-first", false), "")
    });
    assert!(
        session.bodies_rendered() <= 3,
        "a claim nothing refers to, taken away"
    );
    step(&mut session, root, "two claims swapped", |r| {
        let text = read(r, RESERVES);
        let at = |id: &str| text.find(&format!("  - id: {id}\n")).unwrap();
        let (a, b) = (at("china-reserves-2025"), at("us-net-import-reliance-2024"));
        let c = at("us-imports-from-china-2020-2023");
        let swapped = [&text[..a], &text[b..c], &text[a..b], &text[c..]].concat();
        std::fs::write(r.join(RESERVES), swapped).unwrap();
    });
    // A claim id another note declares: the whole build reports it, the site stays.
    let codes = failing(&mut session, root, &[RESERVES], |r| {
        let taken = claim("top3-refiner-share-2024", false);
        edit(r, RESERVES, &claim("added-last", true), &taken)
    });
    assert!(codes.contains(&"duplicate-id"), "{codes:?}");
}

/// Claim `c` of note `n` as `common::write_note` writes it (`text` its words).
fn generated(n: usize, c: usize, text: &str) -> String {
    format!("  - id: c-{n}-{c}\n    text: {text}\n    confidence: high\n    sources: [s]\n")
}

#[test]
fn claims_added_and_taken_away_move_the_register_pages_after_them() {
    // 80 notes of 7 claims: the register's first page ends after note 72 (504 claims); three
    // claims added to note 5 end it after note 71.
    let (temp, mut session) = built_briefing(80, 7, "title: Register\n");
    let root = temp.path();
    let note = "content/notes/n0005.md";
    let three: String = (7..10).map(|c| generated(5, c, "Added.")).collect();
    step(&mut session, root, "three claims added", |r| {
        edit(r, note, "\n---\n", &format!("\n{three}---\n"))
    });
    assert!(session.bodies_rendered() <= 3, "three claims added");
    // A claim added on the second page: the first page's tally counts it.
    step(
        &mut session,
        root,
        "a claim added on the second page",
        |r| {
            let added = generated(78, 7, "Added.");
            edit(
                r,
                "content/notes/n0078.md",
                "\n---\n",
                &format!("\n{added}---\n"),
            );
        },
    );
    assert!(
        session.bodies_rendered() <= 3,
        "a claim added on the second page"
    );
    step(&mut session, root, "the three claims taken away", |r| {
        edit(r, note, &three, "")
    });
    assert!(
        session.bodies_rendered() <= 3,
        "claims nothing else refers to, taken away"
    );
    step(
        &mut session,
        root,
        "a claim and its note's link to it taken away",
        |r| {
            edit(r, note, &generated(5, 2, "Claim 2 of note 5."), "");
            edit(r, note, " [2](claim:c-5-2)", "");
        },
    );
    assert!(
        session.bodies_rendered() <= 3,
        "a claim its own note linked, taken away"
    );
    step(
        &mut session,
        root,
        "a claim's id changed, and its note's link",
        |r| {
            edit(r, note, "  - id: c-5-4\n", "  - id: c-5-four\n");
            edit(r, note, "(claim:c-5-4)", "(claim:c-5-four)");
        },
    );
    assert!(
        session.bodies_rendered() <= 3,
        "a claim's id changed: one claim taken, one added"
    );
    step(
        &mut session,
        root,
        "the note moved with a claim more",
        |r| {
            edit(r, note, "weight: 5\n", "weight: 90\n");
            let added = generated(5, 10, "Added.");
            edit(r, note, "\n---\n", &format!("\n{added}---\n"));
        },
    );
    // A claim another note links cannot go: the whole build names the link, the site stays.
    step(&mut session, root, "another note linking a claim", |r| {
        edit(
            r,
            "content/notes/n0006.md",
            "Cited [@s].",
            "Cited [@s], [see](claim:c-5-3).",
        )
    });
    assert!(session.bodies_rendered() <= 3, "a link added");
    let codes = failing(&mut session, root, &[note], |r| {
        edit(r, note, &generated(5, 3, "Claim 3 of note 5."), "");
        edit(r, note, " [3](claim:c-5-3)", "");
    });
    assert_eq!(codes, ["unknown-claim"], "a linked claim taken away");
}
