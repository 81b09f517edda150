//! Where things are in a chart block's YAML, for diagnostics: a top-level key, the n-th
//! series, the n-th item of a list written in flow (`[a, b]`) or block (`- a`) style.
//!
//! serde does not keep positions, so this reads the text the way an editor does. It only
//! ever narrows a position: when something cannot be found, the enclosing key (or the start
//! of the block) is used instead.

use super::{Anchor, Block};
use crate::diagnostics::Pos;

impl Block<'_> {
    /// The position in the file of `anchor`.
    pub fn pos(&self, anchor: Anchor) -> Pos {
        let offset = self.offset(anchor);
        let inner = Pos::of_offset(self.yaml, offset);
        Pos::new(self.first_line + inner.line - 1, inner.col + self.indent)
    }

    /// The byte offset in the YAML of `anchor`, or of the closest thing that encloses it.
    fn offset(&self, anchor: Anchor) -> usize {
        let yaml = self.yaml;
        let series = || list_items(yaml, key(yaml, 0, yaml.len(), "series")?);
        let values = |i: usize| {
            let items = series()?;
            let start = *items.get(i)?;
            let end = items.get(i + 1).copied().unwrap_or(yaml.len());
            key(yaml, start, end, "values")
        };
        let found = match anchor {
            Anchor::Start => Some(0),
            Anchor::Key(name) => key(yaml, 0, yaml.len(), name),
            Anchor::Series(i) => series().and_then(|s| s.get(i).copied()),
            Anchor::Values(i) => values(i),
            Anchor::Value(i, j) => values(i).and_then(|at| list_items(yaml, at)?.get(j).copied()),
            Anchor::Label(j) => nth_item(yaml, "labels", j),
            Anchor::Source(j) => nth_item(yaml, "sources", j),
        };
        found.unwrap_or_else(|| match anchor {
            Anchor::Start | Anchor::Key(_) => 0,
            Anchor::Series(_) => self.offset(Anchor::Key("series")),
            Anchor::Values(i) => self.offset(Anchor::Series(i)),
            Anchor::Value(i, _) => self.offset(Anchor::Values(i)),
            Anchor::Label(_) => self.offset(Anchor::Key("labels")),
            Anchor::Source(_) => self.offset(Anchor::Key("sources")),
        })
    }
}

fn nth_item(yaml: &str, name: &str, n: usize) -> Option<usize> {
    list_items(yaml, key(yaml, 0, yaml.len(), name)?)?
        .get(n)
        .copied()
}

/// The offset of the first `name:` key between `start` and `end` that begins a line (after
/// indentation and an optional `- `), or begins the range.
fn key(yaml: &str, start: usize, end: usize, name: &str) -> Option<usize> {
    let wanted = format!("{name}:");
    let mut line_start = start;
    for line in yaml.get(start..end)?.split_inclusive('\n') {
        let content = line.trim_start_matches([' ', '-']);
        if content.starts_with(&wanted) {
            return Some(line_start + line.len() - content.len());
        }
        line_start += line.len();
    }
    None
}

/// The offsets of the items of the list that is the value of the key at `at`.
fn list_items(yaml: &str, at: usize) -> Option<Vec<usize>> {
    let colon = at + yaml.get(at..)?.find(':')? + 1;
    let line_end = yaml[colon..].find('\n').map_or(yaml.len(), |i| colon + i);
    let rest = &yaml[colon..line_end];
    let value = rest.trim_start();
    if value.starts_with('[') {
        return Some(flow_items(yaml, line_end - value.len()));
    }
    if !value.is_empty() && !value.starts_with('#') {
        return None;
    }
    Some(block_items(yaml, indent_of(yaml, at), line_end))
}

/// The indentation of the line holding `offset`, counting a `- ` as indentation.
fn indent_of(yaml: &str, offset: usize) -> usize {
    let line_start = yaml[..offset].rfind('\n').map_or(0, |i| i + 1);
    offset - line_start
}

/// Items of a `[a, b, c]` list starting at `open`: the offset of each one's first character.
fn flow_items(yaml: &str, open: usize) -> Vec<usize> {
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut expecting = false;
    for (i, c) in yaml[open..].char_indices() {
        let at = open + i;
        if let Some(q) = quote {
            quote = (c != q).then_some(q);
            continue;
        }
        match c {
            '[' | '{' => {
                depth += 1;
                if depth == 1 {
                    expecting = true;
                    continue;
                }
            }
            ']' | '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            ',' if depth == 1 => {
                expecting = true;
                continue;
            }
            _ => {}
        }
        if expecting && !c.is_whitespace() {
            items.push(at);
            expecting = false;
        }
        if matches!(c, '"' | '\'') {
            quote = Some(c);
        }
    }
    items
}

/// Items of a block list (`- a` lines) after the key line ending at `from`: the offset of
/// each item's content, after its `- `.
fn block_items(yaml: &str, key_indent: usize, from: usize) -> Vec<usize> {
    let mut items = Vec::new();
    let mut item_indent = None;
    let mut line_start = from + 1;
    for line in yaml.get(line_start..).unwrap_or("").split_inclusive('\n') {
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        let blank = content.trim().is_empty() || content.starts_with('#');
        if !blank {
            let is_item = content.starts_with("- ") || content.trim_end() == "-";
            if indent < key_indent || (indent == key_indent && !is_item) {
                break;
            }
            if is_item && *item_indent.get_or_insert(indent) == indent {
                let after = content[1..].len() - content[1..].trim_start_matches(' ').len();
                items.push(line_start + indent + 1 + after);
            }
        }
        line_start += line.len();
    }
    items
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
