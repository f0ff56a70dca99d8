//! torchinfo's "Total mult-adds": its rule, on the report's modules.

use super::Report;

impl Report {
    /// torchinfo 1.8's `Total mult-adds` (`torchinfo.summary(model, input_data = x)`):
    /// for every call of a leaf module (one with no child module), each of its own
    /// parameter tensors named `weight` or `bias` (a tied weight included, as
    /// `named_parameters()` of that module yields it) counts `numel(tensor) ·
    /// output[0]`, or, when its class name contains `Conv` (`Conv2d`, GPT-2's `Conv1D`),
    /// `numel(tensor) · output[0] · prod(output[2..])`; other tensors (a class token)
    /// and containers count nothing. So a linear layer on `[1, 128, 768]` counts its
    /// parameters once: torchinfo's figure is no FLOP count, but it is what it prints.
    /// Exact for all 15 reference models (`tests/conventions.rs`). O(modules).
    pub fn torchinfo_mult_adds(&self) -> u128 {
        let mut total: u128 = 0;
        for m in self.modules() {
            if m.calls() == 0 || m.children().next().is_some() {
                continue;
            }
            let Some(out) = m.output() else { continue };
            let dims = out.dims();
            let batch = dims.first().copied().unwrap_or(1) as u128;
            let per = if m.class().contains("Conv") {
                dims.iter()
                    .skip(2)
                    .fold(batch, |n, &d| n.saturating_mul(d as u128))
            } else {
                batch
            };
            let tensors = match m.layer() {
                Some(_) => m.all_layer_parameters(),
                None => m.parameters(),
            };
            for (name, shape) in tensors {
                if name == "weight" || name == "bias" {
                    let n = shape
                        .checked_numel()
                        .unwrap_or(u128::MAX)
                        .saturating_mul(per)
                        .saturating_mul(m.calls() as u128);
                    total = total.saturating_add(n);
                }
            }
        }
        total
    }
}
