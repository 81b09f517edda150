//! A file's bytes as the pieces they are made of, compared with the file on disk and written
//! without joining them first: `claims.json` and the search index are tens of megabytes at
//! 10,000 notes, joined from entries kept between builds, and a buffer that size is memory
//! the allocator must fault in and zero on every save.

use std::fs;
use std::io::{self, IoSlice, Read, Write};
use std::path::Path;
use std::sync::Arc;

/// A file made of entries with a separator between them, a head and a tail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Joined {
    /// What comes before the first entry.
    pub head: String,
    /// The entries, in order (shared with the build that keeps them, and between files).
    pub entries: Arc<[Arc<str>]>,
    /// What comes between two entries.
    pub separator: &'static str,
    /// What comes after the last entry.
    pub tail: String,
}

impl Joined {
    /// The pieces of the file in order, empty ones left out, made as they are read.
    pub fn pieces(&self) -> Pieces<'_> {
        Pieces {
            head: self.head.as_bytes(),
            entries: &self.entries,
            separator: self.separator.as_bytes(),
            tail: self.tail.as_bytes(),
            next: 0,
        }
    }

    /// The file's bytes joined: for readers that want them whole (tests, in-memory builds).
    pub fn join(&self) -> Vec<u8> {
        self.pieces().collect::<Vec<_>>().concat()
    }
}

/// A file's bytes as the pieces they are made of, in order, empty ones left out: a head, the
/// entries with a separator between two, a tail. Made as they are read, so a file of 100,000
/// entries needs no list of them.
#[derive(Debug, Clone)]
pub struct Pieces<'p> {
    /// What comes before the first entry.
    head: &'p [u8],
    /// The entries.
    entries: &'p [Arc<str>],
    /// What comes between two entries.
    separator: &'p [u8],
    /// What comes after the last entry.
    tail: &'p [u8],
    /// The next piece: 0 the head, `2i + 1` the separator before entry `i` (none before the
    /// first), `2i + 2` entry `i`, then the tail.
    next: usize,
}

impl<'p> Pieces<'p> {
    /// A file of one piece.
    pub fn one(bytes: &'p [u8]) -> Pieces<'p> {
        Pieces {
            head: bytes,
            entries: &[],
            separator: &[],
            tail: &[],
            next: 0,
        }
    }

    /// Piece `k` of the order [`Pieces::next`] counts in, empty or not.
    fn at(&self, k: usize) -> &'p [u8] {
        match k {
            0 => self.head,
            k if k == 2 * self.entries.len() + 1 => self.tail,
            1 => &[],
            k if k % 2 == 1 => self.separator,
            k => self.entries[k / 2 - 1].as_bytes(),
        }
    }
}

impl<'p> Iterator for Pieces<'p> {
    type Item = &'p [u8];

    fn next(&mut self) -> Option<&'p [u8]> {
        while self.next < 2 * self.entries.len() + 2 {
            let piece = self.at(self.next);
            self.next += 1;
            if !piece.is_empty() {
                return Some(piece);
            }
        }
        None
    }
}

/// True when the file at `path` holds exactly the bytes of `pieces`. A file of another size
/// is not read; one of the same size is read in parts up to the first difference.
pub fn holds(path: &Path, pieces: Pieces<'_>) -> bool {
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    let size: usize = pieces.clone().map(<[u8]>::len).sum();
    if file.metadata().map(|m| m.len()).ok() != u64::try_from(size).ok() {
        return false;
    }
    // A page is read whole, a larger file 64 KB at a time (one byte at least, to see the end).
    let mut part = vec![0; size.clamp(1, 64 * 1024)];
    for piece in pieces {
        for chunk in piece.chunks(part.len()) {
            let read = &mut part[..chunk.len()];
            if file.read_exact(read).is_err() || read != chunk {
                return false;
            }
        }
    }
    file.read(&mut part[..1]).is_ok_and(|n| n == 0)
}

/// Writes `pieces` to `file` one after the other, a batch per system call.
pub fn write(file: &mut fs::File, mut pieces: Pieces<'_>) -> io::Result<()> {
    // Linux takes up to 1,024 pieces in one call.
    let mut slices: Vec<IoSlice<'_>> = Vec::new();
    loop {
        slices.clear();
        slices.extend(pieces.by_ref().take(1024).map(IoSlice::new));
        if slices.is_empty() {
            return Ok(());
        }
        write_all(file, &mut slices)?;
    }
}

/// Writes every one of `slices` to `file`.
fn write_all(file: &mut fs::File, slices: &mut [IoSlice<'_>]) -> io::Result<()> {
    let mut rest = slices;
    while !rest.is_empty() {
        match file.write_vectored(rest) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => IoSlice::advance_slices(&mut rest, n),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(entries: &[&str]) -> Joined {
        Joined {
            head: "[".into(),
            entries: entries.iter().map(|e| Arc::from(*e)).collect(),
            separator: ",",
            tail: "]\n".into(),
        }
    }

    #[test]
    fn joins_entries_between_head_and_tail() {
        assert_eq!(joined(&["a", "bc", "d"]).join(), b"[a,bc,d]\n");
        assert_eq!(joined(&[]).join(), b"[]\n");
        assert_eq!(
            joined(&["", "x"]).pieces().count(),
            4,
            "empty pieces are left out"
        );
    }

    #[test]
    fn writes_many_pieces_and_compares_them_with_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("claims.json");
        // More pieces than one system call takes, and an entry longer than a compared part.
        let long = "y".repeat(100_000);
        let mut entries: Vec<String> = (0..3000).map(|i| format!("entry {i}")).collect();
        entries.insert(1500, long);
        let refs: Vec<&str> = entries.iter().map(String::as_str).collect();
        let file = joined(&refs);
        write(&mut fs::File::create(&path).unwrap(), file.pieces()).unwrap();
        assert_eq!(fs::read(&path).unwrap(), file.join());
        assert!(holds(&path, file.pieces()));
        let mut other = refs.clone();
        other[2999] = "entry 2990";
        assert!(
            !holds(&path, joined(&other).pieces()),
            "a byte differs at the end"
        );
        other[2999] = refs[2999];
        other[1500] = "z";
        assert!(!holds(&path, joined(&other).pieces()), "another size");
        assert!(!holds(&dir.path().join("missing"), file.pieces()));
    }

    #[test]
    fn a_file_holds_the_same_bytes_only_at_the_same_size_and_content() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        assert!(!holds(&path, Pieces::one(b"abc")), "missing");
        fs::write(&path, "").unwrap();
        assert!(
            holds(&path, Pieces::one(b"")) && !holds(&path, Pieces::one(b"a")),
            "an empty file"
        );
        fs::write(&path, "abc").unwrap();
        assert!(holds(&path, Pieces::one(b"abc")));
        assert!(!holds(&path, Pieces::one(b"abd")), "same size, other bytes");
        assert!(
            !holds(&path, Pieces::one(b"abcd")) && !holds(&path, Pieces::one(b"ab")),
            "other sizes"
        );
        // Larger than the pieces it is compared in, differing in a later piece.
        let mut large: Vec<u8> = (0..200_000).map(|i| (i % 251) as u8).collect();
        fs::write(&path, &large).unwrap();
        assert!(holds(&path, Pieces::one(&large)), "a large file, the same");
        large[150_000] ^= 1;
        assert!(
            !holds(&path, Pieces::one(&large)),
            "a large file, one byte changed"
        );
    }
}
