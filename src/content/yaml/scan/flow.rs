//! The flow-context part of the layout scan: `[a, b]` and `{k: v}` collections, which may go
//! on over lines and nest without regard to indentation.

use super::{Flow, MAX_DEPTH, Quote, Scanner};
use crate::content::yaml::tokens::{blank, close, plain_end, value_after};

impl Scanner {
    /// Reads flow-context text (`[a, {b: c}]`) from byte `i` of `line`; it may go on over
    /// lines. Back in block context, the rest of the line is left alone.
    pub(super) fn flow(&mut self, start: usize, line: &str, mut i: usize) -> Result<(), usize> {
        let b = line.as_bytes();
        while i < b.len() {
            let c = b[i];
            match c {
                b' ' | b'\t' => i += 1,
                b'#' if i == 0 || blank(b[i - 1]) => return Ok(()),
                b'[' | b'{' => {
                    self.entry(start, line, i, None);
                    if self.levels.len() + self.flow.len() >= MAX_DEPTH {
                        return Err(start + i);
                    }
                    let map = c == b'{';
                    self.flow.push(Flow { map, expect: true });
                    i += 1;
                }
                b']' | b'}' => {
                    self.flow.pop();
                    if self.flow.is_empty() {
                        self.plain = None;
                        return Ok(());
                    }
                    i += 1;
                }
                b',' => {
                    if let Some(flow) = self.flow.last_mut() {
                        flow.expect = true;
                    }
                    i += 1;
                }
                b':' if b
                    .get(i + 1)
                    .is_none_or(|n| blank(*n) || b",[]{}".contains(n)) =>
                {
                    i += 1
                }
                b'"' | b'\'' => {
                    let end = close(line, i + 1, c);
                    self.entry(start, line, i, Some((i + 1, end.unwrap_or(b.len()))));
                    let Some(end) = end else {
                        let at = start + i;
                        let quote = Quote {
                            ch: c,
                            at,
                            keyish: false,
                        };
                        self.quote = Some(quote);
                        return Ok(());
                    };
                    i = end + 1;
                }
                _ => {
                    let end = plain_end(line, i);
                    self.entry(start, line, i, Some((i, end)));
                    i = end.max(i + 1);
                }
            }
        }
        Ok(())
    }

    /// A token at byte `i` of `line` in flow context: an item or key when an entry may start
    /// there; `name` is its text, for a key.
    fn entry(&mut self, start: usize, line: &str, i: usize, name: Option<(usize, usize)>) {
        let Some(flow) = self.flow.last_mut().filter(|f| f.expect) else {
            return;
        };
        flow.expect = false;
        if !flow.map {
            return self.emit(start + i, None, None);
        }
        if let Some((a, z)) = name {
            let after = if line.as_bytes()[i] == b'"' || line.as_bytes()[i] == b'\'' {
                z + 1
            } else {
                z
            };
            let value = value_after(line, after).map(|v| start + v);
            self.emit(start + i, Some((start + a, start + z)), value);
        }
    }
}
