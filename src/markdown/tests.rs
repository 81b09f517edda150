use super::*;

/// A resolver that knows claim `c1`, source `s1` and note `n1`, and records what it sees.
#[derive(Default)]
struct Recorder {
    seen: Vec<String>,
}

impl Resolver for Recorder {
    fn link(&mut self, target: &Target<'_>, offset: usize) -> Option<String> {
        self.seen.push(format!("link {target:?} @{offset}"));
        match target {
            Target::Claim("c1") => Some("../../claims/c1/index.html".into()),
            Target::Note {
                slug: "n1",
                fragment,
            } => Some(format!(
                "../n1/index.html{}",
                fragment.map(|f| format!("#{f}")).unwrap_or_default()
            )),
            _ => None,
        }
    }

    fn cite(&mut self, cites: &[Cite<'_>], anchor: &str, offset: usize) -> Vec<CiteMark> {
        self.seen.push(format!("cite {cites:?} {anchor} @{offset}"));
        cites
            .iter()
            .filter(|c| c.id == "s1")
            .map(|c| CiteMark {
                label: "1".into(),
                href: "#ref-1".into(),
                title: format!("S1 {}", c.locator.unwrap_or("")),
            })
            .collect()
    }

    fn chart(&mut self, yaml: &str, offset: usize) -> String {
        self.seen.push(format!("chart {yaml:?} @{offset}"));
        "<figure>chart</figure>".into()
    }

    fn problem(&mut self, problem: Problem<'_>, offset: usize) {
        self.seen.push(format!("problem {problem:?} @{offset}"));
    }
}

fn run(body: &str) -> (Rendered, Vec<String>) {
    let mut recorder = Recorder::default();
    let rendered = render(body, "", &mut recorder);
    (rendered, recorder.seen)
}

#[test]
fn citations_become_numbered_superscripts() {
    let (out, seen) = run("China mines most [@s1, p. 4].\n");
    assert_eq!(
        &*out.html,
        "<p>China mines most <sup class=\"cite\" id=\"cite-1\">[<a href=\"#ref-1\" title=\"S1 p. 4\">1</a>]</sup>.</p>\n"
    );
    assert_eq!(
        seen,
        [r#"cite [Cite { id: "s1", locator: Some("p. 4") }] cite-1 @18"#]
    );
}

#[test]
fn multiple_citations_are_numbered_by_occurrence() {
    let (out, seen) = run("A [@s1; @s2]. B [@s1].\n");
    assert!(out.html.contains("id=\"cite-2\""), "{}", out.html);
    assert_eq!(seen.len(), 2);
    assert!(seen[0].contains(r#"Cite { id: "s2", locator: None }"#));
}

#[test]
fn internal_links_are_resolved_and_unresolved_ones_dropped() {
    let (out, seen) = run("See [the share](claim:c1), [trade](n1.md#x) and [gone](claim:nope).\n");
    assert!(
        out.html
            .contains(r#"<a href="../../claims/c1/index.html">the share</a>"#),
        "{}",
        out.html
    );
    assert!(
        out.html
            .contains(r#"<a href="../n1/index.html#x">trade</a>"#),
        "{}",
        out.html
    );
    assert!(out.html.contains(" and gone."), "{}", out.html);
    assert_eq!(seen[2], r#"link Claim("nope") @48"#);
}

#[test]
fn unsafe_urls_are_reported_and_never_written() {
    let (out, seen) = run("[x](javascript:alert(1)) ![y](data:text/html,z)\n");
    assert!(!out.html.contains("javascript"), "{}", out.html);
    assert!(!out.html.contains("data:"), "{}", out.html);
    assert_eq!(
        seen,
        [
            r#"problem UnsafeUrl("javascript") @0"#,
            r#"problem UnsafeUrl("data") @25"#
        ]
    );
}

#[test]
fn raw_html_is_escaped_and_comments_dropped() {
    let (out, seen) = run("<script>alert(1)</script>\n\nText <b>bold</b> <!-- note -->\n");
    assert!(!out.html.contains("<script>"), "{}", out.html);
    assert!(out.html.contains("&lt;script&gt;"), "{}", out.html);
    assert!(!out.html.contains("note"), "{}", out.html);
    assert!(
        seen.iter().all(|s| s.starts_with("problem RawHtml")),
        "{seen:?}"
    );
    assert_eq!(seen.len(), 3);
}

#[test]
fn headings_get_unique_ids_and_a_toc() {
    let (out, _) = run("## Supply\n\n## Supply\n\n### Custom {#mine}\n");
    assert!(
        out.html.contains(r#"<h2 id="supply">Supply</h2>"#),
        "{}",
        out.html
    );
    assert!(
        out.html.contains(r#"<h2 id="supply-1">Supply</h2>"#),
        "{}",
        out.html
    );
    let ids: Vec<_> = out.toc.iter().map(|h| (h.level, h.id.as_str())).collect();
    assert_eq!(ids, [(2, "supply"), (2, "supply-1"), (3, "mine")]);
}

#[test]
fn chart_blocks_go_to_the_resolver_with_their_yaml_offset() {
    let (out, seen) = run("Intro\n\n```chart\ntype: bar\n```\n");
    assert!(out.html.contains("<figure>chart</figure>"), "{}", out.html);
    assert_eq!(seen, [r#"chart "type: bar\n" @7"#]);
}

#[test]
fn images_need_alt_text() {
    let (_, seen) = run("![](a.png) ![A map](b.png)\n");
    assert_eq!(seen, ["problem MissingAlt @0"]);
}

#[test]
fn a_citation_part_without_at_is_reported() {
    let (_, seen) = run("Text [@s1; s2].\n");
    assert_eq!(seen, [r#"problem BadCite("s2") @6"#]);
}

#[test]
fn tables_footnotes_and_smart_punctuation_are_on() {
    let (out, _) = run("| a |\n|---|\n| 1 |\n\n\"Quoted\" ~~old~~[^1]\n\n[^1]: Note.\n");
    assert!(out.html.contains("<table>"));
    assert!(out.html.contains("“Quoted”"));
    assert!(out.html.contains("<del>old</del>"));
    assert!(
        out.html.contains(
            r##"<sup class="footnote-reference" id="fn-1-ref"><a href="#fn-1">1</a></sup>"##
        ),
        "{}",
        out.html
    );
    assert!(
        out.html
            .contains(r#"<div class="footnote-definition" id="fn-1">"#),
        "{}",
        out.html
    );
}

#[test]
fn heading_attributes_other_than_id_and_class_are_dropped_and_reported() {
    let (out, seen) = run("# Title {#top .lead onclick=alert(1) style=color:red}\n\n## Plain\n");
    assert!(
        out.html
            .starts_with(r#"<h2 id="top" class="lead">Title</h2>"#),
        "{}",
        out.html
    );
    assert!(!out.html.contains("onclick") && !out.html.contains("style"));
    assert_eq!(
        seen,
        [
            r#"problem HeadingAttribute("onclick") @0"#,
            r#"problem HeadingAttribute("style") @0"#
        ]
    );
}
