//! The incremental path (`Session`, used by `dossier serve`) writes exactly the bytes a clean
//! build writes, after every kind of edit, while writing only what changed; and a parallel
//! build writes the same bytes as a sequential one.

mod common;

use std::fs;
use std::path::Path;

use common::session::{built_briefing, built_sample, edit, failing, step, touch_front};

/// The sample note whose heading, body and front matter the tests edit.
const GRIP: &str = "content/notes/value-chain-grip.md";

/// Builds `root` from scratch into a new folder and returns its files.
fn clean_build(root: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let (dir, _) = common::build_into_temp(root);
    common::read_tree(&dir.path().join("site"))
}

#[test]
fn incremental_builds_write_the_same_bytes_as_clean_builds() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path();
    common::copy_dir(&common::repo().join("content"), &root.join("content"));
    let mut options = dossier::Options::new(root);
    options.base_url = Some("https://example.org/b/".into());
    let mut session = dossier::Session::new(options);
    // The clean builds in `step` use no base URL: give the project one in dossier.yaml instead.
    fs::write(
        root.join("dossier.yaml"),
        "title: Rare earths\nbase_url: https://example.org/b/\n",
    )
    .unwrap();
    assert!(!session.build().failed());

    let note = GRIP;
    let typo = step(&mut session, root, "a typo in a note's text", |r| {
        edit(r, note, "Mining is also", "Mining is, too,")
    });
    assert!(
        typo.write.written <= 5,
        "a text edit rewrites the note and the files listing text (the search index's block of \
         the note and the chunks of the words it changed), not the site: {:?}",
        typo.write
    );
    step(
        &mut session,
        root,
        "a claim's figure, bound to a chart",
        |r| {
            // the refining share: the mining share is derived from two other figures
            edit(r, note, "    value: 91\n", "    value: 92\n");
        },
    );
    step(&mut session, root, "a charted claim's derivation", |r| {
        // its bar is no longer marked derived, nor its row of the chart's data file
        let line = "    derived: china-mine-output-2024 / world-mine-output-2024 * 100\n";
        edit(r, note, line, "")
    });
    step(&mut session, root, "a note's title", |r| {
        edit(r, note, "title: China's grip", "title: The grip of China")
    });
    step(&mut session, root, "a source's title", |r| {
        edit(
            r,
            "content/sources/usgs-mcs-2025.md",
            "title: ",
            "title: The ",
        );
    });
    let added = step(&mut session, root, "a new note linking to another", |r| {
        let text = "---\ntitle: A new note\ndate: 2025-12-01\nsection: Economic implications\ntags: [magnets]\n---\nSee [the grip](note:value-chain-grip) [@usgs-mcs-2025].\n";
        fs::write(r.join("content/notes/new-note.md"), text).unwrap();
    });
    // The pages showing the note: its own, the front page, its neighbours, the note it links
    // to, the source it cites, its tag, the register; and the site-wide files. No other page
    // names how many notes there are.
    let files = added.files;
    assert!(
        added.write.written <= 16,
        "a note added rewrites the pages showing it, not all {files}: {:?}",
        added.write
    );
    let removed = step(&mut session, root, "the new note removed", |r| {
        fs::remove_file(r.join("content/notes/new-note.md")).unwrap()
    });
    assert!(
        removed.write.written <= 16 && (1..=2).contains(&removed.write.removed),
        "a note removed rewrites the pages that showed it and removes its page (and its block \
         of the search index, when it was alone in it): {:?}",
        removed.write
    );
    // A body whose link failed is rendered again once the note it links to is written.
    let linking = "content/notes/what-to-watch.md";
    let link = "neither government (see [the next note](note:next-note))";
    edit(root, linking, "neither government", link);
    session.watched(&[root.join(linking)]);
    assert!(session.build().failed(), "a link to a note not written yet");
    step(&mut session, root, "the note linked to, written", |r| {
        let text = "---\ntitle: The next note\ndate: 2025-12-02\nsection: Economic implications\n---\nText.\n";
        fs::write(r.join("content/notes/next-note.md"), text).unwrap();
    });
}

