//! Notes moved in reading order by a new weight, date, title or section, in a serve session:
//! a move renders no body again, and the site is exactly what a clean build writes.

mod common;

use common::session::{built_briefing, built_sample, edit, step, touch_front};

/// Two notes of the sample's first section, in this order.
const GRIP: &str = "content/notes/value-chain-grip.md";
const RESERVES: &str = "content/notes/reserves-and-us-exposure.md";

#[test]
fn a_note_moved_by_its_weight_or_date_renders_no_body_again() {
    let (temp, mut session) = built_sample();
    let root = temp.path();
    let (note, reserves) = (GRIP, RESERVES);
    // The next note links to a claim of its own once: the link gone, the claim's warning
    // names where it is declared. Another note links to one of its headings.
    let link = "[about 44 million t](claim:china-reserves-2025)";
    step(&mut session, root, "a claim's only link gone", |r| {
        edit(r, reserves, link, "about 44 million t")
    });
    step(&mut session, root, "a link to a heading", |r| {
        let heading = "[runway](note:reserves-and-us-exposure#reserves-a-long-runway)";
        let text = format!("neither government ({heading})");
        edit(
            r,
            "content/notes/what-to-watch.md",
            "neither government",
            &text,
        )
    });
    // The next note charts a figure the note charts too: the claim's and the source's lists
    // of charts change order with the notes.
    step(&mut session, root, "a chart of the same figure", |r| {
        let chart = "```chart\ntype: bar\ntitle: A share\nunit: \"%\"\nlabels: [China]\nseries:\n  - name: Share\n    values: [claim:china-refining-share]\nsources: [iea-via-rex-2025-10-24]\n```\n\n";
        let heading = "## Reserves: a long runway";
        edit(r, reserves, heading, &format!("{chart}{heading}"))
    });
    let steps = [
        (
            "a weight moving the note back",
            "weight: 10\n",
            "weight: 30\n",
        ),
        (
            "a weight moving it to the front",
            "weight: 30\n",
            "weight: 1\n",
        ),
        (
            "a weight level with the next note's",
            "weight: 1\n",
            "weight: 20\n",
        ),
        (
            "a date moving it after that note",
            "date: 2025-10-27\n",
            "date: 2025-11-30\n",
        ),
    ];
    for (name, from, to) in steps {
        let stats = step(&mut session, root, name, |r| edit(r, note, from, to));
        assert!(session.bodies_rendered() <= 3, "{name}");
        assert!(
            stats.write.written < 40,
            "{name}: the notes around both places and the lists, not the site: {:?}",
            stats.write
        );
    }
    // A whole build in the new order reuses the bodies, renumbered from the order they were
    // patched in.
    step(&mut session, root, "the front page touched", touch_front);
    let back = [
        ("the date back", "date: 2025-11-30\n", "date: 2025-10-27\n"),
        ("the weight back", "weight: 20\n", "weight: 10\n"),
    ];
    for (name, from, to) in back {
        step(&mut session, root, name, |r| edit(r, note, from, to));
        assert!(session.bodies_rendered() <= 3, "{name}");
    }
}

#[test]
fn a_move_that_would_rename_a_tag_or_comes_with_other_edits_is_built_whole() {
    let (temp, mut session) = built_sample();
    let root = temp.path();
    let (grip, reserves) = (GRIP, RESERVES);
    // Both notes carry `supply chain`; the first in reading order names the tag.
    let steps = [
        (
            "the second note spelling the tag otherwise",
            reserves,
            "[supply chain,",
            "[Supply Chain,",
        ),
        (
            "the first note moved behind it, which renames the tag",
            grip,
            "weight: 10\n",
            "weight: 30\n",
        ),
        (
            "and moved back, which renames it again",
            grip,
            "weight: 30\n",
            "weight: 10\n",
        ),
        (
            "the spelling back",
            reserves,
            "[Supply Chain,",
            "[supply chain,",
        ),
    ];
    for (name, file, from, to) in steps {
        step(&mut session, root, name, |r| edit(r, file, from, to));
    }
    step(&mut session, root, "a move and another note's edit", |r| {
        edit(r, grip, "weight: 10\n", "weight: 30\n");
        edit(r, reserves, "title: Reserves,", "title: Reserves;");
    });
    step(&mut session, root, "the move back, alone", |r| {
        edit(r, grip, "weight: 30\n", "weight: 10\n")
    });
    assert!(session.bodies_rendered() <= 3, "one note moving");
}

#[test]
fn a_move_repages_the_claim_register() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path();
    // Four notes of 250 claims and one of 10: the register breaks after every 500 claims, at
    // a note's end, so it has three pages, and two once the small note moves up.
    common::write_briefing(root, 4, 250, "title: Big\n");
    common::write_note(root, 4, 10);
    let mut session = dossier::Session::new(dossier::Options::new(root));
    assert!(!session.build().failed());
    let small = "content/notes/n0004.md";
    let third = root.join("site/claims/page/3/index.html");
    assert!(third.is_file(), "three register pages");
    step(&mut session, root, "the small note moved up", |r| {
        edit(r, small, "weight: 4\n", "weight: 1\n")
    });
    assert!(session.bodies_rendered() <= 3, "a move");
    assert!(!third.exists(), "two register pages");
    step(&mut session, root, "and back to the end", |r| {
        edit(r, small, "weight: 1\n", "weight: 9\n")
    });
    assert!(session.bodies_rendered() <= 3, "a move");
    assert!(third.is_file(), "three register pages again");
    // Note 1 moves behind note 2, into the second page: the first page shows another note.
    step(&mut session, root, "a large note moved one page on", |r| {
        edit(r, "content/notes/n0001.md", "weight: 1\n", "weight: 3\n")
    });
    assert!(session.bodies_rendered() <= 3, "a move");
}

