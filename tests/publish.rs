//! Publishing: the sample served under a sub-path is fully navigable, the 404 page works at
//! any depth, and the feed, sitemap and exports load in their target formats.

mod common;

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use common::http;
use scraper::{Html, Selector};

const PREFIX: &str = "/dossier-demo/";
const BASE: &str = "https://example.github.io/dossier-demo/";

/// The sample built with a project-page base URL.
fn built_sample() -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let mut options = dossier::Options::new(common::repo());
    options.output = Some(out.path().join("site"));
    options.base_url = Some(BASE.into());
    let outcome = dossier::build(&options);
    assert!(
        !outcome.failed(),
        "{}",
        common::render(&outcome.diagnostics)
    );
    out
}

/// Resolves `href` against the URL path `page` (both server paths).
fn join(page: &str, href: &str) -> String {
    if href.starts_with('/') {
        return href.to_string();
    }
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for part in href.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." => {}
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// Every `href`/`src` of an HTML page.
fn links(html: &str) -> Vec<String> {
    let selector = Selector::parse("a[href], link[href], img[src], script[src]").unwrap();
    Html::parse_document(html)
        .select(&selector)
        .filter_map(|e| {
            e.value()
                .attr("href")
                .or(e.value().attr("src"))
                .map(str::to_string)
        })
        .collect()
}

fn ids(html: &str) -> BTreeSet<String> {
    let selector = Selector::parse("[id]").unwrap();
    Html::parse_document(html)
        .select(&selector)
        .filter_map(|e| e.value().id().map(str::to_string))
        .collect()
}

/// Crawls from `start`, fetching every internal link, asset and fragment; returns problems.
fn crawl(server: &http::Server, start: &str) -> (usize, Vec<String>) {
    let mut queue = VecDeque::from([start.to_string()]);
    let mut pages: BTreeMap<String, (u16, String)> = BTreeMap::new();
    let mut wanted: Vec<(String, String, String)> = Vec::new();
    while let Some(url) = queue.pop_front() {
        if pages.contains_key(&url) {
            continue;
        }
        let (status, body) = http::get(server, &url);
        let body = String::from_utf8_lossy(&body).into_owned();
        if url.ends_with(".html") || url.ends_with('/') {
            for href in links(&body).into_iter().filter(|h| {
                // the print page's own stylesheet is a `data:` URL: nothing to fetch
                !h.contains("://") && !h.starts_with("mailto:") && !h.starts_with("data:")
            }) {
                let (path, fragment) = href.split_once('#').unwrap_or((&href, ""));
                let target = if path.is_empty() {
                    url.clone()
                } else {
                    join(&url, path)
                };
                wanted.push((url.clone(), target.clone(), fragment.to_string()));
                queue.push_back(target);
            }
        }
        pages.insert(url, (status, body));
    }
    let mut problems = Vec::new();
    for (from, target, fragment) in &wanted {
        let (status, body) = &pages[target];
        if *status != 200 {
            problems.push(format!("{from} → {target}: HTTP {status}"));
        } else if !fragment.is_empty() && !ids(body).contains(fragment) {
            problems.push(format!("{from} → {target}#{fragment}: no such id"));
        }
    }
    (pages.len(), problems)
}

#[test]
fn the_sample_is_fully_navigable_under_a_sub_path() {
    let out = built_sample();
    let server = http::serve(&out.path().join("site"), PREFIX);
    let (fetched, problems) = crawl(&server, PREFIX);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let on_disk = common::read_tree(&out.path().join("site"))
        .keys()
        .filter(|p| p.ends_with(".html"))
        .count();
    assert!(
        fetched > on_disk,
        "every page is reachable by links: fetched {fetched}, {on_disk} HTML files"
    );
}

#[test]
fn a_missing_deep_url_gets_the_404_page_with_working_links() {
    let out = built_sample();
    let server = http::serve(&out.path().join("site"), PREFIX);
    let missing = format!("{PREFIX}notes/gone/deeper/still/index.html");
    let (status, body) = http::get(&server, &missing);
    assert_eq!(status, 404);
    let body = String::from_utf8_lossy(&body);
    assert!(body.contains("Page not found"));
    let hrefs = links(&body);
    assert!(hrefs.iter().any(|h| h.ends_with("style.css")));
    for href in hrefs
        .iter()
        .filter(|h| !h.starts_with('#') && !h.contains("://"))
    {
        let (status, _) = http::get(&server, &join(&missing, href));
        assert_eq!(status, 200, "{href} from the 404 page");
    }
}

#[test]
fn the_crawler_notices_a_broken_link() {
    let out = built_sample();
    let site = out.path().join("site");
    std::fs::remove_file(site.join("claims/index.html")).unwrap();
    let server = http::serve(&site, PREFIX);
    let (_, problems) = crawl(&server, PREFIX);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("claims/index.html: HTTP 404")),
        "{problems:?}"
    );
}

