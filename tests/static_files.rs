//! `static/` is copied verbatim, hidden files too; a static file may not take the place of a
//! page dossier generates; symbolic links are followed inside the project and reported
//! outside it; a file name that is not UTF-8 is reported as such.

mod common;

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;

/// A copy of the basic fixture in a new temporary folder.
fn project() -> tempfile::TempDir {
    let temp = tempfile::tempdir().unwrap();
    common::copy_dir(&common::fixture("basic"), temp.path());
    temp
}

fn put(root: &Path, path: &str, text: &str) {
    let path = root.join(path);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// The diagnostics of building `root` into `root/site`, as printed.
fn build(root: &Path) -> (dossier::Outcome, String) {
    let outcome = dossier::build(&dossier::Options::new(root));
    let printed = common::render(&outcome.diagnostics);
    (outcome, printed)
}

#[test]
fn hidden_static_files_are_copied_verbatim() {
    let temp = project();
    let root = temp.path();
    put(
        root,
        "static/.well-known/security.txt",
        "Contact: mailto:desk@example.org\n",
    );
    put(root, "static/.htaccess", "Options -Indexes\n");
    put(root, "static/img/.keep", "");
    let (outcome, printed) = build(root);
    assert!(!outcome.failed(), "{printed}");
    let site = common::read_tree(&root.join("site"));
    assert_eq!(
        site[".well-known/security.txt"],
        b"Contact: mailto:desk@example.org\n"
    );
    assert_eq!(site[".htaccess"], b"Options -Indexes\n");
    assert!(site.contains_key("img/.keep"));
}

#[test]
fn a_static_file_in_the_place_of_a_generated_one_is_an_error_naming_both() {
    let temp = project();
    let root = temp.path();
    for path in [
        "index.html",
        "claims.json",
        "feed.xml",
        "notes/supply/index.html",
        ".dossier-manifest",
    ] {
        put(root, &format!("static/{path}"), "mine");
    }
    put(
        root,
        "static/style.css",
        "/* a built-in replaced on purpose */",
    );
    let (outcome, printed) = build(root);
    assert!(outcome.failed());
    let help = "  help: rename or move it; to change how a page looks, override its template in templates/\n";
    let expected = [
        "static/.dossier-manifest: error[static-conflict]: this static file would take the place of the record dossier keeps of the files it wrote\n",
        "static/claims.json: error[static-conflict]: this static file would take the place of the file `claims.json` that dossier generates\n",
        "static/feed.xml: error[static-conflict]: this static file would take the place of the file `feed.xml` that dossier generates\n",
        "static/index.html: error[static-conflict]: this static file would take the place of the file `index.html` that dossier generates\n",
        "static/notes/supply/index.html: error[static-conflict]: this static file would take the place of the file `notes/supply/index.html` that dossier generates\n",
    ];
    assert_eq!(printed, expected.map(|e| format!("{e}{help}")).concat());
    assert!(!root.join("site").exists(), "nothing written");
}

#[test]
fn links_inside_the_project_are_followed_and_others_reported() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("p");
    common::copy_dir(&common::fixture("basic"), &root);
    put(temp.path(), "elsewhere/secret.txt", "not for publishing");
    put(&root, "assets/logo.svg", "<svg/>");
    put(&root, "static/img/.keep", "");
    symlink(
        root.join("assets/logo.svg"),
        root.join("static/img/logo.svg"),
    )
    .unwrap();
    symlink(temp.path().join("elsewhere"), root.join("static/away")).unwrap();
    symlink(root.join("static"), root.join("static/img/loop")).unwrap();
    symlink(root.join("content/notes"), root.join("content/notes/again")).unwrap();
    let (outcome, printed) = build(&root);
    assert!(!outcome.failed(), "{printed}");
    let site = common::read_tree(&root.join("site"));
    assert_eq!(site["img/logo.svg"], b"<svg/>");
    assert!(!site.keys().any(|k| k.contains("secret")));
    let warnings: Vec<_> = outcome
        .diagnostics
        .iter()
        .map(|d| (d.file.as_str(), d.code.as_str()))
        .collect();
    assert_eq!(
        warnings,
        [
            ("content/notes/again", "link-loop"),
            ("static/away", "link-outside"),
            ("static/img/loop", "link-loop"),
        ]
    );
    assert!(
        printed.contains("this symbolic link leads outside the project, to "),
        "{printed}"
    );
}

#[test]
fn a_content_file_name_that_is_not_utf8_is_reported_as_such() {
    use std::os::unix::ffi::OsStrExt;
    let temp = project();
    let root = temp.path();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
    fs::write(
        root.join("content/notes").join(name),
        "---\ntitle: x\n---\n",
    )
    .unwrap();
    let (outcome, printed) = build(root);
    assert!(outcome.failed());
    assert_eq!(
        printed,
        "content/notes/caf\u{fffd}.md: error[name-not-utf8]: this file name is not UTF-8 text, so it cannot name a page or an id\n  help: rename the file using UTF-8 (any letters, digits, `-` and `_` are fine)\n"
    );
}