#[test]
fn edits_to_note_bodies_alone_write_what_a_clean_build_writes() {
    let (temp, mut session) = built_sample();
    let root = temp.path();
    let note = GRIP;
    let patched = [
        ("a typo", "Mining is also", "Mining is, too,"),
        (
            "a heading reworded, its id kept",
            "## Why it matters",
            "## Why this matters {#why-it-matters}",
        ),
        (
            "a chart drawn as another kind",
            "type: horizontal-bar\ntitle: Rare-earth mine",
            "type: bar\ntitle: Rare-earth mine",
        ),
        (
            "raw HTML, which warns",
            "## Concentration is rising",
            "<b>bold</b>\n\n## Concentration is rising",
        ),
        ("the raw HTML gone", "<b>bold</b>\n\n", ""),
        (
            "a new link to a claim",
            "Mining is, too,",
            "Mining ([see](claim:kuala-lumpur-framework)) is, too,",
        ),
        (
            "a source cited for the first time here",
            "## Concentration is rising",
            "Prices are set elsewhere [@tradingeconomics-2025-07-21].\n\n## Concentration is rising",
        ),
        (
            "links to another note and to one of its headings",
            "## Refining and magnets",
            "See [the truce](note:truce-terms) and [magnets](note:export-flows#magnets-collapse-and-recovery).\n\n## Refining and magnets",
        ),
        (
            "those links gone",
            "See [the truce](note:truce-terms) and [magnets](note:export-flows#magnets-collapse-and-recovery).\n\n",
            "",
        ),
        (
            "the citation gone",
            "Prices are set elsewhere [@tradingeconomics-2025-07-21].\n\n",
            "",
        ),
        (
            "the only link to a claim gone, which warns",
            "[the top three refiners' average share rose to 86% in 2024](claim:top3-refiner-share-2024)",
            "the top three refiners' average share rose to 86% in 2024",
        ),
        (
            "the link back",
            "the top three refiners' average share rose to 86% in 2024",
            "[the top three refiners' average share rose to 86% in 2024](claim:top3-refiner-share-2024)",
        ),
    ];
    for (name, from, to) in patched {
        let stats = step(&mut session, root, name, |r| edit(r, note, from, to));
        assert!(
            session.bodies_rendered() <= 3,
            "{name}: only a body changed"
        );
        assert!(
            stats.write.written < 30,
            "{name}: the pages showing what the note refers to, not the site: {:?}",
            stats.write
        );
    }
    step(&mut session, root, "a static file added", |r| {
        fs::create_dir_all(r.join("static")).unwrap();
        fs::write(r.join("static/extra.css"), "p { margin: 0 }\n").unwrap();
    });
    step(&mut session, root, "a static file changed", |r| {
        fs::write(r.join("static/extra.css"), "p { margin: 1em }\n").unwrap();
    });
    assert!(
        session.bodies_rendered() <= 3,
        "the same files, one with new bytes"
    );
    step(&mut session, root, "a static file removed", |r| {
        fs::remove_file(r.join("static/extra.css")).unwrap();
    });
    step(&mut session, root, "a template of the project's own", |r| {
        let template = fs::read_to_string(common::repo().join("templates/note.html")).unwrap();
        fs::create_dir_all(r.join("templates")).unwrap();
        let changed = template.replacen("</article>", "<p>Edited.</p></article>", 1);
        fs::write(r.join("templates/note.html"), changed).unwrap();
    });
}

