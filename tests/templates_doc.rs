//! `docs/templates.md`, the reference of every variable each template receives, is made from
//! what the templates really get and from the view structs that give it: the sample and two
//! fixtures are built with project templates that print their whole context
//! (`{{ __tera_context }}`), every variable path of each page kind is collected, and each is
//! described by the `///` comment of its field in the view structs of `src/render/` (the
//! struct whose fields hold all the keys found beside it). A field added to a view and not in
//! the document (or described otherwise) fails this test; `UPDATE_EXPECT=1` writes the
//! document's tables again.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The page templates (those a page is rendered with; `base.html` and `components.html` are
/// included by them).
const PAGES: [&str; 14] = [
    "index",
    "note",
    "claims",
    "claim",
    "sources",
    "source",
    "tags",
    "tag",
    "print",
    "search",
    "changes",
    "moved",
    "withdrawn",
    "404",
];

/// Where the generated part of the document starts and ends.
const OPEN: &str =
    "<!-- variables: made by tests/templates_doc.rs from the view structs in src/render/ -->\n";
const CLOSE: &str = "<!-- /variables -->";

/// A field of a view struct: its key in the context, its `///` text, and the struct it
/// flattens into its parent's keys (`#[serde(flatten)]`).
struct Field {
    key: String,
    doc: String,
    flattened: Option<String>,
}

/// The serialised structs of `src/render/` and `src/vocab.rs`, by name.
fn structs() -> BTreeMap<String, Vec<Field>> {
    let mut all = BTreeMap::new();
    let root = common::repo();
    let mut files = vec![root.join("src/vocab.rs"), root.join("src/markdown/mod.rs")];
    rust_files(&root.join("src/render"), &mut files);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        parse_structs(&text, &mut all);
    }
    all
}

/// Adds the `.rs` files under `dir` to `files`.
fn rust_files(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().map(Result::unwrap) {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// Adds the `pub struct`s of `text`, and the struct-like variants of its `pub enum`s (as
/// `Enum::Variant`), with their fields to `all`.
fn parse_structs(text: &str, all: &mut BTreeMap<String, Vec<Field>>) {
    let mut current: Option<(String, Vec<Field>)> = None;
    let mut in_enum: Option<String> = None;
    let (mut doc, mut rename, mut flatten) = (Vec::new(), None, false);
    for line in text.lines().map(str::trim) {
        let opens =
            |rest: &str| -> String { rest.chars().take_while(|c| c.is_alphanumeric()).collect() };
        if let Some(rest) = line.strip_prefix("pub struct ") {
            if rest.trim_end().ends_with('{') {
                current = Some((opens(rest), Vec::new()));
            }
            doc.clear();
            continue;
        }
        if let Some(rest) = line.strip_prefix("pub enum ") {
            in_enum = Some(opens(rest));
            doc.clear();
            continue;
        }
        if let (Some(name), None) = (&in_enum, &current) {
            if line.ends_with(" {") && line.split(' ').count() == 2 {
                current = Some((format!("{name}::{}", opens(line)), Vec::new()));
                doc.clear();
            } else if line == "}" {
                in_enum = None;
            }
            continue;
        }
        let Some((_, fields)) = current.as_mut() else {
            continue;
        };
        if line == "}" || line == "}," {
            let (name, fields) = current.take().unwrap();
            all.insert(name, fields);
        } else if let Some(text) = line.strip_prefix("///") {
            doc.push(text.trim().to_string());
        } else if line.starts_with("#[serde(") {
            flatten |= line.contains("flatten");
            if let Some(at) = line.find("rename = \"") {
                let rest = &line[at + 10..];
                rename = rest.split('"').next().map(str::to_string);
            }
        } else if let Some((ident, ty)) = line.trim_start_matches("pub ").split_once(": ") {
            let ty: String = ty
                .trim_start_matches(['&', '\''])
                .split(['<', ','])
                .next()
                .unwrap_or("")
                .trim_start_matches("b ")
                .to_string();
            fields.push(Field {
                key: rename.take().unwrap_or_else(|| ident.to_string()),
                doc: doc.join(" "),
                flattened: flatten.then_some(ty),
            });
            (doc, flatten) = (Vec::new(), false);
        } else if !line.starts_with("#[") {
            doc.clear();
        }
    }
}

/// The keys of struct `name`, flattened structs' keys included, with their descriptions.
fn keys(all: &BTreeMap<String, Vec<Field>>, name: &str) -> BTreeMap<String, String> {
    let mut keys = BTreeMap::new();
    for field in all.get(name).into_iter().flatten() {
        match &field.flattened {
            Some(inner) => keys.extend(self::keys(all, inner)),
            None => {
                keys.insert(field.key.clone(), field.doc.clone());
            }
        }
    }
    keys
}

/// `text` as printed by `{{ __tera_context }}`, made JSON: Tera prints `none` as nothing.
fn as_json(text: &str) -> Option<serde_json::Value> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 64);
    let (mut quoted, mut escaped) = (false, false);
    for (i, &c) in chars.iter().enumerate() {
        out.push(c);
        if quoted {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => quoted = false,
                _ => {}
            }
            continue;
        }
        if c == '"' {
            quoted = true;
        } else if matches!(c, ':' | ',' | '[') {
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            let empty = matches!(next, Some(',' | '}')) || (next == Some(&']') && c != '[');
            if empty {
                out.push_str("null");
            }
        }
    }
    serde_json::from_str(&out).ok()
}

