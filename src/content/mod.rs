//! Loading a briefing's content: walk `content/` in sorted order, read each file, split its
//! front matter and parse it into raw `*Spec` values. Nothing is resolved here.

mod frontmatter;
mod spec;
pub mod yaml;

use std::path::Path;

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use walkdir::WalkDir;

pub use frontmatter::{Split, SplitError, split};
pub use spec::{ClaimSpec, IndexSpec, NoteSpec, SourceLinkSpec, SourceSpec};

use crate::diagnostics::{Diagnostic, Pos};

/// Everything read from `content/`, parsed but not yet checked against each other.
#[derive(Debug, Clone, Default)]
pub struct Content {
    /// The front page, when `content/_index.md` exists.
    pub index: Option<Page<IndexSpec>>,
    /// The notes in `content/notes/`, sorted by path, drafts left out unless asked for.
    pub notes: Vec<Page<NoteSpec>>,
    /// The source files in `content/sources/`, sorted by path.
    pub sources: Vec<Page<SourceSpec>>,
}

/// One Markdown file with its parsed front matter.
#[derive(Debug, Clone)]
pub struct Page<S> {
    /// The path relative to the project root, with `/` separators, for diagnostics.
    pub file: String,
    /// The file name without `.md`: a note's slug, a source file's default id.
    pub stem: String,
    /// The whole file.
    pub text: String,
    /// The parsed front matter.
    pub spec: S,
    /// Byte offset of the front matter's YAML in `text`.
    pub yaml_offset: usize,
    /// Byte offset of the Markdown body in `text`.
    pub body_offset: usize,
}

impl<S> Page<S> {
    /// The Markdown body.
    pub fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }

    /// The line on which the body starts.
    pub fn body_line(&self) -> usize {
        Pos::of_offset(&self.text, self.body_offset).line
    }

    /// The first whole-word occurrence of `token` in the front matter at or after byte `from`;
    /// the position of the front matter's start when there is none.
    pub fn find(&self, token: &str, from: usize) -> usize {
        let yaml = &self.text[..self.body_offset];
        find_token(yaml, token, from.max(self.yaml_offset)).unwrap_or(self.yaml_offset)
    }

    /// The position of byte `offset` in the file.
    pub fn pos(&self, offset: usize) -> Pos {
        Pos::of_offset(&self.text, offset)
    }
}

/// The first occurrence of `token` in `text` at or after `from` that is not part of a longer id.
fn find_token(text: &str, token: &str, from: usize) -> Option<usize> {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    let mut start = from.min(text.len());
    while let Some(found) = text.get(start..)?.find(token) {
        let at = start + found;
        let end = at + token.len();
        let before_ok = text[..at].chars().next_back().is_none_or(|c| !is_word(c));
        let after_ok = text[end..].chars().next().is_none_or(|c| !is_word(c));
        if before_ok && after_ok && !token.is_empty() {
            return Some(at);
        }
        start = at + token.len().max(1);
    }
    None
}

/// Reads and parses everything under `root/content`; drafts are skipped unless `drafts`.
pub fn load(root: &Path, drafts: bool) -> (Content, Vec<Diagnostic>) {
    let dir = root.join("content");
    if !dir.is_dir() {
        let d = Diagnostic::error(
            "no-content",
            "content",
            Pos::default(),
            format!("there is no content folder in {}", root.display()),
        )
        .with_help(
            "run dossier in a briefing project (a folder holding content/), or pass --root DIR",
        );
        return (Content::default(), vec![d]);
    }
    let files: Vec<(String, Kind)> = WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| relative(root, e.path()).map(|rel| (kind_of(&rel), rel)))
        .map(|(kind, rel)| (rel, kind))
        .collect();
    let loaded: Vec<Loaded> = files
        .par_iter()
        .map(|(rel, kind)| read_one(root, rel, *kind))
        .collect();
    assemble(loaded, drafts)
}

fn relative(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<_> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    Some(parts.join("/"))
}

/// What a file under `content/` is, by its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Index,
    Note,
    Source,
    Ignored,
    Stray,
}

fn kind_of(rel: &str) -> Kind {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    if name.starts_with('.') || name.starts_with('#') || name.ends_with('~') {
        return Kind::Ignored;
    }
    match rel {
        "content/_index.md" => Kind::Index,
        _ if !name.ends_with(".md") => Kind::Stray,
        _ if rel.starts_with("content/notes/") => Kind::Note,
        _ if rel.starts_with("content/sources/") => Kind::Source,
        _ => Kind::Stray,
    }
}

/// One file's outcome.
enum Loaded {
    Index(Page<IndexSpec>),
    Note(Page<NoteSpec>),
    Source(Page<SourceSpec>),
    Problem(Diagnostic),
    Nothing,
}