#[test]
fn a_heading_reworded_writes_what_a_clean_build_writes() {
    let (temp, mut session) = built_sample();
    let root = temp.path();
    let (note, watch) = (GRIP, "content/notes/what-to-watch.md");
    let (old, new) = ("## Why it matters", "## Why this matters");
    step(&mut session, root, "a heading's id changed", |r| {
        edit(r, note, old, new)
    });
    assert!(
        session.bodies_rendered() <= 3,
        "a heading's id changed, nothing links it"
    );
    step(&mut session, root, "back, and the front page", |r| {
        edit(r, note, new, old);
        touch_front(r);
    });
    let link = (
        "pages, and",
        "pages ([why](note:value-chain-grip#why-it-matters)), and",
    );
    step(&mut session, root, "a link to the heading", |r| {
        edit(r, watch, link.0, link.1)
    });
    assert!(
        session.bodies_rendered() <= 3,
        "a link to a heading the note has"
    );
    breaks_link(&mut session, root, (old, new), "a note's link");
    step(&mut session, root, "the link following the heading", |r| {
        edit(r, watch, "#why-it-matters", "#why-this-matters")
    });
    // A failed build keeps no briefing to patch: the next is a whole one.
    step(&mut session, root, "the heading and the link back", |r| {
        edit(r, note, new, old);
        edit(r, watch, "#why-this-matters", "#why-it-matters");
    });
    assert!(
        session.bodies_rendered() <= 3,
        "the link and the heading agree, in one save"
    );
    let front = "content/_index.md";
    let linked = "\nSee [why](note:value-chain-grip#why-it-matters).\n";
    step(
        &mut session,
        root,
        "the front page linking the heading",
        |r| {
            edit(r, watch, link.1, link.0);
            let text = fs::read_to_string(r.join(front)).unwrap();
            fs::write(r.join(front), text + linked).unwrap();
        },
    );
    breaks_link(&mut session, root, (old, new), "the front page's link");
    step(
        &mut session,
        root,
        "an annotation linking the heading",
        |r| {
            edit(r, note, new, old);
            edit(r, front, linked, "\n");
            let usgs = "content/sources/usgs-mcs-2025.md";
            let record = "[catalog record](note:value-chain-grip#why-it-matters)";
            edit(r, usgs, "catalog record", record);
        },
    );
    breaks_link(&mut session, root, (old, new), "an annotation's link");
}

/// Changes the heading `old` of the sample's `GRIP` note to `new`, whose id is another, and
/// checks that the build fails naming the link (`what`) to the old id, the site as it was.
fn breaks_link(session: &mut dossier::Session, root: &Path, (old, new): (&str, &str), what: &str) {
    let codes = failing(session, root, &[GRIP], |r| edit(r, GRIP, old, new));
    assert_eq!(codes, ["unknown-fragment"], "{what}");
}

/// A chart block bound to `claim`, in `unit`.
fn chart(claim: &str, unit: &str) -> String {
    format!(
        "```chart\ntype: bar\ntitle: A figure\nunit: \"{unit}\"\nlabels: [China]\nseries:\n  - name: Figure\n    values: [claim:{claim}]\nsources: [iea-via-rex-2025-10-24]\n```"
    )
}

/// The end of a sentence in `what-to-watch.md` with a chart of a claim of another note after it.
const CHARTED: &str = "neither government\n\n```chart\ntype: bar\ntitle: A share\nunit: \"%\"\nlabels: [China]\nseries:\n  - name: Share\n    values: [claim:china-refining-share]\nsources: [iea-via-rex-2025-10-24]\n```\n\n";

