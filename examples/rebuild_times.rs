//! Times incremental rebuilds, as `dossier serve` does them, after a one-note edit:
//! `cargo run --release --example rebuild_times -- ROOT [EDITS] [body|link|title|figure|retag|tag|weight|section|add|rename|source|heading|claim]`.
//! ROOT is copied to a temporary folder first (put it on tmpfs with `TMPDIR=/dev/shm`); the
//! median and worst of EDITS rebuilds are printed. The session is told which file changed, as
//! `serve`'s watcher tells it. `body` (the default) adds a sentence to the note's text; `link`
//! adds a sentence linking to a claim of another note (its page, "used by" lists and
//! claims.json follow); `title` changes the note's title, which every list, tag, claim and
//! source page showing it must follow; `figure` changes its first claim's value (charts bound
//! to it are drawn again); `retag` gives it a tag another note has (that tag's page and the
//! list of tags follow); `tag` gives it a tag no note has (a new page) on even edits and
//! takes that tag away again on odd ones (the page goes); `weight` changes its weight, which
//! moves it in reading order; `section` moves it to another note's section (and in reading
//! order with it); `add` adds a note beside it (its front matter without claims) on
//! even edits and removes that note on odd ones; `rename` adds such a note once, then renames
//! its file on every edit; `heading` rewords the note's first heading, which changes its id
//! (every link to a heading is checked again); `claim` adds a claim to the note on even
//! edits and takes it away on odd ones (every claim is numbered again); `source` changes the title of a source file (the first
//! of `content/sources/` by name, then others). Each line says how many bodies the edit rendered again
//! and the CPU time the rebuild took on every core (steadier than the clock on a shared machine).
//! The allocator keeps mimalloc's defaults (`dossier serve` never hands freed memory back:
//! set `MIMALLOC_PURGE_DELAY=-1` to measure that).

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

/// Writes `text` to `file` (removes it when `None`), rebuilds as `serve` does, and gives the
/// time the rebuild took.
fn rebuild(session: &mut dossier::Session, file: &Path, text: Option<String>, i: usize) -> Timed {
    match text {
        Some(text) => std::fs::write(file, text).expect("write"),
        None => std::fs::remove_file(file).expect("remove"),
    }
    timed(session, &[file.to_path_buf()], i)
}

/// For `rename`: note `renamed-{i}.md` (made before the first edit, beside `note`, from its
/// text without claims) renamed `renamed-{i + 1}.md`, and the rebuild timed.
fn renamed(session: &mut dossier::Session, note: &Path, i: usize) -> Timed {
    let name = |n: usize| note.with_file_name(format!("renamed-{n}.md"));
    if i == 0 {
        let text = std::fs::read_to_string(note).expect("note");
        let made = common::added_from(&text, "Renamed");
        eprintln!("(the note to rename, added first)");
        rebuild(session, &name(0), Some(made), 0);
    }
    std::fs::rename(name(i), name(i + 1)).expect("rename");
    timed(session, &[name(i), name(i + 1)], i)
}

/// The rebuild after `files` changed, timed, as `serve` does it.
fn timed(session: &mut dossier::Session, files: &[PathBuf], i: usize) -> Timed {
    let cpu_before = cpu_ms();
    let started = Instant::now();
    session.watched(files);
    let outcome = session.build();
    let took = started.elapsed().as_secs_f64() * 1000.0;
    let cpu = cpu_ms() - cpu_before;
    assert!(
        !outcome.failed(),
        "the edit broke the build: {:?}",
        outcome.diagnostics
    );
    let bodies = session.bodies_rendered();
    eprintln!(
        "edit {i}: {bodies} bodies rendered, {took:.1} ms (CPU {cpu} ms), {:?}",
        outcome.stats.map(|s| s.write)
    );
    Timed { took, cpu }
}

/// One rebuild's time: on the clock, and on every core (the steadier of the two when
/// the machine is shared).
#[derive(Clone, Copy)]
struct Timed {
    /// Milliseconds on the clock.
    took: f64,
    /// Milliseconds of the process's CPU time, user and system.
    cpu: usize,
}

