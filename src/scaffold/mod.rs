//! Scaffolding: `dossier new note|source "Title"` writes a file with a front-matter skeleton
//! and a slug made from the title; `dossier init DIR` writes a whole briefing project that
//! builds and checks clean with the built-in theme. Neither ever overwrites a file.
//!
//! The skeletons live in `src/scaffold/files/` with `{{TITLE}}`-style placeholders.

use std::fs;
use std::io::Write as _;
use std::path::Path;

use crate::codes::Code;
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Pos};

const NEW_NOTE: &str = include_str!("files/new-note.md");
const NEW_SOURCE: &str = include_str!("files/new-source.md");

/// The files of a new project: path under the project folder → skeleton.
const PROJECT: &[(&str, &str)] = &[
    ("dossier.yaml", include_str!("files/dossier.yaml")),
    ("content/_index.md", include_str!("files/index.md")),
    ("content/notes/first-note.md", include_str!("files/note.md")),
    (
        "content/sources/example-source.md",
        include_str!("files/source.md"),
    ),
    (".gitignore", include_str!("files/gitignore")),
    (WORKFLOW, include_str!("files/pages.yml")),
];

/// What `dossier new` makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A note in `content/notes/`.
    Note,
    /// A source in `content/sources/`.
    Source,
}

impl Kind {
    fn folder(self) -> &'static str {
        match self {
            Kind::Note => "content/notes",
            Kind::Source => "content/sources",
        }
    }

    fn skeleton(self) -> &'static str {
        match self {
            Kind::Note => NEW_NOTE,
            Kind::Source => NEW_SOURCE,
        }
    }

    fn word(self) -> &'static str {
        match self {
            Kind::Note => "note",
            Kind::Source => "source",
        }
    }
}

/// Writes a new note or source titled `title` into the project at `root`, dated `today`;
/// returns its path relative to `root`. Refuses to overwrite an existing file.
pub fn new_file(root: &Path, kind: Kind, title: &str, today: Date) -> Result<String, Diagnostic> {
    if title.trim().is_empty() {
        return Err(usage(
            "dossier new",
            "the title is empty",
            "give a title: dossier new note \"Title\"",
        ));
    }
    if !root.join("content").is_dir() {
        return Err(usage(
            &root.display().to_string(),
            &format!("there is no content folder in {}", root.display()),
            "run this in a briefing project, pass --root DIR, or start one with dossier init DIR",
        ));
    }
    let slug = slug(title, kind.word());
    let rel = format!("{}/{slug}.md", kind.folder());
    let text = fill(kind.skeleton(), title, &slug, today);
    create(root, &rel, &text)?;
    Ok(rel)
}

/// Writes a new briefing project into `dir`, which must be missing or empty; returns the
/// paths written, relative to `dir`.
pub fn init(dir: &Path, today: Date) -> Result<Vec<String>, Diagnostic> {
    let shown = dir.display().to_string();
    let not_empty = fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some());
    if not_empty {
        return Err(Diagnostic::error(
            Code::NotEmpty,
            &shown,
            Pos::default(),
            format!("{shown} is not empty; dossier init writes only into a new or empty folder"),
        )
        .with_help("choose a new folder name, e.g. dossier init my-briefing"));
    }
    if dir.exists() && !dir.is_dir() {
        return Err(usage(
            &shown,
            &format!("{shown} is a file, not a folder"),
            "choose a new folder name",
        ));
    }
    let title = title_of(dir);
    let slug = slug(&title, "briefing");
    let mut written = Vec::new();
    for (rel, skeleton) in PROJECT {
        create(dir, rel, &fill(skeleton, &title, &slug, today))?;
        written.push((*rel).to_string());
    }
    Ok(written)
}

/// Creates `root/rel` with `text`, with its folders; fails if the file exists.
fn create(root: &Path, rel: &str, text: &str) -> Result<(), Diagnostic> {
    let path = root.join(rel);
    let io = |e: std::io::Error| {
        Diagnostic::error(
            Code::Io,
            rel,
            Pos::default(),
            format!("cannot write the file: {e}"),
        )
        .with_help("check that the folder is writable")
    };
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(io)?;
    }
    let mut file = match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Diagnostic::error(
                Code::FileExists,
                rel,
                Pos::default(),
                "the file already exists; dossier never overwrites it",
            )
            .with_help("edit the existing file, or choose another title"));
        }
        Err(e) => return Err(io(e)),
    };
    file.write_all(text.as_bytes()).map_err(io)
}

fn usage(file: &str, message: &str, help: &str) -> Diagnostic {
    Diagnostic::error(Code::Usage, file, Pos::default(), message).with_help(help)
}

/// The skeleton with its placeholders filled in.
fn fill(skeleton: &str, title: &str, slug: &str, today: Date) -> String {
    skeleton
        .replace("{{TITLE}}", &yaml_string(title))
        .replace("{{SLUG}}", slug)
        .replace("{{TODAY}}", &today.to_string())
        .replace("{{YEAR}}", &today.year.to_string())
        .replace("{{VERSION}}", env!("CARGO_PKG_VERSION"))
        .replace("{{REPOSITORY}}", repository().unwrap_or(UNFILLED))
}

