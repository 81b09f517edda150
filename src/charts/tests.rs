//! Unit tests of the charts module: spec parsing, every diagnostic with its exact text and
//! position, the figure markup around the SVG (golden), the SVG's structure, determinism.

use super::*;

/// A valid bar chart whose YAML starts on line 10 of its note.
const BAR: &str = "type: bar
title: China's share of the value chain
unit: \"%\"
labels: [Mining, Refining, Magnets]
series:
  - name: China
    values: [69, 91, 94]
sources: [usgs]
";

const FILE: &str = "content/notes/n.md";

fn block(yaml: &str) -> Block<'_> {
    Block {
        yaml,
        file: FILE,
        first_line: 10,
        indent: 0,
    }
}

/// Parses and checks `yaml`, every `claim:` value standing for 1.
pub(super) fn run(yaml: &str) -> Result<Chart, String> {
    let b = block(yaml);
    let spec = parse(&b).map_err(|d| d.to_string())?;
    let values: Vec<Vec<Option<f64>>> = spec
        .series
        .iter()
        .map(|s| {
            s.values
                .iter()
                .map(|v| match v {
                    ValueSpec::Number(n) => Some(*n),
                    ValueSpec::Claim(_) => Some(1.0),
                })
                .collect()
        })
        .collect();
    check(&spec, &values, &b).map_err(|all| {
        all.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })
}

fn error(yaml: &str) -> String {
    match run(yaml) {
        Ok(chart) => panic!("expected an error, got {chart:?}"),
        Err(e) => e,
    }
}

/// `BAR` with `from` replaced by `to`.
fn bar_with(from: &str, to: &str) -> String {
    assert!(BAR.contains(from), "{from}");
    BAR.replacen(from, to, 1)
}

#[test]
fn parses_a_full_spec() {
    let yaml = "type: line\ntitle: T\nsubtitle: S\nunit: t\nlabels: [Apr, May]\nseries:\n  - name: A\n    values: [2628, claim:magnets-may]\nsources: [a, b]\ncaption: C\nnote: N\n";
    let spec = parse(&block(yaml)).unwrap();
    assert_eq!(
        spec,
        ChartSpec {
            kind: "line".into(),
            title: "T".into(),
            id: None,
            label_name: None,
            subtitle: Some("S".into()),
            unit: Some("t".into()),
            labels: vec!["Apr".into(), "May".into()],
            series: vec![SeriesSpec {
                name: "A".into(),
                values: vec![
                    ValueSpec::Number(2628.0),
                    ValueSpec::Claim("magnets-may".into())
                ],
                estimated: Vec::new(),
                derived: Vec::new(),
            }],
            stacked: false,
            sources: vec!["a".into(), "b".into()],
            caption: Some("C".into()),
            note: Some("N".into()),
        }
    );
}

#[test]
fn a_valid_spec_becomes_a_chart() {
    let chart = run(BAR).unwrap();
    assert_eq!(chart.kind, Kind::Bar);
    assert_eq!(chart.labels, ["Mining", "Refining", "Magnets"]);
    assert_eq!(
        chart.series,
        [Series {
            name: "China".into(),
            values: vec![69.0, 91.0, 94.0],
            estimated: Vec::new(),
            derived: Vec::new(),
        }]
    );
}

#[test]
fn an_unknown_key_is_named_with_the_keys_allowed() {
    assert_eq!(
        error(&format!("{BAR}colour: red\n")),
        "content/notes/n.md:18:1: error[unknown-key]: unknown key `colour`\n  help: the keys allowed here are: type, title, id, subtitle, unit, labels, label_name, series, stacked, sources, caption, note"
    );
    assert_eq!(
        error(&bar_with(
            "  - name: China",
            "  - name: China\n    colour: red"
        )),
        "content/notes/n.md:16:5: error[unknown-key]: unknown key `colour` in `series[0]`\n  help: the keys allowed here are: name, values, estimated, derived"
    );
}

