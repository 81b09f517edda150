//! What the fuzz targets share: a small briefing built in memory around one note whose body
//! the fuzzer writes, the built-in templates compiled once, and the invariants checked on
//! every outcome (diagnostics point inside their file; bodies hold no live HTML the author
//! did not get from dossier; the same input gives the same bytes).

// Each target uses a part of this module.
#![allow(dead_code)]

pub mod html;
pub mod positions;

use std::sync::{Arc, OnceLock};

use dossier::config::Config;
use dossier::content::{self, Content, IndexSpec, NoteSpec, Page, SourceSpec};
use dossier::diagnostics::{Diagnostic, has_errors};
use dossier::model::{self, Briefing};
use dossier::output::Body;
use dossier::render::{self, Prepared, Templates};
use dossier::theme::Theme;
use html::check_html;
use positions::check_diagnostics;

/// The file of the note whose body is fuzzed.
pub const FUZZED: &str = "content/notes/fuzzed.md";

/// Its front matter: it declares a claim with a figure and cites a source file.
pub const FUZZED_FRONT: &str = "---
title: Fuzzed note
summary: Its body is the fuzzer's input.
date: 2025-10-01
section: Trade
tags: [fuzz, Widgets]
claims:
  - id: fuzz-claim
    text: Exports fell by a third.
    value: -33.3
    unit: \"%\"
    period: 2025
    confidence: low
    status: disputed
    key: true
    sources:
      - id: trade-weekly
        credibility: 3
        locator: p. 4
---
";

const INDEX: (&str, &str) = (
    "content/_index.md",
    "---
title: Fuzz briefing
summary: A briefing built in memory for the fuzz targets.
date: 2025-11-20
edition: First edition
sections: [Supply, Trade]
---
The bottom line [@stats-office], with [the share](claim:widget-share).
",
);

const SOURCES: [(&str, &str); 2] = [
    (
        "content/sources/stats-office.md",
        "---
title: Widget statistics 2025
publisher: National Statistics Office
date: 2025-03-14
url: https://stats.example.org/widgets-2025
kind: official-statistics
reliability: A
---
The official annual count.
",
    ),
    (
        "content/sources/trade-weekly.md",
        "---
title: Widget trade, monthly
publisher: Trade Weekly
date: 2025-06
kind: news
reliability: B
---
A trade paper's monthly tables.
",
    ),
];

const WIDGETS: (&str, &str) = (
    "content/notes/widgets.md",
    "---
title: Widgets
date: 2025-10-17
section: Supply
tags: [widgets]
claims:
  - id: widget-share
    text: The leading maker made 69% of the world's widgets in 2024.
    value: 69
    unit: \"%\"
    period: \"2024\"
    confidence: high
    sources: [stats-office]
  - id: widgets-home
    text: 60 t of widgets stayed in the home market in 2024.
    value: 60
    unit: t
    period: as of 2024-12-31
    confidence: moderate
    sources: [trade-weekly, inline-memo]
  - id: no-figure
    text: Widgets are popular.
    confidence: moderate
    sources: [stats-office]
sources:
  - id: inline-memo
    title: A memo declared inline
    publisher: The desk
    date: 2025-09
    kind: analysis
    reliability: C
    annotation: A short memo, declared in the note itself.
---
## Making

The leader made [most widgets](claim:widget-share) [@stats-office, p. 4].

## Selling

See the [fuzzed note](note:fuzzed) and [the memo](source:inline-memo).
",
);

/// The claims with a figure, as a chart binds them: id → (value, unit).
pub const FIGURES: [(&str, f64, &str); 3] = [
    ("widget-share", 69.0, "%"),
    ("widgets-home", 60.0, "t"),
    ("fuzz-claim", -33.3, "%"),
];

/// The fixed files of the briefing, parsed once.
fn fixed() -> &'static Content {
    static FIXED: OnceLock<Content> = OnceLock::new();
    FIXED.get_or_init(|| {
        let fixed = Content {
            index: Some(Arc::new(valid::<IndexSpec>(INDEX))),
            notes: vec![Arc::new(valid::<NoteSpec>(WIDGETS))],
            sources: SOURCES.map(|s| Arc::new(valid::<SourceSpec>(s))).to_vec(),
            editions: Vec::new(),
        };
        // Fuzzing a briefing that never builds would never reach rendering.
        let mut plain = fixed.clone();
        let note = format!("{FUZZED_FRONT}Text [@stats-office].\n");
        plain
            .notes
            .push(Arc::new(valid::<NoteSpec>((FUZZED, &note))));
        let (_, diagnostics) = model::build(&plain, Config::default());
        assert!(
            !has_errors(&diagnostics),
            "the fuzz briefing has errors: {diagnostics:?}"
        );
        fixed
    })
}

