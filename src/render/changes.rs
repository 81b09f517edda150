//! What changed between two builds of a briefing, as the reads of [`model::list`] name it:
//! each note, claim, source, tag and section compared by id (their links to one another as
//! ids too, so a move renumbers nothing), each list's order, each note's neighbours, each
//! register page's notes, the front page's own fields. A page whose recorded reads meet none
//! of these shows what it showed. A change every page shows (settings, the briefing's title,
//! date or edition, the print edition coming or going) changes [`Changes::all`].

use rayon::prelude::*;

use super::register;
use crate::fingerprint;
use std::sync::Arc;

use crate::model::{Briefing, Claim, Kind, Note, Read, Source, Statement, Tag};

/// The keys of what changed.
#[derive(Debug, Default)]
pub struct Changes {
    /// Every page may show it: view them all again.
    pub all: bool,
    /// The keys ([`key`]) of the reads whose answer changed.
    keys: fingerprint::Set<Key>,
}

impl Changes {
    /// Everything: for a first build.
    pub fn everything() -> Changes {
        Changes {
            all: true,
            keys: fingerprint::Set::default(),
        }
    }

    /// True when a page whose reads have `keys` may show something else now.
    pub fn touch(&self, keys: &[Key]) -> bool {
        self.all || keys.iter().any(|k| self.keys.contains(k))
    }

    /// What changed from `old` to `new`.
    pub fn between(old: &Briefing, new: &Briefing) -> Changes {
        if site_wide(old) != site_wide(new) || !same_editions(old, new) {
            return Changes::everything();
        }
        let mut keys = fingerprint::Set::default();
        for kind in [
            Kind::Note,
            Kind::Claim,
            Kind::Source,
            Kind::Tag,
            Kind::Section,
        ] {
            keys.extend(items(old, new, kind));
        }
        neighbours(old, new, &mut keys);
        registers(old, new, &mut keys);
        let (a, b) = (&old.front, &new.front);
        let front_changed = a.summary != b.summary
            || a.body_html != b.body_html
            || a.review_by != b.review_by
            || a.overdue != b.overdue;
        if front_changed {
            keys.insert(key(new, Read::Front));
        }
        Changes { all: false, keys }
    }
}

/// What every page shows of the briefing as a whole.
fn site_wide(b: &Briefing) -> impl PartialEq + use<'_> {
    let f = &b.front;
    (&b.config, &f.title, f.date, &f.edition, b.print.is_some())
}

/// Whether the two builds have the same frozen editions, which decide every claim page's
/// history and the footer's link: the same files are kept between loads, so compared by
/// address first.
fn same_editions(old: &Briefing, new: &Briefing) -> bool {
    let frozen = |b: &Briefing| b.editions.as_ref().map(|e| e.frozen.clone());
    match (frozen(old), frozen(new)) {
        (None, None) => true,
        (Some(a), Some(b)) => {
            a.len() == b.len() && a.iter().zip(&b).all(|(x, y)| Arc::ptr_eq(x, y) || x == y)
        }
        _ => false,
    }
}

/// The key of a read: the low half of its fingerprint, to keep the records of 40,000 pages
/// small. Two reads that share a key only make a page viewed again for nothing (the page's
/// fingerprint still spares its file); a read whose answer changed is never missed.
pub type Key = u32;

/// The key of `read` in `b`: items by kind and id, the rest by what they are.
pub fn key(b: &Briefing, read: Read) -> Key {
    let print = match read {
        Read::Item(kind, i) => fingerprint::of(&(kind as u8, id(b, kind, i))),
        Read::Named(kind, i) => fingerprint::of(&("named", kind as u8, id(b, kind, i))),
        Read::All(kind) => fingerprint::of(&("all", kind as u8)),
        Read::Neighbours(i) => fingerprint::of(&("neighbours", id(b, Kind::Note, i))),
        Read::Register(k) => fingerprint::of(&("register", k)),
        Read::Front => fingerprint::of(&"front"),
    };
    print as Key
}

/// The keys of `reads` in `b`, sorted, without repeats: what a page or an entry is kept with.
pub fn keys(b: &Briefing, reads: Vec<Read>) -> std::sync::Arc<[Key]> {
    let mut keys: Vec<Key> = reads.into_iter().map(|r| key(b, r)).collect();
    keys.sort_unstable();
    keys.dedup();
    keys.into()
}

