//! The operations of a forward program other than child calls: what each step reads (its
//! operands) and its shape and cost rule, dispatched to the layer family that owns the
//! rule (`crate::layer::*`).

use crate::convention::{Use, elementwise, product};
use crate::cost::{Cost, OpKind, ZeroOp, activations, flops_product};
use crate::error::{Error, ErrorKind};
use crate::layer::einsum::{MAX_OPERANDS, einsum};
use crate::layer::elementwise::{binary, broadcast};
use crate::layer::matmul::matmul;
use crate::layer::numel;
use crate::layer::reshape::{
    cat, dim_index, expand, permute, piece, reduce, reshape, select, transpose, unflatten,
};
use crate::layer::{AdaptiveAvgPool2d, Flatten, Layer, Size, tri};
use crate::mode::Mode;
use crate::module::{ExpandSize, Param, SizeArg, Step};
use crate::ops::{CostRule, OPS, ShapeRule, Spelling};
use crate::shape::{MAX_RANK, Shape};

/// Operand `k` of `step` (the values it reads, in order), or `None` past the last: the
/// one description of a step's operands, for checking, for liveness and for the peak.
/// O(1), except `expand`'s `v.size(d)` operands, O(sizes).
pub(crate) const fn operand(step: &Step, k: usize) -> Option<usize> {
    match *step {
        Step::Call { inputs, .. }
        | Step::CallAt { inputs, .. }
        | Step::Functional { inputs, .. }
        | Step::Cat { inputs, .. }
        | Step::Einsum { inputs, .. }
        | Step::Op { inputs, .. } => {
            if k < inputs.len() {
                Some(inputs[k])
            } else {
                None
            }
        }
        Step::Binary { left, right, .. }
        | Step::MatMul { left, right }
        | Step::Choose {
            then: left,
            otherwise: right,
            ..
        } => match k {
            0 => Some(left),
            1 => Some(right),
            _ => None,
        },
        Step::OpSized { inputs, dims, .. } => {
            if k < inputs.len() {
                Some(inputs[k])
            } else {
                size_read(dims, k - inputs.len())
            }
        }
        Step::New { sizes, .. } => size_read(sizes, k),
        Step::Reshape { input, sizes, .. }
        | Step::Unflatten { input, sizes, .. }
        | Step::Resize {
            input, size: sizes, ..
        } => {
            if k == 0 {
                Some(input)
            } else {
                size_read(sizes, k - 1)
            }
        }
        Step::Expand { input, sizes } => {
            if k == 0 {
                return Some(input);
            }
            // The values whose sizes it copies, `v.size(d)`.
            let mut seen = 0;
            let mut i = 0;
            while i < sizes.len() {
                if let ExpandSize::Like(w, _) = sizes[i] {
                    seen += 1;
                    if seen == k {
                        return Some(w);
                    }
                }
                i += 1;
            }
            None
        }
        Step::Weighted {
            input,
            weight,
            bias,
            ..
        } => {
            let mut n = 0;
            let all = [Some(input), weight, bias];
            let mut i = 0;
            while i < all.len() {
                if let Some(v) = all[i] {
                    if n == k {
                        return Some(v);
                    }
                    n += 1;
                }
                i += 1;
            }
            None
        }
        Step::Layer { input, .. }
        | Step::AdaptiveAvgPool2d { input, .. }
        | Step::Flatten { input, .. }
        | Step::Transpose { input, .. }
        | Step::Permute { input, .. }
        | Step::Select { input, .. }
        | Step::Piece { input, .. } => {
            if k == 0 {
                Some(input)
            } else {
                None
            }
        }
        Step::Param { .. }
        | Step::ChildParam { .. }
        | Step::Scalar
        | Step::SkipUnless { .. }
        | Step::Output { .. } => None,
    }
}

/// The value the `k`-th size read among `sizes` reads (`v` of `v.size(d)`), if any.
/// O(sizes).
const fn size_read(sizes: &[SizeArg], k: usize) -> Option<usize> {
    let mut seen = 0;
    let mut i = 0;
    while i < sizes.len() {
        if let SizeArg::Like(w, _) | SizeArg::MinusLike(w, _) | SizeArg::All(w) = sizes[i] {
            if seen == k {
                return Some(w);
            }
            seen += 1;
        }
        i += 1;
    }
    None
}

