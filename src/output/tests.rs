use std::collections::BTreeMap;

use super::*;

fn file(path: &str, text: &str) -> OutputFile {
    OutputFile {
        path: path.into(),
        body: Body::Owned(text.as_bytes().to_vec()),
    }
}

fn write(out: &Path, files: &[(&str, &str)]) -> Result<WriteReport, Diagnostic> {
    let files: Vec<OutputFile> = files.iter().map(|(p, t)| file(p, t)).collect();
    write_site(out, &files, false)
}

/// Every file under `dir` with its bytes, hidden ones and the record included.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    crate::tree::files(dir, dir, dir)
        .files
        .into_iter()
        .map(|f| (f.rel, fs::read(f.path).unwrap()))
        .collect()
}

/// The paths the record names.
fn recorded(out: &Path) -> Vec<String> {
    let text = fs::read_to_string(out.join(MANIFEST)).unwrap();
    assert!(!text.contains("unfinished"), "{text}");
    text.lines()
        .filter_map(|l| l.strip_prefix('/'))
        .map(str::to_string)
        .collect()
}

/// Files of the user's: a gh-pages worktree, a custom domain, a read-me.
fn decoys(out: &Path) {
    fs::create_dir_all(out.join(".git/refs")).unwrap();
    fs::write(out.join(".git/HEAD"), "ref: refs/heads/gh-pages\n").unwrap();
    fs::write(out.join("CNAME"), "briefing.example.org\n").unwrap();
    fs::write(out.join("README.md"), "# Mine\n").unwrap();
}

fn without(mut tree: BTreeMap<String, Vec<u8>>, paths: &[&str]) -> BTreeMap<String, Vec<u8>> {
    for p in paths {
        tree.remove(*p);
    }
    tree
}

#[test]
fn writes_changed_files_only_and_removes_stale_ones() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let first = write(out, &[("a/index.html", "A"), ("b.txt", "B")]).unwrap();
    let report = |written, unchanged, removed| WriteReport {
        written,
        unchanged,
        removed,
    };
    assert_eq!(first, report(2, 0, 0));
    let second = write(out, &[("a/index.html", "A"), ("c.txt", "C")]).unwrap();
    assert_eq!(second, report(1, 1, 1));
    assert!(!out.join("b.txt").exists());
    assert_eq!(fs::read_to_string(out.join("c.txt")).unwrap(), "C");
    assert_eq!(recorded(out), ["a/index.html", "c.txt"]);
}

#[test]
fn removes_folders_left_empty() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &[("x/y/index.html", "1")]).unwrap();
    write(dir.path(), &[("index.html", "2")]).unwrap();
    assert!(!dir.path().join("x").exists());
}

#[test]
fn refuses_paths_outside_the_folder_and_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    for bad in ["../x", "/etc/x", "a/../../x", "", MANIFEST] {
        let error = write(&out, &[(bad, "x")]).unwrap_err();
        assert_eq!(error.code, "unsafe-path", "{bad}");
    }
    assert!(!dir.path().join("x").exists());
    assert!(tree(&out).is_empty(), "the folder is as empty as it was");
}

#[test]
fn the_users_files_stay_and_a_second_build_removes_only_dossiers_own() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    write(
        out,
        &[
            ("index.html", "1"),
            ("notes/a/index.html", "A"),
            ("notes/b/index.html", "B"),
        ],
    )
    .unwrap();
    decoys(out);
    fs::write(out.join("notes/a/photo.jpg"), "jpg").unwrap();
    let before = tree(out);
    write(out, &[("index.html", "2"), ("notes/b/index.html", "B")]).unwrap();
    let after = tree(out);
    let mine = |t: &BTreeMap<String, Vec<u8>>| {
        without(
            t.clone(),
            &[
                "index.html",
                "notes/a/index.html",
                "notes/b/index.html",
                MANIFEST,
            ],
        )
    };
    assert_eq!(
        mine(&after),
        mine(&before),
        "every file of the user's byte for byte"
    );
    assert!(
        !out.join("notes/a/index.html").exists(),
        "dossier's stale page removed"
    );
    assert!(
        out.join("notes/a").is_dir(),
        "a folder holding the user's photo stays"
    );
    assert_eq!(recorded(out), ["index.html", "notes/b/index.html"]);
}