/// A variable: its description, from the struct holding it.
type Variables = BTreeMap<String, String>;

/// Adds the variables of `value` (at `path`) to `found`, each described by the struct whose
/// keys hold all of the object's keys (the smallest such).
fn collect(
    all: &BTreeMap<String, Vec<Field>>,
    value: &serde_json::Value,
    path: &str,
    found: &mut Variables,
) {
    match value {
        serde_json::Value::Object(map) => {
            let present: BTreeSet<&str> = map
                .keys()
                .map(String::as_str)
                .filter(|k| path.is_empty() && !["site", "page"].contains(k) || !path.is_empty())
                .collect();
            let mut described = all
                .keys()
                .map(|name| keys(all, name))
                .filter(|keys| present.iter().all(|k| keys.contains_key(*k)))
                .min_by_key(BTreeMap::len)
                .unwrap_or_default();
            if path.is_empty() {
                // every page's own: `site` and `page`, beside the page's data
                described.extend(keys(all, "Context"));
            }
            for (key, inner) in map {
                let full = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                let doc = described.get(key).cloned().unwrap_or_default();
                let entry = found.entry(full.clone()).or_default();
                if entry.is_empty() {
                    *entry = doc;
                }
                collect(all, inner, &full, found);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                collect(all, item, &format!("{path}[]"), found);
            }
        }
        _ => {}
    }
}

/// Builds `root` into `out` with templates that print their context, and gives the
/// variables of each page kind.
fn variables_of(root: &Path, out: &Path, by_kind: &mut BTreeMap<String, Variables>) {
    let project = out.join("project");
    common::copy_dir(root, &project);
    let _ = std::fs::remove_dir_all(project.join("site"));
    std::fs::create_dir_all(project.join("templates")).unwrap();
    for page in PAGES {
        let path = project.join("templates").join(format!("{page}.html"));
        std::fs::write(path, "{{ __tera_context | safe }}").unwrap();
    }
    let mut options = dossier::Options::new(&project);
    options.base_url = Some("https://example.org/b/".into());
    options.output = Some(out.join("site"));
    let outcome = dossier::build(&options);
    assert!(
        !outcome.failed(),
        "{}",
        common::render(&outcome.diagnostics)
    );
    let all = structs();
    for (path, bytes) in common::read_tree(&out.join("site")) {
        if !path.ends_with(".html") {
            continue;
        }
        let Some(value) = as_json(&String::from_utf8_lossy(&bytes)) else {
            continue;
        };
        let kind = value["page"]["kind"].as_str().unwrap_or("404").to_string();
        collect(&all, &value, "", by_kind.entry(kind).or_default());
    }
}

