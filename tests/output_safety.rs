//! The output folder is the user's: dossier replaces and removes only the files it wrote
//! itself, never builds over the project (symbolic links resolved), refuses a folder it never
//! built into, and leaves every file as it was when a write fails. Each test puts decoy files
//! where a mistake would reach them and checks them byte for byte.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;

use common::{dossier, read_tree, text};

/// A copy of the basic fixture, with a `.git` of its own, in a new temporary folder.
fn project() -> tempfile::TempDir {
    let temp = tempfile::tempdir().unwrap();
    common::copy_dir(&common::fixture("basic"), temp.path());
    decoys(&temp.path().join(".git"));
    temp
}

/// Files of the user's under `dir`: what a gh-pages worktree, a custom domain and a read-me
/// leave there.
fn decoys(dir: &Path) {
    fs::create_dir_all(dir.join("refs/heads")).unwrap();
    fs::write(dir.join("HEAD"), "ref: refs/heads/gh-pages\n").unwrap();
    fs::write(dir.join("refs/heads/gh-pages"), "0123abcd\n").unwrap();
    fs::write(dir.join(".nojekyll-mine"), "").unwrap();
}

/// Runs the binary and asserts its exit code; gives its stderr.
fn run(args: &[&str], cwd: &Path, code: i32) -> String {
    let out = dossier(args, cwd);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "{args:?}\n{stderr}");
    stderr
}

#[test]
fn folders_of_the_users_and_the_projects_own_are_refused_and_kept() {
    let temp = project();
    let root = temp.path();
    for folder in ["docs", ".github/workflows"] {
        decoys(&root.join(folder));
    }
    let before = read_tree(root);
    for (output, code) in [
        ("docs", "output-not-empty"),
        (".github", "output-not-empty"),
        (".git", "bad-output"),
        ("content", "bad-output"),
        ("content/notes/site", "bad-output"),
        (".", "bad-output"),
        ("..", "bad-output"),
    ] {
        let stderr = run(&["build", "--output", output], root, 1);
        assert!(
            stderr.contains(&format!("error[{code}]")),
            "{output}: {stderr}"
        );
    }
    assert_eq!(read_tree(root), before, "every file byte for byte");
    let stderr = run(&["build", "--output", "docs"], root, 1);
    assert!(stderr.contains("(.nojekyll-mine, HEAD, refs/)"), "{stderr}");
    assert!(stderr.contains("pass --force"), "{stderr}");
}

#[test]
fn symbolic_links_never_lead_a_build_onto_the_project() {
    let temp = project();
    let root = temp.path().join("p");
    fs::create_dir(&root).unwrap();
    for entry in ["content", "dossier.yaml", ".git"] {
        fs::rename(temp.path().join(entry), root.join(entry)).unwrap();
    }
    let elsewhere = temp.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    symlink(&root, elsewhere.join("to-root")).unwrap();
    symlink(root.join("content"), elsewhere.join("to-content")).unwrap();
    let before = read_tree(&root);
    let (to_root, to_content) = (elsewhere.join("to-root"), elsewhere.join("to-content"));
    let real_root = root.to_str().unwrap();
    let (to_root, to_content) = (to_root.to_str().unwrap(), to_content.to_str().unwrap());
    for args in [
        &["build", "--output", to_root, "--root", real_root][..],
        &["build", "--output", to_content, "--root", real_root],
        &["build", "--output", real_root, "--root", to_root],
        &["build", "--force", "--output", to_root, "--root", real_root],
    ] {
        let stderr = run(args, temp.path(), 1);
        assert!(stderr.contains("error[bad-output]"), "{args:?}: {stderr}");
        let output = args[args.iter().position(|a| *a == "--output").unwrap() + 1];
        if output != real_root {
            assert!(
                stderr.contains("(that is, "),
                "the real place is named: {stderr}"
            );
        }
    }
    assert_eq!(
        read_tree(&root),
        before,
        "notes, sources, settings and .git untouched"
    );
}

/// The files of `tree` at `paths`.
fn pick(tree: &BTreeMap<String, Vec<u8>>, paths: &[&str]) -> BTreeMap<String, Vec<u8>> {
    paths
        .iter()
        .map(|p| (p.to_string(), tree[*p].clone()))
        .collect()
}

