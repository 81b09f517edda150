//! The pages of editions: what changed since the last edition (`changes/`), a withdrawn
//! claim's page at its old address, the page an old address of a renamed claim or note
//! leaves (leading on), and a claim's history on its page and in `claims.json`.

use serde::Serialize;

use super::views::{DateView, Views, date};
use crate::editions::{ClaimChange, ClaimSnap, EditionRef, How, NoteChange, SourceChange};
use crate::model::Kind;
use crate::model::editions::{Editions, Target, Then, Withdrawn};
use crate::urls;

/// An edition as pages name it.
#[derive(Serialize)]
pub struct EditionView {
    /// Its number.
    pub number: u32,
    /// Its name, e.g. "First edition".
    pub name: Option<String>,
    /// Its date.
    pub date: Option<DateView<'static>>,
    /// Where to read it as it was published, when its print edition was frozen with it.
    pub url: Option<String>,
}

/// The changes page's data.
#[derive(Serialize)]
pub struct ChangesData {
    /// The last frozen edition.
    pub since: EditionView,
    /// The current edition.
    pub now: EditionView,
    /// The claims that changed, key judgments first.
    pub claims: Vec<ClaimChangeView>,
    /// The notes added, removed, retitled or revised.
    pub notes: Vec<ItemChangeView>,
    /// The sources added or removed.
    pub sources: Vec<ItemChangeView>,
    /// The corrections made in this edition.
    pub corrections: Vec<CorrectionView>,
    /// Every frozen edition, newest first.
    pub editions: Vec<EditionView>,
}

/// One claim's change, for readers.
#[derive(Serialize)]
pub struct ClaimChangeView {
    /// Its id.
    pub id: String,
    /// Its page (or its withdrawal page).
    pub url: String,
    /// Its statement.
    pub text: String,
    /// `added`, `withdrawn` or `changed`.
    pub how: &'static str,
    /// Whether it is a key claim.
    pub key: bool,
    /// `Fact` or `Judgment`.
    pub kind: &'static str,
    /// The id it had, when renamed.
    pub was: Option<String>,
    /// The fields that changed.
    pub fields: Vec<FieldView>,
    /// Sources added to it, by title.
    pub sources_added: Vec<String>,
    /// Sources taken from it, by title.
    pub sources_removed: Vec<String>,
    /// Grades changed: "Source: 2 → 1".
    pub regraded: Vec<String>,
    /// Why, as the claim (or the front page's `withdrawn:`) says.
    pub note: Option<String>,
}

/// A changed field: `figure: 62,585 t (2025) → 62,600 t (2025)`.
#[derive(Serialize)]
pub struct FieldView {
    /// Its name.
    pub name: &'static str,
    /// Before.
    pub old: String,
    /// Now.
    pub new: String,
}

/// A note or source added, removed, retitled or revised.
#[derive(Serialize)]
pub struct ItemChangeView {
    /// `added`, `removed`, `retitled` or `revised`.
    pub how: &'static str,
    /// Its title (the new one when retitled).
    pub title: String,
    /// The title it had, when retitled.
    pub old_title: Option<String>,
    /// Its page, when it still has one.
    pub url: Option<String>,
}

/// A correction, for readers.
#[derive(Serialize)]
pub struct CorrectionView {
    /// What was corrected: its title or id.
    pub target: String,
    /// Its page.
    pub url: String,
    /// What was wrong and what it says now.
    pub note: String,
}

/// A withdrawn claim's page.
#[derive(Serialize)]
pub struct WithdrawnData {
    /// Its id.
    pub id: String,
    /// What it said last.
    pub text: String,
    /// Its figure then, in words.
    pub figure: Option<String>,
    /// The first edition without it.
    pub edition: EditionView,
    /// The last edition that held it.
    pub last: EditionView,
    /// Why it was withdrawn.
    pub note: Option<String>,
    /// Where to look now.
    pub see: Option<CorrectionView>,
}

/// The page an old address leaves.
#[derive(Serialize)]
pub struct MovedData {
    /// What it was called.
    pub from: String,
    /// Where it is now (relative).
    pub url: String,
    /// Its title or id now.
    pub title: String,
}

