//! A source file edited in a serve session: the bodies naming it are rendered again when what
//! they show of it changed, and the site is exactly what a clean build writes.

mod common;

use common::session::{built_sample, edit, step, touch_front};

/// The sample's USGS data release: claims rest on it, notes cite it, two charts cite it.
const USGS: &str = "content/sources/usgs-mcs-2025.md";

#[test]
fn edits_to_a_source_file_write_what_a_clean_build_writes() {
    let (temp, mut session) = built_sample();
    let root = temp.path();
    // A note citing the source with no claim resting on it: its reference list shows it.
    step(&mut session, root, "a note citing the source", |r| {
        let note = "content/notes/what-to-watch.md";
        edit(
            r,
            note,
            "secondary pages,",
            "secondary pages [@usgs-mcs-2025],",
        )
    });
    let patched = [
        ("its title", "title: Mineral", "title: The Mineral"),
        ("its publisher", "publisher: U.S.", "publisher: The U.S."),
        ("its reliability", "reliability: A\n", "reliability: B\n"),
        ("its URL", "P13XCP3R\n", "P13XCP3S\n"),
        ("its date", "date: 2025-04-08\n", "date: 2025-04-09\n"),
        ("its kind", "kind: dataset\n", "kind: official-statistics\n"),
        ("an author given", "kind: ", "author: Jane Doe\nkind: "),
        (
            "an access date given",
            "kind: ",
            "accessed: 2025-11-20\nkind: ",
        ),
        ("its annotation", "catalog record", "catalogue record"),
        ("its id spelled out", "kind: ", "id: usgs-mcs-2025\nkind: "),
    ];
    for (name, from, to) in patched {
        let stats = step(&mut session, root, name, |r| edit(r, USGS, from, to));
        assert!(
            session.bodies_rendered() <= 3,
            "{name}: one source file changed"
        );
        assert!(
            stats.write.written < 40,
            "{name}: the pages showing the source, not the site: {:?}",
            stats.write
        );
    }
    // A whole build after the renames reuses no body rendered with the old names.
    step(&mut session, root, "the front page touched", touch_front);
    let rebuilt = [(
        "its annotation linking a note",
        "catalogue record",
        "[catalogue record](note:value-chain-grip)",
    )];
    for (name, from, to) in rebuilt {
        step(&mut session, root, name, |r| edit(r, USGS, from, to));
    }
}

#[test]
fn a_source_named_on_the_front_page_or_with_a_bad_record_takes_the_whole_build() {
    let (temp, mut session) = built_sample();
    let root = temp.path();
    step(
        &mut session,
        root,
        "the front page citing the source",
        |r| {
            let front = r.join("content/_index.md");
            let text = std::fs::read_to_string(&front).unwrap();
            std::fs::write(front, text + "\nSee the survey [@usgs-mcs-2025].\n").unwrap();
        },
    );
    step(&mut session, root, "its reliability", |r| {
        edit(r, USGS, "reliability: A\n", "reliability: B\n")
    });
    assert!(
        session.bodies_rendered() <= 3,
        "the front page shows no reliability"
    );
    step(&mut session, root, "its title", |r| {
        edit(r, USGS, "title: Mineral", "title: The Mineral")
    });
    // An unused source's warning points at its id, wherever the id is written.
    let unused = "content/sources/unused-survey.md";
    let text = "---\ntitle: A survey\npublisher: Nobody\ndate: 2025-01-01\nkind: analysis\nreliability: C\nid: unused-survey\n---\nNot cited.\n";
    step(&mut session, root, "an unused source added", |r| {
        std::fs::write(r.join(unused), text).unwrap()
    });
    let warned = |root: &std::path::Path| {
        let (_dir, outcome) = common::build_into_temp(root);
        let at = outcome
            .diagnostics
            .iter()
            .find(|d| d.code == "unused-source");
        at.map(|d| (d.file.clone(), d.line))
    };
    assert_eq!(warned(root), Some((unused.to_string(), 7)));
    step(&mut session, root, "the unused source's id moved", |r| {
        edit(
            r,
            unused,
            "title: A survey\n",
            "id: unused-survey\ntitle: A survey\n",
        );
        edit(
            r,
            unused,
            "reliability: C\nid: unused-survey\n",
            "reliability: C\n",
        );
    });
    assert!(
        session.bodies_rendered() <= 3,
        "the unused source's id moved"
    );
    assert_eq!(warned(root), Some((unused.to_string(), 2)));
    // A URL no reader can follow: the whole build reports it, and the patch does not hide it.
    edit(root, USGS, "url: https://", "url: ftp://");
    session.watched(&[root.join(USGS)]);
    let outcome = session.build();
    let codes: Vec<&str> = outcome
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    assert!(codes.contains(&"bad-url"), "{codes:?}");
}
