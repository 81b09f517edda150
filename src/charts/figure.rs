//! A chart as HTML: a `<figure>` with a caption that cites its sources, the chart as inline
//! SVG in two layouts (the stylesheet shows one), and its numbers as a table.

use std::fmt::Write;

use super::draw::{Layout, draw};
use super::{Chart, Kind, Series};
use crate::html::{escape, escape_xml, number};

/// A source a chart cites, as its caption links to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cited {
    /// The source's title.
    pub title: String,
    /// Who published it.
    pub publisher: String,
    /// The relative URL of its page.
    pub url: String,
}

/// The chart's `<figure>`, with element id `id`; every id inside starts with `id`.
pub fn figure(chart: &Chart, id: &str, sources: &[Cited]) -> Result<String, String> {
    figure_linked(chart, id, sources, None, false)
}

/// [`figure`], with a link to the chart's data file at `data` (a relative URL) when given,
/// and the data table `open` (for the print edition, so that it is printed) when asked.
pub fn figure_linked(
    chart: &Chart,
    id: &str,
    sources: &[Cited],
    data: Option<&str>,
    open: bool,
) -> Result<String, String> {
    let mut html = format!(
        "<figure class=\"chart chart-{}\" id=\"{}\">\n",
        chart.kind.as_str(),
        escape(id)
    );
    html.push_str(&caption(chart, sources));
    for layout in Layout::ALL {
        html.push_str(&svg(chart, layout, id)?);
        html.push('\n');
    }
    html.push_str(&key(chart));
    html.push_str(&table(chart, open));
    if let Some(href) = data {
        let _ = writeln!(
            html,
            "<p class=\"chart-download\"><a href=\"{}\" download>Download the data (CSV)</a></p>",
            escape(href)
        );
    }
    html.push_str("</figure>\n");
    Ok(html)
}

/// The chart drawn in `layout` as an `<svg>` element with `role="img"`, a `<title>` and a
/// `<desc>` (escaped for XML: the SVG must stay well-formed); its ids are
/// `<id>-<layout>-title` and `<id>-<layout>-desc`.
pub fn svg(chart: &Chart, layout: Layout, id: &str) -> Result<String, String> {
    let name = layout.name();
    let prefix = format!("{}-{name}", escape(id));
    let drawing = draw(chart, layout, &prefix)?;
    let (w, h) = (drawing.width, drawing.height);
    Ok(format!(
        "<svg class=\"chart-svg chart-{name}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"{prefix}-title\" aria-describedby=\"{prefix}-desc\">\n<title id=\"{prefix}-title\">{}</title>\n<desc id=\"{prefix}-desc\">{}</desc>\n{}\n</svg>",
        escape_xml(&chart.title),
        escape_xml(&describe(chart)),
        drawing.body
    ))
}