#[test]
fn a_file_dossier_did_not_write_is_never_replaced_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    write(out, &[("index.html", "1")]).unwrap();
    decoys(out);
    let before = tree(out);
    let error = write(out, &[("index.html", "2"), ("CNAME", "other.org")]).unwrap_err();
    assert_eq!(error.code, "output-in-the-way");
    assert!(
        error
            .message
            .contains("a file dossier did not write is where the build writes `CNAME`")
    );
    assert_eq!(tree(out), before, "nothing changed");
    let files = [file("index.html", "2"), file("CNAME", "other.org")];
    write_site(out, &files, true).unwrap();
    assert_eq!(fs::read_to_string(out.join("CNAME")).unwrap(), "other.org");
    assert_eq!(
        recorded(out),
        ["CNAME", "index.html"],
        "replaced, it is dossier's"
    );
}

#[test]
fn a_folder_dossier_never_built_into_is_refused_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("docs");
    fs::create_dir_all(out.join("drafts")).unwrap();
    for name in ["thesis.tex", "notes.txt", "budget.ods", "cv.pdf"] {
        fs::write(out.join(name), name).unwrap();
    }
    let before = tree(&out);
    let error = write(&out, &[("index.html", "1")]).unwrap_err();
    assert_eq!(error.code, "output-not-empty");
    assert!(
        error
            .message
            .contains("(budget.ods, cv.pdf, drafts/, notes.txt, …)"),
        "{}",
        error.message
    );
    assert!(error.help.as_deref().unwrap().contains("--force"));
    assert_eq!(tree(&out), before, "nothing written");
    write_site(&out, &[file("index.html", "1")], true).unwrap();
    write(&out, &[("index.html", "2")]).unwrap();
    assert_eq!(without(tree(&out), &["index.html", MANIFEST]), before);
}

#[test]
fn a_site_of_an_earlier_dossier_is_adopted_and_nothing_else_removed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let earlier = [
        "index.html",
        "claims.json",
        "claims.schema.json",
        "sources.csl.json",
    ];
    for name in earlier.iter().chain(&["notes/old/index.html"]) {
        fs::create_dir_all(out.join(name).parent().unwrap()).unwrap();
        fs::write(out.join(name), "old").unwrap();
    }
    decoys(out);
    let new: Vec<(&str, &str)> = earlier.iter().map(|n| (*n, "new")).collect();
    write(out, &new).unwrap();
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "new");
    assert!(
        out.join("notes/old/index.html").exists(),
        "not known to be dossier's: kept"
    );
    assert!(out.join(".git/HEAD").exists() && out.join("README.md").exists());
    let mut names: Vec<String> = earlier.iter().map(|n| n.to_string()).collect();
    names.sort();
    assert_eq!(recorded(out), names);
}

#[test]
fn an_aborted_staging_leaves_the_site_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &[("a/index.html", "A")]).unwrap();
    let before = tree(dir.path());
    let staging = Staging::new(dir.path(), false).unwrap();
    assert!(staging.stage(&file("a/index.html", "changed")).unwrap());
    assert!(staging.stage(&file("new/deep/index.html", "N")).unwrap());
    assert!(!staging.stage(&file("a/index.html", "A")).unwrap());
    staging.abort();
    assert_eq!(tree(dir.path()), before);
    assert!(!dir.path().join("new").exists());
}

#[test]
fn a_fresh_folder_is_written_in_place_and_emptied_again_on_abort() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let staging = Staging::new(&out, false).unwrap();
    assert!(staging.stage(&file("a/index.html", "A")).unwrap());
    assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "A");
    staging.abort();
    assert!(!out.exists(), "the folder it made removed again");
}

#[test]
fn a_folder_in_the_way_stops_the_build_before_anything_changes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    write(out, &[("a/index.html", "A"), ("b/index.html", "B")]).unwrap();
    fs::remove_file(out.join("b/index.html")).unwrap();
    fs::create_dir_all(out.join("b/index.html")).unwrap();
    fs::write(out.join("b/index.html/mine.txt"), "mine").unwrap();
    let before = tree(out);
    let files = [
        ("a/index.html", "A2"),
        ("b/index.html", "B2"),
        ("c/index.html", "C"),
    ];
    let error = write(out, &files).unwrap_err();
    assert!(
        error
            .message
            .contains("a folder is where the build writes `b/index.html`")
    );
    assert_eq!(
        tree(out),
        before,
        "no page replaced, no temporary file left"
    );
    assert!(!out.join("c").exists());
}

