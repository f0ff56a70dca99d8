//! Error accumulation: every error of one derive is reported together.

use std::cell::RefCell;

/// Collects errors while the input is parsed and checked.
#[derive(Default)]
pub struct Ctxt {
    errors: RefCell<Option<syn::Error>>,
}

impl Ctxt {
    /// Records an error.
    pub fn push(&self, error: syn::Error) {
        let mut errors = self.errors.borrow_mut();
        match errors.as_mut() {
            Some(e) => e.combine(error),
            None => *errors = Some(error),
        }
    }

    /// Records an error at `tokens`.
    pub fn error_at<T: quote::ToTokens, M: std::fmt::Display>(&self, tokens: T, message: M) {
        self.push(syn::Error::new_spanned(tokens, message));
    }

    /// Whether any error was recorded so far.
    pub fn has_errors(&self) -> bool {
        self.errors.borrow().is_some()
    }

    /// The errors so far, if any.
    pub fn check(self) -> Result<(), syn::Error> {
        match self.errors.into_inner() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}
