//! Where a value stands in YAML text, for diagnostics. A path of keys and list items
//! (`claims`, 3, `sources`, 1, `id`) is looked up in the layout the scan found, line and
//! indentation aware, in block style and in flow style (`[a, b]`, `{id: x}`); when part of
//! the path is not there, the nearest enclosing key or item that is stands in for it.

use super::scan::{Node, Slip, scan};
use crate::diagnostics::{Lines, Pos};

/// One step of a path into YAML: a key of a mapping, or an item of a list (from 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'s> {
    /// The value of this key.
    Key(&'s str),
    /// The n-th item, from 0.
    Item(usize),
}

/// A key or item of an [`Outline`]; [`Spot::ROOT`] stands for the whole text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spot(usize);

impl Spot {
    /// The whole text.
    pub const ROOT: Spot = Spot(usize::MAX);
}

/// The keys and list items of a YAML text, with where they and their values stand.
#[derive(Debug)]
pub struct Outline<'a> {
    /// The text.
    yaml: &'a str,
    /// The line of its file the text starts on.
    first_line: usize,
    /// Keys and items in the order of the text.
    nodes: Vec<Node>,
    /// For each node, the index after its last descendant.
    ends: Vec<usize>,
    /// The text's lines.
    lines: Lines,
    /// The slips the scan saw, to explain a syntax error.
    slips: Vec<Slip>,
}

impl<'a> Outline<'a> {
    /// The outline of `yaml`, which starts on line `first_line` of its file. YAML nested too
    /// deeply to parse has an empty outline: everything is then placed at its start.
    pub fn new(yaml: &'a str, first_line: usize) -> Self {
        let scan = scan(yaml, true).unwrap_or_default();
        let nodes = scan.nodes;
        let mut ends = vec![nodes.len(); nodes.len()];
        let mut open: Vec<usize> = Vec::new();
        for (i, node) in nodes.iter().enumerate() {
            while let Some(&j) = open.last().filter(|&&j| nodes[j].depth >= node.depth) {
                ends[j] = i;
                open.pop();
            }
            open.push(i);
        }
        Outline {
            yaml,
            first_line,
            nodes,
            ends,
            lines: Lines::new(yaml),
            slips: scan.slips,
        }
    }

