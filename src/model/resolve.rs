//! Resolving a Markdown body: links and citations become URLs and numbered references,
//! and every reference is recorded so backlinks can be filled in afterwards.

use std::cell::OnceCell;
use std::sync::Arc;

#[cfg(doc)]
use super::Reference;
use super::charts::{self, ChartPlace, ChartUse, SourceLinks};
use super::declare::Text;
use crate::codes::Code;
use crate::diagnostics::{Diagnostic, Lines, Pos, did_you_mean};
use crate::fingerprint::Map;
use crate::markdown::{self, Cite, CiteMark, Problem, Rendered, Resolver, Target};
use crate::urls;

/// Every id a body may refer to.
pub(super) struct Index<'b> {
    /// Claim id → index.
    pub claims: Map<&'b str, usize>,
    /// Source id → index.
    pub sources: Map<&'b str, usize>,
    /// Note slug → index.
    pub notes: Map<&'b str, usize>,
    /// Source titles, by index, for citation tooltips and chart captions.
    pub source_titles: Vec<&'b str>,
    /// Source publishers, by index, for chart captions.
    pub source_publishers: Vec<&'b str>,
    /// Each claim's figure and unit, by index, for chart values bound to claims.
    pub claim_figures: Vec<(Option<f64>, Option<&'b str>)>,
    /// Whether each claim's figure is derived from others (`derived:`), by index: charts
    /// mark the values bound to those.
    pub claim_derived: Vec<bool>,
    /// A fingerprint of every answer the index can give ([`Index::answers_print`]): bodies
    /// checked against an index with the same one get the same answers.
    pub print: u64,
}

impl Index<'_> {
    /// A fingerprint of every fact a body can look up: which ids there are, each claim's
    /// figure, each source's title and publisher. Not where they stand: the sum of one
    /// fingerprint per id, so notes moved in reading order leave it as it was.
    pub fn answers_print(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let one = |fact: &dyn Fn(&mut crate::fingerprint::Fold)| {
            let mut h = crate::fingerprint::Fold::default();
            fact(&mut h);
            h.finish()
        };
        let claims = self.claims.iter().map(|(id, &i)| {
            let (value, unit) = self.claim_figures[i];
            let derived = self.claim_derived[i];
            one(&|h| ("claim", id, value.map(f64::to_bits), unit, derived).hash(h))
        });
        let sources = self.sources.iter().map(|(id, &i)| {
            let named = (self.source_titles[i], self.source_publishers[i]);
            one(&|h| ("source", id, named).hash(h))
        });
        let notes = self.notes.keys().map(|id| one(&|h| ("note", id).hash(h)));
        claims
            .chain(sources)
            .chain(notes)
            .fold(0, u64::wrapping_add)
    }
}

/// What one body refers to, by id: it stays true however the briefing around it is ordered.
#[derive(Debug, Clone, Default)]
pub(super) struct Outgoing {
    /// Claims linked to.
    pub claims: Vec<String>,
    /// Sources cited or linked to.
    pub sources: Vec<String>,
    /// Notes linked to.
    pub notes: Vec<String>,
    /// `note:x#fragment` links, to check once every note's headings are known.
    pub fragments: Vec<FragmentLink>,
    /// Charts drawn, with the claims and sources each uses.
    pub charts: Vec<ChartUse>,
}

/// A link to a fragment of a note.
#[derive(Debug, Clone)]
pub(super) struct FragmentLink {
    /// The note linked to.
    pub note: String,
    /// The fragment.
    pub fragment: String,
    /// Where the link is.
    pub at: Diagnostic,
}

/// A rendered body with what it refers to.
#[derive(Debug, Clone, Default)]
pub(super) struct Resolved {
    /// The HTML and the headings.
    pub rendered: Rendered,
    /// The numbered reference list, by source id.
    pub references: Vec<Cited>,
    /// Everything the body refers to.
    pub outgoing: Outgoing,
    /// Its problems.
    pub diagnostics: Vec<Diagnostic>,
}

