//! Checks a description against a `.safetensors` checkpoint, tensor by tensor, reading
//! only the file's header (feature `safetensors`).
//!
//! A description is written by hand next to the real model, so it can drift from it: a
//! wrong `out`, a forgotten bias, a layer too few. [`Checkpoint::open`] reads the header
//! of a checkpoint (the 8-byte length and the JSON that names every tensor, with its
//! dtype and shape; never the data, so a 100 GB file costs one small read), or of every
//! shard a `model.safetensors.index.json` names, and [`compare`] sets it against the
//! description's [`state_dict`](crate::report::Report::state_dict):
//!
//! - **missing**: in the description, not in the file;
//! - **unexpected**: in the file, not in the description;
//! - **mismatched**: in both, with another shape or dtype.
//!
//! A tied tensor (`tied = "shared"`) is saved once, under one of its names: a tied name
//! absent from the file is matched by the tensor it is tied to.
//!
//! ```
//! use complexity_core::checkpoint::{Checkpoint, compare};
//! use complexity_core::{Complexity, DType, Mode, report::Report};
//!
//! #[derive(Complexity)]
//! #[complexity(input = [1, 4])]
//! struct Head {
//!     #[complexity(linear(out = 3))]
//!     fc: (),
//! }
//!
//! // A checkpoint's header: `fc.weight` saved as [2, 4], `fc.bias` missing.
//! let json = r#"{"fc.weight":{"dtype":"F32","shape":[2,4],"data_offsets":[0,32]}}"#;
//! let mut file = (json.len() as u64).to_le_bytes().to_vec();
//! file.extend_from_slice(json.as_bytes());
//! let checkpoint = Checkpoint::from_header(&file).unwrap();
//!
//! let report = Report::of::<Head>(Head::INPUT, Mode::Eval).unwrap();
//! let diff = compare(&report, &checkpoint, DType::F32);
//! assert!(!diff.is_match());
//! assert_eq!(diff.mismatched[0].name, "fc.weight");
//! assert_eq!(diff.missing[0].name, "fc.bias");
//! assert_eq!(
//!     diff.to_string(),
//!     "the description and the checkpoint differ: 0 tensors match, 1 missing, 0 unexpected, 1 mismatched\n\
//!      mismatched fc.weight: the description has [3, 4] F32, the checkpoint [2, 4] F32\n\
//!      missing fc.bias: [3] F32 (parameter)\n"
//! );
//! ```

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

pub use crate::compare::{Comparison, Mismatch, Stored};
use crate::report::Report;
use crate::shape::DType;

/// The largest header read (safetensors' own limit, 100 MB).
const MAX_HEADER: u64 = 100_000_000;

/// The tensors of a checkpoint, from its header(s): names, shapes and dtypes.
#[derive(Clone, Default, Debug)]
pub struct Checkpoint {
    tensors: BTreeMap<String, Stored>,
}

/// Why a checkpoint could not be read.
#[derive(Debug)]
pub enum CheckpointError {
    /// The file could not be read.
    Io(PathBuf, std::io::Error),
    /// The header is not a safetensors header (too short, too large, not JSON, or not
    /// tensor entries), with the reason.
    Header(PathBuf, String),
    /// A sharded checkpoint's index is not a `{"weight_map": {name: file}}` JSON.
    Index(PathBuf, String),
}

impl fmt::Display for CheckpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CheckpointError::Io(path, e) => write!(f, "{}: {e}", path.display()),
            CheckpointError::Header(path, why) => {
                write!(f, "{}: not a safetensors header: {why}", path.display())
            }
            CheckpointError::Index(path, why) => {
                write!(f, "{}: not a safetensors index: {why}", path.display())
            }
        }
    }
}

impl std::error::Error for CheckpointError {}

impl Checkpoint {
    /// Reads a `.safetensors` file's header, or for a `….index.json` the headers of every
    /// shard its `weight_map` names (next to it). Reads the header bytes only. O(header
    /// size).
    pub fn open(path: impl AsRef<Path>) -> Result<Checkpoint, CheckpointError> {
        let path = path.as_ref();
        if path.to_string_lossy().ends_with(".json") {
            return Checkpoint::open_index(path);
        }
        let io = |e| CheckpointError::Io(path.to_path_buf(), e);
        let mut file = std::fs::File::open(path).map_err(io)?;
        let mut len = [0u8; 8];
        file.read_exact(&mut len).map_err(io)?;
        let n = u64::from_le_bytes(len);
        if n > MAX_HEADER {
            return Err(CheckpointError::Header(
                path.to_path_buf(),
                format!("a header of {n} bytes, past safetensors' limit of {MAX_HEADER}"),
            ));
        }
        let mut header = alloc::vec![0u8; n as usize];
        file.read_exact(&mut header).map_err(io)?;
        Checkpoint::parse(&header).map_err(|why| CheckpointError::Header(path.to_path_buf(), why))
    }

