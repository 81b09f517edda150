//! The index after an edit, from the one the last build kept: the documents whose reads the
//! edit touched are made again, their old postings taken out of the chunks they were in and
//! their new ones put into the chunks their terms fall in; only those chunks and the blocks
//! of those documents are written. When the cuts between chunks would fall elsewhere (a new
//! term where a chunk starts, a term becoming common) or documents are numbered otherwise,
//! it gives up and the index is made whole, as a clean build makes it.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rayon::prelude::*;

use super::chunks::{self, Chunk, Postings, count, decode, encode, find, posting, starts};
use super::doc::{browser_order, counts, key};
use super::ids::Space;
use super::{
    Block, Kept, Kept1, META, Made, State, Written, block_file, blocks, make, meta, paths,
    script_file,
};
use crate::fingerprint;
use crate::model::Briefing;
use crate::output::{Body, OutputFile};
use crate::render::changes::Key;
use crate::render::{Since, Sink};

/// New postings, by chunk and term.
type Added<'d> = BTreeMap<usize, BTreeMap<&'d str, Postings>>;

/// The index of `b` patched from what `since` kept, or `None` to make it whole.
pub fn patch(b: &Briefing, sink: &Sink<'_>, since: Since<'_, Kept>) -> Option<Written> {
    let state = since.last.0.as_ref()?;
    let space = Space::new(counts(b));
    if space != state.space {
        return None;
    }
    let count: usize = counts(b).iter().sum();
    let ids = space.numbers((0..count).map(|i| key(b, i)));
    let by_name: fingerprint::Map<u64, usize> = state
        .docs
        .iter()
        .enumerate()
        .map(|(k, d)| (d.name, k))
        .collect();
    let mut stays = vec![false; state.docs.len()];
    let mut docs: Vec<Option<Kept1>> = vec![None; count];
    let mut remade = Vec::new();
    for (i, doc) in docs.iter_mut().enumerate() {
        let name = fingerprint::of(&key(b, i));
        match by_name.get(&name).map(|&k| (k, &state.docs[k])) {
            Some((k, d)) if d.id == ids[i] && !since.changes.touch(&d.keys) => {
                stays[k] = true;
                *doc = Some(d.clone());
            }
            _ => remade.push(i),
        }
    }
    let gone: Vec<&Kept1> = state
        .docs
        .iter()
        .zip(&stays)
        .filter(|s| !s.1)
        .map(|s| s.0)
        .collect();
    let made: Vec<Made> = remade.par_iter().map(|&i| make(b, i, true)).collect();
    let firsts: Vec<&str> = state.chunks.iter().map(|c| c.first()).collect();
    let added = added(&made, &ids, &firsts);
    let gone_ids: fingerprint::Set<u32> = gone.iter().map(|d| d.id).collect();
    let mut touched: BTreeSet<usize> = added.keys().copied().collect();
    touched.extend(gone.iter().flat_map(|d| ordinals_of(&d.chunks)));
    let mut chunks = state.chunks.clone();
    for &c in &touched {
        let patched = patched(&chunks[c], &gone_ids, added.get(&c));
        if patched != *chunks[c] {
            chunks[c] = Arc::new(patched);
        }
    }
    let postings = state.postings + made.iter().map(|m| m.doc.terms.len()).sum::<usize>()
        - gone.iter().map(|d| d.postings as usize).sum::<usize>();
    let terms: usize = chunks.iter().map(|c| c.terms.len()).sum();
    let every = chunks::every(terms, postings);
    if every != state.every || !cut_as_before(&chunks, &touched, every) {
        return None;
    }
    // The layout holds: write what changed.
    let mut errors = Vec::new();
    let changed = touched
        .iter()
        .filter(|&&c| !Arc::ptr_eq(&chunks[c], &state.chunks[c]));
    let mut files: Vec<OutputFile> = changed.map(|&c| script_file(&chunks[c])).collect();
    let mut blocks_touched: BTreeSet<Block> = gone.iter().map(|d| space.block(d.id)).collect();
    blocks_touched.extend(made.iter().map(|m| space.block(ids[m.at])));
    files.extend(block_files(b, &space, &ids, &made, &blocks_touched));
    let meta = meta(&space, count, &chunks);
    if meta != state.meta {
        files.push(OutputFile {
            path: META.into(),
            body: Body::Owned(meta.clone().into_bytes()),
        });
    }
    errors.extend(
        files
            .into_par_iter()
            .filter_map(|f| sink(f).err())
            .collect::<Vec<_>>(),
    );
    let all_blocks: BTreeSet<Block> = ids.iter().map(|&id| space.block(id)).collect();
    let paths = paths(chunks.iter().map(|c| &**c), all_blocks.into_iter());
    for m in &made {
        let ordinals: BTreeSet<usize> = m.doc.terms.iter().map(|(t, _)| find(&firsts, t)).collect();
        docs[m.at] = Some(Kept1 {
            name: fingerprint::of(&key(b, m.at)),
            keys: Arc::clone(&m.keys),
            id: ids[m.at],
            postings: m.doc.terms.len() as u32,
            chunks: ordinals_to_bytes(ordinals.into_iter()),
        });
    }
    let docs = docs.into_iter().flatten().collect();
    let state = State {
        space,
        every,
        docs,
        chunks,
        postings,
        meta,
    };
    Some(Written {
        paths,
        errors,
        kept: Kept(Some(state)),
    })
}