/// Whether a step's value holds no tensor elements of its own (a parameter, a number, an
/// `if`'s guard), so it counts for nothing in the activation peak.
pub(crate) const fn holds_nothing(step: &Step) -> bool {
    matches!(
        step,
        Step::Param { .. } | Step::ChildParam { .. } | Step::Scalar | Step::SkipUnless { .. }
    )
}

/// The output shape and cost of a step that is not a child call, from the values it
/// reads (`values[v]`) and the module's own parameters; a functional layer step puts the
/// layer it applied (its sizes inferred: what its saved rule reads) in `applied`.
/// O(rank · operands).
pub(crate) const fn eval(
    step: &Step,
    values: &[Shape],
    params: &[Param],
    mode: Mode,
    applied: &mut Option<Layer>,
) -> Result<(Shape, Cost), Error> {
    Ok(match *step {
        Step::Layer { input, layer } => {
            let (y, c, l) = tri!(functional(layer, values[input], mode));
            *applied = Some(l);
            (y, c)
        }
        Step::Resize { input, layer, size } => {
            tri!(resize(values[input], layer, size, values, mode))
        }
        Step::Call { .. }
        | Step::CallAt { .. }
        | Step::ChildParam { .. }
        | Step::Functional { .. }
        | Step::Output { .. } => {
            return Err(description("a child call evaluated as an operation"));
        }
        Step::Param { index: p } => {
            if p >= params.len() {
                return Err(description("a step refers to a missing parameter"));
            }
            (params[p].shape, Cost::ZERO)
        }
        Step::Scalar | Step::SkipUnless { .. } => (Shape::SCALAR, Cost::ZERO),
        Step::Binary { op, left, right } => tri!(binary(op, values[left], values[right])),
        Step::Op {
            op,
            inputs,
            dims,
            keepdim,
            spelling,
            ..
        } => tri!(table_op(op, inputs, dims, keepdim, spelling, values)),
        Step::OpSized {
            op,
            inputs,
            dims,
            keepdim,
            spelling,
            ..
        } => {
            let (read, n) = tri!(resolve_sizes(dims, values));
            if n != dims.len() {
                return Err(Error::new(ErrorKind::Invalid {
                    layer: if op < OPS.len() {
                        OPS[op].name
                    } else {
                        "operation"
                    },
                    reason: "a whole shape (`v.shape`, `v.size()`) where one number is expected: read one size, `v.size(d)`",
                }));
            }
            tri!(table_op(
                op,
                inputs,
                read.split_at(n).0,
                keepdim,
                spelling,
                values
            ))
        }
        Step::MatMul { left, right } => tri!(matmul(values[left], values[right])),
        Step::Einsum { inputs, equation } => {
            let mut shapes = [Shape::SCALAR; MAX_OPERANDS];
            let mut k = 0;
            while k < inputs.len() && k < MAX_OPERANDS {
                shapes[k] = values[inputs[k]];
                k += 1;
            }
            if inputs.len() > MAX_OPERANDS {
                return Err(description("an einsum of more than two operands"));
            }
            tri!(einsum(equation, shapes.split_at(inputs.len()).0))
        }
        Step::Weighted {
            layer,
            input,
            weight,
            bias,
        } => {
            let weight = match weight {
                Some(w) => Some(values[w]),
                None => None,
            };
            let bias = match bias {
                Some(b) => Some(values[b]),
                None => None,
            };
            let layer = tri!(layer.with_weights(weight, bias));
            let (y, c, l) = tri!(functional(&layer, values[input], mode));
            *applied = Some(l);
            (y, c)
        }
        // `F.adaptive_avg_pool2d(x, size)`, as PyTorch writes it.
        Step::AdaptiveAvgPool2d { input, output } => {
            let pool = Layer::AdaptivePool(AdaptiveAvgPool2d::new(output));
            let (y, c, _) = tri!(functional(&pool, values[input], mode));
            (y, c)
        }
        Step::Flatten {
            input,
            start_dim,
            end_dim,
        } => {
            let a = tri!(Flatten { start_dim, end_dim }.apply(values[input]));
            (a.output, a.cost)
        }
        Step::Unflatten { input, dim, sizes } => {
            let (resolved, n) = tri!(resolve_sizes(sizes, values));
            (
                tri!(unflatten(values[input], dim, resolved.split_at(n).0)),
                Cost::zero(ZeroOp::Reshape),
            )
        }
        Step::New { sizes, .. } => {
            let (resolved, n) = tri!(resolve_sizes(sizes, values));
            let mut dims = [0u64; MAX_RANK];
            let mut k = 0;
            while k < n {
                if resolved[k] < 0 {
                    return Err(Error::new(ErrorKind::Invalid {
                        layer: "new tensor",
                        reason: "sizes are at least 0",
                    }));
                }
                dims[k] = resolved[k] as u64;
                k += 1;
            }
            (Shape::new(dims.split_at(n).0), Cost::zero(ZeroOp::Create))
        }
        Step::Reshape { input, sizes, .. } => {
            let (resolved, n) = tri!(resolve_sizes(sizes, values));
            (
                tri!(reshape(values[input], resolved.split_at(n).0)),
                Cost::zero(ZeroOp::Reshape),
            )
        }
        Step::Transpose { input, dim0, dim1 } => (
            tri!(transpose(values[input], dim0, dim1)),
            Cost::zero(ZeroOp::Reshape),
        ),
        Step::Permute { input, dims } => (
            tri!(permute(values[input], dims)),
            Cost::zero(ZeroOp::Reshape),
        ),
        Step::Select { input, dim, index } => (
            tri!(select(values[input], dim, index)),
            Cost::zero(ZeroOp::Reshape),
        ),
        Step::Piece {
            input,
            dim,
            split,
            index,
            count,
        } => (
            tri!(piece(values[input], dim, split, index, count)),
            Cost::zero(ZeroOp::Reshape),
        ),
        Step::Cat { inputs, dim } => {
            if inputs.is_empty() {
                return Err(description("`cat` of no tensors"));
            }
            let mut y = values[inputs[0]];
            let mut k = 1;
            while k < inputs.len() {
                y = tri!(cat(y, values[inputs[k]], dim));
                k += 1;
            }
            (y, Cost::zero(ZeroOp::Cat))
        }
        Step::Expand { input, sizes } => {
            if sizes.len() > MAX_RANK {
                return Err(description("`expand` to more than 8 dimensions"));
            }
            let mut resolved = [0i64; MAX_RANK];
            let mut k = 0;
            while k < sizes.len() {
                resolved[k] = match sizes[k] {
                    ExpandSize::Keep => -1,
                    ExpandSize::Size(n) if n <= i64::MAX as u64 => n as i64,
                    ExpandSize::Size(_) => return Err(crate::cost::overflow("shape")),
                    ExpandSize::Like(w, d) => {
                        let like = values[w];
                        let at = tri!(dim_index("size", d, like, like.rank()));
                        like.dim(at) as i64
                    }
                };
                k += 1;
            }
            (
                tri!(expand(values[input], resolved.split_at(sizes.len()).0)),
                Cost::zero(ZeroOp::Reshape),
            )
        }
        Step::Choose {
            cond,
            then,
            otherwise,
        } => (values[if cond { then } else { otherwise }], Cost::ZERO),
    })
}

