//! The print edition: every note body rendered a second time for one long page, where
//! links point inside the page and citations become endnotes numbered across the briefing.

use super::charts::{self, ChartPlace, SourceLinks};
use super::declare::Text;
use super::resolve::Index;
use super::{Endnote, PrintEdition};
use crate::diagnostics::Pos;
use crate::markdown::{self, Cite, CiteMark, Problem, Resolver, Target};

/// Renders the front page's body and every note body (in reading order) for the print page.
pub(super) fn render(
    index: &Index<'_>,
    front: Option<&Text<'_>>,
    bodies: &[(Text<'_>, &str)],
) -> PrintEdition {
    let mut edition = PrintEdition::default();
    if let Some(text) = front {
        let mut resolver = PrintResolver {
            index,
            note: None,
            endnotes: &mut edition.endnotes,
            text,
            prefix: "front--",
            charts: 0,
        };
        edition.front = markdown::render(text.markdown, "front--", &mut resolver).html;
    }
    for (note, (text, slug)) in bodies.iter().enumerate() {
        let prefix = format!("{slug}--");
        let mut resolver = PrintResolver {
            index,
            note: Some(note),
            endnotes: &mut edition.endnotes,
            text,
            prefix: &prefix,
            charts: 0,
        };
        // Under the note's title, an h2 of the print page.
        let rendered = markdown::render_under(text.markdown, &prefix, &mut resolver, 2);
        edition.bodies.push(rendered.html);
    }
    edition
}

/// Resolves links to places in the print page and citations to endnotes.
struct PrintResolver<'i, 'e> {
    index: &'i Index<'i>,
    note: Option<usize>,
    endnotes: &'e mut Vec<Endnote>,
    /// The body, to place chart blocks.
    text: &'e Text<'e>,
    /// The prefix of the body's element ids on the one page, e.g. `trade-talks--`.
    prefix: &'e str,
    /// Chart blocks seen so far, for their element ids.
    charts: usize,
}

impl Resolver for PrintResolver<'_, '_> {
    fn link(&mut self, target: &Target<'_>, _offset: usize) -> Option<String> {
        let index = self.index;
        match *target {
            Target::Claim(id) => index
                .claims
                .contains_key(id)
                .then(|| format!("#claim-{id}")),
            Target::Source(id) => index
                .sources
                .contains_key(id)
                .then(|| format!("#source-{id}")),
            Target::Note { slug, fragment } => {
                index.notes.contains_key(slug).then(|| match fragment {
                    Some(f) => format!("#{slug}--{f}"),
                    None => format!("#note-{slug}"),
                })
            }
            Target::Plain | Target::Unsafe(_) => None,
        }
    }

    fn cite(&mut self, cites: &[Cite<'_>], anchor: &str, _offset: usize) -> Vec<CiteMark> {
        let known: Vec<(usize, Option<String>)> = cites
            .iter()
            .filter_map(|c| {
                Some((
                    *self.index.sources.get(c.id)?,
                    c.locator.map(str::to_string),
                ))
            })
            .collect();
        if known.is_empty() {
            return Vec::new();
        }
        let number = self.endnotes.len() + 1;
        let title = known
            .iter()
            .map(|(s, _)| self.index.source_titles[*s])
            .collect::<Vec<_>>()
            .join("; ");
        self.endnotes.push(Endnote {
            number,
            note: self.note,
            anchor: anchor.to_string(),
            cites: known,
        });
        vec![CiteMark {
            label: number.to_string(),
            href: format!("#endnote-{number}"),
            title,
        }]
    }

    fn chart(&mut self, yaml: &str, _offset: usize) -> String {
        // Drawn again for the one page: ids carry the note's prefix, sources link to the
        // page's own source list, and the page render has already reported any problem (so
        // no line is looked for).
        self.charts += 1;
        let place = ChartPlace {
            text: self.text,
            links: SourceLinks::InPage,
            anchor: format!("{}chart-{}", self.prefix, self.charts),
            start: Pos::new(1, 1),
        };
        charts::chart(self.index, &place, yaml).html
    }

    fn problem(&mut self, _problem: Problem<'_>, _offset: usize) {
        // The page render of the same body has already reported every problem.
    }
}
