//! The four kinds of chart, each set up on charts-rs's own chart type with the shared
//! style of [`draw`](super::draw) and what that kind needs on top of it. Each gives the SVG
//! and the texts of the value labels it shows, in the order charts-rs writes them
//! ([`labels`](super::labels) puts them in); a pie's labels are its slices' names and shares.

use charts_rs::{
    BarChart, Color, HorizontalBarChart, LegendCategory, LineChart, PieChart, Series as Drawn,
    Symbol,
};

use super::Chart;
use super::axis::value_axis;
use super::draw::{
    DASHES, Layout, PALETTE, drawn_series, fit, labels_fit, slot_width, style, text_width,
    thousands, with_unit,
};
use super::values::MAX_VALUE;

/// charts-rs's SVG, and the value labels it shows when it shows any but a pie's.
pub(super) type Svg = charts_rs::Result<(String, Option<Vec<String>>)>;

/// The labels of the values of `series`, in order, with the chart's unit (`69%`).
fn value_labels(chart: &Chart, series: &[f64]) -> Vec<String> {
    let unit = chart.unit.as_deref();
    series.iter().map(|&v| with_unit(v, unit)).collect()
}

/// The labels of `series` that fit in slots of `slot` units: with the unit when they fit
/// so, else the bare numbers (the axis gives the unit); `None` when neither fits.
fn fitting_labels(chart: &Chart, series: &[f64], layout: Layout, slot: f32) -> Option<Vec<String>> {
    let with = value_labels(chart, series);
    if labels_fit(&with, layout, slot) {
        return Some(with);
    }
    let bare: Vec<String> = series.iter().map(|&v| thousands(v)).collect();
    labels_fit(&bare, layout, slot).then_some(bare)
}

pub(super) fn bar(chart: &Chart, layout: Layout) -> Svg {
    let slot = slot_width(chart, layout);
    let labels = chart.labels.iter().map(|l| fit(l, layout.font(), slot));
    let mut c = BarChart::new(drawn_series(chart, 1.0), labels.collect());
    style(&mut c, chart, layout, layout.height());
    c.y_axis_configs = vec![value_axis(chart, layout)];
    c.legend.category = LegendCategory::Rect;
    if chart.stacked {
        for s in &mut c.series_list {
            s.stack = Some("total".to_string());
        }
    }
    let mut shown = Vec::new();
    if let ([only], [series]) = (c.series_list.as_mut_slice(), chart.series.as_slice()) {
        // on its bar when it fits, else the axis and the table say it
        if let Some(labels) = fitting_labels(chart, &series.values, layout, slot) {
            only.label_show = true;
            shown = labels;
        }
    }
    Ok((c.svg()?, Some(shown)))
}

/// The largest value a horizontal bar chart gives charts-rs: it scales that axis itself, in
/// 32-bit integers that overflow above about 10^10, so larger values are divided by a power
/// of ten for drawing (their labels are written from the values as they are).
const HORIZONTAL_MAX: f64 = 1e6;

pub(super) fn horizontal(chart: &Chart, layout: Layout) -> Svg {
    let n = chart.series.len() as f32;
    let row = (layout.font() + 12.0).max(10.0 + 13.0 * n);
    let legend = if n > 1.0 { layout.font() + 18.0 } else { 0.0 };
    let top = 6.0;
    // charts-rs keeps 25 units under the bars for value-axis labels, which are not drawn
    // here: a negative bottom margin hands that room back.
    let axis = 25.0 - 20.0;
    let height = (top + legend + 2.0 + axis + row * chart.labels.len() as f32).ceil();
    let room = layout.width() * 0.36;
    // charts-rs draws the first label at the bottom: reverse, so the list reads top down.
    let labels = chart
        .labels
        .iter()
        .rev()
        .map(|l| fit(l, layout.font(), room));
    let largest = chart.series.iter().flat_map(|s| &s.values);
    let largest = largest.fold(0.0, |m: f64, v| m.max(v.abs())).min(MAX_VALUE);
    let divisor = 10f64.powf((largest / HORIZONTAL_MAX).log10().ceil().max(0.0));
    let series = drawn_series(chart, divisor).into_iter().map(|mut s| {
        s.data.reverse();
        s
    });
    let mut c = HorizontalBarChart::new(series.collect(), labels.collect());
    style(&mut c, chart, layout, height);
    c.y_axis_configs = vec![value_axis(chart, layout)];
    c.legend.category = LegendCategory::Rect;
    c.margin.top = top;
    c.margin.bottom = -20.0;
    // Each bar carries its value, so the value axis and its grid would only repeat them.
    c.y_axis_configs[0].font.size = 0.0;
    c.grid.stroke_color = Color::transparent();
    let widest = |labels: &dyn Fn(&[f64]) -> Vec<String>| {
        let all = chart.series.iter().flat_map(|s| labels(&s.values));
        all.map(|l| text_width(&l, layout.small()))
            .fold(0.0, f32::max)
    };
    // with the unit, unless that takes more than a fifth of the width from the bars
    let with: &dyn Fn(&[f64]) -> Vec<String> = &|v| value_labels(chart, v);
    let bare: &dyn Fn(&[f64]) -> Vec<String> = &|v| v.iter().map(|&v| thousands(v)).collect();
    let labels = match widest(with) <= layout.width() / 5.0 {
        true => with,
        false => bare,
    };
    c.margin.right = widest(labels) + 12.0;
    for s in &mut c.series_list {
        s.label_show = true;
    }
    let shown = chart.series.iter().flat_map(|s| {
        let mut shown = labels(&s.values);
        shown.reverse();
        shown
    });
    Ok((c.svg()?, Some(shown.collect())))
}