/// The value `init` writes for `DOSSIER_GIT` in the Pages workflow when dossier's own
/// repository is not known: the one line to fill in, which [`unfilled`] reports.
pub const UNFILLED: &str =
    "FILL-IN: the git address of dossier's source code, e.g. https://github.com/NAME/dossier";

/// The Pages workflow `init` writes, under the project folder.
pub const WORKFLOW: &str = ".github/workflows/pages.yml";

/// A warning while the project's Pages workflow still holds the line `init` left to fill in
/// (its first run would fail at installing dossier); `None` once it is filled, or without
/// the workflow.
pub fn unfilled(root: &Path) -> Option<Diagnostic> {
    let text = fs::read_to_string(root.join(WORKFLOW)).ok()?;
    let marker = UNFILLED.split(':').next().unwrap_or(UNFILLED);
    let (n, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.trim_start().starts_with("DOSSIER_GIT:") && l.contains(marker))?;
    let col = line[..line.find(marker).unwrap_or(0)].chars().count() + 1;
    let message = "the Pages workflow does not say yet where CI installs dossier from";
    let help = "set DOSSIER_GIT to the git address of dossier's source code, e.g. https://github.com/NAME/dossier; until then the workflow's first run stops at installing dossier";
    Some(
        Diagnostic::warning(
            Code::WorkflowPlaceholder,
            WORKFLOW,
            Pos::new(n + 1, col),
            message,
        )
        .with_help(help),
    )
}

/// The repository of dossier's source code, from `repository` in its Cargo.toml: where the
/// Pages workflow of a new project installs dossier from. `None` when it is not set, and
/// the workflow then needs the address filled in.
pub fn repository() -> Option<&'static str> {
    Some(env!("CARGO_PKG_REPOSITORY")).filter(|r| !r.is_empty())
}

/// `text` as a double-quoted YAML scalar, so any title is read back exactly.
pub fn yaml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The slug of `title`: ASCII lower-case letters, digits and single dashes, at most 60
/// characters. Accents are dropped and other scripts transliterated (北京 → `bei-jing`);
/// when nothing is left, `<fallback>-<hash of the title>`.
pub fn slug(title: &str, fallback: &str) -> String {
    let full = crate::html::slugify(title);
    let mut slug = String::with_capacity(full.len().min(60));
    for word in full.split('-').filter(|w| !w.is_empty()) {
        if !slug.is_empty() && slug.len() + 1 + word.len() > 60 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    slug.truncate(60);
    if slug.is_empty() {
        return format!("{fallback}-{:08x}", fnv1a(title) as u32);
    }
    slug
}

/// The FNV-1a hash of `text`: stable across runs and platforms.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A project title from its folder name: `rare-earths_2025` → `Rare earths 2025`.
fn title_of(dir: &Path) -> String {
    let name = std::path::absolute(dir)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let words: Vec<&str> = name
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .collect();
    let mut title = words.join(" ");
    if let Some(first) = title.chars().next() {
        title = first.to_uppercase().chain(title.chars().skip(1)).collect();
    }
    if title.is_empty() {
        "Briefing".into()
    } else {
        title
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_valid_for_any_title() {
        assert_eq!(slug("China's grip: 2025!", "note"), "china-s-grip-2025");
        assert_eq!(slug("Élan vital à Zürich", "note"), "elan-vital-a-zurich");
        assert_eq!(slug("北京", "note"), "bei-jing");
        assert_eq!(slug("Москва", "note"), "moskva");
        // The file `dossier new` makes has the slug the build gives a tag of the same words.
        for words in ["Řeka", "Straße am Fluss", "稀土"] {
            assert_eq!(slug(words, "note"), crate::html::slugify(words), "{words}");
        }
        let none = slug("???", "note");
        assert!(none.starts_with("note-") && none.len() == 13, "{none}");
        assert_eq!(none, slug("???", "note"), "stable");
        let long = slug(&"word ".repeat(40), "note");
        assert!(long.len() <= 60 && !long.ends_with('-'), "{long}");
        let valid = |s: &str| {
            s.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        };
        for title in ["-x-", "🦄 unicorn", "٣ أرقام", "a\u{0}b", "Ω"] {
            assert!(
                valid(&slug(title, "note")),
                "{title}: {}",
                slug(title, "note")
            );
        }
    }

    #[test]
    fn yaml_strings_escape_quotes_and_controls() {
        assert_eq!(yaml_string(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(yaml_string("x\ny\u{7}"), r#""x\ny\u0007""#);
    }

    #[test]
    fn titles_come_from_folder_names() {
        assert_eq!(
            title_of(Path::new("/tmp/rare-earths_2025")),
            "Rare earths 2025"
        );
        assert_eq!(title_of(Path::new("/")), "Briefing");
    }
}
