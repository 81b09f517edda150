//! `check`: a spec whose values are resolved → a [`Chart`] that can be drawn legibly, or every
//! problem found, each at the line of the block it is about.

use super::{Anchor, Block, Chart, ChartSpec, Kind, Series};
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::html::number;

/// The smallest pie slice that can be drawn and read, as a share of the whole.
const MIN_SLICE: f64 = 0.02;

/// Checks `spec`, whose values the caller has resolved: `values[i][j]` is value j of series i,
/// `None` where a `claim:` value could not be used (the caller has reported why).
pub fn check(
    spec: &ChartSpec,
    values: &[Vec<Option<f64>>],
    block: &Block<'_>,
) -> Result<Chart, Vec<Diagnostic>> {
    let mut problems = Problems {
        block,
        found: Vec::new(),
    };
    let kind = kind(spec, &mut problems);
    check_text(spec, &mut problems);
    if let Some(kind) = kind {
        check_shape(spec, kind, &mut problems);
        check_values(spec, kind, values, &mut problems);
    }
    let series: Option<Vec<Series>> = spec
        .series
        .iter()
        .zip(values)
        .map(|(s, vs)| {
            let values = vs.iter().copied().collect::<Option<Vec<f64>>>()?;
            Some(Series {
                name: s.name.trim().to_string(),
                values,
            })
        })
        .collect();
    match (kind, series) {
        (Some(kind), Some(series)) if problems.found.is_empty() => Ok(Chart {
            kind,
            title: spec.title.trim().to_string(),
            subtitle: non_empty(&spec.subtitle),
            unit: non_empty(&spec.unit),
            labels: spec.labels.iter().map(|l| l.trim().to_string()).collect(),
            series,
            caption: non_empty(&spec.caption),
            note: non_empty(&spec.note),
        }),
        _ => Err(problems.found),
    }
}

