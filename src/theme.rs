//! The theme: the built-in templates and static files embedded in the binary, and a
//! project's own `templates/` and `static/` files, which win over built-ins of the same name.

use std::path::{Path, PathBuf};

use crate::codes::Code;
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
    ("changes.html", include_str!("../templates/changes.html")),
    (
        "withdrawn.html",
        include_str!("../templates/withdrawn.html"),
    ),
    ("moved.html", include_str!("../templates/moved.html")),
];

/// The built-in static files, by path under `static/`.
pub const STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../static/style.css")),
    ("favicon.svg", include_bytes!("../static/favicon.svg")),
    ("favicon.ico", include_bytes!("../static/favicon.ico")),
    ("og-image.png", include_bytes!("../static/og-image.png")),
    ("search.js", include_bytes!("../static/search.js")),
    ("preview.js", include_bytes!("../static/preview.js")),
    ("register.js", include_bytes!("../static/register.js")),
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

    /// The built-in theme with `root/templates/*.html` and `root/static/**` on top, and the
    /// problems met on the way (a template that cannot be read is an error).
    pub fn load(root: &Path) -> (Theme, Vec<Diagnostic>) {
        let mut theme = Theme::builtin();
        let templates = tree::files(&root.join("templates"), &root.join("templates"), root);
        let assets = tree::files(&root.join("static"), &root.join("static"), root);
        let mut problems = skipped("templates", &templates);
        problems.extend(skipped("static", &assets));
        for found in templates.files.iter().filter(|f| is_template(&f.rel)) {
            match std::fs::read_to_string(&found.path) {
                Ok(text) => theme.set_template(&found.rel, text),
                Err(e) => problems.push(Diagnostic::error(
                    Code::Io,
                    &format!("templates/{}", found.rel),
                    Pos::default(),
                    format!("cannot read the template: {e}"),
                )),
            }
        }
        for found in assets.files {
            match found.rel.contains(char::is_control) {
                true => problems.push(control_in_name(&found.rel)),
                false => theme.set_asset(found.rel, Asset::File(found.path)),
            }
        }
        theme.assets.sort_by(|a, b| a.0.cmp(&b.0));
        (theme, problems)
    }

    /// Puts a project's template in place of the built-in of the same name, or beside them.
    fn set_template(&mut self, name: &str, text: String) {
        match self.templates.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = text,
            None => self.templates.push((name.to_string(), text)),
        }
    }

    /// Puts a project's static file in place of the built-in at its path, or beside them.
    fn set_asset(&mut self, path: String, asset: Asset) {
        match self.assets.iter_mut().find(|(n, _)| *n == path) {
            Some(slot) => slot.1 = asset,
            None => self.assets.push((path, asset)),
        }
    }
}

/// True for a template file: `.html`, not hidden (an editor's backup or swap file).
fn is_template(rel: &str) -> bool {
    rel.ends_with(".html") && !rel.split('/').any(|part| part.starts_with('.'))
}

/// The diagnostics of what a walk of `folder` (under the project) left out.
fn skipped(folder: &str, walk: &tree::Walk) -> Vec<Diagnostic> {
    let in_project = |mut d: Diagnostic| {
        d.file = format!("{folder}/{}", d.file);
        d
    };
    walk.skipped
        .iter()
        .map(|s| in_project(s.diagnostic()))
        .collect()
}

/// A static file whose name holds a line break or another control character.
fn control_in_name(rel: &str) -> Diagnostic {
    let shown = rel.escape_debug().to_string();
    Diagnostic::error(
        Code::BadName,
        &format!("static/{shown}"),
        Pos::default(),
        "this file name holds a control character (such as a line break), which no URL can carry",
    )
    .with_help("rename the file")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file in the repository's templates/ and static/ must be embedded.
    #[test]
    fn every_theme_file_is_embedded() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let listed = |dir: &str| -> Vec<String> {
            let dir = root.join(dir);
            let walk = tree::files(&dir, &dir, root);
            walk.files.into_iter().map(|f| f.rel).collect()
        };
        let templates = listed("templates");
        let mut embedded: Vec<_> = TEMPLATES.iter().map(|(n, _)| n.to_string()).collect();
        embedded.sort();
        assert_eq!(templates, embedded);
        let statics = listed("static");
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
        let (theme, problems) = Theme::load(dir.path());
        assert!(problems.is_empty(), "{problems:?}");
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
