//! What changed between two snapshots: claims added, withdrawn and changed (figure, status,
//! confidence, likelihood, kind, key flag, statement, sources and their grades), notes added,
//! removed, retitled and revised, sources added and removed. Claims are matched by id, or by
//! an old id a claim names as `was:`. Key judgments come first, then key figures, then the
//! rest, each in reading order.

use super::{ClaimSnap, Lookup, Snapshot, SourceLinkSnap};
use crate::date::Date;
use crate::fingerprint::Set;
use crate::vocab::ClaimKind;

/// Everything that changed from one edition to the next.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChangeSet {
    /// The claims added, withdrawn or changed, key judgments first.
    pub claims: Vec<ClaimChange>,
    /// The notes added, removed, retitled or revised, in reading order.
    pub notes: Vec<NoteChange>,
    /// The sources added or removed.
    pub sources: Vec<SourceChange>,
}

/// How a claim changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// New in this edition.
    Added,
    /// Gone from this edition.
    Withdrawn,
    /// In both, with changes.
    Changed,
}

/// One claim's change.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimChange {
    /// Its id: the current one, or the last one it had when withdrawn.
    pub id: String,
    /// The id it had in the earlier edition, when renamed (`was:`).
    pub was: Option<String>,
    /// Its statement (the earlier one when withdrawn).
    pub text: String,
    /// Whether it is (or was, when withdrawn) a key claim.
    pub key: bool,
    /// A fact or a judgment (as it is now, or was when withdrawn).
    pub kind: ClaimKind,
    /// Added, withdrawn or changed.
    pub how: How,
    /// The fields that changed, old → new.
    pub fields: Vec<Field>,
    /// Sources it rests on now and did not.
    pub sources_added: Vec<String>,
    /// Sources it rested on and does not now.
    pub sources_removed: Vec<String>,
    /// Sources graded differently: (source, old credibility, new credibility).
    pub regraded: Vec<(String, Option<u8>, Option<u8>)>,
}

/// A field of a claim that changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// Which: `figure`, `status`, `confidence`, `likelihood`, `kind`, `key`, `statement`.
    pub name: &'static str,
    /// As it was, in words (`none` when it had none).
    pub old: String,
    /// As it is.
    pub new: String,
}

/// The fields whose change on a key claim must be explained (`unexplained-change`).
pub const MUST_EXPLAIN: [&str; 4] = ["figure", "status", "confidence", "likelihood"];

impl ClaimChange {
    /// Whether the change must carry a note for the edition: a key claim withdrawn, or its
    /// figure, status, confidence or likelihood changed.
    pub fn must_explain(&self) -> bool {
        self.key
            && (self.how == How::Withdrawn
                || self.fields.iter().any(|f| MUST_EXPLAIN.contains(&f.name)))
    }
}

/// How a note changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteChange {
    /// New: id and title.
    Added(String, String),
    /// Gone: id and the title it had.
    Removed(String, String),
    /// A new title: id, old title, new title.
    Retitled(String, String, String),
    /// Its text changed: id and title.
    Revised(String, String),
}

/// How a source changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceChange {
    /// New: id and title.
    Added(String, String),
    /// Gone: id and the title it had.
    Removed(String, String),
}

/// What changed from `old` to `new`, a claim of `new` matched by its id or by the id it had
/// (`was:`).
pub fn compare(old: &Snapshot, new: &Snapshot) -> ChangeSet {
    let (before_ids, after_ids) = (old.lookup(), new.lookup());
    let mut claims = Vec::new();
    let mut kept: Set<&str> = Set::default();
    for c in &new.claims {
        let was = c.was.as_deref().and_then(|was| before_ids.claim(was));
        let before = before_ids.claim(&c.id).or(was);
        match before {
            Some(o) => {
                kept.insert(&o.id);
                claims.extend(changed(o, c, (o.id != c.id).then(|| o.id.clone())));
            }
            None => claims.push(bare(c, How::Added)),
        }
    }
    let gone = old.claims.iter().filter(|o| !kept.contains(o.id.as_str()));
    claims.extend(gone.map(|o| bare(o, How::Withdrawn)));
    claims.sort_by_key(rank);
    ChangeSet {
        claims,
        notes: notes(old, new, &before_ids, &after_ids),
        sources: sources(old, new, &before_ids, &after_ids),
    }
}

/// Key judgments, then key figures, then the rest; the sort is stable, so reading order
/// stays inside each group.
fn rank(c: &ClaimChange) -> u8 {
    match (c.key, c.kind) {
        (true, ClaimKind::Judgment) => 0,
        (true, ClaimKind::Fact) => 1,
        (false, _) => 2,
    }
}

fn bare(c: &ClaimSnap, how: How) -> ClaimChange {
    ClaimChange {
        id: c.id.clone(),
        was: None,
        text: c.text.clone(),
        key: c.key,
        kind: c.kind,
        how,
        fields: Vec::new(),
        sources_added: Vec::new(),
        sources_removed: Vec::new(),
        regraded: Vec::new(),
    }
}

