//! Bad input gives a clear compile error at the offending tokens. The expected compiler
//! output (`tests/ui/*.stderr`) is rustc 1.95's, the toolchain `rust-toolchain.toml` pins.
//!
//! The suite holds compile-fail cases only, so trybuild builds them with `cargo check`
//! (it switches to `cargo build` only when a suite has passing cases): every error here is
//! one `cargo check`, and so the editor, reports.

#[test]
fn compile_fail() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
