//! The `edges` fixture: text that looks like markup where titles go into JSON-LD and feeds,
//! an `&` in the base URL, chart values at the ends of their range and `-0`. It must build
//! clean, every page must keep its body as an HTML parser reads it, and the feed and sitemap
//! must be XML; golden copies of what it writes at those edges. Also: a base URL given with
//! `--base-url` that could break out of the page is refused, naming `--base-url`.

mod common;

use scraper::{Html, Selector};

fn built() -> std::collections::BTreeMap<String, Vec<u8>> {
    let (dir, outcome) = common::build_into_temp(&common::fixture("edges"));
    assert_eq!(
        common::render(&outcome.diagnostics),
        "",
        "the fixture builds clean"
    );
    common::read_tree(&dir.path().join("site"))
}

/// The text of the page's JSON-LD script, as an HTML parser reads it; a page has one at most.
fn json_ld(html: &Html) -> Option<String> {
    let selector = Selector::parse("script[type=\"application/ld+json\"]").unwrap();
    let scripts: Vec<String> = html.select(&selector).map(|s| s.text().collect()).collect();
    assert!(scripts.len() <= 1, "{scripts:?}");
    scripts.into_iter().next()
}

#[test]
fn every_page_keeps_its_body_and_json_ld_is_escaped() {
    let tree = built();
    let main = Selector::parse("body main h1").unwrap();
    let mut pages = 0;
    for (path, bytes) in tree.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = Html::parse_document(&String::from_utf8_lossy(bytes));
        // A `<!--<script>` written raw into a script would make the parser take the rest of
        // the page as script text: no <main> in <body> then.
        assert!(html.select(&main).next().is_some(), "{path} lost its body");
        let Some(ld) = json_ld(&html) else {
            continue;
        };
        assert!(
            !ld.contains(['<', '>', '&', '\u{2028}', '\u{2029}']),
            "{path}: {ld}"
        );
        serde_json::from_str::<serde_json::Value>(&ld).expect("JSON-LD parses");
        pages += 1;
    }
    assert!(pages >= 3, "{pages} pages with JSON-LD");
    let note = Html::parse_document(&common::text(&tree["notes/edges/index.html"]));
    let text = json_ld(&note).expect("a note has JSON-LD");
    let ld: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(ld["headline"], "Widgets <!--<script> & more");
    assert_eq!(
        ld["citation"][0]["publisher"]["name"],
        "Markup & Co </script>"
    );
    insta::assert_snapshot!("edges_note_json_ld", text);
}

#[test]
fn feed_and_sitemap_are_xml_with_an_ampersand_in_the_base_url() {
    let tree = built();
    let feed = common::text(&tree["feed.xml"]);
    let doc = roxmltree::Document::parse(&feed).expect("feed.xml is XML");
    let self_link = doc
        .descendants()
        .find(|n| n.has_tag_name("link") && n.attribute("rel") == Some("self"))
        .and_then(|n| n.attribute("href"));
    assert_eq!(self_link, Some("https://example.org/a&b/feed.xml"));
    let sitemap = common::text(&tree["sitemap.xml"]);
    let doc = roxmltree::Document::parse(&sitemap).expect("sitemap.xml is XML");
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        locs.contains(&"https://example.org/a&b/notes/edges/"),
        "{locs:?}"
    );
    assert!(
        locs.iter()
            .all(|l| l.starts_with("https://example.org/a&b/")),
        "{locs:?}"
    );
    insta::assert_snapshot!("edges_feed", feed);
    insta::assert_snapshot!("edges_sitemap", sitemap);
}

#[test]
fn numbers_at_the_edges_are_printed_as_written() {
    let tree = built();
    let note = common::text(&tree["notes/edges/index.html"]);
    assert!(
        note.contains("<strong class=\"figure\">0 t</strong>"),
        "-0 is 0"
    );
    assert!(!note.contains(">-0<") && !note.contains(">-0 ") && !note.contains("\n-0\n"));
    for label in [
        "8,118,835,999",
        "1,000,000,000,000,000",
        "-1,000,000,000,000,000",
    ] {
        assert!(
            note.contains(&format!("\n{label}\n")),
            "the drawing labels {label}"
        );
    }
    for bad in ["inf", "NaN"] {
        assert!(
            !note.contains(&format!("=\"{bad}")),
            "an attribute is {bad}"
        );
    }
    let start = note.find("<main").unwrap();
    let end = note.find("</main>").unwrap();
    insta::assert_snapshot!("edges_note", &note[start..end]);
}

#[test]
fn a_base_url_given_on_the_command_line_is_checked_and_named() {
    let mut options = dossier::Options::new(common::fixture("edges"));
    options.base_url = Some("https://example.org/\"><script>alert(1)</script>".into());
    let outcome = dossier::check(&options);
    assert!(outcome.failed());
    let text = common::render(&outcome.diagnostics);
    assert!(
        text.starts_with("--base-url: error[bad-url]: the base URL `https://example.org/\"><script>alert(1)</script>` cannot hold a quote (`\"`)"),
        "{text}"
    );
}
