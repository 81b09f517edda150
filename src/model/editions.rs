//! The briefing among its editions: its number (one more than the frozen editions), what
//! changed since the last one and why, the claims withdrawn over all editions, the
//! corrections, the old addresses that lead on (`was:`, `aliases:`), and each claim's
//! history. Made only when the project holds frozen editions. The checks: a key claim's
//! change or withdrawal must be explained for the edition (`unexplained-change`), any other
//! withdrawal should be (`unexplained-withdrawal`), and every edition number, earlier id and
//! target named must exist (`bad-edition`).

use std::sync::Arc;

use crate::codes::Code;
use crate::content::{Content, Edition, IndexSpec, NoteSpec, Page, Spot, Step::Item, Step::Key};
use crate::diagnostics::{Diagnostic, Pos};
use crate::editions::{
    ChangeSet, ClaimChange, ClaimSnap, EditionRef, How, Lookup, Snapshot, body_print, compare,
};
use crate::fingerprint::{Map, Set};

use super::declare::Place;
use super::{Briefing, Kind};

/// The briefing's place among its editions.
#[derive(Debug, Clone, PartialEq)]
pub struct Editions {
    /// The frozen editions, 1, 2, 3, …
    pub frozen: Vec<Arc<Edition>>,
    /// The content as a snapshot: the current edition.
    pub current: Snapshot,
    /// The current edition.
    pub now: EditionRef,
    /// What changed since the last frozen edition.
    pub changes: ChangeSet,
    /// Every claim of a frozen edition that the briefing no longer holds.
    pub withdrawn: Vec<Withdrawn>,
    /// The corrections made in the current edition.
    pub corrections: Vec<Correction>,
    /// Old addresses of claims and notes, and where they lead.
    pub moved: Vec<Moved>,
    /// Each claim's history, in reading order: one entry per edition that held it.
    pub history: Vec<Vec<Then>>,
}

/// A claim of an earlier edition taken out.
#[derive(Debug, Clone, PartialEq)]
pub struct Withdrawn {
    /// The id it had.
    pub id: String,
    /// The claim as the last edition that held it stated it.
    pub last: ClaimSnap,
    /// The first edition without it.
    pub edition: EditionRef,
    /// Why, from the front page's `withdrawn:`.
    pub note: Option<String>,
    /// Where to look now.
    pub see: Option<Target>,
}

/// A note, claim or source named by a correction or a withdrawal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Which list.
    pub kind: Kind,
    /// Its id.
    pub id: String,
}

/// A correction that is not a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    /// What was corrected.
    pub target: Target,
    /// What was wrong and what it says now.
    pub note: String,
}

/// An old address that leads on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// `Claim` or `Note`.
    pub kind: Kind,
    /// The id it had.
    pub from: String,
    /// The id it has.
    pub to: String,
}

/// A claim as one edition stated it: positions into [`Editions::snapshot`].
#[derive(Debug, Clone, PartialEq)]
pub struct Then {
    /// The edition: an index into the frozen ones, or their number for the current one.
    pub edition: usize,
    /// The claim's position in that edition's snapshot.
    pub claim: usize,
    /// Why it changed in that edition, when the claim says.
    pub note: Option<String>,
}

impl Editions {
    /// Frozen edition `k`, or the current one for `k` = the number frozen.
    pub fn snapshot(&self, k: usize) -> &Snapshot {
        self.frozen.get(k).map_or(&self.current, |e| &e.snapshot)
    }

    /// The claim `then` is about, as that edition stated it.
    pub fn claim_then(&self, then: &Then) -> &ClaimSnap {
        &self.snapshot(then.edition).claims[then.claim]
    }

    /// The edition `then` is in, as pages name it.
    pub fn edition_of(&self, then: &Then) -> EditionRef {
        match self.frozen.get(then.edition) {
            Some(e) => EditionRef::from(&e.snapshot),
            None => self.now.clone(),
        }
    }
}

/// The inputs of [`resolve`] beyond the briefing.
pub(super) struct Inputs<'a> {
    /// The content, for the front page and the frozen editions.
    pub content: &'a Content,
    /// The notes' pages, in reading order.
    pub notes: &'a [&'a Page<NoteSpec>],
    /// Where each claim is declared, in reading order.
    pub claim_places: &'a [Place],
}

