//! Tera's errors as diagnostics at `templates/<name>:line:col` with a one-line message: the
//! errors that carry a position (syntax, rendering) at it, the ones Tera writes out as
//! terminal reports (an unknown template, filter or block) at the place the report names,
//! and the ones with names only (a parent template missing, templates extending or including
//! each other in a loop, a component defined twice) at the tag found in the template's text.

use tera::ErrorKind;

use crate::codes::Code;
use crate::diagnostics::{Diagnostic, Pos};
use crate::theme::TEMPLATES;

/// The help of a template error in a project's own template.
const HELP: &str = "fix the template; the built-in ones in dossier's templates/ folder show the variables each page gets";

/// A template error as a diagnostic; `sources` are the templates (name, text) it may be in.
pub fn diagnostic(error: &tera::Error, sources: &[(String, String)]) -> Diagnostic {
    let source = |name: &str| {
        sources
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, t)| t.as_str())
    };
    let (name, pos, message) = match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            let pos = Pos::new(span.start_line, span.start_col + 1);
            (
                report.filename().to_string(),
                pos,
                one_line(report.message()),
            )
        }
        ErrorKind::Msg(text) => match reported(text) {
            Some(found) => found,
            None => named(text, sources),
        },
        ErrorKind::MissingParent { current, parent } => (
            current.clone(),
            tag(source(current), "extends", parent),
            format!("`{parent}` is not a template: neither in templates/ nor built in"),
        ),
        ErrorKind::CircularExtend {
            tpl,
            inheritance_chain,
        } => {
            // `tpl` extends the first of the chain, which extends the next…, the last closing
            // the loop: its `extends` is placed.
            let mut chain = vec![tpl.clone()];
            chain.extend(inheritance_chain.iter().cloned());
            let (closing, parent) = match &chain[..] {
                [.., closing, parent] => (closing.as_str(), parent.as_str()),
                _ => (tpl.as_str(), ""),
            };
            let message = format!(
                "templates extend each other in a loop: {}",
                chain.join(" → ")
            );
            (
                closing.to_string(),
                tag(source(closing), "extends", parent),
                message,
            )
        }
        ErrorKind::CircularInclude { tpl, include_chain } => {
            // Each includes the next; the last `include` closes the loop.
            let (closing, included) = match &include_chain[..] {
                [.., closing, included] => (closing.as_str(), included.as_str()),
                _ => (tpl.as_str(), tpl.as_str()),
            };
            let message = format!(
                "templates include each other in a loop: {}",
                include_chain.join(" → ")
            );
            (
                closing.to_string(),
                tag(source(closing), "include", included),
                message,
            )
        }
        _ => (String::new(), Pos::default(), one_line(&chain(error))),
    };
    placed(&name, pos, message, source(&name))
}

/// The diagnostic at `pos` of template `name` (whose text is `text`), with the help that
/// fits a project's own template or a built-in one.
fn placed(name: &str, pos: Pos, message: String, text: &str) -> Diagnostic {
    if name.is_empty() {
        return Diagnostic::error(Code::Template, "templates", Pos::default(), message)
            .with_help(HELP);
    }
    let file = format!("templates/{name}");
    let builtin = TEMPLATES.iter().any(|&(n, t)| n == name && t == text);
    let help = if builtin {
        format!(
            "this is dossier's built-in {name}: a template of your templates/ folder leaves out or renames something it uses (compare it with the built-in one in dossier's templates/ folder)"
        )
    } else {
        HELP.to_string()
    };
    Diagnostic::error(Code::Template, &file, pos, message).with_help(help)
}

/// The first report of a message Tera wrote out for a terminal (`error: …` then
/// `--> name:line:col`): the template, the position and the message.
fn reported(text: &str) -> Option<(String, Pos, String)> {
    let mut lines = text.lines();
    let message = lines.next()?.strip_prefix("error: ")?;
    let locus = lines.next()?.trim_start().strip_prefix("--> ")?;
    let (rest, col) = locus.rsplit_once(':')?;
    let (name, line) = rest.rsplit_once(':')?;
    let pos = Pos::new(line.parse().ok()?, col.parse().ok()?);
    Some((name.to_string(), pos, one_line(message)))
}

/// A message with names but no position: `Component `x` is defined in both `a` and `b``
/// is placed at the second definition; any other message stays without a place.
fn named(text: &str, sources: &[(String, String)]) -> (String, Pos, String) {
    let message = one_line(text);
    let ticked: Vec<&str> = text.split('`').skip(1).step_by(2).collect();
    if let (true, [component, _, second]) = (text.contains("is defined in both"), &ticked[..])
        && let Some((name, source)) = sources.iter().find(|(n, _)| n == second)
    {
        return (name.clone(), tag(source, "component", component), message);
    }
    (String::new(), Pos::default(), message)
}

