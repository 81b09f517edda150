//! What dossier changes in charts-rs's SVG after drawing, besides the numbers
//! ([`labels`](super::labels)): estimated values are marked, bars and slices hatched and
//! points hollow (charts-rs has no per-point marks of that kind); then the `data-*`
//! attributes charts-rs puts on every bar and slice for scripts are dropped (the page has no
//! chart scripts, and they hold the values as 32-bit floats, `8118836224` for 8,118,835,999).
//!
//! charts-rs writes one element per bar or slice, carrying `data-series`, series by series
//! and point by point (a horizontal bar chart's points bottom up), and the markers of each
//! line in a group of their own after its path: that order is what finds an estimate's mark.

use super::{Chart, Kind};

/// The class of a hollow point; the stylesheet fills it with the page's background.
pub(super) const HOLLOW: &str = "chart-hollow";

/// `svg`, drawn as `kind`, with the estimated values of `chart` marked. The patterns of the
/// hatching get ids that start with `prefix`.
pub(super) fn mark_estimated(svg: &str, chart: &Chart, kind: Kind, prefix: &str) -> String {
    if !chart.series.iter().any(super::Series::has_marks) {
        return svg.to_string();
    }
    match kind {
        Kind::Line => hollow_points(svg, chart),
        Kind::Bar | Kind::HorizontalBar | Kind::Pie => hatch(svg, &hatched(chart, kind), prefix),
    }
}

/// For each bar or slice in the order charts-rs writes them, whether it is an estimate.
fn hatched(chart: &Chart, kind: Kind) -> Vec<bool> {
    let n = chart.labels.len();
    match kind {
        Kind::Pie => chart
            .series
            .first()
            .map_or(Vec::new(), |s| (0..n).map(|j| s.is_marked(j)).collect()),
        Kind::HorizontalBar => chart
            .series
            .iter()
            .flat_map(|s| (0..n).rev().map(|j| s.is_marked(j)))
            .collect(),
        Kind::Bar | Kind::Line => chart
            .series
            .iter()
            .flat_map(|s| (0..n).map(|j| s.is_marked(j)))
            .collect(),
    }
}

/// `svg` with the bars or slices flagged in `which` filled with a hatching of their colour
/// and outlined in it; one pattern per colour, defined first.
fn hatch(svg: &str, which: &[bool], prefix: &str) -> String {
    let mut out = String::with_capacity(svg.len() + 512);
    let mut colours: Vec<String> = Vec::new();
    let mut rest = svg;
    let mut k = 0;
    while let Some(at) = rest.find(" data-series=\"") {
        let start = rest[..at].rfind('<').unwrap_or(0);
        out.push_str(&rest[..start]);
        let end = at + rest[at..].find('>').unwrap_or(rest.len() - at);
        let tag = &rest[start..end];
        match fill_of(tag).filter(|_| which.get(k) == Some(&true)) {
            Some(colour) => {
                let id = format!("{prefix}-hatch-{}", colour.trim_start_matches('#'));
                let filled =
                    format!("fill=\"url(#{id})\" stroke=\"{colour}\" stroke-width=\"1.5\"");
                out.push_str(&tag.replacen(&format!("fill=\"{colour}\""), &filled, 1));
                if !colours.contains(&colour) {
                    colours.push(colour);
                }
            }
            None => out.push_str(tag),
        }
        rest = &rest[end..];
        k += 1;
    }
    out.push_str(rest);
    // the patterns go first inside the root `<svg>`
    let root_end = out.find('>').map_or(0, |e| e + 1);
    out.insert_str(root_end, &patterns(&colours, prefix));
    out
}

/// The `fill` colour of a tag, when it is a `#` colour.
fn fill_of(tag: &str) -> Option<String> {
    let value = tag.split_once(" fill=\"")?.1.split('"').next()?;
    value.starts_with('#').then(|| value.to_string())
}

/// The hatching patterns, one per colour: diagonal stripes on a light wash of it.
fn patterns(colours: &[String], prefix: &str) -> String {
    if colours.is_empty() {
        return String::new();
    }
    let mut defs = String::from("\n<defs>");
    for c in colours {
        defs.push('\n');
        let id = format!("{prefix}-hatch-{}", c.trim_start_matches('#'));
        defs.push_str(&format!(
            "<pattern id=\"{id}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"{c}\" fill-opacity=\"0.2\"/><rect width=\"2.5\" height=\"6\" fill=\"{c}\"/></pattern>"
        ));
    }
    defs.push_str("</defs>");
    defs
}

