//! A linear scan of YAML text for its layout: which keys and list items stand where, and how
//! deeply they nest. It reads the text line by line as an editor does, without parsing
//! values. It runs before the parser, to refuse YAML nested deeper than [`MAX_DEPTH`] (which
//! the parser takes the square of the depth to read); it gives the outline diagnostics use to
//! point at a value; and it notes the slips that explain a syntax error.

mod flow;
mod levels;

use super::MAX_DEPTH;
use super::tokens::{blank, close, is_marker, key_at, keyish, properties, skip_blanks};

/// A key or a list item, where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Node {
    /// How many collections enclose it, less one: 0 for a top-level key.
    pub depth: usize,
    /// Byte offset of the key, or of the item's content (of its `-` when that is empty).
    pub at: usize,
    /// The key's name as a byte range (inside the quotes of a quoted key); `None` for an item.
    pub key: Option<(usize, usize)>,
    /// Byte offset of the key's value, when it starts on the key's line.
    pub value: Option<usize>,
}

/// A slip that can explain a syntax error; offsets are bytes of the scanned text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Slip {
    /// A quote that never closes, or runs over lines that look like `key:` lines before it
    /// closes at `closed`.
    OpenQuote { at: usize, closed: Option<usize> },
    /// Text after the quote at `at` that closes a value.
    AfterQuote { at: usize, quote: char },
    /// A key or item indented more than the line above allows; `above` is the last key or
    /// item before it.
    Deeper { at: usize, above: Option<usize> },
    /// A key (or, when `item`, a list item) whose indentation matches none of the levels open
    /// above it; `like` holds the first key (or item) of each such level, innermost first.
    Misaligned {
        at: usize,
        item: bool,
        like: Vec<usize>,
    },
    /// The top-level keys are indented; `at` is the first of them.
    RootIndented { at: usize },
}

/// What a scan found.
#[derive(Debug, Default)]
pub(super) struct Scan {
    /// Every key and list item, in the order of the text.
    pub nodes: Vec<Node>,
    /// The slips, in the order of the text.
    pub slips: Vec<Slip>,
}

/// Scans `text`; `Err` holds the byte offset where the nesting passes [`MAX_DEPTH`]. Nodes and
/// slips are kept only when `record` is set.
pub(super) fn scan(text: &str, record: bool) -> Result<Scan, usize> {
    let mut scanner = Scanner {
        record,
        pending: true,
        ..Scanner::default()
    };
    let mut start = 0;
    for raw in text.split_inclusive('\n') {
        scanner.line(start, raw.trim_end_matches(['\n', '\r']))?;
        start += raw.len();
    }
    if let Some(quote) = scanner.quote.take() {
        scanner.slip(Slip::OpenQuote {
            at: quote.at,
            closed: None,
        });
    }
    Ok(scanner.out)
}

/// An open block collection.
#[derive(Debug, Clone, Copy)]
struct Level {
    /// The column (from 0) its entries start at.
    col: usize,
    /// A list; a mapping otherwise.
    seq: bool,
    /// Byte offset of its first key or item.
    first: usize,
}

/// An open flow collection.
#[derive(Debug, Clone, Copy)]
struct Flow {
    /// `{`; `[` otherwise.
    map: bool,
    /// An entry may start here (after the bracket or a comma).
    expect: bool,
}

/// A quoted scalar that goes on over lines.
#[derive(Debug, Clone, Copy)]
struct Quote {
    /// The quote mark.
    ch: u8,
    /// Byte offset of the opening quote.
    at: usize,
    /// A line it runs over looks like a `key:` line.
    keyish: bool,
}

#[derive(Debug, Default)]
struct Scanner {
    /// Keep nodes and slips (the depth check needs neither).
    record: bool,
    /// The block collections open, outermost first.
    levels: Vec<Level>,
    /// The flow collections open, outermost first.
    flow: Vec<Flow>,
    /// A quoted scalar going on over lines.
    quote: Option<Quote>,
    /// In a block scalar (`|`, `>`): its lines are those indented more than this.
    block_scalar: Option<isize>,
    /// After a plain value that goes on in lines indented more than this.
    plain: Option<usize>,
    /// The last line opened a block (a key or `-` without a value): a deeper line may follow.
    pending: bool,
    /// The byte offset of the last key or item in block context.
    last: Option<usize>,
    /// What was found.
    out: Scan,
}

