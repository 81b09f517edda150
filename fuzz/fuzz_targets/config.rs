//! The text of `dossier.yaml` through `Config::parse`. Never a panic: a diagnostic at a line
//! of the file is the outcome for bad input; what parses is usable (a base URL ends in `/`).

#![no_main]

mod common;

use dossier::config::{Config, FILE};
use dossier::render::Page;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = common::text(data) else {
        return;
    };
    let parsed = Config::parse(text);
    assert_eq!(parsed, Config::parse(text), "the same text parsed twice");
    match parsed {
        Ok(config) => {
            if let Some(url) = &config.base_url {
                assert!(url.ends_with('/'), "a base URL without its `/`: {url:?}");
                let again = config.clone().with_base_url(url);
                assert_eq!(again.as_ref(), Ok(&config), "a base URL set again");
            }
            if let Some(name) = &config.cname {
                let again = config.clone().with_cname(name);
                assert_eq!(again.as_ref(), Ok(&config), "a CNAME set again");
            }
            rendered(config);
        }
        Err(d) => {
            assert!(d.is_error() && d.file == FILE, "{d:?}");
            assert!(
                d.line >= 1,
                "an error in dossier.yaml without a line: {d:?}"
            );
            common::positions::check_position(&d, text);
        }
    }
});

/// The small briefing built with `config`: its front page, a note and the print edition
/// render, the same bytes twice.
fn rendered(config: Config) {
    let pages = [Page::Index, Page::Note(0), Page::NotFound, Page::Print];
    let briefing = match common::build_configured("Text.\n", config.clone()) {
        Ok(briefing) => briefing,
        Err(d) => panic!("the fixed briefing failed to build with {config:?}: {d:?}"),
    };
    let pages = &pages[..if briefing.print.is_some() { 4 } else { 3 }];
    let html = common::render_pages(&briefing, pages);
    let again = common::build_configured("Text.\n", config).expect("built once");
    assert!(
        common::render_pages(&again, pages) == html,
        "rendered twice"
    );
}
