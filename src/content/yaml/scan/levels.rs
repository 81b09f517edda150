//! The block-context levels of the layout scan: which mapping or list a key or item at a
//! given column belongs to, and the slip when it belongs to none.

use super::{Level, MAX_DEPTH, Scanner, Slip};

impl Scanner {
    /// Puts a key (or, when `seq`, an item) at column `col` into the block collection it
    /// belongs to: closes deeper ones, opens one when it is the first entry of its level.
    pub(super) fn open(&mut self, start: usize, col: usize, seq: bool) -> Result<(), usize> {
        let at = start + col;
        let mut keep = self.levels.partition_point(|l| l.col <= col);
        while !seq && keep > 0 && self.levels[keep - 1].col == col && self.levels[keep - 1].seq {
            keep -= 1;
        }
        let same = keep > 0 && self.levels[keep - 1].col == col && self.levels[keep - 1].seq == seq;
        if !same && !self.pending {
            self.misplaced(at, col, seq);
        }
        self.levels.truncate(keep);
        if !same {
            if self.levels.len() + self.flow.len() >= MAX_DEPTH {
                return Err(at);
            }
            self.levels.push(Level {
                col,
                seq,
                first: at,
            });
        }
        Ok(())
    }

    /// Notes why a key or item at `at` (column `col`) starts a level no line above opened.
    fn misplaced(&mut self, at: usize, col: usize, seq: bool) {
        if !self.record {
            return;
        }
        let slip = match self.levels.first() {
            Some(root) if root.col > col => Slip::RootIndented { at: root.first },
            _ if self.levels.last().is_none_or(|l| l.col < col) => Slip::Deeper {
                at,
                above: self.last,
            },
            _ => {
                let levels = self.levels.iter().rev();
                let like = levels.filter(|l| l.seq == seq).map(|l| l.first).collect();
                Slip::Misaligned {
                    at,
                    item: seq,
                    like,
                }
            }
        };
        self.slip(slip);
    }
}
