//! From offsets in a decoded text back to byte offsets in the file it came from. They differ
//! after a byte order mark, a Windows-1252 character (one byte in the file, two or three in
//! UTF-8), an invalid UTF-8 sequence (replaced by the three bytes of U+FFFD) or UTF-16.

use serde::{Deserialize, Serialize};

/// Breakpoints `(decoded, file)`, sorted: from each on, both offsets advance together until the
/// next. No breakpoints: the offsets are the same (UTF-8 read as it is). Every article keeps
/// one, so the breakpoints and the jumps share one allocation of exactly their size (two
/// growable lists took 48 bytes before holding anything).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FileMap {
    /// The breakpoints, then the jumps: where the text jumps over a cut, the file offset at
    /// which the text before the jump ends, for a range that ends right there.
    pairs: Box<[(u32, u32)]>,
    /// How many of `pairs` are breakpoints.
    points: u32,
}

impl FileMap {
    fn new(points: Vec<(u32, u32)>, jumps: Vec<(u32, u32)>) -> FileMap {
        let count = u32::try_from(points.len()).unwrap_or(u32::MAX);
        let mut pairs = points;
        pairs.extend(jumps);
        FileMap { pairs: pairs.into_boxed_slice(), points: count }
    }

    fn points(&self) -> &[(u32, u32)] {
        self.pairs.get(..self.points as usize).unwrap_or(&self.pairs)
    }

    fn jumps(&self) -> &[(u32, u32)] {
        self.pairs.get(self.points as usize..).unwrap_or_default()
    }

    /// The file offset of decoded offset `pos`.
    pub fn file_offset(&self, pos: usize) -> usize {
        let points = self.points();
        let i = points.partition_point(|&(d, _)| d as usize <= pos);
        match i.checked_sub(1).and_then(|k| points.get(k)) {
            Some(&(d, f)) => f as usize + (pos - d as usize),
            None => pos,
        }
    }

    /// The file offset where a range of the text that ends at `pos` ends: the same as
    /// [`FileMap::file_offset`], except right at a cut, where the range ends before it.
    pub fn file_end(&self, pos: usize) -> usize {
        let jumps = self.jumps();
        match jumps.binary_search_by_key(&pos, |&(d, _)| d as usize) {
            Ok(i) => jumps[i].1 as usize,
            Err(_) => self.file_offset(pos),
        }
    }

    pub fn is_identity(&self) -> bool {
        self.points().is_empty()
    }

    /// The map of a text made of `pieces` of the decoded text, one after the other (a body
    /// without its title line, or with a block of boilerplate cut out of its middle).
    pub fn of_pieces(&self, pieces: &[std::ops::Range<usize>]) -> FileMap {
        let mut b = FileMapBuilder::default();
        let mut jumps = Vec::new();
        let mut at = 0;
        let mut previous_end: Option<usize> = None;
        for piece in pieces {
            if let Some(end) = previous_end {
                jumps.push((
                    u32::try_from(at).unwrap_or(u32::MAX),
                    u32::try_from(self.file_offset(end)).unwrap_or(u32::MAX),
                ));
            }
            previous_end = Some(piece.end);
            b.at(at, self.file_offset(piece.start));
            for &(d, f) in self.points() {
                let d = d as usize;
                if d > piece.start && d <= piece.end {
                    b.at(at + d - piece.start, f as usize);
                }
            }
            at += piece.len();
        }
        FileMap::new(b.points, jumps)
    }
}

/// Builds a [`FileMap`] while a decoder appends to its output.
#[derive(Debug, Default)]
pub struct FileMapBuilder {
    points: Vec<(u32, u32)>,
}

impl FileMapBuilder {
    /// The decoded text has reached `decoded` bytes where the file has reached `file` bytes.
    pub fn at(&mut self, decoded: usize, file: usize) {
        let (d, f) = (u32::try_from(decoded).unwrap_or(u32::MAX), u32::try_from(file).unwrap_or(u32::MAX));
        let implied = self.points.last().map_or(decoded as i64 - file as i64 == 0, |&(pd, pf)| {
            decoded as i64 - pd as i64 == file as i64 - pf as i64
        });
        if !implied {
            self.points.push((d, f));
        }
    }

    pub fn build(self) -> FileMap {
        FileMap::new(self.points, Vec::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_follow_the_breakpoints() {
        let mut b = FileMapBuilder::default();
        b.at(0, 3); // a byte order mark
        b.at(5, 8); // nothing changes: implied
        b.at(7, 9); // "é": two bytes decoded, one in the file
        let map = b.build();
        assert_eq!(map.points(), [(0, 3), (7, 9)]);
        assert_eq!(map.jumps(), []);
        assert_eq!(map.file_offset(0), 3);
        assert_eq!(map.file_offset(5), 8);
        assert_eq!(map.file_offset(10), 12);
        assert!(FileMap::default().is_identity());
        assert_eq!(FileMap::default().file_offset(42), 42);
    }

    #[test]
    fn pieces_of_a_text_keep_their_file_offsets() {
        let decoded = "Title\n\nOne. Ad line.\n\nTwo.";
        let mut b = FileMapBuilder::default();
        b.at(0, 3); // a byte order mark
        let map = b.build();
        let one = decoded.find("One").unwrap();
        let two = decoded.find("Two").unwrap();
        let pieces = [one..one + 5, two..two + 4];
        let body: String = pieces.iter().map(|p| &decoded[p.clone()]).collect();
        assert_eq!(body, "One. Two.");
        let of_body = map.of_pieces(&pieces);
        assert_eq!(of_body.file_offset(0), one + 3);
        let at_two = body.find("Two").unwrap();
        assert_eq!(of_body.file_offset(at_two), two + 3);
        assert_eq!(of_body.file_end(at_two), one + 5 + 3, "a range ending at the cut ends before it");
        assert_eq!(of_body.file_end(2), one + 2 + 3);
    }
}
