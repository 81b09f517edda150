//! Which requests `serve` answers, decided on plain text so that it can be tested without a
//! server. The Host rule: only requests addressed to the preview's own origin (127.0.0.1,
//! `localhost` or `[::1]`, with the served port) are answered, so that a web page whose name
//! an attacker points at 127.0.0.1 (DNS rebinding) cannot read the preview. Served on another
//! interface (`--bind`), the preview also answers at that address and at the machine's host
//! name; bound to all interfaces (`0.0.0.0`, `::`), at any IP address, since a name an
//! attacker controls is never an IP address. And the files of the output folder that are
//! never served: dossier's record of its files ([`MANIFEST`]).

use std::net::{IpAddr, SocketAddr};

use crate::output::MANIFEST;

/// The names of this machine that the preview answers to.
const LOOPBACK: [&str; 3] = ["127.0.0.1", "localhost", "[::1]"];

/// The port an `http` address means when it names none.
const HTTP_PORT: u16 = 80;

/// Where a request says it is going, as it arrived.
#[derive(Debug, Clone, Default)]
pub struct Target<'a> {
    /// The scheme and authority of an absolute-form request target (`GET http://h:1/ …`).
    pub absolute: Option<(&'a str, &'a str)>,
    /// The value of each `Host` header field; `None` for one that is not text.
    pub hosts: Vec<Option<&'a str>>,
    /// True for HTTP/1.0 and older, which did not require `Host`.
    pub http10: bool,
}

/// Why a request is not answered: its status and a short plain-text body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// 400 (Bad Request) or 421 (Misdirected Request).
    pub status: u16,
    /// One line saying why, and what is answered.
    pub text: String,
}

/// Where the preview is: the port served and the names a request may address it by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The port served.
    pub port: u16,
    /// Host names and addresses answered besides the loopback ones, lower-case, IPv6 ones in
    /// brackets.
    names: Vec<String>,
    /// True when served on every interface: any IP address is answered.
    any_address: bool,
}

impl Origin {
    /// The preview on the loopback interface, at `port`.
    pub fn loopback(port: u16) -> Origin {
        Origin {
            port,
            names: Vec::new(),
            any_address: false,
        }
    }

    /// The preview bound to `addr`, on a machine named `host_name`: beyond the loopback
    /// interface it answers at that address and at the host name (and `NAME.local`).
    pub fn bound(addr: SocketAddr, host_name: Option<&str>) -> Origin {
        let ip = addr.ip();
        let mut origin = Origin::loopback(addr.port());
        origin.any_address = ip.is_unspecified();
        if !origin.any_address && !LOOPBACK.contains(&bracketed(ip).as_str()) {
            origin.names.push(bracketed(ip));
        }
        if ip.is_loopback() {
            return origin;
        }
        let host_name = host_name.map(|n| n.trim().to_ascii_lowercase());
        if let Some(name) = host_name.filter(|n| !n.is_empty() && split(n).is_some()) {
            origin.names.push(format!("{name}.local"));
            origin.names.push(name);
        }
        origin
    }

    /// True when `host` names the preview.
    fn names(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        LOOPBACK.contains(&host.as_str())
            || self.names.contains(&host)
            || (self.any_address
                && host
                    .trim_start_matches('[')
                    .trim_end_matches(']')
                    .parse::<IpAddr>()
                    .is_ok())
    }

    /// The addresses the preview answers at, for the refusal's text.
    fn shown(&self) -> String {
        let port = self.port;
        let mut all: Vec<String> = LOOPBACK.iter().map(|h| h.to_string()).collect();
        all.extend(self.names.iter().cloned());
        let mut text: Vec<String> = all.iter().map(|h| format!("http://{h}:{port}")).collect();
        if self.any_address {
            text.push("any IP address of this machine".into());
        }
        match text.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
            None => String::new(),
        }
    }
}

/// `ip` as a URL writes it: an IPv6 address in brackets.
fn bracketed(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => format!("[{v6}]"),
    }
}