impl Scanner {
    fn line(&mut self, start: usize, line: &str) -> Result<(), usize> {
        if let Some(mut quote) = self.quote.take() {
            quote.keyish |= keyish(line);
            let Some(end) = close(line, 0, quote.ch) else {
                self.quote = Some(quote);
                return Ok(());
            };
            if !self.flow.is_empty() {
                return self.flow(start, line, end + 1);
            }
            if !quote.keyish {
                return self.after_quote(start, line, end);
            }
            let closed = Some(start + end);
            self.slip(Slip::OpenQuote {
                at: quote.at,
                closed,
            });
            self.plain = None;
            return Ok(());
        }
        if !self.flow.is_empty() {
            return self.flow(start, line, 0);
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        if rest.is_empty() {
            return Ok(());
        }
        if let Some(parent) = self.block_scalar {
            if indent as isize > parent {
                return Ok(());
            }
            self.block_scalar = None;
        }
        if rest.starts_with('#') {
            self.plain = None;
            return Ok(());
        }
        if let Some(parent) = self.plain.take()
            && indent > parent
        {
            if keyish(rest) {
                let above = self.last;
                self.slip(Slip::Deeper {
                    at: start + indent,
                    above,
                });
            }
            self.plain = Some(parent);
            return Ok(());
        }
        if indent == 0 && is_marker(rest) {
            self.levels.clear();
            self.pending = true;
            return Ok(());
        }
        self.node(start, line, indent)
    }

    /// Reads the block-context tokens of `line` from byte `i`, the first on its line.
    fn node(&mut self, start: usize, line: &str, mut i: usize) -> Result<(), usize> {
        let mut first = true;
        loop {
            let b = &line.as_bytes()[i..];
            let indicator = |c: u8| b.first() == Some(&c) && b.get(1).is_none_or(|n| blank(*n));
            if indicator(b'-') {
                self.open(start, i, true)?;
                let content = skip_blanks(line, i + 1);
                let empty = content == line.len() || line.as_bytes()[content] == b'#';
                self.emit(start + if empty { i } else { content }, None, None);
                self.pending = true;
                if empty {
                    return Ok(());
                }
                (i, first) = (content, false);
            } else if indicator(b'?') || indicator(b':') {
                if b[0] == b'?' {
                    self.open(start, i, false)?;
                }
                self.pending = true;
                (i, first) = (skip_blanks(line, i + 1), false);
                if i == line.len() {
                    return Ok(());
                }
            } else {
                if let Some((name, colon)) = key_at(line, i) {
                    return self.key(start, line, i, name, colon);
                }
                if first {
                    let keep = self.levels.partition_point(|l| l.col <= i);
                    self.levels.truncate(keep);
                }
                return self.value(start, line, i);
            }
        }
    }

    /// A key at byte `i` of `line`, its name at `name` and its `:` at `colon`.
    fn key(
        &mut self,
        start: usize,
        line: &str,
        i: usize,
        name: (usize, usize),
        colon: usize,
    ) -> Result<(), usize> {
        self.open(start, i, false)?;
        let v = skip_blanks(line, colon + 1);
        let value = (v < line.len() && line.as_bytes()[v] != b'#').then_some(start + v);
        self.emit(start + i, Some((start + name.0, start + name.1)), value);
        if value.is_none() {
            self.pending = true;
            return Ok(());
        }
        self.value(start, line, v)
    }

    /// A value in block context at byte `i` of `line`: properties, then a flow collection,
    /// a block scalar, a quoted or a plain scalar.
    fn value(&mut self, start: usize, line: &str, i: usize) -> Result<(), usize> {
        let i = properties(line, i);
        let b = line.as_bytes();
        if i == line.len() || b[i] == b'#' {
            self.pending = true;
            return Ok(());
        }
        self.pending = false;
        let parent = self.levels.last().map(|l| l.col);
        match b[i] {
            b'[' | b'{' => self.flow(start, line, i),
            b'|' | b'>' => {
                self.block_scalar = Some(parent.map_or(-1, |c| c as isize));
                Ok(())
            }
            b'"' | b'\'' => match close(line, i + 1, b[i]) {
                Some(end) => self.after_quote(start, line, end),
                None => {
                    let at = start + i;
                    self.quote = Some(Quote {
                        ch: b[i],
                        at,
                        keyish: false,
                    });
                    Ok(())
                }
            },
            _ => {
                self.plain = parent;
                Ok(())
            }
        }
    }

    /// What follows the quote at byte `end` of `line` that closes a value in block context.
    fn after_quote(&mut self, start: usize, line: &str, end: usize) -> Result<(), usize> {
        let next = skip_blanks(line, end + 1);
        if next < line.len() && line.as_bytes()[next] != b'#' {
            let quote = char::from(line.as_bytes()[end]);
            self.slip(Slip::AfterQuote {
                at: start + end,
                quote,
            });
        }
        self.plain = None;
        Ok(())
    }

    fn emit(&mut self, at: usize, key: Option<(usize, usize)>, value: Option<usize>) {
        if self.flow.is_empty() {
            self.last = Some(at);
        }
        if self.record {
            let depth = (self.levels.len() + self.flow.len()).saturating_sub(1);
            let node = Node {
                depth,
                at,
                key,
                value,
            };
            self.out.nodes.push(node);
        }
    }

    fn slip(&mut self, slip: Slip) {
        if self.record {
            self.out.slips.push(slip);
        }
    }
}

#[cfg(test)]
mod tests;