/// `svg` with the markers of estimated points hollow and larger: the i-th group of markers
/// is series i's, its j-th circle point j.
fn hollow_points(svg: &str, chart: &Chart) -> String {
    let mut out = String::with_capacity(svg.len() + 256);
    let mut rest = svg;
    for series in &chart.series {
        let Some(group) = rest.find("<g stroke-width=").filter(|&g| {
            rest[g..]
                .split_once('>')
                .is_some_and(|(_, after)| after.starts_with("\n<circle"))
        }) else {
            break;
        };
        let end = group + rest[group..].find("</g>").unwrap_or(rest.len() - group);
        out.push_str(&rest[..group]);
        out.push_str(&hollow_in_group(&rest[group..end], series));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// One group of markers with the estimated ones of `series` hollow.
fn hollow_in_group(group: &str, series: &super::Series) -> String {
    let mut j = 0;
    group
        .split_inclusive('\n')
        .map(|line| {
            if !line.starts_with("<circle ") {
                return line.to_string();
            }
            let marked = series.is_marked(j);
            j += 1;
            if !marked {
                return line.to_string();
            }
            let circle = line.replacen("<circle ", &format!("<circle class=\"{HOLLOW}\" "), 1);
            let r = circle
                .split_once(" r=\"")
                .and_then(|(_, v)| v.split('"').next());
            match r {
                Some(r) => {
                    circle.replacen(&format!(" r=\"{r}\""), " r=\"4.5\" fill=\"#FFFFFF\"", 1)
                }
                None => circle,
            }
        })
        .collect()
}

/// `svg` without its `data-*` attributes; text between tags is kept as it is.
pub(super) fn without_data(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>').map(|c| open + c) else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&tag_without_data(&rest[open..close]));
        out.push('>');
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// A tag (`<rect …`, without its `>`) without its `data-*` attributes. Attribute values are
/// escaped, so a `"` ends one.
fn tag_without_data(tag: &str) -> String {
    let mut out = String::with_capacity(tag.len());
    let mut rest = tag;
    while let Some(at) = rest.find(" data-") {
        out.push_str(&rest[..at]);
        let value = rest[at..].find("=\"").map(|eq| at + eq + 2);
        let end = value.and_then(|v| rest[v..].find('"').map(|q| v + q + 1));
        let Some(end) = end else {
            out.push_str(&rest[at..]);
            return out;
        };
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::{assert_well_formed, sample_chart, sources, svgs};
    use super::super::{Layout, PALETTE, figure};
    use super::*;

    /// The sample chart of `kind` (one series for a pie) with April, its third label,
    /// estimated in the first series.
    fn april_estimated(kind: Kind) -> Chart {
        let mut chart = sample_chart(kind);
        if kind == Kind::Pie {
            chart.series.truncate(1);
        }
        chart.series[0].estimated = vec![2];
        chart
    }

    /// The length of each hatched bar of the first series as a share of its longest bar
    /// (height, or width for horizontal bars): which value is hatched, whatever the order.
    fn hatched_shares(svg: &str, horizontal: bool) -> Vec<f64> {
        let doc = roxmltree::Document::parse(svg).unwrap();
        let size = |n: roxmltree::Node<'_, '_>| {
            let v = n.attribute(if horizontal { "width" } else { "height" });
            v.and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0)
        };
        let bars: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("rect"))
            .filter(|n| !n.ancestors().any(|a| a.has_tag_name("pattern")))
            .filter(|n| {
                n.attribute("fill") == Some(PALETTE[0]) || n.attribute("stroke") == Some(PALETTE[0])
            })
            .collect();
        let longest = bars.iter().map(|&n| size(n)).fold(0.0, f64::max);
        let hatched = bars
            .iter()
            .filter(|n| n.attribute("fill").is_some_and(|f| f.starts_with("url(#")));
        hatched
            .map(|&n| (size(n) / longest * 100.0).round() / 100.0)
            .collect()
    }

    #[test]
    fn an_estimated_bar_is_hatched_in_both_layouts_and_no_other_is() {
        let chart = april_estimated(Kind::Bar);
        let html = figure(&chart, "chart-3", &sources()).unwrap();
        for (svg, layout) in svgs(&html).into_iter().zip(Layout::ALL) {
            assert_well_formed(&chart, svg, "chart-3-");
            // April, 4,784.8 of the longest 8,511; the narrow layout draws these long labels
            // as horizontal bars
            let shares = hatched_shares(svg, layout == Layout::Narrow);
            assert_eq!(shares, [0.56], "{layout:?}");
            let id = format!("chart-3-{}-hatch-{}", layout.name(), &PALETTE[0][1..]);
            assert!(svg.contains(&format!("<pattern id=\"{id}\"")), "{svg}");
            assert!(svg.contains(&format!("fill=\"url(#{id})\"")));
            assert!(!svg.contains(" data-"));
        }
    }

    #[test]
    fn an_estimated_slice_is_hatched() {
        let chart = april_estimated(Kind::Pie);
        let html = figure(&chart, "chart-4", &sources()).unwrap();
        for svg in svgs(&html) {
            assert_well_formed(&chart, svg, "chart-4-");
            assert_eq!(svg.matches("fill=\"url(#").count(), 1, "{svg}");
            assert_eq!(svg.matches("<pattern ").count(), 1);
        }
    }

    #[test]
    fn an_estimated_point_is_hollow_and_the_others_solid() {
        let chart = april_estimated(Kind::Line);
        let html = figure(&chart, "chart-5", &sources()).unwrap();
        for svg in svgs(&html) {
            let doc = roxmltree::Document::parse(svg).unwrap();
            let points: Vec<_> = doc
                .descendants()
                .filter(|n| {
                    n.has_tag_name("circle")
                        && n.parent().and_then(|p| p.attribute("stroke")) == Some(PALETTE[0])
                })
                .collect();
            assert_eq!(points.len(), 3, "{svg}");
            let hollow: Vec<bool> = points
                .iter()
                .map(|c| c.attribute("class") == Some(HOLLOW))
                .collect();
            assert_eq!(hollow, [false, false, true]);
            assert!(points[0].parent().unwrap().attribute("fill") == Some(PALETTE[0]));
            assert_eq!(svg.matches(HOLLOW).count(), 1);
        }
    }

    #[test]
    fn the_key_the_table_and_the_description_name_the_estimates() {
        let mut chart = april_estimated(Kind::Bar);
        chart.series[1].estimated = vec![0, 1];
        let html = figure(&chart, "chart-6", &sources()).unwrap();
        assert!(html.contains("<p class=\"chart-key\">Hatched bars are estimates, not reported figures: Exports: April; Average: January–February combined, March.</p>"), "{html}");
        assert_eq!(html.matches("(estimated)</span></td>").count(), 3);
        assert!(
            html.contains("<td>4,784.8 <span class=\"chart-estimated\">(estimated)</span></td>")
        );
        assert!(html.contains(
            "Estimated: Exports: April; Average: January–February combined, March.</desc>"
        ));
        let line = april_estimated(Kind::Line);
        let html = figure(&line, "chart-7", &sources()).unwrap();
        assert!(
            html.contains(
                ">Hollow points are estimates, not reported figures: Exports: April.</p>"
            )
        );
    }

    #[test]
    fn a_chart_without_estimates_has_no_marks_of_them() {
        for kind in Kind::ALL {
            let html = figure(&sample_chart(kind), "chart-8", &sources()).unwrap();
            for needle in [
                "<pattern",
                "url(#",
                HOLLOW,
                "chart-key",
                "(estimated)",
                "Estimated:",
            ] {
                assert!(!html.contains(needle), "{kind:?}: {needle}");
            }
        }
    }

    #[test]
    fn data_attributes_are_dropped_and_the_rest_is_kept() {
        let svg = "<rect x=\"1\" fill=\"#3B82F6\" data-series=\"A &amp; B\" data-value=\"8118836224\"/>\n<text> data-x=\"y\"</text>";
        assert_eq!(
            without_data(svg),
            "<rect x=\"1\" fill=\"#3B82F6\"/>\n<text> data-x=\"y\"</text>"
        );
        assert_eq!(without_data("<g data-broken"), "<g data-broken");
    }
}
