//! `dossier serve`: live preview. Builds the site, serves it on 127.0.0.1 under the same
//! sub-path as production, watches the project, rebuilds on every change and reloads open
//! pages. A failed build keeps the last good site on screen under an overlay that lists the
//! diagnostics; the next good build clears it.
//!
//! The parts: [`watch`] turns file changes into [`Signal::Changed`], [`server`] serves and
//! turns Ctrl-C into [`Signal::Stop`], [`guard`] says which requests are answered, and [`run`]
//! is the loop in between that rebuilds. The port is bound before anything is built: a
//! `serve` that cannot listen leaves the output folder as it was.

pub mod guard;
pub mod overlay;
pub mod server;
pub mod watch;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::time::Instant;

use crate::Session;
use crate::config::Config;
use crate::report::{self, Style, count, counts};
use crate::{Options, Outcome};
use server::{Listener, Server};
use watch::Watch;

/// What to serve and how.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The build: project folder, output folder, drafts.
    pub build: Options,
    /// The address to serve on: 127.0.0.1 unless `--bind` names another interface.
    pub bind: IpAddr,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// Open the site in the default browser once it is served.
    pub open: bool,
}

/// What the watcher and the server tell the rebuild loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signal {
    /// These files (relative to the project) changed.
    Changed(Vec<PathBuf>),
    /// Something went wrong in the watcher or the server; worth telling the editor.
    Failed(String),
    /// Ctrl-C: shut down.
    Stop,
}

/// Builds, serves and rebuilds until Ctrl-C. `Err` says why it could not start; then nothing
/// was built.
pub fn run(options: &ServeOptions) -> Result<(), String> {
    // The port first: when it is taken, nothing is built (another server may be serving the
    // output folder, and a build with --drafts would put drafts into it).
    let addr = SocketAddr::from((options.bind, options.port));
    let listener = Listener::bind(addr).map_err(|e| cannot_bind(addr, &e))?;
    let build = &options.build;
    crate::output::may_build(&build.root, &build.output_dir(), build.force).map_err(|d| {
        let help = d.help.map(|h| format!("\n  help: {h}")).unwrap_or_default();
        format!("{}: {}; nothing was built{help}", d.file, d.message)
    })?;
    let prefix = prefix_of(&options.build);
    let (signals, received) = mpsc::channel();
    // Watching starts before the build, so that a save during the first build is not missed.
    let mut watch = Watch::start(&options.build.root, signals.clone())?;
    let mut session = Session::new(options.build.clone());
    let first = timed_build(&mut session);
    // Requests made during the first build waited in the listener's queue until now.
    let server = Server::start(
        listener,
        options.build.output_dir(),
        prefix.clone(),
        signals,
    )
    .map_err(|e| format!("cannot serve on {addr}: {e}"))?;
    server.publish(overlay_of(&first.0));
    println!("First build: {}", done(&first.0, first.1));
    let shown = match server.addr.ip() {
        // every interface: this machine's own address is one of them
        ip if ip.is_unspecified() => SocketAddr::from((Ipv4Addr::LOCALHOST, server.addr.port())),
        _ => server.addr,
    };
    let url = format!("http://{shown}{prefix}/");
    let every = if server.addr.ip().is_unspecified() {
        ", and on every interface of this machine"
    } else {
        ""
    };
    println!("Serving at {url}{every} (Ctrl-C to stop)");
    if options.open {
        open_browser(&url);
    }
    rebuild_loop(&mut session, &server, &mut watch, &received);
    drop(watch);
    server.stop();
    println!("Stopped serving.");
    Ok(())
}

/// Why `addr` could not be bound, and what to do, for the terminal.
fn cannot_bind(addr: SocketAddr, e: &std::io::Error) -> String {
    let why = match e.kind() {
        std::io::ErrorKind::AddrInUse => {
            "the port is in use (by another `dossier serve`, or another program)".to_string()
        }
        std::io::ErrorKind::PermissionDenied => {
            format!("not allowed to listen on this port ({e})")
        }
        _ => e.to_string(),
    };
    let another = match addr.port().checked_add(1) {
        Some(next) if addr.port() != 0 => format!(" (e.g. --port {next})"),
        _ => String::new(),
    };
    format!(
        "cannot serve on {addr}: {why}; nothing was built\n  help: choose another port with \
         --port{another}, or --port 0 to pick a free one"
    )
}

