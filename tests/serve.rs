//! `dossier serve` end to end: the binary on a free port against a copy of a fixture; pages
//! over HTTP under the production sub-path, the reload event after an edit, the error
//! overlay over the last good page, its clearing, and a clean shutdown on Ctrl-C. A taken
//! port stops it before it builds; HEAD answers GET's headers; only requests addressed to
//! the preview are answered; the manifest is never served. Also: a published build carries
//! nothing of the preview.

#![cfg_attr(not(unix), allow(dead_code, unused_imports))]

mod common;

use common::http::{self, Raw};

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// How long any one expected thing may take before the test fails.
const PATIENCE: Duration = Duration::from_secs(20);

/// Lines read from `reader` on a thread of their own; the channel closes at end of stream.
fn lines(reader: impl std::io::Read + Send + 'static) -> Receiver<String> {
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(reader).lines() {
            let Ok(line) = line else { break };
            if send.send(line).is_err() {
                break;
            }
        }
    });
    receive
}

/// Waits for a line satisfying `wanted`; panics with `what` after [`PATIENCE`].
fn expect_line(lines: &Receiver<String>, what: &str, wanted: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match lines.recv_timeout(left) {
            Ok(line) if wanted(&line) => return line,
            Ok(_) => {}
            Err(e) => panic!("no {what}: {e}"),
        }
    }
}

/// Polls `url` until its body satisfies `wanted`; returns the body.
fn expect_page(url: &str, what: &str, wanted: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let body = get(url).1;
        if wanted(&body) {
            return body;
        }
        assert!(Instant::now() < deadline, "{what}: {url} gave\n{body}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Status, body and `Location` of a GET, redirects not followed.
fn get_full(url: &str) -> (u16, String, Option<String>) {
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(5)))
        .build()
        .new_agent();
    let mut response = agent.get(url).call().expect("GET");
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(String::from);
    let body = response.body_mut().read_to_string().expect("body");
    (response.status().as_u16(), body, location)
}

fn get(url: &str) -> (u16, String) {
    let (status, body, _) = get_full(url);
    (status, body)
}

/// The event stream of the server at `host` (`127.0.0.1:port`), line by line.
fn events(host: &str) -> Receiver<String> {
    let mut stream = TcpStream::connect(host).expect("connect");
    write!(
        stream,
        "GET /__dossier/events HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .expect("request");
    lines(stream)
}

/// Replaces `from` with `to` in the file as editors do: write a temporary file, rename it over.
fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from} not in {}", path.display());
    let temp = path.with_file_name(".edit.tmp");
    std::fs::write(&temp, text.replace(from, to)).unwrap();
    std::fs::rename(&temp, path).unwrap();
}

/// Sends Ctrl-C (SIGINT) to the child and waits for it to end; its exit status.
fn interrupt(child: &mut Child) -> std::process::ExitStatus {
    let pid = child.id().to_string();
    let sent = Command::new("kill").args(["-INT", &pid]).status();
    assert!(sent.is_ok_and(|s| s.success()), "kill -INT {pid}");
    let deadline = Instant::now() + PATIENCE;
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status;
        }
        assert!(Instant::now() < deadline, "serve did not stop");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// A child process that is killed if the test fails before stopping it.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        if self.0.try_wait().ok().flatten().is_none() {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

/// A `dossier serve --port 0` running on a project.
struct Serving {
    /// The process.
    child: Running,
    /// Its standard output, line by line, after the `Serving at` line.
    stdout: Receiver<String>,
    /// The address printed: `http://127.0.0.1:port/briefing/`.
    url: String,
    /// `127.0.0.1:port`.
    host: String,
    /// The port.
    port: u16,
}

/// Starts `dossier serve --port 0` on the project at `root` and waits until it serves.
fn serve(root: &Path) -> Serving {
    let child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start serve");
    let mut child = Running(child);
    let stdout = lines(child.0.stdout.take().unwrap());
    let line = expect_line(&stdout, "address", |l| l.starts_with("Serving at "));
    let url = line["Serving at ".len()..]
        .split(' ')
        .next()
        .unwrap()
        .to_string();
    let host = url["http://".len()..]
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let port = host.rsplit(':').next().unwrap().parse().unwrap();
    Serving {
        child,
        stdout,
        url,
        host,
        port,
    }
}

