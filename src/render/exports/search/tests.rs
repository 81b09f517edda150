//! The index of the sample briefing, and the index after edits against the index made whole.

use super::*;

/// Every file `write` hands on for `b`, by path.
fn files(b: &Briefing, since: Option<Since<'_, Kept>>) -> (BTreeMap<String, String>, Written) {
    let files = std::sync::Mutex::new(BTreeMap::new());
    let written = write(
        b,
        &|f: OutputFile| {
            let text = String::from_utf8(f.bytes().unwrap().into_owned()).unwrap();
            files.lock().unwrap().insert(f.path, text);
            Ok(())
        },
        since,
    );
    (files.into_inner().unwrap(), written)
}

#[test]
fn the_sample_is_indexed_body_and_all() {
    let b = super::super::tests::sample();
    let (files, written) = files(&b, None);
    let mut paths = written.paths.clone();
    paths.sort();
    assert_eq!(paths, files.keys().cloned().collect::<Vec<_>>());
    let meta = &files[META];
    assert!(
        meta.starts_with("dossierSearch.loaded(\"meta\",{"),
        "{meta}"
    );
    let chunk = files.values().find(|t| t.contains("\"lanthanum\","));
    assert!(chunk.is_some(), "a word only in a note's body is indexed");
    assert!(
        files.values().any(|t| t.contains("\"稀土\",")),
        "Chinese pairs are indexed"
    );
    let block = files.values().find(|t| t.contains("\"export-flows\","));
    assert!(block.is_some_and(|b| b.contains("mostly lanthanum and cerium")));
}