#[test]
fn a_title_moves_a_note_among_notes_of_the_same_weight_and_date() {
    let (temp, mut session) = built_briefing(4, 3, "title: Small\n");
    let root = temp.path();
    let last = "content/notes/n0003.md";
    let steps = [
        ("a weight level with note 1's", "weight: 3\n", "weight: 1\n"),
        (
            "a title ordered before note 1's",
            "title: Note 3\n",
            "title: Note 0, again\n",
        ),
    ];
    for (name, from, to) in steps {
        step(&mut session, root, name, |r| edit(r, last, from, to));
        assert!(session.bodies_rendered() <= 3, "{name}");
    }
    let front = std::fs::read_to_string(root.join("site/index.html")).unwrap();
    let at = |title: &str| front.find(title).expect(title);
    assert!(at("Note 0, again") < at("Note 1<"), "moved by its title");
}

#[test]
fn a_note_moved_to_another_section_writes_what_a_clean_build_writes() {
    let (temp, mut session) = built_sample();
    let root = temp.path();
    let (grip, reserves) = (GRIP, RESERVES);
    // The sample declares its sections on the front page: a section no note has stays.
    let [dominance, economic, truce, trade] = [
        "China's rare-earth dominance",
        "Economic implications",
        "The truce and what to watch",
        "Trade relations and the allied response",
    ]
    .map(|s| format!("section: {s}\n"));
    let steps = [
        (
            "a note moved to a later section",
            grip,
            &dominance,
            &economic,
        ),
        ("and on to the last", grip, &economic, &truce),
        (
            "the other note leaving the first section empty",
            reserves,
            &dominance,
            &trade,
        ),
        ("the first note back", grip, &truce, &dominance),
        ("the second note back", reserves, &trade, &dominance),
    ];
    for (name, file, from, to) in steps {
        let stats = step(&mut session, root, name, |r| edit(r, file, from, to));
        assert!(session.bodies_rendered() <= 3, "{name}");
        assert!(
            stats.write.written < 40,
            "{name}: the front page and the notes around both places, not the site: {:?}",
            stats.write
        );
    }
    // The last note of a section becoming the first of the next keeps its place in reading
    // order: no move, only the heading it is listed under.
    let (last_of_first, first_of_next) = (
        format!("{dominance}weight: 20\n"),
        "section: The export controls of 2025\nweight: 5\n",
    );
    for (name, from, to) in [
        (
            "a note changing sections in place",
            &last_of_first[..],
            first_of_next,
        ),
        ("and back", first_of_next, &last_of_first[..]),
    ] {
        step(&mut session, root, name, |r| edit(r, reserves, from, to));
        assert!(session.bodies_rendered() <= 3, "{name}");
    }
    step(
        &mut session,
        root,
        "two notes leaving one section at once",
        |r| {
            edit(r, grip, &dominance, &economic);
            edit(r, reserves, &dominance, &economic);
        },
    );
    step(&mut session, root, "both back", |r| {
        edit(r, grip, &economic, &dominance);
        edit(r, reserves, &economic, &dominance);
    });
    let out = dossier::Options::new(root).output_dir();
    let before = std::fs::read(out.join("index.html")).unwrap();
    // A section the front page does not declare: the whole build reports it, the site stays.
    edit(root, grip, &dominance, "section: Elsewhere\n");
    session.watched(&[root.join(grip)]);
    let outcome = session.build();
    assert!(outcome.failed(), "an undeclared section");
    let error = outcome.diagnostics.iter().find(|d| d.is_error());
    assert_eq!(error.map(|d| d.code.as_str()), Some("unknown-section"));
    assert_eq!(std::fs::read(out.join("index.html")).unwrap(), before);
}

#[test]
fn sections_made_or_emptied_by_a_note_moving_are_built_whole() {
    // No sections declared: a briefing's sections are those its notes name.
    let (temp, mut session) = built_briefing(4, 1, "title: T\n");
    let root = temp.path();
    let note = |n: usize| format!("content/notes/n{n:04}.md");
    let weight = |n: usize| format!("weight: {n}\n");
    let section = |n: usize, s: &str| format!("weight: {n}\nsection: {s}\n");
    let steps = [
        (
            "the first note in a section of its own",
            0,
            weight(0),
            section(0, "A"),
        ),
        ("a second note joining it", 1, weight(1), section(1, "A")),
        (
            "the first moving to a section no note has",
            0,
            section(0, "A"),
            section(0, "B"),
        ),
        (
            "a third note leaving the notes without a section",
            2,
            weight(2),
            section(2, "B"),
        ),
        (
            "the last note without a section leaving",
            3,
            weight(3),
            section(3, "A"),
        ),
        ("and coming back", 3, section(3, "A"), weight(3)),
        (
            "the second note moving to B, A keeps none",
            1,
            section(1, "A"),
            section(1, "B"),
        ),
        (
            "a note moving from B to the notes without one",
            0,
            section(0, "B"),
            weight(0),
        ),
    ];
    for (name, n, from, to) in steps {
        step(&mut session, root, name, |r| edit(r, &note(n), &from, &to));
        assert_eq!(
            session.bodies_rendered(),
            0,
            "{name}: a move renders no body again"
        );
    }
    // Notes 1 and 2, B's only notes, both leave it in one save, in place (weights keeping the
    // reading order): each alone would leave the other in B, together they empty it.
    step(
        &mut session,
        root,
        "both notes of B leaving it at once",
        |r| {
            edit(r, &note(1), &section(1, "B"), "weight: -2\n");
            edit(r, &note(2), &section(2, "B"), "weight: -1\n");
        },
    );
}
