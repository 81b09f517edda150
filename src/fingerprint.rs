//! Fingerprints of values: a fast 64-bit hash of anything `Serialize`, fed straight
//! from serde (no JSON text in between), to tell whether a page's input changed since the
//! last build. Not for security: only to notice change.

use serde::ser::{self, Serialize};

/// The fingerprint of `value`.
pub fn of(value: &impl Serialize) -> u64 {
    let mut hasher = Fold::default();
    let _ = value.serialize(&mut hasher);
    hasher.finish()
}

/// The fingerprint of `bytes`, a word at a time.
pub fn of_bytes(bytes: &[u8]) -> u64 {
    let mut hasher = Fold::default();
    hasher.bytes(bytes);
    hasher.finish()
}

/// A map keyed by fingerprints (or other well-mixed words), hashed with [`Fold`] rather
/// than SipHash: its keys come from the project, not from the network.
pub type Map<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<Fold>>;

/// A set, hashed as [`Map`] is.
pub type Set<K> = std::collections::HashSet<K, std::hash::BuildHasherDefault<Fold>>;

/// A word-at-a-time multiply–rotate hash with a length tail.
#[derive(Default)]
pub struct Fold {
    state: u64,
}

const K: u64 = 0x9E37_79B9_7F4A_7C15;

impl Fold {
    fn word(&mut self, word: u64) {
        self.state = (self.state ^ word).wrapping_mul(K).rotate_left(29);
    }

    fn bytes(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.word(u64::from_le_bytes(word));
        }
        let mut tail = [0u8; 8];
        tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        self.word(u64::from_le_bytes(tail) ^ ((bytes.len() as u64) << 56));
    }

    fn finish(&self) -> u64 {
        let h = self.state ^ (self.state >> 31);
        h.wrapping_mul(K) ^ (h >> 29)
    }
}

impl std::hash::Hasher for Fold {
    fn write(&mut self, bytes: &[u8]) {
        self.bytes(bytes);
    }

    fn write_u64(&mut self, word: u64) {
        self.word(word);
    }

    fn finish(&self) -> u64 {
        Fold::finish(self)
    }
}

/// Why hashing stopped: never, in practice (every value can be hashed).
#[derive(Debug)]
pub struct Never;

impl std::fmt::Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("cannot fingerprint")
    }
}

impl std::error::Error for Never {}

impl ser::Error for Never {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Never
    }
}

/// Tags that keep different shapes with the same contents apart.
mod tag {
    pub const NONE: u64 = 1;
    pub const SOME: u64 = 2;
    pub const SEQ: u64 = 3;
    pub const MAP: u64 = 4;
    pub const END: u64 = 5;
    pub const UNIT: u64 = 6;
    pub const VARIANT: u64 = 7;
}

type Ok = ();

impl ser::Serializer for &mut Fold {
    type Ok = Ok;
    type Error = Never;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> Result<Ok, Never> {
        self.word(u64::from(v) + 10);
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<Ok, Never> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<Ok, Never> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<Ok, Never> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<Ok, Never> {
        self.word(v as u64);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<Ok, Never> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<Ok, Never> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<Ok, Never> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<Ok, Never> {
        self.word(v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<Ok, Never> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<Ok, Never> {
        self.word(v.to_bits());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<Ok, Never> {
        self.word(v.into());
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<Ok, Never> {
        self.bytes(v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Ok, Never> {
        self.bytes(v);
        Ok(())
    }
    fn serialize_none(self) -> Result<Ok, Never> {
        self.word(tag::NONE);
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<Ok, Never> {
        self.word(tag::SOME);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Ok, Never> {
        self.word(tag::UNIT);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Ok, Never> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
    ) -> Result<Ok, Never> {
        self.word(tag::VARIANT ^ (u64::from(index) << 8));
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Ok, Never> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        value: &T,
    ) -> Result<Ok, Never> {
        self.word(tag::VARIANT ^ (u64::from(index) << 8));
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Never> {
        self.word(tag::SEQ);
        Ok(self)
    }
    fn serialize_tuple(self, len: usize) -> Result<Self, Never> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Self, Never> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        self.word(tag::VARIANT ^ (u64::from(index) << 8));
        self.serialize_seq(None)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Never> {
        self.word(tag::MAP);
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Never> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        self.word(tag::VARIANT ^ (u64::from(index) << 8));
        self.serialize_map(None)
    }
}

/// The compound serializers: elements and fields hash in order, then an end tag.
macro_rules! compound {
    ($($trait:ident :: $method:ident $(, $key:ident)?;)+) => {$(
        impl ser::$trait for &mut Fold {
            type Ok = Ok;
            type Error = Never;
            fn $method<T: ?Sized + Serialize>(&mut self, $($key: &'static str,)? value: &T) -> Result<(), Never> {
                $(self.bytes($key.as_bytes());)?
                value.serialize(&mut **self)
            }
            fn end(self) -> Result<Ok, Never> {
                self.word(tag::END);
                Ok(())
            }
        }
    )+};
}

compound! {
    SerializeSeq::serialize_element;
    SerializeTuple::serialize_element;
    SerializeTupleStruct::serialize_field;
    SerializeTupleVariant::serialize_field;
    SerializeStruct::serialize_field, key;
    SerializeStructVariant::serialize_field, key;
}

impl ser::SerializeMap for &mut Fold {
    type Ok = Ok;
    type Error = Never;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Never> {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Never> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<Ok, Never> {
        self.word(tag::END);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct Page<'a> {
        title: &'a str,
        items: Vec<Option<u32>>,
    }

    #[test]
    fn equal_input_gives_equal_prints_and_any_change_another() {
        let a = of(&Page {
            title: "A",
            items: vec![Some(1), None],
        });
        assert_eq!(
            a,
            of(&Page {
                title: "A",
                items: vec![Some(1), None]
            })
        );
        assert_ne!(
            a,
            of(&Page {
                title: "B",
                items: vec![Some(1), None]
            })
        );
        assert_ne!(
            a,
            of(&Page {
                title: "A",
                items: vec![None, Some(1)]
            })
        );
        assert_ne!(
            a,
            of(&Page {
                title: "A",
                items: vec![Some(1)]
            })
        );
        assert_ne!(
            of(&("ab", "c")),
            of(&("a", "bc")),
            "lengths keep strings apart"
        );
    }
}
