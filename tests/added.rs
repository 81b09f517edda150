//! Notes added in a serve session: patched in place when the note fits the briefing as it is
//! (a section and sources it has, claim ids and a slug of its own; its page, its claims'
//! pages, the notes and sources it refers to, its neighbours, its tags, the register,
//! `claims.json`, the search index and the sitemap follow), built whole otherwise; either way
//! the site is byte for byte what a clean build writes.

mod common;

use std::fs;
use std::path::Path;

use common::session::{built_sample, edit, step, touch_source};

/// A note of the sample's section "Economic implications", at `weight`, with `extra` front
/// matter and `body`.
fn note(title: &str, weight: u32, extra: &str, body: &str) -> String {
    format!(
        "---\ntitle: {title}\ndate: 2025-12-01\nsection: Economic implications\nweight: {weight}\n{extra}---\n{body}\n"
    )
}

fn write(root: &Path, slug: &str, text: &str) {
    fs::write(root.join(format!("content/notes/{slug}.md")), text).unwrap();
}

const CLAIMS: &str = "claims:\n  - id: new-share\n    text: A new share.\n    value: 42\n    unit: \"%\"\n    period: \"2025\"\n    confidence: high\n    key: true\n    sources:\n      - id: usgs-mcs-2025\n  - id: new-unused\n    text: Declared, linked from nowhere.\n    confidence: low\n    sources: [usgs-mcs-2025]\n";

#[test]
fn a_note_added_is_patched_in_its_place() {
    let (temp, mut session) = built_sample();
    let root = temp.path();
    // Claims (a key judgment, one never linked: a warning), a tag the briefing has and one
    // it has not, links to another note, its claim and its own claim, a citation and a chart
    // of its own figure.
    let chart = "```chart\ntype: bar\ntitle: The new share\nunit: \"%\"\nlabels: [China]\nseries:\n  - name: Share\n    values: [claim:new-share]\nsources: [usgs-mcs-2025]\n```";
    let body = format!(
        "See [the grip](note:value-chain-grip), [its share](claim:china-refining-share) and [ours](claim:new-share) [@usgs-mcs-2025].\n\n## A heading\n\n{chart}"
    );
    let extra = format!("tags: [magnets, brand-new]\n{CLAIMS}");
    let stats = step(&mut session, root, "a note added", |r| {
        write(r, "added-note", &note("An added note", 15, &extra, &body))
    });
    assert!(session.patched(), "a note added");
    assert!(
        stats.write.written < 40,
        "the pages showing the note, not the site: {:?}",
        stats.write
    );
    // Edited once it is in: a patch of the note as any other.
    step(&mut session, root, "the added note retitled", |r| {
        edit(
            r,
            "content/notes/added-note.md",
            "title: An added",
            "title: A new",
        )
    });
    assert!(session.patched(), "an edit of the added note");
    // Claims and a body that refers to nothing: the claims join their source's page.
    let quiet = note(
        "Quiet",
        16,
        &CLAIMS.replace("new-", "quiet-"),
        "Nothing cited.",
    );
    step(
        &mut session,
        root,
        "a note added, its claims unlinked",
        |r| write(r, "quiet-note", &quiet),
    );
    assert!(session.patched(), "a note added, its claims unlinked");
    let front = note("First of all", 0, "tags: [trade-talks]\n", "At the front.");
    step(
        &mut session,
        root,
        "a note added at the front of its section",
        |r| write(r, "first-of-all", &front),
    );
    assert!(session.patched(), "a note added at the front");
    let last = "---\ntitle: Zz last\ndate: 2025-12-01\nsection: The truce and what to watch\nweight: 99\n---\nAt the end; see [the heading](note:added-note#a-heading).\n";
    step(&mut session, root, "a note added at the end", |r| {
        write(r, "zz-last", last)
    });
    assert!(session.patched(), "a note added at the end");
    // A whole build reuses the bodies patched in, renumbered.
    step(&mut session, root, "a source changed", touch_source);
    assert!(!session.patched(), "a source changed");
    step(&mut session, root, "a note removed", |r| {
        fs::remove_file(r.join("content/notes/zz-last.md")).unwrap()
    });
    step(&mut session, root, "the same note added again", |r| {
        write(r, "zz-last", last)
    });
    assert!(session.patched(), "a note added after a whole build");
}

#[test]
fn a_note_that_changes_the_briefings_shape_is_built_whole() {
    let (temp, mut session) = built_sample();
    let root = temp.path();
    let whole = [
        (
            "a section the briefing lacks",
            "new-section",
            "---\ntitle: Elsewhere\ndate: 2025-12-01\n---\nNo section.\n".to_string(),
        ),
        (
            "a source of its own",
            "own-source",
            note(
                "Own source",
                1,
                "sources:\n  - id: own-memo\n    title: A memo\n    publisher: P\n    date: 2025\n    kind: analysis\n    reliability: B\n",
                "Cites [@own-memo].",
            ),
        ),
        (
            "a tag spelled otherwise than the briefing spells it",
            "respelled",
            note("Respelled", 1, "tags: [Magnets]\n", "Text."),
        ),
    ];
    for (name, slug, text) in whole {
        step(&mut session, root, name, |r| write(r, slug, &text));
        assert!(!session.patched(), "{name}");
    }
    // With another note edited in the same save.
    step(&mut session, root, "a note added beside an edit", |r| {
        write(r, "beside", &note("Beside", 1, "", "Text."));
        edit(
            r,
            "content/notes/what-to-watch.md",
            "neither government",
            "no government",
        );
    });
    assert!(!session.patched(), "a note added beside an edit");
    // A duplicate claim id and a broken link: the whole build reports them.
    for (name, text) in [
        (
            "a claim id the briefing has",
            note(
                "Twice",
                1,
                "claims:\n  - id: china-refining-share\n    text: Again.\n    confidence: low\n    sources: [usgs-mcs-2025]\n",
                "Text.",
            ),
        ),
        (
            "a link to no note",
            note("Broken", 1, "", "See [nothing](note:no-such-note)."),
        ),
    ] {
        write(root, "faulty", &text);
        session.watched(&[root.join("content/notes/faulty.md")]);
        assert!(session.build().failed(), "{name}");
        fs::remove_file(root.join("content/notes/faulty.md")).unwrap();
        session.watched(&[root.join("content/notes/faulty.md")]);
        assert!(!session.build().failed(), "{name} taken away");
    }
}

#[test]
fn a_note_added_repages_the_claim_register() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path();
    // Four notes of 250 claims: two register pages of two notes each.
    common::write_briefing(root, 4, 250, "title: Big\n");
    let mut session = dossier::Session::new(dossier::Options::new(root));
    assert!(!session.build().failed());
    let third = root.join("site/claims/page/3/index.html");
    assert!(!third.exists(), "two register pages");
    // The first page shows three notes, the second the same two as before.
    step(&mut session, root, "a small note added at the front", |r| {
        common::write_note(r, 4, 10);
        edit(r, "content/notes/n0004.md", "weight: 4\n", "weight: 0\n");
    });
    assert!(session.patched(), "a note added at the front");
    // On the second page, which shows one more note; the first page's tally counts its claims.
    step(
        &mut session,
        root,
        "a small note added to the second page",
        |r| {
            common::write_note(r, 5, 10);
            edit(r, "content/notes/n0005.md", "weight: 5\n", "weight: 2\n");
        },
    );
    assert!(session.patched(), "a note added to the second page");
    step(&mut session, root, "a small note added at the end", |r| {
        common::write_note(r, 6, 10)
    });
    assert!(session.patched(), "a note added at the end");
    assert!(third.is_file(), "three register pages");
}
