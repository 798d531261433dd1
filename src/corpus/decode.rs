//! Turning file bytes into text, or a reason why they are not text. Each decoding also says
//! where every part of the text came from in the file ([`FileMap`]), so that offsets reported
//! to other tools are byte offsets into the file.

use content_inspector::ContentType;

use super::offsets::{FileMap, FileMapBuilder};

#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// From offsets in `text` to offsets in the file.
    pub map: FileMap,
    pub warning: Option<String>,
}

pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    if bytes.is_empty() {
        return Err("empty file".to_string());
    }
    let decoded = match content_inspector::inspect(bytes) {
        ContentType::BINARY => return Err("not text (binary data)".to_string()),
        ContentType::UTF_16LE => from_utf16(bytes, u16::from_le_bytes, "UTF-16LE"),
        ContentType::UTF_16BE => from_utf16(bytes, u16::from_be_bytes, "UTF-16BE"),
        ContentType::UTF_32LE | ContentType::UTF_32BE => {
            return Err("not supported: UTF-32 text".to_string());
        }
        _ => from_utf8_or_legacy(bytes),
    };
    if decoded.text.trim().is_empty() {
        return Err("empty (only white space)".to_string());
    }
    Ok(decoded)
}

/// UTF-16 with its byte order mark; an unpaired surrogate becomes U+FFFD.
fn from_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16, name: &str) -> Decoded {
    let units = bytes.chunks_exact(2).skip(1).map(|pair| unit([pair[0], pair[1]]));
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut map = FileMapBuilder::default();
    let mut file = 2; // the byte order mark
    let mut replaced = false;
    for c in char::decode_utf16(units) {
        map.at(text.len(), file);
        let c = c.unwrap_or_else(|_| {
            replaced = true;
            char::REPLACEMENT_CHARACTER
        });
        file += if c == char::REPLACEMENT_CHARACTER { 2 } else { c.len_utf16() * 2 };
        text.push(c);
    }
    map.at(text.len(), file);
    let warning = Some(if replaced {
        format!("decoded as {name}, with invalid sequences replaced")
    } else {
        format!("decoded as {name}")
    });
    Decoded { text, map: map.build(), warning }
}

/// Valid UTF-8 is kept as is. Broken UTF-8 (real multi-byte characters elsewhere, or a cut
/// multi-byte sequence) is decoded lossily; other text is most likely Windows-1252.
fn from_utf8_or_legacy(bytes: &[u8]) -> Decoded {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    let (body, offset) = match bytes.strip_prefix(BOM) {
        Some(rest) => (rest, BOM.len()),
        None => (bytes, 0),
    };
    let mut map = FileMapBuilder::default();
    map.at(0, offset);
    if let Ok(text) = std::str::from_utf8(body) {
        return Decoded { text: text.to_string(), map: map.build(), warning: None };
    }
    let has_multibyte = body.utf8_chunks().any(|c| !c.valid().is_ascii());
    // A lead byte followed by a continuation byte is a multi-byte character cut short; in
    // Windows-1252 text that pair is rare ("Ã©"-style mojibake aside).
    let cut_sequence = body.utf8_chunks().any(|c| matches!(c.invalid(), [0xC2..=0xF4, 0x80..=0xBF, ..]));
    let mut text = String::with_capacity(body.len() + body.len() / 8);
    let mut file = offset;
    if has_multibyte || cut_sequence {
        // As `String::from_utf8_lossy` does: one U+FFFD for each invalid sequence.
        for chunk in body.utf8_chunks() {
            text.push_str(chunk.valid());
            file += chunk.valid().len();
            if !chunk.invalid().is_empty() {
                text.push(char::REPLACEMENT_CHARACTER);
                file += chunk.invalid().len();
                map.at(text.len(), file);
            }
        }
        let warning = Some("invalid UTF-8 replaced with U+FFFD".to_string());
        Decoded { text, map: map.build(), warning }
    } else {
        // Windows-1252 is one byte a character: decode byte by byte to know where each went.
        for &b in body {
            if b.is_ascii() {
                text.push(b as char);
            } else {
                let byte = [b];
                let (c, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
                text.push_str(&c);
                map.at(text.len(), file + 1);
            }
            file += 1;
        }
        let warning = Some("not UTF-8: decoded as Windows-1252".to_string());
        Decoded { text, map: map.build(), warning }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_blank_files_are_refused() {
        assert_eq!(decode(b"").unwrap_err(), "empty file");
        assert!(decode(b"\n\n  \t\n").unwrap_err().starts_with("empty"));
    }

    #[test]
    fn binary_is_refused() {
        let bytes: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
        assert_eq!(decode(&bytes).unwrap_err(), "not text (binary data)");
    }

    #[test]
    fn latin1_is_decoded_as_windows_1252() {
        let d = decode(b"Caf\xe9 in S\xe3o Paulo").unwrap();
        assert_eq!(d.text, "Café in São Paulo");
        assert!(d.warning.unwrap().contains("Windows-1252"));
    }

    #[test]
    fn a_cut_multibyte_sequence_in_ascii_is_still_utf8() {
        let d = decode(b"Half a character: \xe2\x82 and on.").unwrap();
        assert_eq!(d.text, "Half a character: \u{fffd} and on.");
    }

    #[test]
    fn broken_utf8_keeps_the_rest() {
        let d = decode(
            "Half \u{e9}: ".as_bytes().iter().copied().chain(*b"\xe2\x82 end").collect::<Vec<_>>().as_slice(),
        )
        .unwrap();
        assert!(d.text.starts_with("Half é: "));
        assert!(d.text.ends_with(" end"));
        assert!(d.text.contains('\u{fffd}'));
    }

    #[test]
    fn bom_is_skipped_and_counted() {
        let d = decode("\u{feff}Title\n\nBody".as_bytes()).unwrap();
        assert_eq!(d.text, "Title\n\nBody");
        assert_eq!(d.map.file_offset(0), 3);
    }

    /// Issue 9.11: offsets reported for a decoded text are byte offsets into the file.
    #[test]
    fn every_decoding_maps_text_offsets_back_to_file_bytes() {
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (b"Caf\xe9 in S\xe3o Paulo met Lula.".to_vec(), "Lula"),
            ("Half \u{e9}: ".bytes().chain(*b"\xe2\x82 end, said Lula.").collect(), "Lula"),
            ("\u{feff}Tokyo met Lula.".as_bytes().to_vec(), "Lula"),
            (
                [0xFF, 0xFE]
                    .into_iter()
                    .chain("Tokyo, Lula.".encode_utf16().flat_map(u16::to_le_bytes))
                    .collect(),
                "Lula",
            ),
        ];
        for (bytes, word) in cases {
            let d = decode(&bytes).unwrap();
            let at = d.text.find(word).unwrap();
            let start = d.map.file_offset(at);
            let end = d.map.file_offset(at + word.len());
            let in_file = &bytes[start..end];
            let back = if in_file.len() == word.len() * 2 {
                String::from_utf16_lossy(
                    &in_file.chunks(2).map(|p| u16::from_le_bytes([p[0], p[1]])).collect::<Vec<_>>(),
                )
            } else {
                String::from_utf8_lossy(in_file).into_owned()
            };
            assert_eq!(back, word, "{:?}", d.warning);
        }
    }
}