/// Where `{% <keyword> "<name>" … %}` (or `{% component <name>(…) %}`) is in `source`: at
/// the name, or its quote (the first such tag whatever it names when `name` is empty); line
/// 1, column 1 when it is not found.
fn tag(source: &str, keyword: &str, name: &str) -> Pos {
    let mut from = 0;
    while let Some(found) = source.get(from..).and_then(|s| s.find("{%")) {
        let open = from + found;
        let inside = source[open + 2..].trim_start_matches(['-', ' ', '\t', '\n', '\r']);
        let after = inside
            .strip_prefix(keyword)
            .map(|rest| rest.trim_start_matches([' ', '\t', '\n', '\r']));
        if let Some(after) = after {
            let quoted = after.strip_prefix(['"', '\'']).unwrap_or(after);
            let ends =
                |rest: &str| !rest.starts_with(|c: char| c.is_alphanumeric() || "_.-".contains(c));
            if name.is_empty() || quoted.strip_prefix(name).is_some_and(ends) {
                return Pos::of_offset(source, source.len() - after.len());
            }
        }
        from = open + 2;
    }
    Pos::new(1, 1)
}

/// Tera's message as one line, as an editor would say it: its first line, without `error: `
/// and a closing full stop, starting in lower case.
fn one_line(message: &str) -> String {
    let first = message.lines().next().unwrap_or("").trim();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let first = first.strip_suffix('.').unwrap_or(first);
    let mut chars = first.chars();
    match (chars.next(), chars.next()) {
        (Some(c), Some(next)) if c.is_uppercase() && !next.is_uppercase() => c
            .to_lowercase()
            .chain(first[c.len_utf8()..].chars())
            .collect(),
        _ => first.to_string(),
    }
}

/// An error and its sources, as one message.
fn chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(inner) = source {
        message.push_str(": ");
        message.push_str(&inner.to_string());
        source = inner.source();
    }
    message
}

#[cfg(test)]
mod tests {
    use super::super::Templates;

    /// The diagnostic that compiling `templates`, then rendering `note.html`, gives.
    fn error(templates: &[(&str, &str)]) -> String {
        let templates: Vec<(String, String)> = templates
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        let rendered = Templates::compile(&templates)
            .and_then(|t| t.render("note.html", &serde_json::json!({"title": "x"})));
        let error = rendered.expect_err("an error");
        assert!(!error.message.contains('\n'), "{error}");
        format!(
            "{}:{}:{}: {}",
            error.file, error.line, error.col, error.message
        )
    }

    #[test]
    fn every_kind_of_template_error_is_placed_in_its_template() {
        let mut wrong = Vec::new();
        for (templates, expected) in [
            (
                &[("note.html", "a\n{% include \"missing.html\" %}")][..],
                "templates/note.html:2:12: unknown template `missing.html`",
            ),
            (
                &[
                    ("note.html", "a\n{% include \"part.html\" %}"),
                    ("part.html", "x\n {{ title "),
                ],
                "templates/part.html:2:10: unexpected end of input",
            ),
            (
                &[
                    ("note.html", "{% include \"part.html\" %}"),
                    ("part.html", "x\n {{ a.b }}"),
                ],
                "templates/part.html:2:5: variable `a` is not defined. Available variables: title",
            ),
            (
                &[("note.html", "{%- extends  'nope.html' %}\n")],
                "templates/note.html:1:14: `nope.html` is not a template: neither in templates/ nor built in",
            ),
            (
                &[
                    ("note.html", "{% extends \"b.html\" %}"),
                    ("b.html", "\n{% extends \"note.html\" %}"),
                ],
                "templates/note.html:1:12: templates extend each other in a loop: b.html → note.html → b.html",
            ),
            (
                &[
                    ("note.html", "{% include \"b.html\" %}"),
                    ("b.html", "b\n{% include \"note.html\" %}"),
                ],
                "templates/note.html:1:12: templates include each other in a loop: b.html → note.html → b.html",
            ),
            (
                &[("note.html", "x {{ 1 | nofilter }}")],
                "templates/note.html:1:10: unknown filter `nofilter`",
            ),
            (
                &[("note.html", "x\n\n  {% for x in 3 %}{% endfor %}")],
                "templates/note.html:3:15: iteration not possible on type `i64`",
            ),
            (
                &[
                    (
                        "note.html",
                        "{% extends \"b.html\" %}{% block nope %}{% endblock %}",
                    ),
                    ("b.html", "b"),
                ],
                "templates/note.html:1:32: block `nope` is not defined in any parent template",
            ),
            (
                &[
                    ("a.html", "{% component card(x) %}a{% endcomponent card %}"),
                    (
                        "note.html",
                        "\n {% component card(y) %}b{% endcomponent card %}",
                    ),
                ],
                "templates/note.html:2:15: component `card` is defined in both `a.html` and `note.html`",
            ),
        ] {
            let got = error(templates);
            if got != expected {
                wrong.push(format!("expected {expected}\n     got {got}"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn an_error_in_a_built_in_template_says_so() {
        let mut templates: Vec<(String, String)> = crate::theme::TEMPLATES
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        for (name, text) in &mut templates {
            if name == "components.html" {
                *text = "{# nothing #}".into();
            }
        }
        let error = Templates::compile(&templates).expect_err("an error");
        assert!(
            error.file.starts_with("templates/") && error.line > 0,
            "{error}"
        );
        assert!(
            error
                .help
                .as_deref()
                .unwrap_or("")
                .starts_with("this is dossier's built-in"),
            "{error}"
        );
    }
}