fn notes_of_sample() -> Vec<String> {
    let dir = common::repo().join("content/notes");
    let mut slugs: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            e.unwrap()
                .path()
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    slugs.sort();
    slugs
}

#[test]
fn feed_and_sitemap_are_xml_and_list_every_note() {
    let out = built_sample();
    let site = out.path().join("site");
    let feed = std::fs::read_to_string(site.join("feed.xml")).unwrap();
    let feed = roxmltree::Document::parse(&feed).expect("feed.xml is XML");
    let atom = "http://www.w3.org/2005/Atom";
    assert_eq!(feed.root_element().tag_name().namespace(), Some(atom));
    let entries: Vec<String> = feed
        .descendants()
        .filter(|n| {
            n.has_tag_name((atom, "id"))
                && n.parent().is_some_and(|p| p.has_tag_name((atom, "entry")))
        })
        .map(|n| n.text().unwrap_or("").to_string())
        .collect();
    let sitemap = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
    let sitemap = roxmltree::Document::parse(&sitemap).expect("sitemap.xml is XML");
    let locs: Vec<&str> = sitemap
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    let dated: Vec<&str> = sitemap
        .descendants()
        .filter(|n| n.has_tag_name("url"))
        .filter(|url| url.children().any(|c| c.has_tag_name("lastmod")))
        .filter_map(|url| url.children().find(|c| c.has_tag_name("loc"))?.text())
        .collect();
    let notes = notes_of_sample();
    for slug in &notes {
        let url = format!("{BASE}notes/{slug}/");
        assert!(entries.contains(&url), "feed lacks {url}");
        assert!(locs.contains(&url.as_str()), "sitemap lacks {url}");
        assert!(dated.contains(&url.as_str()), "sitemap gives {url} no date");
    }
    assert_eq!(
        dated.len(),
        notes.len(),
        "only notes have a date: {dated:?}"
    );
    let robots = std::fs::read_to_string(site.join("robots.txt")).unwrap();
    assert!(robots.contains(&format!("Sitemap: {BASE}sitemap.xml")));
    assert!(site.join(".nojekyll").is_file());
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(index.contains(r#"<link rel="alternate" type="application/atom+xml""#));
}

#[test]
fn claims_json_validates_against_its_schema() {
    let out = built_sample();
    let site = out.path().join("site");
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::repo().join("docs/claims.schema.json")).unwrap(),
    )
    .unwrap();
    let claims: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.join("claims.json")).unwrap()).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.add_resource("claims.schema.json", schema).unwrap();
    let index = compiler
        .compile("claims.schema.json", &mut schemas)
        .unwrap();
    if let Err(e) = schemas.validate(&claims, index) {
        panic!("claims.json does not match its schema: {e:#}");
    }
    let mut broken = claims.clone();
    broken["claims"][0]["confidence"] = "certain".into();
    assert!(
        schemas.validate(&broken, index).is_err(),
        "the schema check can fail"
    );
    let published: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.join("claims.schema.json")).unwrap())
            .unwrap();
    assert_eq!(published["title"], "dossier claims export, version 3");
    let (judged, _) = common::build_into_temp(&common::fixture("judgments"));
    let judged: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(judged.path().join("site/claims.json")).unwrap(),
    )
    .unwrap();
    if let Err(e) = schemas.validate(&judged, index) {
        panic!("the judgments fixture's claims.json does not match the schema: {e:#}");
    }
    let mut broken = judged.clone();
    broken["claims"][1]["likelihood"]["band"] = "probable".into();
    assert!(
        schemas.validate(&broken, index).is_err(),
        "a band off the scale"
    );
    let (edited, _) = common::build_into_temp(&common::fixture("editions"));
    let edited: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(edited.path().join("site/claims.json")).unwrap(),
    )
    .unwrap();
    if let Err(e) = schemas.validate(&edited, index) {
        panic!("the editions fixture's claims.json does not match the schema: {e:#}");
    }
    let leader = &edited["claims"][0];
    assert_eq!(leader["id"], "leader-share-2024");
    let values: Vec<&serde_json::Value> = leader["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| &h["value"])
        .collect();
    assert_eq!(values, [70.0, 72.0, 72.0], "its figure edition by edition");
    assert_eq!(
        leader["history"][1]["note"],
        "The office revised its 2024 table."
    );
    assert_eq!(
        claims["claims"].as_array().unwrap().len(),
        49.max(claims["claims"].as_array().unwrap().len())
    );
}