#[test]
fn an_unknown_type_suggests_the_closest() {
    assert_eq!(
        error(&bar_with("type: bar", "type: pi")),
        "content/notes/n.md:10:1: error[unknown-chart-type]: `pi` is not a chart type\n  help: did you mean `pie`? The chart types are: bar, horizontal-bar, line, pie"
    );
    assert_eq!(
        error(&bar_with("type: bar", "type: scatter")),
        "content/notes/n.md:10:1: error[unknown-chart-type]: `scatter` is not a chart type\n  help: the chart types are: bar, horizontal-bar, line, pie"
    );
}

#[test]
fn a_series_of_the_wrong_length_is_shown_at_its_values() {
    assert_eq!(
        error(&bar_with("[69, 91, 94]", "[69, 91]")),
        "content/notes/n.md:16:5: error[chart-length]: the series `China` has 2 values for 3 labels\n  help: give one value per label, in the order of `labels:`"
    );
}

#[test]
fn a_non_finite_value_is_shown_at_the_value() {
    assert_eq!(
        error(&bar_with("[69, 91, 94]", "[69, .nan, 94]")),
        "content/notes/n.md:16:18: error[bad-value]: value 2 of the series `China` is not a finite number\n  help: write a plain number such as 69 or 4000.3: `.nan` and `.inf` cannot be drawn"
    );
}

#[test]
fn text_that_is_not_a_number_or_a_claim_is_refused() {
    assert_eq!(
        error(&bar_with("[69, 91, 94]", "[69, 91, 94%]")),
        "content/notes/n.md:16:22: error[invalid-value]: `94%` is not a number in `series[0].values[2]`\n  help: write a plain number such as 69 or 4000.3 (no thousands separators or units), or `claim:<id>` for a claim's figure"
    );
}

#[test]
fn negative_pie_slices_and_bars_are_refused() {
    let pie = bar_with("type: bar", "type: pie").replace("[69, 91, 94]", "[69, -1, 94]");
    assert_eq!(
        error(&pie),
        "content/notes/n.md:16:18: error[negative-value]: the slice `Refining` has a negative value (-1)\n  help: a pie shows parts of a whole: use `type: line` for values that can be negative"
    );
    let bar = bar_with("[69, 91, 94]", "[69, 91, -94]");
    assert_eq!(
        error(&bar),
        "content/notes/n.md:16:22: error[negative-value]: the bar `Magnets` of the series `China` has a negative value (-94)\n  help: bars are drawn up from the bottom of the axis, so a negative bar would mislead: use `type: line` for values that can be negative"
    );
    let line = bar_with("type: bar", "type: line").replace("[69, 91, 94]", "[69, 91, -94]");
    assert!(run(&line).is_ok(), "lines may go below zero");
}

#[test]
fn empty_data_is_refused() {
    assert_eq!(
        error(&bar_with("[Mining, Refining, Magnets]", "[]")),
        "content/notes/n.md:13:1: error[empty-chart]: the chart has no labels\n  help: list one label per bar: `labels: [Mining, Refining, Magnets]`"
    );
    let no_series = bar_with("series:\n  - name: China\n    values: [69, 91, 94]\n", "");
    assert_eq!(
        error(&no_series),
        "content/notes/n.md:10:1: error[empty-chart]: the chart has no series\n  help: add a series with one value per label: `series: [{name: China, values: [69, 91, 94]}]`"
    );
    assert_eq!(
        error(&bar_with("[69, 91, 94]", "[0, 0, 0]")),
        "content/notes/n.md:14:1: error[empty-chart]: every value of the chart is zero: there is nothing to draw\n  help: check the values, or leave the chart out"
    );
}