#[test]
fn a_write_failing_part_way_puts_every_file_back() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let pages = [
        ("a/index.html", "A"),
        ("b/index.html", "B"),
        ("z/index.html", "Z"),
    ];
    write(out, &pages).unwrap();
    let before = tree(out);
    let staging = Staging::new(out, false).unwrap();
    for (path, text) in [
        ("a/index.html", "A2"),
        ("b/index.html", "B2"),
        ("c/new/index.html", "C"),
    ] {
        assert!(staging.stage(&file(path, text)).unwrap());
    }
    // Between staging and putting in place, something takes b's place.
    fs::remove_file(out.join("b/index.html")).unwrap();
    fs::create_dir(out.join("b/index.html")).unwrap();
    let mut expected = without(before, &["b/index.html"]);
    expected.insert("b/index.html/x".into(), b"x".to_vec());
    fs::write(out.join("b/index.html/x"), "x").unwrap();
    let produced = ["a/index.html", "b/index.html", "c/new/index.html"];
    let error = staging.commit(&produced).unwrap_err();
    assert!(
        error
            .message
            .contains("nothing was changed: the site is as it was"),
        "{}",
        error.message
    );
    assert_eq!(
        tree(out),
        expected,
        "a back as it was, c gone, z kept, no temporary file"
    );
    assert!(!out.join("c").exists());
    assert_eq!(
        recorded(out),
        ["a/index.html", "b/index.html", "z/index.html"]
    );
}

#[test]
fn a_build_cut_short_leaves_a_record_naming_what_it_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    write(out, &[("a/index.html", "A")]).unwrap();
    // A build that wrote new/index.html and was killed before finishing its record.
    fs::create_dir_all(out.join("new")).unwrap();
    fs::write(out.join("new/index.html"), "N").unwrap();
    fs::write(out.join("new/.index.html.dossier-tmp"), "N").unwrap();
    let record = fs::read_to_string(out.join(MANIFEST)).unwrap();
    let unfinished = "# unfinished: a build was putting these in place\n";
    let leftovers = "/new/index.html\n/new/.index.html.dossier-tmp\n";
    fs::write(
        out.join(MANIFEST),
        format!("{record}{unfinished}{leftovers}"),
    )
    .unwrap();
    write(out, &[("a/index.html", "A"), ("new/index.html", "N2")]).unwrap();
    assert_eq!(recorded(out), ["a/index.html", "new/index.html"]);
    assert!(
        !out.join("new/.index.html.dossier-tmp").exists(),
        "its temporary file removed"
    );
}

#[test]
fn the_record_is_rewritten_only_when_the_files_change() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    write(out, &[("a.html", "A"), ("b.html", "B")]).unwrap();
    let first = fs::read(out.join(MANIFEST)).unwrap();
    write(out, &[("b.html", "B2"), ("a.html", "A2")]).unwrap();
    assert_eq!(
        fs::read(out.join(MANIFEST)).unwrap(),
        first,
        "same files, same record"
    );
    assert!(
        String::from_utf8(first)
            .unwrap()
            .starts_with("# dossier: the files it wrote")
    );
}

#[test]
fn a_next_build_resumes_from_the_ownership_left_unless_the_record_changed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let build = |known, files: &[(&str, &str)]| {
        let staging = Staging::resume(out, false, known)?;
        for (path, text) in files {
            staging.stage(&file(path, text))?;
        }
        let paths: Vec<&str> = files.iter().map(|(p, _)| *p).collect();
        staging.commit(&paths)
    };
    let (_, known) = build(None, &[("a.html", "A"), ("b.html", "B")]).unwrap();
    let (report, known) = build(Some(known), &[("a.html", "A2"), ("c.html", "C")]).unwrap();
    assert_eq!((report.written, report.removed), (2, 1));
    assert_eq!(recorded(out), ["a.html", "c.html"]);
    // The record edited behind the session's back (c.html taken out): it is read again, and
    // c.html, no longer dossier's, is not replaced.
    let record = fs::read_to_string(out.join(MANIFEST)).unwrap();
    fs::write(out.join(MANIFEST), record.replace("/c.html\n", "")).unwrap();
    let error = build(Some(known), &[("a.html", "A2"), ("c.html", "C2")]).unwrap_err();
    assert_eq!(error.code, "output-in-the-way");
    assert_eq!(fs::read_to_string(out.join("c.html")).unwrap(), "C");
}