/// The id of item `i` of list `kind`.
fn id(b: &Briefing, kind: Kind, i: usize) -> &str {
    match kind {
        Kind::Note => &b.notes.unnoted()[i].slug,
        Kind::Claim => &b.claims.unnoted()[i].id,
        Kind::Source => &b.sources.unnoted()[i].id,
        Kind::Tag => &b.tags.unnoted()[i].slug,
        Kind::Section => &b.sections.unnoted()[i].slug,
    }
}

/// The title of item `i` of list `kind`: with its id, what a [`Read::Named`] reads.
fn title(b: &Briefing, kind: Kind, i: usize) -> Option<&str> {
    match kind {
        Kind::Note => Some(&b.notes.unnoted()[i].title),
        Kind::Claim => None,
        Kind::Source => Some(&b.sources.unnoted()[i].title),
        Kind::Tag => Some(&b.tags.unnoted()[i].name),
        Kind::Section => b.sections.unnoted()[i].title.as_deref(),
    }
}

/// The ids of list `kind`, in order.
fn ids(b: &Briefing, kind: Kind) -> Vec<&str> {
    let n = match kind {
        Kind::Note => b.notes.unnoted().len(),
        Kind::Claim => b.claims.unnoted().len(),
        Kind::Source => b.sources.unnoted().len(),
        Kind::Tag => b.tags.unnoted().len(),
        Kind::Section => b.sections.unnoted().len(),
    };
    (0..n).map(|i| id(b, kind, i)).collect()
}

/// The keys of list `kind` that changed: the list's order, each item added, removed or
/// changed (compared side by side on every core).
fn items(old: &Briefing, new: &Briefing, kind: Kind) -> Vec<Key> {
    let (before, after) = (ids(old, kind), ids(new, kind));
    let was: fingerprint::Map<&str, usize> =
        before.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let pair = Pair { old, new };
    let changed = |(j, id): (usize, &&str)| -> Vec<Key> {
        let Some(&i) = was.get(id) else {
            return vec![
                key(new, Read::Item(kind, j)),
                key(new, Read::Named(kind, j)),
            ];
        };
        let mut keys = Vec::new();
        if !pair.same(kind, i, j) {
            keys.push(key(new, Read::Item(kind, j)));
        }
        if title(old, kind, i) != title(new, kind, j) {
            keys.push(key(new, Read::Named(kind, j)));
        }
        keys
    };
    let mut keys: Vec<Key> = after
        .par_iter()
        .enumerate()
        .flat_map_iter(changed)
        .collect();
    if before != after {
        keys.push(key(new, Read::All(kind)));
        let now: fingerprint::Set<&str> = after.iter().copied().collect();
        let gone = before
            .iter()
            .enumerate()
            .filter(|(_, id)| !now.contains(*id));
        for (i, _) in gone {
            keys.push(key(old, Read::Item(kind, i)));
            keys.push(key(old, Read::Named(kind, i)));
        }
    }
    keys
}

/// Adds the keys of the notes whose neighbours in reading order changed.
fn neighbours(old: &Briefing, new: &Briefing, keys: &mut fingerprint::Set<Key>) {
    if !keys.contains(&key(new, Read::All(Kind::Note))) {
        // The notes are in the order they were (`items` compared it).
        return;
    }
    let notes = old.notes.unnoted().iter().enumerate();
    let before: fingerprint::Map<&str, _> = notes
        .map(|(i, n)| (n.slug.as_str(), around(old, i)))
        .collect();
    for (i, note) in new.notes.unnoted().iter().enumerate() {
        if before.get(note.slug.as_str()) != Some(&around(new, i)) {
            keys.insert(key(new, Read::Neighbours(i)));
        }
    }
}

/// The slugs of the notes before and after note `i`.
fn around(b: &Briefing, i: usize) -> (Option<&str>, Option<&str>) {
    let notes = b.notes.unnoted();
    let at = |i: Option<usize>| i.and_then(|i| notes.get(i)).map(|n| n.slug.as_str());
    (at(i.checked_sub(1)), at(Some(i + 1)))
}

/// Adds the keys of the register pages that hold other notes, or whose number changed.
fn registers(old: &Briefing, new: &Briefing, keys: &mut fingerprint::Set<Key>) {
    let (before, after) = (register_pages(old), register_pages(new));
    for k in 0..after.len() {
        if before.len() != after.len() || before.get(k) != after.get(k) {
            keys.insert(key(new, Read::Register(k)));
        }
    }
}

/// The slugs of the notes on each page of the claim register.
fn register_pages(b: &Briefing) -> Vec<Vec<&str>> {
    let (pages, _) = crate::model::list::record(|| register::pages(b));
    let slugs = ids(b, Kind::Note);
    pages.into_iter().map(|r| slugs[r].to_vec()).collect()
}

