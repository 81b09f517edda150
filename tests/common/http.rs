//! A tiny static file server for tests: serves a folder under a sub-path on 127.0.0.1,
//! answers missing files with `404.html` and status 404, and a matching GET client. Also a
//! raw client that sends a request exactly as written (any `Host`, or none) and reads back
//! status, headers and body.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::thread;
use std::time::Duration;

/// A server running in a background thread for the rest of the test process.
pub struct Server {
    /// `127.0.0.1:port`.
    pub addr: String,
}

/// Serves `dir` under `prefix` (e.g. `/dossier-demo/`).
pub fn serve(dir: &Path, prefix: &'static str) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().unwrap().to_string();
    let dir = dir.to_path_buf();
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let dir = dir.clone();
            thread::spawn(move || answer(stream, &dir, prefix));
        }
    });
    Server { addr }
}

fn answer(mut stream: TcpStream, dir: &Path, prefix: &str) {
    let mut reader = BufReader::new(&stream);
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let path = line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .split(['?', '#'])
        .next()
        .unwrap_or("/");
    let file = path.strip_prefix(prefix).map(|rest| {
        let rest = if rest.is_empty() || rest.ends_with('/') {
            format!("{rest}index.html")
        } else {
            rest.to_string()
        };
        dir.join(rest)
    });
    let (status, body) = match file.filter(|f| f.is_file() && !path.contains("..")) {
        Some(f) => ("200 OK", std::fs::read(f).unwrap_or_default()),
        None => (
            "404 Not Found",
            std::fs::read(dir.join("404.html")).unwrap_or_default(),
        ),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream
        .write_all(head.as_bytes())
        .and_then(|()| stream.write_all(&body));
}

/// GETs `path` from `server`: (status code, body).
pub fn get(server: &Server, path: &str) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(&server.addr).expect("connect");
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.addr
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(response.len(), |i| i + 4);
    let head = String::from_utf8_lossy(&response[..split]).into_owned();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, response[split..].to_vec())
}

/// A response as it came over the wire.
#[derive(Debug)]
pub struct Raw {
    /// The status code.
    pub status: u16,
    /// The header fields in order, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// The bytes after the header block.
    pub body: Vec<u8>,
}

impl Raw {
    /// The first value of the header `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Sends `request` (the request line, header lines and the empty line, as written) to `addr`
/// and reads until the server closes the connection: send `Connection: close` or use HTTP/1.0.
pub fn exchange(addr: &str, request: &str) -> Raw {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    stream
        .read_to_end(&mut response)
        .expect("read the response");
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a header block");
    let head = String::from_utf8_lossy(&response[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|line| line.split_whitespace().nth(1))
        .and_then(|code| code.parse().ok())
        .expect("a status line");
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Raw {
        status,
        headers,
        body: response[split + 4..].to_vec(),
    }
}

/// `method path` over HTTP/1.1 to `addr` with the header `Host: host`, closing after it.
pub fn request(addr: &str, method: &str, path: &str, host: &str) -> Raw {
    exchange(
        addr,
        &format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
    )
}