#[test]
fn edits_to_front_matter_write_what_a_clean_build_writes() {
    let (temp, mut session) = built_sample();
    let root = temp.path();
    let note = GRIP;
    let link = "[the top three refiners' average share rose to 86% in 2024](claim:top3-refiner-share-2024)";
    let unlinked = "the top three refiners' average share rose to 86% in 2024";
    let steps = [
        (
            true,
            note,
            "a note's title",
            "title: China's grip",
            "title: The grip of China",
        ),
        (
            true,
            note,
            "a note's summary",
            "making by IEA",
            "making, by IEA",
        ),
        (
            true,
            note,
            "a tag another note has, added",
            "tags: [supply chain, magnets]\n",
            "tags: [supply chain, magnets, tariffs]\n",
        ),
        (
            true,
            "content/notes/reserves-and-us-exposure.md",
            "a tag left that an earlier note keeps",
            "tags: [supply chain, US policy]\n",
            "tags: [US policy]\n",
        ),
        (
            true,
            note,
            "a tag left by its first note, the next spelling it the same",
            "tags: [supply chain, magnets, tariffs]\n",
            "tags: [magnets, tariffs]\n",
        ),
        (
            true,
            note,
            "a tag joined as its first note",
            "tags: [magnets, tariffs]\n",
            "tags: [supply chain, magnets, tariffs]\n",
        ),
        (
            false,
            "content/notes/october-package.md",
            "another note spelling a tag another way",
            "magnets, supply chain]\n",
            "magnets, Supply-Chain]\n",
        ),
        (
            false,
            note,
            "a tag left by its first note, the next spelling it otherwise",
            "tags: [supply chain, magnets, tariffs]\n",
            "tags: [magnets, tariffs]\n",
        ),
        (
            false,
            "content/notes/october-package.md",
            "the other spelling back",
            "magnets, Supply-Chain]\n",
            "magnets, supply chain]\n",
        ),
        (
            false,
            note,
            "a tag spelled another way",
            "tags: [magnets, tariffs]\n",
            "tags: [Magnets, tariffs]\n",
        ),
        (
            false,
            note,
            "the tags as they were",
            "tags: [Magnets, tariffs]\n",
            "tags: [supply chain, magnets]\n",
        ),
        (
            true,
            "content/notes/reserves-and-us-exposure.md",
            "a tag joined after an earlier note",
            "tags: [US policy]\n",
            "tags: [supply chain, US policy]\n",
        ),
        (
            true,
            "content/notes/washington-and-allies.md",
            "a tag left by its only note",
            "tags: [tariffs, allies, US policy, trade talks]\n",
            "tags: [tariffs, US policy, trade talks]\n",
        ),
        (
            true,
            "content/notes/washington-and-allies.md",
            "a tag no note has, added",
            "tags: [tariffs, US policy, trade talks]\n",
            "tags: [tariffs, allies, US policy, trade talks]\n",
        ),
        (
            true,
            "content/notes/washington-and-allies.md",
            "a tag no note has, in the middle of the list, spelled in words",
            "trade talks]\n",
            "trade talks, Critical Minerals]\n",
        ),
        (
            true,
            "content/notes/washington-and-allies.md",
            "a tag made and another emptied at once",
            "allies, US policy, trade talks, Critical Minerals]\n",
            "US policy, trade talks, Critical Minerals, zinc]\n",
        ),
        (
            true,
            "content/notes/washington-and-allies.md",
            "two tags emptied and one made",
            "tags: [tariffs, US policy, trade talks, Critical Minerals, zinc]\n",
            "tags: [tariffs, allies, US policy, trade talks]\n",
        ),
        (
            true,
            note,
            "a claim reworded",
            "China mined about 270,000 t",
            "China mined some 270,000 t",
        ),
        (
            true,
            note,
            "a key judgment's confidence",
            "    confidence: high\n    key: true\n",
            "    confidence: moderate\n    key: true\n",
        ),
        (
            true,
            note,
            "a key judgment no longer key",
            "    confidence: moderate\n    key: true\n",
            "    confidence: moderate\n",
        ),
        (
            true,
            note,
            "a claim's status",
            "    confidence: moderate\n    note: >-\n      Derived",
            "    confidence: moderate\n    status: confirmed\n    note: >-\n      Derived",
        ),
        (
            true,
            note,
            "a claim resting on another source",
            "      - id: usgs-mcs-2025\n        credibility: 2\n  - id: world-mine-output-2024",
            "      - id: iea-via-rex-2025-10-24\n        credibility: 2\n  - id: world-mine-output-2024",
        ),
        (
            true,
            note,
            "an updated date",
            "updated: 2026-12-07\n",
            "updated: 2026-12-08\n",
        ),
        (
            true,
            note,
            "a date keeping the order",
            "date: 2025-10-27\n",
            "date: 2025-10-26\n",
        ),
        (
            true,
            note,
            "a claim's only link gone, which warns",
            link,
            unlinked,
        ),
        (
            true,
            note,
            "a line above the claims, which moves the warning",
            "tags: [supply chain, magnets]\n",
            "tags: [supply chain, magnets]\n# Checked again in November.\n",
        ),
        (true, note, "the link back", unlinked, link),
        (
            true,
            "content/notes/what-to-watch.md",
            "another note charting a claim",
            "neither government",
            CHARTED,
        ),
        (
            true,
            note,
            "a figure shown in a chart and in another note",
            "value: 91\n",
            "value: 90\n",
        ),
        (
            false,
            note,
            "the figure back, and the front page",
            "value: 90\n",
            "value: 91\n",
        ),
        (
            false,
            note,
            "a note's weight, a figure another note charts, and the front page",
            "weight: 10\n",
            "weight: 5\n",
        ),
        (
            true,
            "content/notes/reserves-and-us-exposure.md",
            "another note's weight, now level with the first",
            "weight: 20\n",
            "weight: 5\n",
        ),
        (
            true,
            note,
            "a date keeping the order again",
            "date: 2025-10-26\n",
            "date: 2025-10-28\n",
        ),
        (
            true,
            note,
            "a date moving the note after another",
            "date: 2025-10-28\n",
            "date: 2025-10-30\n",
        ),
        (
            true,
            note,
            "a weight moving the note back, with a figure another note charts",
            "weight: 5\n",
            "weight: 30\n",
        ),
        (
            true,
            note,
            "a weight moving it to the front of its section",
            "weight: 30\n",
            "weight: 1\n",
        ),
    ];
    for (patches, file, name, from, to) in steps {
        let stats = step(&mut session, root, name, |r| {
            edit(r, file, from, to);
            if name.ends_with("and the front page") {
                // A whole build (the front page changed, not what notes show of it) whose numbering
                // is an earlier one's again: it must not reuse the bodies rendered with the
                // patched figure.
                touch_front(r);
            }
            if name.contains("a figure another note charts") {
                // The charting note's body, rendered in the last build, is drawn again.
                let figure = if name.ends_with("and the front page") {
                    ("value: 91\n", "value: 92\n")
                } else {
                    ("value: 92\n", "value: 93\n")
                };
                edit(r, file, figure.0, figure.1);
            }
        });
        if patches {
            assert!(
                stats.write.written < 40,
                "{name}: the pages showing the note and its claims, not the site: {:?}",
                stats.write
            );
        }
    }
    // A tag with no letters makes no page: the whole build reports it, and the site stays.
    let allies = "content/notes/washington-and-allies.md";
    let site = common::read_tree(&root.join("site"));
    edit(root, allies, "trade talks]\n", "trade talks, \"!!\"]\n");
    session.watched(&[root.join(allies)]);
    let failed = session.build();
    let errors = failed.diagnostics.iter().filter(|d| d.is_error());
    let codes: Vec<&str> = errors.map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["bad-tag"], "a tag with no letters");
    assert_eq!(common::read_tree(&root.join("site")), site);
    step(&mut session, root, "the tag with no letters gone", |r| {
        edit(r, allies, "trade talks, \"!!\"]\n", "trade talks]\n");
    });
    // A note making or emptying a tag is patched alone: with another note retagged, the
    // whole path, which also removes the page of a tag a patch made.
    let reserves = "content/notes/reserves-and-us-exposure.md";
    step(&mut session, root, "a note making a tag", |r| {
        edit(r, note, "magnets]\n", "magnets, stockpiles]\n");
    });
    assert!(session.bodies_rendered() <= 3, "a note making a tag");
    step(
        &mut session,
        root,
        "a tag emptied, another note retagged",
        |r| {
            edit(r, note, "magnets, stockpiles]\n", "magnets]\n");
            edit(
                r,
                reserves,
                "tags: [supply chain, US policy]\n",
                "tags: [US policy]\n",
            );
        },
    );
    step(&mut session, root, "the other note making a tag", |r| {
        edit(
            r,
            reserves,
            "tags: [US policy]\n",
            "tags: [US policy, recycling]\n",
        );
    });
    assert!(
        session.bodies_rendered() <= 3,
        "the other note making a tag"
    );
    step(
        &mut session,
        root,
        "a tag made, another note retagged",
        |r| {
            edit(r, note, "magnets]\n", "magnets, tariffs]\n");
            edit(r, reserves, "recycling]\n", "recycling, yttrium]\n");
        },
    );
    // Figures charted on the front page or in a source's annotation take a whole build.
    let source = "content/sources/adamas-magnet-exports-2024.md";
    let shown = [
        (
            "content/_index.md",
            "Each claim carries a confidence",
            ("china-magnet-share", "%"),
            "value: 94\n",
        ),
        (
            source,
            "A note by Adamas",
            ("us-mine-output-2024", "t REO"),
            "value: 45000\n",
        ),
    ];
    for (file, at, (claim, unit), figure) in shown {
        step(
            &mut session,
            root,
            &format!("{file} charting {claim}"),
            |r| {
                edit(r, file, at, &format!("{}\n\n{at}", chart(claim, unit)));
            },
        );
        step(&mut session, root, &format!("{claim}'s figure"), |r| {
            edit(r, note, figure, "value: 7\n");
        });
    }
}

