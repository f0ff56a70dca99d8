//! Operations of a `forward` against mmengine: each case is an operation measured by
//! `tests/fixtures/mmengine_ops.py` (torch 2.15, mmengine 0.10.7), written here as a
//! `forward` on the same input; output shape, FLOPs and activations are mmengine's.

use complexity_core::{Complexity, Mode, Shape, analyze};
use serde_json::Value;

macro_rules! case {
    ($name:ident, $forward:expr) => {
        #[derive(Complexity)]
        #[complexity(forward = $forward)]
        struct $name {
            #[complexity(identity)]
            id: (),
        }
    };
}

case!(Unsqueeze, id(x).unsqueeze(1));
case!(SqueezeOne, id(x).squeeze(0));
case!(SqueezeAll, id(x).squeeze());
case!(Cumsum, id(x).cumsum(-1));
case!(Gt, id(x).gt(0));
case!(Eq, {
    let y = id(x);
    y.eq(y)
});
case!(MaskedFill, {
    let y = id(x);
    y.masked_fill(y.gt(0), -1e9)
});
case!(Maximum, {
    let y = id(x);
    torch.maximum(y, y)
});
case!(Minimum, {
    let y = id(x);
    torch.minimum(y, y)
});
case!(Roll, torch.roll(id(x), 1, -1));
case!(Normalize, F.normalize(id(x), 2.0, -1));
case!(RepeatInterleave, id(x).repeat_interleave(2, 1));
case!(Repeat, id(x).repeat((1, 2, 1)));
case!(Narrow, id(x).narrow(2, 1, 3));
case!(Pad, F.pad(id(x), (1, 2)));
case!(Std, id(x).std(-1));
case!(Var, id(x).var(-1));
case!(Erf, torch.erf(id(x)));
case!(Sign, torch.sign(id(x)));
case!(Floor, torch.floor(id(x)));
case!(Log1p, id(x).abs().log1p());
case!(Flip, id(x).flip(-1));

/// The fixture's case `name` against the description `M`, on the fixture's input.
fn check<M: Complexity>(ops: &[Value], name: &str, input: &[u64]) {
    let row = ops
        .iter()
        .find(|r| r["name"] == name)
        .unwrap_or_else(|| panic!("no fixture row {name}"));
    let t = analyze(&M::MODULE, Shape::new(input), Mode::Train).unwrap();
    let out: Vec<u64> = row["output"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_u64().unwrap())
        .collect();
    assert_eq!(t.output.dims(), out, "{name}: output");
    assert_eq!(
        t.cost.flops,
        row["flops"].as_f64().unwrap() as u128,
        "{name}: FLOPs"
    );
    assert_eq!(
        t.cost.activations,
        row["activations"].as_u64().unwrap(),
        "{name}: acts"
    );
}

#[test]
fn operations_match_mmengine() {
    let fixture: Value = serde_json::from_str(include_str!("fixtures/mmengine_ops.json")).unwrap();
    let ops = fixture["ops"].as_array().unwrap();
    let a = [2, 4, 8];
    check::<Unsqueeze>(ops, "unsqueeze(1)", &a);
    check::<SqueezeOne>(ops, "squeeze(0) on [1,4,8]", &[1, 4, 8]);
    check::<SqueezeAll>(ops, "squeeze() on [1,4,1]", &[1, 4, 1]);
    check::<Cumsum>(ops, "cumsum(-1)", &a);
    check::<Gt>(ops, "gt(0)", &a);
    check::<Eq>(ops, "eq", &a);
    check::<MaskedFill>(ops, "masked_fill", &a);
    check::<Maximum>(ops, "maximum", &a);
    check::<Minimum>(ops, "minimum", &a);
    check::<Roll>(ops, "roll", &a);
    check::<Normalize>(ops, "normalize", &a);
    check::<RepeatInterleave>(ops, "repeat_interleave(2,1)", &a);
    check::<Repeat>(ops, "repeat(1,2,1)", &a);
    check::<Narrow>(ops, "narrow(2,1,3)", &a);
    check::<Pad>(ops, "pad(1,2)", &a);
    check::<Std>(ops, "std(-1)", &a);
    check::<Var>(ops, "var(-1)", &a);
    check::<Erf>(ops, "erf", &a);
    check::<Sign>(ops, "sign", &a);
    check::<Floor>(ops, "floor", &a);
    check::<Log1p>(ops, "log1p", &a);
    check::<Flip>(ops, "flip", &a);
}

/// `bmm` and `mm`: mmengine's rules (`numel(a) · b[-1]`; activations for `bmm` only), from
/// the fixture's `[2, 4, 8] @ [2, 8, 5]` (320, 40) and `[4, 8] @ [8, 5]` (160, 0), written
/// with one input as `a @ aᵀ`-style products of the same sizes.
#[test]
fn batched_and_plain_matrix_products() {
    // [2, 4, 8] @ [2, 8, 5]: the second operand is the input's first five columns, moved.
    case!(Bmm, {
        let y = id(x);
        y.bmm(
            y.narrow(1, 0, 4)
                .transpose(1, 2)
                .narrow(2, 0, 4)
                .repeat((1, 1, 2))
                .narrow(2, 0, 5),
        )
    });
    let t = analyze(&Bmm::MODULE, Shape::new(&[2, 4, 8]), Mode::Train).unwrap();
    assert_eq!(t.output.dims(), &[2, 4, 5]);
    assert_eq!((t.cost.flops, t.cost.activations), (320, 40));
    case!(Mm, {
        let y = id(x);
        y.mm(y.transpose(0, 1).repeat((1, 2)).narrow(1, 0, 5))
    });
    let t = analyze(&Mm::MODULE, Shape::new(&[4, 8]), Mode::Train).unwrap();
    assert_eq!(t.output.dims(), &[4, 5]);
    assert_eq!((t.cost.flops, t.cost.activations), (160, 0));
}