pub(super) fn line(chart: &Chart, layout: Layout) -> Svg {
    let slot = slot_width(chart, layout);
    let labels = chart.labels.iter().map(|l| fit(l, layout.font(), slot));
    let mut c = LineChart::new(drawn_series(chart, 1.0), labels.collect());
    style(&mut c, chart, layout, layout.height());
    c.y_axis_configs = vec![value_axis(chart, layout)];
    c.legend.category = LegendCategory::Normal;
    c.series.stroke_width = 2.0;
    for (i, s) in c.series_list.iter_mut().enumerate() {
        s.stroke_dash_array = DASHES[i % DASHES.len()].map(str::to_string);
        // solid, so that an estimate's hollow marker stands out
        let colour = Color::from(PALETTE[i % PALETTE.len()]);
        s.symbol = Some(Symbol::Circle(3.0, Some(colour)));
    }
    let labelled = match layout {
        Layout::Wide => 12,
        Layout::Narrow => 7,
    };
    let mut shown = Vec::new();
    if let (Some(first), Some(series)) = (c.series_list.first_mut(), chart.series.first()) {
        let fitting = (chart.labels.len() <= labelled)
            .then(|| fitting_labels(chart, &series.values, layout, slot))
            .flatten();
        if let Some(labels) = fitting {
            first.label_show = true;
            shown = labels;
        }
    }
    Ok((c.svg()?, Some(shown)))
}

pub(super) fn pie(chart: &Chart, layout: Layout) -> Svg {
    let values = chart.series.first().map_or(&[][..], |s| &s.values[..]);
    let total: f64 = values.iter().sum();
    // Labels sit outside the pie, 40 units from it: keep the name short enough that even the
    // smallest pie leaves room for "name: 99.9%" on both sides.
    let smallest = 45.0;
    let room = layout.width() / 2.0 - smallest - 48.0 - text_width(": 99.9%", layout.small());
    let slices: Vec<Drawn> = chart
        .labels
        .iter()
        .zip(values)
        .map(|(l, &v)| Drawn::new(fit(l, layout.small(), room), vec![v as f32]))
        .collect();
    let widest = slices
        .iter()
        .zip(values)
        .map(|(s, &v)| {
            text_width(
                &format!("{}: {:.1}%", s.name, v / total * 100.0),
                layout.small(),
            )
        })
        .fold(0.0, f32::max);
    let radius = (layout.width() / 2.0 - widest - 48.0).clamp(smallest, 130.0);
    // charts-rs centres the pie on the radius that fits 80% of the plot's height, whatever
    // the radius it is given: make the two the same, so the pie sits in the middle.
    let top = layout.small() + 10.0;
    let height = (radius * 2.5 + top + 2.0).ceil();
    let mut c = PieChart::new(slices);
    style(&mut c, chart, layout, height);
    c.legend.show = Some(false);
    c.series.label.formatter = "{a}: {d}".to_string();
    c.radius = radius;
    c.inner_radius = 0.0;
    c.rose_type = Some(false);
    c.border_radius = Some(0.0);
    Ok((c.svg()?, None))
}
