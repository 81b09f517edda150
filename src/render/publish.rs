//! Publishing files: the Atom feeds (notes; editions and what changed in each), the sitemap
//! (split under a sitemap index past the protocol's limits), robots.txt, `.nojekyll` and
//! `CNAME`.
//! Feed and sitemap need absolute URLs, so they are written only when a base URL is set.
//! Every text and attribute value in them goes through [`escape_xml`](crate::html::escape_xml).

use std::collections::HashMap;

use crate::date::Date;
use crate::editions::{
    ChangeSet, CorrectionSnap, Diff, EditionRef, Snapshot, compare, corrections_since, report,
};
use crate::html::escape_xml as escape;
use crate::model::{Briefing, Editions, Note};
use crate::output::{Body, OutputFile};
use crate::urls;

/// The publishing files for `briefing`, whose HTML pages are at `pages` (site paths).
pub fn files(briefing: &Briefing, pages: &[String]) -> Vec<OutputFile> {
    let mut files = vec![
        text(".nojekyll", String::new()),
        text("robots.txt", robots(briefing)),
    ];
    if let Some(cname) = &briefing.config.cname {
        files.push(text("CNAME", format!("{cname}\n")));
    }
    files.extend(feed_file(briefing));
    files.extend(changes_feed_file(briefing));
    files.extend(sitemap_files(briefing, pages, SITEMAP_LIMITS));
    files
}

/// What one sitemap file may hold, by the protocol (sitemaps.org): 50,000 URLs and 50 MiB.
#[derive(Debug, Clone, Copy)]
pub struct SitemapLimits {
    /// URLs in one file.
    pub urls: usize,
    /// Bytes in one file.
    pub bytes: usize,
}

/// The protocol's limits.
pub const SITEMAP_LIMITS: SitemapLimits = SitemapLimits {
    urls: 50_000,
    bytes: 52_428_800,
};

/// The sitemap of the HTML pages at `pages`, when a base URL is set: `sitemap.xml`, or, when
/// the pages do not fit in one file under `limits`, `sitemap.xml` as a sitemap index of
/// `sitemap-1.xml`, `sitemap-2.xml`, ….
pub fn sitemap_files(
    briefing: &Briefing,
    pages: &[String],
    limits: SitemapLimits,
) -> Vec<OutputFile> {
    let Some(base) = briefing.config.base_url.as_ref() else {
        return Vec::new();
    };
    let parts = sitemaps(briefing, &escape(base), pages, limits);
    if let [one] = parts.as_slice() {
        return vec![text("sitemap.xml", one.xml.clone())];
    }
    let mut files = vec![text("sitemap.xml", sitemap_index(&escape(base), &parts))];
    for (k, part) in parts.into_iter().enumerate() {
        files.push(text(&format!("sitemap-{}.xml", k + 1), part.xml));
    }
    files
}

/// The Atom feed, when a base URL is set.
pub fn feed_file(briefing: &Briefing) -> Option<OutputFile> {
    let base = briefing.config.base_url.as_ref()?;
    Some(text("feed.xml", feed(briefing, base)))
}

/// The Atom feed of editions (`changes.xml`): one entry per edition after the first, newest
/// first, saying what changed in it; when a base URL is set and an edition has been frozen.
pub fn changes_feed_file(briefing: &Briefing) -> Option<OutputFile> {
    let base = briefing.config.base_url.as_ref()?;
    let e = briefing.editions.as_deref()?;
    Some(text(
        "changes.xml",
        changes_feed(briefing, e, &escape(base)),
    ))
}

