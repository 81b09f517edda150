//! Charts end to end: the chart fixture and the shipped sample build clean, every drawing is
//! well-formed accessible SVG, claim and source pages list the charts that use them, a value
//! bound to a claim follows the claim, and the chart font ships only with charts.

mod common;

use std::fs;
use std::path::Path;

/// The text of a built page.
fn page(site: &Path, path: &str) -> String {
    fs::read_to_string(site.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The `<figure class="chart …">` elements of a page.
fn figures(html: &str) -> Vec<&str> {
    html.match_indices("<figure class=\"chart")
        .map(|(start, _)| {
            let end = start + html[start..].find("</figure>").unwrap() + "</figure>".len();
            &html[start..end]
        })
        .collect()
}

/// The `<svg>` elements of a figure.
fn drawings(figure: &str) -> Vec<&str> {
    figure
        .match_indices("<svg ")
        .map(|(start, _)| {
            let end = start + figure[start..].find("</svg>").unwrap() + "</svg>".len();
            &figure[start..end]
        })
        .collect()
}

/// Every drawing parses as XML and is an image named by its `<title>` and described by its `<desc>`.
fn assert_accessible_svg(figure: &str) {
    let svgs = drawings(figure);
    assert_eq!(svgs.len(), 2, "a wide and a narrow drawing");
    for svg in svgs {
        let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
        let root = doc.root_element();
        assert_eq!(root.attribute("role"), Some("img"));
        let id = |tag: &str| {
            root.children()
                .find(|n| n.has_tag_name(tag))
                .and_then(|n| n.attribute("id"))
                .unwrap_or_else(|| panic!("no <{tag}> with an id"))
        };
        assert_eq!(root.attribute("aria-labelledby"), Some(id("title")));
        assert_eq!(root.attribute("aria-describedby"), Some(id("desc")));
        assert!(root.attribute("viewBox").is_some());
    }
}

#[test]
fn the_chart_fixture_draws_every_kind_and_lists_charts_on_claim_and_source_pages() {
    let (dir, outcome) = common::build_into_temp(&common::fixture("charts"));
    assert_eq!(common::render(&outcome.diagnostics), "");
    let site = dir.path().join("site");
    let note = page(&site, "notes/widgets/index.html");
    let kinds: Vec<&str> = figures(&note)
        .iter()
        .map(|f| f.split('"').nth(1).unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "chart chart-bar",
            "chart chart-line",
            "chart chart-horizontal-bar"
        ]
    );
    for figure in figures(&note) {
        assert_accessible_svg(figure);
    }
    let front = page(&site, "index.html");
    assert_eq!(figures(&front).len(), 1, "the front page's chart");
    assert!(front.contains("<a href=\"sources/stats-office/index.html\" title=\"Widget statistics 2025\">National Statistics Office</a>"));

    let claim = page(&site, "claims/widgets-home/index.html");
    assert!(claim.contains("<h2 id=\"charts\">Charts that use this claim</h2>"));
    assert!(claim.contains("<li><a href=\"../../index.html#chart-1\">Where the widgets went, 2024</a>, in <a href=\"../../index.html\">Chart fixture</a></li>"), "{claim}");
    assert!(claim.contains("<li><a href=\"../../notes/widgets/index.html#chart-3\">Widgets by destination</a>, in <a href=\"../../notes/widgets/index.html\">Widgets</a></li>"), "{claim}");
    let source = page(&site, "sources/trade-weekly/index.html");
    assert!(source.contains("<h2 id=\"charts\">Charts that use this source</h2>"));
    assert_eq!(source.matches("notes/widgets/index.html#chart-").count(), 2);
    assert!(site.join("fonts/Roboto.ttf").is_file());
    assert!(site.join("fonts/LICENSE-Roboto.txt").is_file());
}

#[test]
fn the_figure_of_the_fixture_matches_its_golden_copy() {
    let (dir, _) = common::build_into_temp(&common::fixture("charts"));
    let note = page(&dir.path().join("site"), "notes/widgets/index.html");
    let figure = figures(&note)[1];
    let mut golden = String::new();
    let mut rest = figure;
    while let Some(start) = rest.find("</desc>\n") {
        let end = start + rest[start..].find("</svg>").unwrap();
        golden.push_str(&rest[..start + "</desc>\n".len()]);
        golden.push_str("[drawing]\n");
        rest = &rest[end..];
    }
    golden.push_str(rest);
    insta::assert_snapshot!("charts_fixture_line", golden);
}

#[test]
fn a_value_bound_to_a_claim_follows_the_claim() {
    let temp = tempfile::tempdir().unwrap();
    common::copy_dir(&common::fixture("charts"), temp.path());
    let cell = "<tr><th scope=\"row\">Making</th><td>69</td></tr>";
    let (dir, _) = common::build_into_temp(temp.path());
    let before = page(&dir.path().join("site"), "notes/widgets/index.html");
    assert!(before.contains(cell));
    assert!(before.contains("Leader: Making 69%, Finishing 80%"));

    let note = temp.path().join("content/notes/widgets.md");
    let text = fs::read_to_string(&note).unwrap();
    fs::write(&note, text.replacen("value: 69\n", "value: 72.5\n", 1)).unwrap();
    let (dir, _) = common::build_into_temp(temp.path());
    let after = page(&dir.path().join("site"), "notes/widgets/index.html");
    assert!(!after.contains(cell));
    assert!(after.contains("<tr><th scope=\"row\">Making</th><td>72.5</td></tr>"));
    assert!(after.contains("Leader: Making 72.5%, Finishing 80%"));
    assert_ne!(
        drawings(figures(&before)[0])[0],
        drawings(figures(&after)[0])[0]
    );
}

#[test]
fn the_sample_has_at_least_four_charts_all_well_formed_and_sourced() {
    let (dir, _) = common::build_into_temp(&common::repo());
    let site = dir.path().join("site");
    let mut count = 0;
    for path in [
        "notes/value-chain-grip/index.html",
        "notes/export-flows/index.html",
    ] {
        let html = page(&site, path);
        for figure in figures(&html) {
            assert_accessible_svg(figure);
            assert!(
                figure.contains("<p class=\"chart-sources\">Source"),
                "{figure}"
            );
            assert!(figure.contains("href=\"../../sources/"), "{figure}");
            count += 1;
        }
    }
    assert!(count >= 4, "{count} charts");
    let bound = page(&site, "claims/china-mine-share-2024/index.html");
    assert!(bound.contains("Charts that use this claim"));
}

#[test]
fn a_site_without_charts_gets_no_chart_font() {
    let (dir, _) = common::build_into_temp(&common::fixture("basic"));
    assert!(!dir.path().join("site/fonts").exists());
}

#[test]
fn the_print_edition_draws_every_chart_with_ids_unique_on_the_page() {
    let (dir, _) = common::build_into_temp(&common::fixture("charts"));
    let print = page(&dir.path().join("site"), "print/index.html");
    let ids: Vec<&str> = figures(&print)
        .iter()
        .map(|f| f.split("id=\"").nth(1).unwrap().split('"').next().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "front--chart-1",
            "widgets--chart-1",
            "widgets--chart-2",
            "widgets--chart-3"
        ]
    );
    for figure in figures(&print) {
        assert_accessible_svg(figure);
        assert!(figure.contains("href=\"#source-"), "{figure}");
    }
    let mut all: Vec<&str> = print
        .match_indices(" id=\"")
        .map(|(i, _)| print[i + 5..].split('"').next().unwrap())
        .collect();
    let count = all.len();
    all.sort_unstable();
    all.dedup();
    assert_eq!(all.len(), count, "an id is repeated on the print page");
}
