//! Where things are in a chart block's YAML, for diagnostics: a top-level key, the n-th
//! series, the n-th item of a list written in flow (`[a, b]`) or block (`- a`) style. The
//! same outline of the YAML that places front matter keys places them: when something cannot
//! be found, the nearest enclosing key (or the start of the block) is used instead.

use super::{Anchor, Block};
use crate::content::{Outline, Spot, Step, Step::Item, Step::Key};
use crate::diagnostics::Pos;

impl Block<'_> {
    /// The position in the file of `anchor`, or of the closest thing that encloses it.
    pub fn pos(&self, anchor: Anchor) -> Pos {
        let outline = Outline::new(self.yaml, self.first_line);
        let pos = outline.start(outline.near(Spot::ROOT, &path(anchor)));
        Pos::new(pos.line, pos.col + self.indent)
    }
}

/// The path in the block's YAML to `anchor`.
fn path(anchor: Anchor) -> Vec<Step<'static>> {
    let values = |i| vec![Key("series"), Item(i), Key("values")];
    match anchor {
        Anchor::Start => Vec::new(),
        Anchor::Key(name) => vec![Key(name)],
        Anchor::Series(i) => vec![Key("series"), Item(i)],
        Anchor::Values(i) => values(i),
        Anchor::Value(i, j) => [values(i), vec![Item(j)]].concat(),
        Anchor::Label(j) => vec![Key("labels"), Item(j)],
        Anchor::Source(j) => vec![Key("sources"), Item(j)],
        Anchor::Estimated(i, k) => vec![Key("series"), Item(i), Key("estimated"), Item(k)],
        Anchor::Derived(i, k) => vec![Key("series"), Item(i), Key("derived"), Item(k)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "type: bar\ntitle: T\nlabels: [A, \"B, b\", C]\nseries:\n  - name: One\n    values: [1, 2, claim:x]\n  - name: Two\n    values:\n      - 4\n      - 5\nsources:\n- s1\n- s2\n";

    fn at(anchor: Anchor) -> (usize, usize) {
        let block = Block {
            yaml: YAML,
            file: "f.md",
            first_line: 10,
            indent: 0,
        };
        let pos = block.pos(anchor);
        (pos.line, pos.col)
    }

    #[test]
    fn finds_keys_series_and_list_items() {
        assert_eq!(at(Anchor::Start), (10, 1));
        assert_eq!(at(Anchor::Key("title")), (11, 1));
        assert_eq!(at(Anchor::Label(1)), (12, 13));
        assert_eq!(at(Anchor::Label(2)), (12, 21));
        assert_eq!(at(Anchor::Series(1)), (16, 5));
        assert_eq!(at(Anchor::Values(0)), (15, 5));
        assert_eq!(at(Anchor::Value(0, 2)), (15, 20));
        assert_eq!(at(Anchor::Value(1, 1)), (19, 9));
        assert_eq!(at(Anchor::Source(1)), (22, 3));
    }

    #[test]
    fn falls_back_to_the_enclosing_key() {
        assert_eq!(at(Anchor::Label(7)), (12, 1));
        assert_eq!(at(Anchor::Value(0, 9)), (15, 5));
        assert_eq!(at(Anchor::Values(5)), (13, 1));
        assert_eq!(at(Anchor::Key("caption")), (10, 1));
    }
}
