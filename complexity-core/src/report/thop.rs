//! thop's `profile(model, inputs)` figures of a report (the rules:
//! [`Convention::Thop`](crate::Convention::Thop)).

use super::Report;
use crate::convention::Convention;

impl Report {
    /// thop 0.1.1's `profile(model, (x,))`: `(macs, params)`, as it counts them in eval
    /// mode: [`Convention::Thop`]'s figures of the model. Exact for the 15 reference
    /// models (`tests/conventions.rs`). O(1).
    pub fn thop(&self) -> (u128, u64) {
        let c = &self.totals.cost;
        (Convention::Thop.flops(c), Convention::Thop.params(c))
    }
}
