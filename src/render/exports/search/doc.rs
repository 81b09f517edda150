//! What the search knows of one note, claim or source (a document): what a result shows
//! (its title, its page, its text for the snippet) and its terms, each with a weight.

use super::fold::{fold, index_terms};
use super::key::{Key, Keyed};
use super::text::push_text;
use crate::model::{Briefing, Claim, Note, Source};

/// The kinds of documents, in the order results are grouped: notes, claims, sources.
pub const KINDS: [Kind; 3] = [Kind::Note, Kind::Claim, Kind::Source];

/// What a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum Kind {
    /// A note.
    Note,
    /// A claim.
    Claim,
    /// A source.
    Source,
}

impl Kind {
    /// The letter naming the kind in file names.
    pub fn letter(self) -> char {
        match self {
            Kind::Note => 'n',
            Kind::Claim => 'c',
            Kind::Source => 's',
        }
    }
}

/// A document's text beyond this many bytes is not kept for snippets (it is still indexed).
pub const SNIPPET_TEXT: usize = 16_000;

/// One document: what a result shows, and its terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    /// What a result shows first.
    pub title: String,
    /// The slug or id its page is named by.
    pub slug: String,
    /// Its text, for the snippet (at most [`SNIPPET_TEXT`] bytes).
    pub text: String,
    /// Its terms, each with its weight (0–7: more in the title, more when repeated), in no
    /// order.
    pub terms: Vec<(Box<str>, u8)>,
}

/// Where a term was found: the title weighs most, then the lines that sum a document up
/// (summary, headings, tags, ids), then the text.
#[derive(Clone, Copy)]
enum Field {
    Text = 0,
    Lines = 2,
    Title = 4,
}

/// The documents of `b` in order: its notes, claims, sources; how many of each.
pub fn counts(b: &Briefing) -> [usize; 3] {
    [
        b.notes.unnoted().len(),
        b.claims.unnoted().len(),
        b.sources.unnoted().len(),
    ]
}

/// The kind and position within its kind of document `i`.
pub fn place(b: &Briefing, i: usize) -> (Kind, usize) {
    let [n, c, _] = counts(b);
    match i {
        i if i < n => (Kind::Note, i),
        i if i < n + c => (Kind::Claim, i - n),
        i => (Kind::Source, i - n - c),
    }
}

/// What names document `i` from build to build: its kind and its slug or id.
pub fn key(b: &Briefing, i: usize) -> (Kind, &str) {
    match place(b, i) {
        (Kind::Note, at) => (Kind::Note, &b.notes.unnoted()[at].slug),
        (Kind::Claim, at) => (Kind::Claim, &b.claims.unnoted()[at].id),
        (Kind::Source, at) => (Kind::Source, &b.sources.unnoted()[at].id),
    }
}

/// Document `i` (reading the briefing through its noted lists).
pub fn doc(b: &Briefing, i: usize) -> Doc {
    let mut terms = Vec::new();
    let mut doc = doc_with(b, i, &mut |t, w| terms.push((Box::from(t.as_str()), w)));
    doc.terms = terms;
    doc
}

