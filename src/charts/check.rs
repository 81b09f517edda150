//! `check`: a spec whose values are resolved → a [`Chart`] that can be drawn legibly, or every
//! problem found, each at the line of the block it is about.

use super::values::check_values;
use super::{Anchor, Block, Chart, ChartSpec, Kind, Series};
use crate::codes::Code;
use crate::diagnostics::{Diagnostic, did_you_mean};

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
        check_marked(spec, &mut problems);
        check_id(spec, &mut problems);
        check_stacked(spec, kind, &mut problems);
        check_values(spec, kind, values, &mut problems);
    }
    let series: Option<Vec<Series>> = spec
        .series
        .iter()
        .zip(values)
        .map(|(s, vs)| {
            // `-0` is drawn and printed as the `0` it is.
            let values = vs.iter().map(|v| v.map(|v| v + 0.0));
            let values = values.collect::<Option<Vec<f64>>>()?;
            Some(Series {
                name: s.name.trim().to_string(),
                values,
                estimated: positions(spec, &s.estimated),
                derived: positions(spec, &s.derived),
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
            label_name: label_name(spec),
            series,
            stacked: spec.stacked,
            caption: non_empty(&spec.caption),
            note: non_empty(&spec.note),
        }),
        _ => Err(problems.found),
    }
}

/// `stacked: true` is for bar charts of two or more series.
fn check_stacked(spec: &ChartSpec, kind: Kind, problems: &mut Problems<'_, '_>) {
    if !spec.stacked || (kind == Kind::Bar && spec.series.len() > 1) {
        return;
    }
    let (message, help) = if kind == Kind::Bar {
        (
            "a stacked bar chart needs two or more series to stack".to_string(),
            "add the other parts of each bar as series, or remove `stacked: true`",
        )
    } else {
        (
            format!("a {} cannot be stacked", kind.label()),
            "use `type: bar` to stack series, or remove `stacked: true`",
        )
    };
    problems.add(Code::StackedChart, Anchor::Key("stacked"), message, help);
}

/// The positions of the labels in `marked` (a series' `estimated:` or `derived:`),
/// ascending, each once.
fn positions(spec: &ChartSpec, marked: &[String]) -> Vec<usize> {
    let mut at: Vec<usize> = marked
        .iter()
        .filter_map(|e| spec.labels.iter().position(|l| l.trim() == e.trim()))
        .collect();
    at.sort_unstable();
    at.dedup();
    at
}

/// Every label marked as estimated or derived is one of the chart's labels.
fn check_marked(spec: &ChartSpec, problems: &mut Problems<'_, '_>) {
    let labels = || spec.labels.iter().map(|l| l.trim());
    for (i, s) in spec.series.iter().enumerate() {
        let lists = [
            (
                "estimated",
                &s.estimated,
                Anchor::Estimated as fn(usize, usize) -> Anchor,
            ),
            ("derived", &s.derived, Anchor::Derived),
        ];
        for (what, list, anchor) in lists {
            for (k, e) in list.iter().enumerate() {
                if labels().any(|l| l == e.trim()) {
                    continue;
                }
                let message = format!(
                    "the series `{}` marks `{}` as {what}, but the chart has no such label",
                    s.name.trim(),
                    e.trim()
                );
                let list = labels().collect::<Vec<_>>().join(", ");
                let help = match did_you_mean(e.trim(), labels(), "") {
                    close if close.is_empty() => format!("the chart's labels are: {list}"),
                    close => format!("{close} The chart's labels are: {list}"),
                };
                problems.add(Code::EstimatedLabel, anchor(i, k), message, help);
            }
        }
    }
}

/// The chart's `id:`, when given, is a slug: it names the chart's data file.
fn check_id(spec: &ChartSpec, problems: &mut Problems<'_, '_>) {
    let Some(id) = &spec.id else { return };
    if crate::html::is_slug(id.trim()) {
        return;
    }
    let message = format!("the chart id `{}` is not a slug", id.trim());
    let help = format!(
        "use lower-case letters, digits and hyphens, e.g. `id: {}`; it names the chart's data file",
        crate::html::slugify(id)
    );
    problems.add(Code::BadId, Anchor::Key("id"), message, help);
}

/// The heading of the labels' column: `label_name:`, else `Year` or `Month` when every
/// label is one, else `Label`.
fn label_name(spec: &ChartSpec) -> String {
    if let Some(name) = non_empty(&spec.label_name) {
        return name;
    }
    let labels = || spec.labels.iter().map(|l| l.trim());
    let year = |l: &str| l.len() == 4 && l.bytes().all(|b| b.is_ascii_digit());
    let month = |l: &str| {
        let l = l.to_ascii_lowercase();
        MONTHS.iter().any(|m| l.starts_with(m))
    };
    if labels().all(year) {
        "Year".into()
    } else if labels().all(month) {
        "Month".into()
    } else {
        "Label".into()
    }
}

/// The months, as their names and abbreviations begin.
const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn non_empty(text: &Option<String>) -> Option<String> {
    text.as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

/// The problems found so far, and where to place them.
pub(super) struct Problems<'b, 'a> {
    /// The block, to place problems in its file.
    block: &'b Block<'a>,
    /// The problems, in the order found.
    found: Vec<Diagnostic>,
}

impl Problems<'_, '_> {
    /// Adds a problem at `at`.
    pub(super) fn add(&mut self, code: Code, at: Anchor, message: String, help: impl Into<String>) {
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
        problems.add(Code::UnknownChartType, Anchor::Key("type"), message, help);
    }
    kind
}

fn check_text(spec: &ChartSpec, problems: &mut Problems<'_, '_>) {
    if spec.title.trim().is_empty() {
        problems.add(
            Code::EmptyText,
            Anchor::Key("title"),
            "the chart has no title".into(),
            "say what the chart shows in `title:`, e.g. `title: China's share of the value chain`",
        );
    }
    if spec.sources.is_empty() {
        let at = anchor_or_start(problems.block, "sources");
        problems.add(
            Code::NoSources,
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
        problems.add(Code::EmptyChart, at, "the chart has no labels".into(), help);
    }
    if series == 0 {
        let at = anchor_or_start(problems.block, "series");
        let help = "add a series with one value per label: `series: [{name: China, values: [69, 91, 94]}]`";
        problems.add(Code::EmptyChart, at, "the chart has no series".into(), help);
    }
    if labels > kind.max_points() {
        let message = format!(
            "a {} shows at most {} {}s legibly; this one has {labels}",
            kind.label(),
            kind.max_points(),
            kind.point()
        );
        let at = Anchor::Label(kind.max_points());
        problems.add(Code::TooManyPoints, at, message, too_many_points_help(kind));
    }
    if series > kind.max_series() {
        let (message, help) = too_many_series(kind, series);
        problems.add(
            Code::TooManySeries,
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
            problems.add(Code::ChartLength, Anchor::Values(i), message, help);
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