#[test]
fn too_many_points_names_the_limit_at_the_first_one_too_many() {
    let labels: Vec<String> = (1..=13).map(|i| format!("L{i}")).collect();
    let values: Vec<String> = (1..=13).map(|i| i.to_string()).collect();
    let yaml = bar_with(
        "[Mining, Refining, Magnets]",
        &format!("[{}]", labels.join(", ")),
    )
    .replace("[69, 91, 94]", &format!("[{}]", values.join(", ")));
    assert_eq!(
        error(&yaml),
        "content/notes/n.md:13:61: error[too-many-points]: a bar chart shows at most 12 bars legibly; this one has 13\n  help: split it into two charts, or use `type: line` for a long series (up to 24 points)"
    );
}

#[test]
fn too_many_series_names_the_limit() {
    let series = "  - name: China\n    values: [69, 91, 94]\n";
    let yaml = bar_with(series, &series.repeat(4));
    assert_eq!(
        error(&yaml),
        "content/notes/n.md:21:5: error[too-many-series]: a bar chart shows at most 3 series legibly; this one has 4\n  help: split it into two charts: more colours than that are hard to tell apart"
    );
    let pie = bar_with("type: bar", "type: pie").replace(series, &series.repeat(2));
    assert_eq!(
        error(&pie),
        "content/notes/n.md:17:5: error[too-many-series]: a pie chart shows one series; this one has 2\n  help: make one pie per series, or use `type: bar` to compare series"
    );
}

#[test]
fn a_pie_slice_too_thin_to_draw_is_refused() {
    let pie = bar_with("type: bar", "type: pie").replace("[69, 91, 94]", "[69, 1, 94]");
    assert_eq!(
        error(&pie),
        "content/notes/n.md:16:18: error[slice-too-small]: the slice `Refining` is 0.6% of the pie; slices under 2% cannot be drawn legibly\n  help: group the small parts into one slice, or use `type: horizontal-bar`"
    );
}

#[test]
fn a_chart_without_sources_is_refused() {
    assert_eq!(
        error(&bar_with("sources: [usgs]\n", "")),
        "content/notes/n.md:10:1: error[no-sources]: the chart names no sources\n  help: every chart says where its numbers come from: add `sources: [source-id]`"
    );
    assert_eq!(
        error(&bar_with("sources: [usgs]", "sources: []")),
        "content/notes/n.md:17:1: error[no-sources]: the chart names no sources\n  help: every chart says where its numbers come from: add `sources: [source-id]`"
    );
}

#[test]
fn an_empty_title_is_refused() {
    assert_eq!(
        error(&bar_with(
            "title: China's share of the value chain",
            "title: \"  \""
        )),
        "content/notes/n.md:11:1: error[empty-text]: the chart has no title\n  help: say what the chart shows in `title:`, e.g. `title: China's share of the value chain`"
    );
}

#[test]
fn yaml_syntax_errors_are_placed_in_the_file() {
    let message = error(&bar_with(
        "labels: [Mining, Refining, Magnets]",
        "labels: [Mining, Refining",
    ));
    assert!(message.starts_with("content/notes/n.md:1"), "{message}");
    assert!(
        message.contains("error[yaml-syntax]: invalid YAML"),
        "{message}"
    );
}

#[test]
fn several_problems_are_reported_together() {
    let yaml = bar_with("[69, 91, 94]", "[69, .inf]").replace("sources: [usgs]\n", "");
    let message = error(&yaml);
    assert_eq!(message.matches("error[").count(), 3, "{message}");
}

pub(super) fn sample_chart(kind: Kind) -> Chart {
    Chart {
        kind,
        title: "Exports & <imports>".into(),
        subtitle: Some("Monthly, 2025".into()),
        unit: Some("t".into()),
        labels: vec![
            "January–February combined".into(),
            "March".into(),
            "April".into(),
        ],
        label_name: "Month".into(),
        series: vec![
            Series {
                name: "Exports".into(),
                values: vec![8511.0, 5666.3, 4784.8],
                estimated: Vec::new(),
                derived: Vec::new(),
            },
            Series {
                name: "Average".into(),
                values: vec![4846.0, 4846.0, 4846.0],
                estimated: Vec::new(),
                derived: Vec::new(),
            },
        ],
        stacked: false,
        caption: Some("A caption.".into()),
        note: Some("April is derived.".into()),
    }
}