/// The slug of note `n`, if any.
fn note_of(b: &Briefing, n: Option<usize>) -> Option<&str> {
    n.map(|n| id(b, Kind::Note, n))
}

/// Two builds, to compare their items by id.
struct Pair<'b> {
    /// The last build.
    old: &'b Briefing,
    /// This build.
    new: &'b Briefing,
}

impl Pair<'_> {
    /// True when item `i` of `old` and item `j` of `new` (of list `kind`, with the same id)
    /// are the same, their links compared by id.
    fn same(&self, kind: Kind, i: usize, j: usize) -> bool {
        match kind {
            Kind::Note => self.note(i, j),
            Kind::Claim => self.claim(i, j),
            Kind::Source => self.source(i, j),
            Kind::Tag => {
                let (a, b): (&Tag, &Tag) =
                    (&self.old.tags.unnoted()[i], &self.new.tags.unnoted()[j]);
                let Tag { name, slug, notes } = a;
                *name == b.name && *slug == b.slug && self.notes(notes, &b.notes)
            }
            Kind::Section => {
                let (a, b) = (
                    &self.old.sections.unnoted()[i],
                    &self.new.sections.unnoted()[j],
                );
                let crate::model::Section { title, slug, notes } = a;
                *title == b.title && *slug == b.slug && self.notes(notes, &b.notes)
            }
        }
    }

    fn note(&self, i: usize, j: usize) -> bool {
        let (a, b): (&Note, &Note) = (&self.old.notes.unnoted()[i], &self.new.notes.unnoted()[j]);
        let Note {
            slug,
            file,
            title,
            summary,
            date,
            updated,
            section,
            tags,
            body_html,
            toc,
            claims,
            references,
            backlinks,
            claim_links,
        } = a;
        let same_reference = |x: &crate::model::Reference, y: &crate::model::Reference| {
            let crate::model::Reference {
                source,
                anchors,
                locators,
            } = x;
            self.same_source(*source, y.source) && *anchors == y.anchors && *locators == y.locators
        };
        *slug == b.slug
            && *file == b.file
            && *title == b.title
            && *summary == b.summary
            && *date == b.date
            && *updated == b.updated
            && id(self.old, Kind::Section, *section) == id(self.new, Kind::Section, b.section)
            && self.ids(Kind::Tag, tags, &b.tags)
            && (Arc::ptr_eq(body_html, &b.body_html) || *body_html == b.body_html)
            && (Arc::ptr_eq(toc, &b.toc) || *toc == b.toc)
            && self.ids(Kind::Claim, claims, &b.claims)
            && references.len() == b.references.len()
            && references
                .iter()
                .zip(&b.references)
                .all(|(x, y)| same_reference(x, y))
            && self.notes(backlinks, &b.backlinks)
            && self.ids(Kind::Claim, claim_links, &b.claim_links)
    }

    fn claim(&self, i: usize, j: usize) -> bool {
        let (a, b): (&Claim, &Claim) =
            (&self.old.claims.unnoted()[i], &self.new.claims.unnoted()[j]);
        let Claim {
            stated,
            declared_in,
            used_by,
            charts,
            computed,
            inputs,
        } = a;
        self.stated(stated, &b.stated)
            && self.notes(&[*declared_in], &[b.declared_in])
            && self.notes(used_by, &b.used_by)
            && self.charts(charts, &b.charts)
            && computed.map(f64::to_bits) == b.computed.map(f64::to_bits)
            && self.ids(Kind::Claim, inputs, &b.inputs)
    }

    /// True when two statements say the same, their sources compared by id. The same
    /// declaration, kept between the builds, was made against the same source ids.
    fn stated(&self, a: &Arc<Statement>, b: &Arc<Statement>) -> bool {
        if Arc::ptr_eq(a, b) {
            return true;
        }
        let Statement {
            id,
            text,
            value,
            unit,
            period,
            confidence,
            status,
            key,
            note,
            sources,
            kind,
            likelihood,
            assumptions,
            alternatives,
            indicators,
            valid_until,
            lapsed,
            allowed,
            derived,
            was,
            explained,
        } = &**a;
        let same_link = |x: &crate::model::ClaimSource, y: &crate::model::ClaimSource| {
            let crate::model::ClaimSource {
                source,
                credibility,
                locator,
            } = x;
            self.same_source(*source, y.source)
                && *credibility == y.credibility
                && *locator == y.locator
        };
        *id == b.id
            && *text == b.text
            && value.map(f64::to_bits) == b.value.map(f64::to_bits)
            && *unit == b.unit
            && *period == b.period
            && *confidence == b.confidence
            && *status == b.status
            && *key == b.key
            && *note == b.note
            && sources.len() == b.sources.len()
            && sources.iter().zip(&b.sources).all(|(x, y)| same_link(x, y))
            && *kind == b.kind
            && *likelihood == b.likelihood
            && *was == b.was
            && *explained == b.explained
            && *assumptions == b.assumptions
            && *alternatives == b.alternatives
            && *indicators == b.indicators
            && *valid_until == b.valid_until
            && *lapsed == b.lapsed
            && *allowed == b.allowed
            && *derived == b.derived
    }

    fn source(&self, i: usize, j: usize) -> bool {
        let (a, b): (&Source, &Source) = (
            &self.old.sources.unnoted()[i],
            &self.new.sources.unnoted()[j],
        );
        let Source {
            id,
            file,
            title,
            publisher,
            author,
            date,
            url,
            kind,
            reliability,
            accessed,
            language,
            translated_title,
            annotation_html,
            claims,
            notes,
            charts,
        } = a;
        *id == b.id
            && *file == b.file
            && *title == b.title
            && *publisher == b.publisher
            && *author == b.author
            && *date == b.date
            && *url == b.url
            && *kind == b.kind
            && *reliability == b.reliability
            && *accessed == b.accessed
            && *language == b.language
            && *translated_title == b.translated_title
            && (Arc::ptr_eq(annotation_html, &b.annotation_html)
                || *annotation_html == b.annotation_html)
            && self.ids(Kind::Claim, claims, &b.claims)
            && self.notes(notes, &b.notes)
            && self.charts(charts, &b.charts)
    }

    /// True when source `i` of `old` and source `j` of `new` have the same id.
    fn same_source(&self, i: usize, j: usize) -> bool {
        id(self.old, Kind::Source, i) == id(self.new, Kind::Source, j)
    }

    /// True when the items at positions `a` (in `old`) and `b` (in `new`) have the same ids.
    fn ids(&self, kind: Kind, a: &[usize], b: &[usize]) -> bool {
        a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(&i, &j)| id(self.old, kind, i) == id(self.new, kind, j))
    }

    fn notes(&self, a: &[usize], b: &[usize]) -> bool {
        self.ids(Kind::Note, a, b)
    }

    fn charts(&self, a: &[crate::model::ChartRef], b: &[crate::model::ChartRef]) -> bool {
        let same = |x: &crate::model::ChartRef, y: &crate::model::ChartRef| {
            let crate::model::ChartRef {
                title,
                note,
                anchor,
            } = x;
            *title == y.title
                && *anchor == y.anchor
                && note_of(self.old, *note) == note_of(self.new, y.note)
        };
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::exports::tests::sample;

    #[test]
    fn the_same_briefing_changes_nothing() {
        let (a, b) = (sample(), sample());
        let changes = Changes::between(&a, &b);
        assert!(!changes.all && changes.keys.is_empty(), "{changes:?}");
    }

    #[test]
    fn settings_and_the_briefings_title_change_every_page() {
        let a = sample();
        let mut b = sample();
        b.config.description = Some("Another description".into());
        assert!(Changes::between(&a, &b).all, "settings");
        let mut c = sample();
        c.front.title = "Another title".into();
        assert!(Changes::between(&a, &c).all, "the briefing's title");
    }

    #[test]
    fn a_body_changes_its_note_and_nothing_that_names_it() {
        let a = sample();
        let mut b = sample();
        b.notes[2].body_html = "<p>Other.</p>".into();
        let changes = Changes::between(&a, &b);
        assert!(!changes.all);
        assert_eq!(
            changes.keys,
            fingerprint::Set::from_iter([key(&b, Read::Item(Kind::Note, 2))]),
            "not its name, not the list of notes"
        );
    }

    #[test]
    fn a_move_changes_the_order_and_the_neighbours_only() {
        let a = sample();
        let mut b = sample();
        let notes: Vec<Note> = b.notes.unnoted().to_vec();
        let mut moved = notes.clone();
        moved.swap(0, 1);
        // Positions inside the briefing follow the notes: only the order is compared here.
        b.notes = moved.into();
        let changes = Changes::between(&a, &b);
        assert!(changes.keys.contains(&key(&b, Read::All(Kind::Note))));
        assert!(changes.keys.contains(&key(&b, Read::Neighbours(0))));
        assert!(!changes.keys.contains(&key(&b, Read::Neighbours(5))));
    }
}
