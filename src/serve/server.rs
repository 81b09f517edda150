//! The HTTP side of `serve`: the port, bound before anything is built; the server on a thread
//! of its own, which answers files of the site ([`answer`]) and the server-sent-event stream
//! that tells open pages to reload; Ctrl-C, and a graceful shutdown. The one user of tokio,
//! axum, tower-http and futures-util.

mod answer;

use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, RwLock};
use std::thread::JoinHandle;
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::middleware;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::get;
use futures_util::stream::{self, Stream};
use tokio::sync::{broadcast, watch};

use super::Signal;
use super::guard::Origin;
use answer::{admit, site_file};

/// The path of the event stream that pages listen to.
pub const EVENTS: &str = "/__dossier/events";

/// How long a shutdown waits for open connections before closing them.
const GRACE: Duration = Duration::from_secs(2);

/// A port bound on this machine, not answering yet: connections wait in the queue until
/// [`Server::start`] serves them.
#[derive(Debug)]
pub struct Listener {
    /// The bound socket.
    socket: std::net::TcpListener,
    /// The address it is bound to, with the port picked when 0 was asked for.
    pub addr: SocketAddr,
}

impl Listener {
    /// Binds `addr`; fails when the port is taken or not allowed.
    pub fn bind(addr: SocketAddr) -> std::io::Result<Listener> {
        let socket = std::net::TcpListener::bind(addr)?;
        let addr = socket.local_addr()?;
        Ok(Listener { socket, addr })
    }
}

/// This machine's host name, as the system gives it (`/proc/sys/kernel/hostname`,
/// `/etc/hostname`, then `HOSTNAME`); `None` when none says.
fn host_name() -> Option<String> {
    let file = |path: &str| std::fs::read_to_string(path).ok();
    file("/proc/sys/kernel/hostname")
        .or_else(|| file("/etc/hostname"))
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
}

/// A running server; dropping it (or [`Server::stop`]) shuts it down gracefully.
#[derive(Debug)]
pub struct Server {
    /// The address it listens on.
    pub addr: SocketAddr,
    /// What every request sees.
    live: Arc<Live>,
    /// Counts reloads; each reload event carries the new count.
    generation: AtomicU64,
    /// Set to true to shut down.
    shutdown: watch::Sender<bool>,
    /// The thread running the server.
    thread: Option<JoinHandle<()>>,
}

/// The state shared by the builder and the request handlers.
#[derive(Debug)]
struct Live {
    /// The built site.
    site: PathBuf,
    /// The sub-path the site is served under: empty, or `/repo` (no trailing slash).
    prefix: String,
    /// Where the preview is, which a request's `Host` must name.
    origin: Origin,
    /// The overlay HTML while the last build failed.
    overlay: RwLock<Option<String>>,
    /// Each message tells open pages to reload.
    reload: broadcast::Sender<u64>,
    /// Becomes true when the server shuts down, which ends the event streams.
    stopped: watch::Receiver<bool>,
    /// Sent first on every event stream, so that a page notices a restarted server.
    instance: String,
}

impl Server {
    /// Serves `site` under `prefix` (`""` or `/repo`) on `listener`, on a thread of its own.
    /// Ctrl-C (and SIGTERM) send [`Signal::Stop`] to `signals`.
    pub fn start(
        listener: Listener,
        site: PathBuf,
        prefix: String,
        signals: Sender<Signal>,
    ) -> std::io::Result<Server> {
        let Listener {
            socket: listener,
            addr,
        } = listener;
        listener.set_nonblocking(true)?;
        let (shutdown, stopped) = watch::channel(false);
        let live = Arc::new(Live {
            site,
            prefix,
            origin: Origin::bound(addr, host_name().as_deref()),
            overlay: RwLock::new(None),
            reload: broadcast::channel(16).0,
            stopped: stopped.clone(),
            instance: format!("{}-{}", std::process::id(), addr.port()),
        });
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let app = Router::new()
            .route(EVENTS, get(events))
            .fallback(site_file)
            .layer(middleware::from_fn_with_state(live.clone(), admit))
            .with_state(live.clone());
        let thread = std::thread::Builder::new()
            .name("dossier-serve".into())
            .spawn(move || runtime.block_on(run(listener, app, stopped, signals)))?;
        Ok(Server {
            addr,
            live,
            generation: AtomicU64::new(0),
            shutdown,
            thread: Some(thread),
        })
    }

    /// Shows `overlay` on every page from now on (none when `None`) and reloads open pages.
    pub fn publish(&self, overlay: Option<String>) {
        match self.live.overlay.write() {
            Ok(mut slot) => *slot = overlay,
            Err(poisoned) => *poisoned.into_inner() = overlay,
        }
        let generation = self.generation.fetch_add(1, Ordering::Relaxed) + 1;
        // An error only means that no page is listening.
        let _ = self.live.reload.send(generation);
    }

    /// Stops accepting connections, ends the event streams, and waits for the server to end.
    pub fn stop(self) {
        drop(self);
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Serves until the shutdown flag is set, then waits up to [`GRACE`] for connections to end.
async fn run(
    listener: std::net::TcpListener,
    app: Router,
    stopped: watch::Receiver<bool>,
    signals: Sender<Signal>,
) {
    let listener = match tokio::net::TcpListener::from_std(listener) {
        Ok(listener) => listener,
        Err(e) => {
            let _ = signals.send(Signal::Failed(format!("cannot listen: {e}")));
            return;
        }
    };
    tokio::spawn(forward_interrupts(signals.clone()));
    let server = axum::serve(listener, app).with_graceful_shutdown(until(stopped.clone()));
    let deadline = async {
        until(stopped).await;
        tokio::time::sleep(GRACE).await;
    };
    tokio::select! {
        result = server => {
            if let Err(e) = result {
                let _ = signals.send(Signal::Failed(format!("the server stopped: {e}")));
            }
        }
        () = deadline => {}
    }
}

/// Resolves once the shutdown flag is true.
async fn until(mut stopped: watch::Receiver<bool>) {
    let _ = stopped.wait_for(|stop| *stop).await;
}

/// Turns Ctrl-C (and SIGTERM on Unix) into [`Signal::Stop`].
async fn forward_interrupts(signals: Sender<Signal>) {
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => drop(term.recv().await),
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        result = tokio::signal::ctrl_c() => {
            if result.is_err() {
                return;
            }
        }
        () = terminate => {}
    }
    let _ = signals.send(Signal::Stop);
}

/// The event stream: `hello` with the server's instance id, then `reload` after each build.
async fn events(
    State(live): State<Arc<Live>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let hello = Event::default().event("hello").data(&live.instance);
    let state = (live.reload.subscribe(), live.stopped.clone(), Some(hello));
    let stream = stream::unfold(state, |(mut reload, mut stopped, hello)| async move {
        if let Some(hello) = hello {
            return Some((Ok(hello), (reload, stopped, None)));
        }
        let generation = tokio::select! {
            _ = stopped.wait_for(|stop| *stop) => None,
            message = reload.recv() => match message {
                Ok(generation) => Some(generation),
                Err(broadcast::error::RecvError::Lagged(_)) => Some(0),
                Err(broadcast::error::RecvError::Closed) => None,
            },
        };
        let event = Event::default()
            .event("reload")
            .data(generation?.to_string());
        Some((Ok(event), (reload, stopped, None)))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}