/// A copy of the `basic` fixture, served.
fn serve_basic() -> (tempfile::TempDir, Serving) {
    let temp = tempfile::tempdir().unwrap();
    common::copy_dir(&common::fixture("basic"), temp.path());
    let serving = serve(temp.path());
    (temp, serving)
}

#[cfg(unix)]
#[test]
fn serve_rebuilds_reloads_shows_errors_and_stops_cleanly() {
    let (temp, serving) = serve_basic();
    let Serving {
        mut child,
        stdout,
        url,
        host,
        ..
    } = serving;
    // The fixture's base_url is https://example.org/briefing: served under /briefing/.
    assert!(
        url.starts_with("http://127.0.0.1:") && url.ends_with("/briefing/"),
        "{url}"
    );
    assert_eq!(
        get_full(&format!("http://{host}/")).2.as_deref(),
        Some("/briefing/")
    );

    let page_url = format!("{url}notes/trade/");
    let (status, page) = get(&page_url);
    assert_eq!(status, 200);
    assert!(page.contains("<h2 id=\"routes\">Routes</h2>"), "{page}");
    assert!(page.contains("/__dossier/events") && !page.contains("dossier-overlay"));
    let (status, missing) = get(&format!("{url}notes/nothing-here/"));
    assert_eq!(status, 404);
    assert!(missing.contains("/__dossier/events"));
    // The site's own 404 page, when it has one (the next build rewrites or removes it).
    let custom = "<!doctype html><html><body><p>Custom 404 page</p></body></html>";
    std::fs::write(temp.path().join("site/404.html"), custom).unwrap();
    let (status, missing) = get(&format!("{url}notes/nothing-here/"));
    assert_eq!(status, 404);
    assert!(missing.contains("Custom 404 page") && missing.contains("/__dossier/events"));

    let events = events(&host);
    expect_line(&events, "hello event", |l| l == "event: hello");
    let note = temp.path().join("content/notes/trade.md");

    // An edit: new content, and a reload event.
    edit(&note, "; back to", "; shipping lanes lead back to");
    expect_line(&events, "reload after the edit", |l| l == "event: reload");
    expect_page(&page_url, "the edit", |p| p.contains("shipping lanes lead"));

    // A mistake: the overlay with the diagnostic's place, over the last good page.
    edit(&note, "claim:exports-fell", "claim:exports-fel");
    expect_line(&events, "reload after the mistake", |l| {
        l == "event: reload"
    });
    let broken = expect_page(&page_url, "the overlay", |p| p.contains("dossier-overlay"));
    assert!(
        broken.contains("<strong>content/notes/trade.md:21:9</strong>"),
        "{broken}"
    );
    assert!(
        broken.contains("there is no claim `exports-fel`"),
        "{broken}"
    );
    assert!(
        broken.contains("shipping lanes lead"),
        "the last good page is still served"
    );

    // The fix, written in place this time: the overlay is gone.
    let fixed = std::fs::read_to_string(&note)
        .unwrap()
        .replace("claim:exports-fel)", "claim:exports-fell)");
    std::fs::write(&note, fixed).unwrap();
    expect_line(&events, "reload after the fix", |l| l == "event: reload");
    expect_page(&page_url, "the fix", |p| {
        !p.contains("dossier-overlay") && p.contains("shipping lanes lead")
    });

    // Ctrl-C: a clean exit, and the open event stream is closed.
    let status = interrupt(&mut child.0);
    assert!(status.success(), "{status:?}");
    expect_line(&stdout, "goodbye", |l| l == "Stopped serving.");
    let deadline = Instant::now() + PATIENCE;
    while events
        .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        .is_ok()
    {}
    assert!(Instant::now() < deadline, "the event stream stayed open");
}

#[test]
fn a_published_build_has_no_reload_script() {
    for root in [common::fixture("basic"), common::repo()] {
        let (out, _) = common::build_into_temp(&root);
        for (path, bytes) in common::read_tree(&out.path().join("site")) {
            let text = String::from_utf8_lossy(&bytes);
            for needle in [
                "__dossier",
                "EventSource",
                "dossier-overlay",
                "data-dossier-serve",
            ] {
                assert!(!text.contains(needle), "{path} contains {needle}");
            }
        }
    }
}

