//! Notes added and removed in a serve session, at the front, the end and between, with and
//! without sections, tags and links: each build writes exactly what a clean build writes and
//! renders no body but the note's own (and those whose answers it changes).

mod common;

use std::fs;
use std::path::Path;

use common::session::{built_briefing, built_sample, edit, failing, step, touch_front};

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
fn a_note_added_renders_only_its_own_body() {
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
    assert!(session.bodies_rendered() <= 3, "a note added");
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
    assert!(session.bodies_rendered() <= 3, "an edit of the added note");
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
    assert!(
        session.bodies_rendered() <= 3,
        "a note added, its claims unlinked"
    );
    // Links to a note that shares nothing else with it (its backlinks), to a note and a claim
    // after it in reading order, and a chart of a later note's figure: when it goes, the
    // numbers of what it refers to have moved.
    let body = "At the front; see [the April controls](note:april-controls), [what to watch](note:what-to-watch) and [a control](claim:april-controls-remain).\n\n```chart\ntype: bar\ntitle: A tariff\nunit: \"% tariff\"\nlabels: [US]\nseries:\n  - name: Rate\n    values: [claim:us-fentanyl-tariff-cut]\nsources: [straitstimes-2025-11-05]\n```";
    let front = note("First of all", 0, "tags: [trade-talks]\n", body);
    step(
        &mut session,
        root,
        "a note added at the front of its section",
        |r| write(r, "first-of-all", &front),
    );
    assert!(session.bodies_rendered() <= 3, "a note added at the front");
    let last = "---\ntitle: Zz last\ndate: 2025-12-01\nsection: The truce and what to watch\nweight: 99\n---\nAt the end; see [the heading](note:added-note#a-heading).\n";
    step(&mut session, root, "a note added at the end", |r| {
        write(r, "zz-last", last)
    });
    assert!(session.bodies_rendered() <= 3, "a note added at the end");
    // A whole build reuses the bodies patched in, renumbered.
    step(&mut session, root, "the front page touched", touch_front);
    step(&mut session, root, "a note removed", |r| {
        fs::remove_file(r.join("content/notes/zz-last.md")).unwrap()
    });
    step(&mut session, root, "the same note added again", |r| {
        write(r, "zz-last", last)
    });
    assert!(
        session.bodies_rendered() <= 3,
        "a note added after a whole build"
    );
    // Taken away again, each patched: the last note linked to the added one's heading; the
    // added one had the one note of a tag, a chart and claims, one a key judgment.
    for slug in ["zz-last", "added-note", "first-of-all", "quiet-note"] {
        let name = format!("{slug} removed");
        let stats = step(&mut session, root, &name, |r| remove(r, slug));
        assert!(session.bodies_rendered() <= 3, "{name}");
        assert!(stats.write.removed >= 1, "{name}: {:?}", stats.write);
    }
    assert!(!root.join("site/tags/brand-new").exists(), "the tag's page");
    // What the last whole build kept is two notes and four claims shorter: notes added now,
    // with claims unused (the warnings name where each is declared), one at the end and one
    // before it, then a whole build.
    let end = format!(
        "---\ntitle: Zz end\ndate: 2025-12-01\nsection: The truce and what to watch\nweight: 99\n{}---\nAt the end.\n",
        CLAIMS.replace("new-", "end-")
    );
    step(
        &mut session,
        root,
        "a note added at the end after two removed",
        |r| write(r, "zz-end", &end),
    );
    step(&mut session, root, "a note added before it", |r| {
        write(r, "quiet-note", &quiet)
    });
    assert!(
        session.bodies_rendered() <= 3,
        "a note added after notes removed"
    );
    step(
        &mut session,
        root,
        "the front page touched again",
        touch_front,
    );
}

fn remove(root: &Path, slug: &str) {
    fs::remove_file(root.join(format!("content/notes/{slug}.md"))).unwrap();
}

