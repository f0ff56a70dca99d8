//! Bad input gives a clear compile error at the offending tokens. The expected compiler
//! output (`tests/ui/*.stderr`) is rustc 1.95's, the toolchain `rust-toolchain.toml` pins.

#[test]
fn compile_fail() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