#[test]
fn a_taken_port_stops_serve_before_it_builds_anything() {
    let temp = tempfile::tempdir().unwrap();
    common::copy_dir(&common::fixture("basic"), temp.path());
    // A draft that builds: with --drafts, a build would publish it into site/.
    let draft = "---\ntitle: Secret draft\ndate: 2025-10-04\ndraft: true\n---\nNot yet.\n";
    std::fs::write(temp.path().join("content/notes/unfinished.md"), draft).unwrap();
    // The site another server may be serving: known bytes, nothing like a build's.
    let site = temp.path().join("site");
    std::fs::create_dir_all(site.join("notes/trade")).unwrap();
    std::fs::write(site.join("index.html"), "<p>decoy front page</p>\n").unwrap();
    std::fs::write(site.join("notes/trade/index.html"), "<p>decoy trade</p>\n").unwrap();
    std::fs::write(site.join("style.css"), [0u8, 159, 146, 150, b'\n']).unwrap();
    let before = common::read_tree(&site);

    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["serve", "--drafts", "--port", &port, "--root"])
        .arg(temp.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start serve");
    let mut child = Running(child);
    let stderr = lines(child.0.stderr.take().unwrap());
    let deadline = Instant::now() + PATIENCE;
    let status = loop {
        if let Some(status) = child.0.try_wait().expect("wait") {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "serve kept running on a taken port"
        );
        std::thread::sleep(Duration::from_millis(10));
    };
    let message: Vec<String> = stderr.iter().collect();
    let message = message.join("\n");
    assert_eq!(status.code(), Some(1), "{message}");
    let after = common::read_tree(&site);
    assert!(after == before, "site/ changed: {:?}", after.keys());
    assert_eq!(
        message,
        format!(
            "error: cannot serve on 127.0.0.1:{port}: the port is in use (by another `dossier \
             serve`, or another program); nothing was built\n  help: choose another port with \
             --port (e.g. --port {}), or --port 0 to pick a free one",
            taken.local_addr().unwrap().port() + 1
        )
    );
    drop(taken);
}

#[test]
fn serve_refuses_an_output_folder_of_the_users_before_it_builds() {
    let temp = tempfile::tempdir().unwrap();
    common::copy_dir(&common::fixture("basic"), temp.path());
    let site = temp.path().join("site");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::write(site.join("notes.txt"), "mine\n").unwrap();
    let before = common::read_tree(&site);
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["serve", "--port", "0", "--root"])
        .arg(temp.path())
        .output()
        .expect("run serve");
    let stderr = common::text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("error: ") && stderr.contains("/site: the output folder holds files dossier did not write (notes.txt); building here could replace them; nothing was built\n  help: "),
        "{stderr}"
    );
    assert_eq!(common::read_tree(&site), before);
}

/// The status, `Content-Type` and `Content-Length` of a response.
fn headline(raw: &Raw) -> (u16, Option<&str>, Option<&str>) {
    let length = raw.header("content-length");
    (raw.status, raw.header("content-type"), length)
}

#[test]
fn head_answers_the_headers_get_does_without_the_body() {
    let (_temp, serving) = serve_basic();
    let host = serving.host.as_str();
    for (path, status, kind) in [
        ("/briefing/notes/trade/", 200, "text/html"),
        ("/briefing/style.css", 200, "text/css"),
        ("/briefing/notes/nothing-here/", 404, "text/html"),
    ] {
        let get = http::request(host, "GET", path, host);
        let head = http::request(host, "HEAD", path, host);
        assert_eq!(get.status, status, "{path}");
        assert!(
            get.header("content-type").unwrap().starts_with(kind),
            "{path}"
        );
        let length = get.header("content-length").expect("GET's length");
        assert_eq!(length, get.body.len().to_string(), "{path}: GET's length");
        assert_eq!(headline(&head), headline(&get), "{path}");
        assert!(head.body.is_empty(), "{path}: HEAD has no body");
        // A page is served with the reload script in it: no byte ranges of the file.
        let ranges = (kind != "text/html").then_some("bytes");
        assert_eq!(get.header("accept-ranges"), ranges, "{path}");
    }
    // The page GET gives carries the reload script: the length HEAD gives counts it too.
    let page = http::request(host, "GET", "/briefing/notes/trade/", host);
    assert!(String::from_utf8_lossy(&page.body).contains("/__dossier/events"));
}