/// `Ok` when the request is addressed to the preview at `origin`.
///
/// HTTP/1.1 (RFC 9112 §3.2) wants 400 for a missing, repeated or malformed `Host`, and the
/// authority of an absolute-form target to count instead of `Host` (§3.2.2). A well-formed
/// address that is not the preview's gets 421 (RFC 9110 §15.5.20: the target "does not match
/// an origin for which the server has been configured"). HTTP/1.0 without `Host` is answered:
/// every browser sends `Host`, so such a request cannot come from a rebinding page.
pub fn admit(target: &Target, origin: &Origin) -> Result<(), Refusal> {
    let authority = match (target.absolute, target.hosts.as_slice()) {
        (Some((scheme, _)), _) if !scheme.eq_ignore_ascii_case("http") => {
            return Err(misdirected(origin));
        }
        (Some((_, authority)), _) => authority,
        (None, []) if target.http10 => return Ok(()),
        (None, []) => return Err(bad("an HTTP/1.1 request needs a Host header")),
        (None, [Some(host)]) => host,
        (None, [None]) => return Err(bad("the Host header is not text")),
        (None, _) => return Err(bad("a request may have only one Host header")),
    };
    match split(authority) {
        None => Err(bad("the Host header is not a host and port")),
        Some((host, named)) => {
            if origin.names(host) && named.unwrap_or(HTTP_PORT) == origin.port {
                Ok(())
            } else {
                Err(misdirected(origin))
            }
        }
    }
}

/// `host[:port]` split into the host and the port; `None` when it is not such a thing. An
/// empty port (`host:`) is no port, as in a URI.
fn split(authority: &str) -> Option<(&str, Option<u16>)> {
    let (host, port) = match authority.strip_prefix('[') {
        Some(rest) => {
            let end = rest.find(']')? + 2;
            (&authority[..end], &authority[end..])
        }
        None => match authority.split_once(':') {
            Some((host, _)) => (host, &authority[host.len()..]),
            None => (authority, ""),
        },
    };
    let odd = |c: char| c.is_whitespace() || c.is_control() || "/\\?#@[]".contains(c);
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    if bare.is_empty() || bare.contains(odd) {
        return None;
    }
    let port = match port {
        "" | ":" => None,
        _ => {
            let digits = port.strip_prefix(':')?;
            if !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            Some(digits.parse().ok()?)
        }
    };
    Some((host, port))
}

fn bad(why: &str) -> Refusal {
    Refusal {
        status: 400,
        text: format!("Bad request: {why}.\n"),
    }
}

fn misdirected(origin: &Origin) -> Refusal {
    Refusal {
        status: 421,
        text: format!(
            "Misdirected request: this dossier preview answers only at {}.\n",
            origin.shown()
        ),
    }
}

/// True when `path` (a request's path inside the site, percent-encoded as sent) reaches the
/// manifest: any of its segments, decoded, is the manifest's name, ignoring case and the
/// trailing dots and spaces that some file systems ignore too.
pub fn hidden(path: &str) -> bool {
    decoded(path).split(['/', '\\']).any(|segment| {
        segment
            .trim_end_matches(['.', ' '])
            .eq_ignore_ascii_case(MANIFEST)
    })
}