/// Rebuilds after each batch of changes until [`Signal::Stop`].
fn rebuild_loop(
    session: &mut Session,
    server: &Server,
    watch: &mut Watch,
    received: &Receiver<Signal>,
) {
    // True when the watcher may have missed a change since the last build.
    let mut lost = false;
    while let Ok(signal) = received.recv() {
        let mut changed = match signal {
            Signal::Stop => return,
            Signal::Failed(message) => {
                eprintln!("warning: {message}");
                lost = true;
                continue;
            }
            Signal::Changed(paths) => paths,
        };
        // Changes that arrived during the last build are covered by this one.
        while let Ok(more) = received.try_recv() {
            match more {
                Signal::Stop => return,
                Signal::Changed(paths) => changed.extend(paths),
                Signal::Failed(message) => {
                    eprintln!("warning: {message}");
                    lost = true;
                }
            }
        }
        if let Err(message) = watch.refresh() {
            eprintln!("warning: {message}");
            lost = true;
        }
        if std::mem::take(&mut lost) {
            // Walk the content folder for what the watcher may have missed.
            session.changed(&changed);
        } else {
            session.watched(&changed);
        }
        let (outcome, millis) = timed_build(session);
        server.publish(overlay_of(&outcome));
        println!(
            "{} changed: {}; pages reloaded",
            shown(&changed),
            done(&outcome, millis)
        );
    }
}

/// Builds once, prints the diagnostics, and returns the outcome and how long it took in ms.
fn timed_build(session: &mut Session) -> (Outcome, u128) {
    let started = Instant::now();
    let outcome = session.build();
    let millis = started.elapsed().as_millis();
    let style = Style::stderr();
    for d in &outcome.diagnostics {
        eprintln!("{}", report::human(d, style));
    }
    if outcome.diagnostics.is_empty() && outcome.stats.is_none() {
        eprintln!("warning: nothing was built");
    }
    (outcome, millis)
}

/// The overlay for a failed build; `None` after a good one.
fn overlay_of(outcome: &Outcome) -> Option<String> {
    outcome
        .failed()
        .then(|| overlay::render(&outcome.diagnostics))
}

/// One line on what a build did, for the terminal.
fn done(outcome: &Outcome, millis: u128) -> String {
    let (errors, warnings) = counts(&outcome.diagnostics);
    match outcome.stats {
        Some(s) if !outcome.failed() => format!(
            "built in {millis} ms ({} changed, {} removed{})",
            s.write.written,
            s.write.removed,
            match warnings {
                0 => String::new(),
                n => format!(", {}", count(n, "warning")),
            }
        ),
        _ => format!(
            "build failed with {} in {millis} ms; the pages show them over the last good site",
            count(errors, "error")
        ),
    }
}

/// `content/notes/a.md` or `content/notes/a.md and 2 more`.
fn shown(paths: &[PathBuf]) -> String {
    let mut paths = paths.to_vec();
    paths.sort();
    paths.dedup();
    match paths.split_first() {
        None => "files".to_string(),
        Some((first, [])) => first.display().to_string(),
        Some((first, rest)) => format!("{} and {} more", first.display(), rest.len()),
    }
}

/// The sub-path of `base_url` (`https://u.github.io/repo/` → `/repo`); empty for none.
/// The settings are read once: a changed `base_url` takes effect on the next `serve`.
fn prefix_of(options: &Options) -> String {
    let base = options
        .base_url
        .clone()
        .or_else(|| Config::load(&options.root).ok().and_then(|c| c.base_url));
    base.map(|url| path_of_url(&url)).unwrap_or_default()
}

/// The path of an absolute URL without its trailing slash: `https://h/a/b/` → `/a/b`.
fn path_of_url(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    let path = path.split(['?', '#']).next().unwrap_or("");
    path.trim_end_matches('/').to_string()
}

/// Opens `url` in the default browser, best effort.
fn open_browser(url: &str) {
    let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    let spawned = std::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match spawned {
        // Reap the opener when it exits, so it does not linger as a zombie.
        Ok(mut child) => drop(std::thread::spawn(move || child.wait())),
        Err(e) => {
            eprintln!("warning: could not open a browser ({program}: {e}); open {url} yourself");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sub_path_comes_from_the_base_url() {
        assert_eq!(path_of_url("https://u.github.io/repo/"), "/repo");
        assert_eq!(path_of_url("https://u.github.io/a/b"), "/a/b");
        assert_eq!(path_of_url("https://example.org/"), "");
        assert_eq!(path_of_url("https://example.org"), "");
        assert_eq!(path_of_url("http://h:8080/x/?q#f"), "/x");
    }

    #[test]
    fn a_taken_port_is_named_with_what_to_do() {
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, 1111));
        let taken = std::io::Error::from(std::io::ErrorKind::AddrInUse);
        assert_eq!(
            cannot_bind(addr, &taken),
            "cannot serve on 127.0.0.1:1111: the port is in use (by another `dossier serve`, \
             or another program); nothing was built\n  help: choose another port with --port \
             (e.g. --port 1112), or --port 0 to pick a free one"
        );
        let last = SocketAddr::from((Ipv4Addr::LOCALHOST, u16::MAX));
        assert!(cannot_bind(last, &taken).contains("--port, or --port 0"));
    }

    #[test]
    fn changed_files_are_summed_up() {
        let one = [PathBuf::from("content/a.md")];
        assert_eq!(shown(&one), "content/a.md");
        let three = [
            PathBuf::from("content/b.md"),
            PathBuf::from("content/a.md"),
            PathBuf::from("static/x.css"),
        ];
        assert_eq!(shown(&three), "content/a.md and 2 more");
    }
}
