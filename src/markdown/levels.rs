//! Heading levels of a body, fitted under its page's title: the title is the page's one
//! `h1`, so a body's outermost headings become `h2`, and each heading is one level below the
//! nearest heading written at a higher level before it (`#` then `###` becomes `h2`, `h3`),
//! so the outline never skips a level.

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

use super::Heading;

/// Fits the levels of the headings in `events` (and in `toc`, the same headings in order)
/// under a title of level `title`.
pub(super) fn fit(events: &mut [Event<'_>], toc: &mut [Heading], title: u8) {
    // The headings still open, as (level written, level given), outermost first.
    let mut open: Vec<(u8, u8)> = Vec::new();
    let mut fitted = toc.iter_mut().map(|h| {
        while open.last().is_some_and(|&(written, _)| written >= h.level) {
            open.pop();
        }
        let level = open
            .last()
            .map_or(title + 1, |&(_, given)| given + 1)
            .min(6);
        open.push((h.level, level));
        h.level = level;
        level
    });
    let mut current = None;
    for event in events.iter_mut() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let new = fitted.next().and_then(from_u8).unwrap_or(*level);
                *level = new;
                current = Some(new);
            }
            Event::End(TagEnd::Heading(level)) => *level = current.take().unwrap_or(*level),
            _ => {}
        }
    }
}

fn from_u8(level: u8) -> Option<HeadingLevel> {
    HeadingLevel::try_from(usize::from(level)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn levels(written: &[u8]) -> Vec<u8> {
        levels_under(written, 1)
    }

    fn levels_under(written: &[u8], title: u8) -> Vec<u8> {
        let mut events = Vec::new();
        let mut toc = Vec::new();
        for &l in written {
            let level = from_u8(l).unwrap();
            events.push(Event::Start(Tag::Heading {
                level,
                id: None,
                classes: Vec::new(),
                attrs: Vec::new(),
            }));
            events.push(Event::Text("x".into()));
            events.push(Event::End(TagEnd::Heading(level)));
            toc.push(Heading {
                level: l,
                id: String::new(),
                text: "x".into(),
            });
        }
        fit(&mut events, &mut toc, title);
        let starts: Vec<u8> = events
            .iter()
            .filter_map(|e| match e {
                Event::Start(Tag::Heading { level, .. }) => Some(*level as u8),
                _ => None,
            })
            .collect();
        let ends: Vec<u8> = events
            .iter()
            .filter_map(|e| match e {
                Event::End(TagEnd::Heading(level)) => Some(*level as u8),
                _ => None,
            })
            .collect();
        assert_eq!(starts, ends, "each heading closes at its own level");
        assert_eq!(starts, toc.iter().map(|h| h.level).collect::<Vec<_>>());
        starts
    }

    #[test]
    fn a_body_that_uses_h1_moves_down_a_level() {
        assert_eq!(levels(&[1, 2, 2, 1, 3]), [2, 3, 3, 2, 3]);
    }

    #[test]
    fn levels_never_skip() {
        assert_eq!(levels(&[1, 3, 6]), [2, 3, 4]);
        assert_eq!(levels(&[2, 4, 4, 2]), [2, 3, 3, 2]);
        assert_eq!(
            levels(&[3, 4]),
            [2, 3],
            "a body starting lower starts at h2"
        );
    }

    #[test]
    fn under_a_deeper_title_the_body_starts_deeper() {
        assert_eq!(levels_under(&[1, 2, 2], 2), [3, 4, 4], "the print edition");
        assert_eq!(
            levels_under(&[2, 3, 4, 5, 6], 2),
            [3, 4, 5, 6, 6],
            "h6 at most"
        );
    }

    #[test]
    fn bodies_written_from_h2_stay_as_they_are() {
        assert_eq!(levels(&[2, 3, 2, 3, 4]), [2, 3, 2, 3, 4]);
        assert_eq!(levels(&[]), Vec::<u8>::new());
    }
}