#[test]
fn front_matter_edits_reach_tallies_neighbours_and_declaring_links() {
    let (temp, mut session) = built_briefing(9, 120, "title: Big\n");
    let root = temp.path();
    let (file, from) = (
        "content/notes/n0000.md",
        "Claim 0 of note 0.\n    confidence: high",
    );
    let to = "Claim 0 of note 0.\n    confidence: low";
    step(&mut session, root, "a confidence", |r| {
        edit(r, file, from, to)
    });
    assert!(session.bodies_rendered() <= 3);
    // The tally is on the register's first page, the page showing the claim on the first too.
    let first = fs::read_to_string(root.join("site/claims/index.html")).unwrap();
    assert!(first.contains("<dd>1079</dd>"), "the tally: {first}");
    let second = fs::read_to_string(root.join("site/claims/page/2/index.html")).unwrap();
    assert!(!second.contains("class=\"tally\""), "no tally: {second}");
    // Notes that do not link to each other: the neighbours and the claim pages name a note
    // only as "previous", "next" and "declared in".
    let file = "content/notes/n0004.md";
    step(&mut session, root, "a claim's only link gone", |r| {
        edit(r, file, " [0](claim:c-4-0)", "")
    });
    step(&mut session, root, "a title", |r| {
        edit(r, file, "title: Note 4\n", "title: Note four\n")
    });
    assert!(session.bodies_rendered() <= 3);
    for page in ["notes/n0003", "notes/n0005", "claims/c-4-0"] {
        let html = fs::read_to_string(root.join("site").join(page).join("index.html")).unwrap();
        assert!(html.contains("Note four"), "{page}");
    }
}

