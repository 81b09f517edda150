//! The values of a chart, checked: finite, within the range a chart can show, not negative
//! where bars and slices cannot be, not all zero, no pie slice too thin to see.

use super::check::Problems;
use super::{Anchor, ChartSpec, Kind, ValueSpec};
use crate::codes::Code;
use crate::html::number;

/// The smallest pie slice that can be drawn and read, as a share of the whole.
const MIN_SLICE: f64 = 0.02;

/// The largest size of a value a chart takes: 10^15, a million billion. Every integer up to
/// it is exact in a 64-bit float (they are up to 2^53, about 9 × 10^15), so the data table
/// prints what was written; a pie's total or an axis's top of two dozen such values stays
/// far inside what the 32-bit floats charts-rs draws with can hold (about 3 × 10^38); and a
/// label is at most 25 characters wide (`1,000,000,000,000,000` and a unit).
pub const MAX_VALUE: f64 = 1e15;

/// The smallest size of a value other than 0 a chart takes: 10^-6, a millionth. Much smaller
/// values vanish in 32-bit floats (a chart of them draws nothing, or divides by zero), and a
/// label of more than six decimals is not read.
pub const MIN_VALUE: f64 = 1e-6;

/// Every value finite and within [`MIN_VALUE`]–[`MAX_VALUE`] in size; no negative bars or
/// slices; something to draw; no sliver slices.
pub(super) fn check_values(
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
        problems.add(Code::EmptyChart, Anchor::Key("series"), message, help);
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
        problems.add(Code::BadValue, Anchor::Value(i, j), message, help);
        return false;
    }
    if let Some((message, help)) = out_of_range(spec, (i, name), (j, v)) {
        problems.add(Code::ValueOutOfRange, Anchor::Value(i, j), message, help);
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
    problems.add(Code::NegativeValue, Anchor::Value(i, j), message, help);
    false
}

/// What is wrong with a finite value too large or too small to chart, if it is.
fn out_of_range(
    spec: &ChartSpec,
    (i, name): (usize, &str),
    (j, v): (usize, f64),
) -> Option<(String, &'static str)> {
    let size = v.abs();
    let (what, help) = if size > MAX_VALUE {
        (
            "larger than a chart can show (at most 1e15 in size)",
            "write the values in a larger unit (e.g. `unit: billion t` and 1.2 for 1,200,000,000 t), so that none is over 1e15 (a million billion)",
        )
    } else if size < MIN_VALUE && size > 0.0 {
        (
            "smaller than a chart can show (0, or at least 1e-6 in size)",
            "write the values in a smaller unit (e.g. `unit: mg` instead of kg), so that each is 0 or at least 0.000001",
        )
    } else {
        return None;
    };
    let from = match spec.series.get(i).and_then(|s| s.values.get(j)) {
        Some(ValueSpec::Claim(id)) => format!(" (the figure of the claim `{id}`)"),
        _ => String::new(),
    };
    let message = format!(
        "value {} of the series `{}`{from} is {v:e}, {what}",
        j + 1,
        name.trim()
    );
    Some((message, help))
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
            problems.add(Code::SliceTooSmall, Anchor::Value(0, j), message, help);
        }
    }
}