/// Each edition after the first with what changed in it, newest first: the current one
/// (when it has a name or changes), then each frozen one against the one before.
fn edition_diffs(b: &Briefing, e: &Editions) -> Vec<Diff> {
    let why = |edition: u32, c: &crate::editions::ClaimChange| {
        crate::model::editions::why(b, &e.withdrawn, c, edition)
    };
    let diff = |since: &Snapshot, now: EditionRef, changes: ChangeSet, corrections| Diff {
        why: changes.claims.iter().map(|c| why(now.number, c)).collect(),
        since: since.into(),
        now,
        changes,
        corrections,
    };
    let mut diffs = Vec::new();
    let current =
        !e.changes.claims.is_empty() || !e.changes.notes.is_empty() || e.now.name.is_some();
    if let (true, Some(last)) = (current, e.frozen.last()) {
        let corrections = e.corrections.iter().map(CorrectionSnap::from).collect();
        diffs.push(diff(
            &last.snapshot,
            e.now.clone(),
            e.changes.clone(),
            corrections,
        ));
    }
    for pair in e.frozen.windows(2).rev() {
        let (old, new) = (&pair[0].snapshot, &pair[1].snapshot);
        let corrections = corrections_since(old, new);
        diffs.push(diff(old, new.into(), compare(old, new), corrections));
    }
    diffs
}

fn changes_feed(b: &Briefing, e: &Editions, base: &str) -> String {
    let diffs = edition_diffs(b, e);
    let date = |d: &Diff| {
        d.now
            .date
            .or(d.since.date)
            .map(|d| d.rfc3339())
            .unwrap_or_default()
    };
    let updated = diffs.first().map(date).unwrap_or_default();
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}: editions</title>\n",
        escape(&b.config.language),
        escape(&b.front.title)
    );
    xml.push_str(&format!(
        "  <link href=\"{base}changes.xml\" rel=\"self\" type=\"application/atom+xml\"/>\n"
    ));
    xml.push_str(&format!(
        "  <link href=\"{base}{}\" rel=\"alternate\" type=\"text/html\"/>\n",
        urls::pretty(urls::CHANGES)
    ));
    xml.push_str(&format!(
        "  <id>{base}changes.xml</id>\n  <updated>{updated}</updated>\n"
    ));
    let author = b.config.author_name().unwrap_or(&b.front.title);
    xml.push_str(&format!(
        "  <author><name>{}</name></author>\n  <generator>dossier</generator>\n",
        escape(author)
    ));
    for (k, d) in diffs.iter().enumerate() {
        let page = match k {
            0 if d.now.number == e.now.number => urls::CHANGES.to_string(),
            _ => urls::edition(d.now.number),
        };
        let name = d
            .now
            .name
            .as_deref()
            .map(|n| format!(": {n}"))
            .unwrap_or_default();
        xml.push_str(&format!(
            "  <entry>\n    <title>Edition {}{}</title>\n    <link href=\"{base}{}\" rel=\"alternate\" type=\"text/html\"/>\n    <id>{base}changes.xml#edition-{}</id>\n    <updated>{}</updated>\n    <content type=\"text\">{}</content>\n  </entry>\n",
            d.now.number,
            escape(&name),
            escape(urls::pretty(&page)),
            d.now.number,
            date(d),
            escape(&report::human(d))
        ));
    }
    xml.push_str("</feed>\n");
    xml
}

fn text(path: &str, content: String) -> OutputFile {
    OutputFile {
        path: path.to_string(),
        body: Body::Owned(content.into_bytes()),
    }
}

fn robots(briefing: &Briefing) -> String {
    let mut robots = "User-agent: *\nAllow: /\n".to_string();
    if let Some(base) = &briefing.config.base_url {
        robots.push_str(&format!("Sitemap: {base}sitemap.xml\n"));
    }
    robots
}

/// The notes, newest first.
fn by_date(briefing: &Briefing) -> Vec<&Note> {
    let mut notes: Vec<&Note> = briefing.notes.iter().collect();
    notes.sort_by(|a, b| {
        (b.updated.unwrap_or(b.date), &a.slug).cmp(&(a.updated.unwrap_or(a.date), &b.slug))
    });
    notes
}

/// The feed carries the newest notes only: readers show recent entries, and a feed of
/// thousands of full notes would outweigh the site.
pub const FEED_ENTRIES: usize = 50;