/// The change of a claim in both editions; `None` when nothing a reader sees changed.
fn changed(old: &ClaimSnap, new: &ClaimSnap, was: Option<String>) -> Option<ClaimChange> {
    let mut change = bare(new, How::Changed);
    change.key = old.key || new.key;
    change.was = was;
    change.fields = fields(old, new);
    let ids = |links: &[SourceLinkSnap]| links.iter().map(|l| l.id.clone()).collect::<Vec<_>>();
    let (before, after) = (ids(&old.sources), ids(&new.sources));
    change.sources_added = after
        .iter()
        .filter(|s| !before.contains(s))
        .cloned()
        .collect();
    change.sources_removed = before
        .iter()
        .filter(|s| !after.contains(s))
        .cloned()
        .collect();
    change.regraded = new
        .sources
        .iter()
        .filter_map(|n| {
            let o = old.sources.iter().find(|o| o.id == n.id)?;
            (o.credibility != n.credibility).then(|| (n.id.clone(), o.credibility, n.credibility))
        })
        .collect();
    let same = change.fields.is_empty()
        && change.sources_added.is_empty()
        && change.sources_removed.is_empty()
        && change.regraded.is_empty()
        && change.was.is_none();
    (!same).then_some(change)
}

/// The fields of a claim that differ, in words.
fn fields(old: &ClaimSnap, new: &ClaimSnap) -> Vec<Field> {
    let words = |o: Option<&str>| o.unwrap_or("none").to_string();
    let candidates = [
        ("figure", figure(old), figure(new)),
        (
            "status",
            words(old.status.map(|s| s.label())),
            words(new.status.map(|s| s.label())),
        ),
        (
            "confidence",
            old.confidence.as_str().to_string(),
            new.confidence.as_str().to_string(),
        ),
        (
            "likelihood",
            words(old.likelihood.map(|l| l.label())),
            words(new.likelihood.map(|l| l.label())),
        ),
        (
            "kind",
            old.kind.label().to_string(),
            new.kind.label().to_string(),
        ),
        ("key", yes_no(old.key), yes_no(new.key)),
        ("statement", old.text.clone(), new.text.clone()),
    ];
    candidates
        .into_iter()
        .filter(|(_, o, n)| o != n)
        .map(|(name, old, new)| Field { name, old, new })
        .collect()
}

/// A claim's figure in words: `62,585 t (2025)`, or `none`.
pub fn figure(c: &ClaimSnap) -> String {
    let Some(value) = c.value else {
        return "none".to_string();
    };
    let text = crate::html::figure(value, c.unit.as_deref());
    match &c.period {
        Some(period) => format!("{text} ({period})"),
        None => text,
    }
}

fn yes_no(key: bool) -> String {
    if key { "yes" } else { "no" }.to_string()
}

fn notes(
    old: &Snapshot,
    new: &Snapshot,
    before: &Lookup<'_>,
    after: &Lookup<'_>,
) -> Vec<NoteChange> {
    let mut out = Vec::new();
    for n in &new.notes {
        match before.notes.get(n.id.as_str()) {
            None => out.push(NoteChange::Added(n.id.clone(), n.title.clone())),
            Some(o) if o.title != n.title => {
                out.push(NoteChange::Retitled(
                    n.id.clone(),
                    o.title.clone(),
                    n.title.clone(),
                ));
            }
            Some(o) if o.body != n.body => {
                out.push(NoteChange::Revised(n.id.clone(), n.title.clone()))
            }
            Some(_) => {}
        }
    }
    let gone = old
        .notes
        .iter()
        .filter(|o| !after.notes.contains_key(o.id.as_str()));
    out.extend(gone.map(|o| NoteChange::Removed(o.id.clone(), o.title.clone())));
    out
}

fn sources(
    old: &Snapshot,
    new: &Snapshot,
    before: &Lookup<'_>,
    after: &Lookup<'_>,
) -> Vec<SourceChange> {
    let added = new
        .sources
        .iter()
        .filter(|s| !before.sources.contains(s.id.as_str()));
    let removed = old
        .sources
        .iter()
        .filter(|s| !after.sources.contains(s.id.as_str()));
    added
        .map(|s| SourceChange::Added(s.id.clone(), s.title.clone()))
        .chain(removed.map(|s| SourceChange::Removed(s.id.clone(), s.title.clone())))
        .collect()
}

/// An edition as the changes name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditionRef {
    /// Its number.
    pub number: u32,
    /// Its name, e.g. "First edition".
    pub name: Option<String>,
    /// Its date.
    pub date: Option<Date>,
}

impl From<&Snapshot> for EditionRef {
    fn from(s: &Snapshot) -> Self {
        EditionRef {
            number: s.number,
            name: s.name.clone(),
            date: s.date,
        }
    }
}
