//! What the search index keeps of each document between builds ([`Kept1`]), and a new
//! briefing's documents matched with them: by position while the documents stand where they
//! stood, else by name.

use std::sync::Arc;

use super::chunks::{Chunk, decode};
use super::doc::{counts, key};
use super::ids::Space;
use super::{Kept1, State};
use crate::fingerprint;
use crate::model::Briefing;
use crate::render::changes::{Changes, Key};

/// The documents of a briefing matched with those the last build kept.
pub struct Matched<'s> {
    /// Each document's number.
    pub ids: Vec<u32>,
    /// What was kept of each document that stays as it was (by position).
    pub docs: Vec<Option<Kept1>>,
    /// The positions of the documents to make again.
    pub remade: Vec<usize>,
    /// The documents kept that are gone or made again.
    pub gone: Vec<&'s Kept1>,
    /// True when the documents are those of the last build, in its order (so numbered alike).
    pub same_numbers: bool,
}

/// The documents of `b` matched with those `state` kept: by position when they stand where
/// they stood (and keep their numbers), else by name; a document whose reads meet `changes`
/// is made again.
pub fn matched<'s>(
    b: &Briefing,
    space: &Space,
    state: &'s State,
    changes: &Changes,
) -> Matched<'s> {
    let count: usize = counts(b).iter().sum();
    let names: Vec<u64> = (0..count).map(|i| name(b, i)).collect();
    let kept_names = state.docs.iter().map(|d| d.name);
    let same_numbers = names.iter().copied().eq(kept_names);
    let (ids, by_name) = match same_numbers {
        true => (state.docs.iter().map(|d| d.id).collect(), None),
        false => {
            let ids = space.numbers((0..count).map(|i| key(b, i)));
            let by_name = state.docs.iter().enumerate().map(|(k, d)| (d.name, k));
            (ids, Some(by_name.collect::<fingerprint::Map<u64, usize>>()))
        }
    };
    let mut stays = vec![false; state.docs.len()];
    let mut docs: Vec<Option<Kept1>> = vec![None; count];
    let mut remade = Vec::new();
    for (i, doc) in docs.iter_mut().enumerate() {
        let k = match &by_name {
            None => Some(i),
            Some(by_name) => by_name.get(&names[i]).copied(),
        };
        match k.map(|k| (k, &state.docs[k])) {
            Some((k, d)) if d.id == ids[i] && !changes.touch(&d.keys) => {
                stays[k] = true;
                *doc = Some(d.clone());
            }
            _ => remade.push(i),
        }
    }
    let gone = state.docs.iter().zip(&stays).filter(|s| !s.1).map(|s| s.0);
    Matched {
        ids,
        docs,
        remade,
        gone: gone.collect(),
        same_numbers,
    }
}

/// What names document `i` from build to build, as a number: its kind and id.
pub fn name(b: &Briefing, i: usize) -> u64 {
    let (kind, id) = key(b, i);
    fingerprint::of_bytes(id.as_bytes()).wrapping_add(kind as u64)
}

/// What a build keeps of each document (made whole; `keys` are their positions, in order,
/// with the keys of what each read): its name, reads, number, and the chunks its postings
/// are in.
pub fn kept_docs(
    b: &Briefing,
    keys: &[(usize, Arc<[Key]>)],
    ids: &[u32],
    chunks: &[Arc<Chunk>],
) -> Vec<Kept1> {
    let top = ids.iter().max().map_or(0, |&m| m as usize + 1);
    let mut at = vec![usize::MAX; top];
    for (i, &id) in ids.iter().enumerate() {
        at[id as usize] = i;
    }
    let mut lists: Vec<Vec<usize>> = vec![Vec::new(); ids.len()];
    let mut postings = vec![0u32; ids.len()];
    for (c, chunk) in chunks.iter().enumerate() {
        for (_, text) in &chunk.terms {
            for p in decode(text) {
                let i = at[(p >> 3) as usize];
                postings[i] += 1;
                if lists[i].last() != Some(&c) {
                    lists[i].push(c);
                }
            }
        }
    }
    let kept = |(at, keys): &(usize, Arc<[Key]>)| Kept1 {
        name: name(b, *at),
        keys: Arc::clone(keys),
        id: ids[*at],
        postings: postings[*at],
        chunks: ordinals_to_bytes(lists[*at].iter().copied()),
    };
    keys.iter().map(kept).collect()
}

/// Ascending chunk ordinals, as the distances between them, seven bits a byte.
pub fn ordinals_to_bytes(ordinals: impl Iterator<Item = usize>) -> Arc<[u8]> {
    let mut out = Vec::new();
    let mut last = 0;
    for o in ordinals {
        let mut gap = o - last;
        last = o;
        while gap >= 0x80 {
            out.push((gap as u8 & 0x7f) | 0x80);
            gap >>= 7;
        }
        out.push(gap as u8);
    }
    out.into()
}

/// The chunk ordinals of [`ordinals_to_bytes`].
pub fn ordinals_of(bytes: &[u8]) -> Vec<usize> {
    let (mut out, mut last, mut gap, mut shift) = (Vec::new(), 0, 0, 0);
    for &b in bytes {
        gap |= ((b & 0x7f) as usize) << shift;
        shift += 7;
        if b & 0x80 == 0 {
            last += gap;
            out.push(last);
            (gap, shift) = (0, 0);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_read_back() {
        let ordinals = vec![0, 1, 5, 300, 20_000];
        assert_eq!(
            ordinals_of(&ordinals_to_bytes(ordinals.iter().copied())),
            ordinals
        );
    }
}
