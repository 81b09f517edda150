//! Terms as map keys, made for the millions of lookups of an index build: a term of up to
//! 15 bytes (most words) is held inline in 16 bytes, hashed as two words and compared as
//! two, with no string to follow; a longer one is kept as a string in a second map.

use std::hash::{Hash, Hasher};

use crate::fingerprint;

/// A term of at most 15 bytes, inline: its bytes, then zeros, its length last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Short([u8; 16]);

impl Short {
    /// `term` inline, when it fits.
    fn of(term: &str) -> Option<Short> {
        let bytes = term.as_bytes();
        let len = u8::try_from(bytes.len()).ok().filter(|&n| n < 16)?;
        // A byte at a time: for a few bytes, cheaper than a call to copy them.
        let mut inline = [0u8; 16];
        for (to, &from) in inline.iter_mut().zip(bytes) {
            *to = from;
        }
        inline[15] = len;
        Some(Short(inline))
    }

    /// The term.
    fn as_str(&self) -> &str {
        let len = usize::from(self.0[15]).min(15);
        std::str::from_utf8(&self.0[..len]).unwrap_or_default()
    }
}

impl Hash for Short {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let (low, high) = self.0.split_at(8);
        let word = |w: &[u8]| u64::from_le_bytes(w.try_into().unwrap_or_default());
        state.write_u64(word(low));
        state.write_u64(word(high));
    }
}

/// A term, inline when short.
#[derive(Debug, Clone, Copy)]
pub enum Key<'t> {
    /// Up to 15 bytes.
    Short(Short),
    /// Longer.
    Long(&'t str),
}

impl<'t> Key<'t> {
    /// The key of `term`.
    pub fn of(term: &'t str) -> Key<'t> {
        Short::of(term).map_or(Key::Long(term), Key::Short)
    }

    /// The term.
    pub fn as_str(&self) -> &str {
        match self {
            Key::Short(s) => s.as_str(),
            Key::Long(t) => t,
        }
    }
}

/// Values by term: short terms inline, longer ones by `L` (a borrowed or an owned string).
#[derive(Debug)]
pub struct Keyed<L, V> {
    /// The values of terms of up to 15 bytes.
    short: fingerprint::Map<Short, V>,
    /// The values of longer terms.
    long: fingerprint::Map<L, V>,
}

impl<L, V> Default for Keyed<L, V> {
    fn default() -> Self {
        Keyed {
            short: fingerprint::Map::default(),
            long: fingerprint::Map::default(),
        }
    }
}

impl<L: Hash + Eq + std::borrow::Borrow<str>, V> Keyed<L, V> {
    /// Room for `n` short terms.
    pub fn with_capacity(n: usize) -> Self {
        Keyed {
            short: fingerprint::Map::with_capacity_and_hasher(n, Default::default()),
            long: fingerprint::Map::default(),
        }
    }

    /// How many terms it holds.
    pub fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// The value of `key`, made by `new` when it has none (`own` makes the map's key for a
    /// long term).
    pub fn get_or<'k>(
        &mut self,
        key: Key<'k>,
        own: impl FnOnce(&'k str) -> L,
        new: impl FnOnce() -> V,
    ) -> &mut V {
        match key {
            Key::Short(s) => self.short.entry(s).or_insert_with(new),
            Key::Long(t) => self.long.entry(own(t)).or_insert_with(new),
        }
    }

    /// Hands each term with its value to `f`, in no order.
    pub fn for_each(self, mut f: impl FnMut(Key<'_>, V)) {
        for (s, v) in self.short {
            f(Key::Short(s), v);
        }
        for (l, v) in self.long {
            f(Key::Long(l.borrow()), v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_up_to_fifteen_bytes_are_inline() {
        for term in ["", "a", "fifteen-bytes-x", "é中", "ürümqi"] {
            let key = Key::of(term);
            assert!(matches!(key, Key::Short(_)), "{term:?}");
            assert_eq!(key.as_str(), term);
        }
        let long = "sixteen-bytes-xy";
        assert!(matches!(Key::of(long), Key::Long(t) if t == long));
    }

    #[test]
    fn the_same_term_finds_the_same_value_inline_or_not() {
        let mut map: Keyed<Box<str>, u32> = Keyed::default();
        let words = [
            "ab",
            "abc",
            "ab",
            "a-very-long-term-indeed",
            "a-very-long-term-indeed",
        ];
        for w in words {
            *map.get_or(Key::of(w), Box::from, || 0) += 1;
        }
        assert_eq!(map.len(), 3);
        let mut seen = Vec::new();
        map.for_each(|k, n| seen.push((k.as_str().to_string(), n)));
        seen.sort();
        let expected = [("a-very-long-term-indeed", 2), ("ab", 2), ("abc", 1)];
        assert_eq!(seen, expected.map(|(t, n)| (t.to_string(), n)));
    }
}
