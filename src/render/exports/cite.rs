//! "Cite this" for a note or a claim: a reference in words (Chicago's web-page style), a
//! BibTeX entry and a CSL-JSON item, all made from the same facts.

use serde::Serialize;

use super::csl::{DateParts, date_parts};
use crate::date::Date;
use crate::model::Briefing;

/// A note's or claim's citation, three ways.
#[derive(Serialize)]
pub struct CiteView {
    /// For readers: `Author. “Title.” In Briefing, Second edition. 11 November 2025. URL.`
    pub text: String,
    /// A BibTeX `@misc` entry.
    pub bibtex: String,
    /// A CSL-JSON item (Zotero, Pandoc), pretty-printed.
    pub csl: String,
}

/// What a citation names.
pub struct Cited<'b> {
    /// A key for BibTeX and the CSL item's id, e.g. `october-package-2025`.
    pub key: String,
    /// The title cited: a note's title, or a claim's statement.
    pub title: &'b str,
    /// When it was written or last changed.
    pub date: Date,
    /// Its absolute address, when the briefing has a base URL.
    pub url: Option<String>,
}

/// How `cited`, a part of briefing `b`, is cited.
pub fn cite(b: &Briefing, cited: &Cited<'_>) -> CiteView {
    CiteView {
        text: text(b, cited),
        bibtex: bibtex(b, cited),
        csl: csl(b, cited),
    }
}

fn text(b: &Briefing, c: &Cited<'_>) -> String {
    let mut out = String::new();
    if let Some(author) = b.config.author_name() {
        out.push_str(&format!("{}. ", author.trim_end_matches('.')));
    }
    out.push_str(&format!(
        "“{}.” In {}",
        c.title.trim_end_matches('.'),
        b.front.title
    ));
    if let Some(edition) = &b.front.edition {
        out.push_str(&format!(", {edition}"));
    }
    out.push_str(&format!(". {}.", c.date.human()));
    if let Some(url) = &c.url {
        out.push_str(&format!(" {url}."));
    }
    out
}

fn bibtex(b: &Briefing, c: &Cited<'_>) -> String {
    let mut fields = vec![("title", braced(c.title))];
    if let Some(author) = b.config.author_name() {
        fields.insert(0, ("author", braced(author)));
    }
    fields.push((
        "howpublished",
        format!("{{In \\emph{{{}}}}}", tex(&b.front.title)),
    ));
    fields.push(("year", c.date.year.to_string()));
    if let Some(m) = c.date.month {
        fields.push(("month", MONTHS[usize::from(m) - 1].to_string()));
    }
    if let Some(edition) = &b.front.edition {
        fields.push(("note", braced(edition)));
    }
    if let Some(url) = &c.url {
        fields.push(("url", format!("{{{url}}}")));
    }
    let body: Vec<String> = fields.iter().map(|(k, v)| format!("  {k} = {v}")).collect();
    format!("@misc{{{},\n{}\n}}", c.key, body.join(",\n"))
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// `{text}`, with TeX's special characters escaped and capitals kept as written.
fn braced(text: &str) -> String {
    format!("{{{{{}}}}}", tex(text))
}

fn tex(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(ch);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            _ => out.push(ch),
        }
    }
    out
}

/// A CSL-JSON item: a web page within the briefing.
#[derive(Serialize)]
struct Item<'b> {
    id: &'b str,
    #[serde(rename = "type")]
    kind: &'static str,
    title: &'b str,
    #[serde(rename = "container-title")]
    container: &'b str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<Literal<'b>>,
    issued: DateParts,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<&'b str>,
    #[serde(rename = "URL", skip_serializing_if = "Option::is_none")]
    url: Option<&'b str>,
    language: &'b str,
}

#[derive(Serialize)]
struct Literal<'b> {
    literal: &'b str,
}

fn csl(b: &Briefing, c: &Cited<'_>) -> String {
    let item = Item {
        id: &c.key,
        kind: "webpage",
        title: c.title,
        container: &b.front.title,
        author: b
            .config
            .author_name()
            .into_iter()
            .map(|a| Literal { literal: a })
            .collect(),
        issued: date_parts(&c.date),
        version: b.front.edition.as_deref(),
        url: c.url.as_deref(),
        language: &b.config.language,
    };
    serde_json::to_string_pretty(&[item]).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tex_specials_are_escaped() {
        assert_eq!(
            tex(r"50% & {x}_1 \ #2"),
            r"50\% \& \{x\}\_1 \textbackslash{} \#2"
        );
        assert_eq!(braced("US–China"), "{{US–China}}");
    }
}