/// An Atom feed of the newest [`FEED_ENTRIES`] notes, newest first, with full content.
fn feed(briefing: &Briefing, base: &str) -> String {
    let mut notes = by_date(briefing);
    notes.truncate(FEED_ENTRIES);
    let updated = notes.first().map_or_else(
        || briefing.front.date.map(|d| d.rfc3339()).unwrap_or_default(),
        |n| n.updated.unwrap_or(n.date).rfc3339(),
    );
    let config = &briefing.config;
    let base = &escape(base);
    let author = config.author_name().unwrap_or(&briefing.front.title);
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n",
        escape(&config.language),
        escape(&briefing.front.title)
    );
    if let Some(description) = config
        .description
        .as_deref()
        .or(briefing.front.summary.as_deref())
    {
        xml.push_str(&format!("  <subtitle>{}</subtitle>\n", escape(description)));
    }
    xml.push_str(&format!(
        "  <link href=\"{base}feed.xml\" rel=\"self\" type=\"application/atom+xml\"/>\n"
    ));
    xml.push_str(&format!(
        "  <link href=\"{base}\" rel=\"alternate\" type=\"text/html\"/>\n  <id>{base}</id>\n"
    ));
    xml.push_str(&format!(
        "  <updated>{updated}</updated>\n  <author><name>{}</name></author>\n",
        escape(author)
    ));
    xml.push_str("  <generator>dossier</generator>\n");
    for note in notes {
        xml.push_str(&entry(note, base));
    }
    xml.push_str("</feed>\n");
    xml
}

/// One note of the feed; `base` is escaped already.
fn entry(note: &Note, base: &str) -> String {
    let link = format!("{base}{}", escape(urls::pretty(&urls::note(&note.slug))));
    let mut xml = format!(
        "  <entry xml:base=\"{link}\">\n    <title>{}</title>\n",
        escape(&note.title)
    );
    xml.push_str(&format!(
        "    <link href=\"{link}\" rel=\"alternate\" type=\"text/html\"/>\n    <id>{link}</id>\n"
    ));
    xml.push_str(&format!(
        "    <published>{}</published>\n",
        note.date.rfc3339()
    ));
    xml.push_str(&format!(
        "    <updated>{}</updated>\n",
        note.updated.unwrap_or(note.date).rfc3339()
    ));
    if let Some(summary) = &note.summary {
        xml.push_str(&format!("    <summary>{}</summary>\n", escape(summary)));
    }
    xml.push_str(&format!(
        "    <content type=\"html\">{}</content>\n  </entry>\n",
        escape(&note.body_html)
    ));
    xml
}

/// One sitemap file: its text and the newest date among its pages.
struct Sitemap {
    xml: String,
    newest: Option<Date>,
}

const URLSET_HEAD: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
const URLSET_TAIL: &str = "</urlset>\n";

/// Every page in sitemaps of at most `limits` each, with the notes' dates; `base` is escaped.
fn sitemaps(
    briefing: &Briefing,
    base: &str,
    pages: &[String],
    limits: SitemapLimits,
) -> Vec<Sitemap> {
    // Looked up by path: a scan of the notes for every page would be quadratic.
    let dates: HashMap<String, Date> = briefing
        .notes
        .iter()
        .map(|n| (urls::note(&n.slug), n.updated.unwrap_or(n.date)))
        .collect();
    let fresh = || Sitemap {
        xml: URLSET_HEAD.to_string(),
        newest: None,
    };
    let (mut done, mut now, mut count) = (Vec::new(), fresh(), 0);
    for path in pages {
        let date = dates.get(path).copied();
        let mut url = format!("  <url><loc>{base}{}</loc>", escape(urls::pretty(path)));
        if let Some(date) = date {
            url.push_str(&format!("<lastmod>{date}</lastmod>"));
        }
        url.push_str("</url>\n");
        let full =
            count == limits.urls || now.xml.len() + url.len() + URLSET_TAIL.len() > limits.bytes;
        if full && count > 0 {
            now.xml.push_str(URLSET_TAIL);
            done.push(std::mem::replace(&mut now, fresh()));
            count = 0;
        }
        now.xml.push_str(&url);
        now.newest = now.newest.max(date);
        count += 1;
    }
    now.xml.push_str(URLSET_TAIL);
    done.push(now);
    done
}

