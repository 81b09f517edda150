//! The term dictionary cut into chunks: the terms sorted (as the browser sorts strings),
//! each with its postings (the numbers of the documents it is in, each with a weight), cut
//! where the term itself says: a term whose hash is a multiple of `every` starts a chunk, and
//! a common term (in [`COMMON`] documents or more) has a chunk to itself. Where the cuts fall
//! depends only on the terms at them, so an edit that adds or drops a term changes only the
//! chunk it falls in. A chunk's file is named by a hash of its first term.

use super::doc::browser_order;

/// A term in this many documents or more has a chunk of its own (its postings take 8 kB).
pub const COMMON: usize = 4096;

/// How many bytes a chunk should have, on average.
const TARGET: f64 = 24_000.0;

/// Postings: document numbers ascending, each with a weight, packed (`number << 3 | weight`,
/// see [`posting`]).
pub type Postings = Vec<u32>;

/// A document's number and weight as one posting.
pub fn posting(id: u32, weight: u8) -> u32 {
    (id << 3) | u32::from(weight & 7)
}

/// Terms with their postings.
pub type Terms = Vec<(Box<str>, Postings)>;

/// One chunk: its terms in order, each with its postings encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    /// The terms and their postings ([`encode`]).
    pub terms: Vec<(Box<str>, Box<str>)>,
}

/// The hash both sides compute from a string: FNV-1a over its UTF-16 code units.
pub fn hash(term: &str) -> u32 {
    term.encode_utf16().fold(0x811c_9dc5u32, |h, unit| {
        (h ^ unit as u32).wrapping_mul(0x0100_0193)
    })
}

/// The file of the chunk starting at `first`.
pub fn file(first: &str) -> String {
    format!("search/t/{:08x}.js", hash(first))
}

/// One in how many terms starts a chunk, for `terms` distinct terms in `postings` postings
/// in all: a power of two, so that it stays the same while the briefing grows a little.
pub fn every(terms: usize, postings: usize) -> u32 {
    let bytes = 2.2 * postings as f64 + 10.0 * terms as f64;
    let per_term = bytes / terms.max(1) as f64;
    let every = (TARGET / per_term).max(1.0);
    1u32 << (every.log2().round() as u32).clamp(2, 12)
}

/// True when `term` (whose postings number `count`) starts a chunk after `before` (and its
/// count): a hash that is a multiple of `every`, or either is common.
pub fn starts(term: &str, count: usize, before: Option<(&str, usize)>, every: u32) -> bool {
    match before {
        None => true,
        Some((_, before)) => {
            hash(term).is_multiple_of(every) || count >= COMMON || before >= COMMON
        }
    }
}

/// The digits of postings: a number is written five bits at a time, most significant first,
/// its last digit from [`LAST`] and the others from [`MORE`].
const LAST: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
const MORE: &[u8; 32] = b"wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-";

/// Postings (ascending) as text: for each, the distance from the last number times eight
/// plus the weight.
pub fn encode(postings: &[u32]) -> Box<str> {
    let mut out = Vec::with_capacity(postings.len() * 2);
    let mut last = 0;
    for &p in postings {
        let (id, weight) = (p >> 3, p & 7);
        let mut value = (u64::from(id - last) << 3) | u64::from(weight);
        last = id;
        let mut digits = [0u8; 13];
        let mut n = 0;
        loop {
            digits[n] = (value & 31) as u8;
            n += 1;
            value >>= 5;
            if value == 0 {
                break;
            }
        }
        out.extend(digits[1..n].iter().rev().map(|&d| MORE[d as usize]));
        out.push(LAST[digits[0] as usize]);
    }
    String::from_utf8(out).unwrap_or_default().into()
}

/// Each byte's digit: 0–31 for a last digit, 32–63 for another, 255 for no digit.
const DIGITS: [u8; 256] = {
    let mut digits = [255u8; 256];
    let mut d = 0;
    while d < 32 {
        digits[LAST[d] as usize] = d as u8;
        digits[MORE[d] as usize] = 32 + d as u8;
        d += 1;
    }
    digits
};

