//! The search's words: text folded (lower case, accents dropped) and cut into terms, the same
//! way `static/search.js` does it in the browser, so a query finds what the index holds.
//!
//! Folding, per character: its lower case; then a combining accent (U+0300–U+036F) is
//! dropped, a character that decomposes into a base and such accents becomes its base
//! ([`fold_table::BASES`]), and a few letters that do not decompose are spelled out (`ß` →
//! `ss`, `ø` → `o`, `ς` → `σ`). Terms are runs of letters and digits; Chinese and Japanese
//! (Han, Hiragana, Katakana), written without spaces, give each character and each pair of
//! neighbours as terms, and a query's run of them looks for its pairs.

use super::fold_table::BASES;

/// Letters without a decomposition, and what they fold to.
const SPELLED: &[(char, &str)] = &[
    ('ß', "ss"),
    ('æ', "ae"),
    ('œ', "oe"),
    ('ø', "o"),
    ('đ', "d"),
    ('ð', "d"),
    ('þ', "th"),
    ('ł', "l"),
    ('ı', "i"),
    ('ς', "σ"),
];

/// Terms longer than this many characters (an address, a hash) are not indexed.
pub const LONGEST: usize = 40;

/// `text` folded: lower case, without accents. Runs of ASCII are lowered in one piece.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let from = out.len();
        out.push_str(&rest[..ascii]);
        out[from..].make_ascii_lowercase();
        let mut chars = rest[ascii..].chars();
        if let Some(c) = chars.next() {
            fold_char(c, &mut out);
        }
        rest = chars.as_str();
    }
    out
}

/// Appends `c` folded to `out`.
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    for c in c.to_lowercase() {
        if ('\u{300}'..='\u{36f}').contains(&c) {
            continue;
        }
        let c = BASES
            .binary_search_by_key(&c, |&(from, _)| from)
            .map_or(c, |at| BASES[at].1);
        match SPELLED.iter().find(|(from, _)| *from == c) {
            Some((_, to)) => out.push_str(to),
            None => out.push(c),
        }
    }
}

/// True for the characters of Chinese and Japanese text: Han, Hiragana, Katakana.
pub fn is_cjk(c: char) -> bool {
    let cjk = matches!(c,
        '\u{3005}'..='\u{3007}'
        | '\u{3040}'..='\u{30ff}'
        | '\u{31f0}'..='\u{31ff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{ff66}'..='\u{ff9f}'
        | '\u{20000}'..='\u{3134f}');
    cjk && c.is_alphanumeric()
}

/// One run of a text's characters that terms are made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Run<'t> {
    /// Letters and digits of a script written with spaces: one term.
    Word(&'t str),
    /// Chinese or Japanese characters: terms of one and two characters.
    Cjk(&'t str),
}

/// The runs of folded `text`, in order. ASCII is read a byte at a time.
pub fn runs(text: &str) -> impl Iterator<Item = Run<'_>> {
    let mut at = 0;
    std::iter::from_fn(move || {
        at = next_run(text, at)?;
        let start = at;
        let ascii = |at: usize| text.as_bytes().get(at).is_none_or(u8::is_ascii);
        let cjk = !ascii(at) && text[at..].chars().next().is_some_and(is_cjk);
        loop {
            if !cjk {
                let rest = &text.as_bytes()[at..];
                at += rest
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric())
                    .count();
            }
            if ascii(at) {
                break;
            }
            match text[at..].chars().next() {
                Some(c) if !c.is_ascii() && c.is_alphanumeric() && is_cjk(c) == cjk => {
                    at += c.len_utf8()
                }
                _ => break,
            }
        }
        let run = &text[start..at];
        Some(if cjk { Run::Cjk(run) } else { Run::Word(run) })
    })
}

/// Where the next run of `text` starts, from `at` on.
fn next_run(text: &str, mut at: usize) -> Option<usize> {
    loop {
        let rest = &text.as_bytes()[at..];
        at += rest
            .iter()
            .position(|b| b.is_ascii_alphanumeric() || !b.is_ascii())?;
        let c = text[at..].chars().next()?;
        if c.is_alphanumeric() {
            return Some(at);
        }
        at += c.len_utf8();
    }
}

