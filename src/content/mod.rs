//! Loading a briefing's content: walk `content/` in sorted order, read each file, split its
//! front matter and parse it into raw `*Spec` values. Nothing is resolved here.

mod editions;
mod frontmatter;
mod load;
mod spec;
pub mod yaml;

use std::sync::Arc;

use serde::de::DeserializeOwned;

pub use editions::{Edition, MAX_SNAPSHOT_BYTES};
pub use frontmatter::{Split, SplitError, split};
pub use load::{Loader, load, read_text};
pub use spec::{
    AllowSpec, ChangeNoteSpec, ClaimSpec, CorrectionSpec, IndexSpec, IndicatorSpec, NoteSpec,
    SourceLinkSpec, SourceSpec, WithdrawnSpec,
};
pub use yaml::{Outline, Spot, Step};

use crate::codes::Code;
use crate::diagnostics::{Diagnostic, Pos};

/// Everything read from `content/`, parsed but not yet checked against each other.
#[derive(Debug, Clone, Default)]
pub struct Content {
    /// The front page, when `content/_index.md` exists.
    pub index: Option<Arc<Page<IndexSpec>>>,
    /// The notes in `content/notes/`, sorted by path, drafts left out unless asked for.
    pub notes: Vec<Arc<Page<NoteSpec>>>,
    /// The source files in `content/sources/`, sorted by path.
    pub sources: Vec<Arc<Page<SourceSpec>>>,
    /// The frozen editions in `editions/`, numbered 1, 2, 3, …
    pub editions: Vec<Arc<Edition>>,
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

    /// The layout of the front matter, to place its keys and values in diagnostics.
    pub fn outline(&self) -> Outline<'_> {
        let yaml = &self.text[self.yaml_offset..self.body_offset];
        let first_line = self.text[..self.yaml_offset].matches('\n').count() + 1;
        Outline::new(yaml, first_line)
    }

    /// The position of byte `offset` in the file.
    pub fn pos(&self, offset: usize) -> Pos {
        Pos::of_offset(&self.text, offset)
    }
}

/// Parses one file's text: front matter into `S`, body kept as is.
pub fn parse<S: DeserializeOwned>(rel: &str, text: String) -> Result<Page<S>, Diagnostic> {
    let text = lone_returns_as_breaks(text);
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

/// `text` with every carriage return that ends a line on its own (old Mac line endings) made
/// a line feed: YAML and Markdown take it as a line break, as editors show it, and so must
/// every position dossier reports. One byte for one, so offsets stay as they were.
pub fn lone_returns_as_breaks(text: String) -> String {
    let bytes = text.as_bytes();
    let lone = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    if !(0..bytes.len()).any(lone) {
        return text;
    }
    let fixed: Vec<u8> = (0..bytes.len())
        .map(|i| if lone(i) { b'\n' } else { bytes[i] })
        .collect();
    String::from_utf8(fixed).unwrap_or(text)
}

fn split_error(rel: &str, text: &str, error: SplitError) -> Diagnostic {
    match error {
        SplitError::Missing => Diagnostic::error(
            Code::NoFrontMatter,
            rel,
            Pos::new(1, 1),
            "the file does not start with front matter",
        )
        .with_help("begin the file with a line `---`, the YAML fields, and another line `---`"),
        SplitError::Unclosed => Diagnostic::error(
            Code::UnclosedFrontMatter,
            rel,
            Pos::of_offset(text, text.len()),
            "the front matter is not closed",
        )
        .with_help("add a line `---` after the last front-matter field"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_carriage_return_is_a_line_break() {
        assert_eq!(lone_returns_as_breaks("a\rb\r\nc\r".into()), "a\nb\r\nc\n");
        assert_eq!(lone_returns_as_breaks("é\r\n".into()), "é\r\n");
        let text = "---\rtitle: T\rdate: 2025\rwieght: 1\r---\rBody\r".to_string();
        let error = parse::<NoteSpec>("content/notes/n.md", text).unwrap_err();
        assert_eq!((error.line, error.col), (4, 1), "{error}");
    }

    #[test]
    fn parse_keeps_body_and_positions() {
        let text =
            "---\ntitle: T\npublisher: P\ndate: 2025\nkind: news\nreliability: B\n---\nAbout it.\n";
        let page: Page<SourceSpec> = parse("content/sources/s.md", text.to_string()).unwrap();
        assert_eq!(page.stem, "s");
        assert_eq!(page.body(), "About it.\n");
        assert_eq!(page.body_line(), 8);
        let kind = page.outline().at(Spot::ROOT, &[Step::Key("kind")]);
        assert_eq!(kind, Pos::new(5, 7));
    }
}