#[test]
fn a_failed_incremental_build_keeps_the_last_good_site_and_recovers() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path();
    common::copy_dir(&common::fixture("basic"), root);
    let mut session = dossier::Session::new(dossier::Options::new(root));
    assert!(!session.build().failed());
    let good = common::read_tree(&root.join("site"));
    edit(
        root,
        "content/notes/trade.md",
        "claim:exports-fell",
        "claim:exports-fel",
    );
    session.changed(&[root.join("content/notes/trade.md")]);
    assert!(session.build().failed());
    assert_eq!(common::read_tree(&root.join("site")), good);
    edit(
        root,
        "content/notes/trade.md",
        "claim:exports-fel",
        "claim:exports-fell",
    );
    session.changed(&[root.join("content/notes/trade.md")]);
    let fixed = session.build();
    assert!(!fixed.failed());
    assert_eq!(common::read_tree(&root.join("site")), good);
    assert_eq!(
        fixed.stats.unwrap().write.written,
        0,
        "nothing differs from the last good site"
    );
}

#[test]
fn a_parallel_build_writes_the_same_bytes_as_a_sequential_one() {
    let parallel = clean_build(&common::repo());
    let one_thread = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let sequential = one_thread.install(|| clean_build(&common::repo()));
    assert_eq!(parallel.len(), sequential.len());
    for (path, bytes) in &parallel {
        assert!(
            sequential[path] == *bytes,
            "{path} differs between a parallel and a sequential build"
        );
    }
}

#[test]
fn an_output_folder_emptied_behind_the_session_is_written_whole() {
    // The one fallback that does not come from the content: the pages on disk are gone, so
    // the fingerprints of the last build say nothing about them.
    let (temp, mut session) = built_sample();
    let root = temp.path();
    fs::remove_dir_all(root.join("site")).unwrap();
    let stats = step(
        &mut session,
        root,
        "a typo after the site was removed",
        |r| edit(r, GRIP, "Mining is also", "Mining is, too,"),
    );
    assert_eq!(stats.write.written, stats.files, "every file written again");
}

/// A derived figure is checked again whenever an input changes: an input's figure edited so
/// the stated share no longer agrees fails the incremental build (serve shows the overlay)
/// and leaves the site; the input put back builds as a clean build does.
#[test]
fn a_derived_figure_is_checked_again_when_an_input_changes() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path();
    common::copy_dir(&common::fixture("judgments"), root);
    let mut session = dossier::Session::new(dossier::Options::new(root));
    assert!(!session.build().failed());
    let note = "content/notes/outlook.md";
    let codes = failing(&mut session, root, &[note], |r| {
        edit(r, note, "value: 7000\n", "value: 7100\n")
    });
    assert_eq!(codes, ["derived-mismatch"], "71% is not the 70% stated");
    step(&mut session, root, "the input put back", |r| {
        edit(r, note, "value: 7100\n", "value: 7000\n")
    });
    step(&mut session, root, "both the input and the share", |r| {
        edit(r, note, "value: 7000\n", "value: 7100\n");
        edit(r, note, "value: 70\n", "value: 71\n");
    });
}
