//! Publishing files: the Atom feeds (notes; editions and what changed in each), the sitemap,
//! robots.txt, `.nojekyll` and `CNAME`.
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
    files.extend(sitemap_file(briefing, pages));
    files
}

/// The sitemap of the HTML pages at `pages`, when a base URL is set.
pub fn sitemap_file(briefing: &Briefing, pages: &[String]) -> Option<OutputFile> {
    let base = briefing.config.base_url.as_ref()?;
    Some(text("sitemap.xml", sitemap(briefing, base, pages)))
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
    let author = b.config.author.as_deref().unwrap_or(&b.front.title);
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
    let author = config.author.as_deref().unwrap_or(&briefing.front.title);
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

/// A sitemap of every page, with the notes' dates.
fn sitemap(briefing: &Briefing, base: &str, pages: &[String]) -> String {
    let mut xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n".to_string();
    // Looked up by path: a scan of the notes for every page would be quadratic.
    let dates: HashMap<String, Date> = briefing
        .notes
        .iter()
        .map(|n| (urls::note(&n.slug), n.updated.unwrap_or(n.date)))
        .collect();
    let base = escape(base);
    for path in pages {
        let loc = escape(urls::pretty(path));
        xml.push_str(&format!("  <url><loc>{base}{loc}</loc>"));
        if let Some(date) = dates.get(path) {
            xml.push_str(&format!("<lastmod>{date}</lastmod>"));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
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
}
