//! Unit tests of values at the edges of what a chart takes: refused beyond
//! [`MAX_VALUE`](super::values::MAX_VALUE) and under [`MIN_VALUE`](super::values::MIN_VALUE)
//! at the value, and drawn with finite, non-negative geometry and exact labels up to them.

use super::tests::{assert_well_formed, sample_chart};
use super::values::{MAX_VALUE, MIN_VALUE};
use super::*;
use crate::diagnostics::Diagnostic;

/// A chart of `kind` with one series per row of `values` and labels `L0`, `L1`, ….
fn chart_of(kind: Kind, values: &[&[f64]]) -> Chart {
    let mut chart = sample_chart(kind);
    chart.series = values
        .iter()
        .enumerate()
        .map(|(i, v)| Series {
            name: format!("S{i}"),
            values: v.to_vec(),
            estimated: Vec::new(),
            derived: Vec::new(),
        })
        .collect();
    chart.labels = (0..values[0].len()).map(|j| format!("L{j}")).collect();
    chart
}

/// The texts of an SVG's elements, trimmed, empty ones left out.
fn texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text().map(str::trim).map(str::to_string))
        .filter(|t| !t.is_empty())
        .collect()
}

/// Checks both drawings of `chart` as every drawing must be, with every shape's position and
/// size inside the drawing, and returns their texts. (Text is left out of the bounds: a
/// pie's label can sit a little below the drawing whatever its values.)
fn drawn(chart: &Chart) -> Vec<Vec<String>> {
    Layout::ALL
        .iter()
        .map(|&layout| {
            let svg = svg(chart, layout, "c").unwrap();
            assert_well_formed(chart, &svg, "c-");
            let doc = roxmltree::Document::parse(&svg).unwrap();
            let size = |name| {
                doc.root_element()
                    .attribute(name)
                    .unwrap()
                    .parse::<f64>()
                    .unwrap()
            };
            let (w, h) = (size("width"), size("height"));
            for node in doc
                .descendants()
                .filter(|n| n.is_element() && !n.has_tag_name("text"))
            {
                for (name, limit) in [("x", w), ("x1", w), ("x2", w), ("cx", w), ("width", w)]
                    .into_iter()
                    .chain([("y", h), ("y1", h), ("y2", h), ("cy", h), ("height", h)])
                {
                    if let Some(v) = node.attribute(name) {
                        let v: f64 = v.parse().unwrap();
                        assert!((0.0..=limit).contains(&v), "{name}={v} in {w}×{h}: {svg}");
                    }
                }
            }
            texts(&svg)
        })
        .collect()
}

#[test]
fn the_largest_and_smallest_values_draw_inside_the_drawing() {
    let (big, small) = (MAX_VALUE, MIN_VALUE);
    for kind in [Kind::Bar, Kind::HorizontalBar, Kind::Line] {
        for values in [
            &[big, big / 2.0, 0.0][..],
            &[small, small / 2.0 + small, 0.0],
            &[big, small, 8_118_835_999.0],
        ] {
            drawn(&chart_of(kind, &[values, values]));
            drawn(&chart_of(kind, &[values]));
        }
    }
    drawn(&chart_of(
        Kind::Line,
        &[&[-big, big, -small], &[0.0, -0.0, small]],
    ));
    drawn(&chart_of(Kind::Pie, &[&[big, big, big]]));
    drawn(&chart_of(Kind::Pie, &[&[small, small, small]]));
}

#[test]
fn labels_show_the_values_as_written_not_as_drawn_in_32_bits() {
    let chart = chart_of(Kind::Bar, &[&[8_118_835_999.0, MAX_VALUE, 0.25]]);
    let [wide, narrow] = &drawn(&chart)[..] else {
        panic!("two drawings")
    };
    // with the unit, as the text writes figures
    for label in ["8,118,835,999 t", "1,000,000,000,000,000 t", "0.3 t"] {
        assert!(wide.contains(&label.to_string()), "{label} in {wide:?}");
    }
    // On a phone they do not fit on their bars, and are left to the axis and the table.
    assert!(
        !narrow.iter().any(|t| t.starts_with("8,118,8")),
        "{narrow:?}"
    );
    for texts in [wide, narrow] {
        // The axis: round steps, exactly.
        for tick in ["1,250,000,000,000,000", "250,000,000,000,000", "0"] {
            assert!(texts.contains(&tick.to_string()), "{tick} in {texts:?}");
        }
    }
    // 2^24 + 1 is the first whole number a 32-bit float cannot hold.
    let chart = chart_of(Kind::Bar, &[&[16_777_217.0, 8.0]]);
    for texts in drawn(&chart) {
        let shown = texts.iter().any(|t| t.starts_with("16,777,217"));
        assert!(shown, "{texts:?}");
    }
    let line = chart_of(Kind::Line, &[&[-MAX_VALUE, MAX_VALUE, 0.0]]);
    let texts = &drawn(&line)[0];
    for tick in [
        "-1,500,000,000,000,000",
        "-500,000,000,000,000",
        "0",
        "1,500,000,000,000,000",
    ] {
        assert!(texts.contains(&tick.to_string()), "{tick} in {texts:?}");
    }
}