/// The `<figcaption>`: title, subtitle and unit, caption, note, and the sources with links.
fn caption(chart: &Chart, sources: &[Cited]) -> String {
    let mut html = String::from("<figcaption>\n");
    let _ = writeln!(
        html,
        "<p class=\"chart-title\">{}</p>",
        escape(&chart.title)
    );
    let unit = chart.unit.as_ref().map(|u| format!("Unit: {u}"));
    let subtitle: Vec<&str> = [chart.subtitle.as_deref(), unit.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !subtitle.is_empty() {
        let text = escape(&subtitle.join(" · "));
        let _ = writeln!(html, "<p class=\"chart-subtitle\">{text}</p>");
    }
    if let Some(text) = &chart.caption {
        let _ = writeln!(html, "<p class=\"chart-caption\">{}</p>", escape(text));
    }
    if let Some(text) = &chart.note {
        let _ = writeln!(html, "<p class=\"chart-note\">Note: {}</p>", escape(text));
    }
    let cited: Vec<String> = sources
        .iter()
        .map(|s| {
            format!(
                "<a href=\"{}\" title=\"{}\">{}</a>",
                escape(&s.url),
                escape(&s.title),
                escape(&s.publisher)
            )
        })
        .collect();
    let label = if sources.len() == 1 {
        "Source"
    } else {
        "Sources"
    };
    let _ = writeln!(
        html,
        "<p class=\"chart-sources\">{label}: {}.</p>",
        cited.join("; ")
    );
    html.push_str("</figcaption>\n");
    html
}

/// The numbers as a table inside `<details>` (`open` when asked), with the full labels.
fn table(chart: &Chart, open: bool) -> String {
    let unit = chart
        .unit
        .as_ref()
        .map_or(String::new(), |u| format!(" ({})", escape(u)));
    let mut html = format!(
        "<details class=\"chart-data\"{}>\n<summary>Data table</summary>\n<table>\n<thead><tr><th scope=\"col\">{}</th>",
        if open { " open" } else { "" },
        escape(&chart.label_name)
    );
    for s in &chart.series {
        let _ = write!(html, "<th scope=\"col\">{}{unit}</th>", escape(&s.name));
    }
    if chart.kind == Kind::Pie {
        html.push_str("<th scope=\"col\">Share of total</th>");
    }
    if chart.stacked {
        let _ = write!(html, "<th scope=\"col\">Total{unit}</th>");
    }
    html.push_str("</tr></thead>\n<tbody>\n");
    let total: f64 = chart.series.first().map_or(0.0, |s| s.values.iter().sum());
    for (j, label) in chart.labels.iter().enumerate() {
        let _ = write!(html, "<tr><th scope=\"row\">{}</th>", escape(label));
        for s in &chart.series {
            let value = s.values.get(j).map_or(String::new(), |&v| number(v));
            let marks: Vec<&str> = [
                (s.is_estimated(j), "estimated"),
                (s.is_derived(j), "derived"),
            ]
            .into_iter()
            .filter_map(|(on, word)| on.then_some(word))
            .collect();
            let mark = match marks.is_empty() {
                true => String::new(),
                false => format!(
                    " <span class=\"chart-estimated\">({})</span>",
                    marks.join(", ")
                ),
            };
            let _ = write!(html, "<td>{value}{mark}</td>");
        }
        if let (Kind::Pie, Some(s)) = (chart.kind, chart.series.first()) {
            let share = s.values.get(j).map_or(0.0, |v| v / total * 100.0);
            let _ = write!(html, "<td>{}%</td>", number((share * 10.0).round() / 10.0));
        }
        if chart.stacked {
            let total: f64 = chart.series.iter().filter_map(|s| s.values.get(j)).sum();
            let _ = write!(html, "<td>{}</td>", number(total));
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody>\n</table>\n</details>\n");
    html
}

/// Under the drawing, when some values are estimated or derived: how they are drawn, and
/// which they are.
fn key(chart: &Chart) -> String {
    let (estimated, derived) = (estimates(chart), derivations(chart));
    if estimated.is_none() && derived.is_none() {
        return String::new();
    }
    let marks = match chart.kind {
        Kind::Bar | Kind::HorizontalBar => "Hatched bars",
        Kind::Line => "Hollow points",
        Kind::Pie => "Hatched slices",
    };
    let text = match (estimated, derived) {
        (Some(e), None) => format!("{marks} are estimates, not reported figures: {e}."),
        (None, Some(d)) => {
            format!("{marks} are derived from other figures, not reported: {d}.")
        }
        (Some(e), Some(d)) => {
            format!(
                "{marks} are not reported figures. Estimated: {e}. Derived from other figures: {d}."
            )
        }
        (None, None) => String::new(),
    };
    format!("<p class=\"chart-key\">{}</p>\n", escape(&text))
}

/// The estimated values, by label (`Apr, Jul`), by series when there are several
/// (`Exports: Apr; Imports: Jul`); `None` when there are none.
fn estimates(chart: &Chart) -> Option<String> {
    listed(chart, |s| &s.estimated)
}

/// The derived values, listed as [`estimates`] lists the estimated ones.
fn derivations(chart: &Chart) -> Option<String> {
    listed(chart, |s| &s.derived)
}

/// The values at the positions `pick` gives in each series, by label and series.
fn listed(chart: &Chart, pick: fn(&Series) -> &Vec<usize>) -> Option<String> {
    let of = |s: &Series| -> Vec<&str> {
        pick(s)
            .iter()
            .filter_map(|&j| chart.labels.get(j))
            .map(String::as_str)
            .collect()
    };
    let listed: Vec<String> = chart
        .series
        .iter()
        .filter(|s| !pick(s).is_empty())
        .map(|s| match chart.series.len() {
            1 => of(s).join(", "),
            _ => format!("{}: {}", s.name, of(s).join(", ")),
        })
        .collect();
    (!listed.is_empty()).then(|| listed.join("; "))
}

/// The chart's data in words, for `<desc>`: the kind and size, then each series' values
/// with its highest and lowest.
pub fn describe(chart: &Chart) -> String {
    let kind = chart.kind_label();
    let kind = kind[..1].to_uppercase() + &kind[1..];
    let n = chart.labels.len();
    let mut text = match (chart.kind, chart.series.len()) {
        (Kind::Pie, _) => format!("{kind}, {n} slices."),
        (_, 1) => format!("{kind}, {n} {}s.", chart.kind.point()),
        (_, k) => format!("{kind}, {k} series over {n} {}s.", chart.kind.point()),
    };
    if let [first, .., last] = chart.labels.as_slice()
        && chart.kind == Kind::Line
    {
        let _ = write!(text, " From {first} to {last}.");
    }
    for s in &chart.series {
        text.push(' ');
        text.push_str(&describe_series(chart, s));
    }
    if let Some(listed) = estimates(chart) {
        let _ = write!(text, " Estimated: {listed}.");
    }
    if let Some(listed) = derivations(chart) {
        let _ = write!(text, " Derived from other figures: {listed}.");
    }
    text
}

fn describe_series(chart: &Chart, series: &Series) -> String {
    let unit = chart.unit.as_deref();
    let first = series.values.first().copied().unwrap_or(0.0);
    if series.values.len() > 1 && series.values.iter().all(|&v| v == first) {
        return format!(
            "{}: {} at every point.",
            series.name,
            with_unit(first, unit)
        );
    }
    let total: f64 = series.values.iter().sum();
    let items: Vec<String> = chart
        .labels
        .iter()
        .zip(&series.values)
        .map(|(label, &v)| match chart.kind {
            Kind::Pie => format!("{label} {} ({:.1}%)", with_unit(v, unit), v / total * 100.0),
            _ => format!("{label} {}", with_unit(v, unit)),
        })
        .collect();
    let mut text = format!("{}: {}.", series.name, items.join(", "));
    if let Some(((hi, hi_v), (lo, lo_v))) = extremes(chart, series)
        && series.values.len() > 2
    {
        let _ = write!(
            text,
            " Highest: {hi}, {}; lowest: {lo}, {}.",
            with_unit(hi_v, unit),
            with_unit(lo_v, unit)
        );
    }
    text
}

/// A label and its value.
type Point<'c> = (&'c str, f64);

/// The highest and the lowest point of a series (the first ones on ties).
fn extremes<'c>(chart: &'c Chart, series: &Series) -> Option<(Point<'c>, Point<'c>)> {
    let mut points = chart
        .labels
        .iter()
        .map(String::as_str)
        .zip(series.values.iter().copied());
    let first = points.next()?;
    Some(points.fold((first, first), |(hi, lo), p| {
        (
            if p.1 > hi.1 { p } else { hi },
            if p.1 < lo.1 { p } else { lo },
        )
    }))
}

/// A value with its unit: `69%`, `270,000 t REO`.
fn with_unit(value: f64, unit: Option<&str>) -> String {
    crate::html::figure(value, unit)
}
