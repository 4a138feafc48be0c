//! Interoperability tests against real peers live in `tests/*.rs`; this crate has no code.