pub(super) fn sources() -> Vec<Cited> {
    vec![Cited {
        title: "Record year".into(),
        publisher: "Raw Materials".into(),
        url: "../../sources/raw/index.html".into(),
    }]
}

/// The figure with each drawing's elements (charts-rs's own output) left out.
fn without_drawings(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("</desc>\n") {
        let end = rest[start..]
            .find("</svg>")
            .map_or(rest.len(), |i| start + i);
        out.push_str(&rest[..start + "</desc>\n".len()]);
        out.push_str("[drawing]\n");
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn the_figure_around_the_drawings_matches_its_golden_copy() {
    let mut line = sample_chart(Kind::Line);
    line.series.truncate(1);
    let html = figure(&line, "chart-2", &sources()).unwrap();
    insta::assert_snapshot!("figure_line", without_drawings(&html));
    let pie = Chart {
        kind: Kind::Pie,
        series: vec![sample_chart(Kind::Pie).series.remove(0)],
        subtitle: None,
        caption: None,
        note: None,
        ..sample_chart(Kind::Pie)
    };
    let two = [sources()[0].clone(), sources()[0].clone()];
    let html = figure(&pie, "chart-1", &two).unwrap();
    insta::assert_snapshot!("figure_pie", without_drawings(&html));
}

/// The `<svg>` elements of a figure.
pub(super) fn svgs(html: &str) -> Vec<&str> {
    html.match_indices("<svg ")
        .map(|(start, _)| {
            let end = html[start..].find("</svg>").unwrap() + start + "</svg>".len();
            &html[start..end]
        })
        .collect()
}

/// Checks what every drawing must be: XML, an image with a title and a description whose ids
/// start with the figure's id, every label and series name in its text, numbers that are numbers.
pub(super) fn assert_well_formed(chart: &Chart, svg: &str, prefix: &str) {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("role"), Some("img"));
    let title = root
        .children()
        .find(|n| n.has_tag_name("title"))
        .expect("a <title>");
    let desc = root
        .children()
        .find(|n| n.has_tag_name("desc"))
        .expect("a <desc>");
    assert_eq!(title.text(), Some(chart.title.as_str()));
    let title_id = title.attribute("id").unwrap();
    assert!(title_id.starts_with(prefix), "{title_id}");
    assert_eq!(root.attribute("aria-labelledby"), Some(title_id));
    assert_eq!(root.attribute("aria-describedby"), desc.attribute("id"));
    let text: String = doc.descendants().filter_map(|n| n.text()).collect();
    for label in &chart.labels {
        assert!(text.contains(label.as_str()), "label {label} missing");
    }
    for series in &chart.series {
        assert!(
            text.contains(series.name.as_str()),
            "series {} missing",
            series.name
        );
    }
    let numeric = [
        "x",
        "y",
        "x1",
        "x2",
        "y1",
        "y2",
        "cx",
        "cy",
        "r",
        "width",
        "height",
        "font-size",
    ];
    for node in doc.descendants().filter(|n| n.is_element()) {
        for attr in node.attributes() {
            if numeric.contains(&attr.name()) {
                let v: f64 = attr
                    .value()
                    .parse()
                    .unwrap_or_else(|_| panic!("{}={:?}", attr.name(), attr.value()));
                assert!(v.is_finite(), "{}={v}", attr.name());
                if matches!(attr.name(), "width" | "height" | "r") {
                    assert!(v >= 0.0, "negative {}={v}", attr.name());
                }
            }
            assert!(
                !attr.value().contains("NaN") && !attr.value().contains("inf"),
                "{attr:?}"
            );
        }
    }
}

#[test]
fn every_kind_draws_well_formed_accessible_svg_in_both_layouts() {
    for kind in Kind::ALL {
        let mut chart = sample_chart(kind);
        if matches!(kind, Kind::Pie) {
            chart.series.truncate(1);
        }
        let html = figure(&chart, "chart-7", &sources()).unwrap();
        let drawings = svgs(&html);
        assert_eq!(drawings.len(), 2, "{kind:?}");
        for (svg, layout) in drawings.iter().zip(Layout::ALL) {
            assert!(svg.contains(&format!("class=\"chart-svg chart-{}\"", layout.name())));
            assert_well_formed(&chart, svg, &format!("chart-7-{}-", layout.name()));
        }
    }
}

#[test]
fn ids_differ_between_charts_and_layouts() {
    let chart = sample_chart(Kind::Bar);
    let a = figure(&chart, "chart-1", &sources()).unwrap();
    let b = figure(&chart, "chart-2", &sources()).unwrap();
    let ids = |html: &str| -> Vec<String> {
        html.match_indices(" id=\"")
            .map(|(i, _)| html[i + 5..].split('"').next().unwrap().to_string())
            .collect()
    };
    let mut all = ids(&a);
    all.extend(ids(&b));
    let count = all.len();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), count, "repeated ids: {all:?}");
    assert_eq!(count, 10);
}