/// A row of the operation table on its inputs: its shape rule, and its cost rule.
/// O(rank · inputs).
const fn table_op(
    op: usize,
    inputs: &[usize],
    dims: &[i64],
    keepdim: bool,
    spelling: Spelling,
    values: &[Shape],
) -> Result<(Shape, Cost), Error> {
    if op >= OPS.len() || inputs.is_empty() {
        return Err(description(
            "an operation outside the table, or with no input",
        ));
    }
    let row = &OPS[op];
    let x = values[inputs[0]];
    let other = if inputs.len() > 1 {
        values[inputs[1]]
    } else {
        Shape::SCALAR
    };
    let output = tri!(table_shape(
        row.name, row.shape, x, other, inputs, dims, keepdim, values
    ));
    let mut cost = match row.cost {
        CostRule::Zero(zero) => Cost::zero(zero),
        // mmengine has no handle: 0, its multiply-adds kept apart.
        CostRule::Baddbmm => {
            let mut cost = Cost::zero(ZeroOp::Baddbmm);
            let batch1 = values[inputs[1]];
            cost.other_macs = tri!(flops_product(&[
                tri!(numel(batch1)),
                values[inputs[2]].dim(2) as u128
            ]));
            cost
        }
        // The cache holds what `update` is given: here, a new cache's whole content.
        CostRule::Cache => {
            let mut cost = Cost::zero(ZeroOp::KvCache);
            cost.cached = tri!(numel(x));
            cost
        }
        // `[n, c, t] @ [n, t, d]`: n·c·t·d multiply-adds, the output's elements.
        CostRule::Bmm => Cost::op(
            OpKind::Bmm,
            tri!(flops_product(&[tri!(numel(x)), other.dim(2) as u128])),
            tri!(activations(tri!(numel(output)))),
        ),
        // `[c, t] @ [t, d]`: c·t·d multiply-adds; mmengine has no activation rule for mm.
        CostRule::Mm => Cost::op(
            OpKind::Mm,
            tri!(flops_product(&[tri!(numel(x)), other.dim(1) as u128])),
            0,
        ),
        // `input + mat1 [c, t] @ mat2 [t, d]`: c·t·d multiply-adds, the output's elements.
        CostRule::Addmm => Cost::op(
            OpKind::Addmm,
            tri!(flops_product(&[
                tri!(numel(other)),
                values[inputs[2]].dim(1) as u128
            ])),
            tri!(activations(tri!(numel(output)))),
        ),
    };
    // ptflops and calflops, for the spellings they see: a product's multiply-adds (plus
    // `addmm`'s and `baddbmm`'s added input), else the input's elements.
    cost.tools = match row.cost {
        CostRule::Bmm | CostRule::Mm => tri!(product(Some(op), spelling, cost.flops, 0)),
        CostRule::Addmm => tri!(product(Some(op), spelling, cost.flops, tri!(numel(x)))),
        CostRule::Baddbmm => tri!(product(Some(op), spelling, cost.other_macs, tri!(numel(x)))),
        CostRule::Zero(_) | CostRule::Cache => tri!(elementwise(op, spelling, x)),
    };
    Ok((output, cost))
}

