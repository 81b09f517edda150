//! Times incremental rebuilds, as `dossier serve` does them, after a one-note edit:
//! `cargo run --release --example rebuild_times -- ROOT [EDITS] [body|link|title|figure|retag|tag|weight]`.
//! ROOT is copied to a temporary folder first (put it on tmpfs with `TMPDIR=/dev/shm`); the
//! median and worst of EDITS rebuilds are printed. The session is told which file changed, as
//! `serve`'s watcher tells it. `body` (the default) adds a sentence to the note's text; `link`
//! adds a sentence linking to a claim of another note (its page, "used by" lists and
//! claims.json follow); `title` changes the note's title, which every list, tag, claim and
//! source page showing it must follow; `figure` changes its first claim's value (charts bound
//! to it are drawn again); `retag` gives it a tag another note has (that tag's page and the
//! list of tags follow); `tag` gives it a tag no note has (a new page) on even edits and
//! takes that tag away again on odd ones (the page goes); `weight` changes its weight, which
//! moves it in reading order. Each line says whether the edit was patched in.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod common;

use std::path::{Path, PathBuf};
use std::time::Instant;

fn copy(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let target = to.join(entry.path().strip_prefix(from).unwrap_or(entry.path()));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("folder");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let source = PathBuf::from(args.next().unwrap_or_else(|| ".".into()));
    let edits: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10);
    let kind = args.next().unwrap_or_else(|| "body".into());
    let work = std::env::temp_dir().join(format!("dossier-rebuild-{}", std::process::id()));
    copy(&source.join("content"), &work.join("content"));
    if source.join("dossier.yaml").is_file() {
        std::fs::copy(source.join("dossier.yaml"), work.join("dossier.yaml"))
            .expect("dossier.yaml");
    }
    let mut session = dossier::Session::new(dossier::Options::new(&work));
    let first = Instant::now();
    let outcome = session.build();
    eprintln!(
        "first build: {:.0} ms, {:?}",
        first.elapsed().as_secs_f64() * 1000.0,
        outcome.stats
    );
    let mut notes: Vec<PathBuf> = std::fs::read_dir(work.join("content/notes"))
        .expect("notes")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    notes.sort();
    let mut times = Vec::new();
    for i in 0..edits {
        // `tag` edits each note twice: the tag made, then emptied.
        let pick = if kind == "tag" { i / 2 } else { i };
        let note = &notes[(pick * 7919) % notes.len()];
        let text = std::fs::read_to_string(note).expect("note");
        let edited = match kind.as_str() {
            "title" => common::retitled(&text, &format!("Edited {i}")),
            "link" => {
                let other = &notes[(i * 7919 + 1) % notes.len()];
                let claim = common::first_claim(&std::fs::read_to_string(other).expect("note"))
                    .expect("a note with claims");
                format!("{text}\nSee [figure {i}](claim:{claim}).\n")
            }
            "figure" => text.replacen("\n    value: ", "\n    value: 1", 1),
            "weight" => text.replacen("\nweight: ", "\nweight: 1", 1),
            "retag" => {
                let other = &notes[(i * 7919 + 1) % notes.len()];
                common::tagged_like(&text, &std::fs::read_to_string(other).expect("note"))
            }
            "tag" if i % 2 == 1 => text.replacen(&format!("edited-{}, ", i - 1), "", 1),
            "tag" => text.replacen("tags: [", &format!("tags: [edited-{i}, "), 1),
            _ => format!("{text}\nEdited {i}.\n"),
        };
        std::fs::write(note, edited).expect("write");
        let started = Instant::now();
        session.watched(std::slice::from_ref(note));
        let outcome = session.build();
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        assert!(
            !outcome.failed(),
            "the edit broke the build: {:?}",
            outcome.diagnostics
        );
        let patched = session.patched();
        eprintln!(
            "edit {i}: patched {patched}, {:?}",
            outcome.stats.map(|s| s.write)
        );
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    eprintln!(
        "{} one-note edits: median {median:.1} ms, worst {:.1} ms",
        times.len(),
        times[times.len() - 1]
    );
    let _ = std::fs::remove_dir_all(&work);
}