#[test]
fn minus_zero_is_shown_as_zero() {
    for kind in Kind::ALL {
        let values: &[f64] = if kind == Kind::Pie {
            &[-0.0, 5.0, 5.0]
        } else {
            &[-0.0, 5.0, -0.04]
        };
        let chart = chart_of(kind, &[values]);
        let html = figure(&chart, "c", &[]).unwrap();
        let shown: Vec<String> = drawn(&chart).concat();
        assert!(!shown.iter().any(|t| t == "-0" || t == "-0%"), "{shown:?}");
        assert!(html.contains("<td>0</td>"), "{html}");
        assert!(!html.contains(">-0<") && !html.contains(" -0 "), "{html}");
    }
    // `check` makes -0 the 0 it is, for everything drawn and printed after it.
    let chart = checked(&yaml("bar", "[-0, 5, 5]"), 1.0).unwrap();
    assert!(chart.series[0].values[0].is_sign_positive());
}

/// A chart block of `kind` whose one series has `values`, starting on line 10.
fn yaml(kind: &str, values: &str) -> String {
    format!(
        "type: {kind}\ntitle: T\nlabels: [A, B, C]\nseries:\n  - name: China\n    values: {values}\nsources: [s]\n"
    )
}

/// Parses and checks `yaml`, every `claim:` value standing for `claim`.
fn checked(yaml: &str, claim: f64) -> Result<Chart, String> {
    let block = Block {
        yaml,
        file: "content/notes/n.md",
        first_line: 10,
        indent: 0,
    };
    let spec = parse(&block).map_err(|d| d.to_string())?;
    let values: Vec<Vec<Option<f64>>> = (spec.series.iter())
        .map(|s| {
            let value = |v: &ValueSpec| match v {
                ValueSpec::Number(n) => Some(*n),
                ValueSpec::Claim(_) => Some(claim),
            };
            s.values.iter().map(value).collect()
        })
        .collect();
    let problems = |all: Vec<Diagnostic>| all.iter().map(ToString::to_string).collect();
    check(&spec, &values, &block).map_err(problems)
}

#[test]
fn values_beyond_the_range_are_refused_at_the_value() {
    let large = "larger than a chart can show (at most 1e15 in size)\n  help: write the values in a larger unit (e.g. `unit: billion t` and 1.2 for 1,200,000,000 t), so that none is over 1e15 (a million billion)";
    let small = "smaller than a chart can show (0, or at least 1e-6 in size)\n  help: write the values in a smaller unit (e.g. `unit: mg` instead of kg), so that each is 0 or at least 0.000001";
    let at = "content/notes/n.md:15:17: error[value-out-of-range]: value 2 of the series `China`";
    for (kind, values, claim, message) in [
        (
            "bar",
            "[1, 1e308, 2]",
            1.0,
            format!("{at} is 1e308, {large}"),
        ),
        (
            "line",
            "[1, -2e15, 2]",
            1.0,
            format!("{at} is -2e15, {large}"),
        ),
        (
            "pie",
            "[1, 1.0000001e15, 2]",
            1.0,
            format!("{at} is 1.0000001e15, {large}"),
        ),
        (
            "horizontal-bar",
            "[1, 1e-7, 2]",
            1.0,
            format!("{at} is 1e-7, {small}"),
        ),
        (
            "bar",
            "[1, claim:huge, 2]",
            1e300,
            format!("{at} (the figure of the claim `huge`) is 1e300, {large}"),
        ),
    ] {
        assert_eq!(checked(&yaml(kind, values), claim).unwrap_err(), message);
    }
    for (kind, values) in [
        ("bar", "[1e15, 1e-6, 0]"),
        ("line", "[-1e15, -1e-6, 1e15]"),
        ("horizontal-bar", "[1000000000000000, 0.000001, 1]"),
    ] {
        assert!(checked(&yaml(kind, values), 1.0).is_ok(), "{values}");
    }
    let claim = checked(&yaml("bar", "[1, claim:x, 2]"), -1e-9).unwrap_err();
    assert!(
        claim.contains("(the figure of the claim `x`) is -1e-9, smaller"),
        "{claim}"
    );
}

#[test]
fn a_title_with_characters_xml_forbids_still_gives_well_formed_svg() {
    let mut chart = chart_of(Kind::Bar, &[&[1.0, 2.0]]);
    chart.title = "Bell\u{7} & <form feed>\u{c}".into();
    for layout in Layout::ALL {
        let svg = svg(&chart, layout, "c").unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
        let title = doc.descendants().find(|n| n.has_tag_name("title"));
        assert_eq!(
            title.and_then(|t| t.text()),
            Some("Bell\u{FFFD} & <form feed>\u{FFFD}")
        );
    }
}
