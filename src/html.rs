//! Small helpers for writing HTML and XML by hand: escaping (HTML, XML, JSON inside HTML),
//! numbers as shown to readers, and slugs for ids (the one user of deunicode).

use std::borrow::Cow;

/// Escapes `&`, `<`, `>`, `"` and `'` for use in HTML text and attribute values.
pub fn escape(text: &str) -> String {
    escape_with(text, |c| c)
}

/// Escapes `text` for XML text and attribute values (feeds, sitemaps, inline SVG): `&`, `<`,
/// `>`, `"` and `'` as references (the same as [`escape`]: they read the same in HTML), and
/// each character XML 1.0 does not allow (control characters other than tab and line breaks,
/// U+FFFE, U+FFFF) replaced by U+FFFD, so the document always parses.
pub fn escape_xml(text: &str) -> String {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
    };
    escape_with(text, |c| if allowed(c) { c } else { '\u{FFFD}' })
}

/// `text` with the five markup characters as references and every other character as `other`
/// gives it.
fn escape_with(text: &str, other: impl Fn(char) -> char) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(other(c)),
        }
    }
    out
}

/// JSON text made safe anywhere in HTML, in particular inside a `<script>` element: `<`, `>`,
/// `&`, U+2028 and U+2029 written as the JSON escapes `\u003c`, `\u003e`, `\u0026`,
/// `\u2028` and `\u2029`. A JSON parser reads the same value, and the HTML parser sees no
/// `</script>`, `<!--` or `<script` that would end the element early or swallow the page.
/// `json` must be JSON: these characters only occur inside its strings.
pub fn json_in_html(json: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| matches!(c, '<' | '>' | '&' | '\u{2028}' | '\u{2029}');
    // Most JSON has none: no copy then.
    if !json.contains(unsafe_char) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 32);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The one slug rule (notes, sources, claims, tags, sections, headings and `dossier new`'s
/// file names): `text` transliterated to ASCII (é → e, Ř → r, 北京 → bei jing, by deunicode),
/// lower-cased, letters and digits kept and everything else a single `-`.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text).to_ascii_lowercase();
    let words = ascii.split(|c: char| !c.is_ascii_alphanumeric());
    words
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// A number as Rust prints it, with thousands separators: `270,000`, `4,000.3`, `-1,234.5`;
/// zero is `0`, whatever its sign (`-0` means nothing to a reader).
pub fn number(value: f64) -> String {
    let value = if value == 0.0 { 0.0 } else { value };
    let text = format!("{value}");
    let (sign, digits) = text
        .strip_prefix('-')
        .map_or(("", text.as_str()), |d| ("-", d));
    let (int, frac) = digits
        .split_once('.')
        .map_or((digits, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 && c.is_ascii_digit() {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Currency signs written before the number, as readers expect: `US$488.8 million`.
const CURRENCY_SIGNS: [&str; 9] = ["US$", "A$", "C$", "HK$", "S$", "$", "€", "£", "¥"];

/// A figure with its unit as readers write it: `69%` and `100% tariff`, `270,000 t REO`, and
/// a currency sign before the number, `US$488.8 million` for the unit `US$ million`.
pub fn figure(value: f64, unit: Option<&str>) -> String {
    let n = number(value);
    let Some(unit) = unit else {
        return n;
    };
    if unit.starts_with('%') {
        return format!("{n}{unit}");
    }
    let (head, rest) = unit.split_once(' ').map_or((unit, ""), |(h, r)| (h, r));
    match CURRENCY_SIGNS.contains(&head) {
        true if rest.is_empty() => format!("{head}{n}"),
        true => format!("{head}{n} {rest}"),
        false => format!("{n} {unit}"),
    }
}

/// True for ids dossier accepts: `[a-z0-9][a-z0-9-]*`.
pub fn is_slug(id: &str) -> bool {
    let mut bytes = id.bytes();
    let first_ok = bytes
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    first_ok && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_characters() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn slugs_are_lowercase_dashed_and_fold_accents() {
        assert_eq!(slugify("China's grip: 69% (2024)"), "china-s-grip-69-2024");
        assert_eq!(slugify("  Café  Société "), "cafe-societe");
        // One rule for notes, sources, claims, tags, sections and headings: other scripts
        // are transliterated, as `dossier new` names files.
        let table = [
            ("Řeka", "reka"),
            ("稀土 出口", "xi-tu-chu-kou"),
            ("北京", "bei-jing"),
            ("Straße", "strasse"),
            ("Łódź", "lodz"),
            ("Ελλάδα", "ellada"),
            ("Москва", "moskva"),
            ("Ærø", "aero"),
            ("São Tomé & Príncipe", "sao-tome-principe"),
        ];
        for (text, slug) in table {
            assert_eq!(slugify(text), slug, "{text}");
            assert!(is_slug(slug));
        }
    }

    #[test]
    fn numbers_group_thousands() {
        assert_eq!(number(270000.0), "270,000");
        assert_eq!(number(4000.3), "4,000.3");
        assert_eq!(number(-1234.5), "-1,234.5");
        assert_eq!(number(69.0), "69");
        assert_eq!(number(0.1), "0.1");
        assert_eq!(number(f64::INFINITY), "inf");
    }

    #[test]
    fn negative_zero_is_zero() {
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(0.0), "0");
        assert_eq!(number(-0.5), "-0.5");
    }

    #[test]
    fn xml_escaping_escapes_markup_and_replaces_what_xml_forbids() {
        assert_eq!(
            escape_xml("a&b <c> \"d\" 'e'"),
            "a&amp;b &lt;c&gt; &quot;d&quot; &#39;e&#39;"
        );
        assert_eq!(
            escape_xml("tab\tline\n\u{1}\u{1b}\u{FFFF}é"),
            "tab\tline\n\u{FFFD}\u{FFFD}\u{FFFD}é"
        );
    }

    #[test]
    fn json_in_html_escapes_what_could_end_or_hide_a_script() {
        let json = "{\"a\":\"<!--<script></script>\",\"b\":\"x & y > z\u{2028}\u{2029}\"}";
        let safe = json_in_html(json);
        for bad in ["<", ">", "&", "\u{2028}", "\u{2029}"] {
            assert!(!safe.contains(bad), "{bad} in {safe}");
        }
        assert_eq!(
            safe,
            r#"{"a":"\u003c!--\u003cscript\u003e\u003c/script\u003e","b":"x \u0026 y \u003e z\u2028\u2029"}"#
        );
        assert!(matches!(json_in_html(r#"{"a":"plain"}"#), Cow::Borrowed(_)));
    }

    #[test]
    fn accepts_only_slug_ids() {
        assert!(is_slug("usgs-mcs-2025"));
        assert!(is_slug("2025-report"));
        for bad in ["", "-a", "A", "a_b", "../../x", "a b", "é"] {
            assert!(!is_slug(bad), "{bad}");
        }
    }
}