/// How many postings `text` holds ([`encode`]).
pub fn count(text: &str) -> usize {
    text.bytes().filter(|&b| DIGITS[b as usize] < 32).count()
}

/// Postings from their text ([`encode`]).
pub fn decode(text: &str) -> Postings {
    decoded(text).collect()
}

/// Postings read from their text one by one ([`encode`]).
pub fn decoded(text: &str) -> impl Iterator<Item = u32> + '_ {
    let (mut last, mut value) = (0u32, 0u64);
    text.bytes().filter_map(move |b| {
        let d = DIGITS[b as usize];
        if d == 255 {
            return None;
        }
        value = (value << 5) | u64::from(d & 31);
        if d >= 32 {
            return None;
        }
        last += (value >> 3) as u32;
        let p = posting(last, (value & 7) as u8);
        value = 0;
        Some(p)
    })
}

/// A term with how many postings it has and their text ([`encode`]).
pub type Encoded = (Box<str>, usize, Box<str>);

/// Sorted terms (each with its postings, encoded) cut into chunks; none starts with a term
/// whose file name another chunk has (such a term stays in the chunk before it).
pub fn cut(terms: Vec<Encoded>, every: u32) -> Vec<Chunk> {
    let mut chunks: Vec<Chunk> = Vec::new();
    let mut names = std::collections::HashSet::new();
    let mut before: Option<(Box<str>, usize)> = None;
    for (term, count, text) in terms {
        let last = before.as_ref().map(|(t, n)| (&**t, *n));
        let new = starts(&term, count, last, every) && names.insert(hash(&term));
        if new || chunks.is_empty() {
            chunks.push(Chunk { terms: Vec::new() });
        }
        before = Some((term.clone(), count));
        if let Some(chunk) = chunks.last_mut() {
            chunk.terms.push((term, text));
        }
    }
    chunks
}

/// The chunk of `chunks` (sorted by first term) that holds `term`.
pub fn find(firsts: &[&str], term: &str) -> usize {
    firsts
        .partition_point(|first| browser_order(first, term).is_le())
        .saturating_sub(1)
}

impl Chunk {
    /// Its first term.
    pub fn first(&self) -> &str {
        self.terms.first().map_or("", |(t, _)| t)
    }

    /// Its file's text: it hands its terms and postings to the page's script.
    pub fn script(&self) -> String {
        let flat: Vec<&str> = self.terms.iter().flat_map(|(t, p)| [&**t, &**p]).collect();
        let json = serde_json::to_string(&flat).unwrap_or_default();
        let name = format!("t/{:08x}", hash(self.first()));
        format!("dossierSearch.loaded({name:?},{json});\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_read_back_as_written() {
        let pairs = [(0, 3), (1, 0), (40, 7), (100_000, 1), (100_001, 2)];
        let postings: Postings = pairs.iter().map(|&(id, w)| posting(id, w)).collect();
        let text = encode(&postings);
        assert_eq!(&text[..2], "38", "the first number, then one more");
        assert_eq!(decode(&text), postings);
    }

    #[test]
    fn cuts_fall_at_terms_and_around_common_ones() {
        let few = |n: usize| (0..n as u32).map(|i| posting(i, 0)).collect::<Vec<_>>();
        let terms: Vec<Encoded> = ["a", "b", "common", "d", "e"]
            .iter()
            .map(|&t| (t, few(if t == "common" { COMMON } else { 2 })))
            .map(|(t, p)| (Box::from(t), p.len(), encode(&p)))
            .collect();
        let chunks = cut(terms, 1 << 12);
        let firsts: Vec<&str> = chunks.iter().map(Chunk::first).collect();
        assert_eq!(firsts, ["a", "common", "d"]);
        assert_eq!(find(&firsts, "b"), 0);
        assert_eq!(find(&firsts, "cz"), 1);
        assert_eq!(find(&firsts, "zzz"), 2);
        assert_eq!(find(&firsts, "0"), 0);
    }

    #[test]
    fn the_hash_is_fnv_1a_over_utf16() {
        assert_eq!(hash(""), 0x811c_9dc5);
        assert_eq!(hash("a"), 0xe40c_292c);
        assert_eq!(file("a"), "search/t/e40c292c.js");
    }
}
