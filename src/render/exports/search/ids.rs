//! Where each document stands in the index: a number, from a hash of its kind and id in a
//! space four to eight times larger than the documents of its kind, so that adding or
//! removing one document moves almost no other (one whose place it takes first, at most) (a file lists documents by number, and a number that
//! moved would rewrite every file that names it). Documents are kept in files by ranges of
//! numbers (blocks), the size of a block depending on the kind: one note or two, a dozen
//! claims, a few sources, a few kilobytes each.

use super::doc::{KINDS, Kind};
use crate::fingerprint;

/// The numbers of each kind: where its range starts, how large it is, how many numbers a
/// block holds (as a power of two).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Space {
    /// Where each kind's range starts.
    pub start: [u32; 3],
    /// Each kind's range: a power of two.
    pub size: [u32; 3],
    /// Each kind's numbers per block, as a power of two.
    pub block: [u32; 3],
}

/// Numbers per block, as powers of two: a note's text is a few kilobytes, a claim's a few
/// hundred bytes.
const BLOCK: [u32; 3] = [2, 6, 4];

impl Space {
    /// The space for `counts` documents of each kind.
    pub fn new(counts: [usize; 3]) -> Space {
        let size = counts.map(|n| (n.max(1) as u32).next_power_of_two() * 4);
        Space {
            start: [0, size[0], size[0] + size[1]],
            size,
            block: BLOCK,
        }
    }

    /// The kind of the document numbered `id`.
    pub fn kind(&self, id: u32) -> Kind {
        let k = (0..3).rev().find(|&k| id >= self.start[k]).unwrap_or(0);
        KINDS[k]
    }

    /// The block that holds `id`: its kind's position and its number within the kind.
    pub fn block(&self, id: u32) -> (usize, u32) {
        let k = self.kind(id) as usize;
        (k, (id - self.start[k]) >> self.block[k])
    }

    /// The file of block `block`, e.g. `search/d/n12.js`.
    pub fn block_file(block: (usize, u32)) -> String {
        format!("search/d/{}{}.js", KINDS[block.0].letter(), block.1)
    }

    /// The numbers of documents named `keys` (their kind and id), in order: each at the hash
    /// of its key, or the next free number of its kind's range.
    pub fn numbers<'k>(&self, keys: impl Iterator<Item = (Kind, &'k str)>) -> Vec<u32> {
        let total = (self.start[2] + self.size[2]) as usize;
        let mut taken = vec![false; total];
        let number = |(kind, id): (Kind, &str)| {
            let k = kind as usize;
            let hash = fingerprint::of_bytes(id.as_bytes());
            let mut at = (hash & (self.size[k] as u64 - 1)) as u32;
            while taken[(self.start[k] + at) as usize] {
                at = (at + 1) & (self.size[k] - 1);
            }
            taken[(self.start[k] + at) as usize] = true;
            self.start[k] + at
        };
        keys.map(number).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_stay_when_a_document_comes_or_goes() {
        let space = Space::new([3, 1, 0]);
        assert_eq!(space.size, [16, 4, 4]);
        let keys = [(Kind::Note, "a"), (Kind::Note, "b"), (Kind::Claim, "x")];
        let before = space.numbers(keys.into_iter());
        let with = space.numbers(keys.into_iter().chain([(Kind::Note, "c")]));
        assert_eq!(before, with[..3]);
        assert!(before[..2].iter().all(|&n| n < 16) && (16..20).contains(&before[2]));
        assert_eq!(space.kind(before[2]), Kind::Claim);
        assert_eq!(Space::block_file(space.block(17)), "search/d/c0.js");
        let mut all = with.clone();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), 4, "no two documents share a number");
    }
}
