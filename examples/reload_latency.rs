//! Measures `dossier serve`'s edit-to-reload latency: the time from an editor's save of one
//! note (an atomic write: temporary file, then rename) to the `reload` event reaching an open
//! page, which includes the watcher's debounce, the full rebuild and the event. Also reports
//! the rebuild alone, as `serve` prints it, and checks each time that the page changed.
//!
//! ```sh
//! cargo build --release && cargo run --release --example reload_latency -- [ROUNDS] [PROJECT] [body|link|title|tag|newtag|weight|section|add|source|claim]
//! ```
//!
//! PROJECT defaults to this repository (the sample briefing); it is copied to a temporary
//! folder first (put it on tmpfs with `TMPDIR=/dev/shm` to keep disk noise out). Each save
//! adds a sentence to the note; with `link`, every other save's sentence links to a claim of
//! another note, so the claim's page and `claims.json` change too; with `title`, each save
//! changes the note's title instead, which the front page, tag pages, its neighbours, the
//! pages of its claims and of what it cites, the search index and `claims.json` show; with
//! `tag`, every other save gives the note a tag another note has and the next takes it away
//! (the tag's page, the list of tags and the search index follow); with `newtag`, every
//! other save gives it a tag no note has and the next takes it away (the tag's page comes
//! and goes, and the sitemap follows); with `weight`, every other save gives it a weight that
//! moves it in reading order and the next moves it back (its neighbours, the lists holding it
//! and the register's pages between follow); with `section`, every other save moves it to
//! another note's section and the next moves it back (the front page lists it under another
//! heading, and it moves in reading order as with `weight`); with `add`, every other save adds a note beside
//! it (its front matter without claims) and the next round removes that note (its page comes
//! and goes, the front page, its neighbours and tags follow); with `claim`, every other save
//! adds a claim to the note and the next takes it away (its page comes and goes, every claim
//! is numbered again: the register, `claims.json`); with `source`, each save
//! changes the title of the source file the note's first claim rests on (the note's claim
//! card names it; so do the source's page, the bibliography, the other claims resting on it
//! and the notes citing it).

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// The note edited each round in the sample, relative to the project; in other projects, the
/// first note by name.
const NOTE: &str = "content/notes/value-chain-grip.md";

fn main() {
    let mut args = std::env::args().skip(1);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(30);
    let project = args
        .next()
        .filter(|p| !p.is_empty())
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    let kind = args.next().unwrap_or_default();
    let link = kind == "link";
    let temp = tempfile::tempdir().expect("temporary folder");
    copy(
        &project,
        temp.path(),
        &["content", "templates", "static", "dossier.yaml"],
    );
    let binary = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/dossier");
    let mut child = Command::new(&binary)
        .args(["serve", "--port", "0", "--root"])
        .arg(temp.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e} (run cargo build --release first)",
                binary.display()
            )
        });
    let stdout = lines(child.stdout.take().expect("stdout"));
    let url = wait(&stdout, |l| l.starts_with("Serving at "))["Serving at ".len()..]
        .split(' ')
        .next()
        .unwrap_or_default()
        .to_string();
    let host = url["http://".len()..]
        .split('/')
        .next()
        .unwrap_or_default()
        .to_string();
    let events = events(&host);
    wait(&events, |l| l == "event: hello");
    let note = edited_note(temp.path());
    let claim = link.then(|| other_claim(temp.path(), &note));
    let stem = note.file_stem().unwrap_or_default().to_string_lossy();
    let page = format!("{url}notes/{stem}/");
    let mut total = Vec::new();
    let mut rebuild = Vec::new();
    let original = std::fs::read_to_string(&note).expect("note");
    let others: Vec<String> = other_notes(temp.path(), &note).take(50).collect();
    let resectioned = common::resectioned(&original, others.iter().map(String::as_str));
    let (retagged, added) = match kind.as_str() {
        "newtag" => {
            let made = "made-by-this-edit";
            (
                original.replacen("tags: [", &format!("tags: [{made}, "), 1),
                made.into(),
            )
        }
        _ => {
            let retagged = common::tagged_like(&original, &other_note(temp.path(), &note));
            let added = common::tags(&retagged).pop().unwrap_or_default();
            (retagged, added)
        }
    };
    let source = match kind.as_str() {
        "source" => cited_source(temp.path(), &original),
        _ => Default::default(),
    };
    let mut last = String::new();
    for round in 0..rounds {
        std::thread::sleep(Duration::from_millis(150));
        let marker = format!("Measured edit number {round}");
        // With `link`, every other save adds the link and the next takes it away again.
        let sentence = match &claim {
            Some(id) if round % 2 == 0 => format!("{marker}: [a figure](claim:{id})."),
            _ => format!("{marker}."),
        };
        let text = match kind.as_str() {
            "title" => common::retitled(&original, &marker),
            "tag" | "newtag" if round % 2 == 0 => retagged.clone(),
            "weight" if round % 2 == 0 => original.replacen("\nweight: ", "\nweight: 1", 1),
            "section" if round % 2 == 0 => resectioned.clone(),
            "claim" if round % 2 == 0 => {
                let claim = format!(
                    "  - id: measured-{round}\n    text: {marker}.\n    confidence: low\n    sources: [{}]\n",
                    source_id(&original)
                );
                original.replacen("\n---\n", &format!("\n{claim}---\n"), 1)
            }
            "tag" | "newtag" | "weight" | "section" | "claim" => original.clone(),
            _ => format!("{}\n\n{sentence}\n", original.trim_end()),
        };
        let new_note = note.with_file_name(format!("added-{}.md", round - round % 2));
        let started = match kind.as_str() {
            "source" => save(&source.0, &common::retitled(&source.1, &marker)),
            "add" if round % 2 == 0 => save(&new_note, &common::added_from(&original, &marker)),
            "add" => removed(&new_note),
            _ => save(&note, &text),
        };
        wait(&events, |l| l == "event: reload");
        total.push(started.elapsed());
        let line = wait(&stdout, |l| l.contains(" changed: built in "));
        rebuild.push(millis_in(&line));
        if kind == "add" {
            let stem = new_note.file_stem().unwrap_or_default().to_string_lossy();
            let got = ureq::get(format!("{url}notes/{stem}/")).call();
            let there = got.is_ok_and(|mut r| r.body_mut().read_to_string().is_ok());
            assert_eq!(there, round % 2 == 0, "round {round}: the note's page");
            continue;
        }
        let body = ureq::get(&page)
            .call()
            .expect("GET")
            .body_mut()
            .read_to_string();
        let body = body.expect("page");
        let changed = match kind.as_str() {
            "tag" | "newtag" => body.contains(&format!("tags/{added}/")) == (round % 2 == 0),
            // Moved, the note links to other neighbours.
            "weight" | "section" => body != last,
            "claim" => body.contains(&marker) == (round % 2 == 0),
            _ => body.contains(&marker),
        };
        assert!(changed, "round {round}: the page did not change");
        last = body;
    }
    let _ = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let _ = child.wait();
    report("save → reload event at the page", &mut total);
    let mut rebuild: Vec<Duration> = rebuild.into_iter().map(Duration::from_millis).collect();
    report("rebuild alone (as serve prints it)", &mut rebuild);
}