/// `path` with its `%XX` escapes decoded; a malformed escape is kept as it is.
fn decoded(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match hex
            .filter(|_| bytes[i] == b'%')
            .map(|h| u8::from_str_radix(h, 16))
        {
            Some(Ok(byte)) => {
                out.push(byte);
                i += 3;
            }
            _ => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(value: &str) -> Target<'_> {
        Target {
            hosts: vec![Some(value)],
            ..Target::default()
        }
    }

    fn status(target: &Target, port: u16) -> u16 {
        admit(target, &Origin::loopback(port))
            .err()
            .map_or(200, |r| r.status)
    }

    fn status_at(target: &Target, origin: &Origin) -> u16 {
        admit(target, origin).err().map_or(200, |r| r.status)
    }

    #[test]
    fn bound_to_another_interface_its_address_and_the_host_name_are_answered_too() {
        let lan = Origin::bound("192.168.1.5:4000".parse().unwrap(), Some("Desk\n"));
        for ok in [
            "192.168.1.5:4000",
            "desk:4000",
            "DESK.local:4000",
            "localhost:4000",
        ] {
            assert_eq!(status_at(&host(ok), &lan), 200, "{ok}");
        }
        for foreign in [
            "192.168.1.6:4000",
            "evil.example:4000",
            "desk:4001",
            "desk.evil:4000",
        ] {
            assert_eq!(status_at(&host(foreign), &lan), 421, "{foreign}");
        }
        let refusal = admit(&host("evil.example:4000"), &lan).unwrap_err().text;
        assert!(
            refusal
                .contains("http://192.168.1.5:4000, http://desk.local:4000 and http://desk:4000"),
            "{refusal}"
        );
        let all = Origin::bound("0.0.0.0:4000".parse().unwrap(), None);
        for ok in ["10.0.0.7:4000", "[fe80::1]:4000", "127.0.0.1:4000"] {
            assert_eq!(status_at(&host(ok), &all), 200, "{ok}");
        }
        assert_eq!(status_at(&host("evil.example:4000"), &all), 421);
        assert_eq!(status_at(&host("10.0.0.7:4001"), &all), 421);
        let v6 = Origin::bound("[fd00::5]:4000".parse().unwrap(), None);
        assert_eq!(status_at(&host("[FD00::5]:4000"), &v6), 200);
        assert_eq!(
            Origin::bound("127.0.0.1:4000".parse().unwrap(), Some("desk")),
            Origin::loopback(4000)
        );
    }

    #[test]
    fn the_loopback_names_with_the_served_port_are_answered() {
        for ok in [
            "127.0.0.1:4000",
            "localhost:4000",
            "LocalHost:4000",
            "[::1]:4000",
        ] {
            assert_eq!(status(&host(ok), 4000), 200, "{ok}");
        }
        for foreign in [
            "evil.example:4000",
            "evil.example",
            "127.0.0.1:4001",
            "localhost:80",
            "127.0.0.2:4000",
            "localhost.evil.example:4000",
            "[::2]:4000",
        ] {
            assert_eq!(status(&host(foreign), 4000), 421, "{foreign}");
        }
    }

    #[test]
    fn no_port_means_port_80() {
        for name in [
            "127.0.0.1",
            "localhost",
            "[::1]",
            "localhost:",
            "localhost:80",
        ] {
            assert_eq!(status(&host(name), 80), 200, "{name}");
            assert_eq!(status(&host(name), 4000), 421, "{name}");
        }
    }

    #[test]
    fn malformed_missing_or_repeated_hosts_are_bad_requests() {
        for odd in [
            "localhost:x",
            "localhost:99999",
            "local host:80",
            "[::1",
            "u@localhost:80",
            "localhost:80/",
            "localhost:+80",
            "",
            ":80",
        ] {
            assert_eq!(status(&host(odd), 80), 400, "{odd}");
        }
        let two = Target {
            hosts: vec![Some("localhost:80"), Some("localhost:80")],
            ..Target::default()
        };
        assert_eq!(status(&two, 80), 400);
        let binary = Target {
            hosts: vec![None],
            ..Target::default()
        };
        assert_eq!(status(&binary, 80), 400);
        assert_eq!(status(&Target::default(), 80), 400);
        let old = Target {
            http10: true,
            ..Target::default()
        };
        assert_eq!(status(&old, 80), 200);
    }

    #[test]
    fn an_absolute_target_counts_instead_of_host() {
        let target = |scheme, authority| Target {
            absolute: Some((scheme, authority)),
            hosts: vec![Some("127.0.0.1:4000")],
            http10: false,
        };
        assert_eq!(status(&target("http", "evil.example:4000"), 4000), 421);
        assert_eq!(status(&target("https", "127.0.0.1:4000"), 4000), 421);
        assert_eq!(status(&target("HTTP", "localhost:4000"), 4000), 200);
    }

    #[test]
    fn the_manifest_is_hidden_however_it_is_spelt() {
        for path in [
            "/.dossier-manifest",
            "/%2Edossier-manifest",
            "/%2edossier%2Dmanifest",
            "/./.dossier-manifest",
            "//.dossier-manifest",
            "/.DOSSIER-Manifest",
            "/.dossier-manifest.",
            "/.dossier-manifest%20",
            "/x/..%5C.dossier-manifest",
        ] {
            assert!(hidden(path), "{path}");
        }
        for path in [
            "/",
            "/index.html",
            "/.dossier-manifests",
            "/notes/dossier-manifest/",
        ] {
            assert!(!hidden(path), "{path}");
        }
        assert_eq!(decoded("/a%20b%zz%4"), "/a b%zz%4");
    }
}
