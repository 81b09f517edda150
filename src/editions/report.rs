//! What changed, written for a terminal (`dossier diff`), as Markdown (a pull request or a job
//! summary) and as JSON (scripts): the same [`Diff`] three ways, key judgments first.

use std::fmt::Write;

use super::CorrectionSnap;
use super::compare::{ChangeSet, ClaimChange, EditionRef, How, NoteChange, SourceChange};
use crate::report::json_string;

/// The changes from one edition (or checkout) to the content now, with the reasons given.
#[derive(Debug, Clone, PartialEq)]
pub struct Diff {
    /// What the content is compared with.
    pub since: EditionRef,
    /// The content now.
    pub now: EditionRef,
    /// What changed.
    pub changes: ChangeSet,
    /// Why each claim changed (aligned with `changes.claims`), when a note says.
    pub why: Vec<Option<String>>,
    /// The corrections made in the edition (`corrections:` on the front page), with why.
    pub corrections: Vec<CorrectionSnap>,
}

impl Diff {
    /// The header line: "Edition 2 against edition 1 (First edition, 20 January 2026)".
    fn title(&self) -> String {
        format!("Edition {} against {}", self.now.number, named(&self.since))
    }

    fn is_empty(&self) -> bool {
        let c = &self.changes;
        c.claims.is_empty()
            && c.notes.is_empty()
            && c.sources.is_empty()
            && self.corrections.is_empty()
    }
}

fn named(e: &EditionRef) -> String {
    let mut text = format!("edition {}", e.number);
    let parts: Vec<String> = [e.name.clone(), e.date.map(|d| d.human())]
        .into_iter()
        .flatten()
        .collect();
    if !parts.is_empty() {
        let _ = write!(text, " ({})", parts.join(", "));
    }
    text
}

fn how(c: &ClaimChange) -> &'static str {
    match c.how {
        How::Added => "added",
        How::Withdrawn => "withdrawn",
        How::Changed => "changed",
    }
}

fn weight(c: &ClaimChange) -> &'static str {
    match (c.key, c.kind) {
        (true, crate::vocab::ClaimKind::Judgment) => "key judgment",
        (true, crate::vocab::ClaimKind::Fact) => "key figure",
        (false, _) => "claim",
    }
}

/// One line per change of a claim's details: fields, sources, grades.
fn details(c: &ClaimChange) -> Vec<String> {
    let mut lines: Vec<String> = c
        .fields
        .iter()
        .map(|f| format!("{}: {} → {}", f.name, f.old, f.new))
        .collect();
    if let Some(was) = &c.was {
        lines.push(format!("renamed from {was}"));
    }
    if !c.sources_added.is_empty() {
        lines.push(format!("sources added: {}", c.sources_added.join(", ")));
    }
    if !c.sources_removed.is_empty() {
        lines.push(format!("sources removed: {}", c.sources_removed.join(", ")));
    }
    for (s, old, new) in &c.regraded {
        let g = |g: &Option<u8>| g.map_or_else(|| "ungraded".to_string(), |g| g.to_string());
        lines.push(format!("credibility from {s}: {} → {}", g(old), g(new)));
    }
    lines
}

fn note_line(n: &NoteChange) -> String {
    match n {
        NoteChange::Added(id, title) => format!("added: {title} ({id})"),
        NoteChange::Removed(id, title) => format!("removed: {title} ({id})"),
        NoteChange::Retitled(id, old, new) => format!("retitled: “{old}” → “{new}” ({id})"),
        NoteChange::Revised(id, title) => format!("revised: {title} ({id})"),
    }
}

fn correction_line(c: &CorrectionSnap) -> String {
    format!("{}: {}", c.target, c.note)
}

fn source_line(s: &SourceChange) -> String {
    match s {
        SourceChange::Added(id, title) => format!("added: {title} ({id})"),
        SourceChange::Removed(id, title) => format!("removed: {title} ({id})"),
    }
}

/// For a terminal.
pub fn human(d: &Diff) -> String {
    let mut out = format!("{}\n", d.title());
    if d.is_empty() {
        out.push_str("Nothing changed.\n");
        return out;
    }
    if !d.changes.claims.is_empty() {
        out.push_str("\nClaims:\n");
    }
    for (c, why) in d.changes.claims.iter().zip(&d.why) {
        let _ = writeln!(out, "  {} {} {}: {}", how(c), weight(c), c.id, c.text);
        for line in details(c) {
            let _ = writeln!(out, "      {line}");
        }
        if let Some(why) = why {
            let _ = writeln!(out, "      why: {why}");
        }
    }
    section(
        &mut out,
        "Notes",
        d.changes.notes.iter().map(note_line),
        "  ",
    );
    section(
        &mut out,
        "Sources",
        d.changes.sources.iter().map(source_line),
        "  ",
    );
    section(
        &mut out,
        "Corrections",
        d.corrections.iter().map(correction_line),
        "  ",
    );
    out
}

