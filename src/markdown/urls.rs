//! Bare web addresses in running text (`see https://example.org/a/b`): linked, with places to
//! break the line inside them, so that a long address does not push itself onto a line of its
//! own and leave a gap in the paragraph. Text inside links, code, headings and image
//! descriptions is left alone.

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::html::escape;

/// `events` with the bare addresses of their text linked.
pub(super) fn link_bare(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let any = |e: &Event<'_>| matches!(e, Event::Text(t) if has_address(t));
    if !events.iter().any(any) {
        return events;
    }
    let mut inside = 0usize;
    let mut out = Vec::with_capacity(events.len());
    for event in events {
        match &event {
            Event::Start(Tag::Link { .. } | Tag::CodeBlock(_) | Tag::Heading { .. })
            | Event::Start(Tag::Image { .. }) => inside += 1,
            Event::End(TagEnd::Link | TagEnd::CodeBlock | TagEnd::Heading(_) | TagEnd::Image) => {
                inside = inside.saturating_sub(1);
            }
            Event::Text(text) if inside == 0 && has_address(text) => {
                out.push(Event::InlineHtml(linked(text).into()));
                continue;
            }
            _ => {}
        }
        out.push(event);
    }
    out
}

fn has_address(text: &str) -> bool {
    text.contains("http://") || text.contains("https://")
}

/// `text` escaped, each address in it a link.
fn linked(text: &str) -> String {
    let mut html = String::with_capacity(text.len() * 2);
    let mut rest = text;
    while let Some(start) = next_address(rest) {
        html.push_str(&escape(&rest[..start]));
        let len = address_len(&rest[start..]);
        let address = &rest[start..start + len];
        html.push_str(&format!(
            r#"<a class="bare-url" href="{}">{}</a>"#,
            escape(address),
            breakable(address)
        ));
        rest = &rest[start + len..];
    }
    html.push_str(&escape(rest));
    html
}

fn next_address(text: &str) -> Option<usize> {
    let at = |p: &str| text.find(p);
    match (at("http://"), at("https://")) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// How long the address at the start of `text` is: up to white space or a character no
/// address holds, without the punctuation that ends a sentence or closes a bracket.
fn address_len(text: &str) -> usize {
    let end = text
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '“' | '”'))
        .unwrap_or(text.len());
    let mut address = &text[..end];
    loop {
        let trimmed = address.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '’']);
        let unbalanced =
            trimmed.ends_with(')') && trimmed.matches('(').count() < trimmed.matches(')').count();
        address = if unbalanced {
            &trimmed[..trimmed.len() - 1]
        } else {
            trimmed
        };
        if !unbalanced {
            return address.len();
        }
    }
}

/// The address escaped, with a line break allowed before each `/`, `.`, `?`, `&`, `=`, `#`,
/// `-` and `_` after the scheme's `//` (as the Chicago Manual of Style breaks them).
fn breakable(address: &str) -> String {
    let after_scheme = address.find("//").map_or(0, |i| i + 2);
    let (scheme, rest) = address.split_at(after_scheme);
    let mut html = escape(scheme);
    for c in rest.chars() {
        if matches!(c, '/' | '.' | '?' | '&' | '=' | '#' | '-' | '_') {
            html.push_str("<wbr>");
        }
        html.push_str(&escape(c.encode_utf8(&mut [0; 4])));
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_linked_without_their_closing_punctuation() {
        assert_eq!(
            linked("page (https://a.org/x?y=1), then"),
            r#"page (<a class="bare-url" href="https://a.org/x?y=1">https://a<wbr>.org<wbr>/x<wbr>?y<wbr>=1</a>), then"#
        );
        assert_eq!(
            linked("see http://a.org/w_(b)."),
            r#"see <a class="bare-url" href="http://a.org/w_(b)">http://a<wbr>.org<wbr>/w<wbr>_(b)</a>."#
        );
    }

    #[test]
    fn text_around_addresses_stays_escaped() {
        assert_eq!(
            linked("<b> https://a.org/?q=<i> & more"),
            r#"&lt;b&gt; <a class="bare-url" href="https://a.org/?q=">https://a<wbr>.org<wbr>/<wbr>?q<wbr>=</a>&lt;i&gt; &amp; more"#
        );
    }

    #[test]
    fn links_code_and_headings_keep_their_text() {
        let events = vec![
            Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Indented)),
            Event::Text("https://a.org".into()),
            Event::End(TagEnd::CodeBlock),
            Event::Text("https://b.org".into()),
        ];
        let out = link_bare(events);
        assert_eq!(out[1], Event::Text("https://a.org".into()));
        assert!(matches!(&out[3], Event::InlineHtml(h) if h.contains("href=\"https://b.org\"")));
    }
}