/// Places the briefing among its editions, when the project has frozen any.
pub(super) fn resolve(b: &mut Briefing, inputs: &Inputs<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let Some(last) = inputs.content.editions.last() else {
        return;
    };
    let number = last.snapshot.number + 1;
    let now = Snapshot::of(b, number, |i| body_print(inputs.notes[i].body()));
    let renamed: Vec<(String, String)> = b
        .claims
        .unnoted()
        .iter()
        .filter_map(|c| Some((c.id.clone(), c.was.clone()?)))
        .collect();
    let changes = compare(&last.snapshot, &now);
    let front = inputs.content.index.as_deref();
    let mut now_ref = EditionRef::from(&now);
    if (&now_ref.name, now_ref.date) == (&last.snapshot.name, last.snapshot.date) {
        // the front page still names the last edition: the next has no name yet
        (now_ref.name, now_ref.date) = (None, None);
    }
    let ids: Map<&str, usize> = b
        .claims
        .unnoted()
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let lookups: Vec<Lookup<'_>> = inputs
        .content
        .editions
        .iter()
        .map(|e| e.snapshot.lookup())
        .collect();
    let mut check = Check {
        b: &*b,
        inputs,
        front,
        diagnostics,
        now: now_ref.clone(),
        ids: &ids,
        lookups: &lookups,
    };
    check.explained(&changes);
    check.changes_notes();
    check.earlier_ids(&renamed);
    let withdrawn = check.withdrawn(&renamed);
    let corrections = check.corrections();
    let moved = moved(b, inputs, &renamed, &ids);
    let now_ids = now.lookup();
    let claims = b.claims.unnoted().iter();
    let history = claims.map(|c| history(&lookups, &now_ids, c)).collect();
    drop((now_ids, lookups, ids));
    b.editions = Some(Arc::new(Editions {
        current: now,
        frozen: inputs.content.editions.clone(),
        now: now_ref,
        changes,
        withdrawn,
        corrections,
        moved,
        history,
    }));
}

/// Why claim change `c` was made in `edition`: the withdrawn claim's note in `withdrawn`, or
/// the note of the claim now holding its id (under that id or as `was:`).
pub fn why(b: &Briefing, withdrawn: &[Withdrawn], c: &ClaimChange, edition: u32) -> Option<String> {
    if c.how == How::Withdrawn {
        return withdrawn
            .iter()
            .find(|w| w.id == c.id)
            .and_then(|w| w.note.clone());
    }
    let named = |x: &&super::Claim| x.id == c.id || x.was.as_deref() == Some(&c.id);
    let claim = b.claims.unnoted().iter().find(named)?;
    claim.note_for(edition).map(str::to_string)
}

/// The claim `c` in each edition that held it (under its id or the one it `was`), then now.
fn history(frozen: &[Lookup<'_>], now: &Lookup<'_>, c: &super::Claim) -> Vec<Then> {
    let note = |edition: u32| c.note_for(edition).map(str::to_string);
    let then = |edition: usize, l: &Lookup<'_>, claim: usize| Then {
        note: note(l.snapshot.number),
        edition,
        claim,
    };
    // back edition by edition, under the id it had in each (`was:` leads one further back)
    let (mut id, mut was) = (c.id.as_str(), c.was.as_deref());
    let mut history = Vec::new();
    for (k, l) in frozen.iter().enumerate().rev() {
        let held = l
            .claims
            .get(id)
            .or_else(|| was.and_then(|w| l.claims.get(w)));
        let Some(&at) = held else { break };
        let claim = &l.snapshot.claims[at];
        (id, was) = (&claim.id, claim.was.as_deref());
        history.push(then(k, l, at));
    }
    history.reverse();
    if let Some(&at) = now.claims.get(c.id.as_str()) {
        history.push(then(frozen.len(), now, at));
    }
    history
}

