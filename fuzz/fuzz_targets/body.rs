//! A note's body with citations, links and charts: the fuzzer's text becomes the body of one
//! note of a small briefing built in memory (a front page, two source files, a note declaring
//! claims), which is built and, when it builds, the note's page and the print edition are
//! rendered. Never a panic; bodies hold no HTML dossier did not write; the same input gives
//! the same pages.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(body) = common::text(data) else {
        return;
    };
    let Ok(briefing) = common::build(body) else {
        return;
    };
    let pages = common::body_pages(&briefing);
    let html = common::render_pages(&briefing, &pages);
    let again = common::build(body).expect("the same body built twice");
    assert!(
        common::render_pages(&again, &pages) == html,
        "the same body rendered twice gave other bytes"
    );
});
