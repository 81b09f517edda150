//! Unit tests of what a chart says about its values besides the numbers: the name of its
//! labels' column, values marked derived (drawn as estimates are, said so in the key, the
//! table and the description), and value labels with their unit.

use super::tests::{run, sample_chart, sources, svgs};
use super::*;

/// A bar chart over `labels` (flow list), optionally with `extra` lines after `labels:`.
fn bar(labels: &str, extra: &str) -> String {
    format!(
        "type: bar\ntitle: T\nunit: \"%\"\nlabels: {labels}\n{extra}series:\n  - name: China\n    values: [69, 91]\nsources: [usgs]\n"
    )
}

#[test]
fn the_labels_column_is_named_as_written_else_by_what_the_labels_are() {
    let name = |labels: &str, extra: &str| run(&bar(labels, extra)).unwrap().label_name;
    assert_eq!(
        name("[Mining, Refining]", "label_name: \" Stage \"\n"),
        "Stage"
    );
    assert_eq!(name("[\"2023\", \"2024\"]", ""), "Year");
    assert_eq!(name("[Jan–Feb, March]", ""), "Month");
    assert_eq!(name("[Mining, Refining]", ""), "Label");
    let html = figure(
        &run(&bar("[Mining, Refining]", "label_name: Stage\n")).unwrap(),
        "c",
        &sources(),
    )
    .unwrap();
    assert!(
        html.contains("<thead><tr><th scope=\"col\">Stage</th>"),
        "{html}"
    );
}

#[test]
fn derived_values_are_marked_and_said_to_be_derived() {
    let chart = run(&bar("[Mining, Refining]", "").replace(
        "    values: [69, 91]\n",
        "    values: [69, 91]\n    derived: [Mining]\n",
    ))
    .unwrap();
    assert_eq!(chart.series[0].derived, [0]);
    let html = figure(&chart, "chart-1", &sources()).unwrap();
    assert!(html.contains("<p class=\"chart-key\">Hatched bars are derived from other figures, not reported: Mining.</p>"), "{html}");
    assert!(html.contains("<td>69 <span class=\"chart-estimated\">(derived)</span></td>"));
    assert!(html.contains("Derived from other figures: Mining.</desc>"));
    for svg in svgs(&html) {
        assert_eq!(svg.matches("fill=\"url(#").count(), 1, "{svg}");
    }
    // estimated and derived at once: both said, in the key and the cell
    let mut both = chart.clone();
    both.series[0].estimated = vec![0, 1];
    let html = figure(&both, "chart-1", &sources()).unwrap();
    assert!(html.contains(">Hatched bars are not reported figures. Estimated: Mining, Refining. Derived from other figures: Mining.</p>"), "{html}");
    assert!(
        html.contains("<td>69 <span class=\"chart-estimated\">(estimated, derived)</span></td>")
    );
}

#[test]
fn value_labels_carry_the_unit_when_it_fits() {
    let chart = run(&bar("[Mining, Refining]", "")).unwrap();
    let html = figure(&chart, "chart-1", &sources()).unwrap();
    for svg in svgs(&html) {
        assert!(svg.contains(">\n69%\n</text>"), "{svg}");
        assert!(svg.contains("text-anchor=\"middle\""));
    }
    // a line's points carry theirs too (`8,511 t`)
    let mut line = sample_chart(Kind::Line);
    line.series.truncate(1);
    let html = figure(&line, "chart-2", &sources()).unwrap();
    let [wide, _narrow] = svgs(&html)[..] else {
        panic!("two drawings")
    };
    assert!(wide.contains(">\n8,511 t\n</text>"), "{wide}");
}