/// Document `i` without its terms, which are handed to `term` with their weights instead
/// (nothing is allocated for a term).
pub fn doc_with(b: &Briefing, i: usize, term: &mut dyn FnMut(Key<'_>, u8)) -> Doc {
    let (title, slug, lines, text) = match place(b, i) {
        (Kind::Note, at) => note(b, &b.notes[at]),
        (Kind::Claim, at) => claim(&b.claims[at]),
        (Kind::Source, at) => source(&b.sources[at]),
    };
    made(title, slug, &lines, text, term)
}

/// A document's fields: its title, slug, the lines that sum it up, its text.
type Fields = (String, String, String, String);

fn note(b: &Briefing, n: &Note) -> Fields {
    let mut lines: Vec<&str> = n.toc.iter().map(|h| h.text.as_str()).collect();
    lines.extend(n.tags.iter().map(|&t| b.tags[t].name.as_str()));
    let mut text = n.summary.clone().unwrap_or_default();
    text.push(' ');
    push_text(&n.body_html, &mut text, usize::MAX);
    (n.title.clone(), n.slug.clone(), lines.join(" "), text)
}

fn claim(c: &Claim) -> Fields {
    let figure = c.value.map(|v| v.to_string());
    let lines = [
        Some(c.id.as_str()),
        figure.as_deref(),
        c.unit.as_deref(),
        c.period.as_deref(),
        c.status.map(|s| s.label()),
    ];
    let lines: Vec<&str> = lines.into_iter().flatten().collect();
    let text = [c.period.as_deref(), c.note.as_deref()];
    let text: Vec<&str> = text.into_iter().flatten().collect();
    (
        c.text.clone(),
        c.id.clone(),
        lines.join(" "),
        text.join(" · "),
    )
}

fn source(s: &Source) -> Fields {
    let date = s.date.to_string();
    let lines = [
        Some(s.id.as_str()),
        s.author.as_deref(),
        Some(date.as_str()),
    ];
    let lines: Vec<&str> = lines.into_iter().flatten().collect();
    let mut text = format!("{} · {date}. ", s.publisher);
    push_text(&s.annotation_html, &mut text, usize::MAX);
    (s.title.clone(), s.id.clone(), lines.join(" "), text)
}

/// A document from its fields: the terms of each, weighed and handed to `term`, and its text
/// cut for snippets.
fn made(
    title: String,
    slug: String,
    lines: &str,
    mut text: String,
    term: &mut dyn FnMut(Key<'_>, u8),
) -> Doc {
    let text_len = text.trim_end().len();
    text.truncate(text_len);
    let folded = [
        (fold(&title), Field::Title),
        (fold(lines), Field::Lines),
        (fold(&text), Field::Text),
    ];
    let mut found: Keyed<&str, (u32, u8)> = Keyed::with_capacity(text.len() / 12);
    for (words, field) in &folded {
        index_terms(words, |t| {
            let seen = found.get_or(Key::of(t), |t| t, || (0, 0));
            seen.0 += 1;
            seen.1 = seen.1.max(*field as u8);
        });
    }
    found.for_each(|t, (times, field)| term(t, weight(times, field)));
    cut(&mut text, SNIPPET_TEXT);
    Doc {
        title,
        slug,
        text,
        terms: Vec::new(),
    }
}

/// The weight of a term found `times` times, at best in `field`: 0–7.
fn weight(times: u32, field: u8) -> u8 {
    let repeated = match times {
        1 => 0,
        2..=3 => 1,
        4..=7 => 2,
        _ => 3,
    };
    (field + repeated).min(7)
}

/// `text` cut to at most `limit` bytes, on a character.
fn cut(text: &mut String, limit: usize) {
    if text.len() > limit {
        let mut at = limit;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        text.truncate(at);
    }
}

/// Strings in the order the browser sorts them (by UTF-16 code units), so that both look up
/// a term in the same place.
pub fn browser_order(a: &str, b: &str) -> std::cmp::Ordering {
    if a.is_ascii() && b.is_ascii() {
        return a.cmp(b);
    }
    a.encode_utf16().cmp(b.encode_utf16())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_weighed_by_field_and_repetition() {
        let mut terms = Vec::new();
        let doc = made(
            "Rare earths".into(),
            "x".into(),
            "magnets",
            "rare rare magnets of Ürümqi ".into(),
            &mut |t, w| terms.push((t.as_str().to_string(), w)),
        );
        let weight = |t: &str| terms.iter().find(|(x, _)| x == t).map(|x| x.1);
        assert_eq!(weight("rare"), Some(5), "in the title, three times");
        assert_eq!(weight("magnets"), Some(3));
        assert_eq!(weight("urumqi"), Some(0));
        assert_eq!(weight("earths"), Some(4));
        assert_eq!(doc.text, "rare rare magnets of Ürümqi");
    }

    #[test]
    fn the_browser_order_puts_astral_characters_before_halfwidth_ones() {
        assert!(browser_order("\u{20000}", "\u{ff66}").is_lt());
        assert!(browser_order("b", "a").is_gt());
    }
}