/// One entry of a body's reference list, by source id ([`Reference`] once linked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Cited {
    /// The source's id.
    pub source: String,
    /// The element ids of its citations in the body, for links back (shared with the
    /// briefing's [`Reference`]).
    pub anchors: Arc<[String]>,
    /// The locators given in the citations, without repeats.
    pub locators: Arc<[String]>,
}

/// An entry of the reference list while the body is read.
struct Citing {
    /// The source's id.
    source: String,
    /// The element ids of its citations so far.
    anchors: Vec<String>,
    /// The locators given so far.
    locators: Vec<String>,
}

impl From<Citing> for Cited {
    fn from(c: Citing) -> Cited {
        Cited {
            source: c.source,
            anchors: c.anchors.into(),
            locators: c.locators.into(),
        }
    }
}

impl Resolved {
    /// The facts of `index` this body was rendered with: whether each id it refers to exists,
    /// each claim's figure and unit, each source's title and publisher. A body rendered
    /// against an index giving the same answers renders the same.
    pub fn answers(&self, index: &Index<'_>) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = crate::fingerprint::Fold::default();
        let out = &self.outgoing;
        for id in &out.claims {
            let figure = index
                .claims
                .get(id.as_str())
                .map(|&i| (index.claim_figures[i], index.claim_derived[i]));
            figure
                .map(|((value, unit), derived)| (value.map(f64::to_bits), unit, derived))
                .hash(&mut h);
        }
        for id in &out.sources {
            let at = index.sources.get(id.as_str());
            at.map(|&i| (index.source_titles[i], index.source_publishers[i]))
                .hash(&mut h);
        }
        for id in &out.notes {
            index.notes.contains_key(id.as_str()).hash(&mut h);
        }
        h.finish()
    }
}

/// Renders `text` for a page whose way back to the site root is `root` (e.g. `../../`).
pub(super) fn resolve(index: &Index<'_>, text: &Text<'_>, root: &str) -> Resolved {
    let mut resolver = BodyResolver {
        index,
        text,
        root,
        references: Vec::new(),
        outgoing: Outgoing::default(),
        diagnostics: Vec::new(),
        charts: 0,
        lines: OnceCell::new(),
    };
    let rendered = markdown::render(text.markdown, "", &mut resolver);
    Resolved {
        rendered,
        references: resolver.references.into_iter().map(Cited::from).collect(),
        outgoing: resolver.outgoing,
        diagnostics: resolver.diagnostics,
    }
}

/// Where a chart block's `yaml` starts, given where its opening fence is: on the next line,
/// each line taken in as far as the fence; at the fence for a block with nothing in it (which
/// may have no next line, at the end of a file).
fn yaml_start(fence: Pos, yaml: &str) -> Pos {
    match yaml.is_empty() {
        true => fence,
        false => Pos::new(fence.line + 1, fence.col),
    }
}

struct BodyResolver<'i, 'c> {
    index: &'i Index<'i>,
    text: &'i Text<'c>,
    root: &'i str,
    references: Vec<Citing>,
    outgoing: Outgoing,
    diagnostics: Vec<Diagnostic>,
    /// Chart blocks seen so far, for their element ids.
    charts: usize,
    /// The lines of the file, once a position in it is needed.
    lines: OnceCell<Lines>,
}

impl BodyResolver<'_, '_> {
    /// The position of byte `offset` of the Markdown, found through the file's lines so that
    /// many problems in one body cost no more than one reading of it.
    fn pos(&self, offset: usize) -> Pos {
        match self.text.origin {
            Some((text, base)) => self
                .lines
                .get_or_init(|| Lines::new(text))
                .pos(text, base + offset),
            None => self.text.at,
        }
    }

