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

/// `d` points at a line of `text` (or at none), at most one column past the line's end.
///
/// Known and left lenient: YAML and Markdown also end a line at a lone `\r`, which dossier's
/// positions do not count; in a text holding one, any line up to the count of both is taken.
pub fn check_position(d: &Diagnostic, text: &str) {
    if d.line == 0 {
        return;
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let lone_cr = text.replace("\r\n", "").matches('\r').count();
    assert!(
        d.line <= lines.len() + lone_cr,
        "a diagnostic at line {} of a file of {} lines: {d:?}",
        d.line,
        lines.len()
    );
    if lone_cr > 0 {
        return;
    }
    let width = lines[d.line - 1].chars().count();
    assert!(
        d.col <= width + 1,
        "a diagnostic at column {} of a line {width} characters long ({:?}): {d:?}",
        d.col,
        lines[d.line - 1]
    );
}
