//! The theme: the built-in templates and static files embedded in the binary, and a
//! project's own `templates/` and `static/` files, which win over built-ins of the same name.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Pos};
use crate::tree;

/// The built-in templates, by name.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    (
        "components.html",
        include_str!("../templates/components.html"),
    ),
    ("index.html", include_str!("../templates/index.html")),
    ("note.html", include_str!("../templates/note.html")),
    ("claims.html", include_str!("../templates/claims.html")),
    ("claim.html", include_str!("../templates/claim.html")),
    ("sources.html", include_str!("../templates/sources.html")),
    ("source.html", include_str!("../templates/source.html")),
    ("tags.html", include_str!("../templates/tags.html")),
    ("tag.html", include_str!("../templates/tag.html")),
    ("print.html", include_str!("../templates/print.html")),
    ("search.html", include_str!("../templates/search.html")),
    ("404.html", include_str!("../templates/404.html")),
];

/// The built-in static files, by path under `static/`.
pub const STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../static/style.css")),
    ("favicon.svg", include_bytes!("../static/favicon.svg")),
    ("favicon.ico", include_bytes!("../static/favicon.ico")),
    ("search.js", include_bytes!("../static/search.js")),
    (
        "fonts/Roboto.ttf",
        include_bytes!("../static/fonts/Roboto.ttf"),
    ),
    (
        "fonts/LICENSE-Roboto.txt",
        include_bytes!("../static/fonts/LICENSE-Roboto.txt"),
    ),
];

/// Where a static file's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Asset {
    /// Built into the binary.
    Builtin(&'static [u8]),
    /// A file of the project, read when the site is written.
    File(PathBuf),
}

/// The templates and static files of one build.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Template name → text; built-ins first, a project's own replacing them by name.
    pub templates: Vec<(String, String)>,
    /// Path under `static/` → where its bytes come from, sorted by path.
    pub assets: Vec<(String, Asset)>,
}

impl Theme {
    /// The built-in theme alone.
    pub fn builtin() -> Theme {
        Theme {
            templates: TEMPLATES
                .iter()
                .map(|(n, t)| (n.to_string(), t.to_string()))
                .collect(),
            assets: STATIC
                .iter()
                .map(|(p, b)| (p.to_string(), Asset::Builtin(b)))
                .collect(),
        }
    }

    /// The built-in theme with `root/templates/*.html` and `root/static/**` on top.
    pub fn load(root: &Path) -> Result<Theme, Diagnostic> {
        let mut theme = Theme::builtin();
        for (name, path) in files(&root.join("templates")) {
            if !name.ends_with(".html") {
                continue;
            }
            let text = std::fs::read_to_string(&path).map_err(|e| {
                Diagnostic::error(
                    "io",
                    &format!("templates/{name}"),
                    Pos::default(),
                    format!("cannot read the template: {e}"),
                )
            })?;
            match theme.templates.iter_mut().find(|(n, _)| *n == name) {
                Some(slot) => slot.1 = text,
                None => theme.templates.push((name, text)),
            }
        }
        for (name, path) in files(&root.join("static")) {
            match theme.assets.iter_mut().find(|(n, _)| *n == name) {
                Some(slot) => slot.1 = Asset::File(path),
                None => theme.assets.push((name, Asset::File(path))),
            }
        }
        theme.assets.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(theme)
    }
}

/// Every file under `dir` but hidden ones, as (path relative to `dir` with `/`, full path),
/// sorted.
fn files(dir: &Path) -> Vec<(String, PathBuf)> {
    tree::files(dir, dir)
        .into_iter()
        .filter(|f| !f.rel.split('/').any(|part| part.starts_with('.')))
        .map(|f| (f.rel, f.path))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file in the repository's templates/ and static/ must be embedded.
    #[test]
    fn every_theme_file_is_embedded() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let templates: Vec<_> = files(&root.join("templates"))
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        let mut embedded: Vec<_> = TEMPLATES.iter().map(|(n, _)| n.to_string()).collect();
        embedded.sort();
        assert_eq!(templates, embedded);
        let statics: Vec<_> = files(&root.join("static"))
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        let mut embedded: Vec<_> = STATIC.iter().map(|(n, _)| n.to_string()).collect();
        embedded.sort();
        assert_eq!(statics, embedded);
    }

    #[test]
    fn project_files_override_builtins_by_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::create_dir_all(dir.path().join("static/img")).unwrap();
        std::fs::write(dir.path().join("templates/note.html"), "mine").unwrap();
        std::fs::write(dir.path().join("static/img/logo.png"), "png").unwrap();
        let theme = Theme::load(dir.path()).unwrap();
        let note = theme
            .templates
            .iter()
            .find(|(n, _)| n == "note.html")
            .unwrap();
        assert_eq!(note.1, "mine");
        assert!(
            theme
                .assets
                .iter()
                .any(|(n, a)| n == "img/logo.png" && matches!(a, Asset::File(_)))
        );
        assert!(
            theme
                .assets
                .iter()
                .any(|(n, a)| n == "style.css" && matches!(a, Asset::Builtin(_)))
        );
    }
}
