//! The small readers the layout scan is made of: where a quote closes, whether a key
//! starts here, where a plain scalar in a flow collection ends. Byte offsets into one line.

pub(super) fn blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

pub(super) fn skip_blanks(line: &str, mut i: usize) -> usize {
    let b = line.as_bytes();
    while i < b.len() && blank(b[i]) {
        i += 1;
    }
    i
}

/// A document marker (`---`, `...`) or a directive (`%YAML`).
pub(super) fn is_marker(rest: &str) -> bool {
    let marker = |m: &str| {
        rest.strip_prefix(m)
            .is_some_and(|r| r.is_empty() || r.starts_with(' '))
    };
    marker("---") || marker("...") || rest.starts_with('%')
}

/// Skips anchors (`&a`) and tags (`!t`) before a node at byte `i`.
pub(super) fn properties(line: &str, mut i: usize) -> usize {
    let b = line.as_bytes();
    while i < b.len() && (b[i] == b'&' || b[i] == b'!') {
        while i < b.len() && !blank(b[i]) {
            i += 1;
        }
        i = skip_blanks(line, i);
    }
    i
}

/// The byte of the quote `quote` that closes a scalar whose text starts at byte `from`.
pub(super) fn close(line: &str, from: usize, quote: u8) -> Option<usize> {
    let b = line.as_bytes();
    let mut j = from;
    while j < b.len() {
        if quote == b'"' && b[j] == b'\\' {
            j += 2;
            continue;
        }
        if b[j] == quote {
            if quote == b'\'' && b.get(j + 1) == Some(&b'\'') {
                j += 2;
                continue;
            }
            return Some(j);
        }
        j += 1;
    }
    None
}

/// A key in block context at byte `i`: its name's bytes and its `:`.
pub(super) fn key_at(line: &str, i: usize) -> Option<((usize, usize), usize)> {
    let b = line.as_bytes();
    if b[i] == b'"' || b[i] == b'\'' {
        let end = close(line, i + 1, b[i])?;
        let colon = skip_blanks(line, end + 1);
        let is_colon = b.get(colon) == Some(&b':') && b.get(colon + 1).is_none_or(|n| blank(*n));
        return is_colon.then_some(((i + 1, end), colon));
    }
    if b"[{|>&!*#%@`".contains(&b[i]) {
        return None;
    }
    let mut j = i;
    while j < b.len() {
        match b[j] {
            b':' if b.get(j + 1).is_none_or(|n| blank(*n)) => {
                let name = line[i..j].trim_end_matches([' ', '\t']);
                return Some(((i, i + name.len()), j));
            }
            b'#' if blank(b[j - 1]) => return None,
            _ => j += 1,
        }
    }
    None
}

/// Where a plain scalar in flow context that starts at byte `i` ends (trailing blanks left out).
pub(super) fn plain_end(line: &str, i: usize) -> usize {
    let b = line.as_bytes();
    let mut j = i;
    while j < b.len() {
        match b[j] {
            b',' | b'[' | b']' | b'{' | b'}' => break,
            b':' if b
                .get(j + 1)
                .is_none_or(|n| blank(*n) || b",[]{}".contains(n)) =>
            {
                break;
            }
            b'#' if j > i && blank(b[j - 1]) => break,
            _ => j += 1,
        }
    }
    while j > i && blank(b[j - 1]) {
        j -= 1;
    }
    j
}

/// The byte where the value of a flow-mapping key ending at byte `after` starts, when it
/// starts on the same line.
pub(super) fn value_after(line: &str, after: usize) -> Option<usize> {
    let b = line.as_bytes();
    let colon = skip_blanks(line, after);
    if b.get(colon) != Some(&b':') {
        return None;
    }
    let v = skip_blanks(line, colon + 1);
    (v < b.len() && !b",}#".contains(&b[v])).then_some(v)
}

/// Whether `line` looks like a `key: value` line (or a `- key: value` one).
pub(super) fn keyish(line: &str) -> bool {
    let s = line.trim_start_matches(' ');
    let s = s.strip_prefix("- ").unwrap_or(s);
    let word = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-';
    let name = s.bytes().take_while(word).count();
    name > 0
        && s.as_bytes().get(name) == Some(&b':')
        && s.as_bytes().get(name + 1).is_none_or(|b| *b == b' ')
}
