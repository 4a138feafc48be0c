//! A strict, bounded protobuf wire-format reader and a small writer.
//!
//! Only what the migration payload needs: varints, length-delimited fields, and skipping of
//! unknown fields of wire types 0, 1, 2 and 5. Groups (3, 4) and reserved types (6, 7) are
//! errors. Lengths are checked against the bytes actually present before anything is sliced,
//! so a declared 2 GiB length allocates nothing.

use super::MigrationError;

/// A field value as read from the wire.
pub(crate) enum Value<'a> {
    Varint(u64),
    Bytes(&'a [u8]),
    /// Fixed 32/64-bit values: never used by the payload, skipped.
    Fixed,
}

pub(crate) struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
    /// Offset of `buf[0]` in the whole payload, for error messages.
    base: usize,
}

fn bad(reason: &'static str, offset: usize) -> MigrationError {
    MigrationError::BadProtobuf { reason, offset }
}

impl<'a> Reader<'a> {
    pub(crate) fn new(buf: &'a [u8], base: usize) -> Self {
        Self { buf, pos: 0, base }
    }

    pub(crate) fn offset(&self) -> usize {
        self.base + self.pos
    }

    fn varint(&mut self) -> Result<u64, MigrationError> {
        let start = self.offset();
        let mut value: u64 = 0;
        for i in 0..10 {
            let byte = *self
                .buf
                .get(self.pos)
                .ok_or_else(|| bad("truncated varint", start))?;
            self.pos += 1;
            value |= u64::from(byte & 0x7f) << (7 * i);
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(bad("varint longer than 10 bytes", start))
    }

    fn take(&mut self, len: usize, what: &'static str) -> Result<&'a [u8], MigrationError> {
        let start = self.offset();
        let end = self.pos.checked_add(len).ok_or_else(|| bad(what, start))?;
        let slice = self
            .buf
            .get(self.pos..end)
            .ok_or_else(|| bad(what, start))?;
        self.pos = end;
        Ok(slice)
    }

    /// Next `(field number, value)`, or `None` at the end of the buffer.
    pub(crate) fn next_field(&mut self) -> Result<Option<(u64, Value<'a>)>, MigrationError> {
        if self.pos >= self.buf.len() {
            return Ok(None);
        }
        let start = self.offset();
        let key = self.varint()?;
        let field = key >> 3;
        if field == 0 {
            return Err(bad("field number 0", start));
        }
        let value = match key & 7 {
            0 => Value::Varint(self.varint()?),
            1 => {
                self.take(8, "truncated fixed64")?;
                Value::Fixed
            }
            2 => {
                let len = self.varint()?;
                let len = usize::try_from(len).map_err(|_| bad("length too large", start))?;
                Value::Bytes(self.take(len, "length past the end")?)
            }
            5 => {
                self.take(4, "truncated fixed32")?;
                Value::Fixed
            }
            _ => return Err(bad("unsupported wire type (group or reserved)", start)),
        };
        Ok(Some((field, value)))
    }
}

/// Appends protobuf fields to a buffer.
#[derive(Default)]
pub(crate) struct Writer {
    pub(crate) buf: zeroize::Zeroizing<Vec<u8>>,
}

impl Writer {
    fn varint(&mut self, mut v: u64) {
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.buf.push(byte);
                return;
            }
            self.buf.push(byte | 0x80);
        }
    }

    pub(crate) fn uint(&mut self, field: u64, v: u64) {
        self.varint(field << 3);
        self.varint(v);
    }

    pub(crate) fn bytes(&mut self, field: u64, v: &[u8]) {
        self.varint((field << 3) | 2);
        self.varint(v.len() as u64);
        self.buf.extend_from_slice(v);
    }
}