fn read_one(root: &Path, rel: &str, kind: Kind) -> Loaded {
    if kind == Kind::Ignored {
        return Loaded::Nothing;
    }
    if kind == Kind::Stray {
        return Loaded::Problem(stray(rel));
    }
    let text = match std::fs::read(root.join(rel)).map(String::from_utf8) {
        Ok(Ok(text)) => text,
        Ok(Err(_)) => {
            return problem(
                "not-utf8",
                rel,
                "the file is not UTF-8 text",
                "save it as UTF-8",
            );
        }
        Err(e) => {
            return problem(
                "io",
                rel,
                &format!("cannot read the file: {e}"),
                "check its permissions",
            );
        }
    };
    let parsed = match kind {
        Kind::Index => parse::<IndexSpec>(rel, text).map(Loaded::Index),
        Kind::Note => parse::<NoteSpec>(rel, text).map(Loaded::Note),
        _ => parse::<SourceSpec>(rel, text).map(Loaded::Source),
    };
    parsed.unwrap_or_else(Loaded::Problem)
}

fn stray(rel: &str) -> Diagnostic {
    Diagnostic::warning("stray-file", rel, Pos::default(), "this file is not used by the build")
        .with_help("notes go in content/notes/, sources in content/sources/, images and other files in static/")
}

fn problem(code: &'static str, rel: &str, message: &str, help: &str) -> Loaded {
    Loaded::Problem(Diagnostic::error(code, rel, Pos::new(1, 1), message).with_help(help))
}

/// Parses one file's text: front matter into `S`, body kept as is.
pub fn parse<S: DeserializeOwned>(rel: &str, text: String) -> Result<Page<S>, Diagnostic> {
    let split = split(&text).map_err(|e| split_error(rel, &text, e))?;
    let first_line = Pos::of_offset(&text, split.yaml_offset).line;
    let spec = yaml::parse::<S>(split.yaml, rel, first_line)?;
    let (yaml_offset, body_offset) = (split.yaml_offset, split.body_offset);
    let stem = rel
        .rsplit('/')
        .next()
        .unwrap_or(rel)
        .trim_end_matches(".md")
        .to_string();
    Ok(Page {
        file: rel.to_string(),
        stem,
        text,
        spec,
        yaml_offset,
        body_offset,
    })
}

fn split_error(rel: &str, text: &str, error: SplitError) -> Diagnostic {
    match error {
        SplitError::Missing => Diagnostic::error(
            "no-front-matter",
            rel,
            Pos::new(1, 1),
            "the file does not start with front matter",
        )
        .with_help("begin the file with a line `---`, the YAML fields, and another line `---`"),
        SplitError::Unclosed => Diagnostic::error(
            "unclosed-front-matter",
            rel,
            Pos::of_offset(text, text.len()),
            "the front matter is not closed",
        )
        .with_help("add a line `---` after the last front-matter field"),
    }
}

fn assemble(loaded: Vec<Loaded>, drafts: bool) -> (Content, Vec<Diagnostic>) {
    let mut content = Content::default();
    let mut diagnostics = Vec::new();
    for item in loaded {
        match item {
            Loaded::Index(page) => content.index = Some(page),
            Loaded::Note(page) if page.spec.draft && !drafts => {}
            Loaded::Note(page) => content.notes.push(page),
            Loaded::Source(page) => content.sources.push(page),
            Loaded::Problem(d) => diagnostics.push(d),
            Loaded::Nothing => {}
        }
    }
    (content, diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_files_by_place() {
        assert_eq!(kind_of("content/_index.md"), Kind::Index);
        assert_eq!(kind_of("content/notes/a.md"), Kind::Note);
        assert_eq!(kind_of("content/notes/deep/a.md"), Kind::Note);
        assert_eq!(kind_of("content/sources/s.md"), Kind::Source);
        assert_eq!(kind_of("content/notes/.a.md.swp"), Kind::Ignored);
        assert_eq!(kind_of("content/notes/a.md~"), Kind::Ignored);
        assert_eq!(kind_of("content/notes/chart.png"), Kind::Stray);
        assert_eq!(kind_of("content/about.md"), Kind::Stray);
    }

    #[test]
    fn finds_whole_tokens_only() {
        let text = "sources: [usgs-2025x, usgs-2025]";
        assert_eq!(find_token(text, "usgs-2025", 0), Some(22));
        assert_eq!(find_token(text, "usgs", 0), None);
    }

    #[test]
    fn parse_keeps_body_and_positions() {
        let text =
            "---\ntitle: T\npublisher: P\ndate: 2025\nkind: news\nreliability: B\n---\nAbout it.\n";
        let page: Page<SourceSpec> = parse("content/sources/s.md", text.to_string()).unwrap();
        assert_eq!(page.stem, "s");
        assert_eq!(page.body(), "About it.\n");
        assert_eq!(page.body_line(), 8);
        assert_eq!(page.pos(page.find("news", 0)), Pos::new(5, 7));
    }
}
