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
    /// The pieces of the file in order, empty ones left out.
    pub fn pieces(&self) -> Vec<&[u8]> {
        let mut pieces = Vec::with_capacity(self.entries.len() * 2 + 2);
        pieces.push(self.head.as_bytes());
        for (i, entry) in self.entries.iter().enumerate() {
            if i > 0 {
                pieces.push(self.separator.as_bytes());
            }
            pieces.push(entry.as_bytes());
        }
        pieces.push(self.tail.as_bytes());
        pieces.retain(|p| !p.is_empty());
        pieces
    }

    /// The file's bytes joined: for readers that want them whole (tests, in-memory builds).
    pub fn join(&self) -> Vec<u8> {
        self.pieces().concat()
    }
}

/// True when the file at `path` holds exactly the bytes of `pieces`. A file of another size
/// is not read; one of the same size is read in parts up to the first difference.
pub fn holds(path: &Path, pieces: &[&[u8]]) -> bool {
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    let size: usize = pieces.iter().map(|p| p.len()).sum();
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
pub fn write(file: &mut fs::File, pieces: &[&[u8]]) -> io::Result<()> {
    // Linux takes up to 1,024 pieces in one call.
    for batch in pieces.chunks(1024) {
        let mut slices: Vec<IoSlice<'_>> = batch.iter().map(|p| IoSlice::new(p)).collect();
        let mut rest = &mut slices[..];
        while !rest.is_empty() {
            match file.write_vectored(rest) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(n) => IoSlice::advance_slices(&mut rest, n),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
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
            joined(&["", "x"]).pieces().len(),
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
        write(&mut fs::File::create(&path).unwrap(), &file.pieces()).unwrap();
        assert_eq!(fs::read(&path).unwrap(), file.join());
        assert!(holds(&path, &file.pieces()));
        let mut other = refs.clone();
        other[2999] = "entry 2990";
        assert!(
            !holds(&path, &joined(&other).pieces()),
            "a byte differs at the end"
        );
        other[2999] = refs[2999];
        other[1500] = "z";
        assert!(!holds(&path, &joined(&other).pieces()), "another size");
        assert!(!holds(&dir.path().join("missing"), &file.pieces()));
    }

    #[test]
    fn a_file_holds_the_same_bytes_only_at_the_same_size_and_content() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        assert!(!holds(&path, &[b"abc"]), "missing");
        fs::write(&path, "").unwrap();
        assert!(holds(&path, &[]) && !holds(&path, &[b"a"]), "an empty file");
        fs::write(&path, "abc").unwrap();
        assert!(holds(&path, &[b"abc"]));
        assert!(!holds(&path, &[b"abd"]), "same size, other bytes");
        assert!(
            !holds(&path, &[b"abcd"]) && !holds(&path, &[b"ab"]),
            "other sizes"
        );
        // Larger than the pieces it is compared in, differing in a later piece.
        let mut large: Vec<u8> = (0..200_000).map(|i| (i % 251) as u8).collect();
        fs::write(&path, &large).unwrap();
        assert!(holds(&path, &[&large]), "a large file, the same");
        large[150_000] ^= 1;
        assert!(!holds(&path, &[&large]), "a large file, one byte changed");
    }
}