    fn error(&mut self, code: Code, offset: usize, message: String, help: String) {
        let d = Diagnostic::error(code, self.text.file, self.pos(offset), message).with_help(help);
        self.diagnostics.push(d);
    }

    fn unknown(
        &mut self,
        what: &str,
        id: &str,
        ids: &Map<&str, usize>,
        offset: usize,
        otherwise: &str,
    ) {
        let help = did_you_mean(id, ids.keys().copied(), otherwise);
        let code = match what {
            "claim" => Code::UnknownClaim,
            "note" => Code::UnknownNote,
            _ => Code::UnknownSource,
        };
        self.error(code, offset, format!("there is no {what} `{id}`"), help);
    }

    fn reference(&mut self, source: &str) -> usize {
        match self.references.iter().position(|r| r.source == source) {
            Some(i) => i,
            None => {
                self.references.push(Citing {
                    source: source.to_string(),
                    anchors: Vec::new(),
                    locators: Vec::new(),
                });
                self.references.len() - 1
            }
        }
    }
}

impl Resolver for BodyResolver<'_, '_> {
    fn link(&mut self, target: &Target<'_>, offset: usize) -> Option<String> {
        let index = self.index;
        match *target {
            Target::Claim(id) => match index.claims.get(id) {
                Some(_) => {
                    self.outgoing.claims.push(id.to_string());
                    Some(format!("{}{}", self.root, urls::claim(id)))
                }
                None => {
                    self.unknown(
                        "claim",
                        id,
                        &index.claims,
                        offset,
                        "claims are declared under `claims:` in a note's front matter",
                    );
                    None
                }
            },
            Target::Source(id) => match index.sources.get(id) {
                Some(_) => {
                    self.outgoing.sources.push(id.to_string());
                    Some(format!("{}{}", self.root, urls::source(id)))
                }
                None => {
                    self.unknown("source", id, &index.sources, offset, "sources are files in content/sources/ or entries under `sources:` in a note");
                    None
                }
            },
            Target::Note { slug, fragment } => match index.notes.get(slug) {
                Some(_) => {
                    self.outgoing.notes.push(slug.to_string());
                    let url = format!("{}{}", self.root, urls::note(slug));
                    Some(match fragment {
                        Some(f) => {
                            let at = Diagnostic::error(
                                Code::UnknownFragment,
                                self.text.file,
                                self.pos(offset),
                                "",
                            );
                            self.outgoing.fragments.push(FragmentLink {
                                note: slug.to_string(),
                                fragment: f.to_string(),
                                at,
                            });
                            format!("{url}#{f}")
                        }
                        None => url,
                    })
                }
                None => {
                    self.unknown(
                        "note",
                        slug,
                        &index.notes,
                        offset,
                        "notes are the files in content/notes/; link to them by file name",
                    );
                    None
                }
            },
            Target::Plain | Target::Unsafe(_) => None,
        }
    }

