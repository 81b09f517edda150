//! Where the value labels of upright bars and line points sit. charts-rs centres a label
//! by shifting it half the width of the number it drew; the labels dossier writes are other
//! texts (with the unit), so they are centred by the text's own anchor instead. On a line,
//! a label goes where the line is not: above a peak, below a trough, and beside the point,
//! on the side away from the line, where the line climbs or falls through it.

use super::{Chart, Kind};

/// Where a label sits against its point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Spot {
    /// Centred above the point (a bar's top, a peak, a flat stretch).
    Above,
    /// Centred below the point (a trough).
    Below,
    /// Above and to the left: the line climbs through the point.
    AboveLeft,
    /// Above and to the right: the line falls through the point.
    AboveRight,
}

/// `svg`, drawn as `kind`, with its value labels (the `<text>` elements of font size `size`)
/// placed: centred on upright bars, clear of the line on a line chart. A label goes beside
/// its point when `beside` (there is room for two labels between points), or when the
/// neighbour on that side is far below, its label out of the way. Horizontal bars and pies
/// are left as they are.
pub(super) fn place_values(
    svg: &str,
    chart: &Chart,
    kind: Kind,
    size: f32,
    beside: bool,
) -> String {
    let spots: Vec<Spot> = match kind {
        Kind::Bar => vec![Spot::Above; chart.labels.len()],
        Kind::Line => match chart.series.first() {
            Some(first) => {
                let others: Vec<&[f64]> =
                    chart.series.iter().skip(1).map(|s| &s.values[..]).collect();
                let spots = clear_of(spots(&first.values), &first.values, &others);
                narrowed(spots, &first.values, beside)
            }
            None => Vec::new(),
        },
        Kind::HorizontalBar | Kind::Pie => return svg.to_string(),
    };
    let needle = format!("<text font-size=\"{size}\" ");
    let mut out = String::with_capacity(svg.len() + 64);
    let mut rest = svg;
    let mut k = 0;
    while let Some(at) = rest.find(&needle) {
        let end = at + rest[at..].find('>').unwrap_or(rest.len() - at);
        out.push_str(&rest[..at]);
        let tag = &rest[at..end];
        match spots.get(k) {
            Some(&spot) => out.push_str(&placed(tag, spot, size)),
            None => out.push_str(tag),
        }
        rest = &rest[end..];
        k += 1;
    }
    out.push_str(rest);
    out
}

/// Where each point's label goes, from the values around it.
pub(super) fn spots(values: &[f64]) -> Vec<Spot> {
    let top = values.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    (0..values.len())
        .map(|j| {
            let v = values[j];
            let before = j.checked_sub(1).and_then(|i| values.get(i)).copied();
            let after = values.get(j + 1).copied();
            // a point near the bottom keeps its label above, clear of the axis labels
            let low = v - values.iter().copied().fold(f64::INFINITY, f64::min) < top * 0.08
                && v.abs() < top * 0.12;
            match (before, after) {
                (Some(b), Some(a)) if b < v && v < a => Spot::AboveLeft,
                (Some(b), Some(a)) if b > v && v > a => Spot::AboveRight,
                (Some(b), Some(a)) if b > v && a > v && !low => Spot::Below,
                (None, Some(n)) | (Some(n), None) if n > v && !low => Spot::Below,
                _ => Spot::Above,
            }
        })
        .collect()
}

/// `spots` with a label moved to the other side of its point where another series' point is
/// close on the side it was given (within 12% of the largest value).
pub(super) fn clear_of(mut spots: Vec<Spot>, values: &[f64], others: &[&[f64]]) -> Vec<Spot> {
    let all = values.iter().chain(others.iter().flat_map(|o| o.iter()));
    let near = all.fold(0.0f64, |m, v| m.max(v.abs())) * 0.12;
    for (j, spot) in spots.iter_mut().enumerate() {
        let v = values[j];
        let at_j = || others.iter().filter_map(|o| o.get(j).copied());
        let above = at_j().any(|o| o >= v && o - v < near);
        let below = at_j().any(|o| o <= v && v - o < near);
        *spot = match *spot {
            Spot::Below if below && !above => Spot::Above,
            Spot::Above | Spot::AboveLeft | Spot::AboveRight if above && !below => Spot::Below,
            kept => kept,
        };
    }
    spots
}

