//! What one build kept for the next, item by item, in the order that build made them, each
//! named by a fingerprint of what names it from build to build (a page's path, an entry's
//! kind and id). Most builds make the same items in the same order, so an item is looked up
//! at its own position first; the index by name is built only when a lookup misses there
//! (an item added, removed or moved).

use std::sync::OnceLock;

use crate::fingerprint;

/// Values kept by name, in the order they were made.
#[derive(Debug)]
pub struct Named<V> {
    /// The name of each value, by position.
    names: Vec<u64>,
    /// The values.
    values: Vec<V>,
    /// Name → position, made on the first lookup that misses its position.
    index: OnceLock<fingerprint::Map<u64, usize>>,
}

impl<V> Default for Named<V> {
    fn default() -> Self {
        Named {
            names: Vec::new(),
            values: Vec::new(),
            index: OnceLock::new(),
        }
    }
}

impl<V> Named<V> {
    /// `values`, named by `names` (as many, in the same order).
    pub fn new(names: Vec<u64>, values: Vec<V>) -> Self {
        Named {
            names,
            values,
            index: OnceLock::new(),
        }
    }

    /// The value named `name`, which this build makes at position `at`.
    pub fn get(&self, at: usize, name: u64) -> Option<&V> {
        if self.names.get(at) == Some(&name) {
            return self.values.get(at);
        }
        let index = self.index.get_or_init(|| {
            let names = self.names.iter().enumerate();
            names.map(|(i, &name)| (name, i)).collect()
        });
        index.get(&name).map(|&i| &self.values[i])
    }
}

impl<V> FromIterator<(u64, V)> for Named<V> {
    fn from_iter<I: IntoIterator<Item = (u64, V)>>(iter: I) -> Self {
        let (names, values) = iter.into_iter().unzip();
        Named::new(names, values)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_found_at_their_position_or_by_name() {
        let kept: Named<&str> = [(10, "a"), (20, "b"), (30, "c")].into_iter().collect();
        assert_eq!(kept.get(1, 20), Some(&"b"));
        assert!(kept.index.get().is_none(), "no index while positions match");
        assert_eq!(kept.get(0, 30), Some(&"c"), "moved");
        assert_eq!(kept.get(5, 10), Some(&"a"), "past the end");
        assert_eq!(kept.get(1, 40), None, "not kept");
    }
}