    /// The text.
    pub fn text(&self) -> &'a str {
        self.yaml
    }

    /// The line of its file the text starts on.
    pub fn first_line(&self) -> usize {
        self.first_line
    }

    pub(super) fn slips(&self) -> &[Slip] {
        &self.slips
    }

    /// The key or item `path` leads to from `from`; `Err` with the last one found on the way
    /// when part of it is not there.
    pub fn find(&self, from: Spot, path: &[Step<'_>]) -> Result<Spot, Spot> {
        let mut spot = from;
        for step in path {
            spot = self.child(spot, *step).ok_or(spot)?;
        }
        Ok(spot)
    }

    /// What `path` leads to from `from`, or the nearest thing on the way.
    pub fn near(&self, from: Spot, path: &[Step<'_>]) -> Spot {
        self.find(from, path).unwrap_or_else(|near| near)
    }

    /// The position of what `path` leads to from `from`, or of the nearest thing on the way.
    pub fn at(&self, from: Spot, path: &[Step<'_>]) -> Pos {
        self.pos(self.near(from, path))
    }

    /// The items of the list `path` leads to from `from`, in order; none when it is not there.
    pub fn items(&self, from: Spot, path: &[Step<'_>]) -> Vec<Spot> {
        let Ok(list) = self.find(from, path) else {
            return Vec::new();
        };
        let items = self.children(list).filter(|&c| self.nodes[c].key.is_none());
        items.map(Spot).collect()
    }

    /// The `n`-th key named `name` (from 0) directly under `spot`.
    pub fn nth_key(&self, spot: Spot, name: &str, n: usize) -> Option<Spot> {
        let mut keys = self.children(spot).filter(|&c| self.is_key(c, name));
        keys.nth(n).map(Spot)
    }

    /// Where `spot` stands: a key's value when it starts on the key's line, else the key; an
    /// item's content; for the whole text, its first line.
    pub fn pos(&self, spot: Spot) -> Pos {
        match self.nodes.get(spot.0) {
            Some(node) => self.pos_of(node.value.unwrap_or(node.at)),
            None => Pos::new(self.first_line, 1),
        }
    }

    /// Where the key (or item) `spot` itself stands, not its value.
    pub fn start(&self, spot: Spot) -> Pos {
        match self.nodes.get(spot.0) {
            Some(node) => self.pos_of(node.at),
            None => Pos::new(self.first_line, 1),
        }
    }

    /// The position in the file of byte `offset` of the text.
    pub fn pos_of(&self, offset: usize) -> Pos {
        let inner = self.lines.pos(self.yaml, offset);
        Pos::new(self.first_line + inner.line - 1, inner.col)
    }

    fn child(&self, spot: Spot, step: Step<'_>) -> Option<Spot> {
        let found = match step {
            Step::Key(name) => self.children(spot).find(|&c| self.is_key(c, name)),
            Step::Item(n) => {
                let mut items = self.children(spot).filter(|&c| self.nodes[c].key.is_none());
                items.nth(n)
            }
        };
        found.map(Spot)
    }

    fn is_key(&self, node: usize, name: &str) -> bool {
        self.nodes[node]
            .key
            .is_some_and(|(a, z)| self.yaml.get(a..z) == Some(name))
    }

    /// The nodes directly under `spot`.
    fn children(&self, spot: Spot) -> impl Iterator<Item = usize> + '_ {
        let (mut next, end) = match spot {
            Spot::ROOT => (0, self.nodes.len()),
            Spot(i) => (i + 1, self.ends.get(i).copied().unwrap_or(0)),
        };
        std::iter::from_fn(move || {
            let here = (next < end).then_some(next)?;
            next = self.ends[here];
            Some(here)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Step::{Item, Key};

    const YAML: &str = "title: Tags and tagging\ntags: [a, \"b, c\", d]\nclaims:\n  - id: one\n    sources: [s1, {id: s2, credibility: 9}]\n  - id: two\n    text: >-\n      sources: not a key\n    sources:\n      - s3\n      - id: s4\n        locator: p. 4\n";

    fn at(path: &[Step<'_>]) -> (usize, usize) {
        let pos = Outline::new(YAML, 2).at(Spot::ROOT, path);
        (pos.line, pos.col)
    }

    #[test]
    fn finds_keys_and_items_in_block_and_flow_style() {
        assert_eq!(at(&[Key("title")]), (2, 8));
        assert_eq!(at(&[Key("tags"), Item(1)]), (3, 11));
        assert_eq!(at(&[Key("tags"), Item(2)]), (3, 19));
        assert_eq!(at(&[Key("claims"), Item(1), Key("id")]), (7, 9));
        let link = [Key("claims"), Item(0), Key("sources"), Item(1)];
        assert_eq!(at(&link), (6, 19));
        assert_eq!(at(&[&link[..], &[Key("credibility")]].concat()), (6, 41));
        let long = [
            Key("claims"),
            Item(1),
            Key("sources"),
            Item(1),
            Key("locator"),
        ];
        assert_eq!(at(&long), (13, 18));
        assert_eq!(
            at(&[Key("claims"), Item(1), Key("sources"), Item(0)]),
            (11, 9)
        );
    }

    #[test]
    fn falls_back_to_the_nearest_enclosing_key_or_item() {
        assert_eq!(at(&[Key("tags"), Item(7)]), (3, 7));
        assert_eq!(at(&[Key("claims"), Item(0), Key("value")]), (5, 5));
        assert_eq!(at(&[Key("section")]), (2, 1));
        let short = [Key("claims"), Item(1), Key("sources"), Item(0), Key("id")];
        assert_eq!(at(&short), (11, 9));
    }

    #[test]
    fn lists_items_and_repeated_keys() {
        let outline = Outline::new("a: 1\nb: [x, y]\na: 2\n", 1);
        assert_eq!(outline.items(Spot::ROOT, &[Key("b")]).len(), 2);
        let second = outline.nth_key(Spot::ROOT, "a", 1).unwrap();
        assert_eq!(outline.start(second), Pos::new(3, 1));
        assert!(outline.items(Spot::ROOT, &[Key("c")]).is_empty());
    }
}