/// `spots` with the labels beside their points centred above them instead, unless `beside`
/// or the neighbour on that side is lower by more than a quarter of the largest value.
fn narrowed(spots: Vec<Spot>, values: &[f64], beside: bool) -> Vec<Spot> {
    if beside {
        return spots;
    }
    let far = values.iter().fold(0.0f64, |m, v| m.max(v.abs())) * 0.25;
    let below =
        |j: Option<usize>, v: f64| j.and_then(|j| values.get(j)).is_some_and(|&n| v - n > far);
    (spots.into_iter().enumerate())
        .map(|(j, spot)| match spot {
            Spot::AboveLeft if !below(j.checked_sub(1), values[j]) => Spot::Above,
            Spot::AboveRight if !below(Some(j + 1), values[j]) => Spot::Above,
            kept => kept,
        })
        .collect()
}

/// A value label's tag (`<text …`, without its `>`) with charts-rs's shift replaced by the
/// placement of `spot`.
fn placed(tag: &str, spot: Spot, size: f32) -> String {
    let without = drop_attr(&drop_attr(tag, "dx"), "dy");
    let (anchor, dx, dy) = match spot {
        Spot::Above => ("middle", 0.0, -8.0),
        Spot::Below => ("middle", 0.0, size + 6.0),
        Spot::AboveLeft => ("end", -6.0, -6.0),
        Spot::AboveRight => ("start", 6.0, -6.0),
    };
    let dx = match dx == 0.0 {
        true => String::new(),
        false => format!(" dx=\"{dx}\""),
    };
    without.replacen(
        "<text ",
        &format!("<text text-anchor=\"{anchor}\"{dx} dy=\"{dy}\" "),
        1,
    )
}

/// `tag` without its attribute `name`.
fn drop_attr(tag: &str, name: &str) -> String {
    let key = format!(" {name}=\"");
    let Some(at) = tag.find(&key) else {
        return tag.to_string();
    };
    let value = at + key.len();
    match tag[value..].find('"') {
        Some(q) => format!("{}{}", &tag[..at], &tag[value + q + 1..]),
        None => tag.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_go_where_the_line_is_not() {
        // the sample's magnet exports: a fall, a trough, a climb, a peak, a fall
        let values = [2628.0, 1238.0, 3188.0, 5578.0, 6146.0, 5774.0, 5473.0];
        use Spot::*;
        assert_eq!(
            spots(&values),
            [Above, Below, AboveLeft, AboveLeft, Above, AboveRight, Below]
        );
        // the lowest point near the axis keeps its label above it
        assert_eq!(spots(&[50.0, 0.0, 60.0]), [Above, Above, Above]);
        assert_eq!(spots(&[5.0, 5.0, 5.0]), [Above, Above, Above]);
        assert_eq!(spots(&[4.0, 9.0]), [Below, Above]);
    }

    #[test]
    fn on_a_phone_a_label_goes_beside_its_point_only_when_its_neighbour_is_far_below() {
        use Spot::*;
        let values = [2628.0, 1238.0, 3188.0, 5578.0, 6146.0, 5774.0, 5473.0];
        assert_eq!(
            narrowed(spots(&values), &values, false),
            [Above, Below, AboveLeft, AboveLeft, Above, Above, Below]
        );
        assert_eq!(narrowed(spots(&values), &values, true), spots(&values));
    }

    #[test]
    fn a_label_leaves_the_side_where_another_line_passes() {
        use Spot::*;
        let values = [2628.0, 1238.0, 5473.0];
        let average = [4846.0, 4846.0, 4846.0];
        let given = spots(&values);
        assert_eq!(given, [Above, Below, Above]);
        // the last point is above the average, close to it: its label stays above; a label
        // above a point just under another line goes below it
        assert_eq!(
            clear_of(vec![Below, Below, Below], &values, &[&average]),
            [Below, Below, Above]
        );
        assert_eq!(
            clear_of(vec![Above; 3], &[4500.0, 1000.0, 100.0], &[&average]),
            [Below, Above, Above]
        );
    }

    #[test]
    fn a_label_is_anchored_instead_of_shifted() {
        let svg = "<g><text font-size=\"12\" x=\"88.5\" y=\"226.2\" dx=\"-15.5\" dy=\"-8\" fill=\"#6B7280\">\n2,628 t\n</text>\
            <text font-size=\"13\" x=\"3\" y=\"5\">\nApr\n</text></g>";
        let mut chart = super::super::tests::sample_chart(Kind::Line);
        chart.series[0].values = vec![3.0, 1.0, 2.0];
        let out = place_values(svg, &chart, Kind::Line, 12.0, true);
        assert_eq!(
            out,
            "<g><text text-anchor=\"middle\" dy=\"-8\" font-size=\"12\" x=\"88.5\" y=\"226.2\" fill=\"#6B7280\">\n2,628 t\n</text>\
            <text font-size=\"13\" x=\"3\" y=\"5\">\nApr\n</text></g>"
        );
        assert_eq!(place_values(svg, &chart, Kind::Pie, 12.0, true), svg);
    }
}
