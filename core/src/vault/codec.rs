//! Bounded big-endian reader and writer for the vault's binary header and body.
//!
//! Every read checks the remaining length with `get()`, so a hostile file yields
//! `Truncated`/`Malformed`, never a panic or an oversized allocation.

use super::error::VaultError;
use zeroize::Zeroizing;

/// Reads fields from a byte slice, tracking the offset for error messages.
pub(crate) struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(buf: &'a [u8]) -> Self {
        Self { buf, pos: 0 }
    }

    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    pub(crate) fn remaining(&self) -> usize {
        self.buf.len().saturating_sub(self.pos)
    }

    pub(crate) fn bytes(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], VaultError> {
        let end = self.pos.checked_add(n).ok_or(VaultError::Truncated {
            what,
            offset: self.pos,
        })?;
        let out = self.buf.get(self.pos..end).ok_or(VaultError::Truncated {
            what,
            offset: self.pos,
        })?;
        self.pos = end;
        Ok(out)
    }

    pub(crate) fn array<const N: usize>(
        &mut self,
        what: &'static str,
    ) -> Result<[u8; N], VaultError> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.bytes(N, what)?);
        Ok(out)
    }

    pub(crate) fn u8(&mut self, what: &'static str) -> Result<u8, VaultError> {
        Ok(self.array::<1>(what)?[0])
    }

    pub(crate) fn u16(&mut self, what: &'static str) -> Result<u16, VaultError> {
        Ok(u16::from_be_bytes(self.array(what)?))
    }

    pub(crate) fn u32(&mut self, what: &'static str) -> Result<u32, VaultError> {
        Ok(u32::from_be_bytes(self.array(what)?))
    }

    pub(crate) fn u64(&mut self, what: &'static str) -> Result<u64, VaultError> {
        Ok(u64::from_be_bytes(self.array(what)?))
    }

    pub(crate) fn i64(&mut self, what: &'static str) -> Result<i64, VaultError> {
        Ok(i64::from_be_bytes(self.array(what)?))
    }

    /// A u16-length-prefixed byte string of at most `limit` bytes.
    pub(crate) fn blob(
        &mut self,
        limit: usize,
        what: &'static str,
    ) -> Result<&'a [u8], VaultError> {
        let at = self.pos;
        let len = usize::from(self.u16(what)?);
        if len > limit {
            return Err(VaultError::Malformed { what, offset: at });
        }
        self.bytes(len, what)
    }

    /// A u16-length-prefixed UTF-8 string of at most `limit` bytes.
    pub(crate) fn string(
        &mut self,
        limit: usize,
        what: &'static str,
    ) -> Result<String, VaultError> {
        let at = self.pos;
        let raw = self.blob(limit, what)?;
        let s = std::str::from_utf8(raw).map_err(|_| VaultError::Malformed { what, offset: at })?;
        Ok(s.to_owned())
    }

    /// An optional string: a presence byte (0/1) then `string`.
    pub(crate) fn opt_string(
        &mut self,
        limit: usize,
        what: &'static str,
    ) -> Result<Option<String>, VaultError> {
        let at = self.pos;
        match self.u8(what)? {
            0 => Ok(None),
            1 => Ok(Some(self.string(limit, what)?)),
            _ => Err(VaultError::Malformed { what, offset: at }),
        }
    }
}

/// Appends fields to a zeroize-on-drop buffer (the body holds secrets).
#[derive(Default)]
pub(crate) struct Writer {
    pub(crate) buf: Zeroizing<Vec<u8>>,
}

impl Writer {
    pub(crate) fn with_capacity(n: usize) -> Self {
        Self {
            buf: Zeroizing::new(Vec::with_capacity(n)),
        }
    }

    fn reserve(&mut self, n: usize) {
        // Grow by copying into a fresh zeroizing buffer so no stale copy of secret bytes
        // is left behind in a reallocated block.
        if self.buf.capacity() - self.buf.len() < n {
            let mut bigger = Zeroizing::new(Vec::with_capacity((self.buf.len() + n) * 2));
            bigger.extend_from_slice(&self.buf);
            self.buf = bigger;
        }
    }

    pub(crate) fn bytes(&mut self, b: &[u8]) {
        self.reserve(b.len());
        self.buf.extend_from_slice(b);
    }

    pub(crate) fn u8(&mut self, v: u8) {
        self.bytes(&[v]);
    }

    pub(crate) fn u16(&mut self, v: u16) {
        self.bytes(&v.to_be_bytes());
    }

    pub(crate) fn u32(&mut self, v: u32) {
        self.bytes(&v.to_be_bytes());
    }

    pub(crate) fn u64(&mut self, v: u64) {
        self.bytes(&v.to_be_bytes());
    }

    pub(crate) fn i64(&mut self, v: i64) {
        self.bytes(&v.to_be_bytes());
    }

    /// Writes a u16-length-prefixed blob; callers validate lengths before (entries are
    /// checked on insert), so an over-long value is cut at the u16 limit rather than panic.
    pub(crate) fn blob(&mut self, b: &[u8]) {
        let len = u16::try_from(b.len()).unwrap_or(u16::MAX);
        self.u16(len);
        self.bytes(b.get(..usize::from(len)).unwrap_or(b));
    }

    pub(crate) fn opt_string(&mut self, s: Option<&str>) {
        match s {
            None => self.u8(0),
            Some(s) => {
                self.u8(1);
                self.blob(s.as_bytes());
            }
        }
    }
}