case!(EveryOther, id(x).slice(-1, 0, i64::MAX, 2));
case!(Middle, id(x).slice(1, 1, 3));

/// `x[..., 0::2]` and `x[:, 1:3]` as `slice`.
#[test]
fn slices_match_mmengine() {
    let fixture: Value = serde_json::from_str(include_str!("fixtures/mmengine_ops.json")).unwrap();
    let ops = fixture["ops"].as_array().unwrap();
    check::<EveryOther>(ops, "x[..., 0::2]", &[2, 4, 8]);
    check::<Middle>(ops, "x[:, 1:3]", &[2, 4, 8]);
}

case!(Addmm, {
    let y = id(x);
    torch.addmm(
        torch.zeros((4, 5)),
        y,
        y.transpose(0, 1).repeat((1, 2)).narrow(1, 0, 5),
    )
});
case!(Baddbmm, {
    let y = id(x);
    torch.baddbmm(
        torch.zeros((2, 4, 5)),
        y,
        y.narrow(1, 0, 4)
            .transpose(1, 2)
            .narrow(2, 0, 4)
            .repeat((1, 1, 2))
            .narrow(2, 0, 5),
        beta = 1.0,
    )
});

/// `torch.addmm(zeros(4, 5), [4, 8], [8, 5])`: mmengine's addmm rule, 4·8·5 = 160 FLOPs
/// and the 20 output elements; `torch.baddbmm(zeros(2, 4, 5), [2, 4, 8], [2, 8, 5])`: no
/// rule (0, listed among the unsupported ops), so a zero op here.
#[test]
fn addmm_and_baddbmm_match_mmengine() {
    let fixture: Value = serde_json::from_str(include_str!("fixtures/mmengine_ops.json")).unwrap();
    let ops = fixture["ops"].as_array().unwrap();
    check::<Addmm>(ops, "addmm", &[4, 8]);
    check::<Baddbmm>(ops, "baddbmm", &[2, 4, 8]);
    let t = analyze(&Baddbmm::MODULE, Shape::new(&[2, 4, 8]), Mode::Train).unwrap();
    assert_eq!(t.cost.zero_count(complexity_core::ZeroOp::Baddbmm), 1);
    let t = analyze(&Addmm::MODULE, Shape::new(&[4, 8]), Mode::Train).unwrap();
    assert_eq!(t.cost.flops_of(complexity_core::OpKind::Addmm), 160);
}

case!(
    EinsumBmm,
    torch.einsum("bij,bjk->bik", id(x), torch.zeros((2, 8, 5)))
);
case!(EinsumScores, {
    let y = id(x);
    torch.einsum("bhqd,bhkd->bhqk", y, y)
});
case!(
    EinsumImplicit,
    torch.einsum("ij,jk", [id(x), torch.zeros((457, 789))])
);
case!(
    EinsumBroadcastWeight,
    einsum("bnd,md->bnm", id(x), torch.zeros((999, 77)))
);
case!(EinsumRowDot, {
    let y = id(x);
    torch.einsum("ij,ij->i", y, y)
});
case!(
    EinsumHandCounted,
    torch.einsum("nct,ncp->ntp", id(x), torch.zeros((2, 4, 5)))
);
case!(
    EinsumHandCountedToo,
    torch.einsum("ntg,ncg->nct", id(x), torch.zeros((2, 6, 8)))
);

/// `torch.einsum`: mmengine's two hand-counted equations, and numpy's printed estimate
/// halved for the others (`29805000.0` for ViT-B's scores: 12·197·197·64 · 2 + 1 =
/// 59,610,625, printed `5.961e+07`), shapes and activations (the output's elements).
#[test]
fn einsum_matches_mmengine() {
    let fixture: Value = serde_json::from_str(include_str!("fixtures/mmengine_ops.json")).unwrap();
    let ops = fixture["ops"].as_array().unwrap();
    check::<EinsumBmm>(ops, "einsum bij,bjk->bik", &[2, 4, 8]);
    check::<EinsumScores>(ops, "einsum bhqd,bhkd->bhqk", &[1, 12, 197, 64]);
    check::<EinsumImplicit>(ops, "einsum ij,jk", &[123, 457]);
    check::<EinsumBroadcastWeight>(ops, "einsum bnd,md->bnm", &[3, 1000, 77]);
    check::<EinsumRowDot>(ops, "einsum ij,ij->i", &[4096, 4097]);
    check::<EinsumHandCounted>(ops, "einsum nct,ncp->ntp", &[2, 4, 8]);
    check::<EinsumHandCountedToo>(ops, "einsum ntg,ncg->nct", &[2, 4, 8]);
}
