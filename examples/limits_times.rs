//! Times the inputs of issue 20 that cost the square of their size: many claims in one note
//! against the same claims spread over 100 notes, YAML nested 100,000 levels deep, and a note
//! as large as dossier reads. `cargo run --release --example limits_times [-- RUNS]` prints a
//! Markdown table: loading and parsing, building the model (together what `dossier check`
//! does), and a whole `dossier build` into a temporary folder; medians of RUNS (3 by default),
//! a row timed once when a run takes over 5 s.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::Path;
use std::time::{Duration, Instant};

use dossier::config::Config;
use dossier::content::yaml::MAX_BYTES;
use dossier::{content, model};

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    println!("| input | load | model | check | full build | diagnostics |");
    println!("|---|---|---|---|---|---|");
    for claims in [2_500, 5_000, 10_000, 20_000] {
        row(&format!("{claims} claims in 1 note"), runs, |root| {
            project(root, &[claims]);
        });
        row(&format!("{claims} claims over 100 notes"), runs, |root| {
            project(root, &[claims / 100; 100]);
        });
    }
    for (name, open, close) in DEEP {
        row(&format!("{name} nested 100,000 deep"), runs, |root| {
            let (open, close) = (open.repeat(100_000), close.repeat(100_000));
            let yaml = format!("title: T\ndate: 2025\ntags:\n  {open}a{close}\n");
            let text = format!("---\n{yaml}---\nBody\n");
            write(root, "content/notes/deep.md", &text);
        });
    }
    let limit = usize::try_from(MAX_BYTES).expect("a size");
    let most = claims_within(limit);
    let largest = |root: &Path| project(root, &[most]);
    row(&format!("{most} claims in 1 note of 8 MiB"), runs, largest);
    row("1 note of 8 MiB + 1 byte", runs, |root| {
        largest(root);
        let path = root.join("content/notes/note-0.md");
        let mut text = std::fs::read_to_string(&path).expect("the note");
        text.push_str(&"x".repeat(limit + 1 - text.len()));
        std::fs::write(path, text).expect("the note");
    });
}

/// How many claims of [`project`]'s kind fit in one note of `bytes`.
fn claims_within(bytes: usize) -> usize {
    (bytes - 200) / claim(0, 99_999).len()
}

/// The deep inputs: a name, what opens one level, what closes it.
const DEEP: [(&str, &str, &str); 3] = [
    ("`[[[…`", "[", "]"),
    ("`{a: {a: …`", "{a: ", "}"),
    ("`- - - …`", "- ", ""),
];

/// Times loading, building and a whole build of the project `make` writes; prints one row.
fn row(name: &str, runs: usize, make: impl Fn(&Path)) {
    // On tmpfs where there is one, so that the disk does not time the full build.
    let shm = Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        tempfile::tempdir_in(shm)
    } else {
        tempfile::tempdir()
    };
    let dir = dir.expect("a temporary folder");
    make(dir.path());
    let mut samples = Vec::new();
    let mut diagnostics = 0;
    for run in 0..runs {
        let clock = Instant::now();
        let (content, mut found) = content::load(dir.path(), false);
        let load = clock.elapsed();
        let (_, more) = model::build(&content, Config::default());
        let check = clock.elapsed();
        found.extend(more);
        diagnostics = found.len();
        if let Some(d) = found.first().filter(|d| d.is_error() && run == 0) {
            eprintln!("{name}: {d}");
        }
        let mut options = dossier::Options::new(dir.path());
        options.output = Some(dir.path().join(format!("site-{run}")));
        let clock = Instant::now();
        dossier::build(&options);
        let site = clock.elapsed();
        samples.push((load, check - load, check, site));
        if check + site > Duration::from_secs(5) {
            break;
        }
    }
    samples.sort_by_key(|s| s.2);
    let (load, model, check, _) = samples[samples.len() / 2];
    samples.sort_by_key(|s| s.3);
    let site = samples[samples.len() / 2].3;
    println!(
        "| {name} | {} | {} | {} | {} | {diagnostics} |",
        ms(load),
        ms(model),
        ms(check),
        ms(site)
    );
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// A project with 100 sources and notes holding `claims[i]` claims each, every claim citing
/// one source in the long form, as the sample briefing does.
fn project(root: &Path, claims: &[usize]) {
    for k in 0..SOURCES {
        let text = format!(
            "---\ntitle: Survey {k}\npublisher: USGS\ndate: 2025\nkind: dataset\nreliability: A\n---\nThe survey.\n"
        );
        write(root, &format!("content/sources/source-{k}.md"), &text);
    }
    for (n, &count) in claims.iter().enumerate() {
        let mut text = format!("---\ntitle: Note {n}\ndate: 2025-01-01\ntags: [supply]\nclaims:\n");
        for c in 0..count {
            text.push_str(&claim(n, c));
        }
        text.push_str("---\nThe claims of this note [@source-0].\n");
        write(root, &format!("content/notes/note-{n}.md"), &text);
    }
}

/// How many sources [`project`] writes.
const SOURCES: usize = 100;

/// Claim `c` of note `n`, in the front matter's block style.
fn claim(n: usize, c: usize) -> String {
    format!(
        "  - id: claim-{n}-{c}\n    text: Output of mine {c} rose to {c} t in 2024.\n    value: {c}\n    unit: t\n    period: \"2024\"\n    confidence: high\n    sources:\n      - id: source-{}\n        credibility: 2\n",
        c % SOURCES
    )
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("a folder");
    std::fs::write(path, text).expect("a file");
}