/// The id of the first source a claim of `note` rests on.
fn source_id(note: &str) -> &str {
    let after = &note[note.find("    sources:\n").expect("a claim with sources")..];
    let line = after.lines().nth(1).expect("a source");
    line.trim()
        .trim_start_matches("- ")
        .trim_start_matches("id: ")
}

/// The file and text of the first source a claim of `note` rests on.
fn cited_source(project: &Path, note: &str) -> (PathBuf, String) {
    let id = source_id(note);
    let file = project.join(format!("content/sources/{id}.md"));
    let text = std::fs::read_to_string(&file).expect("the source's file");
    (file, text)
}

/// The note to edit: [`NOTE`] when the project has it, else the first note by name.
fn edited_note(project: &Path) -> PathBuf {
    let sample = project.join(NOTE);
    if sample.is_file() {
        return sample;
    }
    let mut notes: Vec<PathBuf> = std::fs::read_dir(project.join("content/notes"))
        .expect("content/notes")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    notes.sort();
    notes.into_iter().next().expect("a note")
}

/// The first claim declared in a note other than `edited`.
fn other_claim(project: &Path, edited: &Path) -> String {
    other_notes(project, edited)
        .find_map(|text| common::first_claim(&text))
        .expect("a claim in another note")
}

/// The first other note with a tag the edited note lacks (for `tag`; empty when none has).
fn other_note(project: &Path, edited: &Path) -> String {
    let mine = common::tags(&std::fs::read_to_string(edited).unwrap_or_default());
    other_notes(project, edited)
        .find(|text| common::tags(text).iter().any(|t| !mine.contains(t)))
        .unwrap_or_default()
}

/// The texts of the notes but the edited one, by file name.
fn other_notes(project: &Path, edited: &Path) -> impl Iterator<Item = String> {
    let mut notes: Vec<PathBuf> = std::fs::read_dir(project.join("content/notes"))
        .expect("content/notes")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p != edited && p.extension().is_some_and(|x| x == "md"))
        .collect();
    notes.sort();
    notes
        .into_iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
}

/// Writes `text` to the note as editors save; the time of the rename.
fn save(note: &Path, text: &str) -> Instant {
    let temp = note.with_file_name(".save.tmp");
    std::fs::write(&temp, text).expect("write");
    let started = Instant::now();
    std::fs::rename(&temp, note).expect("rename");
    started
}

/// Removes the note as editors delete a file; the time of the removal.
fn removed(note: &Path) -> Instant {
    let started = Instant::now();
    std::fs::remove_file(note).expect("remove");
    started
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let at = |q: f64| ms(times[((times.len() - 1) as f64 * q).round() as usize]);
    println!(
        "{what}: n={} min {:.1} ms, median {:.1} ms, p90 {:.1} ms, max {:.1} ms",
        times.len(),
        at(0.0),
        at(0.5),
        at(0.9),
        at(1.0)
    );
}

fn millis_in(line: &str) -> u64 {
    line.split("built in ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

fn copy(from: &Path, to: &Path, names: &[&str]) {
    for name in names {
        for entry in walkdir::WalkDir::new(from.join(name))
            .into_iter()
            .filter_map(Result::ok)
        {
            let target = to.join(entry.path().strip_prefix(from).expect("inside"));
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).expect("mkdir");
            } else if entry.file_type().is_file() {
                std::fs::copy(entry.path(), &target).expect("copy");
            }
        }
    }
}

fn lines(reader: impl std::io::Read + Send + 'static) -> Receiver<String> {
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(reader).lines().map_while(Result::ok) {
            if send.send(line).is_err() {
                break;
            }
        }
    });
    receive
}

fn wait(lines: &Receiver<String>, wanted: impl Fn(&str) -> bool) -> String {
    loop {
        match lines.recv_timeout(Duration::from_secs(60)) {
            Ok(line) if wanted(&line) => return line,
            Ok(_) => {}
            Err(e) => panic!("waited too long: {e}"),
        }
    }
}

fn events(host: &str) -> Receiver<String> {
    let mut stream = TcpStream::connect(host).expect("connect");
    write!(
        stream,
        "GET /__dossier/events HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .expect("request");
    lines(stream)
}