fn valid<S: serde::de::DeserializeOwned>((file, text): (&str, &str)) -> Page<S> {
    content::parse(file, text.to_string()).expect("the fixed files of the fuzz briefing parse")
}

/// A built briefing, or the diagnostics of a build that found an error.
pub type Built = Result<Briefing, Vec<Diagnostic>>;

/// A page the fuzzer wrote, added to the fixed briefing (the front page replaces its own).
pub enum Fuzzed {
    /// A note.
    Note(Page<NoteSpec>),
    /// A source file.
    Source(Page<SourceSpec>),
    /// The front page.
    Index(Page<IndexSpec>),
}

/// The fixed briefing with `body` as the fuzzed note's body, built and checked; the
/// diagnostics when the build found an error.
pub fn build(body: &str) -> Built {
    build_configured(body, Config::default())
}

/// [`build`] with the settings `config`.
pub fn build_configured(body: &str, config: Config) -> Built {
    let text = format!("{FUZZED_FRONT}{body}");
    match content::parse(FUZZED, text) {
        Ok(note) => build_with(Fuzzed::Note(note), config),
        // The body comes after the front matter's closing line: it cannot reopen it.
        Err(d) => panic!("the fuzzed note's front matter no longer parses: {d}"),
    }
}

/// The fixed briefing with `page` added, built and checked.
pub fn build_with(page: Fuzzed, config: Config) -> Built {
    let mut content = fixed().clone();
    let mut files = vec![WIDGETS];
    files.extend(SOURCES);
    let fuzzed = match page {
        Fuzzed::Note(page) => {
            files.push(INDEX);
            let at = content.notes.partition_point(|n| n.file < page.file);
            content.notes.insert(at, Arc::new(page));
            content.notes[at].clone()
        }
        Fuzzed::Source(page) => {
            files.push(INDEX);
            let page = Arc::new(page);
            let at = content.sources.partition_point(|s| s.file < page.file);
            content.sources.insert(at, page.clone());
            return finish(&content, config, files, (&page.file, &page.text));
        }
        Fuzzed::Index(page) => {
            let page = Arc::new(page);
            content.index = Some(page.clone());
            return finish(&content, config, files, (&page.file, &page.text));
        }
    };
    finish(&content, config, files, (&fuzzed.file, &fuzzed.text))
}

/// Builds `content` and checks the outcome; `files` are the texts diagnostics may be about.
fn finish<'a>(
    content: &Content,
    config: Config,
    mut files: Vec<(&'a str, &'a str)>,
    fuzzed: (&'a str, &'a str),
) -> Built {
    files.push(fuzzed);
    let (briefing, diagnostics) = model::build(content, config);
    check_diagnostics(&diagnostics, &files);
    if has_errors(&diagnostics) {
        return Err(diagnostics);
    }
    for note in briefing.notes.iter() {
        check_html(&note.body_html, &note.file);
    }
    for source in briefing.sources.iter() {
        check_html(&source.annotation_html, &source.file);
    }
    check_html(&briefing.front.body_html, "the front page");
    if let Some(print) = &briefing.print {
        check_html(&print.front, "the print edition");
        for html in &print.bodies {
            check_html(html, "the print edition");
        }
    }
    Ok(briefing)
}

/// The built-in templates, compiled once.
fn templates() -> &'static Templates {
    static TEMPLATES: OnceLock<Templates> = OnceLock::new();
    TEMPLATES.get_or_init(|| {
        Templates::compile(&Theme::builtin().templates).expect("the built-in templates compile")
    })
}

/// The pages that show the fuzzed note's body: its own page and the print edition.
pub fn body_pages(briefing: &Briefing) -> Vec<render::Page> {
    let note = briefing
        .notes
        .iter()
        .position(|n| n.file == FUZZED)
        .expect("the fuzzed note is built");
    let mut pages = vec![render::Page::Note(note)];
    if briefing.print.is_some() {
        pages.push(render::Page::Print);
    }
    pages
}

/// `pages` of `briefing` rendered with the built-in templates.
pub fn render_pages(briefing: &Briefing, pages: &[render::Page]) -> Vec<Vec<u8>> {
    let prepared = Prepared::new(briefing);
    pages
        .iter()
        .copied()
        .map(
            |page| match render::render_page(&prepared, templates(), page) {
                Ok(file) => bytes(file.body),
                Err(d) => panic!("rendering {page:?} of a briefing that built failed: {d}"),
            },
        )
        .collect()
}

fn bytes(body: Body) -> Vec<u8> {
    match body {
        Body::Owned(bytes) => bytes,
        other => panic!("a page not rendered in memory: {other:?}"),
    }
}

/// The input as text, or `None` for bytes that are not UTF-8 (loading rejects those first).
pub fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}
