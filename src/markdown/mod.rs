//! Markdown → HTML: the one place that sets pulldown-cmark's options.
//!
//! Rendering knows nothing about notes, claims or sources. It recognises the briefing syntax
//! (citations `[@id]`, links to `claim:`, `source:`, `note:` and `x.md`, fenced `chart`
//! blocks) and asks a [`Resolver`] what each one becomes, passing the byte offset in the body
//! so the resolver can report problems at their line and column. Headings get stable ids and
//! are collected into a table of contents, their levels fitted under the page's title. Raw
//! HTML is shown as text, never passed through.
//! Bare web addresses in text are linked, with places to break the line inside them.

mod levels;
mod targets;
mod urls;

use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{
    BrokenLink, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};

pub use targets::{Cite, Target, classify, parse_cites, scheme_of};

use crate::html::{escape, slugify};

/// The prefix the broken-link callback gives citations so the event loop can find them.
const CITE: &str = "dossier-cite:";

/// The parser options, set here only: tables, footnotes, strikethrough, smart punctuation,
/// heading attributes.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// A problem the Markdown itself has, reported to the resolver with its offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem<'a> {
    /// A link or image with a scheme other than http(s) or mailto.
    UnsafeUrl(&'a str),
    /// A part of `[@…]` that is not `@id`.
    BadCite(&'a str),
    /// Raw HTML, which is shown as text.
    RawHtml,
    /// An image without alternative text.
    MissingAlt,
    /// A heading attribute other than `#id` and `.class` (`{onclick=…}`): left out.
    HeadingAttribute(&'a str),
    /// An image whose address is a claim, a source or a note (`claim:`, `source:`, `note:`
    /// or `x.md`): a page, not a picture. The image is left out.
    ImageOfPage(&'a str),
}

/// One numbered mark of a citation, as the resolver wants it shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CiteMark {
    /// The visible number.
    pub label: String,
    /// Where the number links to (the reference list entry).
    pub href: String,
    /// The tooltip: the source's title and locator.
    pub title: String,
}

/// Decides what the briefing syntax becomes; records what it sees.
pub trait Resolver {
    /// The URL for an internal link (`Claim`, `Source` or `Note`), or `None` if it resolves to nothing.
    fn link(&mut self, target: &Target<'_>, offset: usize) -> Option<String>;
    /// The marks for a citation; `anchor` is the id of the citation's element on the page.
    fn cite(&mut self, cites: &[Cite<'_>], anchor: &str, offset: usize) -> Vec<CiteMark>;
    /// The HTML for a `chart` block whose opening fence is at `offset`: its YAML starts on the
    /// next line, each line taken in as far as the fence is (by a list item, a block quote).
    fn chart(&mut self, yaml: &str, offset: usize) -> String;
    /// A problem in the Markdown at `offset`.
    fn problem(&mut self, problem: Problem<'_>, offset: usize);
}

/// A heading, for the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    /// 1–6.
    pub level: u8,
    /// The element id.
    pub id: String,
    /// The heading's text.
    pub text: String,
}

/// Rendered HTML and its table of contents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The HTML, shared: a cached body is reused by later builds without copying it.
    pub html: Arc<str>,
    /// The headings, in order.
    pub toc: Arc<[Heading]>,
}

/// Renders `body` for a page of its own, under the page's `h1`; element ids (headings,
/// citations) start with `id_prefix`.
pub fn render(body: &str, id_prefix: &str, resolver: &mut dyn Resolver) -> Rendered {
    render_under(body, id_prefix, resolver, 1)
}

/// Renders `body` under a heading of level `title` (1–5): its outermost headings are one
/// level below it.
pub fn render_under(
    body: &str,
    id_prefix: &str,
    resolver: &mut dyn Resolver,
    title: u8,
) -> Rendered {
    let mut on_broken = |link: BrokenLink<'_>| {
        let reference = link.reference.trim();
        reference
            .starts_with('@')
            .then(|| (CowStr::from(format!("{CITE}{reference}")), CowStr::from("")))
    };
    let parser = Parser::new_with_broken_link_callback(body, options(), Some(&mut on_broken));
    let mut pass = Pass::new(id_prefix, resolver);
    for (event, range) in parser.into_offset_iter() {
        pass.event(event, range, body);
    }
    levels::fit(&mut pass.out, &mut pass.toc, title);
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, urls::link_bare(pass.out).into_iter());
    Rendered {
        html: html.into(),
        toc: pass.toc.into(),
    }
}

/// The state of one rendering pass over the event stream.
struct Pass<'r, 'a> {
    resolver: &'r mut dyn Resolver,
    prefix: &'r str,
    out: Vec<Event<'a>>,
    toc: Vec<Heading>,
    ids: HashSet<String>,
    /// Index in `out` of the open heading's start, and its text so far.
    heading: Option<(usize, String)>,
    /// Inside a citation or a dropped link: skip events until the link ends.
    skipping: Skip,
    /// Inside a `chart` block: its YAML so far and where it starts.
    chart: Option<(String, usize)>,
    cites: usize,
    /// Inside an image: where it starts, and whether it has alt text yet.
    image: Option<(usize, bool)>,
    /// Footnote names, in order of first appearance.
    footnotes: Vec<String>,
}

#[derive(PartialEq, Eq)]
enum Skip {
    No,
    /// Skip everything up to the end of the link.
    Cite,
    /// Keep the text, drop the end of the link.
    LinkEnd,
    /// Keep the alt text, drop the end of the image.
    ImageEnd,
}

impl<'r, 'a> Pass<'r, 'a> {
    fn new(prefix: &'r str, resolver: &'r mut dyn Resolver) -> Self {
        Pass {
            resolver,
            prefix,
            out: Vec::new(),
            toc: Vec::new(),
            ids: HashSet::new(),
            heading: None,
            skipping: Skip::No,
            chart: None,
            cites: 0,
            image: None,
            footnotes: Vec::new(),
        }
    }

    fn event(&mut self, event: Event<'a>, range: Range<usize>, body: &'a str) {
        if let Some((yaml, _)) = &mut self.chart {
            match event {
                Event::Text(text) => yaml.push_str(&text),
                Event::End(TagEnd::CodeBlock) => self.end_chart(),
                _ => {}
            }
            return;
        }
        match self.skipping {
            Skip::Cite if !matches!(event, Event::End(TagEnd::Link)) => return,
            Skip::Cite => return self.skipping = Skip::No,
            Skip::LinkEnd if matches!(event, Event::End(TagEnd::Link)) => {
                return self.skipping = Skip::No;
            }
            Skip::ImageEnd if matches!(event, Event::End(TagEnd::Image)) => {
                return self.skipping = Skip::No;
            }
            _ => {}
        }
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                // Any other attribute could be an event handler or a style: never written.
                for (name, _) in &attrs {
                    let problem = Problem::HeadingAttribute(name);
                    self.resolver.problem(problem, range.start);
                }
                self.heading = Some((self.out.len(), String::new()));
                self.out.push(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs: Vec::new(),
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                self.end_heading(level);
                self.out.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Text(ref text) | Event::Code(ref text) => {
                if let Some((_, heading)) = &mut self.heading {
                    heading.push_str(text);
                }
                if let Some((_, has_alt)) = &mut self.image {
                    *has_alt |= !text.trim().is_empty();
                }
                self.out.push(event);
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.link(link_type, dest_url, title, id, range.start, body);
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.image(link_type, dest_url, title, id, range);
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if info.trim() == "chart" => {
                self.chart = Some((String::new(), range.start));
            }
            Event::End(TagEnd::Image) => {
                if let Some((offset, false)) = self.image.take() {
                    self.resolver.problem(Problem::MissingAlt, offset);
                }
                self.out.push(Event::End(TagEnd::Image));
            }
            Event::Html(html) | Event::InlineHtml(html) => self.raw_html(html, range.start),
            Event::FootnoteReference(name) => {
                let (n, id) = self.footnote(&name);
                let html = format!(
                    r##"<sup class="footnote-reference" id="{id}-ref"><a href="#{id}">{n}</a></sup>"##
                );
                self.out.push(Event::InlineHtml(html.into()));
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let (n, id) = self.footnote(&name);
                let html = format!(
                    r#"<div class="footnote-definition" id="{id}"><sup class="footnote-definition-label">{n}</sup>"#
                );
                self.out.push(Event::Html(html.into()));
            }
            Event::End(TagEnd::FootnoteDefinition) => self.out.push(Event::Html("</div>\n".into())),
            other => self.out.push(other),
        }
    }

    /// The number and element id of footnote `name`, numbered by first appearance.
    fn footnote(&mut self, name: &str) -> (usize, String) {
        let n = match self.footnotes.iter().position(|f| f == name) {
            Some(i) => i + 1,
            None => {
                self.footnotes.push(name.to_string());
                self.footnotes.len()
            }
        };
        (n, format!("{}fn-{}", self.prefix, slugify(name)))
    }

    fn end_heading(&mut self, level: HeadingLevel) {
        let Some((start, text)) = self.heading.take() else {
            return;
        };
        let Event::Start(Tag::Heading { id, .. }) = &mut self.out[start] else {
            return;
        };
        let wanted = match id {
            Some(given) => given.to_string(),
            None => format!("{}{}", self.prefix, non_empty(slugify(&text))),
        };
        let unique = unique_id(&mut self.ids, wanted);
        *id = Some(CowStr::from(unique.clone()));
        self.toc.push(Heading {
            level: level as u8,
            id: unique,
            text,
        });
    }

    fn link(
        &mut self,
        kind: pulldown_cmark::LinkType,
        url: CowStr<'a>,
        title: CowStr<'a>,
        id: CowStr<'a>,
        offset: usize,
        body: &str,
    ) {
        if let Some(inner) = url.strip_prefix(CITE) {
            self.skipping = Skip::Cite;
            let inner = inner.to_string();
            return self.cite(&inner, offset + body[offset..].find('@').unwrap_or(0));
        }
        let target = classify(&url);
        let resolved = match &target {
            Target::Plain => Some(url.to_string()),
            Target::Unsafe(scheme) => {
                self.resolver.problem(Problem::UnsafeUrl(scheme), offset);
                None
            }
            _ => self.resolver.link(&target, offset),
        };
        match resolved {
            Some(dest) => self.out.push(Event::Start(Tag::Link {
                link_type: kind,
                dest_url: dest.into(),
                title,
                id,
            })),
            None => self.skipping = Skip::LinkEnd,
        }
    }

    fn image(
        &mut self,
        kind: pulldown_cmark::LinkType,
        url: CowStr<'a>,
        title: CowStr<'a>,
        id: CowStr<'a>,
        range: Range<usize>,
    ) {
        let problem = match classify(&url) {
            Target::Unsafe(scheme) => Some(Problem::UnsafeUrl(scheme)),
            Target::Claim(_) => Some(Problem::ImageOfPage("claim")),
            Target::Source(_) => Some(Problem::ImageOfPage("source")),
            Target::Note { .. } => Some(Problem::ImageOfPage("note")),
            Target::Plain => None,
        };
        if let Some(problem) = problem {
            self.resolver.problem(problem, range.start);
            self.skipping = Skip::ImageEnd;
            return;
        }
        self.image = Some((range.start, false));
        self.out.push(Event::Start(Tag::Image {
            link_type: kind,
            dest_url: url,
            title,
            id,
        }));
    }

    fn cite(&mut self, inner: &str, offset: usize) {
        let cites = match parse_cites(inner) {
            Ok(cites) => cites,
            Err(part) => return self.resolver.problem(Problem::BadCite(part), offset),
        };
        self.cites += 1;
        let anchor = format!("{}cite-{}", self.prefix, self.cites);
        let mut marks = self.resolver.cite(&cites, &anchor, offset);
        if marks.is_empty() {
            return;
        }
        // a group reads in order, `[4, 5, 6]`, whatever order the sources were written in
        marks.sort_by_key(|m| m.label.parse::<u64>().unwrap_or(u64::MAX));
        let links: Vec<String> = marks
            .iter()
            .map(|m| {
                format!(
                    r#"<a href="{}" title="{}">{}</a>"#,
                    escape(&m.href),
                    escape(&m.title),
                    escape(&m.label)
                )
            })
            .collect();
        let html = format!(
            r#"<sup class="cite" id="{anchor}">[{}]</sup>"#,
            links.join(", ")
        );
        self.out.push(Event::InlineHtml(html.into()));
    }

    fn end_chart(&mut self) {
        if let Some((yaml, offset)) = self.chart.take() {
            let html = self.resolver.chart(&yaml, offset);
            self.out.push(Event::Html(html.into()));
        }
    }

    fn raw_html(&mut self, html: CowStr<'a>, offset: usize) {
        let trimmed = html.trim();
        if trimmed.starts_with("<!--") {
            return;
        }
        if !trimmed.is_empty() {
            self.resolver.problem(Problem::RawHtml, offset);
        }
        self.out.push(Event::Text(html));
    }
}

fn non_empty(slug: String) -> String {
    if slug.is_empty() {
        "section".to_string()
    } else {
        slug
    }
}

fn unique_id(ids: &mut HashSet<String>, wanted: String) -> String {
    let mut id = wanted.clone();
    let mut n = 1;
    while !ids.insert(id.clone()) {
        id = format!("{wanted}-{n}");
        n += 1;
    }
    id
}

#[cfg(test)]
mod tests;
