//! Reading a text's characters at byte offsets, as the tokenizers walk it.

/// The character starting at byte `i`, or `None` past the end or inside a character. Most news
/// text is ASCII, and an ASCII byte is a whole character, read without decoding: decoding from
/// a checked slice at every byte showed in the profiles of both the entity and the event pass.
pub fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&byte) if byte.is_ascii() => Some(char::from(byte)),
        _ => text.get(i..).and_then(|s| s.chars().next()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The character at any byte of any text is the one a checked slice decodes: the ASCII
        /// shortcut changes nothing, and a byte inside a multi-byte character starts none.
        #[test]
        fn a_character_is_read_as_decoding_from_its_byte_reads_it(text in "[a-zA-Z0-9 .'’é—“ß\n-]{0,30}") {
            for i in 0..=text.len() + 1 {
                proptest::prop_assert_eq!(char_at(&text, i), text.get(i..).and_then(|s| s.chars().next()));
            }
        }
    }
}
