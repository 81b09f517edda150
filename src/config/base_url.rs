//! The rule for `base_url`: the absolute address of the folder the site is published at,
//! which page paths are appended to. Checked here so that nothing written into feeds,
//! sitemaps or page heads can break out of them.
//!
//! Accepted: `http://` or `https://` (any case), then a host (letters of any script, digits,
//! `-` and `.`, or an IPv6 address in brackets), an optional `:port` (1–65535), and an
//! optional path of letters, digits and `- . _ ~ ! $ & ( ) * + , ; = : @ / %`, each `%`
//! starting an escape such as `%20`. Not accepted: spaces and control characters, quotes,
//! `<` `>` and the other characters URLs never hold unescaped, a user name (`user@`), a query
//! (`?…`) or a fragment (`#…`).

/// What a base URL tells a reader to do about it.
pub const HELP: &str = "write the address the site is published at, e.g. https://user.github.io/repo/: http:// or https://, a host name, an optional port and path; no spaces, quotes, `<`, `>`, query or fragment";

/// Characters a path may hold besides letters, digits and `%` escapes.
const PATH_MARKS: &str = "-._~!$&()*+,;=:@/";

/// `url` checked against the rule, ending in `/`; `Err` says what is wrong, in an editor's words.
pub fn normalise(url: &str) -> Result<String, String> {
    let problem = |what: String| Err(format!("the base URL `{url}` {what}"));
    let Some((scheme, rest)) = url.split_once("://") else {
        return problem("must start with http:// or https://".into());
    };
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return problem("must start with http:// or https://".into());
    }
    if let Some(c) = rest.chars().find(|&c| c == '?' || c == '#') {
        let part = if c == '?' { "a query" } else { "a fragment" };
        return problem(format!(
            "has {part} (`{c}…`): page paths are added after it, so it ends with its path"
        ));
    }
    if let Some(c) = rest.chars().find(|&c| !url_char(c)) {
        return problem(format!("cannot hold {}", named(c)));
    }
    let (authority, path) = rest.find('/').map_or((rest, ""), |i| rest.split_at(i));
    if let Some(what) = authority_problem(authority).or_else(|| path_problem(path)) {
        return problem(what);
    }
    let mut url = url.to_string();
    if !url.ends_with('/') {
        url.push('/');
    }
    Ok(url)
}

/// True for the characters a URL may hold somewhere (where exactly is checked later).
fn url_char(c: char) -> bool {
    c.is_alphanumeric() || c == '%' || c == '[' || c == ']' || PATH_MARKS.contains(c)
}

/// A character as a message names it.
fn named(c: char) -> String {
    match c {
        ' ' => "a space".into(),
        '"' | '\'' => format!("a quote (`{c}`)"),
        c if c.is_whitespace() || c.is_control() => {
            format!("the invisible character U+{:04X}", u32::from(c))
        }
        c => format!("`{c}`"),
    }
}

/// What is wrong with `host[:port]`, if anything.
fn authority_problem(authority: &str) -> Option<String> {
    if authority.contains('@') {
        return Some("names a user (`…@`): write the address without it".into());
    }
    let (host, port) = match authority.strip_prefix('[') {
        Some(inner) => {
            let Some((address, after)) = inner.split_once(']') else {
                return Some("opens `[` for an IPv6 address without closing it".into());
            };
            let ipv6 = !address.is_empty()
                && address
                    .chars()
                    .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
            if !ipv6 {
                return Some(format!("has `[{address}]` where an IPv6 address goes"));
            }
            (
                None,
                after
                    .strip_prefix(':')
                    .or((!after.is_empty()).then_some(after)),
            )
        }
        None => match authority.split_once(':') {
            Some((host, port)) => (Some(host), Some(port)),
            None => (Some(authority), None),
        },
    };
    if let Some(host) = host {
        if host.is_empty() {
            return Some("has no host name after `://`".into());
        }
        let label_ok = |c: char| c.is_alphanumeric() || c == '-' || c == '.';
        if let Some(c) = host.chars().find(|&c| !label_ok(c)) {
            return Some(format!(
                "has {} in its host name `{host}`, which holds only letters, digits, `-` and `.`",
                named(c)
            ));
        }
    }
    let port_ok =
        |p: &str| p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u16>().is_ok_and(|n| n > 0);
    match port {
        Some(p) if !port_ok(p) => Some(format!(
            "has `:{p}`, which is not a port number (1 to 65535)"
        )),
        _ => None,
    }
}

/// What is wrong with the path (`/…` or empty), if anything.
fn path_problem(path: &str) -> Option<String> {
    if let Some(c) = path.chars().find(|&c| c == '[' || c == ']') {
        return Some(format!("cannot hold {} in its path", named(c)));
    }
    let bytes = path.as_bytes();
    let bad_escape = bytes.iter().enumerate().any(|(i, &b)| {
        b == b'%'
            && !(bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
    });
    bad_escape.then(|| "has a `%` that does not start an escape such as `%20`".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_http_addresses_and_adds_the_slash() {
        for (url, normal) in [
            ("https://a.github.io/repo", "https://a.github.io/repo/"),
            ("http://localhost:1111", "http://localhost:1111/"),
            ("HTTPS://Example.ORG/", "HTTPS://Example.ORG/"),
            ("https://x.org/a&b/", "https://x.org/a&b/"),
            ("https://x.org/a%20b/c;v=1/", "https://x.org/a%20b/c;v=1/"),
            ("https://bücher.example/ü/", "https://bücher.example/ü/"),
            ("http://[::1]:8080/x", "http://[::1]:8080/x/"),
            ("http://127.0.0.1/", "http://127.0.0.1/"),
        ] {
            assert_eq!(normalise(url).as_deref(), Ok(normal), "{url}");
        }
    }

    #[test]
    fn refuses_what_could_break_out_or_is_not_an_address() {
        for (url, says) in [
            ("ftp://x.org/", "must start with http:// or https://"),
            ("javascript:alert(1)", "must start with http:// or https://"),
            ("x.org/a", "must start with http:// or https://"),
            ("https://x.org/\"><script>", "cannot hold a quote (`\"`)"),
            ("https://x.org/<b>", "cannot hold `<`"),
            ("https://x.org/a'b", "cannot hold a quote (`'`)"),
            ("https://x.org/a b", "cannot hold a space"),
            (
                "https://x.org/a\tb",
                "cannot hold the invisible character U+0009",
            ),
            ("https://x.org/a\\b", "cannot hold `\\`"),
            ("https://x.org/?a=1", "has a query (`?…`)"),
            ("https://x.org/#top", "has a fragment (`#…`)"),
            ("https:///path", "has no host name after `://`"),
            ("https://", "has no host name after `://`"),
            ("https://u:p@x.org/", "names a user (`…@`)"),
            ("https://x_y.org/", "has `_` in its host name `x_y.org`"),
            ("https://x.org:0/", "has `:0`, which is not a port number"),
            (
                "https://x.org:99999/",
                "has `:99999`, which is not a port number",
            ),
            ("https://x.org:/", "has `:`, which is not a port number"),
            ("http://[::1/", "opens `[` for an IPv6 address"),
            ("http://[zz]/", "has `[zz]` where an IPv6 address goes"),
            ("https://x.org/a[1]/", "cannot hold `[` in its path"),
            (
                "https://x.org/100%/",
                "has a `%` that does not start an escape",
            ),
        ] {
            let error = normalise(url).unwrap_err();
            assert!(
                error.starts_with(&format!("the base URL `{url}` {says}")),
                "{url}: {error}"
            );
        }
    }
}