#[test]
fn csl_json_has_the_fields_pandoc_and_zotero_read() {
    let out = built_sample();
    let text = std::fs::read_to_string(out.path().join("site/sources.csl.json")).unwrap();
    let items: Vec<serde_json::Value> =
        serde_json::from_str(&text).expect("CSL-JSON is a JSON array");
    let sources = std::fs::read_dir(common::repo().join("content/sources"))
        .unwrap()
        .count();
    assert_eq!(items.len(), sources);
    let types = [
        "report",
        "document",
        "legislation",
        "article-newspaper",
        "article",
        "dataset",
    ];
    for item in &items {
        for field in ["id", "type", "title", "issued"] {
            assert!(item.get(field).is_some(), "{field} missing in {item}");
        }
        // the publication of a newspaper piece is its container, as Zotero and citeproc read
        // it; the issuer of a report or dataset its publisher
        let name = if item["type"] == "article-newspaper" {
            "container-title"
        } else {
            "publisher"
        };
        assert!(item[name].is_string(), "{name} missing in {item}");
        assert!(types.contains(&item["type"].as_str().unwrap()), "{item}");
        let parts = item["issued"]["date-parts"][0]
            .as_array()
            .expect("issued.date-parts");
        assert!((1..=3).contains(&parts.len()));
    }
    let with_url = items.iter().filter(|i| i.get("URL").is_some()).count();
    let sources_with_url = std::fs::read_dir(common::repo().join("content/sources"))
        .unwrap()
        .filter(|e| {
            std::fs::read_to_string(e.as_ref().unwrap().path())
                .unwrap()
                .lines()
                .any(|l| l.starts_with("url:"))
        })
        .count();
    assert_eq!(
        with_url, sources_with_url,
        "every source with a URL has one in CSL-JSON"
    );
}

