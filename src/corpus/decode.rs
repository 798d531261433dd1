//! Turning file bytes into text, or a reason why they are not text.

use content_inspector::ContentType;

#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// Bytes skipped at the start of the file (a byte order mark).
    pub offset: usize,
    pub warning: Option<String>,
}

pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    if bytes.is_empty() {
        return Err("empty file".to_string());
    }
    let decoded = match content_inspector::inspect(bytes) {
        ContentType::BINARY => return Err("not text (binary data)".to_string()),
        ContentType::UTF_16LE => from_encoding(bytes, encoding_rs::UTF_16LE, "UTF-16LE"),
        ContentType::UTF_16BE => from_encoding(bytes, encoding_rs::UTF_16BE, "UTF-16BE"),
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

fn from_encoding(bytes: &[u8], enc: &'static encoding_rs::Encoding, name: &str) -> Decoded {
    let (text, _, had_errors) = enc.decode(bytes);
    let warning = Some(if had_errors {
        format!("decoded as {name}, with invalid sequences replaced")
    } else {
        format!("decoded as {name}")
    });
    Decoded { text: text.into_owned(), offset: 0, warning }
}

/// Valid UTF-8 is kept as is. Broken UTF-8 (real multi-byte characters elsewhere, or a cut
/// multi-byte sequence) is decoded lossily; other text is most likely Windows-1252.
fn from_utf8_or_legacy(bytes: &[u8]) -> Decoded {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    let (body, offset) = match bytes.strip_prefix(BOM) {
        Some(rest) => (rest, BOM.len()),
        None => (bytes, 0),
    };
    if let Ok(text) = std::str::from_utf8(body) {
        return Decoded { text: text.to_string(), offset, warning: None };
    }
    let has_multibyte = body.utf8_chunks().any(|c| !c.valid().is_ascii());
    // A lead byte followed by a continuation byte is a multi-byte character cut short; in
    // Windows-1252 text that pair is rare ("Ã©"-style mojibake aside).
    let cut_sequence = body.utf8_chunks().any(|c| matches!(c.invalid(), [0xC2..=0xF4, 0x80..=0xBF, ..]));
    if has_multibyte || cut_sequence {
        let text = String::from_utf8_lossy(body).into_owned();
        let warning = Some("invalid UTF-8 replaced with U+FFFD".to_string());
        Decoded { text, offset, warning }
    } else {
        let (text, _, _) = encoding_rs::WINDOWS_1252.decode(body);
        let warning = Some("not UTF-8: decoded as Windows-1252".to_string());
        Decoded { text: text.into_owned(), offset, warning }
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
        assert_eq!(d.offset, 3);
    }
}
