//! The HTML a body gives: only the tags and attributes dossier writes itself, and links
//! with safe schemes only. A string scan, not a parser: the HTML checked is dossier's own
//! output, in which every attribute value is quoted and every `<` of text escaped.

use dossier::markdown::scheme_of;

/// Tags that Markdown, citations, footnotes and charts produce; any other tag in a body
/// would be raw HTML passed through.
const TAGS: &str = "a blockquote br caption circle code dd defs del desc details div dl dt em \
    figcaption figure g h1 h2 h3 h4 h5 h6 hr img li line ol p path polygon polyline pre rect small span \
    strong summary sup svg table tbody td text th thead title tr tspan ul";

/// Attributes that Markdown, citations, footnotes and charts write (`aria-*` too); any other
/// would come from the author's text. `style` is checked further: a column's alignment only.
const ATTRIBUTES: &str = "alignment-baseline alt class cx cy d dominant-baseline dx dy fill \
    fill-opacity font-family font-size font-weight height href id points r role rx ry scope src start \
    stroke stroke-dasharray stroke-opacity stroke-width style text-anchor title transform \
    viewbox width x x1 x2 xmlns y y1 y2";

/// `html` (a body as rendered) holds only the tags dossier writes, no event handler, no
/// style but a table column's alignment, and no link or image with a scheme other than
/// http(s) or mailto.
pub fn check_html(html: &str, what: &str) {
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let close = rest.strip_prefix('/').unwrap_or(rest);
        let name_len = close
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
            .unwrap_or(close.len());
        let name = close[..name_len].to_ascii_lowercase();
        assert!(
            listed(TAGS, &name),
            "{what}: a tag `<{name}` dossier does not write: …{}…",
            around(html, rest)
        );
        let end = tag_end(close, html);
        check_attributes(&close[name_len..end], what, &around(html, close));
        rest = &close[end..];
    }
}

/// True when `name` is one of the space-separated `words`.
fn listed(words: &str, name: &str) -> bool {
    words.split_ascii_whitespace().any(|w| w == name)
}

/// Some 200 bytes of `html` before `rest` (a tail of it) and after, for a message.
fn around(html: &str, rest: &str) -> String {
    let at = html.len() - rest.len();
    let mut start = at.saturating_sub(100);
    let mut end = (at + 100).min(html.len());
    while !html.is_char_boundary(start) {
        start -= 1;
    }
    while !html.is_char_boundary(end) {
        end += 1;
    }
    html[start..end].to_string()
}

/// The offset of the `>` that ends the tag `tag` starts (quoted values may hold one).
fn tag_end(tag: &str, html: &str) -> usize {
    let mut quoted = false;
    for (i, c) in tag.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '>' if !quoted => return i,
            _ => {}
        }
    }
    panic!("an unclosed tag: …{}…", around(html, tag));
}

/// The attributes of one tag: `name="value"` pairs or bare names.
fn check_attributes(mut attrs: &str, what: &str, html: &str) {
    loop {
        attrs = attrs.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if attrs.is_empty() {
            return;
        }
        let name_len = attrs
            .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/')
            .unwrap_or(attrs.len());
        let name = attrs[..name_len].to_ascii_lowercase();
        attrs = &attrs[name_len..];
        let value = match attrs.strip_prefix("=\"") {
            Some(quoted) => {
                let end = quoted.find('"').expect("a closing quote");
                attrs = &quoted[end + 1..];
                unescape(&quoted[..end])
            }
            None if attrs.starts_with('=') => {
                panic!("{what}: an unquoted value of `{name}` in {html}")
            }
            None => String::new(),
        };
        let aligned = || {
            let align = value.strip_prefix("text-align: ");
            align.is_some_and(|a| ["left", "center", "right"].contains(&a))
        };
        let known = listed(ATTRIBUTES, &name) || name.starts_with("aria-");
        assert!(
            known && (name != "style" || aligned()),
            "{what}: an attribute `{name}` dossier does not write: …{html}…"
        );
        if matches!(
            name.as_str(),
            "href" | "src" | "xlink:href" | "action" | "formaction"
        ) {
            let scheme = scheme_of(&value).map(str::to_ascii_lowercase);
            assert!(
                matches!(scheme.as_deref(), None | Some("http" | "https" | "mailto")),
                "{what}: a link to `{value}`: {html}"
            );
        }
    }
}

/// An attribute value with the character references a browser decodes decoded.
fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|&e| e < 12);
        let decoded = end.and_then(|e| reference(&rest[1..e]));
        match (end, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn reference(name: &str) -> Option<char> {
    let code = match name {
        "amp" => return Some('&'),
        "lt" => return Some('<'),
        "gt" => return Some('>'),
        "quot" => return Some('"'),
        "apos" => return Some('\''),
        "colon" => return Some(':'),
        "Tab" => return Some('\t'),
        "NewLine" => return Some('\n'),
        _ => match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => name.strip_prefix('#')?.parse().ok()?,
        },
    };
    char::from_u32(code)
}