#[test]
fn a_note_others_refer_to_or_naming_a_tag_is_removed_by_a_whole_build() {
    let (temp, mut session) = built_sample();
    let root = temp.path();
    // Other notes link to it: the whole build reports the broken links.
    let grip = fs::read_to_string(root.join("content/notes/value-chain-grip.md")).unwrap();
    remove(root, "value-chain-grip");
    session.watched(&[root.join("content/notes/value-chain-grip.md")]);
    assert!(session.build().failed(), "links to a note removed");
    step(&mut session, root, "the note written back", |r| {
        write(r, "value-chain-grip", &grip)
    });
    // A source's annotation links to it, or to its claim: the whole build reports the links.
    let claim = "claims:\n  - id: annotated-claim\n    text: T.\n    confidence: low\n    sources: [usgs-mcs-2025]\n";
    step(&mut session, root, "a note to annotate", |r| {
        write(r, "annotated", &note("Annotated", 1, claim, "Text."))
    });
    for link in ["note:annotated", "claim:annotated-claim"] {
        let source = "content/sources/usgs-mcs-2025.md";
        let before = fs::read_to_string(root.join(source)).unwrap();
        step(&mut session, root, link, |r| {
            fs::write(r.join(source), format!("{before}\nSee [it]({link}).\n")).unwrap()
        });
        let annotated = fs::read_to_string(root.join("content/notes/annotated.md")).unwrap();
        remove(root, "annotated");
        session.watched(&[root.join("content/notes/annotated.md")]);
        assert!(session.build().failed(), "{link}: a note removed");
        step(&mut session, root, "written back", |r| {
            write(r, "annotated", &annotated);
            fs::write(r.join(source), &before).unwrap();
        });
    }
    // The first note of the briefing names a tag otherwise than the others spell it: the tag
    // is named by its first note, and is renamed when that note goes.
    let first = "---\ntitle: Foremost\ndate: 2025-01-01\nsection: China's rare-earth dominance\nweight: 0\ntags: [Magnets]\n---\nFirst.\n";
    step(
        &mut session,
        root,
        "a note spelling a tag its own way",
        |r| write(r, "foremost", first),
    );
    step(&mut session, root, "that note removed", |r| {
        remove(r, "foremost")
    });
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
    // Four notes of 250 claims: two register pages of two notes each.
    let (temp, mut session) = built_briefing(4, 250, "title: Big\n");
    let root = temp.path();
    let third = root.join("site/claims/page/3/index.html");
    assert!(!third.exists(), "two register pages");
    // The first page shows three notes, the second the same two as before.
    step(&mut session, root, "a small note added at the front", |r| {
        common::write_note(r, 4, 10);
        edit(r, "content/notes/n0004.md", "weight: 4\n", "weight: 0\n");
    });
    assert!(session.bodies_rendered() <= 3, "a note added at the front");
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
    assert!(
        session.bodies_rendered() <= 3,
        "a note added to the second page"
    );
    step(&mut session, root, "a small note added at the end", |r| {
        common::write_note(r, 6, 10)
    });
    assert!(session.bodies_rendered() <= 3, "a note added at the end");
    assert!(third.is_file(), "three register pages");
    for (n, pages) in [(6, 2), (5, 2), (4, 2)] {
        let name = format!("note {n} removed");
        step(&mut session, root, &name, |r| {
            remove(r, &format!("n{n:04}"))
        });
        assert!(session.bodies_rendered() <= 3, "{name}");
        assert_eq!(third.is_file(), pages == 3, "{name}: {pages} pages");
    }
}

#[test]
fn notes_that_bring_or_take_a_section_the_print_edition_or_the_chart_font_build_whole() {
    // One note short of the print edition's limit.
    let notes = dossier::config::PRINT_AUTO_MAX_NOTES - 1;
    let (temp, mut session) = built_briefing(notes, 0, "title: Many\n");
    let root = temp.path();
    let text = |front: &str, body: &str| {
        format!("---\ntitle: Extra\ndate: 2025-01-01\n{front}---\nText.\n\n{body}\n")
    };
    let chart = "```chart\ntype: bar\ntitle: T\nlabels: [A]\nseries:\n  - name: S\n    values: [1]\nsources: [s]\n```";
    let whole = [
        ("a section no note had", text("section: Extra\n", "")),
        ("the one chart", text("", chart)),
    ];
    for (name, text) in whole {
        step(&mut session, root, name, |r| write(r, "extra", &text));
        let gone = format!("{name}, removed");
        step(&mut session, root, &gone, |r| remove(r, "extra"));
    }
    // The 500th note keeps the print edition, the 501st takes it away.
    let print = root.join("site/print/index.html");
    let steps = [
        ("the 500th note added", "extra-a", true),
        ("the 501st note added", "extra-b", false),
        ("the 501st note removed", "extra-b", true),
        ("the 500th note removed", "extra-a", true),
    ];
    for (name, slug, printed) in steps {
        step(&mut session, root, name, |r| {
            let path = r.join(format!("content/notes/{slug}.md"));
            match path.exists() {
                true => remove(r, slug),
                false => write(r, slug, &text("", "")),
            }
        });
        assert_eq!(print.is_file(), printed, "{name}");
    }
}

