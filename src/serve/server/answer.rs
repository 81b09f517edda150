//! Answering one request of `serve`: the Host rule first (see [`guard`]), then a file of the
//! site under the sub-path with the reload script and overlay put into HTML pages, the site's
//! `404.html` for a missing page and for the manifest, and for HEAD exactly the headers GET
//! gets. Part of the server, the one user of axum and tower-http.

use std::sync::Arc;

use axum::body::{Body, HttpBody};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, Uri, Version, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use tower_http::services::{ServeDir, ServeFile};

use super::Live;
use crate::serve::guard::{self, Target};
use crate::serve::overlay;

/// The largest HTML page the server rewrites, in bytes.
const MAX_PAGE: usize = 64 * 1024 * 1024;

/// Every request passes here first: one not addressed to the preview is refused.
pub(super) async fn admit(State(live): State<Arc<Live>>, request: Request, next: Next) -> Response {
    let head = request.method() == Method::HEAD;
    match guard::admit(&target(&request), &live.origin) {
        Ok(()) => next.run(request).await,
        Err(refusal) => {
            let status = StatusCode::from_u16(refusal.status).unwrap_or(StatusCode::BAD_REQUEST);
            let headers = [
                (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
                (header::CACHE_CONTROL, "no-store"),
            ];
            headless((status, headers, refusal.text).into_response(), head)
        }
    }
}

/// Where `request` says it is going: the authority of its target, its `Host` headers.
fn target(request: &Request) -> Target<'_> {
    let uri = request.uri();
    Target {
        absolute: uri
            .authority()
            .map(|a| (uri.scheme_str().unwrap_or(""), a.as_str())),
        hosts: request
            .headers()
            .get_all(header::HOST)
            .iter()
            .map(|v| v.to_str().ok())
            .collect(),
        http10: request.version() <= Version::HTTP_10,
    }
}

/// Any other request: a file of the site under the prefix, with the reload script (and the
/// overlay) put into HTML pages; the site's own `404.html`, when it has one, for a missing page
/// and for the manifest. HEAD gets GET's headers.
pub(super) async fn site_file(State(live): State<Arc<Live>>, mut request: Request) -> Response {
    let path = request.uri().path().to_string();
    let prefix = live.prefix.as_str();
    let head = request.method() == Method::HEAD;
    if head {
        *request.method_mut() = Method::GET;
    }
    if !prefix.is_empty() && (path == "/" || path == prefix) {
        return Redirect::temporary(&format!("{prefix}/")).into_response();
    }
    let inner = match path.strip_prefix(prefix) {
        Some(rest) if rest.starts_with('/') => rest.to_string(),
        _ => return headless(finish(&live, not_found()).await, head),
    };
    let response = serve_file(&live, request, &inner)
        .await
        .unwrap_or_else(|e| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response());
    headless(finish(&live, response).await, head)
}

/// The file of the site at `inner` (the path under the prefix), or the missing-page answer:
/// the site's `404.html` with status 404, or a bare 404 when it has none.
async fn serve_file(live: &Live, request: Request, inner: &str) -> std::io::Result<Response> {
    let mut missing = ServeFile::new(live.site.join("404.html"));
    if !guard::hidden(inner) {
        let mut files = ServeDir::new(&live.site)
            .redirect_path_prefix(&live.prefix)
            .not_found_service(missing);
        let response = files.try_call(with_path(request, inner)).await?;
        return Ok(response.map(Body::new));
    }
    let mut response = missing.try_call(request).await?.map(Body::new);
    if response.status().is_success() {
        *response.status_mut() = StatusCode::NOT_FOUND;
    }
    Ok(response)
}

/// For HEAD: `response` (what GET gets) with its `Content-Length` and without its body.
fn headless(mut response: Response, head: bool) -> Response {
    if !head {
        return response;
    }
    if !response.headers().contains_key(header::CONTENT_LENGTH)
        && let Some(length) = response.body().size_hint().exact()
    {
        response
            .headers_mut()
            .insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    }
    *response.body_mut() = Body::empty();
    response
}

/// `request` with its path replaced by `path`, keeping the query.
fn with_path(request: Request, path: &str) -> Request {
    let (mut parts, body) = request.into_parts();
    let target = match parts.uri.query() {
        Some(query) => format!("{path}?{query}"),
        None => path.to_string(),
    };
    parts.uri = Uri::try_from(target).unwrap_or_else(|_| Uri::from_static("/"));
    Request::from_parts(parts, body)
}

/// Puts the reload script and overlay into HTML, turns bare 404s into a page, and forbids caching.
async fn finish(live: &Live, response: Response) -> Response {
    let mut response = if response.status() == StatusCode::NOT_FOUND && !is_html(&response) {
        not_found()
    } else {
        response
    };
    let page = matches!(response.status(), StatusCode::OK | StatusCode::NOT_FOUND);
    if page && is_html(&response) {
        response = inject(live, response).await;
    }
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.remove(header::ETAG);
    headers.remove(header::LAST_MODIFIED);
    response
}

fn is_html(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}

async fn inject(live: &Live, response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_PAGE).await else {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            "the page could not be read",
        )
            .into_response();
    };
    let overlay = match live.overlay.read() {
        Ok(slot) => slot.clone(),
        Err(poisoned) => poisoned.into_inner().clone(),
    };
    let html = overlay::inject(&String::from_utf8_lossy(&bytes), overlay.as_deref());
    parts.headers.remove(header::CONTENT_LENGTH);
    // Ranges would count the bytes of the file, not of the page as served.
    parts.headers.remove(header::ACCEPT_RANGES);
    Response::from_parts(parts, Body::from(html))
}

fn not_found() -> Response {
    let html = [(header::CONTENT_TYPE, "text/html; charset=utf-8")];
    (StatusCode::NOT_FOUND, html, overlay::NOT_FOUND).into_response()
}
