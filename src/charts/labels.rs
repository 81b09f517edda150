//! The numbers a drawing shows, written by dossier. charts-rs draws in 32-bit floats and
//! prints what it drew: above 2^24 (16.7 million) its labels show the rounding (an axis step
//! of 2.5 × 10^14 printed as `249,999,992,782,848`), and it prints `-0`. So the value labels
//! are replaced by the values as written, in the order charts-rs writes them, and the other
//! numbers (the value axis) are rounded to the seven significant digits a 32-bit float
//! holds, which gives back the round steps they are.

use super::draw::thousands;

/// What the numbers of a drawing say, in the order charts-rs writes them.
pub(super) struct Labels<'v> {
    /// The font size of the value labels, which no other text of the drawing has.
    pub size: f32,
    /// The value labels; `None` for a pie, whose labels are names and shares.
    pub values: Option<&'v [String]>,
    /// The value axis's numbers, top first; empty when the axis shows none.
    pub ticks: &'v [String],
}

/// `svg` (charts-rs's output) with its numbers written by dossier: the `<text>` elements in
/// `labels.size` replaced by `labels.values` in order, the other `<text>` elements that are
/// numbers (not one of `keep`, the chart's own labels and names, which are never changed)
/// by `labels.ticks`. Should charts-rs write another number of either than expected, those
/// are rounded to six significant digits instead.
pub(super) fn relabel(svg: &str, labels: &Labels<'_>, keep: &[String]) -> String {
    let is_value = |t: &Text| labels.values.is_some() && t.size == Some(labels.size);
    let is_tick = |t: &Text| {
        let content = svg[t.content.clone()].trim();
        !is_value(t) && !keep.iter().any(|k| k.trim() == content) && axis_number(content).is_some()
    };
    let values = labels.values.unwrap_or_default();
    let mut values = (texts(svg).filter(is_value).count() == values.len()).then(|| values.iter());
    let mut ticks =
        (texts(svg).filter(is_tick).count() == labels.ticks.len()).then(|| labels.ticks.iter());
    let mut out = String::with_capacity(svg.len());
    let mut done = 0;
    for text in texts(svg) {
        let content = &svg[text.content.clone()];
        let new = if is_value(&text) {
            values
                .as_mut()
                .map_or_else(|| axis_number(content.trim()), |v| v.next().cloned())
        } else if is_tick(&text) {
            ticks
                .as_mut()
                .map_or_else(|| axis_number(content.trim()), |t| t.next().cloned())
        } else {
            None
        };
        if let Some(new) = new {
            // The text alone is replaced: the line breaks around it stay.
            let start = text.content.start + (content.len() - content.trim_start().len());
            out.push_str(&svg[done..start]);
            out.push_str(&new);
            done = start + content.trim().len();
        }
    }
    out.push_str(&svg[done..]);
    out
}

/// One `<text>` element of a drawing.
struct Text {
    /// Its `font-size`, when it has one that is a number.
    size: Option<f32>,
    /// Where its content is, between `>` and `</text>`.
    content: std::ops::Range<usize>,
}

/// The `<text>` elements of `svg`, in order.
fn texts(svg: &str) -> impl Iterator<Item = Text> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        let start = from + svg.get(from..)?.find("<text ")?;
        let open_end = start + svg[start..].find('>')?;
        let end = open_end + svg[open_end..].find("</text>")?;
        from = end;
        let tag = &svg[start..open_end];
        let size = tag
            .split_once(" font-size=\"")
            .and_then(|(_, rest)| rest.split('"').next())
            .and_then(|v| v.parse().ok());
        Some(Text {
            size,
            content: open_end + 1..end,
        })
    })
}

/// A number as charts-rs writes one (`12,500`, `-0`, `2.5`, `40%`), rounded to six
/// significant digits and written again; `None` for any other text.
fn axis_number(text: &str) -> Option<String> {
    let (digits, percent) = match text.strip_suffix('%') {
        Some(d) => (d, "%"),
        None => (text, ""),
    };
    let plain = digits.strip_prefix('-').unwrap_or(digits);
    let numeric = plain.starts_with(|c: char| c.is_ascii_digit())
        && plain
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.');
    if !numeric {
        return None;
    }
    let value: f64 = digits.replace(',', "").parse().ok()?;
    Some(format!("{}{percent}", thousands(significant(value, 6))))
}

/// `value` rounded to `digits` significant digits.
pub(super) fn significant(value: f64, digits: i32) -> f64 {
    if value == 0.0 || !value.is_finite() {
        return value;
    }
    // Powers of ten from 1 up are exact; their inverses are not: divide by those.
    let exponent = digits - 1 - value.abs().log10().floor() as i32;
    if exponent >= 0 {
        let scale = 10f64.powi(exponent);
        (value * scale).round() / scale
    } else {
        let scale = 10f64.powi(-exponent);
        (value / scale).round() * scale
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_lose_the_noise_of_32_bit_floats() {
        assert_eq!(
            axis_number("249,999,992,782,848").unwrap(),
            "250,000,000,000,000"
        );
        assert_eq!(
            axis_number("750,000,100,000,000").unwrap(),
            "750,000,000,000,000"
        );
        assert_eq!(axis_number("-0").unwrap(), "0");
        assert_eq!(axis_number("-0%").unwrap(), "0%");
        assert_eq!(axis_number("2.5").unwrap(), "2.5");
        assert_eq!(axis_number("-1,250").unwrap(), "-1,250");
        assert_eq!(axis_number("40%").unwrap(), "40%");
        for text in ["Mining", "1.5k", "", "-", "2024–25", "a1", "L0: 33.3%"] {
            assert_eq!(axis_number(text), None, "{text}");
        }
    }

    const SVG: &str = "<text font-size=\"13\">\n2024\n</text><text font-size=\"13\">\n100\n</text>\
        <text font-size=\"13\">\n-0\n</text><text font-size=\"12\" dx=\"3\">\n8,118,836,224\n</text>\
        <text font-size=\"12\" dx=\"3\">\n-0\n</text>";

    fn strings(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn values_and_ticks_are_replaced_in_order_and_kept_text_is_untouched() {
        let (values, ticks) = (strings(&["8,118,835,999", "0"]), strings(&["100", "0"]));
        let labels = Labels {
            size: 12.0,
            values: Some(&values),
            ticks: &ticks,
        };
        assert_eq!(
            relabel(SVG, &labels, &strings(&["2024"])),
            SVG.replace("8,118,836,224", "8,118,835,999")
                .replace("-0", "0")
        );
    }

    #[test]
    fn numbers_that_do_not_match_in_count_are_rounded() {
        let (values, ticks) = (strings(&["1"]), strings(&["1"]));
        let labels = Labels {
            size: 12.0,
            values: Some(&values),
            ticks: &ticks,
        };
        let out = relabel(SVG, &labels, &strings(&["2024"]));
        assert_eq!(
            out,
            SVG.replace("8,118,836,224", "8,118,840,000")
                .replace("-0", "0")
        );
    }
}
