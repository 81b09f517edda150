//! Which pages show a note or a claim whose front matter changed: after a patch, the pages
//! beyond the edited ones that must be looked at again. Each rule follows what the page's
//! data holds (`pages::data` and the views): a note appears as a list item or a link, a claim
//! as a card (which also names the note declaring it). Chart links name the note a chart is
//! on, which is always among the notes using the chart's claims and citing its sources.

use super::pages::{self, Page};
use super::register;
use crate::model::{Affected, Briefing};

/// What changed, by index.
struct Changed<'b> {
    /// The briefing.
    b: &'b Briefing,
    /// Notes whose item or link differs.
    items: Vec<bool>,
    /// Claims whose card differs.
    cards: Vec<bool>,
}

impl Changed<'_> {
    fn item(&self, n: usize) -> bool {
        self.items[n]
    }

    fn any_item(&self, notes: &[usize]) -> bool {
        notes.iter().any(|&n| self.items[n])
    }

    /// A claim's card names its note.
    fn card(&self, c: usize) -> bool {
        self.cards[c] || self.items[self.b.claims[c].declared_in]
    }

    fn any_card(&self, claims: &[usize]) -> bool {
        claims.iter().any(|&c| self.card(c))
    }
}

fn changed<'b>(b: &'b Briefing, affected: &Affected) -> Changed<'b> {
    let mut items = vec![false; b.notes.len()];
    let mut cards = vec![false; b.claims.len()];
    for &n in &affected.note_items {
        items[n] = true;
    }
    for &c in &affected.claim_cards {
        cards[c] = true;
    }
    Changed { b, items, cards }
}

/// The pages showing a note item or claim card that `affected` names as changed.
pub fn pages(b: &Briefing, affected: &Affected) -> Vec<Page> {
    if affected.note_items.is_empty() && affected.claim_cards.is_empty() && !affected.register {
        return Vec::new();
    }
    let d = changed(b, affected);
    let register = register::pages(b);
    let shows = |page: Page| match page {
        // Every note is listed under its section; the key judgments are cards.
        Page::Index => !affected.note_items.is_empty() || !affected.claim_cards.is_empty(),
        Page::Note(i) => {
            let note = &b.notes[i];
            d.item(i)
                || d.any_card(&note.claims)
                || d.any_item(&note.backlinks)
                || i.checked_sub(1).is_some_and(|p| d.item(p))
                || (i + 1 < b.notes.len() && d.item(i + 1))
        }
        Page::Claims(k) => {
            // The tally is on the first page alone.
            (affected.register && k == 0)
                || register[k]
                    .clone()
                    .any(|n| d.item(n) || d.any_card(&b.notes[n].claims))
        }
        Page::Claim(c) => {
            let claim = &b.claims[c];
            d.card(c) || d.any_item(&claim.used_by)
        }
        Page::Source(s) => {
            let source = &b.sources[s];
            d.any_card(&source.claims) || d.any_item(&source.notes)
        }
        Page::Tag(t) => d.any_item(&b.tags[t].notes),
        // Source views, tags and counts do not change with a note's front matter; the print
        // edition is always rendered after a patch.
        Page::Sources | Page::Tags | Page::Print | Page::Search | Page::NotFound => false,
    };
    pages::all(b).into_iter().filter(|&p| shows(p)).collect()
}

/// The claims whose `claims.json` entry shows a note item or claim card that changed: its
/// own card, the note declaring it, the notes using it.
pub fn entries(b: &Briefing, affected: &Affected) -> Vec<usize> {
    if affected.note_items.is_empty() && affected.claim_cards.is_empty() {
        return Vec::new();
    }
    let d = changed(b, affected);
    (0..b.claims.len())
        .filter(|&c| d.card(c) || d.any_item(&b.claims[c].used_by))
        .collect()
}