/// The output shape of a table operation by its shape rule.
#[allow(clippy::too_many_arguments)]
const fn table_shape(
    name: &'static str,
    rule: ShapeRule,
    x: Shape,
    other: Shape,
    inputs: &[usize],
    dims: &[i64],
    keepdim: bool,
    values: &[Shape],
) -> Result<Shape, Error> {
    // The integer arguments and tensors each rule reads (the derive always gives them; a
    // hand-built description may not).
    let (need_dims, need_inputs) = match rule {
        ShapeRule::Unsqueeze | ShapeRule::Gather | ShapeRule::IndexSelect => (1, 1),
        ShapeRule::RepeatInterleave => (2, 1),
        ShapeRule::Narrow => (3, 1),
        ShapeRule::Slice => (2, 1),
        ShapeRule::Squeeze if dims.len() > 1 => (usize::MAX, 1),
        ShapeRule::Bmm | ShapeRule::Mm => (0, 2),
        ShapeRule::Addmm | ShapeRule::Baddbmm => (0, 3),
        _ => (0, 1),
    };
    let need_inputs = if matches!(rule, ShapeRule::Gather | ShapeRule::IndexSelect) {
        2
    } else {
        need_inputs
    };
    if dims.len() < need_dims || inputs.len() < need_inputs {
        return Err(description(
            "a table operation without the arguments its rule reads",
        ));
    }
    Ok(match rule {
        ShapeRule::Elementwise => {
            let mut y = x;
            let mut k = 1;
            while k < inputs.len() {
                y = tri!(broadcast(name, y, values[inputs[k]]));
                k += 1;
            }
            let mut d = 0;
            while d < dims.len() {
                tri!(dim_index(name, dims[d], y, y.rank()));
                d += 1;
            }
            y
        }
        ShapeRule::InPlace => {
            let mut k = 1;
            while k < inputs.len() {
                let y = tri!(broadcast(name, x, values[inputs[k]]));
                if !y.same(&x) {
                    return Err(Error::new(ErrorKind::Incompatible {
                        op: name,
                        what: "in place, the tensor keeps its shape, and the other does not broadcast to it",
                        left: x,
                        right: values[inputs[k]],
                    }));
                }
                k += 1;
            }
            x
        }
        ShapeRule::Reduce => tri!(reduce(name, x, dims, keepdim)),
        ShapeRule::Unsqueeze => {
            let at = tri!(dim_index(name, dims[0], x, x.rank() + 1));
            match x.try_insert(at, 1) {
                Some(s) => s,
                None => return Err(rank_error(name, x)),
            }
        }
        ShapeRule::Squeeze => {
            let mut out = Shape::SCALAR;
            let only = if dims.is_empty() {
                usize::MAX
            } else {
                tri!(dim_index(name, dims[0], x, x.rank()))
            };
            let mut i = 0;
            while i < x.rank() {
                let drop = x.dim(i) == 1 && (only == usize::MAX || only == i);
                if !drop {
                    out = match out.push(x.dim(i)) {
                        Some(s) => s,
                        None => return Err(rank_error(name, x)),
                    };
                }
                i += 1;
            }
            out
        }
        ShapeRule::Repeat => {
            if dims.len() < x.rank() || dims.len() > MAX_RANK {
                return Err(Error::new(ErrorKind::Reshape {
                    op: "repeat",
                    got: x,
                    why: "it gives fewer counts than the tensor has dimensions, or more than 8",
                }));
            }
            let lead = dims.len() - x.rank();
            let mut out = [0u64; MAX_RANK];
            let mut i = 0;
            while i < dims.len() {
                if dims[i] < 0 {
                    return Err(Error::new(ErrorKind::Reshape {
                        op: "repeat",
                        got: x,
                        why: "the counts are at least 0",
                    }));
                }
                let size = if i >= lead { x.dim(i - lead) } else { 1 };
                out[i] = tri!(times(size, dims[i] as u64));
                i += 1;
            }
            Shape::new(out.split_at(dims.len()).0)
        }
        ShapeRule::RepeatInterleave => {
            let d = tri!(dim_index(name, dims[1], x, x.rank()));
            if dims[0] < 0 {
                return Err(Error::new(ErrorKind::Invalid {
                    layer: "repeat_interleave",
                    reason: "repeats must be at least 0",
                }));
            }
            x.with_dim(d, tri!(times(x.dim(d), dims[0] as u64)))
        }
        ShapeRule::Narrow => {
            let d = tri!(dim_index(name, dims[0], x, x.rank()));
            let size = x.dim(d) as i128;
            let start = if dims[1] < 0 {
                dims[1] as i128 + size
            } else {
                dims[1] as i128
            };
            let length = dims[2] as i128;
            if start < 0 || length < 0 || start + length > size {
                return Err(Error::new(ErrorKind::Invalid {
                    layer: "narrow",
                    reason: "start and start + length must be within the dimension",
                }));
            }
            x.with_dim(d, length as u64)
        }
        ShapeRule::Slice => {
            let d = tri!(dim_index(name, dims[0], x, x.rank()));
            let size = x.dim(d) as i128;
            let start = clamp_index(dims[1] as i128, size);
            let end = if dims.len() > 2 {
                clamp_index(dims[2] as i128, size)
            } else {
                size
            };
            let step = if dims.len() > 3 { dims[3] as i128 } else { 1 };
            if step <= 0 {
                return Err(Error::new(ErrorKind::Invalid {
                    layer: "slice",
                    reason: "slice step must be positive",
                }));
            }
            let len = if end > start {
                (end - start + step - 1) / step
            } else {
                0
            };
            x.with_dim(d, len as u64)
        }
        ShapeRule::Pad => {
            if !dims.len().is_multiple_of(2) || dims.len() / 2 > x.rank() {
                return Err(Error::new(ErrorKind::Invalid {
                    layer: "pad",
                    reason: "the padding is (left, right) pairs, at most one per dimension",
                }));
            }
            let mut out = x;
            let mut k = 0;
            while k < dims.len() / 2 {
                let d = x.rank() - 1 - k;
                let size = x.dim(d) as i128 + dims[2 * k] as i128 + dims[2 * k + 1] as i128;
                if size < 0 || size > i64::MAX as i128 {
                    return Err(Error::new(ErrorKind::Invalid {
                        layer: "pad",
                        reason: "a padded size would be negative",
                    }));
                }
                out = out.with_dim(d, size as u64);
                k += 1;
            }
            out
        }
        ShapeRule::IndexSelect => {
            let d = tri!(dim_index(name, dims[0], x, x.rank()));
            if other.rank() > 1 {
                return Err(Error::new(ErrorKind::Incompatible {
                    op: "index_select",
                    what: "the index has more than one dimension (flatten it)",
                    left: x,
                    right: other,
                }));
            }
            let n = if other.rank() == 0 { 1 } else { other.dim(0) };
            x.with_dim(d, n)
        }
        ShapeRule::Gather => {
            tri!(dim_index(name, dims[0], x, x.rank()));
            if other.rank() != x.rank() {
                return Err(Error::new(ErrorKind::Incompatible {
                    op: "gather",
                    what: "the index has another rank than the tensor",
                    left: x,
                    right: other,
                }));
            }
            other
        }
        ShapeRule::Bmm => {
            if x.rank() != 3
                || other.rank() != 3
                || x.dim(0) != other.dim(0)
                || x.dim(2) != other.dim(1)
            {
                return Err(Error::new(ErrorKind::Incompatible {
                    op: name,
                    what: "the matrices must be [n, c, t] and [n, t, d]",
                    left: x,
                    right: other,
                }));
            }
            Shape::new(&[x.dim(0), x.dim(1), other.dim(2)])
        }
        ShapeRule::Mm => {
            if x.rank() != 2 || other.rank() != 2 || x.dim(1) != other.dim(0) {
                return Err(Error::new(ErrorKind::Incompatible {
                    op: name,
                    what: "the matrices must be [c, t] and [t, d]",
                    left: x,
                    right: other,
                }));
            }
            Shape::new(&[x.dim(0), other.dim(1)])
        }
        ShapeRule::Addmm | ShapeRule::Baddbmm => {
            let product = tri!(table_shape(
                name,
                if matches!(rule, ShapeRule::Addmm) {
                    ShapeRule::Mm
                } else {
                    ShapeRule::Bmm
                },
                other,
                values[inputs[2]],
                inputs.split_at(1).1,
                dims,
                keepdim,
                values
            ));
            // `input` broadcasts to the product's shape, which the result keeps.
            let y = tri!(broadcast(name, x, product));
            if !y.same(&product) {
                return Err(Error::new(ErrorKind::Incompatible {
                    op: name,
                    what: "the added input does not broadcast to the product's shape",
                    left: x,
                    right: product,
                }));
            }
            product
        }
    })
}

