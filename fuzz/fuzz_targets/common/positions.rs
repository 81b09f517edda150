//! Where a diagnostic points: at a line of its file (or at none), and at most one column past
//! that line's end.

use dossier::diagnostics::Diagnostic;

/// Every diagnostic about one of `files` points at a line of that file (or at none), and at
/// most one column past the end of that line.
pub fn check_diagnostics(diagnostics: &[Diagnostic], files: &[(&str, &str)]) {
    for d in diagnostics {
        assert!(
            !d.message.trim().is_empty(),
            "a diagnostic without a message: {d:?}"
        );
        let Some((_, text)) = files.iter().find(|(file, _)| *file == d.file) else {
            panic!("a diagnostic about a file the briefing does not have: {d:?}");
        };
        check_position(d, text);
    }
}

/// `d` points at a line of `text` (or at none), at most one column past the line's end. Lines
/// end where dossier ends them: at `\n`, and at a lone `\r` (which it reads as a line break).
pub fn check_position(d: &Diagnostic, text: &str) {
    if d.line == 0 {
        return;
    }
    let text = dossier::content::lone_returns_as_breaks(text.to_string());
    let lines: Vec<&str> = text.split('\n').collect();
    assert!(
        d.line <= lines.len(),
        "a diagnostic at line {} of a file of {} lines: {d:?}",
        d.line,
        lines.len()
    );
    let width = lines[d.line - 1].chars().count();
    assert!(
        d.col <= width + 1,
        "a diagnostic at column {} of a line {width} characters long ({:?}): {d:?}",
        d.col,
        lines[d.line - 1]
    );
}
