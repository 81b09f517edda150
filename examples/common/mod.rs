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

/// The tags a note's front matter lists on its `tags: [...]` line.
pub fn tags(note: &str) -> Vec<String> {
    note.lines()
        .find_map(|l| l.strip_prefix("tags: [")?.strip_suffix(']'))
        .map(|list| list.split(", ").map(str::to_string).collect())
        .unwrap_or_default()
}

/// `text` with one more tag: the first of `other`'s tags it lacks (unchanged when none is).
pub fn tagged_like(text: &str, other: &str) -> String {
    let mine = tags(text);
    let Some(new) = tags(other).into_iter().find(|t| !mine.contains(t)) else {
        return text.to_string();
    };
    let line = format!("tags: [{}]", mine.join(", "));
    text.replacen(&line, &format!("tags: [{}, {new}]", mine.join(", ")), 1)
}

/// The `section: …` line of a note's front matter, if it has one.
pub fn section(note: &str) -> Option<&str> {
    note.lines().find(|l| l.starts_with("section: "))
}

/// `text` moved to the section of the first of `others` in another section (unchanged when
/// none is).
pub fn resectioned<'a>(text: &str, others: impl IntoIterator<Item = &'a str>) -> String {
    let Some(mine) = section(text) else {
        return text.to_string();
    };
    let theirs = others.into_iter().filter_map(section).find(|s| *s != mine);
    theirs.map_or_else(|| text.to_string(), |s| text.replacen(mine, s, 1))
}

/// A new note made from `note`'s text: its front matter without claims, `words` put at the
/// start of its title, and a body of its own.
pub fn added_from(note: &str, words: &str) -> String {
    let front = note.split("\nclaims:").next().unwrap_or(note);
    let front = front.split("\n---").next().unwrap_or(front);
    let front = retitled(front, words);
    format!("{front}\n---\nA note added while the briefing is served.\n")
}