/// The sitemap index of `parts`, written as `sitemap-1.xml`, …; `base` is escaped.
fn sitemap_index(base: &str, parts: &[Sitemap]) -> String {
    let mut xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n".to_string();
    for (k, part) in parts.iter().enumerate() {
        xml.push_str(&format!(
            "  <sitemap><loc>{base}sitemap-{}.xml</loc>",
            k + 1
        ));
        if let Some(date) = part.newest {
            xml.push_str(&format!("<lastmod>{date}</lastmod>"));
        }
        xml.push_str("</sitemap>\n");
    }
    xml.push_str("</sitemapindex>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    fn briefing(base: Option<&str>) -> Briefing {
        let mut b = Briefing::default();
        b.front.title = "A & B".into();
        if let Some(base) = base {
            b.config = b.config.clone().with_base_url(base).unwrap();
        }
        b
    }

    #[test]
    fn without_a_base_url_only_relative_files_are_written() {
        let files = files(&briefing(None), &["index.html".into()]);
        let names: Vec<_> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(names, [".nojekyll", "robots.txt"]);
    }

    #[test]
    fn with_a_base_url_feed_and_sitemap_use_absolute_urls() {
        let files = files(
            &briefing(Some("https://u.github.io/r")),
            &["index.html".into(), "claims/index.html".into()],
        );
        let sitemap = files
            .iter()
            .find(|f| f.path == "sitemap.xml")
            .unwrap()
            .bytes()
            .unwrap();
        let sitemap = String::from_utf8_lossy(&sitemap);
        assert!(
            sitemap.contains("<loc>https://u.github.io/r/</loc>"),
            "{sitemap}"
        );
        assert!(
            sitemap.contains("<loc>https://u.github.io/r/claims/</loc>"),
            "{sitemap}"
        );
        let feed = files
            .iter()
            .find(|f| f.path == "feed.xml")
            .unwrap()
            .bytes()
            .unwrap();
        assert!(String::from_utf8_lossy(&feed).contains("<title>A &amp; B</title>"));
    }

    fn sitemap_texts(pages: usize, limits: SitemapLimits) -> Vec<(String, String)> {
        let pages: Vec<String> = (0..pages).map(|i| format!("p{i}/index.html")).collect();
        let b = briefing(Some("https://u.github.io/r"));
        let files = sitemap_files(&b, &pages, limits);
        let text = |f: &OutputFile| String::from_utf8(f.bytes().unwrap().into_owned()).unwrap();
        files.iter().map(|f| (f.path.clone(), text(f))).collect()
    }

    #[test]
    fn a_sitemap_past_the_limits_is_split_under_an_index() {
        let limits = SitemapLimits {
            urls: 3,
            bytes: SITEMAP_LIMITS.bytes,
        };
        let one = sitemap_texts(3, limits);
        assert_eq!(one.len(), 1);
        assert!(one[0].1.contains("<urlset") && one[0].1.matches("<url>").count() == 3);
        let split = sitemap_texts(7, limits);
        let names: Vec<&str> = split.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap.xml",
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml"
            ]
        );
        let index = &split[0].1;
        assert!(index.contains("<sitemapindex"), "{index}");
        assert!(
            index.contains("<loc>https://u.github.io/r/sitemap-3.xml</loc>"),
            "{index}"
        );
        let counts: Vec<usize> = split[1..]
            .iter()
            .map(|(_, x)| x.matches("<url>").count())
            .collect();
        assert_eq!(counts, [3, 3, 1], "every page once, in order");
        assert!(split[3].1.contains("<loc>https://u.github.io/r/p6/</loc>"));
    }

    #[test]
    fn a_sitemap_is_split_by_its_size_too() {
        let urlset = URLSET_HEAD.len() + URLSET_TAIL.len();
        let url = "  <url><loc>https://u.github.io/r/p0/</loc></url>\n".len();
        let limits = SitemapLimits {
            urls: 50_000,
            bytes: urlset + 2 * url,
        };
        let split = sitemap_texts(5, limits);
        assert_eq!(split.len(), 4, "an index and three files");
        for (path, xml) in &split[1..] {
            assert!(xml.len() <= limits.bytes, "{path}: {}", xml.len());
        }
    }
}
