//! A chart block's YAML, twice: straight through the charts module (parse → check → figure,
//! `claim:` values bound to fixed figures) and as a ```` ```chart ```` block in a note's body,
//! built and rendered with the briefing. Never a panic; a checked chart always draws, with the
//! same bytes each time; diagnostics point inside the block.

#![no_main]

mod common;

use dossier::charts::{self, Block, Cited, ValueSpec};
use dossier::diagnostics::Diagnostic;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(yaml) = common::text(data) else {
        return;
    };
    // As a note's text reaches the charts: lone carriage returns read as line breaks.
    let yaml = &dossier::content::lone_returns_as_breaks(yaml.to_string());
    direct(yaml);
    in_body(yaml);
});

/// The block through the charts module alone.
fn direct(yaml: &str) {
    let block = Block {
        yaml,
        file: common::FUZZED,
        first_line: 1,
        indent: 0,
    };
    let spec = match charts::parse(&block) {
        Ok(spec) => spec,
        Err(d) => return checked(&d, yaml),
    };
    let values: Vec<Vec<Option<f64>>> = spec
        .series
        .iter()
        .map(|s| s.values.iter().map(value).collect())
        .collect();
    let chart = match charts::check(&spec, &values, &block) {
        Ok(chart) => chart,
        Err(problems) => {
            // A value the caller could not bind is the caller's to report.
            let unbound = values.iter().flatten().any(Option::is_none);
            assert!(
                unbound || !problems.is_empty(),
                "a chart rejected without a reason"
            );
            return problems.iter().for_each(|d| checked(d, yaml));
        }
    };
    assert!(
        chart
            .series
            .iter()
            .flat_map(|s| &s.values)
            .all(|v| v.is_finite()),
        "a checked chart with a value that is not a number: {chart:?}"
    );
    let cited: Vec<Cited> = spec
        .sources
        .iter()
        .map(|id| Cited {
            title: format!("Source {id}"),
            publisher: "Publisher".into(),
            url: format!("../../sources/{id}/"),
        })
        .collect();
    let figure = charts::figure(&chart, "chart-1", &cited);
    let figure = figure.unwrap_or_else(|e| panic!("a checked chart does not draw: {e}: {chart:?}"));
    common::html::check_html(&figure, "a chart");
    let again = charts::figure(&chart, "chart-1", &cited).expect("drawn once");
    assert!(
        again == figure,
        "the same chart drawn twice gave other bytes"
    );
}

/// A value as the model binds it: a claim with a figure gives it, any other claim nothing.
fn value(value: &ValueSpec) -> Option<f64> {
    match value {
        ValueSpec::Number(n) => Some(*n),
        ValueSpec::Claim(id) => common::FIGURES
            .iter()
            .find(|(claim, _, _)| claim == id)
            .map(|(_, figure, _)| *figure),
    }
}

/// A diagnostic about the block is an error at one of its lines.
fn checked(d: &Diagnostic, yaml: &str) {
    assert!(d.is_error() && d.line >= 1, "{d:?}");
    common::positions::check_position(d, yaml);
}

/// The block in a note's body, built with the briefing and rendered.
fn in_body(yaml: &str) {
    let body = format!("Widgets [@stats-office].\n\n```chart\n{yaml}\n```\n\nAfter the chart.\n");
    if let Ok(briefing) = common::build(&body) {
        let pages = common::body_pages(&briefing);
        let html = common::render_pages(&briefing, &pages);
        let again = common::build(&body).expect("the same body built twice");
        assert!(
            common::render_pages(&again, &pages) == html,
            "the same chart rendered twice gave other bytes"
        );
    }
}
