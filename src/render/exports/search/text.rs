//! The words a reader sees in a rendered body, for the search: its HTML without tags, with
//! character references read. Drawn charts (`<svg>`) are left out (their data table stays),
//! and so are citation marks and footnote numbers (`<sup>`). Taken from the HTML the briefing
//! keeps rather than from the Markdown, so no second copy of 10,000 bodies is kept for it.

/// Elements whose content is not text a reader searches for.
const SKIPPED: &[&str] = &["svg", "sup", "script", "style"];

/// Elements inside a line of text: no space where they start or end.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q",
    "s", "samp", "small", "span", "strong", "sub", "time", "u", "var",
];

/// The text of `html`, appended to `out`, blocks separated by a space; at most `limit` bytes.
pub fn push_text(html: &str, out: &mut String, limit: usize) {
    let mut rest = html;
    let mut skipping: Option<(&str, usize)> = None;
    while !rest.is_empty() && out.len() < limit {
        let Some(lt) = rest.find('<') else {
            if skipping.is_none() {
                push_decoded(rest, out);
            }
            break;
        };
        if skipping.is_none() {
            push_decoded(&rest[..lt], out);
        }
        rest = &rest[lt..];
        let end = rest.find('>').map_or(rest.len(), |e| e + 1);
        let tag = Tag::of(&rest[..end]);
        rest = &rest[end..];
        skipping = match skipping {
            Some((name, depth)) if tag.name == name && tag.closing => {
                (depth > 1).then(|| (name, depth - 1))
            }
            Some((name, depth)) if tag.name == name && !tag.empty => Some((name, depth + 1)),
            Some(skip) => Some(skip),
            None if SKIPPED.contains(&tag.name) && !tag.closing && !tag.empty => {
                Some((tag.name, 1))
            }
            None => {
                if !INLINE.contains(&tag.name) && !out.ends_with(' ') && !out.is_empty() {
                    out.push(' ');
                }
                None
            }
        };
    }
    let end = out.trim_end().len();
    out.truncate(end);
    if out.len() > limit {
        let mut at = limit;
        while !out.is_char_boundary(at) {
            at -= 1;
        }
        out.truncate(at);
    }
}

/// A tag's name, lower case, and its kind.
struct Tag<'h> {
    /// The name (`p`, `svg`), as written (the renderer writes lower case).
    name: &'h str,
    /// `</…>`.
    closing: bool,
    /// `<…/>`.
    empty: bool,
}

impl<'h> Tag<'h> {
    fn of(tag: &'h str) -> Tag<'h> {
        let inner = tag.trim_start_matches('<').trim_end_matches('>');
        let closing = inner.starts_with('/');
        let inner = inner.trim_start_matches('/');
        let end = inner
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(inner.len());
        Tag {
            name: &inner[..end],
            closing,
            empty: inner.ends_with('/'),
        }
    }
}

/// `text` with its character references read, appended to `out`; runs of white space as one
/// space. Read a byte at a time, copying what needs no change in one piece.
fn push_decoded(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    let (mut start, mut at) = (0, 0);
    while let Some(&b) = bytes.get(at) {
        let plain = b != b'&' && !is_space(b);
        let next_space = || bytes.get(at + 1).copied().is_some_and(is_space);
        if plain || (b == b' ' && at > start && !next_space()) {
            at += 1;
            continue;
        }
        out.push_str(&text[start..at]);
        if b == b'&' {
            at += push_reference(&text[at..], out);
        } else {
            while bytes.get(at).copied().is_some_and(is_space) {
                at += 1;
            }
            if !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
        }
        start = at;
    }
    out.push_str(&text[start..]);
}

/// The white space of HTML text that runs together into one space.
fn is_space(b: u8) -> bool {
    matches!(b, b'\n' | b'\r' | b'\t' | b' ')
}

/// Reads the character reference at the start of `text` (which starts with `&`) into `out`,
/// or the `&` alone when it starts none; how many bytes it read.
fn push_reference(text: &str, out: &mut String) -> usize {
    let end = text.find(';').filter(|&e| e <= 10);
    match end.and_then(|e| Some((e, reference(&text[1..e])?))) {
        Some((e, c)) => {
            out.push(c);
            e + 1
        }
        None => {
            out.push('&');
            1
        }
    }
}

/// The character a reference (without `&` and `;`) stands for.
fn reference(name: &str) -> Option<char> {
    let number = |digits: &str, radix| u32::from_str_radix(digits, radix).ok();
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let code = match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                Some(hex) => number(hex, 16),
                None => number(name.strip_prefix('#')?, 10),
            };
            code.and_then(char::from_u32)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        let mut out = String::new();
        push_text(html, &mut out, usize::MAX);
        out
    }

    #[test]
    fn tags_go_blocks_part_references_are_read() {
        assert_eq!(
            text(
                "<h2 id=\"a\">Ex<em>port</em>s</h2>\n<p>Tom &amp; Jerry&#39;s &lt;b&gt; &#x4e2d;</p><p>next</p>"
            ),
            "Exports Tom & Jerry's <b> 中 next"
        );
    }

    #[test]
    fn white_space_runs_together_around_references() {
        assert_eq!(
            text("<p> a  b\n\tc &amp; d\u{1}e &bogus; f </p>"),
            "a b c & d\u{1}e &bogus; f"
        );
        assert_eq!(text("<p>x</p> <p> y</p>"), "x y");
    }

    #[test]
    fn charts_and_citation_marks_are_left_out() {
        let html = "<p>Mined<sup class=\"cite\">[<a href=\"#r\">1</a>]</sup> here.</p>\
            <figure><svg><title>T</title><svg>inner</svg><text>Vietnam</text></svg>\
            <table><tr><th>Vietnam</th><td>300</td></tr></table></figure>";
        assert_eq!(text(html), "Mined here. Vietnam 300");
    }

    #[test]
    fn the_text_stops_at_the_limit_on_a_character() {
        let mut out = String::new();
        push_text("<p>中中中中</p>", &mut out, 4);
        assert_eq!(out, "中");
    }
}