#[test]
fn only_requests_addressed_to_the_preview_are_answered() {
    let (_temp, serving) = serve_basic();
    let (addr, port) = (serving.host.as_str(), serving.port);
    let front = http::request(addr, "GET", "/briefing/", addr);
    assert_eq!(front.status, 200);
    assert!(String::from_utf8_lossy(&front.body).contains("Fixture briefing"));
    for host in [
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        format!("[::1]:{port}"),
    ] {
        let answer = http::request(addr, "GET", "/briefing/", &host);
        assert_eq!(answer.status, 200, "{host}");
        assert!(answer.body == front.body, "{host}: the front page");
    }
    for (host, path) in [
        (format!("evil.example:{port}"), "/briefing/"),
        ("evil.example".to_string(), "/briefing/"),
        // Without a port, the Host means port 80, which is not the one served.
        ("127.0.0.1".to_string(), "/briefing/"),
        ("localhost".to_string(), "/briefing/"),
        (format!("localhost:{}", port ^ 1), "/briefing/"),
        (format!("evil.example:{port}"), "/briefing/style.css"),
        (format!("evil.example:{port}"), "/__dossier/events"),
        (format!("evil.example:{port}"), "/"),
    ] {
        for method in ["GET", "HEAD"] {
            let refused = http::request(addr, method, path, &host);
            assert_eq!(refused.status, 421, "{method} {path} for {host}");
            assert_eq!(
                refused.header("content-type"),
                Some("text/plain; charset=utf-8")
            );
        }
        let body =
            String::from_utf8_lossy(&http::request(addr, "GET", path, &host).body).into_owned();
        assert_eq!(
            body,
            format!(
                "Misdirected request: this dossier preview answers only at \
                 http://127.0.0.1:{port}, http://localhost:{port} and http://[::1]:{port}.\n"
            )
        );
    }
    // An absolute-form target names the host instead of the Host header (RFC 9112 §3.2.2).
    let absolute = format!(
        "GET http://evil.example:{port}/briefing/ HTTP/1.1\r\nHost: {addr}\r\n\
         Connection: close\r\n\r\n"
    );
    assert_eq!(http::exchange(addr, &absolute).status, 421);
    let bad = |request: &str| http::exchange(addr, request).status;
    let no_host = "GET /briefing/ HTTP/1.1\r\nConnection: close\r\n\r\n";
    assert_eq!(bad(no_host), 400, "HTTP/1.1 requires Host");
    let two = format!(
        "GET /briefing/ HTTP/1.1\r\nHost: {addr}\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    );
    assert_eq!(bad(&two), 400, "two Host headers");
    // HTTP/1.0 did not require Host, and no browser leaves it out: answered.
    let old = http::exchange(addr, "GET /briefing/ HTTP/1.0\r\n\r\n");
    assert_eq!(old.status, 200);
    assert!(old.body == front.body, "HTTP/1.0: the front page");
}

#[test]
fn the_manifest_is_never_served() {
    let (temp, serving) = serve_basic();
    let host = serving.host.as_str();
    let record = "index.html\nnotes/trade/index.html\n";
    let site = temp.path().join("site");
    std::fs::write(site.join(dossier::output::MANIFEST), record).unwrap();
    // Other dot-files are served: the manifest is refused by name, not by being hidden.
    assert_eq!(
        http::request(host, "GET", "/briefing/.nojekyll", host).status,
        200
    );
    let text = |raw: &Raw| String::from_utf8_lossy(&raw.body).into_owned();
    let missing = http::request(host, "GET", "/briefing/no-such-page", host);
    assert_eq!(missing.status, 404);
    assert!(
        text(&missing).contains("Page not found"),
        "the site's 404.html"
    );
    for path in [
        "/briefing/.dossier-manifest",
        "/briefing/%2Edossier-manifest",
        "/briefing/./.dossier-manifest",
        "/briefing//.dossier-manifest",
        "/briefing/.DOSSIER-MANIFEST",
        "/briefing/.dossier-manifest?download=1",
    ] {
        let get = http::request(host, "GET", path, host);
        assert_eq!(get.status, 404, "{path}");
        assert_eq!(text(&get), text(&missing), "{path}: the missing page");
        let head = http::request(host, "HEAD", path, host);
        assert_eq!(headline(&head), headline(&get), "HEAD {path}");
        assert!(head.body.is_empty());
    }
    // Outside the sub-path, as any address there: not found.
    let outside = http::request(host, "GET", "/.dossier-manifest", host);
    assert_eq!(outside.status, 404);
    assert!(!text(&outside).contains("notes/trade/index.html"));
}
