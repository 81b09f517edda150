//! Where a site may be written: never over the project. The checks compare canonical paths
//! (symbolic links resolved), so a link or `..` cannot smuggle the project in.

use std::path::{Component, Path, PathBuf};

use crate::codes::Code;
use crate::diagnostics::{Diagnostic, Pos};

/// The project's own folders that no output folder may be, hold or sit inside.
const PROJECT_FOLDERS: [&str; 5] = ["content", "templates", "static", "editions", ".git"];

/// Refuses an output folder `out` that is the project folder `root` or holds it, or that is,
/// holds or sits inside one of the project's own folders.
pub fn check(root: &Path, out: &Path) -> Result<(), Diagnostic> {
    let root = canonical(root);
    let real = canonical(out);
    if root.starts_with(&real) {
        let what = if root == real {
            "is the project folder"
        } else {
            "holds the project folder"
        };
        return Err(refused(out, &real, what.to_string()));
    }
    for folder in PROJECT_FOLDERS {
        let own = canonical(&root.join(folder));
        let what = if real == own {
            "is"
        } else if real.starts_with(&own) {
            "is inside"
        } else if own.starts_with(&real) {
            "holds"
        } else {
            continue;
        };
        return Err(refused(
            out,
            &real,
            format!("{what} the project's {folder}/ folder"),
        ));
    }
    Ok(())
}

fn refused(out: &Path, real: &Path, what: String) -> Diagnostic {
    let shown = match out == real {
        true => out.display().to_string(),
        false => format!("{} (that is, {})", out.display(), real.display()),
    };
    let message =
        format!("the output folder {shown} {what}: a build there would overwrite the project");
    Diagnostic::error(Code::BadOutput, "--output", Pos::default(), message)
        .with_help("build into a folder of its own, such as site/ (the default)")
}

/// `path` absolute with every symbolic link resolved: the part that exists is resolved by the
/// system, and the rest (not made yet, so holding no link) is appended, `..` taken lexically.
pub fn canonical(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            return rest
                .iter()
                .rev()
                .fold(real, |mut p: PathBuf, part: &Component<'_>| {
                    match part {
                        Component::ParentDir => {
                            p.pop();
                        }
                        Component::Normal(name) => p.push(name),
                        _ => {}
                    }
                    p
                });
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn the_project_and_its_folders_are_refused_even_through_links() {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path().join("p");
        for folder in ["content/notes", "static", ".git"] {
            std::fs::create_dir_all(root.join(folder)).unwrap();
        }
        symlink(&root, temp.path().join("to-root")).unwrap();
        symlink(root.join("content"), temp.path().join("to-content")).unwrap();
        let refused = |out: PathBuf| check(&root, &out).map_err(|d| d.message).unwrap_err();
        assert!(
            refused(root.clone())
                .ends_with("is the project folder: a build there would overwrite the project")
        );
        assert!(refused(temp.path().to_path_buf()).contains("holds the project folder"));
        assert!(refused(temp.path().join("to-root")).contains("(that is, "));
        assert!(refused(root.join("editions")).contains("is the project's editions/ folder"));
        assert!(
            refused(temp.path().join("to-content")).contains("is the project's content/ folder")
        );
        assert!(
            refused(root.join("content/notes/site")).contains("is inside the project's content/")
        );
        assert!(refused(root.join(".git")).contains("is the project's .git/ folder"));
        assert!(refused(root.join("site/../static")).contains("is the project's static/"));
        assert!(check(&root, &root.join("site")).is_ok());
        assert!(
            check(&root, &root.join("site/.git")).is_ok(),
            "a worktree inside the output is fine"
        );
        assert!(check(&temp.path().join("to-root"), &root.join("docs")).is_ok());
        assert!(
            check(&temp.path().join("to-root"), &root).is_err(),
            "the root given through a link"
        );
    }

    #[test]
    fn canonical_resolves_the_part_that_exists() {
        let temp = tempfile::tempdir().unwrap();
        let real = std::fs::canonicalize(temp.path()).unwrap();
        std::fs::create_dir(real.join("a")).unwrap();
        symlink(real.join("a"), real.join("link")).unwrap();
        assert_eq!(
            canonical(&real.join("link/new/deeper")),
            real.join("a/new/deeper")
        );
        assert_eq!(canonical(&real.join("link/new/../x")), real.join("a/x"));
    }
}
