//! The print edition's pages: the paper they are laid out on (`paper:` in `dossier.yaml`) and
//! the briefing's title as a running head, in a stylesheet of the page's own. The title can
//! reach a page margin only as text in CSS (Chromium has no `string-set`), so the stylesheet
//! is made for each briefing and linked as a `data:` URL: nothing more to write, and a frozen
//! edition keeps it. Page numbers, the same on every printed page, are in `style.css`.

use crate::config::Paper;

/// The stylesheet of the print edition's pages, as a `data:` URL.
pub fn page_style(title: &str, paper: Paper) -> String {
    let css = format!(
        "@media print{{@page{{size:{};@top-left{{content:\"{}\"}}}}@page:first{{@top-left{{content:none}}}}}}",
        paper.css(),
        css_string(title)
    );
    format!("data:text/css;charset=utf-8,{}", percent_encoded(&css))
}

/// `text` as the inside of a CSS string in double quotes: backslashes, quotes and line breaks
/// escaped, other control characters left out.
fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '"' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// `text` percent-encoded for a URL: every byte but letters, digits and `-._~:;,()@!*/`.
fn percent_encoded(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3 / 2);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~:;,()@!*/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `url` decoded, as the browser reads it.
    fn decoded(url: &str) -> String {
        let data = url.strip_prefix("data:text/css;charset=utf-8,").unwrap();
        let mut bytes = Vec::new();
        let mut rest = data.as_bytes();
        while let Some((&b, tail)) = rest.split_first() {
            if b == b'%' {
                let hex = std::str::from_utf8(&tail[..2]).unwrap();
                bytes.push(u8::from_str_radix(hex, 16).unwrap());
                rest = &tail[2..];
            } else {
                bytes.push(b);
                rest = tail;
            }
        }
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn the_paper_and_the_title_reach_the_page_margins() {
        let url = page_style("China's \"grip\" \\ 100% #1\n<b>", Paper::Letter);
        // what a URL may not hold (the Nu HTML Checker refuses braces)
        for forbidden in [' ', '"', '#', '<', '>', '\n', '\'', '{', '}'] {
            assert!(!url.contains(forbidden), "{forbidden:?} in {url}");
        }
        assert_eq!(
            decoded(&url),
            "@media print{@page{size:letter;@top-left{content:\"China's \\\"grip\\\" \\\\ 100% #1 <b>\"}}@page:first{@top-left{content:none}}}"
        );
        assert!(decoded(&page_style("T", Paper::A4)).contains("@page{size:A4;"));
    }
}