    fn cite(&mut self, cites: &[Cite<'_>], anchor: &str, offset: usize) -> Vec<CiteMark> {
        let mut marks = Vec::new();
        for cite in cites {
            let Some(&source) = self.index.sources.get(cite.id) else {
                let ids = &self.index.sources;
                self.unknown(
                    "source",
                    cite.id,
                    ids,
                    offset,
                    "cite sources by id: [@source-id]; sources are files in content/sources/",
                );
                continue;
            };
            self.outgoing.sources.push(cite.id.to_string());
            let n = self.reference(cite.id);
            let reference = &mut self.references[n];
            if reference.anchors.last().map(String::as_str) != Some(anchor) {
                reference.anchors.push(anchor.to_string());
            }
            if let Some(l) = cite
                .locator
                .filter(|l| !reference.locators.iter().any(|x| x == l))
            {
                reference.locators.push(l.to_string());
            }
            let title = self.index.source_titles[source];
            let title = cite
                .locator
                .map_or(title.to_string(), |l| format!("{title}, {l}"));
            marks.push(CiteMark {
                label: (n + 1).to_string(),
                href: format!("#ref-{}", n + 1),
                title,
            });
        }
        marks
    }

    fn chart(&mut self, yaml: &str, offset: usize) -> String {
        self.charts += 1;
        let place = ChartPlace {
            text: self.text,
            links: SourceLinks::Pages(self.root),
            anchor: format!("chart-{}", self.charts),
            start: yaml_start(self.pos(offset), yaml),
        };
        let charted = charts::chart(self.index, &place, yaml);
        self.diagnostics.extend(charted.diagnostics);
        if let Some(used) = charted.used {
            self.outgoing.claims.extend(used.claims.iter().cloned());
            self.outgoing.sources.extend(used.sources.iter().cloned());
            self.outgoing.charts.push(used);
        }
        charted.html
    }

    fn problem(&mut self, problem: Problem<'_>, offset: usize) {
        let (code, message, help) = match problem {
            Problem::UnsafeUrl(scheme) => (
                Code::BadUrl,
                format!("links to `{scheme}:` addresses are not allowed"),
                "link to http(s) or mailto addresses, or to claim:, source: and note: ids"
                    .to_string(),
            ),
            Problem::ImageOfPage(what) => (
                Code::BadImage,
                format!("an image shows a picture, but this one points at a {what}'s page"),
                format!(
                    "to link to the {what}, drop the `!`: [text]({what}:id); an image takes a file in static/ or a web address"
                ),
            ),
            Problem::BadCite(part) => (
                Code::BadCitation,
                format!("`{part}` in a citation is not a source id"),
                "write citations as [@source-id] or [@one; @two]".to_string(),
            ),
            Problem::MissingAlt => (
                Code::MissingAlt,
                "the image has no alternative text".to_string(),
                "describe what it shows: ![what the image shows](file.png)".to_string(),
            ),
            Problem::RawHtml => {
                let d = Diagnostic::warning(
                    Code::RawHtml,
                    self.text.file,
                    self.pos(offset),
                    "raw HTML is shown as text, not as markup",
                )
                .with_help("use Markdown instead: HTML in notes is not passed through, for safety");
                return self.diagnostics.push(d);
            }
            Problem::HeadingAttribute(name) => {
                let d = Diagnostic::warning(
                    Code::HeadingAttribute,
                    self.text.file,
                    self.pos(offset),
                    format!("the heading attribute `{name}` is left out"),
                )
                .with_help("a heading takes an id and classes only: `## Title {#id .class}`");
                return self.diagnostics.push(d);
            }
        };
        self.error(code, offset, message, help);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index<'a>(claims: &[(&'a str, f64)], notes: &[&'a str]) -> Index<'a> {
        let at = |ids: Vec<&'a str>| ids.into_iter().enumerate().map(|(i, id)| (id, i)).collect();
        Index {
            claims: at(claims.iter().map(|c| c.0).collect()),
            sources: Map::default(),
            notes: at(notes.to_vec()),
            source_titles: Vec::new(),
            source_publishers: Vec::new(),
            claim_figures: claims.iter().map(|c| (Some(c.1), Some("t"))).collect(),
            claim_derived: vec![false; claims.len()],
            print: 0,
        }
    }

    #[test]
    fn the_answers_print_follows_the_facts_not_their_order() {
        let a = index(&[("x", 1.0), ("y", 2.0)], &["n", "m"]);
        let moved = index(&[("y", 2.0), ("x", 1.0)], &["m", "n"]);
        assert_eq!(a.answers_print(), moved.answers_print(), "moved");
        let refigured = index(&[("x", 1.0), ("y", 3.0)], &["n", "m"]);
        assert_ne!(a.answers_print(), refigured.answers_print(), "a figure");
        let removed = index(&[("x", 1.0), ("y", 2.0)], &["n"]);
        assert_ne!(a.answers_print(), removed.answers_print(), "a note");
    }
}
