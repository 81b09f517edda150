//! The entries `claims.json` is joined from (one per claim), kept between builds by item with
//! the keys of what each read, and made again only when one of those reads changed
//! ([`Changes`]): the same mechanism as the pages'. (The search index keeps its documents'
//! reads itself, in `render::exports::search`.)

use std::sync::Arc;

use rayon::prelude::*;

use super::Since;
use super::changes::{Key, keys};
use super::exports::Entries;
use super::named::Named;
use crate::model::{Briefing, list};

/// Entries of one file as an earlier build made them, by what names their item.
#[derive(Debug, Default)]
pub struct Kept(Named<Made>);

/// One entry and the keys of what it read, sorted.
#[derive(Debug, Clone)]
struct Made {
    /// The entry.
    entry: Arc<str>,
    /// The keys of its reads (shared with the next build's, when it takes the entry as it was).
    keys: Arc<[Key]>,
}

/// How to make the entries of one file: how many there are, what names entry `i` from build
/// to build, and entry `i` itself.
pub struct Maker<'m> {
    /// How many entries.
    pub len: usize,
    /// The fingerprint of what names entry `i` from build to build (its kind and id).
    pub name: &'m (dyn Fn(usize) -> u64 + Sync),
    /// Entry `i`.
    pub make: &'m (dyn Fn(usize) -> Arc<str> + Sync),
}

/// Every entry `maker` makes, in parallel. Without `since` (a one-off build), nothing is
/// kept; with it, each entry whose reads `since`'s changes leave alone is taken as it was.
pub fn made(b: &Briefing, maker: &Maker<'_>, since: Option<Since<'_, Kept>>) -> (Entries, Kept) {
    let Some(Since {
        last: kept,
        changes,
    }) = since
    else {
        return (
            (0..maker.len).into_par_iter().map(maker.make).collect(),
            Kept::default(),
        );
    };
    let one = |i: usize| {
        let name = (maker.name)(i);
        let before = kept.0.get(i, name);
        if let Some(made) = before.filter(|m| !changes.touch(&m.keys)) {
            return (name, made.clone());
        }
        let (mut entry, reads) = list::record(|| (maker.make)(i));
        if let Some(made) = before.filter(|m| m.entry == entry) {
            // The same text: the same allocation, so the file is known to be unchanged.
            entry = Arc::clone(&made.entry);
        }
        let keys = keys(b, reads);
        (name, Made { entry, keys })
    };
    let (names, made): (Vec<u64>, Vec<Made>) = (0..maker.len).into_par_iter().map(one).unzip();
    let entries = made.iter().map(|m| Arc::clone(&m.entry)).collect();
    (entries, Kept(Named::new(names, made)))
}
