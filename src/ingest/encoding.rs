//! Text decoding: UTF-8 with or without BOM, Latin-1 / Windows-1252 detected and converted.
//!
//! Whole files are never decoded at once: [`open_stripped`] gives a buffered reader without the
//! BOM, and each CSV field is decoded on its own with [`decode_field`] (valid UTF-8 is borrowed,
//! anything else is read as Windows-1252, a superset of the printable Latin-1 range).
//! The importers reading through `generic::open_csv` instead use [`Decoding`], which converts
//! the stream as it goes (UTF-8 until the first invalid byte, Windows-1252 after it).

use std::borrow::Cow;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decode bytes: strip a UTF-8 BOM; if not valid UTF-8, decode as Windows-1252.
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
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

/// Decode one field (no BOM handling): UTF-8 when valid, Windows-1252 otherwise.
pub fn decode_field(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
    }
}

/// Is this byte string valid UTF-8 (after an optional BOM)?
pub fn is_utf8(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    std::str::from_utf8(bytes).is_ok()
}

/// Wrap a reader so that a leading UTF-8 BOM is skipped. Nothing else is read ahead.
pub fn strip_bom<R: Read>(inner: R) -> std::io::Result<BufReader<R>> {
    let mut r = BufReader::with_capacity(256 * 1024, inner);
    let starts_with_bom = {
        let buf = r.fill_buf()?;
        buf.starts_with(BOM)
    };
    if starts_with_bom {
        r.consume(BOM.len());
    }
    Ok(r)
}

/// Open a file for streaming, with a leading BOM skipped.
pub fn open_stripped(path: &Path) -> std::io::Result<BufReader<std::fs::File>> {
    strip_bom(std::fs::File::open(path)?)
}

/// A reader that strips a UTF-8 BOM and converts to UTF-8: bytes are passed through while they
/// are valid UTF-8; at the first invalid byte the rest of the stream is decoded as Windows-1252
/// (a superset of Latin-1). Streaming: memory is one buffer, not the file.
pub(crate) struct Decoding<R> {
    inner: R,
    latin: bool,
    started: bool,
    pending: Vec<u8>,
    out: Vec<u8>,
    pos: usize,
    eof: bool,
}

impl<R: Read> Decoding<R> {
    pub(crate) fn new(inner: R) -> Self {
        Decoding {
            inner,
            latin: false,
            started: false,
            pending: Vec::new(),
            out: Vec::new(),
            pos: 0,
            eof: false,
        }
    }

    fn fill(&mut self) -> std::io::Result<()> {
        let mut buf = vec![0u8; 64 * 1024];
        let n = loop {
            match self.inner.read(&mut buf) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        };
        self.out.clear();
        self.pos = 0;
        if n == 0 {
            self.eof = true;
        }
        let mut bytes = std::mem::take(&mut self.pending);
        bytes.extend_from_slice(buf.get(..n).unwrap_or_default());
        if !self.started {
            if bytes.len() < 3 && !self.eof {
                self.pending = bytes;
                return Ok(());
            }
            self.started = true;
            if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
                bytes = rest.to_vec();
            }
        }
        if self.latin {
            let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
            self.out.extend_from_slice(s.as_bytes());
            return Ok(());
        }
        match std::str::from_utf8(&bytes) {
            Ok(_) => self.out = bytes,
            Err(e) => {
                let good = e.valid_up_to();
                let (head, tail) = bytes.split_at(good);
                self.out.extend_from_slice(head);
                if e.error_len().is_none() && !self.eof {
                    self.pending = tail.to_vec();
                } else {
                    self.latin = true;
                    let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(tail);
                    self.out.extend_from_slice(s.as_bytes());
                }
            }
        }
        Ok(())
    }
}

impl<R: Read> Read for Decoding<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            if self.pos < self.out.len() {
                let avail = self.out.get(self.pos..).unwrap_or_default();
                let n = avail.len().min(buf.len());
                if let (Some(dst), Some(src)) = (buf.get_mut(..n), avail.get(..n)) {
                    dst.copy_from_slice(src);
                }
                self.pos += n;
                return Ok(n);
            }
            if self.eof {
                return Ok(0);
            }
            self.fill()?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_stripped_and_latin1_converted() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc"), "abc");
        assert_eq!(decode(b"C\xF4te d'Ivoire"), "Côte d'Ivoire");
        assert_eq!(decode_field(b"S\xE3o Tom\xE9"), "São Tomé");
        assert_eq!(decode_field("Türkiye".as_bytes()), "Türkiye");
        // Windows-1252 specific: 0x80 is the euro sign.
        assert_eq!(decode_field(b"\x80 5"), "€ 5");
        assert!(is_utf8(b"\xEF\xBB\xBFok"));
        assert!(!is_utf8(b"\xF4"));
    }

    #[test]
    fn strip_bom_reader() {
        let mut s = String::new();
        strip_bom(&b"\xEF\xBB\xBFa,b\r\n"[..])
            .and_then(|mut r| r.read_to_string(&mut s))
            .ok();
        assert_eq!(s, "a,b\r\n");
        let mut s = String::new();
        strip_bom(&b"a"[..])
            .and_then(|mut r| r.read_to_string(&mut s))
            .ok();
        assert_eq!(s, "a");
        let mut s = String::new();
        strip_bom(&b""[..])
            .and_then(|mut r| r.read_to_string(&mut s))
            .ok();
        assert_eq!(s, "");
    }
}