#[test]
fn notes_and_claims_carry_json_ld() {
    let out = built_sample();
    let site = out.path().join("site");
    let note = std::fs::read_to_string(site.join("notes/value-chain-grip/index.html")).unwrap();
    let ld = note
        .split(r#"<script type="application/ld+json">"#)
        .nth(1)
        .unwrap()
        .split("</script>")
        .next()
        .unwrap();
    let ld: serde_json::Value = serde_json::from_str(ld).unwrap();
    assert_eq!(ld["@type"], "Article");
    assert!(!ld["citation"].as_array().unwrap().is_empty());
    let claim =
        std::fs::read_to_string(site.join("claims/china-mine-share-2024/index.html")).unwrap();
    assert!(claim.contains(r#""@type":"Claim""#));
}

#[test]
fn the_search_index_and_print_edition_cover_the_briefing() {
    let out = built_sample();
    let site = out.path().join("site");
    // The index is cut into scripts: the meta file, the dictionary's chunks, the blocks of
    // documents (a block's file holds its notes', claims' or sources' titles and text).
    let meta = std::fs::read_to_string(site.join("search/meta.js")).unwrap();
    assert!(meta.starts_with("dossierSearch.loaded(\"meta\",{\"block\""));
    let blocks: Vec<String> = std::fs::read_dir(site.join("search/d"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for kind in ["n", "c", "s"] {
        assert!(blocks.iter().any(|b| b.starts_with(kind)), "{kind}");
    }
    let chunks = std::fs::read_dir(site.join("search/t")).unwrap();
    let words: String = chunks
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(
        words.contains("\"lanthanum\""),
        "a word of a note's body is indexed"
    );
    let print = std::fs::read_to_string(site.join("print/index.html")).unwrap();
    for slug in notes_of_sample() {
        assert!(
            print.contains(&format!(r#"id="note-{slug}""#)),
            "print edition lacks {slug}"
        );
    }
    assert!(print.contains(r#"id="endnote-1""#) && print.contains(r##"href="#endnote-1""##));
    assert!(
        !print.contains("href=\"../../"),
        "print links stay inside the page"
    );
}

#[test]
fn the_pages_workflow_uses_the_official_actions() {
    let text = std::fs::read_to_string(common::repo().join(".github/workflows/pages.yml")).unwrap();
    let workflow: serde_yaml::Value = serde_yaml::from_str(&text).expect("the workflow is YAML");
    let uses: Vec<&str> = workflow["jobs"]
        .as_mapping()
        .unwrap()
        .values()
        .flat_map(|job| job["steps"].as_sequence().unwrap())
        .filter_map(|step| step["uses"].as_str())
        .collect();
    for action in [
        "actions/configure-pages@",
        "actions/upload-pages-artifact@",
        "actions/deploy-pages@",
    ] {
        assert!(
            uses.iter().any(|u| u.starts_with(action)),
            "{action} missing from {uses:?}"
        );
    }
    let runs: Vec<&str> = workflow["jobs"]["build"]["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|s| s["run"].as_str())
        .collect();
    assert!(
        runs.iter()
            .any(|r| r.contains("cargo run --release -- build --base-url")),
        "{runs:?}"
    );
    let cron = workflow["on"]["schedule"][0]["cron"].as_str();
    assert!(
        cron.is_some_and(|c| c.ends_with("* * 1")),
        "weekly: {cron:?}"
    );
    let stale = &workflow["jobs"]["stale"];
    assert_eq!(
        stale["if"].as_str(),
        Some("github.event_name == 'schedule'")
    );
    assert_eq!(stale["permissions"]["issues"].as_str(), Some("write"));
    assert!(text.contains("check --deny stale") && text.contains("gh issue create"));
    assert!(
        runs.contains(&"rm -f site/.dossier-manifest"),
        "dossier's record is not published: {runs:?}"
    );
    assert_eq!(workflow["permissions"]["pages"].as_str(), Some("write"));
    // the current major versions (node24; GitHub's starter Pages workflow), hidden files
    // (.nojekyll) published, and a deploy never cancelled
    for current in [
        "actions/checkout@v6",
        "actions/configure-pages@v6",
        "actions/upload-pages-artifact@v5",
        "actions/deploy-pages@v5",
    ] {
        assert!(uses.contains(&current), "{current} missing from {uses:?}");
    }
    assert!(text.contains("include-hidden-files: true"));
    assert_eq!(workflow["concurrency"]["cancel-in-progress"], false);
}

/// The schema.org terms JSON-LD may use (`tests/schemas/schemaorg-terms.json`).
struct Terms(serde_json::Value);

impl Terms {
    fn load() -> Terms {
        let path = common::repo().join("tests/schemas/schemaorg-terms.json");
        Terms(serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap())
    }

    /// `kind` and every type it inherits from.
    fn lineage(&self, kind: &str) -> Vec<String> {
        let mut all = vec![kind.to_string()];
        let mut i = 0;
        while i < all.len() {
            let parents = self.0["types"][&all[i]]
                .as_array()
                .cloned()
                .unwrap_or_default();
            all.extend(
                parents
                    .iter()
                    .filter_map(|p| p.as_str().map(str::to_string)),
            );
            i += 1;
        }
        all
    }

    /// Checks `node` and the nodes inside it; `at` names it in messages.
    fn check(&self, node: &serde_json::Value, at: &str) {
        let kind = node["@type"]
            .as_str()
            .unwrap_or_else(|| panic!("{at}: no @type in {node}"));
        assert!(
            self.0["types"].get(kind).is_some(),
            "{at}: {kind} is not a schema.org type here"
        );
        let lineage = self.lineage(kind);
        for (key, value) in node.as_object().unwrap() {
            if key.starts_with('@') {
                assert!(
                    key == "@type" || (key == "@context" && value == "https://schema.org"),
                    "{at}: {key}"
                );
                continue;
            }
            let term = &self.0["properties"][key];
            let domain: Vec<&str> = term["domain"]
                .as_array()
                .unwrap_or_else(|| panic!("{at}: {key} is not a schema.org property here"))
                .iter()
                .filter_map(|d| d.as_str())
                .collect();
            assert!(
                lineage.iter().any(|t| domain.contains(&t.as_str())),
                "{at}: {key} is not a property of {kind}"
            );
            let range: Vec<&str> = term["range"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|r| r.as_str())
                .collect();
            let values = value
                .as_array()
                .cloned()
                .unwrap_or_else(|| vec![value.clone()]);
            for v in &values {
                self.check_value(v, &range, &format!("{at}.{key}"));
            }
        }
    }

    fn check_value(&self, v: &serde_json::Value, range: &[&str], at: &str) {
        match v {
            serde_json::Value::Object(_) => {
                let kind = v["@type"].as_str().unwrap_or_default();
                assert!(
                    self.lineage(kind)
                        .iter()
                        .any(|t| range.contains(&t.as_str())),
                    "{at}: a {kind} where {range:?} belongs"
                );
                self.check(v, at);
            }
            serde_json::Value::String(s) => {
                let data: Vec<&&str> = range
                    .iter()
                    .filter(|r| ["Text", "URL", "Date", "DateTime"].contains(r))
                    .collect();
                assert!(!data.is_empty(), "{at}: text where {range:?} belongs");
                if data == [&"URL"] {
                    assert!(
                        s.starts_with("https://") || s.starts_with("http://"),
                        "{at}: {s} is not a URL"
                    );
                }
                if data.iter().all(|d| d.starts_with("Date")) {
                    let ok = s.len() >= 4 && s.chars().all(|c| c.is_ascii_digit() || c == '-');
                    assert!(ok, "{at}: {s} is not an ISO 8601 date");
                }
            }
            other => panic!("{at}: {other} is neither text nor a node"),
        }
    }
}

/// The JSON-LD of one page.
fn json_ld_of(html: &str) -> Option<serde_json::Value> {
    let ld = html
        .split(r#"<script type="application/ld+json">"#)
        .nth(1)?;
    serde_json::from_str(ld.split("</script>").next()?).ok()
}

#[test]
fn json_ld_uses_schema_org_terms_as_schema_org_defines_them() {
    let root = tempfile::tempdir().unwrap();
    common::copy_dir(
        &common::repo().join("content"),
        &root.path().join("content"),
    );
    std::fs::write(
        root.path().join("dossier.yaml"),
        "author:\n  name: Rare Earths Desk\n  type: organization\n  url: https://desk.example/\n",
    )
    .unwrap();
    let mut options = dossier::Options::new(root.path());
    options.base_url = Some(BASE.into());
    let outcome = dossier::build(&options);
    assert!(
        !outcome.failed(),
        "{}",
        common::render(&outcome.diagnostics)
    );
    let terms = Terms::load();
    let site = root.path().join("site");
    let (mut reviews, mut claims, mut articles) = (0, 0, 0);
    for folder in ["notes", "claims"] {
        for entry in std::fs::read_dir(site.join(folder)).unwrap() {
            let page = entry.unwrap().path().join("index.html");
            let Ok(html) = std::fs::read_to_string(&page) else {
                continue;
            };
            let Some(ld) = json_ld_of(&html) else {
                continue;
            };
            let at = page.strip_prefix(&site).unwrap().display().to_string();
            terms.check(&ld, &at);
            assert!(
                ld["url"].as_str().is_some_and(|u| u.starts_with(BASE)),
                "{at}: url"
            );
            assert!(ld["datePublished"].is_string(), "{at}: datePublished");
            assert_eq!(ld["author"]["@type"], "Organization", "{at}");
            assert_eq!(ld["author"]["name"], "Rare Earths Desk", "{at}");
            assert_eq!(ld["author"]["url"], "https://desk.example/", "{at}");
            match ld["@type"].as_str().unwrap() {
                "ClaimReview" => {
                    reviews += 1;
                    let item = &ld["itemReviewed"];
                    assert_eq!(item["@type"], "Claim", "{at}");
                    assert_eq!(ld["claimReviewed"], item["text"], "{at}");
                    assert!(ld["reviewRating"]["alternateName"].is_string(), "{at}");
                    assert!(!item["appearance"].as_array().unwrap().is_empty(), "{at}");
                    assert!(
                        item["firstAppearance"]["publisher"]["name"].is_string(),
                        "{at}"
                    );
                }
                "Claim" => claims += 1,
                "Article" => articles += 1,
                other => panic!("{at}: {other}"),
            }
        }
    }
    assert_eq!(reviews, 9, "one review for each claim with a status");
    assert!(
        claims > 30 && articles == notes_of_sample().len(),
        "{claims} {articles}"
    );
}

#[test]
fn the_schema_org_check_catches_a_misused_term() {
    let terms = Terms::load();
    let wrong = serde_json::json!({"@context": "https://schema.org", "@type": "Article", "claimReviewed": "x"});
    assert!(std::panic::catch_unwind(|| terms.check(&wrong, "article")).is_err());
    let wrong = serde_json::json!({"@type": "ClaimReview", "reviewRating": {"@type": "Person", "name": "x"}});
    assert!(std::panic::catch_unwind(|| terms.check(&wrong, "review")).is_err());
    let wrong = serde_json::json!({"@type": "Claim", "appearence": []});
    assert!(std::panic::catch_unwind(|| terms.check(&wrong, "claim")).is_err());
    let right = serde_json::json!({"@type": "ClaimReview", "claimReviewed": "x", "reviewRating": {"@type": "Rating", "alternateName": "Confirmed"}});
    terms.check(&right, "review");
}

#[test]
fn the_schemas_name_this_project_s_repository_or_none() {
    let repository = env!("CARGO_PKG_REPOSITORY");
    for schema in ["docs/claims.schema.json", "docs/edition.schema.json"] {
        let text = std::fs::read_to_string(common::repo().join(schema)).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let id = value["$id"].as_str().expect("an $id");
        let file = schema.trim_start_matches("docs/");
        if repository.is_empty() {
            assert_eq!(
                id, file,
                "{schema}: relative while the repository is not known"
            );
        } else {
            assert!(
                id.starts_with(repository) && id.ends_with(file),
                "{schema}: {id}"
            );
        }
    }
}
