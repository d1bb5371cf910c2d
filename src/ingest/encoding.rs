//! Text decoding: UTF-8 with or without BOM, Latin-1 / Windows-1252 detected and converted.

use std::borrow::Cow;

/// Decode bytes: strip a UTF-8 BOM; if not valid UTF-8, decode as Windows-1252.
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(e) if e.error_len().is_none() && bytes.len() - e.valid_up_to() < 4 => {
            // A multi-byte character cut off at the end of a sniffed head.
            Cow::Owned(String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned())
        }
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
    }
}
