//! Criterion benchmarks of each build stage: load, resolve (model), markdown, charts,
//! templates (render), write. They run on the sample briefing, or on the project named by
//! `DOSSIER_BENCH_ROOT` (e.g. a corpus written by `examples/gen_corpus.rs`; see
//! `scripts/bench.sh`).

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use dossier::charts::{Chart, Cited, Kind, Series, figure};
use dossier::config::Config;
use dossier::markdown::{self, Cite, CiteMark, Problem, Resolver, Target};
use dossier::theme::Theme;
use dossier::{content, model, output, render};

fn root() -> PathBuf {
    std::env::var_os("DOSSIER_BENCH_ROOT")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from)
}

/// Resolves every reference to a fixed URL: Markdown parsing and HTML writing alone.
struct Plain;

impl Resolver for Plain {
    fn link(&mut self, _: &Target<'_>, _: usize) -> Option<String> {
        Some("../../x/index.html".into())
    }
    fn cite(&mut self, cites: &[Cite<'_>], _: &str, _: usize) -> Vec<CiteMark> {
        cites
            .iter()
            .map(|c| CiteMark {
                label: "1".into(),
                href: "#ref-1".into(),
                title: c.id.into(),
            })
            .collect()
    }
    fn chart(&mut self, _: &str, _: usize) -> String {
        String::new()
    }
    fn problem(&mut self, _: Problem<'_>, _: usize) {}
}

fn stages(c: &mut Criterion) {
    let root = root();
    let config = Config::load(&root).expect("dossier.yaml");
    let (theme, _) = Theme::load(&root);
    let (content, _) = content::load(&root, false);
    let (briefing, _) = model::build(&content, config.clone());
    let files = render::render_site(&briefing, &theme).expect("render");
    let out = tempfile::tempdir().expect("temp dir");
    output::write_site(out.path(), &files, false).expect("write");

    let mut group = c.benchmark_group("stages");
    group.sample_size(10);
    group.bench_function("load", |b| {
        b.iter(|| content::load(black_box(&root), false))
    });
    group.bench_function("resolve", |b| {
        b.iter(|| model::build(black_box(&content), config.clone()))
    });
    group.bench_function("markdown", |b| {
        b.iter(|| {
            content
                .notes
                .iter()
                .map(|n| markdown::render(n.body(), "", &mut Plain).html.len())
                .sum::<usize>()
        })
    });
    let charts = sample_charts();
    group.bench_function("charts", |b| {
        b.iter(|| {
            let cited = [Cited {
                title: "A source".into(),
                publisher: "A publisher".into(),
                url: "../../sources/a/index.html".into(),
            }];
            charts
                .iter()
                .map(|c| figure(black_box(c), "chart-1", &cited).map_or(0, |f| f.len()))
                .sum::<usize>()
        })
    });
    group.bench_function("templates", |b| {
        b.iter(|| render::render_site(black_box(&briefing), &theme))
    });
    group.bench_function("write-unchanged", |b| {
        b.iter(|| output::write_site(out.path(), black_box(&files), false))
    });
    group.finish();
}

/// One chart of each kind, with twelve points or as many as the kind shows (the bench
/// measures drawing, not the data).
fn sample_charts() -> Vec<Chart> {
    [Kind::Bar, Kind::HorizontalBar, Kind::Line, Kind::Pie]
        .into_iter()
        .map(|kind| (kind, kind.max_points().min(12) as u32))
        .map(|(kind, points)| Chart {
            kind,
            title: format!("A {} chart", kind.label()),
            subtitle: Some("Monthly, 2025".into()),
            unit: Some("t".into()),
            labels: (1..=points).map(|m| format!("2025-{m:02}")).collect(),
            label_name: "Month".into(),
            series: vec![Series {
                name: "Exports".into(),
                values: (1..=points).map(|m| f64::from(m * 37 % 100 + 5)).collect(),
                estimated: Vec::new(),
                derived: Vec::new(),
            }],
            stacked: false,
            caption: None,
            note: None,
        })
        .collect()
}

criterion_group!(benches, stages);
criterion_main!(benches);
