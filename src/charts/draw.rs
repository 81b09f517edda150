//! Drawing with charts-rs: a checked chart in one of two layouts → the SVG elements that go
//! inside the root `<svg>`, and the size of the drawing.
//!
//! Every chart is drawn twice: 720 units wide for wide screens and 360 wide for phones, so
//! that text is about the same size on both when the SVG is scaled to the column's width.
//! Text is measured by charts-rs with Roboto, the font the stylesheet loads for charts, so
//! measured and rendered text agree. The background is transparent and the colours read on
//! light and dark pages; the stylesheet gives text the page's own colour.

use charts_rs::{
    Align, Box as Margin, ChartBase, Color, FontConfig, Series as Drawn, measure_text_width_family,
};

use super::axis::axis_ticks;
use super::kinds;
use super::labels::{Labels, relabel, significant};
use super::marks::{mark_estimated, without_data};
use super::place::place_values;
use super::{Chart, Kind};
use crate::html::number;

/// Series colours, in order: the light theme's navy, copper, green, plum, brick and olive,
/// each of at least 4:1 contrast against the light page. The stylesheet maps each to a
/// custom property (`--chart-1` …) by the colour written in the SVG, so that the dark
/// theme gets lighter ones; written into the SVG, they are what a reader without the
/// stylesheet sees.
pub const PALETTE: [&str; 6] = [
    "#1D3557", "#B5651D", "#2A7F62", "#7B4B94", "#B0413E", "#6B7A1F",
];

/// The font charts-rs measures text with (it ships it); the stylesheet serves the same file.
pub(super) const FONT: &str = "Roboto";

/// Text colour written into the SVG, readable on both themes; the stylesheet overrides it.
pub(super) const INK: (u8, u8, u8) = (107, 114, 128);

/// Axis and grid lines: a grey that shows on both themes.
pub(super) const RULE: (u8, u8, u8, u8) = (156, 163, 175, 140);

/// Dash patterns by series, so lines can be told apart without colour.
pub(super) const DASHES: [Option<&str>; 4] = [None, Some("6,4"), Some("2,3"), Some("10,3,2,3")];

/// The ellipsis that ends a shortened label.
const ELLIPSIS: char = '…';

/// One of the two drawings of a chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// For columns wider than a phone.
    Wide,
    /// For phones (up to about 600 px).
    Narrow,
}

impl Layout {
    /// Both layouts, wide first.
    pub const ALL: [Layout; 2] = [Layout::Wide, Layout::Narrow];

    /// The name used in class names and element ids.
    pub fn name(self) -> &'static str {
        match self {
            Layout::Wide => "wide",
            Layout::Narrow => "narrow",
        }
    }

    pub(super) fn width(self) -> f32 {
        match self {
            Layout::Wide => 720.0,
            Layout::Narrow => 360.0,
        }
    }

    /// Axis labels and the legend.
    pub(super) fn font(self) -> f32 {
        match self {
            Layout::Wide => 13.0,
            Layout::Narrow => 12.0,
        }
    }

    /// Value labels.
    pub(super) fn small(self) -> f32 {
        self.font() - 1.0
    }

    /// The height of a bar or line chart.
    pub(super) fn height(self) -> f32 {
        match self {
            Layout::Wide => 340.0,
            Layout::Narrow => 280.0,
        }
    }
}

/// A drawing: its size and the SVG elements inside the root `<svg>`.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    /// Width in SVG units.
    pub width: u32,
    /// Height in SVG units.
    pub height: u32,
    /// The elements, as charts-rs writes them.
    pub body: String,
}

/// Draws `chart` in `layout`; ids inside the drawing start with `prefix`.
pub fn draw(chart: &Chart, layout: Layout, prefix: &str) -> Result<Drawing, String> {
    let kind = drawn_kind(chart, layout);
    let (svg, shown) = match kind {
        Kind::Bar => kinds::bar(chart, layout),
        Kind::HorizontalBar => kinds::horizontal(chart, layout),
        Kind::Line => kinds::line(chart, layout),
        Kind::Pie => kinds::pie(chart, layout),
    }
    .map_err(|e| e.to_string())?;
    let ticks = match kind {
        Kind::Bar | Kind::Line => axis_ticks(chart),
        Kind::HorizontalBar | Kind::Pie => Vec::new(),
    };
    let labels = Labels {
        size: layout.small(),
        values: shown.as_deref(),
        ticks: &ticks,
    };
    let names = chart.series.iter().map(|s| &s.name);
    let keep: Vec<String> = chart.labels.iter().chain(names).cloned().collect();
    let relabelled = relabel(&svg, &labels, &keep);
    // a label beside its point needs room for two between points
    let widest =
        (shown.iter().flatten()).fold(0.0, |w: f32, l| w.max(text_width(l, layout.small())));
    let beside = 2.0 * widest + 12.0 <= slot_width(chart, layout);
    let placed = place_values(&relabelled, chart, kind, layout.small(), beside);
    let marked = mark_estimated(&placed, chart, kind, prefix);
    inner(&without_data(&marked))
}

/// The kind drawn: on phones, a bar chart whose labels do not fit under its bars is drawn
/// with horizontal bars, which have room for labels.
fn drawn_kind(chart: &Chart, layout: Layout) -> Kind {
    // stacked bars stay upright: horizontal bars carry their values, which stacks would crowd
    if chart.kind != Kind::Bar || layout == Layout::Wide || chart.stacked {
        return chart.kind;
    }
    let slot = slot_width(chart, layout);
    let fits = chart.labels.len() <= 6
        && chart
            .labels
            .iter()
            .all(|l| text_width(l, layout.font()) <= slot);
    if fits { Kind::Bar } else { Kind::HorizontalBar }
}