/// `F.interpolate(x, size = …)` with sizes read from values: the upsample with that
/// output size, charged here (no parameters). O(sizes + rank).
const fn resize(
    x: Shape,
    layer: &Layer,
    size: &[SizeArg],
    values: &[Shape],
    mode: Mode,
) -> Result<(Shape, Cost), Error> {
    let Layer::Upsample(up) = *layer else {
        return Err(description("a resize of a layer other than an upsample"));
    };
    if size.is_empty() || size.len() > 3 {
        return Err(Error::new(ErrorKind::Invalid {
            layer: "interpolate",
            reason: "`size` has one to three values, one per spatial dimension",
        }));
    }
    let (sizes, n) = tri!(resolve_sizes(size, values));
    let mut dims = [0u64; 3];
    let mut k = 0;
    while k < n {
        if sizes[k] < 0 {
            return Err(Error::new(ErrorKind::Invalid {
                layer: "interpolate",
                reason: "a negative output size",
            }));
        }
        dims[k] = sizes[k] as u64;
        k += 1;
    }
    let mut up = up;
    up.scale_factor = None;
    let (y, c, _) = tri!(functional(
        &Layer::Upsample(up.size(Size::of(dims.split_at(n).0))),
        x,
        mode,
    ));
    Ok((y, c))
}

