use super::*;

fn slips(yaml: &str) -> Vec<Slip> {
    scan(yaml, true).unwrap().slips
}

fn depth_error(yaml: &str) -> Option<usize> {
    scan(yaml, false).err()
}

#[test]
fn refuses_nesting_past_the_limit_at_the_place_it_is_passed() {
    let n = MAX_DEPTH;
    assert_eq!(
        depth_error(&format!("a: {}x{}", "[".repeat(n - 1), "]".repeat(n - 1))),
        None
    );
    assert_eq!(
        depth_error(&format!("a: {}x", "[".repeat(n))),
        Some(3 + n - 1)
    );
    assert_eq!(
        depth_error(&format!("a: {}x", "{b: ".repeat(n))),
        Some(3 + 4 * (n - 1))
    );
    assert_eq!(depth_error(&format!("{}x", "- ".repeat(n))), None);
    assert_eq!(
        depth_error(&format!("{}x", "- ".repeat(n + 1))),
        Some(2 * n)
    );
    let indented: String = (0..=n).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
    let last_line = indented.len() - n - "k:\n".len();
    assert_eq!(depth_error(&indented), Some(last_line + n));
    assert_eq!(depth_error(&indented[..last_line]), None);
}

#[test]
fn brackets_in_quotes_comments_and_block_text_do_not_nest() {
    let open = "[".repeat(100);
    let yaml = format!(
        "a: \"{open}\"\nb: '{open}'  # {open}\nc: |\n  {open}\n  - - - - -\nd: x {open}\ne: \"multi\n  {open}\"\n"
    );
    assert_eq!(depth_error(&yaml), None);
}

#[test]
fn real_front_matter_is_shallow_and_has_no_slips() {
    let yaml = "title: \"A: title\"\nsummary: >-\n  Two lines\n  of text.\ndate: 2025\ntags: [a, b]\nclaims:\n  - id: x\n    text: It's fine\n      and goes on\n    sources:\n      - id: s\n        credibility: 2\n      - t\n  - id: y\n    text: T\n    sources: [s, {id: t, locator: \"p. 4\"}]\nsources:\n- id: s\n  title: S\n";
    let scan = scan(yaml, true).unwrap();
    assert_eq!(scan.slips, []);
    assert_eq!(scan.nodes.iter().map(|n| n.depth).max(), Some(4));
}

#[test]
fn a_quote_running_over_key_lines_is_a_slip() {
    let yaml = "a: \"open\nb: 1\nc: \"x\"\n";
    assert_eq!(
        slips(yaml),
        [Slip::OpenQuote {
            at: 3,
            closed: Some(17)
        }]
    );
    assert_eq!(
        slips("a: 'never\n  closed\n"),
        [Slip::OpenQuote {
            at: 3,
            closed: None
        }]
    );
    assert_eq!(slips("a: 'two\n  lines'\n"), []);
}

#[test]
fn text_after_a_closing_quote_is_a_slip() {
    assert_eq!(
        slips("a: 'Don't'\n"),
        [Slip::AfterQuote { at: 7, quote: '\'' }]
    );
}

#[test]
fn lines_indented_to_no_level_are_slips() {
    // Deeper than a sibling whose value is on its line.
    let deeper = "- id: a\n  text: T\n   more: x\n";
    assert_eq!(
        slips(deeper),
        [Slip::Deeper {
            at: 21,
            above: Some(10)
        }]
    );
    // Between the item's keys and its `-`.
    let between = "c:\n  - id: a\n   text: T\n";
    assert_eq!(
        slips(between),
        [Slip::Misaligned {
            at: 16,
            item: false,
            like: vec![7, 0]
        }]
    );
    // At the column of the `-`.
    assert!(matches!(
        slips("c:\n  - id: a\n  text: T\n")[..],
        [Slip::Misaligned { at: 15, .. }]
    ));
    assert_eq!(slips(" a: 1\nb: 2\n"), [Slip::RootIndented { at: 1 }]);
    assert_eq!(slips("c:\n- a\n- b\nd:\n  - e\n"), []);
}