/// The CPU time the process has used so far, user and system, in milliseconds.
fn cpu_ms() -> usize {
    let (mut elapsed, mut user, mut system) = (0, 0, 0);
    let (mut rss, mut peak_rss, mut commit, mut peak_commit, mut faults) = (0, 0, 0, 0, 0);
    // SAFETY: every pointer is to a local that outlives the call.
    unsafe {
        libmimalloc_sys::mi_process_info(
            &mut elapsed,
            &mut user,
            &mut system,
            &mut rss,
            &mut peak_rss,
            &mut commit,
            &mut peak_commit,
            &mut faults,
        )
    };
    user + system
}

/// For `add`: a new note beside `note` on even edits (its front matter without claims, a
/// title of its own), the one made on the edit before taken away on odd ones.
fn added(note: &Path, i: usize, text: &str) -> (PathBuf, Option<String>) {
    let folder = note.parent().expect("notes folder");
    if i % 2 == 1 {
        return (folder.join(format!("added-{}.md", i - 1)), None);
    }
    let text = common::added_from(text, &format!("Added {i}"));
    (folder.join(format!("added-{i}.md")), Some(text))
}

/// The claim `claim` mode adds on edit `i`.
fn added_claim(i: usize) -> String {
    format!("  - id: added-{i}\n    text: Added.\n    confidence: low\n    sources: [source-0]\n")
}

/// The files of `folder`, sorted by name.
fn files(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    files
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
    let notes = files(&work.join("content/notes"));
    let sources = files(&work.join("content/sources"));
    let mut times = Vec::new();
    for i in 0..edits {
        // `tag` edits each note twice: the tag made, then emptied.
        let pick = if kind == "tag" || kind == "claim" {
            i / 2
        } else {
            i
        };
        let note = &notes[(pick * 7919) % notes.len()];
        let text = std::fs::read_to_string(note).expect("note");
        if kind == "rename" {
            times.push(renamed(&mut session, &notes[0], i));
            continue;
        }
        if kind == "source" {
            let file = &sources[(i * 7919) % sources.len()];
            let text = std::fs::read_to_string(file).expect("source");
            let edited = common::retitled(&text, &format!("Edited {i}"));
            times.push(rebuild(&mut session, file, Some(edited), i));
            continue;
        }
        if kind == "add" {
            let (file, text) = added(note, i, &text);
            times.push(rebuild(&mut session, &file, text, i));
            continue;
        }
        let edited = match kind.as_str() {
            "title" => common::retitled(&text, &format!("Edited {i}")),
            "link" => {
                let other = &notes[(i * 7919 + 1) % notes.len()];
                let claim = common::first_claim(&std::fs::read_to_string(other).expect("note"))
                    .expect("a note with claims");
                format!("{text}\nSee [figure {i}](claim:{claim}).\n")
            }
            "figure" => text.replacen("\n    value: ", "\n    value: 1", 1),
            "claim" if i % 2 == 1 => text.replacen(&added_claim(i - 1), "", 1),
            "claim" => text.replacen("\n---\n", &format!("\n{}---\n", added_claim(i)), 1),
            "heading" => text.replacen("\n## ", &format!("\n## Edited {i} "), 1),
            "weight" => text.replacen("\nweight: ", "\nweight: 1", 1),
            "section" => {
                let others: Vec<String> = (1..notes.len().min(50))
                    .map(|j| &notes[(i * 7919 + j) % notes.len()])
                    .map(|o| std::fs::read_to_string(o).expect("note"))
                    .collect();
                common::resectioned(&text, others.iter().map(String::as_str))
            }
            "retag" => {
                let other = &notes[(i * 7919 + 1) % notes.len()];
                common::tagged_like(&text, &std::fs::read_to_string(other).expect("note"))
            }
            "tag" if i % 2 == 1 => text.replacen(&format!("edited-{}, ", i - 1), "", 1),
            "tag" => text.replacen("tags: [", &format!("tags: [edited-{i}, "), 1),
            _ => format!("{text}\nEdited {i}.\n"),
        };
        times.push(rebuild(&mut session, note, Some(edited), i));
    }
    let mut cpu: Vec<usize> = times.iter().map(|t| t.cpu).collect();
    cpu.sort_unstable();
    let mut times: Vec<f64> = times.iter().map(|t| t.took).collect();
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    eprintln!(
        "{} one-note edits: median {median:.1} ms, worst {:.1} ms; CPU median {} ms",
        times.len(),
        times[times.len() - 1],
        cpu[cpu.len() / 2]
    );
    let _ = std::fs::remove_dir_all(&work);
}
