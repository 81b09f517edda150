//! What dossier changes in charts-rs's SVG after drawing, besides the numbers
//! ([`labels`](super::labels)): the `data-*` attributes charts-rs puts on every bar and slice
//! for scripts are dropped (the page has no chart scripts, and they hold the values as 32-bit
//! floats, `8118836224` for 8,118,835,999).

/// `svg` without its `data-*` attributes; text between tags is kept as it is.
pub(super) fn without_data(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>').map(|c| open + c) else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&tag_without_data(&rest[open..close]));
        out.push('>');
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// A tag (`<rect …`, without its `>`) without its `data-*` attributes. Attribute values are
/// escaped, so a `"` ends one.
fn tag_without_data(tag: &str) -> String {
    let mut out = String::with_capacity(tag.len());
    let mut rest = tag;
    while let Some(at) = rest.find(" data-") {
        out.push_str(&rest[..at]);
        let value = rest[at..].find("=\"").map(|eq| at + eq + 2);
        let end = value.and_then(|v| rest[v..].find('"').map(|q| v + q + 1));
        let Some(end) = end else {
            out.push_str(&rest[at..]);
            return out;
        };
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_attributes_are_dropped_and_the_rest_is_kept() {
        let svg = "<rect x=\"1\" fill=\"#3B82F6\" data-series=\"A &amp; B\" data-value=\"8118836224\"/>\n<text> data-x=\"y\"</text>";
        assert_eq!(
            without_data(svg),
            "<rect x=\"1\" fill=\"#3B82F6\"/>\n<text> data-x=\"y\"</text>"
        );
        assert_eq!(without_data("<g data-broken"), "<g data-broken");
    }
}
