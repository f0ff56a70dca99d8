//! A description's `state_dict` set against the tensors something else holds: a
//! checkpoint's header (the `checkpoint` module, feature `safetensors`) or a burn model
//! (the `burn` module, feature `burn`), under PyTorch's names and layouts.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::report::{Report, StateTensor};
use crate::shape::{DType, Shape};

/// One tensor found elsewhere (a checkpoint, a framework's model): its shape and dtype
/// (safetensors' name: `F32`, `BF16`, `I64`, …).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Stored {
    /// Its shape.
    pub shape: Vec<u64>,
    /// Its dtype as safetensors names it.
    pub dtype: String,
}

/// A tensor in both, with another shape or dtype.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Mismatch {
    /// Its name.
    pub name: String,
    /// The description's tensor.
    pub expected: StateTensor,
    /// Its dtype in the description, as safetensors names it.
    pub expected_dtype: &'static str,
    /// The checkpoint's.
    pub found: Stored,
}

/// What a comparison ([`compare_tensors`]) found.
#[derive(Clone, Default, PartialEq, Eq, Debug)]
pub struct Comparison {
    /// What the description was compared with, as messages name it (`checkpoint`,
    /// `burn model`).
    pub against: &'static str,
    /// Whether dtypes were compared (a checkpoint's; not a burn model's, whose float type
    /// is its backend's).
    pub dtypes: bool,
    /// Tensors in both, alike (a tied name matched by its tensor included).
    pub matched: usize,
    /// In the description, not in the other.
    pub missing: Vec<StateTensor>,
    /// In the other, not in the description.
    pub unexpected: Vec<(String, Stored)>,
    /// In both, with another shape or dtype.
    pub mismatched: Vec<Mismatch>,
}

impl Comparison {
    /// Whether the description and the other hold the same tensors.
    pub fn is_match(&self) -> bool {
        self.missing.is_empty() && self.unexpected.is_empty() && self.mismatched.is_empty()
    }

    /// ` F32` after a shape when dtypes are compared, else nothing.
    fn dtype(&self, dtype: &str) -> String {
        if self.dtypes {
            alloc::format!(" {dtype}")
        } else {
            String::new()
        }
    }
}

impl fmt::Display for Comparison {
    /// A summary line, then one line per difference.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let against = self.against;
        if self.is_match() {
            return writeln!(
                f,
                "the description matches the {against}: {} tensors",
                self.matched
            );
        }
        writeln!(
            f,
            "the description and the {against} differ: {} tensors match, {} missing, {} unexpected, {} mismatched",
            self.matched,
            self.missing.len(),
            self.unexpected.len(),
            self.mismatched.len()
        )?;
        for m in &self.mismatched {
            writeln!(
                f,
                "mismatched {}: the description has {}{}, the {against} {}{}",
                m.name,
                m.expected.shape,
                self.dtype(m.expected_dtype),
                Shape::new(&m.found.shape),
                self.dtype(&m.found.dtype)
            )?;
        }
        for t in &self.missing {
            let role = if t.buffer { "buffer" } else { "parameter" };
            writeln!(
                f,
                "missing {}: {}{} ({role})",
                t.name,
                t.shape,
                self.dtype(dtype_name(t, None))
            )?;
        }
        for (name, s) in &self.unexpected {
            writeln!(
                f,
                "unexpected {name}: {}{}",
                Shape::new(&s.shape),
                self.dtype(&s.dtype)
            )?;
        }
        Ok(())
    }
}

/// Safetensors' name of a description tensor's dtype: `I64` for an integer buffer, else
/// `float`'s (`F32` when none is given).
pub(crate) fn dtype_name(t: &StateTensor, float: Option<DType>) -> &'static str {
    if t.integer {
        return "I64";
    }
    match float.unwrap_or(DType::F32) {
        DType::F64 => "F64",
        DType::F32 => "F32",
        DType::F16 => "F16",
        DType::BF16 => "BF16",
        DType::I8 => "I8",
        // Safetensors has no 4-bit dtype: packed weights are stored as bytes.
        DType::I4 => "U8",
    }
}

/// Compares the description's `state_dict` with `found` (name → shape and dtype), its
/// floating tensors expected in `float`; integer buffers (`num_batches_tracked`) are
/// expected in `int64`, and dtypes compared, when `integers`, else both left out (a
/// framework without them; `against` names it in messages). A tied
/// tensor missing from `found` is matched by the one it is tied to. O((tensors of both) ·
/// log).
pub fn compare_tensors(
    report: &Report,
    found: &BTreeMap<String, Stored>,
    float: DType,
    integers: bool,
    against: &'static str,
) -> Comparison {
    let mut out = Comparison {
        against,
        dtypes: integers,
        ..Comparison::default()
    };
    let mut seen: BTreeMap<&str, ()> = BTreeMap::new();
    let expected = report.state_dict();
    for t in expected.iter().filter(|t| integers || !t.integer) {
        seen.insert(&t.name, ());
        let dtype = dtype_name(t, Some(float));
        let stored = found.get(&t.name).or_else(|| {
            // A tied tensor saved once, under the name it is tied to.
            t.tied.as_ref().and_then(|to| found.get(to))
        });
        match stored {
            None => out.missing.push(t.clone()),
            Some(s) if s.shape == t.shape.dims() && s.dtype == dtype => out.matched += 1,
            Some(s) => out.mismatched.push(Mismatch {
                name: t.name.clone(),
                expected: t.clone(),
                expected_dtype: dtype,
                found: s.clone(),
            }),
        }
    }
    for (name, s) in found {
        if !seen.contains_key(name.as_str()) {
            out.unexpected.push((name.clone(), s.clone()));
        }
    }
    out
}
