//! What the timing examples share.

/// The id of the first claim a note's text declares, if it declares one.
pub fn first_claim(note: &str) -> Option<String> {
    let claims = note.find("\nclaims:")?;
    let id = claims + note[claims..].find("id: ")? + "id: ".len();
    note[id..].split_whitespace().next().map(str::to_string)
}