/// Calls `term` with each term of folded `text` as the index keeps it: each word not longer
/// than [`LONGEST`], and for a run of Chinese or Japanese each character and each pair.
pub fn index_terms<'t>(text: &'t str, mut term: impl FnMut(&'t str)) {
    for run in runs(text) {
        match run {
            Run::Word(w) if w.len() <= LONGEST || w.chars().nth(LONGEST).is_none() => term(w),
            Run::Word(_) => {}
            Run::Cjk(run) => {
                let at: Vec<usize> = run.char_indices().map(|(i, _)| i).collect();
                for (k, &i) in at.iter().enumerate() {
                    let next = at.get(k + 1).copied().unwrap_or(run.len());
                    term(&run[i..next]);
                    if k + 1 < at.len() {
                        let after = at.get(k + 2).copied().unwrap_or(run.len());
                        term(&run[i..after]);
                    }
                }
            }
        }
    }
}

/// The terms a query looks for, in order, without repeats: its words, and for a run of
/// Chinese or Japanese its pairs (or its one character). The browser's way, written again
/// to check the two agree (`static/search.js` is what runs).
#[cfg(test)]
pub fn query_terms(query: &str) -> Vec<String> {
    let folded = fold(query);
    let mut terms: Vec<String> = Vec::new();
    let mut add = |t: &str| {
        if !terms.iter().any(|x| x == t) {
            terms.push(t.to_string());
        }
    };
    for run in runs(&folded) {
        match run {
            Run::Word(w) if w.chars().nth(LONGEST).is_none() => add(w),
            Run::Word(_) => {}
            Run::Cjk(run) => {
                let chars: Vec<(usize, char)> = run.char_indices().collect();
                if chars.len() == 1 {
                    add(run);
                }
                for pair in chars.windows(2) {
                    let end = pair[1].0 + pair[1].1.len_utf8();
                    add(&run[pair[0].0..end]);
                }
            }
        }
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table `static/search.js` is checked against too (tests/e2e/search-terms.json).
    const TABLE: &str = include_str!("../../../../tests/e2e/search-terms.json");

    #[test]
    fn queries_give_the_terms_the_browser_gives() {
        let table: Vec<(String, Vec<String>)> = serde_json::from_str(TABLE).unwrap();
        assert!(table.len() >= 10);
        for (query, terms) in table {
            assert_eq!(query_terms(&query), terms, "the terms of {query:?}");
        }
    }

    #[test]
    fn folding_drops_case_and_accents() {
        assert_eq!(fold("Ça Ürümqi Ễ İstanbul"), "ca urumqi e istanbul");
        assert_eq!(fold("Straße Ørsted ΟΔΟΣ"), "strasse orsted οδοσ");
        assert_eq!(fold("e\u{301}"), "e", "a decomposed accent is dropped too");
        assert_eq!(fold("稀土"), "稀土");
    }

    #[test]
    fn chinese_and_japanese_give_characters_and_pairs() {
        let mut terms = Vec::new();
        index_terms("稀土出口 rare-earth カタカナ", |t| terms.push(t));
        assert_eq!(
            terms,
            [
                "稀", "稀土", "土", "土出", "出", "出口", "口", "rare", "earth", "カ", "カタ",
                "タ", "タカ", "カ", "カナ", "ナ"
            ]
        );
        assert_eq!(query_terms("稀土出口"), ["稀土", "土出", "出口"]);
        assert_eq!(query_terms("稀"), ["稀"]);
    }

    #[test]
    fn long_words_are_left_out() {
        let long = "a".repeat(LONGEST + 1);
        let text = format!("{long} short");
        let mut terms = Vec::new();
        index_terms(&text, |t| terms.push(t));
        assert_eq!(terms, ["short"]);
    }
}