/// The old addresses: claims renamed with `was:`, notes with `aliases:`.
fn moved(
    b: &Briefing,
    inputs: &Inputs<'_>,
    renamed: &[(String, String)],
    ids: &Map<&str, usize>,
) -> Vec<Moved> {
    let claim_now = |id: &str| ids.contains_key(id);
    let claims = renamed
        .iter()
        .filter(|(_, from)| !claim_now(from))
        .map(|(to, from)| Moved {
            kind: Kind::Claim,
            from: from.clone(),
            to: to.clone(),
        });
    let notes = inputs.notes;
    let exists = |slug: &str| b.notes.unnoted().iter().any(|n| n.slug == slug);
    let aliases = notes.iter().flat_map(|p| {
        p.spec.aliases.iter().filter(|a| !exists(a)).map(|a| Moved {
            kind: Kind::Note,
            from: a.trim().to_string(),
            to: p.stem.clone(),
        })
    });
    let mut moved: Vec<Moved> = claims.chain(aliases).collect();
    moved.extend(tags(b, &inputs.content.editions));
    moved
}

/// The tags whose address changed since an edition (the same name, another slug).
fn tags(b: &Briefing, frozen: &[Arc<Edition>]) -> Vec<Moved> {
    let tags = b.tags.unnoted();
    let mut moved: Vec<Moved> = Vec::new();
    for old in frozen.iter().rev().flat_map(|e| &e.snapshot.tags) {
        let Some(now) = tags.iter().find(|t| t.name == old.name) else {
            continue;
        };
        let taken =
            tags.iter().any(|t| t.slug == old.slug) || moved.iter().any(|m| m.from == old.slug);
        if !taken {
            moved.push(Moved {
                kind: Kind::Tag,
                from: old.slug.clone(),
                to: now.slug.clone(),
            });
        }
    }
    moved
}

/// The checks of the editions, with what they read.
struct Check<'a, 'i> {
    /// The briefing.
    b: &'a Briefing,
    /// The content and places.
    inputs: &'a Inputs<'i>,
    /// The front page.
    front: Option<&'a Page<IndexSpec>>,
    /// Where problems go.
    diagnostics: &'a mut Vec<Diagnostic>,
    /// The current edition.
    now: EditionRef,
    /// The current claims' positions, by id.
    ids: &'a Map<&'a str, usize>,
    /// Each frozen edition's items by id.
    lookups: &'a [Lookup<'a>],
}

impl Check<'_, '_> {
    /// The claim at position `i` in its file.
    fn claim_at(&self, id: &str) -> Option<&Place> {
        let i = *self.ids.get(id)?;
        self.inputs.claim_places.get(i)
    }

