//! After a patch changed what note bodies refer to: the lists that follow from references
//! (claims' "used by" and charts, sources' notes and charts, notes' backlinks) filled again,
//! or, for a note added or removed, its own references put in or taken out; and the pages
//! that show any list that changed.

use super::links;
use super::patch::Linking;
use super::resolve::{Outgoing, Resolved};
use super::{Briefing, ChartRef};

/// The pages and files a patch can have changed, besides the print edition, the feed and the
/// static files (which a patch always renders again).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Affected {
    /// Notes whose pages may differ (by index, sorted).
    pub notes: Vec<usize>,
    /// Claims whose lists changed: their pages and `claims.json` entries may differ.
    pub claims: Vec<usize>,
    /// Sources whose pages (and search entries) may differ.
    pub sources: Vec<usize>,
    /// The bibliography may differ (it shows how many claims and notes cite each source, and
    /// each source's record, as `sources.csl.json` does).
    pub bibliography: bool,
    /// A heading was reworded, or a title, summary or claim: the search index may differ.
    pub search: bool,
    /// Notes whose title, summary or date changed: every page listing or linking them differs.
    pub note_items: Vec<usize>,
    /// Claims whose card changed (wording, grading, status, sources): every page showing it.
    pub claim_cards: Vec<usize>,
    /// A claim's status or confidence changed, or claims came: the register's tally, on its
    /// first page.
    pub register: bool,
    /// A note's date changed: the sitemap (and the feed's order) may differ.
    pub dates: bool,
    /// Tags that gained or lost a note: their pages and the list of tags (by index, sorted).
    pub tags: Vec<usize>,
    /// A tag was made or emptied: a tag page comes or goes (the list of tags, the sitemap and
    /// the site's files follow).
    pub tag_set: bool,
    /// The slugs of the tags emptied, whose pages go.
    pub tags_gone: Vec<String>,
    /// The paths of the pages that go with a note removed: its own and its claims'.
    pub gone: Vec<String>,
    /// A note moved in reading order, was added or removed: how the notes and claims were
    /// renumbered (the numbers above are the new ones). Lists of every note or claim follow:
    /// the register's pages, `claims.json`, the search index, the sitemap.
    pub order: Option<Box<super::Reorder>>,
}

impl Affected {
    /// Sorts the lists and drops repeats.
    pub(super) fn tidy(&mut self) {
        self.search |= !self.note_items.is_empty() || !self.claim_cards.is_empty();
        let lists = [
            &mut self.notes,
            &mut self.claims,
            &mut self.sources,
            &mut self.note_items,
            &mut self.claim_cards,
            &mut self.tags,
        ];
        for list in lists {
            list.sort_unstable();
            list.dedup();
        }
    }
}

/// True when a body refers to the same claims, sources, notes, fragments and charts, and cites
/// the same sources at the same places, as before.
pub(super) fn same_references(new: &Resolved, old: &Resolved) -> bool {
    new.outgoing.same_targets(&old.outgoing) && new.references == old.references
}

/// The lists a page can show that follow from references.
struct Lists {
    /// Each claim's notes and charts.
    claims: Vec<(Vec<usize>, Vec<ChartRef>)>,
    /// Each source's claims, notes and charts.
    sources: Vec<(Vec<usize>, Vec<usize>, Vec<ChartRef>)>,
    /// Each note's backlinks.
    backlinks: Vec<Vec<usize>>,
}

impl Lists {
    /// Takes every list [`links::fill`] fills out of `b`, leaving them empty.
    fn take(b: &mut Briefing) -> Lists {
        use std::mem::take;
        Lists {
            claims: b
                .claims
                .iter_mut()
                .map(|c| (take(&mut c.used_by), take(&mut c.charts)))
                .collect(),
            sources: b
                .sources
                .iter_mut()
                .map(|s| (take(&mut s.claims), take(&mut s.notes), take(&mut s.charts)))
                .collect(),
            backlinks: b.notes.iter_mut().map(|n| take(&mut n.backlinks)).collect(),
        }
    }
}

/// Fills the lists of `briefing` again from what each note's body (`outgoing`, in reading
/// order) and the front page refer to, redoes the unused-id warnings, and adds to `affected`
/// every page showing a list that changed.
pub(super) fn relink(
    briefing: &mut Briefing,
    outgoing: &[&Outgoing],
    linking: &mut Linking,
    affected: &mut Affected,
) {
    let before = Lists::take(briefing);
    links::fill(briefing, outgoing, linking.front.as_ref());
    for (c, (used_by, charts)) in before.claims.iter().enumerate() {
        let claim = &briefing.claims[c];
        if claim.used_by != *used_by || claim.charts != *charts {
            affected.claims.push(c);
        }
    }
    for (s, (claims, notes, charts)) in before.sources.iter().enumerate() {
        let source = &briefing.sources[s];
        if source.notes != *notes || source.charts != *charts || source.claims != *claims {
            affected.sources.push(s);
        }
        if source.notes.len() != notes.len() || source.claims.len() != claims.len() {
            // Its counts show in the bibliography and wherever a note lists it as a reference.
            affected.bibliography = true;
            affected
                .notes
                .extend(notes.iter().chain(&source.notes).copied());
        }
    }
    for (n, backlinks) in before.backlinks.iter().enumerate() {
        if briefing.notes[n].backlinks != *backlinks {
            affected.notes.push(n);
        }
    }
    warn_unused(briefing, linking);
}