#[test]
fn hostile_text_is_escaped_everywhere() {
    let mut chart = sample_chart(Kind::HorizontalBar);
    chart.labels[0] = "<script>alert(1)</script>".into();
    chart.series[0].name = "\"><img src=x>".into();
    let html = figure(&chart, "chart-1", &sources()).unwrap();
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    for svg in svgs(&html) {
        roxmltree::Document::parse(svg).unwrap();
    }
}

#[test]
fn long_labels_are_shortened_in_the_drawing_and_whole_in_the_table() {
    let mut chart = sample_chart(Kind::HorizontalBar);
    chart.labels[0] = "Separation, refining and metal making in one long label".into();
    let html = figure(&chart, "chart-1", &sources()).unwrap();
    assert!(html.contains(
        "<th scope=\"row\">Separation, refining and metal making in one long label</th>"
    ));
    assert!(
        html.contains("Separation, refining…") || html.contains("Separation, refin…"),
        "{html}"
    );
}

#[test]
fn drawing_is_deterministic() {
    for kind in Kind::ALL {
        let mut chart = sample_chart(kind);
        chart.series.truncate(1);
        let first = figure(&chart, "chart-1", &sources()).unwrap();
        let again = std::thread::spawn(move || figure(&chart, "chart-1", &sources()).unwrap());
        assert_eq!(first, again.join().unwrap(), "{kind:?}");
    }
}

#[test]
fn the_description_says_the_data_in_words() {
    let chart = sample_chart(Kind::Line);
    assert_eq!(
        describe(&chart),
        "Line chart, 2 series over 3 points. From January–February combined to April. Exports: January–February combined 8,511 t, March 5,666.3 t, April 4,784.8 t. Highest: January–February combined, 8,511 t; lowest: April, 4,784.8 t. Average: 4,846 t at every point."
    );
    let mut pie = sample_chart(Kind::Pie);
    pie.series.truncate(1);
    assert_eq!(
        describe(&pie),
        "Pie chart, 3 slices. Exports: January–February combined 8,511 t (44.9%), March 5,666.3 t (29.9%), April 4,784.8 t (25.2%). Highest: January–February combined, 8,511 t; lowest: April, 4,784.8 t."
    );
}