/// A change made to a project's files, for a step.
type Change = dyn Fn(&Path);

/// Renames note `from` of a generated briefing to `to` (slugs).
fn rename(root: &Path, from: &str, to: &str) {
    let path = |slug: &str| root.join(format!("content/notes/{slug}.md"));
    fs::rename(path(from), path(to)).unwrap();
}

#[test]
fn a_note_renamed_is_taken_out_and_put_back_under_its_new_name() {
    // Notes of two claims each, which their own bodies link; nothing else refers to them.
    let (temp, mut session) = built_briefing(4, 2, "title: Renames\n");
    let root = temp.path();
    let steps: [(&str, &Change); 3] = [
        ("a note renamed", &|r| rename(r, "n0002", "renamed")),
        ("renamed again and edited in the same save", &|r| {
            rename(r, "renamed", "again");
            edit(
                r,
                "content/notes/again.md",
                "title: Note 2",
                "title: Note two",
            );
        }),
        ("renamed back", &|r| {
            rename(r, "again", "n0002");
            edit(
                r,
                "content/notes/n0002.md",
                "title: Note two",
                "title: Note 2",
            );
        }),
    ];
    for (name, change) in steps {
        let stats = step(&mut session, root, name, change);
        assert!(session.bodies_rendered() <= 3, "{name}");
        assert!(stats.write.written < 30, "{name}: {:?}", stats.write);
    }
    // Under its new name it would open a section the briefing lacks: taken out, then built
    // whole from the briefing without it.
    step(
        &mut session,
        root,
        "renamed into a section of its own",
        |r| {
            rename(r, "n0002", "elsewhere");
            edit(
                r,
                "content/notes/elsewhere.md",
                "weight: 2\n",
                "weight: 2\nsection: New\n",
            );
        },
    );
    step(&mut session, root, "back, after a whole build", |r| {
        rename(r, "elsewhere", "n0002");
        edit(
            r,
            "content/notes/n0002.md",
            "weight: 2\nsection: New\n",
            "weight: 2\n",
        );
    });
    // A note another links to keeps its name: renamed, the link breaks and the whole build
    // says so, leaving the site as it was.
    step(&mut session, root, "another note linking it", |r| {
        edit(
            r,
            "content/notes/n0001.md",
            "Cited [@s].",
            "Cited [@s]. See [two](note:n0002).",
        )
    });
    let index = root.join("site/index.html");
    let before = fs::read(&index).unwrap();
    rename(root, "n0002", "orphaned");
    let moved = ["n0002", "orphaned"].map(|s| root.join(format!("content/notes/{s}.md")));
    session.watched(&moved);
    let outcome = session.build();
    assert!(outcome.failed(), "a broken link");
    assert_eq!(fs::read(&index).unwrap(), before);
    step(&mut session, root, "the name back", |r| {
        rename(r, "orphaned", "n0002")
    });
}

#[test]
fn a_note_added_links_headings_by_the_ids_they_have() {
    let (temp, mut session) = built_sample();
    let root = temp.path();
    // Its own heading, which no build had before.
    step(&mut session, root, "a note linking its own heading", |r| {
        let body = "See [below](note:self-linked#further).\n\n## Further\n\nMore.";
        write(r, "self-linked", &note("Self-linked", 90, "", body))
    });
    assert!(
        session.bodies_rendered() <= 3,
        "a note linking its own heading"
    );
    // A heading another note does not have: the whole build names the link, the site stays.
    let file = "content/notes/mislinked.md";
    let codes = failing(&mut session, root, &[file], |r| {
        let body = "See [the grip](note:value-chain-grip#no-such-heading).";
        write(r, "mislinked", &note("Mislinked", 91, "", body))
    });
    assert_eq!(
        codes,
        ["unknown-fragment"],
        "a link to a heading that is not there"
    );
}
