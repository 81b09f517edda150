//! The value axis of a bar or line chart: round steps from zero, or from below zero for
//! negative values, set as bounds charts-rs takes as they are, and the numbers it shows.

use charts_rs::{Color, YAxisConfig};

use super::Chart;
use super::draw::{Layout, font};
use super::labels::significant;
use crate::html::number;

/// The value axis: round steps from zero, or from below zero when values are negative (`%` on
/// 0–100 when it fits), numbers with thousands separators, `%` after percentages.
pub(super) fn value_axis(chart: &Chart, layout: Layout) -> YAxisConfig {
    let (scale, percent) = scale_of(chart);
    let (lo, hi) = extremes(chart);
    // charts-rs takes a bound only when it lies beyond every value drawn; otherwise it rounds
    // the axis itself, in 32-bit integers that overflow above about 10^10. So a bound that
    // meets a value (as a 32-bit float) is moved the smallest step further out.
    let (lo, hi) = (lo as f32, hi as f32);
    let top = if (scale.top as f32) > hi {
        scale.top as f32
    } else {
        next_up(hi)
    };
    let bottom = (scale.bottom < 0.0).then(|| {
        if (scale.bottom as f32) < lo {
            scale.bottom as f32
        } else {
            -next_up(-lo)
        }
    });
    YAxisConfig {
        font: font(layout.font()),
        stroke_color: Color::transparent(),
        split_number: scale.splits,
        name_gap: 4.0,
        formatter: Some(if percent { "{c}%" } else { "{t}" }.to_string()),
        min: bottom,
        max: Some(top),
        ..Default::default()
    }
}

/// The value axis of `chart`, and whether it is of percentages.
fn scale_of(chart: &Chart) -> (Scale, bool) {
    let percent = chart.unit.as_deref() == Some("%");
    let (lo, hi) = extremes(chart);
    let scale = if percent && lo >= 0.0 && hi <= 100.0 {
        Scale {
            bottom: 0.0,
            top: 100.0,
            splits: 5,
        }
    } else {
        nice_scale(lo, hi)
    };
    (scale, percent)
}

/// The lowest and the highest height the axis holds, with 0 between them.
fn extremes(chart: &Chart) -> (f64, f64) {
    let heights = chart.heights().into_iter();
    heights.fold((0.0, 0.0), |(lo, hi), v| (f64::min(lo, v), f64::max(hi, v)))
}

/// The numbers of the value axis, top first, as the drawing shows them.
pub(super) fn axis_ticks(chart: &Chart) -> Vec<String> {
    let (scale, percent) = scale_of(chart);
    let step = (scale.top - scale.bottom) / scale.splits.max(1) as f64;
    let unit = if percent { "%" } else { "" };
    (0..=scale.splits)
        .rev()
        // Each is a multiple of the step (1, 2, 2.5 or 5 times a power of ten) by at most 7:
        // three significant digits are exact.
        .map(|i| {
            format!(
                "{}{unit}",
                number(significant(scale.bottom + i as f64 * step, 3))
            )
        })
        .collect()
}

/// A value axis: from `bottom` to `top` in `splits` equal steps.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Scale {
    /// The lowest number: 0, or below the lowest value.
    bottom: f64,
    /// The highest number: above the highest value, or 0.
    top: f64,
    /// How many steps lead from `bottom` to `top`.
    splits: usize,
}

/// Round bounds for an axis that holds 0, `lo` (≤ 0) and `hi` (≥ 0), each strictly beyond the
/// values it bounds (0 excepted), with steps of 1, 2, 2.5 or 5 times a power of ten: the
/// smallest step that needs at most five of them (six across zero), else ten times the power.
fn nice_scale(lo: f64, hi: f64) -> Scale {
    let span = hi - lo;
    if span <= 0.0 || !span.is_finite() {
        return Scale {
            bottom: 0.0,
            top: 1.0,
            splits: 1,
        };
    }
    let magnitude = 10f64.powf((span / 5.0).log10().floor());
    let scale = |step: f64| {
        let bottom = if lo < 0.0 {
            ((lo / step).ceil() - 1.0) * step
        } else {
            0.0
        };
        let top = if hi > 0.0 {
            ((hi / step).floor() + 1.0) * step
        } else {
            0.0
        };
        let splits = ((top - bottom) / step).round() as usize;
        Scale {
            bottom,
            top,
            splits,
        }
    };
    [1.0, 2.0, 2.5, 5.0]
        .iter()
        .map(|m| scale(m * magnitude))
        .find(|s| s.splits <= if lo < 0.0 { 6 } else { 5 })
        .unwrap_or_else(|| scale(10.0 * magnitude))
}

/// The smallest 32-bit float above `x` (`f32::next_up`, which needs Rust 1.86).
fn next_up(x: f32) -> f32 {
    match x {
        x if x.is_nan() || x == f32::INFINITY => x,
        0.0 => f32::from_bits(1),
        x if x > 0.0 => f32::from_bits(x.to_bits() + 1),
        x => f32::from_bits(x.to_bits() - 1),
    }
}