/// A layer applied functionally (`F.max_pool2d(x, 3)`), charged to the module whose
/// `forward` calls it: its output and cost, without parameters of its own, and the layer
/// with its sizes inferred. O(rank).
const fn functional(layer: &Layer, x: Shape, mode: Mode) -> Result<(Shape, Cost, Layer), Error> {
    let a = tri!(layer.apply(x, mode));
    let mut cost = a.cost;
    cost.params = 0;
    cost.tools = tri!(a.layer.tools(x, a.output, mode, &cost, Use::Functional));
    Ok((a.output, cost, a.layer))
}

/// The sizes of a reshape, `v.size(d)` read from the values. O(sizes).
const fn resolve_sizes(
    sizes: &[SizeArg],
    values: &[Shape],
) -> Result<([i64; MAX_RANK], usize), Error> {
    if sizes.len() > MAX_RANK {
        return Err(Error::new(ErrorKind::Reshape {
            op: "reshape",
            got: Shape::SCALAR,
            why: "more than 8 sizes",
        }));
    }
    let mut out = [0i64; MAX_RANK];
    let mut n = 0;
    let mut k = 0;
    while k < sizes.len() {
        if let SizeArg::All(w) = sizes[k] {
            let like = values[w];
            if n + like.rank() > MAX_RANK {
                return Err(Error::new(ErrorKind::Reshape {
                    op: "reshape",
                    got: like,
                    why: "more than 8 sizes",
                }));
            }
            let mut d = 0;
            while d < like.rank() {
                if like.dim(d) > i64::MAX as u64 {
                    return Err(crate::cost::overflow("shape"));
                }
                out[n] = like.dim(d) as i64;
                n += 1;
                d += 1;
            }
            k += 1;
            continue;
        }
        if n == MAX_RANK {
            return Err(Error::new(ErrorKind::Reshape {
                op: "reshape",
                got: Shape::SCALAR,
                why: "more than 8 sizes",
            }));
        }
        out[n] = match sizes[k] {
            SizeArg::All(_) => 0,
            SizeArg::Fixed(n) => n,
            SizeArg::Like(w, d) | SizeArg::MinusLike(w, d) => {
                let like = values[w];
                let at = tri!(dim_index("size", d, like, like.rank()));
                if like.dim(at) > i64::MAX as u64 {
                    return Err(crate::cost::overflow("shape"));
                }
                if let SizeArg::MinusLike(..) = sizes[k] {
                    -(like.dim(at) as i64)
                } else {
                    like.dim(at) as i64
                }
            }
        };
        n += 1;
        k += 1;
    }
    Ok((out, n))
}

/// A slice bound in `0..=size`: a negative one counted from the end, then clamped, as
/// Python does.
const fn clamp_index(v: i128, size: i128) -> i128 {
    let v = if v < 0 { v + size } else { v };
    if v < 0 {
        0
    } else if v > size {
        size
    } else {
        v
    }
}

/// `size · count` as a size, or an overflow error.
const fn times(size: u64, count: u64) -> Result<u64, Error> {
    match size.checked_mul(count) {
        Some(n) if n <= i64::MAX as u64 => Ok(n),
        _ => Err(crate::cost::overflow("shape")),
    }
}

const fn rank_error(op: &'static str, x: Shape) -> Error {
    Error::new(ErrorKind::Reshape {
        op,
        got: x,
        why: "the result would have more than 8 dimensions",
    })
}

/// An error in a hand-built description (the derive never emits one).
pub(crate) const fn description(what: &'static str) -> Error {
    Error::new(ErrorKind::Description { what })
}
