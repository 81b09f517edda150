//! The generated oracle: random sequences of edits of every kind `serve` handles, each built
//! incrementally by one session and compared, file by file and diagnostic by diagnostic, with
//! a clean build. Half the sequences render through project templates that print every field
//! of every page's context (`{{ __tera_context }}`), so no field of any view can go stale
//! unnoticed, whether or not the built-in theme shows it. `cargo test` runs a few sequences
//! with fixed seeds; `scripts/generated.sh` runs many more.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::generated::{Briefing, Rng};
use common::session::step;

/// The templates of every page, each printing its whole context.
const PAGES: [&str; 11] = [
    "index.html",
    "note.html",
    "claims.html",
    "claim.html",
    "sources.html",
    "source.html",
    "tags.html",
    "tag.html",
    "print.html",
    "search.html",
    "404.html",
];

/// Writes the files of `now` that differ from `before`, and removes those it lacks.
fn write(root: &Path, now: &BTreeMap<String, String>, before: &BTreeMap<String, String>) {
    for (path, text) in now.iter().filter(|(p, t)| before.get(*p) != Some(*t)) {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    for path in before.keys().filter(|p| !now.contains_key(*p)) {
        std::fs::remove_file(root.join(path)).unwrap();
    }
}

/// Builds the briefing of `seed`, then makes `edits` edits, each checked against a clean build.
fn run(seed: u64, edits: usize, every_field: bool) {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path();
    let mut rng = Rng::new(seed);
    let mut briefing = Briefing::new(&mut rng);
    let mut files = briefing.files();
    write(root, &files, &BTreeMap::new());
    if every_field {
        std::fs::create_dir_all(root.join("templates")).unwrap();
        for page in PAGES {
            std::fs::write(root.join("templates").join(page), "{{ __tera_context }}\n").unwrap();
        }
    }
    let mut session = dossier::Session::new(dossier::Options::new(root));
    let first = session.build();
    assert!(!first.failed(), "seed {seed}: {:?}", first.diagnostics);
    for k in 0..edits {
        let name = briefing.edit(&mut rng);
        let next = briefing.files();
        let name = format!("seed {seed}, edit {k}: {name}");
        step(&mut session, root, &name, |r| write(r, &next, &files));
        files = next;
    }
}

#[test]
fn generated_edit_sequences_write_what_clean_builds_write() {
    let var = |name: &str, default: u64| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let (first, cases) = (var("DOSSIER_SEED", 1), var("DOSSIER_CASES", 4));
    for seed in first..first + cases {
        run(seed, 20, seed % 2 == 0);
    }
}

#[test]
fn the_every_field_templates_print_what_the_views_hold() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path();
    let briefing = Briefing::new(&mut Rng::new(7));
    write(root, &briefing.files(), &BTreeMap::new());
    std::fs::create_dir_all(root.join("templates")).unwrap();
    for page in PAGES {
        std::fs::write(root.join("templates").join(page), "{{ __tera_context }}\n").unwrap();
    }
    let (dir, _) = common::build_into_temp(root);
    let source = std::fs::read_to_string(dir.path().join("site/sources/s1/index.html")).unwrap();
    for field in [
        "claim_count",
        "note_count",
        "publisher",
        "grade_label",
        "permalink",
    ] {
        assert!(
            source.contains(field),
            "a source page's context lacks {field}:\n{source}"
        );
    }
}
