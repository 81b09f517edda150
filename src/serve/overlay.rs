//! What `serve` adds to pages, and only at serve time: the reload script, and the overlay that
//! lists a failed build's diagnostics with their `file:line:col`, escaped. A published build
//! never contains either.

use std::fmt::Write as _;

use crate::diagnostics::Diagnostic;
use crate::html::escape;
use crate::report::{count, counts};

/// Listens to the server's event stream and reloads the page after each build, or when the
/// server was restarted.
pub const RELOAD_SCRIPT: &str = r#"<script data-dossier-serve>
(() => {
  const events = new EventSource("/__dossier/events");
  let instance = null;
  events.addEventListener("hello", (e) => {
    if (instance !== null && instance !== e.data) location.reload();
    instance = e.data;
  });
  events.addEventListener("reload", () => location.reload());
})();
</script>
"#;

/// The page served for an address with no file behind it.
pub const NOT_FOUND: &str = "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">\
<title>Not found</title></head>\n<body>\n<h1>Not found</h1>\n\
<p>No page of the briefing is at this address.</p>\n</body>\n</html>\n";

/// The overlay listing `diagnostics`, for a failed build.
pub fn render(diagnostics: &[Diagnostic]) -> String {
    let (errors, warnings) = counts(diagnostics);
    let mut html = String::from(
        "<div id=\"dossier-overlay\" role=\"alert\" style=\"position:fixed;inset:0;\
         z-index:2147483647;overflow:auto;margin:0;padding:2rem;background:rgba(24,24,27,.95);\
         color:#f4f4f5;font:15px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace\">\n\
         <button type=\"button\" onclick=\"this.parentNode.remove()\" style=\"float:right;\
         font:inherit\">Close</button>\n",
    );
    let _ = writeln!(
        html,
        "<h2 style=\"margin-top:0;color:#fca5a5\">The build failed: {}{}</h2>",
        count(errors, "error"),
        match warnings {
            0 => String::new(),
            n => format!(" and {}", count(n, "warning")),
        }
    );
    html.push_str(
        "<p>The page underneath is the last good build. Fix the files below and save: \
         the page reloads when the build succeeds.</p>\n<ol>\n",
    );
    for d in diagnostics {
        html.push_str(&item(d));
    }
    html.push_str("</ol>\n</div>\n");
    html
}

/// One diagnostic as a list item: place, severity and code, message, help.
fn item(d: &Diagnostic) -> String {
    let mut place = d.file.clone();
    if d.line > 0 {
        let _ = write!(place, ":{}:{}", d.line, d.col.max(1));
    }
    let colour = if d.is_error() { "#fca5a5" } else { "#fde68a" };
    let mut html = format!(
        "<li style=\"margin:0 0 1rem\"><strong>{}</strong>: \
         <span style=\"color:{colour}\">{}[{}]</span>: {}",
        escape(&place),
        d.severity.as_str(),
        escape(d.code.as_str()),
        escape(&d.message)
    );
    if let Some(help) = &d.help {
        let _ = write!(html, "<br>help: {}", escape(help));
    }
    html.push_str("</li>\n");
    html
}

/// `html` with the overlay (when there is one) and the reload script before `</body>`, or at
/// the end when the page has no `</body>`.
pub fn inject(html: &str, overlay: Option<&str>) -> String {
    let at = html
        .to_ascii_lowercase()
        .rfind("</body>")
        .unwrap_or(html.len());
    let added = overlay.unwrap_or("").len() + RELOAD_SCRIPT.len();
    let mut out = String::with_capacity(html.len() + added);
    out.push_str(&html[..at]);
    out.push_str(overlay.unwrap_or(""));
    out.push_str(RELOAD_SCRIPT);
    out.push_str(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::Code;
    use crate::diagnostics::Pos;

    #[test]
    fn the_overlay_escapes_and_shows_positions() {
        let d = Diagnostic::error(
            Code::UnknownClaim,
            "content/notes/<a>.md",
            Pos::new(3, 0),
            "no <script>",
        )
        .with_help("did you mean `a&b`?");
        let html = render(&[d]);
        assert!(
            html.contains("<strong>content/notes/&lt;a&gt;.md:3:1</strong>"),
            "{html}"
        );
        assert!(html.contains("no &lt;script&gt;"));
        assert!(html.contains("help: did you mean `a&amp;b`?"));
        assert!(html.contains("The build failed: 1 error<"));
    }

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        let page = "<html><body><p>&lt;/body&gt;</p></BODY></html>";
        let out = inject(page, Some("<div>o</div>"));
        assert!(out.starts_with("<html><body><p>&lt;/body&gt;</p><div>o</div><script"));
        assert!(out.ends_with("</script>\n</BODY></html>"));
        assert_eq!(inject("x", None), format!("x{RELOAD_SCRIPT}"));
    }
}