/// One edition of a claim, for its page and `claims.json`.
#[derive(Serialize)]
pub struct ThenView {
    /// The edition.
    pub edition: EditionView,
    /// Its statement then.
    pub text: String,
    /// Its figure then, in words.
    pub figure: Option<String>,
    /// Its status then.
    pub status: Option<&'static str>,
    /// Its confidence then.
    pub confidence: &'static str,
    /// Its likelihood then.
    pub likelihood: Option<&'static str>,
    /// Why it changed in that edition.
    pub note: Option<String>,
}

/// An edition, with a link to its frozen print edition when there is one.
pub fn edition(v: &Views<'_>, e: &Editions, r: &EditionRef) -> EditionView {
    let frozen = e.frozen.iter().find(|f| f.snapshot.number == r.number);
    EditionView {
        number: r.number,
        name: r.name.clone(),
        date: r.date.as_ref().map(date),
        url: frozen
            .filter(|f| f.print.is_some())
            .map(|_| v.url(&urls::edition(r.number))),
    }
}

/// The changes page.
pub fn changes(v: &Views<'_>, e: &Editions) -> ChangesData {
    let last = e.frozen.last().map(|f| EditionRef::from(&f.snapshot));
    let since = last.map_or_else(|| edition(v, e, &e.now), |r| edition(v, e, &r));
    ChangesData {
        since,
        now: edition(v, e, &e.now),
        claims: e
            .changes
            .claims
            .iter()
            .map(|c| claim_change(v, e, c))
            .collect(),
        notes: e.changes.notes.iter().map(|n| note_change(v, n)).collect(),
        sources: e
            .changes
            .sources
            .iter()
            .map(|s| source_change(v, s))
            .collect(),
        corrections: e
            .corrections
            .iter()
            .filter_map(|c| target(v, &c.target, &c.note))
            .collect(),
        editions: e
            .frozen
            .iter()
            .rev()
            .map(|f| edition(v, e, &EditionRef::from(&f.snapshot)))
            .collect(),
    }
}

fn claim_change(v: &Views<'_>, e: &Editions, c: &ClaimChange) -> ClaimChangeView {
    let b = v.briefing;
    let note = crate::model::editions::why(b, &e.withdrawn, c, e.now.number);
    let title = |id: &String| source_title(v, e, id);
    ClaimChangeView {
        id: c.id.clone(),
        url: v.url(&urls::claim(&c.id)),
        text: c.text.clone(),
        how: match c.how {
            How::Added => "added",
            How::Withdrawn => "withdrawn",
            How::Changed => "changed",
        },
        key: c.key,
        kind: c.kind.label(),
        was: c.was.clone(),
        fields: c
            .fields
            .iter()
            .map(|f| FieldView {
                name: f.name,
                old: f.old.clone(),
                new: f.new.clone(),
            })
            .collect(),
        sources_added: c.sources_added.iter().map(title).collect(),
        sources_removed: c.sources_removed.iter().map(title).collect(),
        regraded: c
            .regraded
            .iter()
            .map(|(s, old, new)| format!("{}: {} → {}", title(s), grade(*old), grade(*new)))
            .collect(),
        note,
    }
}

/// The title of source `id`: as the briefing has it, or as the latest edition that had it.
fn source_title(v: &Views<'_>, e: &Editions, id: &str) -> String {
    let now = v
        .briefing
        .sources
        .unnoted()
        .iter()
        .find(|s| s.id == id)
        .map(|s| &s.title);
    let then = || {
        let frozen = e.frozen.iter().rev().flat_map(|f| &f.snapshot.sources);
        frozen.into_iter().find(|s| s.id == id).map(|s| &s.title)
    };
    now.or_else(then)
        .map_or_else(|| id.to_string(), String::clone)
}

fn grade(g: Option<u8>) -> String {
    g.map_or_else(|| "ungraded".to_string(), |g| g.to_string())
}