/// What `decoys` and the tests put in `site/`.
const IN_SITE: [&str; 6] = [
    ".git/HEAD",
    ".git/refs/heads/gh-pages",
    ".git/.nojekyll-mine",
    "CNAME",
    "README.md",
    "notes/loose/photo.jpg",
];

/// Puts the user's files into a built `site`.
fn into_site(site: &Path) {
    decoys(&site.join(".git"));
    fs::write(site.join("CNAME"), "briefing.example.org\n").unwrap();
    fs::write(site.join("README.md"), "# The published site\n").unwrap();
    fs::write(site.join("notes/loose/photo.jpg"), "jpeg").unwrap();
}

#[test]
fn the_users_files_in_site_stay_and_only_dossiers_stale_files_go() {
    let temp = project();
    let (root, site) = (temp.path(), temp.path().join("site"));
    run(&["build"], root, 0);
    into_site(&site);
    let mine = pick(&read_tree(&site), &IN_SITE);
    let note = fs::read(root.join("content/notes/loose.md")).unwrap();
    fs::remove_file(root.join("content/notes/loose.md")).unwrap();
    run(&["build"], root, 0);
    let after = read_tree(&site);
    assert!(
        !after.contains_key("notes/loose/index.html"),
        "dossier's stale page removed"
    );
    assert_eq!(pick(&after, &IN_SITE), mine);
    fs::write(root.join("content/notes/loose.md"), note).unwrap();
    run(&["build"], root, 0);
    assert!(site.join("notes/loose/index.html").is_file());
    assert_eq!(
        pick(&read_tree(&site), &IN_SITE),
        mine,
        "and a build after that"
    );
}

#[test]
fn a_site_built_before_the_record_is_adopted_without_losing_a_file() {
    let temp = project();
    let (root, site) = (temp.path(), temp.path().join("site"));
    run(&["build"], root, 0);
    fs::remove_file(site.join(".dossier-manifest")).unwrap();
    into_site(&site);
    fs::create_dir_all(site.join("notes/gone")).unwrap();
    fs::write(
        site.join("notes/gone/index.html"),
        "an earlier build's page",
    )
    .unwrap();
    let mut kept: Vec<&str> = IN_SITE.to_vec();
    kept.push("notes/gone/index.html");
    let mine = pick(&read_tree(&site), &kept);
    run(&["build"], root, 0);
    assert_eq!(
        pick(&read_tree(&site), &kept),
        mine,
        "nothing it cannot tell is its own removed"
    );
    let record = fs::read_to_string(site.join(".dossier-manifest")).unwrap();
    assert!(
        record.contains("\n/index.html\n") && !record.contains("gone"),
        "{record}"
    );
}

#[test]
fn a_write_that_fails_leaves_every_file_as_it_was() {
    let temp = project();
    let (root, site) = (temp.path(), temp.path().join("site"));
    run(&["build"], root, 0);
    into_site(&site);
    let trade = root.join("content/notes/trade.md");
    let text = fs::read_to_string(&trade).unwrap();
    fs::write(
        &trade,
        text.replacen("\n---\n", "\n---\nA new first line.\n\n", 1),
    )
    .unwrap();
    fs::remove_file(site.join("notes/supply/index.html")).unwrap();
    fs::create_dir(site.join("notes/supply/index.html")).unwrap();
    fs::write(site.join("notes/supply/index.html/mine.txt"), "mine").unwrap();
    let before = read_tree(&site);
    let stderr = run(&["build"], root, 1);
    assert!(
        stderr.contains("a folder is where the build writes `notes/supply/index.html`"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(
        read_tree(&site),
        before,
        "no page replaced, no temporary file left"
    );
}

#[test]
fn force_builds_into_a_folder_of_the_users_and_keeps_its_files() {
    let temp = project();
    let (root, docs) = (temp.path(), temp.path().join("docs"));
    decoys(&docs);
    fs::write(docs.join("index.md"), "the user's own page").unwrap();
    let mine = read_tree(&docs);
    run(&["build", "--output", "docs", "--force"], root, 0);
    run(&["build", "--output", "docs"], root, 0);
    fs::remove_file(root.join("content/notes/loose.md")).unwrap();
    run(&["build", "--output", "docs"], root, 0);
    let after = read_tree(&docs);
    assert!(after.contains_key("index.html") && !after.contains_key("notes/loose/index.html"));
    let paths: Vec<&str> = mine.keys().map(String::as_str).collect();
    assert_eq!(pick(&after, &paths), mine);
}