fn non_empty(text: &Option<String>) -> Option<String> {
    text.as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

/// The problems found so far, and where to place them.
struct Problems<'b, 'a> {
    /// The block, to place problems in its file.
    block: &'b Block<'a>,
    /// The problems, in the order found.
    found: Vec<Diagnostic>,
}

impl Problems<'_, '_> {
    fn add(&mut self, code: &'static str, at: Anchor, message: String, help: impl Into<String>) {
        let pos = self.block.pos(at);
        let d = Diagnostic::error(code, self.block.file, pos, message).with_help(help);
        self.found.push(d);
    }
}

fn kind(spec: &ChartSpec, problems: &mut Problems<'_, '_>) -> Option<Kind> {
    let written = spec.kind.trim();
    let kind = Kind::parse(written);
    if kind.is_none() {
        let names: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        let list = names.join(", ");
        let help = match did_you_mean(written, names.iter().copied(), "") {
            close if close.is_empty() => format!("the chart types are: {list}"),
            close => format!("{close} The chart types are: {list}"),
        };
        let message = format!("`{written}` is not a chart type");
        problems.add("unknown-chart-type", Anchor::Key("type"), message, help);
    }
    kind
}

fn check_text(spec: &ChartSpec, problems: &mut Problems<'_, '_>) {
    if spec.title.trim().is_empty() {
        problems.add(
            "empty-text",
            Anchor::Key("title"),
            "the chart has no title".into(),
            "say what the chart shows in `title:`, e.g. `title: China's share of the value chain`",
        );
    }
    if spec.sources.is_empty() {
        let at = anchor_or_start(problems.block, "sources");
        problems.add(
            "no-sources",
            at,
            "the chart names no sources".into(),
            "every chart says where its numbers come from: add `sources: [source-id]`",
        );
    }
}

/// `Key(name)` when the block has that key, else the start of the block.
fn anchor_or_start(block: &Block<'_>, name: &'static str) -> Anchor {
    let has_key = block.yaml.lines().any(|l| {
        l.trim_start_matches([' ', '-'])
            .starts_with(&format!("{name}:"))
    });
    if has_key {
        Anchor::Key(name)
    } else {
        Anchor::Start
    }
}

/// Labels and series: present, not too many, one value per label.
fn check_shape(spec: &ChartSpec, kind: Kind, problems: &mut Problems<'_, '_>) {
    let (labels, series) = (spec.labels.len(), spec.series.len());
    if labels == 0 {
        let at = anchor_or_start(problems.block, "labels");
        let help = format!(
            "list one label per {}: `labels: [Mining, Refining, Magnets]`",
            kind.point()
        );
        problems.add("empty-chart", at, "the chart has no labels".into(), help);
    }
    if series == 0 {
        let at = anchor_or_start(problems.block, "series");
        let help = "add a series with one value per label: `series: [{name: China, values: [69, 91, 94]}]`";
        problems.add("empty-chart", at, "the chart has no series".into(), help);
    }
    if labels > kind.max_points() {
        let message = format!(
            "a {} shows at most {} {}s legibly; this one has {labels}",
            kind.label(),
            kind.max_points(),
            kind.point()
        );
        let at = Anchor::Label(kind.max_points());
        problems.add("too-many-points", at, message, too_many_points_help(kind));
    }
    if series > kind.max_series() {
        let (message, help) = too_many_series(kind, series);
        problems.add(
            "too-many-series",
            Anchor::Series(kind.max_series()),
            message,
            help,
        );
    }
    for (i, s) in spec.series.iter().enumerate() {
        let n = s.values.len();
        if n != labels && labels > 0 {
            let message = format!(
                "the series `{}` has {n} value{} for {labels} label{}",
                s.name.trim(),
                plural(n),
                plural(labels)
            );
            let help = "give one value per label, in the order of `labels:`";
            problems.add("chart-length", Anchor::Values(i), message, help);
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn too_many_points_help(kind: Kind) -> &'static str {
    match kind {
        Kind::Bar => {
            "split it into two charts, or use `type: line` for a long series (up to 24 points)"
        }
        Kind::HorizontalBar => "chart the largest items and say what is left out in `note:`",
        Kind::Line => "split it into two charts, or chart a coarser period (quarters, not months)",
        Kind::Pie => "group the smaller parts into one slice, or use `type: horizontal-bar`",
    }
}

fn too_many_series(kind: Kind, series: usize) -> (String, String) {
    if kind == Kind::Pie {
        return (
            format!("a pie chart shows one series; this one has {series}"),
            "make one pie per series, or use `type: bar` to compare series".into(),
        );
    }
    (
        format!(
            "a {} shows at most {} series legibly; this one has {series}",
            kind.label(),
            kind.max_series()
        ),
        "split it into two charts: more colours than that are hard to tell apart".into(),
    )
}

/// Every value finite; no negative bars or slices; something to draw; no sliver slices.
fn check_values(
    spec: &ChartSpec,
    kind: Kind,
    values: &[Vec<Option<f64>>],
    problems: &mut Problems<'_, '_>,
) {
    let mut any_non_zero = false;
    let mut any_problem = false;
    for (i, (s, vs)) in spec.series.iter().zip(values).enumerate() {
        for (j, v) in vs.iter().enumerate() {
            let Some(v) = *v else { continue };
            any_non_zero |= v != 0.0 && v.is_finite();
            any_problem |= !value_ok(spec, kind, (i, &s.name), (j, v), problems);
        }
    }
    let complete = values.iter().flatten().all(Option::is_some);
    if !any_non_zero && complete && !values.iter().all(Vec::is_empty) {
        let message = "every value of the chart is zero: there is nothing to draw".into();
        let help = "check the values, or leave the chart out";
        problems.add("empty-chart", Anchor::Key("series"), message, help);
    } else if kind == Kind::Pie && complete && !any_problem {
        check_slices(spec, values, problems);
    }
}

/// Checks one value; false when it has a problem.
fn value_ok(
    spec: &ChartSpec,
    kind: Kind,
    (i, name): (usize, &str),
    (j, v): (usize, f64),
    problems: &mut Problems<'_, '_>,
) -> bool {
    let label = spec.labels.get(j).map_or("", |l| l.trim());
    if !v.is_finite() {
        let message = format!(
            "value {} of the series `{}` is not a finite number",
            j + 1,
            name.trim()
        );
        let help = "write a plain number such as 69 or 4000.3: `.nan` and `.inf` cannot be drawn";
        problems.add("bad-value", Anchor::Value(i, j), message, help);
        return false;
    }
    if v >= 0.0 || kind == Kind::Line {
        return true;
    }
    let (message, help) = if kind == Kind::Pie {
        (
            format!("the slice `{label}` has a negative value ({})", number(v)),
            "a pie shows parts of a whole: use `type: line` for values that can be negative",
        )
    } else {
        (
            format!(
                "the bar `{label}` of the series `{}` has a negative value ({})",
                name.trim(),
                number(v)
            ),
            "bars are drawn up from the bottom of the axis, so a negative bar would mislead: use `type: line` for values that can be negative",
        )
    };
    problems.add("negative-value", Anchor::Value(i, j), message, help);
    false
}

/// Slices too thin to draw or read.
fn check_slices(spec: &ChartSpec, values: &[Vec<Option<f64>>], problems: &mut Problems<'_, '_>) {
    let Some(slices) = values.first() else { return };
    let total: f64 = slices.iter().flatten().sum();
    for (j, v) in slices.iter().enumerate() {
        let share = v.unwrap_or(0.0) / total;
        if share < MIN_SLICE {
            let label = spec.labels.get(j).map_or("", |l| l.trim());
            let message = format!(
                "the slice `{label}` is {}% of the pie; slices under {}% cannot be drawn legibly",
                number((share * 1000.0).round() / 10.0),
                MIN_SLICE * 100.0
            );
            let help = "group the small parts into one slice, or use `type: horizontal-bar`";
            problems.add("slice-too-small", Anchor::Value(0, j), message, help);
        }
    }
}