    /// The position of `path` in the front page, and its file.
    fn front_at(&self, path: &[crate::content::Step<'_>]) -> (String, Pos) {
        match self.front {
            Some(p) => (p.file.clone(), p.outline().at(Spot::ROOT, path)),
            None => ("content/_index.md".to_string(), Pos::new(1, 1)),
        }
    }

    /// Each change that must be explained is, for this edition.
    fn explained(&mut self, changes: &ChangeSet) {
        let withdrawn = self.front.map_or(&[][..], |p| &p.spec.withdrawn[..]);
        for change in &changes.claims {
            let noted = match change.how {
                How::Withdrawn => withdrawn.iter().any(|w| w.id.trim() == change.id),
                _ => self.ids.get(change.id.as_str()).is_some_and(|&i| {
                    self.b.claims.unnoted()[i]
                        .note_for(self.now.number)
                        .is_some()
                }),
            };
            match change.how {
                _ if noted => {}
                How::Added => {}
                How::Withdrawn => self.unexplained_withdrawal(&change.id, change.key),
                How::Changed if change.must_explain() => self.unexplained_change(change),
                How::Changed => {}
            }
        }
    }

    fn unexplained_change(&mut self, change: &crate::editions::ClaimChange) {
        let Some(place) = self.claim_at(&change.id).cloned() else {
            return;
        };
        let what: Vec<String> = change
            .fields
            .iter()
            .filter(|f| crate::editions::compare::MUST_EXPLAIN.contains(&f.name))
            .map(|f| format!("{} {} → {}", f.name, f.old, f.new))
            .collect();
        let message = format!(
            "the key claim `{}` changed since edition {} ({}) without a note saying why",
            change.id,
            self.now.number - 1,
            what.join("; ")
        );
        let help = format!(
            "add `changes: [{{edition: {}, note: \"what changed and why\"}}]` to the claim",
            self.now.number
        );
        let d = Diagnostic::error(Code::UnexplainedChange, &place.file, place.pos, message)
            .with_help(help);
        self.diagnostics.push(d);
    }

    fn unexplained_withdrawal(&mut self, id: &str, key: bool) {
        let (file, pos) = self.front_at(&[Key("withdrawn")]);
        let help = format!(
            "add `withdrawn: [{{id: {id}, note: \"why\", see: \"claim:<where to look now>\"}}]` to the front page"
        );
        let d = if key {
            let message = format!(
                "the key claim `{id}` of edition {} is gone without a note saying why",
                self.now.number - 1
            );
            Diagnostic::error(Code::UnexplainedChange, &file, pos, message)
        } else {
            let message = format!(
                "the claim `{id}` of edition {} is gone without a note saying why",
                self.now.number - 1
            );
            Diagnostic::warning(Code::UnexplainedWithdrawal, &file, pos, message)
        };
        self.diagnostics.push(d.with_help(help));
    }

    /// Every `changes:` entry names an edition up to the current one.
    fn changes_notes(&mut self) {
        let bad: Vec<(usize, u32)> = self
            .b
            .claims
            .unnoted()
            .iter()
            .enumerate()
            .flat_map(|(i, c)| c.explained.iter().map(move |(e, _)| (i, *e)))
            .filter(|(_, e)| *e == 0 || *e > self.now.number)
            .collect();
        for (i, edition) in bad {
            let place = &self.inputs.claim_places[i];
            let message = format!(
                "`changes:` names edition {edition}, but this is edition {}",
                self.now.number
            );
            let help = format!(
                "editions are numbered from 1; the current one is {}",
                self.now.number
            );
            self.diagnostics.push(
                Diagnostic::error(Code::BadEdition, &place.file, place.pos, message)
                    .with_help(help),
            );
        }
    }

    /// Every `was:` names a claim of a frozen edition.
    fn earlier_ids(&mut self, renamed: &[(String, String)]) {
        let frozen = &self.inputs.content.editions;
        for (id, was) in renamed {
            if frozen.iter().any(|e| e.snapshot.claim(was).is_some()) {
                continue;
            }
            let Some(place) = self.claim_at(id).cloned() else {
                continue;
            };
            let message = format!(
                "the claim `{id}` says it `was: {was}`, but no edition had a claim `{was}`"
            );
            let help = "`was:` names the id the claim had in an earlier edition; remove it if the claim is new";
            self.diagnostics.push(
                Diagnostic::error(Code::BadEdition, &place.file, place.pos, message)
                    .with_help(help),
            );
        }
    }

    /// The claims of frozen editions not in the briefing now, with the front page's notes.
    fn withdrawn(&mut self, renamed: &[(String, String)]) -> Vec<Withdrawn> {
        let listed = self.front.map_or(&[][..], |p| &p.spec.withdrawn[..]);
        let earlier: Set<&str> = renamed.iter().map(|(_, was)| was.as_str()).collect();
        let current = |id: &str| self.ids.contains_key(id) || earlier.contains(id);
        let mut out: Vec<Withdrawn> = Vec::new();
        let mut seen: Set<String> = Set::default();
        for (k, e) in self.inputs.content.editions.iter().enumerate() {
            let next = self.inputs.content.editions.get(k + 1).map(|n| &n.snapshot);
            let in_next = |id: &str| {
                self.lookups
                    .get(k + 1)
                    .is_some_and(|l| l.claims.contains_key(id))
            };
            for c in &e.snapshot.claims {
                if in_next(&c.id) || current(&c.id) || !seen.insert(c.id.clone()) {
                    continue;
                }
                let edition = next.map_or_else(|| self.now.clone(), EditionRef::from);
                let spec = listed.iter().find(|w| w.id.trim() == c.id);
                out.push(Withdrawn {
                    id: c.id.clone(),
                    last: c.clone(),
                    edition,
                    note: spec.map(|w| w.note.trim().to_string()),
                    see: spec.and_then(|w| w.see.as_deref()).and_then(target),
                });
            }
        }
        self.withdrawn_entries(listed, &out);
        out
    }

    /// Every `withdrawn:` entry names a withdrawn claim, and leads to something that exists.
    fn withdrawn_entries(&mut self, listed: &[crate::content::WithdrawnSpec], gone: &[Withdrawn]) {
        for (k, w) in listed.iter().enumerate() {
            if !gone.iter().any(|g| g.id == w.id.trim()) {
                let (file, pos) = self.front_at(&[Key("withdrawn"), Item(k), Key("id")]);
                let message = format!(
                    "`withdrawn:` names `{}`, which is not a claim of an earlier edition that the briefing no longer holds",
                    w.id.trim()
                );
                let help = "list here only claims taken out since an edition was frozen";
                self.diagnostics
                    .push(Diagnostic::error(Code::BadEdition, &file, pos, message).with_help(help));
            }
            if let Some(see) = &w.see {
                self.check_target(see, &[Key("withdrawn"), Item(k), Key("see")]);
            }
        }
    }

    /// The corrections of the current edition, checked: those it dates to it, and those
    /// without a date that the last edition did not list.
    fn corrections(&mut self) -> Vec<Correction> {
        let listed = self.front.map_or(&[][..], |p| &p.spec.corrections[..]);
        let last = self
            .inputs
            .content
            .editions
            .last()
            .map_or(&[][..], |e| &e.snapshot.corrections[..]);
        let earlier = |c: &crate::content::CorrectionSpec| {
            last.iter()
                .any(|l| l.target == c.target.trim() && l.note == c.note.trim())
        };
        let mut out = Vec::new();
        for (k, c) in listed.iter().enumerate() {
            let edition = c.edition.unwrap_or(if earlier(c) {
                self.now.number - 1
            } else {
                self.now.number
            });
            if edition == 0 || edition > self.now.number {
                let (file, pos) = self.front_at(&[Key("corrections"), Item(k), Key("edition")]);
                let message = format!(
                    "the correction names edition {edition}, but this is edition {}",
                    self.now.number
                );
                self.diagnostics.push(
                    Diagnostic::error(Code::BadEdition, &file, pos, message)
                        .with_help("leave `edition:` out for a correction made in this edition"),
                );
            }
            let path = [Key("corrections"), Item(k), Key("target")];
            if let Some(target) = self
                .check_target(&c.target, &path)
                .filter(|_| edition == self.now.number)
            {
                out.push(Correction {
                    target,
                    note: c.note.trim().to_string(),
                });
            }
        }
        out
    }

    /// The target `text` names, when it exists; a problem at `path` otherwise.
    fn check_target(&mut self, text: &str, path: &[crate::content::Step<'_>]) -> Option<Target> {
        let found = target(text).filter(|t| self.exists(t));
        if found.is_none() {
            let (file, pos) = self.front_at(path);
            let message = format!(
                "`{}` is not a note, claim or source of the briefing",
                text.trim()
            );
            let help =
                "write `note:<id>`, `claim:<id>` or `source:<id>` for something the briefing holds";
            self.diagnostics
                .push(Diagnostic::error(Code::BadEdition, &file, pos, message).with_help(help));
        }
        found
    }

    fn exists(&self, t: &Target) -> bool {
        let b = self.b;
        match t.kind {
            Kind::Note => b.notes.unnoted().iter().any(|n| n.slug == t.id),
            Kind::Claim => self.ids.contains_key(t.id.as_str()),
            Kind::Source => b.sources.unnoted().iter().any(|s| s.id == t.id),
            Kind::Tag | Kind::Section => false,
        }
    }
}

/// `note:<id>`, `claim:<id>` or `source:<id>` as a target.
fn target(text: &str) -> Option<Target> {
    let (kind, id) = text.trim().split_once(':')?;
    let kind = match kind {
        "note" => Kind::Note,
        "claim" => Kind::Claim,
        "source" => Kind::Source,
        _ => return None,
    };
    Some(Target {
        kind,
        id: id.trim().to_string(),
    })
}
