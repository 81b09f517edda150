//! What the timing examples share.

/// The id of the first claim a note's text declares, if it declares one.
pub fn first_claim(note: &str) -> Option<String> {
    let claims = note.find("\nclaims:")?;
    let id = claims + note[claims..].find("id: ")? + "id: ".len();
    note[id..].split_whitespace().next().map(str::to_string)
}

/// `text` with `words` put at the start of its title (inside quotes, when it is quoted).
pub fn retitled(text: &str, words: &str) -> String {
    let key = text
        .find("\ntitle: ")
        .map_or(0, |at| at + "\ntitle: ".len());
    let at = key + usize::from(text[key..].starts_with(['"', '\'']));
    format!("{}{words} {}", &text[..at], &text[at..])
}