fn note_change(v: &Views<'_>, n: &NoteChange) -> ItemChangeView {
    let url = |id: &str| Some(v.url(&urls::note(id)));
    match n {
        NoteChange::Added(id, title) => item("added", title, None, url(id)),
        NoteChange::Removed(_, title) => item("removed", title, None, None),
        NoteChange::Retitled(id, old, new) => item("retitled", new, Some(old), url(id)),
        NoteChange::Revised(id, title) => item("revised", title, None, url(id)),
    }
}

fn source_change(v: &Views<'_>, s: &SourceChange) -> ItemChangeView {
    match s {
        SourceChange::Added(id, title) => {
            item("added", title, None, Some(v.url(&urls::source(id))))
        }
        SourceChange::Removed(_, title) => item("removed", title, None, None),
    }
}

fn item(
    how: &'static str,
    title: &str,
    old: Option<&String>,
    url: Option<String>,
) -> ItemChangeView {
    ItemChangeView {
        how,
        title: title.to_string(),
        old_title: old.cloned(),
        url,
    }
}

/// A link to `t` with `note`, when `t` exists.
fn target(v: &Views<'_>, t: &Target, note: &str) -> Option<CorrectionView> {
    let b = v.briefing;
    let (title, path) = match t.kind {
        Kind::Note => {
            let n = b.notes.unnoted().iter().find(|n| n.slug == t.id)?;
            (n.title.clone(), urls::note(&n.slug))
        }
        Kind::Claim => {
            let c = b.claims.unnoted().iter().find(|c| c.id == t.id)?;
            (c.text.clone(), urls::claim(&c.id))
        }
        Kind::Source => {
            let s = b.sources.unnoted().iter().find(|s| s.id == t.id)?;
            (s.title.clone(), urls::source(&s.id))
        }
        Kind::Tag => {
            let tag = b.tags.unnoted().iter().find(|x| x.slug == t.id)?;
            (format!("Tagged “{}”", tag.name), urls::tag(&tag.slug))
        }
        Kind::Section => return None,
    };
    Some(CorrectionView {
        target: title,
        url: v.url(&path),
        note: note.to_string(),
    })
}

/// Withdrawn claim `w`'s page.
pub fn withdrawn(v: &Views<'_>, e: &Editions, w: &Withdrawn) -> WithdrawnData {
    let last = EditionRef {
        number: w.edition.number - 1,
        name: None,
        date: None,
    };
    let last = e
        .frozen
        .iter()
        .find(|f| f.snapshot.number == last.number)
        .map_or(last, |f| EditionRef::from(&f.snapshot));
    WithdrawnData {
        id: w.id.clone(),
        text: w.last.text.clone(),
        figure: figure(&w.last),
        edition: edition(v, e, &w.edition),
        last: edition(v, e, &last),
        note: w.note.clone(),
        see: w.see.as_ref().and_then(|t| target(v, t, "")),
    }
}

/// The page at the old address `k` of `e.moved`.
pub fn moved(v: &Views<'_>, e: &Editions, k: usize) -> MovedData {
    let m = &e.moved[k];
    let t = Target {
        kind: m.kind,
        id: m.to.clone(),
    };
    let to = target(v, &t, "");
    MovedData {
        from: m.from.clone(),
        url: to
            .as_ref()
            .map_or_else(|| v.url(urls::INDEX), |t| t.url.clone()),
        title: to.map_or_else(|| m.to.clone(), |t| t.target),
    }
}

/// A claim's history, oldest first.
pub fn history(v: &Views<'_>, e: &Editions, then: &[Then]) -> Vec<ThenView> {
    then.iter()
        .map(|t| ThenView {
            edition: edition(v, e, &e.edition_of(t)),
            text: e.claim_then(t).text.clone(),
            figure: figure(e.claim_then(t)),
            status: e.claim_then(t).status.map(|s| s.label()),
            confidence: e.claim_then(t).confidence.label(),
            likelihood: e.claim_then(t).likelihood.map(|l| l.label()),
            note: t.note.clone(),
        })
        .collect()
}

fn figure(c: &ClaimSnap) -> Option<String> {
    c.value.map(|_| crate::editions::compare::figure(c))
}
