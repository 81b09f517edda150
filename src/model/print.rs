//! The print edition: every note body rendered a second time for one long page, where
//! links point inside the page and citations become endnotes numbered across the briefing.

use super::declare::Text;
use super::resolve::Index;
use super::{Endnote, PrintEdition};
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
        };
        edition.front = markdown::render(text.markdown, "front--", &mut resolver).html;
    }
    for (note, (text, slug)) in bodies.iter().enumerate() {
        let mut resolver = PrintResolver {
            index,
            note: Some(note),
            endnotes: &mut edition.endnotes,
        };
        let prefix = format!("{slug}--");
        let rendered = markdown::render(text.markdown, &prefix, &mut resolver);
        edition.bodies.push(rendered.html);
    }
    edition
}

/// Resolves links to places in the print page and citations to endnotes.
struct PrintResolver<'i, 'e> {
    index: &'i Index<'i>,
    note: Option<usize>,
    endnotes: &'e mut Vec<Endnote>,
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
        format!(
            "<pre><code class=\"language-chart\">{}</code></pre>\n",
            crate::html::escape(yaml)
        )
    }

    fn problem(&mut self, _problem: Problem<'_>, _offset: usize) {
        // The page render of the same body has already reported every problem.
    }
}
