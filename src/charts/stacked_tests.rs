//! Unit tests of stacked bar charts: which charts may stack, the drawing (one bar per label
//! made of its series, on an axis that holds the totals) and the table's totals.

use super::tests::{assert_well_formed, sample_chart, sources, svgs};
use super::*;

/// A bar chart's YAML with two series, stacked, of `kind`, starting on line 10.
fn stacked(kind: &str, series: usize) -> String {
    let all = [
        "  - name: China\n    values: [60, 85, 90]\n",
        "  - name: Others\n    values: [40, 15, 10]\n",
    ];
    format!(
        "type: {kind}\ntitle: Shares\nunit: \"%\"\nlabels: [Mining, Refining, Magnets]\nseries:\n{}stacked: true\nsources: [usgs]\n",
        all[..series].concat()
    )
}

fn checked(yaml: &str) -> Result<Chart, String> {
    let block = Block {
        yaml,
        file: "n.md",
        first_line: 10,
        indent: 0,
    };
    let spec = parse(&block).map_err(|d| d.to_string())?;
    let values: Vec<Vec<Option<f64>>> = spec
        .series
        .iter()
        .map(|s| {
            s.values
                .iter()
                .map(|v| match v {
                    ValueSpec::Number(n) => Some(*n),
                    ValueSpec::Claim(_) => None,
                })
                .collect()
        })
        .collect();
    check(&spec, &values, &block).map_err(|ds| {
        ds.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })
}

#[test]
fn only_bar_charts_of_several_series_stack() {
    assert!(checked(&stacked("bar", 2)).unwrap().stacked);
    assert_eq!(
        checked(&stacked("bar", 1)).unwrap_err(),
        "n.md:17:1: error[stacked-chart]: a stacked bar chart needs two or more series to stack\n  help: add the other parts of each bar as series, or remove `stacked: true`"
    );
    assert_eq!(
        checked(&stacked("line", 2)).unwrap_err(),
        "n.md:19:1: error[stacked-chart]: a line chart cannot be stacked\n  help: use `type: bar` to stack series, or remove `stacked: true`"
    );
}

/// The bars of a drawing: (x, y, height), in the order drawn.
fn bars(svg: &str) -> Vec<(f64, f64, f64)> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let num = |n: roxmltree::Node<'_, '_>, a| n.attribute(a).unwrap().parse::<f64>().unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("x").is_some())
        .filter(|n| num(*n, "height") > 20.0)
        .map(|n| (num(n, "x"), num(n, "y"), num(n, "height")))
        .collect()
}

#[test]
fn stacked_bars_stand_on_each_other_in_both_layouts_on_an_axis_of_the_totals() {
    let chart = checked(&stacked("bar", 2)).unwrap();
    let html = figure(&chart, "chart-1", &sources()).unwrap();
    for svg in svgs(&html) {
        assert_well_formed(&chart, svg, "chart-1-");
        let drawn = bars(svg);
        assert_eq!(drawn.len(), 6, "{svg}");
        for j in 0..3 {
            let (china, others) = (drawn[j], drawn[j + 3]);
            assert_eq!(china.0, others.0, "one bar per label");
            assert!(
                (others.1 + others.2 - china.1).abs() < 0.2,
                "Others sits on China"
            );
        }
        // every total is 100: the three bars are as tall as each other
        let total = |j: usize| drawn[j].2 + drawn[j + 3].2;
        assert!((total(0) - total(2)).abs() < 0.2);
        assert!(svg.contains(">\n100%\n<"), "the axis reaches the totals");
    }
    assert!(html.contains("<th scope=\"col\">Total (%)</th>"));
    assert!(
        html.contains("<tr><th scope=\"row\">Magnets</th><td>90</td><td>10</td><td>100</td></tr>")
    );
    assert!(describe(&chart).starts_with("Stacked bar chart, 2 series over 3 bars."));
}

#[test]
fn a_tall_stack_raises_the_axis_past_every_single_value() {
    let mut chart = sample_chart(Kind::Bar);
    chart.stacked = true;
    // Exports reach 8,511 and the average 4,846: their stack reaches 13,357
    let html = figure(&chart, "chart-2", &sources()).unwrap();
    for svg in svgs(&html) {
        assert!(
            svg.contains(">\n15,000\n<") || svg.contains(">\n14,000\n<"),
            "{svg}"
        );
    }
}