/// Adds to the lists of `briefing` what note `note`, new to it, refers to (`out`) and the
/// sources its claims rest on, as [`links::fill`] puts them; then gives the unused-id
/// warnings again. The other lists are as they were: no other page can refer to a note the
/// last build did not have. Every list that changes holds the new note or one of its claims,
/// so the pages showing it show the note's item or a claim's card (which the patch marks
/// changed); `affected` gets what shows a source's counts.
pub(super) fn link_added(
    b: &mut Briefing,
    note: usize,
    out: &Outgoing,
    linking: &mut Linking,
    affected: &mut Affected,
) {
    for chart in &out.charts {
        let link = ChartRef {
            title: chart.title.clone(),
            note: Some(note),
            anchor: chart.anchor.clone(),
        };
        for &c in &chart.claims {
            add_chart(&mut b.claims[c].charts, &link);
        }
        for &s in &chart.sources {
            add_chart(&mut b.sources[s].charts, &link);
        }
    }
    for &c in &out.claims {
        insert(&mut b.claims[c].used_by, note);
    }
    for &target in out.notes.iter().filter(|&&t| t != note) {
        insert(&mut b.notes[target].backlinks, note);
    }
    for &s in &out.sources {
        if insert(&mut b.sources[s].notes, note) {
            counted(b, s, affected);
        }
    }
    for &c in &b.notes[note].claims.clone() {
        for s in b.claims[c]
            .sources
            .iter()
            .map(|l| l.source)
            .collect::<Vec<_>>()
        {
            if insert(&mut b.sources[s].claims, c) {
                counted(b, s, affected);
            }
        }
    }
    warn_unused(b, linking);
}

/// Takes out of the lists of `briefing` what note `note`, the last, just taken off, referred
/// to (`out`, in the new numbering) and the claims from `kept` on, which were its own, as
/// [`relink`] would (nothing else referred to them); records in `affected` every page showing
/// a list that changed, and gives the unused-id warnings again.
pub(super) fn unlink_removed(
    b: &mut Briefing,
    (note, kept): (usize, usize),
    out: &Outgoing,
    linking: &mut Linking,
    affected: &mut Affected,
) {
    let charted = out.charts.iter().flat_map(|c| &c.claims);
    for &c in out.claims.iter().chain(charted).filter(|&&c| c < kept) {
        let claim = &mut b.claims[c];
        claim.used_by.retain(|&n| n != note);
        claim.charts.retain(|chart| chart.note != Some(note));
        affected.claims.push(c);
    }
    for &target in out.notes.iter().filter(|&&t| t != note) {
        b.notes[target].backlinks.retain(|&n| n != note);
        affected.notes.push(target);
    }
    for s in 0..b.sources.len() {
        let source = &mut b.sources[s];
        let counts = (source.notes.len(), source.claims.len());
        source.notes.retain(|&n| n != note);
        source.claims.retain(|&c| c < kept);
        // A note charting a source is among its notes: its charts change with its counts.
        source.charts.retain(|chart| chart.note != Some(note));
        if counts != (source.notes.len(), source.claims.len()) {
            counted(b, s, affected);
            affected.sources.push(s);
        }
    }
    warn_unused(b, linking);
}

/// Puts `link` among the charts of a claim or source, after those of the notes before its
/// own and of its own note, unless it is there already.
fn add_chart(charts: &mut Vec<ChartRef>, link: &ChartRef) {
    let at = charts.partition_point(|c| c.note <= link.note);
    if at == 0 || charts[at - 1] != *link {
        charts.insert(at, link.clone());
    }
}

/// Puts `n` into the sorted `list` unless it is there; true when it was put in.
fn insert(list: &mut Vec<usize>, n: usize) -> bool {
    match list.binary_search(&n) {
        Ok(_) => false,
        Err(at) => {
            list.insert(at, n);
            true
        }
    }
}

/// Source `s` is cited by one more note or claim: the bibliography shows its counts, and so
/// can the notes listing it as a reference (their views carry them; the built-in templates
/// do not show them).
fn counted(b: &Briefing, s: usize, affected: &mut Affected) {
    affected.bibliography = true;
    affected.notes.extend(&b.sources[s].notes);
}

/// Gives the unused-claim and unused-source warnings again, into `linking`.
pub(super) fn warn_unused(briefing: &Briefing, linking: &mut Linking) {
    linking.unused.clear();
    let places = (&linking.claim_places, &linking.source_places);
    links::warn_unused(briefing, places.0, places.1, &mut linking.unused);
}
