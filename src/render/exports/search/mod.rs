//! The search index, in files a query loads only some of: `search/meta.js` (where the
//! dictionary is cut, how documents are numbered), the dictionary's chunks `search/t/*.js`
//! (terms and their postings, [`chunks`]) and the documents' blocks `search/d/*.js` (what a
//! result shows, [`ids`]). Each is a script that hands its data to `static/search.js`, so the
//! search works from `file://` as over HTTP.
//!
//! `dossier serve` keeps the chunks and, per document, what it read and which chunks it is in
//! ([`Kept`]); after an edit it makes again only the documents whose reads changed, and
//! rewrites only the chunks and blocks they are in ([`patch`]).

mod chunks;
mod doc;
mod fold;
mod fold_table;
mod ids;
mod kept;
mod key;
mod patch;
mod text;

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::model::{Briefing, list};
use crate::output::{Body, OutputFile};
use crate::render::changes::{Key, keys};
use crate::render::{Since, Sink};
use chunks::Chunk;
use doc::{Doc, counts, key};
use ids::Space;
use key::{Key as Term, Keyed};

/// The file that tells the page's script how the index is cut.
const META: &str = "search/meta.js";

/// What a build keeps of the search index for the next (nothing after a one-off build).
#[derive(Debug, Default)]
pub struct Kept(Option<State>);

/// The index as a build left it.
#[derive(Debug)]
struct State {
    /// How documents are numbered.
    space: Space,
    /// One in how many terms starts a chunk.
    every: u32,
    /// Each document, in the order of the build.
    docs: Vec<Kept1>,
    /// The chunks, in order.
    chunks: Vec<Arc<Chunk>>,
    /// How many postings there are in all.
    postings: usize,
    /// The meta file's text.
    meta: String,
    /// The paths of the index's files.
    paths: Vec<String>,
}

/// What a build keeps of one document.
#[derive(Debug, Clone)]
struct Kept1 {
    /// The fingerprint of its kind and id.
    name: u64,
    /// The keys of what it read.
    keys: Arc<[Key]>,
    /// Its number.
    id: u32,
    /// How many terms it has.
    postings: u32,
    /// The chunks its terms are in ([`ordinals`]).
    chunks: Arc<[u8]>,
}

/// What writing the index gave: the paths of its files, the sink's errors, what to keep.
pub struct Written {
    /// Every file of the index, written now or before.
    pub paths: Vec<String>,
    /// The sink's errors.
    pub errors: Vec<Diagnostic>,
    /// What the next build needs.
    pub kept: Kept,
}

/// Makes the index of `b` and hands its files to `sink`: every file, or, `since` a last
/// build, only those that changed.
pub fn write(b: &Briefing, sink: &Sink<'_>, since: Option<Since<'_, Kept>>) -> Written {
    if let Some(written) = since.and_then(|s| patch::patch(b, sink, s)) {
        return written;
    }
    whole(b, sink, since.is_some())
}

/// One document made, with the keys of what it read (when kept).
struct Made {
    /// Its position.
    at: usize,
    /// What it read.
    keys: Arc<[Key]>,
    /// The document.
    doc: Doc,
}

/// Makes document `at`, recording its reads when `track`.
fn make(b: &Briefing, at: usize, track: bool) -> Made {
    let (doc, keys) = match track {
        true => {
            let (doc, reads) = list::record(|| doc::doc(b, at));
            (doc, keys(b, reads))
        }
        false => (doc::doc(b, at), Arc::default()),
    };
    Made { at, keys, doc }
}

/// The postings of documents gathered on one thread (then merged with other threads'), the
/// keys of what each read, the sink's errors.
#[derive(Default)]
struct Gathered {
    /// Each term's postings.
    terms: Keyed<Box<str>, chunks::Postings>,
    /// How many postings in all.
    postings: usize,
    /// Each document's position and the keys of what it read (when kept).
    keys: Vec<(usize, Arc<[Key]>)>,
    /// The sink's errors.
    errors: Vec<Diagnostic>,
}

impl Gathered {
    /// The documents at `at` (one block) gathered, and their block handed to `sink`.
    fn block(
        mut self,
        b: &Briefing,
        ids: &[u32],
        block: Block,
        at: &[usize],
        sink: &Sink<'_>,
        track: bool,
    ) -> Gathered {
        let mut docs = Vec::with_capacity(at.len());
        for &i in at {
            let id = ids[i];
            let (terms, postings) = (&mut self.terms, &mut self.postings);
            let mut add = |t: Term<'_>, w: u8| {
                *postings += 1;
                terms
                    .get_or(t, Box::from, Vec::new)
                    .push(chunks::posting(id, w));
            };
            let (doc, reads) = match track {
                true => list::record(|| doc::doc_with(b, i, &mut add)),
                false => (doc::doc_with(b, i, &mut add), Vec::new()),
            };
            if track {
                self.keys.push((i, keys(b, reads)));
            }
            docs.push((id, doc));
        }
        let file = block_file(block, docs.iter().map(|(id, d)| (*id, d)));
        self.errors.extend(sink(file).err());
        self
    }

    /// `self` and `other` (the documents after it) together: each term's postings stay in
    /// the order of the documents' numbers.
    fn merge(mut self, other: Gathered) -> Gathered {
        if self.terms.len() == 0 {
            return Gathered {
                postings: self.postings + other.postings,
                keys: [self.keys, other.keys].concat(),
                errors: [self.errors, other.errors].concat(),
                ..other
            };
        }
        other.terms.for_each(|term, postings| {
            self.terms
                .get_or(term, Box::from, Vec::new)
                .extend(postings)
        });
        self.postings += other.postings;
        self.keys.extend(other.keys);
        self.errors.extend(other.errors);
        self
    }
}

