//! The order a walk that takes each folder's entries by name meets paths in: the listing is
//! put in this order after a walk in the folders' own order, and a watched folder's changed
//! paths are merged into it.

use std::path::{Path, PathBuf};

/// A path's bytes as a key whose plain order is the order of a walk that takes each folder's
/// entries by name: the separator is made the lowest byte, so that a folder's files come
/// before a sibling whose name goes on from the folder's ("a/x.txt" before "a.txt"), as the
/// walk goes into the folder first. A path holds no zero byte, so the key is the path's own.
pub(super) fn walk_order_key(path: PathBuf) -> Vec<u8> {
    use std::os::unix::ffi::OsStringExt;
    let mut key = path.into_os_string().into_vec();
    key.iter_mut().for_each(|b| *b = walk_order_byte(*b));
    key
}

/// The order of two paths in a walk, as their [`walk_order_key`]s give it.
pub fn walk_order(a: &Path, b: &Path) -> std::cmp::Ordering {
    // Compared byte by byte, without making either key.
    let (a, b) = (a.as_os_str().as_encoded_bytes(), b.as_os_str().as_encoded_bytes());
    a.iter().map(|&x| walk_order_byte(x)).cmp(b.iter().map(|&x| walk_order_byte(x)))
}

fn walk_order_byte(b: u8) -> u8 {
    if b == b'/' { 0 } else { b }
}

/// The path a [`walk_order_key`] was made from.
pub(super) fn path_of_walk_order_key(mut key: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    key.iter_mut().filter(|b| **b == walk_order_byte(b'/')).for_each(|b| *b = b'/');
    PathBuf::from(std::ffi::OsString::from_vec(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder's files come before the siblings whose names go on from the folder's; the
    /// comparison and the key agree, and the key gives its path back.
    #[test]
    fn a_folder_comes_before_the_names_that_go_on_from_it() {
        let paths = ["a/x.txt", "a/y/z.txt", "a-b.txt", "a.txt", "a0.txt", "b.txt"].map(PathBuf::from);
        for pair in paths.windows(2) {
            assert!(walk_order(&pair[0], &pair[1]).is_lt(), "{pair:?}");
        }
        for a in &paths {
            assert_eq!(path_of_walk_order_key(walk_order_key(a.clone())), *a);
            for b in &paths {
                assert_eq!(walk_order(a, b), walk_order_key(a.clone()).cmp(&walk_order_key(b.clone())));
            }
        }
        assert!("a-b.txt" < "a/x.txt", "which a plain byte order gets the other way round");
    }
}