fn section(out: &mut String, title: &str, lines: impl Iterator<Item = String>, bullet: &str) {
    let lines: Vec<String> = lines.collect();
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{title}:");
    for line in lines {
        let _ = writeln!(out, "{bullet}{line}");
    }
}

/// As Markdown.
pub fn markdown(d: &Diff) -> String {
    let mut out = format!("### {}\n\n", d.title());
    if d.is_empty() {
        out.push_str("Nothing changed.\n");
        return out;
    }
    if !d.changes.claims.is_empty() {
        out.push_str("#### Claims\n\n");
    }
    for (c, why) in d.changes.claims.iter().zip(&d.why) {
        let _ = writeln!(
            out,
            "- **{} {}** `{}`: {}",
            capitalised(how(c)),
            weight(c),
            c.id,
            escape_md(&c.text)
        );
        for line in details(c) {
            let _ = writeln!(out, "  - {}", escape_md(&line));
        }
        if let Some(why) = why {
            let _ = writeln!(out, "  - *Why:* {}", escape_md(why));
        }
    }
    let notes = d.changes.notes.iter().map(|n| escape_md(&note_line(n)));
    md_section(&mut out, "Notes", notes);
    let sources = d.changes.sources.iter().map(|s| escape_md(&source_line(s)));
    md_section(&mut out, "Sources", sources);
    let corrections = d.corrections.iter().map(|c| escape_md(&correction_line(c)));
    md_section(&mut out, "Corrections", corrections);
    out
}

fn md_section(out: &mut String, title: &str, lines: impl Iterator<Item = String>) {
    let lines: Vec<String> = lines.collect();
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n#### {title}\n");
    for line in lines {
        let _ = writeln!(out, "- {line}");
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// Text with Markdown's inline marks escaped, so a statement reads as written.
fn escape_md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// As JSON.
pub fn json(d: &Diff) -> String {
    let edition = |e: &EditionRef| {
        format!(
            "{{\"number\":{},\"name\":{},\"date\":{}}}",
            e.number,
            e.name
                .as_deref()
                .map_or_else(|| "null".to_string(), json_string),
            e.date
                .map_or_else(|| "null".to_string(), |d| json_string(&d.to_string()))
        )
    };
    let claims: Vec<String> = d
        .changes
        .claims
        .iter()
        .zip(&d.why)
        .map(|(c, why)| claim_json(c, why.as_deref()))
        .collect();
    let strings = |items: Vec<String>| {
        items
            .iter()
            .map(|s| json_string(s))
            .collect::<Vec<_>>()
            .join(",")
    };
    let corrections: Vec<String> = d
        .corrections
        .iter()
        .map(|c| {
            format!(
                "{{\"target\":{},\"note\":{}}}",
                json_string(&c.target),
                json_string(&c.note)
            )
        })
        .collect();
    format!(
        "{{\"since\":{},\"now\":{},\"claims\":[{}],\"notes\":[{}],\"sources\":[{}],\"corrections\":[{}]}}\n",
        edition(&d.since),
        edition(&d.now),
        claims.join(","),
        strings(d.changes.notes.iter().map(note_line).collect()),
        strings(d.changes.sources.iter().map(source_line).collect()),
        corrections.join(","),
    )
}

fn claim_json(c: &ClaimChange, why: Option<&str>) -> String {
    let opt = |s: Option<&str>| s.map_or_else(|| "null".to_string(), json_string);
    let list = |items: &[String]| {
        items
            .iter()
            .map(|s| json_string(s))
            .collect::<Vec<_>>()
            .join(",")
    };
    let fields: Vec<String> = c
        .fields
        .iter()
        .map(|f| {
            format!(
                "{{\"field\":{},\"old\":{},\"new\":{}}}",
                json_string(f.name),
                json_string(&f.old),
                json_string(&f.new)
            )
        })
        .collect();
    let grade = |g: &Option<u8>| g.map_or_else(|| "null".to_string(), |g| g.to_string());
    let regraded: Vec<String> = c
        .regraded
        .iter()
        .map(|(s, old, new)| {
            format!(
                "{{\"source\":{},\"old\":{},\"new\":{}}}",
                json_string(s),
                grade(old),
                grade(new)
            )
        })
        .collect();
    format!(
        "{{\"id\":{},\"was\":{},\"change\":{},\"key\":{},\"kind\":{},\"text\":{},\"fields\":[{}],\"sources_added\":[{}],\"sources_removed\":[{}],\"regraded\":[{}],\"why\":{}}}",
        json_string(&c.id),
        opt(c.was.as_deref()),
        json_string(how(c)),
        c.key,
        json_string(c.kind.as_str()),
        json_string(&c.text),
        fields.join(","),
        list(&c.sources_added),
        list(&c.sources_removed),
        regraded.join(","),
        opt(why)
    )
}