    /// The checkpoint whose file begins with `bytes`: the 8-byte little-endian header
    /// length, then the header (the tensor data may follow or not). O(header size).
    pub fn from_header(bytes: &[u8]) -> Result<Checkpoint, CheckpointError> {
        let err = |why: String| CheckpointError::Header(PathBuf::from("<bytes>"), why);
        let (len, rest) = bytes
            .split_first_chunk::<8>()
            .ok_or_else(|| err("shorter than the 8-byte header length".into()))?;
        let n = u64::from_le_bytes(*len);
        let header = usize::try_from(n)
            .ok()
            .and_then(|n| rest.get(..n))
            .ok_or_else(|| err(format!("the header is {n} bytes, the buffer shorter")))?;
        Checkpoint::parse(header).map_err(err)
    }

    /// The tensors named by a header's JSON.
    fn parse(header: &[u8]) -> Result<Checkpoint, String> {
        let metadata: safetensors::tensor::Metadata =
            serde_json::from_slice(header).map_err(|e| e.to_string())?;
        let tensors = metadata
            .tensors()
            .into_iter()
            .map(|(name, info)| {
                let stored = Stored {
                    shape: info.shape.iter().map(|&d| d as u64).collect(),
                    dtype: format!("{:?}", info.dtype),
                };
                (name, stored)
            })
            .collect();
        Ok(Checkpoint { tensors })
    }

    /// A sharded checkpoint: the union of its shards' tensors.
    fn open_index(path: &Path) -> Result<Checkpoint, CheckpointError> {
        let bad = |why: String| CheckpointError::Index(path.to_path_buf(), why);
        let text = std::fs::read(path).map_err(|e| CheckpointError::Io(path.to_path_buf(), e))?;
        let index: serde_json::Value =
            serde_json::from_slice(&text).map_err(|e| bad(e.to_string()))?;
        let map = index["weight_map"]
            .as_object()
            .ok_or_else(|| bad("no `weight_map` object".into()))?;
        let mut shards: Vec<&str> = Vec::new();
        for (name, file) in map {
            let file = file
                .as_str()
                .ok_or_else(|| bad(format!("`{name}` maps to no file name")))?;
            if !shards.contains(&file) {
                shards.push(file);
            }
        }
        let dir = path.parent().unwrap_or(Path::new(""));
        let mut all = Checkpoint::default();
        for shard in shards {
            let part = Checkpoint::open(dir.join(shard))?;
            all.tensors.extend(part.tensors);
        }
        for name in map.keys() {
            if !all.tensors.contains_key(name) {
                return Err(bad(format!("`{name}` is not in the shard the index names")));
            }
        }
        Ok(all)
    }

    /// Every tensor, by name. O(1).
    pub fn tensors(&self) -> &BTreeMap<String, Stored> {
        &self.tensors
    }
}

/// Compares the description's `state_dict` with a checkpoint, its floating tensors
/// expected in `float` (`DType::BF16` for a checkpoint saved in bfloat16), integer
/// buffers in `int64`. O((tensors of both) · log).
pub fn compare(report: &Report, checkpoint: &Checkpoint, float: DType) -> Comparison {
    crate::compare::compare_tensors(report, &checkpoint.tensors, float, true, "checkpoint")
}

/// Panics, listing every difference, unless the description and the checkpoint at
/// `path` hold the same tensors (floats in `float`): for a test next to a model's
/// description.
#[track_caller]
pub fn assert_matches_checkpoint(report: &Report, path: impl AsRef<Path>, float: DType) {
    let path = path.as_ref();
    let checkpoint = Checkpoint::open(path).unwrap_or_else(|e| panic!("{e}"));
    let diff = compare(report, &checkpoint, float);
    assert!(diff.is_match(), "{}: {diff}", path.display());
}