/// The whole index from scratch.
fn whole(b: &Briefing, sink: &Sink<'_>, track: bool) -> Written {
    let space = Space::new(counts(b));
    let count: usize = counts(b).iter().sum();
    let ids = space.numbers((0..count).map(|i| key(b, i)));
    let blocks = blocks(&space, &ids, 0..count);
    // Each block made and handed on at once, so the documents' text is not held together.
    let gathered = blocks
        .par_iter()
        .fold(Gathered::default, |g, (&block, at)| {
            g.block(b, &ids, block, at, sink, track)
        })
        .reduce(Gathered::default, Gathered::merge);
    let Gathered {
        terms,
        postings,
        mut keys,
        mut errors,
    } = gathered;
    let mut all: chunks::Terms = Vec::with_capacity(terms.len());
    terms.for_each(|t, p| all.push((t.as_str().into(), p)));
    let mut terms = all;
    terms.par_sort_unstable_by(|a, b| doc::browser_order(&a.0, &b.0));
    let every = chunks::every(terms.len(), postings);
    // Sorted already, as gathered in the documents' order: checked, not sorted again.
    let encoded = terms.into_par_iter().map(|(t, mut p)| {
        if !p.is_sorted() {
            p.sort_unstable();
        }
        (t, p.len(), chunks::encode(&p))
    });
    let chunks: Vec<Arc<Chunk>> = chunks::cut(encoded.collect(), every)
        .into_iter()
        .map(Arc::new)
        .collect();
    let meta = meta(&space, count, &chunks);
    let scripts = chunks
        .par_iter()
        .map(|c| script_file(c))
        .chain([OutputFile {
            path: META.into(),
            body: Body::Owned(meta.clone().into_bytes()),
        }]);
    errors.extend(scripts.filter_map(|f| sink(f).err()).collect::<Vec<_>>());
    let paths = paths(chunks.iter().map(|c| &**c), blocks.keys().copied());
    let kept = track.then(|| {
        keys.sort_unstable_by_key(|k| k.0);
        let docs = kept::kept_docs(b, &keys, &ids, &chunks);
        State {
            space,
            every,
            docs,
            chunks,
            postings,
            meta,
            paths: paths.clone(),
        }
    });
    Written {
        paths,
        errors,
        kept: Kept(kept),
    }
}

/// A block: its kind's position and its number within the kind.
type Block = (usize, u32);

/// The positions `at` grouped by block, each group in number order.
fn blocks(
    space: &Space,
    ids: &[u32],
    at: impl Iterator<Item = usize>,
) -> BTreeMap<Block, Vec<usize>> {
    let mut blocks: BTreeMap<Block, Vec<usize>> = BTreeMap::new();
    for i in at {
        blocks.entry(space.block(ids[i])).or_default().push(i);
    }
    for block in blocks.values_mut() {
        block.sort_unstable_by_key(|&i| ids[i]);
    }
    blocks
}

/// The file of a block: each of its documents' number, title, slug and text.
fn block_file<'d>(block: Block, docs: impl Iterator<Item = (u32, &'d Doc)>) -> OutputFile {
    let path = Space::block_file(block);
    let name = path.trim_start_matches("search/").trim_end_matches(".js");
    let mut out = format!("dossierSearch.loaded({name:?},[").into_bytes();
    for (n, (id, doc)) in docs.enumerate() {
        let comma = if n == 0 { "" } else { "," };
        out.extend_from_slice(format!("{comma}{id}").as_bytes());
        for s in [&doc.title, &doc.slug, &doc.text] {
            out.push(b',');
            // Writing a string into memory cannot fail.
            let _ = serde_json::to_writer(&mut out, s);
        }
    }
    out.extend_from_slice(b"]);\n");
    OutputFile {
        path,
        body: Body::Owned(out),
    }
}

/// A chunk's file.
fn script_file(chunk: &Chunk) -> OutputFile {
    OutputFile {
        path: chunks::file(chunk.first()),
        body: Body::Owned(chunk.script().into_bytes()),
    }
}

/// The meta file's text: the format's version, how documents are numbered, how many there
/// are, and each chunk's first term.
fn meta(space: &Space, count: usize, chunks: &[Arc<Chunk>]) -> String {
    let firsts: Vec<&str> = chunks.iter().map(|c| c.first()).collect();
    let meta = serde_json::json!({
        "version": 2,
        "docs": count,
        "kinds": ["note", "claim", "source"],
        "start": space.start,
        "size": space.size,
        "block": space.block,
        "chunks": firsts,
    });
    format!("dossierSearch.loaded(\"meta\",{meta});\n")
}

/// The paths of the index's files: the meta file, each chunk's, each block's.
fn paths<'c>(
    chunks: impl Iterator<Item = &'c Chunk>,
    blocks: impl Iterator<Item = Block>,
) -> Vec<String> {
    let mut paths = vec![META.to_string()];
    paths.extend(chunks.map(|c| chunks::file(c.first())));
    paths.extend(blocks.map(Space::block_file));
    paths
}

#[cfg(test)]
mod tests;