/// The postings of `made` documents, by the chunk (among those starting at `firsts`) and
/// term they fall in.
fn added<'d>(made: &'d [Made], ids: &[u32], firsts: &[&str]) -> Added<'d> {
    let mut added: Added<'d> = BTreeMap::new();
    for m in made {
        for (term, weight) in &m.doc.terms {
            let chunk = added.entry(find(firsts, term)).or_default();
            chunk
                .entry(term)
                .or_default()
                .push(posting(ids[m.at], *weight));
        }
    }
    added
}

/// `chunk` without the postings of documents numbered `gone`, with `added`.
fn patched(
    chunk: &Chunk,
    gone: &fingerprint::Set<u32>,
    added: Option<&BTreeMap<&str, Postings>>,
) -> Chunk {
    let mut terms: chunks::Terms = Vec::with_capacity(chunk.terms.len());
    let mut added: Vec<(&str, &Postings)> = added
        .map(|a| a.iter().map(|(t, p)| (*t, p)).collect())
        .unwrap_or_default();
    added.sort_by(|a, b| browser_order(a.0, b.0));
    let mut new = added.into_iter().peekable();
    for (term, text) in &chunk.terms {
        while let Some((t, p)) = new.next_if(|(t, _)| browser_order(t, term).is_lt()) {
            terms.push((t.into(), p.clone()));
        }
        let mut postings = decode(text);
        postings.retain(|p| !gone.contains(&(p >> 3)));
        if let Some((_, p)) = new.next_if(|(t, _)| *t == &**term) {
            postings.extend(p);
        }
        terms.push((term.clone(), postings));
    }
    terms.extend(new.map(|(t, p)| (t.into(), p.clone())));
    let terms = terms.into_iter().filter(|(_, p)| !p.is_empty());
    let encoded = terms.map(|(t, mut p)| {
        p.sort_unstable();
        (t, encode(&p))
    });
    Chunk {
        terms: encoded.collect(),
    }
}

/// True when the `touched` chunks start and end where cutting the terms afresh would make
/// them start and end.
fn cut_as_before(chunks: &[Arc<Chunk>], touched: &BTreeSet<usize>, every: u32) -> bool {
    let last = |c: usize| {
        let (t, p) = chunks[c].terms.last()?;
        Some((&**t, count(p)))
    };
    let names: fingerprint::Set<u32> = chunks.iter().map(|c| chunks::hash(c.first())).collect();
    if names.len() != chunks.len() {
        return false;
    }
    let check = |c: usize| {
        let terms = &chunks[c].terms;
        let Some((first, p)) = terms.first() else {
            return false;
        };
        let before = c.checked_sub(1).and_then(last);
        let inner = terms.windows(2).all(|w| {
            let before = Some((&*w[0].0, count(&w[0].1)));
            !starts(&w[1].0, count(&w[1].1), before, every)
        });
        starts(first, count(p), before, every) && inner
    };
    let next = touched.iter().map(|c| c + 1).filter(|&c| c < chunks.len());
    touched.iter().copied().chain(next).all(check)
}

/// The files of blocks `touched`, made from the documents now in them (`made` are those made
/// again; the others are made here for their text).
fn block_files(
    b: &Briefing,
    space: &Space,
    ids: &[u32],
    made: &[Made],
    touched: &BTreeSet<Block>,
) -> Vec<OutputFile> {
    let inside = (0..ids.len()).filter(|&i| touched.contains(&space.block(ids[i])));
    let groups = blocks(space, ids, inside);
    let made: fingerprint::Map<usize, &Made> = made.iter().map(|m| (m.at, m)).collect();
    groups
        .into_par_iter()
        .map(|(block, at)| {
            let docs: Vec<(u32, super::doc::Doc)> = at
                .iter()
                .map(|&i| match made.get(&i) {
                    Some(m) => (ids[i], m.doc.clone()),
                    None => (ids[i], make(b, i, false).doc),
                })
                .collect();
            block_file(block, docs.iter().map(|(id, d)| (*id, d)))
        })
        .collect()
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
        name: fingerprint::of(&key(b, *at)),
        keys: Arc::clone(keys),
        id: ids[*at],
        postings: postings[*at],
        chunks: ordinals_to_bytes(lists[*at].iter().copied()),
    };
    keys.iter().map(kept).collect()
}

/// Ascending chunk ordinals, as the distances between them, seven bits a byte.
fn ordinals_to_bytes(ordinals: impl Iterator<Item = usize>) -> Arc<[u8]> {
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
fn ordinals_of(bytes: &[u8]) -> Vec<usize> {
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
