//! serde_yaml's messages in an editor's words: what is wrong, and what to do about it.

use crate::codes::Code;
use crate::diagnostics::did_you_mean;

pub(super) fn code_of(message: &str) -> Code {
    if message.starts_with("unknown key") {
        Code::UnknownKey
    } else if message.starts_with("missing required key") {
        Code::MissingKey
    } else if message.starts_with("invalid YAML") {
        Code::YamlSyntax
    } else {
        Code::InvalidValue
    }
}

/// Turns a serde_yaml message into an editor's message and advice.
pub(super) fn explain(raw: &str) -> (String, String) {
    let raw = raw.find(" at line ").map_or(raw, |i| &raw[..i]);
    let (path, detail) = split_path(raw);
    let place = if path.is_empty() {
        String::new()
    } else {
        format!(" in `{path}`")
    };
    if let Some(rest) = detail.strip_prefix("unknown field `") {
        let (key, allowed) = rest.split_once('`').unwrap_or((rest, ""));
        let allowed = backticked(allowed);
        let help = did_you_mean(key, allowed.iter().copied(), "");
        let list = allowed.join(", ");
        let help = if help.is_empty() {
            format!("the keys allowed here are: {list}")
        } else {
            format!("{help} The keys allowed here are: {list}")
        };
        return (format!("unknown key `{key}`{place}"), help);
    }
    if let Some(rest) = detail.strip_prefix("missing field `") {
        let key = rest.trim_end_matches('`');
        return (
            format!("missing required key `{key}`{place}"),
            format!("add a line `{key}: …`"),
        );
    }
    if let Some(rest) = detail.strip_prefix("unknown variant `") {
        let (value, allowed) = rest.split_once('`').unwrap_or((rest, ""));
        let allowed = backticked(allowed);
        let help = did_you_mean(value, allowed.iter().copied(), "");
        let list = allowed.join(", ");
        let help = if help.is_empty() {
            format!("use one of: {list}")
        } else {
            format!("{help} Use one of: {list}")
        };
        return (format!("`{value}` is not an accepted value{place}"), help);
    }
    if let Some(plain) = syntax_problem(detail) {
        return (
            format!("invalid YAML: {plain}"),
            "check the indentation (spaces, not tabs), and put quotes around values that contain `: `, `#` or start with a special character".into(),
        );
    }
    if let Some(rest) = detail.strip_prefix("invalid type: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another type"));
        return (
            format!(
                "expected {}{place}, found {}",
                plain_type(expected),
                plain_type(found)
            ),
            "check the value against the format in README.md".into(),
        );
    }
    match detail.split_once("; help: ") {
        Some((message, help)) => (format!("{message}{place}"), help.to_string()),
        None => (
            format!("{detail}{place}"),
            "check the value against the format in README.md".into(),
        ),
    }
}

/// serde's names for types, in an editor's words.
fn plain_type(name: &str) -> String {
    let words = [
        ("f64", "a number"),
        ("f32", "a number"),
        ("i64", "a whole number"),
        ("u64", "a whole number"),
        ("u8", "a whole number"),
        ("a sequence", "a list"),
        ("sequence", "a list"),
        ("a string", "text"),
        ("a boolean", "true or false"),
        ("a map", "a set of `key: value` lines"),
        ("map", "a set of `key: value` lines"),
        ("unit value", "nothing"),
    ];
    if let Some((_, plain)) = words.iter().find(|(serde, _)| *serde == name) {
        return plain.to_string();
    }
    if name.starts_with("struct ") {
        return "a set of `key: value` lines".to_string();
    }
    if let Some(value) = name.strip_prefix("string ") {
        return format!("the text {value}");
    }
    name.replace("integer", "the number")
        .replace("floating point", "the number")
}

pub(super) fn split_path(raw: &str) -> (&str, &str) {
    match raw.split_once(": ") {
        Some((path, detail)) if !path.contains(' ') && !path.is_empty() => (path, detail),
        _ => ("", raw),
    }
}

fn backticked(list: &str) -> Vec<&str> {
    list.split('`').skip(1).step_by(2).collect()
}

/// libyaml's syntax messages in an editor's words; `None` when `detail` is not a syntax error.
fn syntax_problem(detail: &str) -> Option<String> {
    let known = [
        (
            "mapping values are not allowed",
            "a `: ` appears inside a value; quote the value",
        ),
        (
            "found unexpected end of stream",
            "the text ends inside a value: is a quote or bracket left open?",
        ),
        (
            "did not find expected key",
            "this line's indentation does not match the lines around it",
        ),
        (
            "did not find expected '-' indicator",
            "this list item's indentation does not match the items around it",
        ),
        (
            "found character that cannot start any token",
            "a value here starts with a character YAML reserves (a tab, `@` or a backtick): quote it",
        ),
        (
            "found a tab character",
            "tabs are not allowed for indentation: use spaces",
        ),
        (
            "did not find expected node content",
            "a value is missing after `-` or `:`",
        ),
        (
            "could not find expected ':'",
            "a line is missing the `: ` between its key and value",
        ),
        (
            "did not find expected comment or line break",
            "a `|` or `>` starts a block of text on the lines below it, so only a comment may follow it on its line",
        ),
        (
            "found undefined tag handle",
            "a value starts with `!`: quote it",
        ),
    ];
    if let Some((_, plain)) = known.iter().find(|(raw, _)| detail.contains(raw)) {
        return Some((*plain).to_string());
    }
    let generic = [
        "did not find",
        "found unexpected",
        "while scanning",
        "while parsing",
        "found character",
        "could not find",
    ];
    generic
        .iter()
        .any(|p| detail.contains(p))
        .then(|| detail.to_string())
}
