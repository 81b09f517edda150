//! Times each build stage of one project, and the rendering of each kind of page, for
//! profiling: `cargo run --release --example stage_times -- ROOT [OUT]`.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use dossier::config::Config;
use dossier::render::{Page, Templates};
use dossier::theme::Theme;
use dossier::{content, model, output, render};

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().unwrap_or_else(|| ".".into()));
    let out = args.next().map_or_else(
        || std::env::temp_dir().join("dossier-stage-times"),
        PathBuf::from,
    );
    let clock = Instant::now();
    let lap = |stage: &str| {
        eprintln!(
            "{stage:>10}: {:>7.1} ms, resident {:>5} MB",
            clock.elapsed().as_secs_f64() * 1000.0,
            resident_mb()
        )
    };
    let config = Config::load(&root).expect("dossier.yaml");
    let (theme, _) = Theme::load(&root);
    let (content, _) = content::load(&root, false);
    lap("load");
    let (briefing, _) = model::build(&content, config);
    lap("model");
    let files = render::render_site(&briefing, &theme).expect("render");
    lap("render");
    output::write_site(&out, &files, false).expect("write");
    lap("write");
    drop(files);
    by_kind(&briefing, &theme);
}

/// The process's resident memory in MB, from /proc (0 where there is none).
fn resident_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let line = status.lines().find(|l| l.starts_with("VmRSS:"));
    let kb = line.and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok());
    kb.unwrap_or(0) / 1024
}

/// Renders each page again on one thread and sums the time by kind of page.
fn by_kind(briefing: &model::Briefing, theme: &Theme) {
    let templates = Templates::compile(&theme.templates).expect("templates");
    let prepared = render::Prepared::new(briefing);
    let mut times: BTreeMap<&str, (usize, Duration, usize)> = BTreeMap::new();
    for page in render::all_pages(briefing) {
        let start = Instant::now();
        let file = render::render_page(&prepared, &templates, page).expect("page");
        let size = file.bytes().map_or(0, |b| b.len());
        let entry = times.entry(page.template()).or_default();
        *entry = (entry.0 + 1, entry.1 + start.elapsed(), entry.2 + size);
        let _ = matches!(page, Page::Index);
    }
    for (kind, (count, time, bytes)) in times {
        let ms = time.as_secs_f64() * 1000.0;
        eprintln!(
            "{kind:>14}: {count:>6} pages {ms:>8.1} ms {:>7.1} µs/page {:>6} KB/page",
            ms * 1000.0 / count as f64,
            bytes / count / 1024
        );
    }
}