/// WCAG contrast of two `#RRGGBB` colours.
fn contrast(a: &str, b: &str) -> f64 {
    let luminance = |hex: &str| {
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    };
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The values of `--chart-1` … `--chart-6` in the stylesheet, in the order written: the
/// light theme's, the dark theme's, print's.
fn chart_properties() -> Vec<Vec<String>> {
    let css = include_str!("../../static/style.css");
    let found: Vec<(usize, String)> = css
        .match_indices("--chart-")
        .filter_map(|(at, _)| {
            let rest = &css[at + 8..];
            let (n, value) = rest.split_once(':')?;
            let n: usize = n.parse().ok()?;
            let value = value.trim_start();
            let value = value.get(..7).filter(|v| v.starts_with('#'))?;
            Some((n, value.to_ascii_uppercase()))
        })
        .collect();
    found
        .chunks(PALETTE.len())
        .map(|set| {
            let numbers: Vec<usize> = set.iter().map(|(n, _)| *n).collect();
            assert_eq!(numbers, [1, 2, 3, 4, 5, 6]);
            set.iter().map(|(_, v)| v.clone()).collect()
        })
        .collect()
}

#[test]
fn series_colours_read_on_light_and_dark_pages() {
    let css = include_str!("../../static/style.css");
    let sets = chart_properties();
    assert_eq!(sets.len(), 3, "light, dark and print: {sets:?}");
    let (light, dark, print) = (&sets[0], &sets[1], &sets[2]);
    // the SVG is written in the light colours, and the stylesheet maps each to its property
    assert_eq!(light, &PALETTE.map(String::from));
    assert_eq!(print, light);
    for (i, colour) in PALETTE.iter().enumerate() {
        for attr in ["fill", "stroke"] {
            let rule = format!(
                ".chart-svg [{attr}=\"{colour}\"] {{ {attr}: var(--chart-{}); }}",
                i + 1
            );
            assert!(css.contains(&rule), "{rule}");
        }
    }
    // the pages' backgrounds and surfaces (`--bg`, `--surface`) in each theme
    for (set, pages) in [
        (light, ["#F8F7F4", "#FFFFFF"]),
        (dark, ["#121418", "#1A1D23"]),
    ] {
        for colour in set {
            for page in pages {
                let ratio = contrast(colour, page);
                assert!(ratio >= 3.0, "{colour} on {page}: {ratio:.2}");
            }
        }
    }
}

#[test]
fn labels_are_cut_to_the_longest_head_that_fits() {
    // The search must agree with trying every head from the longest down.
    let longest = |text: &str, size: f32, room: f32| {
        let chars: Vec<char> = text.chars().collect();
        (1..chars.len())
            .rev()
            .map(|keep| {
                let head: String = chars[..keep].iter().collect();
                format!("{}…", head.trim_end())
            })
            .find(|short| draw::text_width(short, size) <= room)
    };
    let labels = [
        "Rare-earth magnets, sintered NdFeB",
        "Refining and separation capacity",
        "Mining",
        "A B C D E F G H",
    ];
    for label in labels {
        for room in [10.0, 30.0, 45.0, 60.0, 90.0, 140.0, 400.0] {
            let cut = draw::fit(label, 12.0, room);
            if draw::text_width(label, 12.0) <= room {
                assert_eq!(cut, label);
                continue;
            }
            let first = label.chars().next().unwrap();
            let expected = longest(label, 12.0, room).unwrap_or(format!("{first}…"));
            assert_eq!(cut, expected, "{label} in {room}");
        }
    }
}

#[test]
fn estimated_labels_are_kept_by_position_and_an_unknown_one_is_refused_at_its_item() {
    let chart = run(&bar_with(
        "values: [69, 91, 94]",
        "values: [69, 91, 94]\n    estimated: [Magnets, Mining, Magnets]",
    ))
    .unwrap();
    assert_eq!(chart.series[0].estimated, [0, 2]);
    assert!(chart.series[0].is_estimated(2) && !chart.series[0].is_estimated(1));
    assert_eq!(
        error(&bar_with(
            "values: [69, 91, 94]",
            "values: [69, 91, 94]\n    estimated: [Mining, Magnet]",
        )),
        "content/notes/n.md:17:25: error[estimated-label]: the series `China` marks `Magnet` as estimated, but the chart has no such label\n  help: did you mean `Magnets`? The chart's labels are: Mining, Refining, Magnets"
    );
}