/// The generated part of the document.
fn document() -> String {
    let temp = tempfile::tempdir().unwrap();
    let mut by_kind = BTreeMap::new();
    let repo = common::repo();
    let sample = temp.path().join("sample");
    std::fs::create_dir_all(&sample).unwrap();
    for part in ["content", "editions"] {
        common::copy_dir(&repo.join(part), &sample.join(part));
    }
    for (k, root) in [
        sample,
        common::fixture("judgments"),
        common::fixture("editions"),
    ]
    .iter()
    .enumerate()
    {
        variables_of(root, &temp.path().join(k.to_string()), &mut by_kind);
    }
    let mut every: Variables = BTreeMap::new();
    for variables in by_kind.values_mut() {
        let shared: Vec<String> = variables
            .keys()
            .filter(|k| k.starts_with("site") || k.starts_with("page"))
            .cloned()
            .collect();
        for key in shared {
            let doc = variables.remove(&key).unwrap_or_default();
            let entry = every.entry(key).or_default();
            if entry.is_empty() {
                *entry = doc;
            }
        }
    }
    let mut text = String::from(OPEN);
    text.push_str(&table("Every page", &every));
    for page in PAGES {
        let kind = if page == "404" { "404" } else { page };
        if let Some(variables) = by_kind.get(kind) {
            text.push_str(&table(&format!("`{page}.html`"), variables));
        }
    }
    text
}

/// A section of the document: a heading and the table of its variables.
fn table(heading: &str, variables: &Variables) -> String {
    if variables.is_empty() {
        return format!("\n## {heading}\n\nOnly the variables of every page.\n");
    }
    let mut text = format!("\n## {heading}\n\n| variable | what it is |\n|---|---|\n");
    for (path, doc) in variables {
        text.push_str(&format!("| `{path}` | {} |\n", doc.replace('|', "\\|")));
    }
    text
}

#[test]
fn the_template_reference_lists_every_variable_each_template_receives() {
    let made = document();
    let undescribed: Vec<&str> = made
        .lines()
        .filter(|l| l.ends_with("|  |") || l.ends_with("| |"))
        .collect();
    assert!(
        undescribed.is_empty(),
        "variables without a `///` description in their view struct: {undescribed:#?}"
    );
    let path = common::repo().join("docs/templates.md");
    let doc = std::fs::read_to_string(&path).unwrap_or_default();
    let start = doc.find(OPEN);
    let end = doc.find(CLOSE);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        let (head, tail) = match (start, end) {
            (Some(s), Some(e)) => (doc[..s].to_string(), doc[e..].to_string()),
            _ => (doc.clone(), format!("{CLOSE}\n")),
        };
        std::fs::write(&path, format!("{head}{made}{tail}")).unwrap();
        return;
    }
    let (start, end) = (
        start.expect("docs/templates.md marks its variables"),
        end.expect("and their end"),
    );
    let written = &doc[start..end];
    let missing: Vec<&str> = made.lines().filter(|l| !written.contains(*l)).collect();
    assert!(
        missing.is_empty(),
        "docs/templates.md lacks (run with UPDATE_EXPECT=1): {missing:#?}"
    );
}

#[test]
fn tera_s_dump_of_none_reads_as_null() {
    let value = as_json(r#"{"a": , "b": [1, , 3], "c": "x: , y", "d": [], "e": {"f": }}"#).unwrap();
    assert_eq!(value["a"], serde_json::Value::Null);
    assert_eq!(value["b"][1], serde_json::Value::Null);
    assert_eq!(value["c"], "x: , y");
    assert_eq!(value["d"], serde_json::json!([]));
    assert_eq!(value["e"]["f"], serde_json::Value::Null);
}