/// The room for one label under a bar or a point, leaving space for the value axis.
pub(super) fn slot_width(chart: &Chart, layout: Layout) -> f32 {
    // charts-rs makes the axis as wide as its longest number and 5 more; 48 at the least.
    let ticks = axis_ticks(chart);
    let longest = ticks.iter().fold("", |l, t| {
        if t.chars().count() > l.chars().count() {
            t
        } else {
            l
        }
    });
    let axis = (text_width(longest, layout.font()) + 5.0).max(48.0);
    (layout.width() - axis) / chart.labels.len().max(1) as f32 - 6.0
}

/// Whether `labels` fit in a slot of `slot` units each without touching.
pub(super) fn labels_fit(labels: &[String], layout: Layout, slot: f32) -> bool {
    labels.iter().all(|l| text_width(l, layout.small()) <= slot)
}

/// Sets what every kind shares on charts-rs's common options: size, font, transparent
/// background, colours, legend. The value axis belongs to each kind (charts-rs keeps it on
/// the chart, not the common options).
pub(super) fn style(c: &mut ChartBase, chart: &Chart, layout: Layout, height: f32) {
    c.width = layout.width();
    c.height = height;
    c.margin = Margin {
        left: 2.0,
        top: layout.small() + 10.0,
        right: 14.0,
        bottom: 2.0,
    };
    c.font_family = FONT.to_string();
    c.background_color = Color::transparent();
    c.is_light = false;
    c.title.text = String::new();
    c.sub_title.text = String::new();
    c.legend.show = Some(chart.series.len() > 1);
    c.legend.font = font(layout.font());
    c.legend.align = Align::Left;
    c.legend.margin = Some(Margin {
        bottom: 10.0,
        ..Default::default()
    });
    c.x_axis.font = font(layout.font());
    c.x_axis.stroke_color = RULE.into();
    c.x_axis.height = layout.font() + 14.0;
    c.grid.stroke_color = RULE.into();
    c.series.colors = PALETTE.iter().map(|&hex| Color::from(hex)).collect();
    c.series.label.font = font(layout.small());
    c.series.label.formatter = "{t}".to_string();
}

/// Text of `size` in the ink colour.
pub(super) fn font(size: f32) -> FontConfig {
    FontConfig {
        size,
        color: INK.into(),
        weight: None,
    }
}

/// The series as charts-rs takes them (it draws in `f32`), each value divided by `divisor`.
pub(super) fn drawn_series(chart: &Chart, divisor: f64) -> Vec<Drawn> {
    chart
        .series
        .iter()
        .map(|s| {
            let values = s.values.iter().map(|&v| (v / divisor) as f32);
            Drawn::new(s.name.clone(), values.collect())
        })
        .collect()
}

/// The elements inside charts-rs's root `<svg>`, with the drawing's size.
fn inner(svg: &str) -> Result<Drawing, String> {
    let attr = |name: &str| -> Option<u32> {
        let start = svg.find(&format!(" {name}=\""))? + name.len() + 3;
        let end = start + svg[start..].find('"')?;
        svg[start..end]
            .parse::<f32>()
            .ok()
            .map(|v| v.round() as u32)
    };
    let open_end = svg.find('>').filter(|_| svg.starts_with("<svg"));
    let close = svg.rfind("</svg>");
    match (open_end, close, attr("width"), attr("height")) {
        (Some(open), Some(close), Some(width), Some(height)) if open < close => Ok(Drawing {
            width,
            height,
            body: svg[open + 1..close].trim().to_string(),
        }),
        _ => Err("charts-rs did not return an <svg> element".to_string()),
    }
}

/// How wide `text` is in Roboto at `size`.
pub(super) fn text_width(text: &str, size: f32) -> f32 {
    measure_text_width_family(FONT, size, text)
        .map(|b| b.width())
        .unwrap_or(text.chars().count() as f32 * size * 0.6)
}

/// `text`, shortened with an ellipsis to fit `room` at `size`; the full text is in the table.
pub(super) fn fit(text: &str, size: f32, room: f32) -> String {
    if text_width(text, size) <= room {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let shortened = |keep: usize| {
        let head: String = chars[..keep].iter().collect();
        format!("{}{ELLIPSIS}", head.trim_end())
    };
    // A longer head is never narrower: search for the longest that fits, keeping at least
    // one character.
    let (mut fits, mut too_wide) = (1, chars.len());
    while too_wide - fits > 1 {
        let keep = (fits + too_wide) / 2;
        if text_width(&shortened(keep), size) <= room {
            fits = keep;
        } else {
            too_wide = keep;
        }
    }
    if chars.is_empty() {
        String::new()
    } else {
        shortened(fits)
    }
}

/// A value as a label of the drawing: whole with thousands separators from 1,000 (`12,500`),
/// one decimal from 0.1 (`2.5`, `7`), two significant digits below (`0.012`); `0`, never `-0`.
pub(super) fn thousands(value: f64) -> String {
    number(rounded(value))
}

/// A value as [`thousands`] writes it, with `unit` as the text writes figures: `69%`,
/// `8,511 t`, `US$4.2 billion`.
pub(super) fn with_unit(value: f64, unit: Option<&str>) -> String {
    crate::html::figure(rounded(value), unit)
}

/// A value rounded as the drawing shows it.
fn rounded(value: f64) -> f64 {
    let tenths = (value * 10.0).round() / 10.0;
    match value.abs() {
        size if size >= 999.95 => value.round(),
        size if size >= 0.1 || size == 0.0 => tenths,
        _ => significant(value, 2),
    }
}
