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
use super::doc::{browser_order, counts};
use super::ids::Space;
use super::kept::{Matched, matched, name, ordinals_of, ordinals_to_bytes};
use super::{
    Block, Kept, Kept1, META, Made, State, Written, block_file, blocks, make, meta, paths,
    script_file,
};
use crate::fingerprint;
use crate::model::Briefing;
use crate::output::{Body, OutputFile};
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
    let Matched {
        ids,
        mut docs,
        remade,
        gone,
        same_numbers,
    } = matched(b, &space, state, since.changes);
    let count = ids.len();
    let made: Vec<Made> = remade.par_iter().map(|&i| make(b, i, true)).collect();
    let firsts: Vec<&str> = state.chunks.iter().map(|c| c.first()).collect();
    let added = added(&made, &ids, &firsts);
    let mut gone_ids: Vec<u32> = gone.iter().map(|d| d.id).collect();
    gone_ids.sort_unstable();
    let mut touched: BTreeSet<usize> = added.keys().copied().collect();
    touched.extend(gone.iter().flat_map(|d| ordinals_of(&d.chunks)));
    let mut chunks = state.chunks.clone();
    let patched: Vec<(usize, Chunk)> = touched
        .par_iter()
        .filter_map(|&c| Some((c, patched(&chunks[c], &gone_ids, added.get(&c))?)))
        .collect();
    let touched: BTreeSet<usize> = patched.iter().map(|(c, _)| *c).collect();
    for (c, chunk) in patched {
        chunks[c] = Arc::new(chunk);
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
    let same_files = same_numbers && chunks.len() == state.chunks.len() && {
        let first = |c: &Arc<Chunk>| chunks::hash(c.first());
        chunks.iter().map(first).eq(state.chunks.iter().map(first))
    };
    let paths = match same_files {
        true => state.paths.clone(),
        false => {
            let all_blocks: BTreeSet<Block> = ids.iter().map(|&id| space.block(id)).collect();
            paths(chunks.iter().map(|c| &**c), all_blocks.into_iter())
        }
    };
    for m in &made {
        let ordinals: BTreeSet<usize> = m.doc.terms.iter().map(|(t, _)| find(&firsts, t)).collect();
        docs[m.at] = Some(Kept1 {
            name: name(b, m.at),
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
        paths: paths.clone(),
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

/// `chunk` without the postings of documents numbered `gone` (ascending), with `added`; `None`
/// when that leaves it as it was (each term's postings are read only as far as the last
/// document gone, and decoded and encoded again only when they change).
fn patched(chunk: &Chunk, gone: &[u32], added: Option<&BTreeMap<&str, Postings>>) -> Option<Chunk> {
    let mut added: Vec<(&str, &Postings)> = added
        .map(|a| a.iter().map(|(t, p)| (*t, p)).collect())
        .unwrap_or_default();
    added.sort_by(|a, b| browser_order(a.0, b.0));
    let same = |text: &str, new: Option<&Postings>| {
        let mut new = new.map_or(&[][..], |p| &p[..]).to_vec();
        new.sort_unstable();
        among(text, gone) == new
    };
    let mut new = added.iter().copied().peekable();
    let mut changed = false;
    for (term, text) in &chunk.terms {
        changed |= new
            .next_if(|(t, _)| browser_order(t, term).is_lt())
            .is_some();
        let mine = new.next_if(|(t, _)| *t == &**term).map(|(_, p)| p);
        changed |= !same(text, mine);
        if changed {
            break;
        }
    }
    if !changed && new.next().is_none() {
        return None;
    }
    Some(rebuilt(chunk, gone, &added))
}

/// The postings of documents `gone` (ascending) in postings `text` (read only as far as the
/// last of them).
fn among(text: &str, gone: &[u32]) -> Postings {
    let mut found = Vec::new();
    let Some(&last) = gone.last() else {
        return found;
    };
    for p in chunks::decoded(text) {
        let id = p >> 3;
        if id > last {
            break;
        }
        if gone.binary_search(&id).is_ok() {
            found.push(p);
        }
    }
    found
}

/// `chunk` without the postings of documents `gone`, with `added` (sorted as the browser
/// sorts terms).
fn rebuilt(chunk: &Chunk, gone: &[u32], added: &[(&str, &Postings)]) -> Chunk {
    let mut terms: chunks::Terms = Vec::with_capacity(chunk.terms.len());
    let mut new = added.iter().copied().peekable();
    for (term, text) in &chunk.terms {
        while let Some((t, p)) = new.next_if(|(t, _)| browser_order(t, term).is_lt()) {
            terms.push((t.into(), p.clone()));
        }
        let mut postings = decode(text);
        postings.retain(|p| gone.binary_search(&(p >> 3)).is_err());
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

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(terms: &[(&str, &[(u32, u8)])]) -> Chunk {
        let encoded = terms.iter().map(|(t, p)| {
            let p: Postings = p.iter().map(|&(id, w)| posting(id, w)).collect();
            (Box::from(*t), encode(&p))
        });
        Chunk {
            terms: encoded.collect(),
        }
    }

    fn added<'t>(terms: &[(&'t str, &[(u32, u8)])]) -> BTreeMap<&'t str, Postings> {
        let postings = |p: &[(u32, u8)]| p.iter().map(|&(id, w)| posting(id, w)).collect();
        terms.iter().map(|(t, p)| (*t, postings(p))).collect()
    }

    #[test]
    fn a_chunk_is_patched_only_when_its_postings_change() {
        let before = chunk(&[("a", &[(1, 2), (5, 0)]), ("b", &[(5, 1)])]);
        let same = added(&[("a", &[(5, 0)]), ("b", &[(5, 1)])]);
        assert_eq!(patched(&before, &[5], Some(&same)), None);
        assert_eq!(
            patched(&before, &[9], None),
            None,
            "a document it never held"
        );
        let reweighed = added(&[("a", &[(5, 3)]), ("b", &[(5, 1)])]);
        let expected = chunk(&[("a", &[(1, 2), (5, 3)]), ("b", &[(5, 1)])]);
        assert_eq!(patched(&before, &[5], Some(&reweighed)), Some(expected));
        let emptied = chunk(&[("a", &[(1, 2)])]);
        assert_eq!(
            patched(&before, &[5], None),
            Some(emptied),
            "b has no posting left"
        );
        let new = added(&[("a", &[(5, 0)]), ("b", &[(5, 1)]), ("c", &[(5, 0)])]);
        let grown = chunk(&[("a", &[(1, 2), (5, 0)]), ("b", &[(5, 1)]), ("c", &[(5, 0)])]);
        assert_eq!(patched(&before, &[5], Some(&new)), Some(grown));
        let moved = added(&[("a", &[(7, 0)]), ("b", &[(7, 1)])]);
        let renumbered = chunk(&[("a", &[(1, 2), (7, 0)]), ("b", &[(7, 1)])]);
        assert_eq!(patched(&before, &[5], Some(&moved)), Some(renumbered));
    }
}
