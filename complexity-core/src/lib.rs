//! What a neural network costs before you run it: parameters, FLOPs (multiply-adds),
//! activations and the shape of every layer's output, computed from an annotated model
//! struct by `#[derive(Complexity)]` and checked by the compiler.
//!
//! Counts follow OpenMMLab mmengine's `get_model_complexity_info` exactly: one FLOP is one
//! multiply-add, biases are not counted, and an op without a cost rule (relu, max pool, the
//! residual `+`) counts 0; activations are the output elements of convolutions and linear
//! layers. A model analysed here and in mmengine gives the same numbers, module by module,
//! and [`Report::table`](report::Report::table) prints mmengine's `out_table` byte for byte.
//!
//! ```
//! use complexity_core::{Complexity, Mode, report::Report};
//!
//! #[derive(Complexity)]
//! #[complexity(input = (3, 32, 32))] // mmengine's input_shape: a batch of 1 is prepended
//! struct Tiny {
//!     #[complexity(conv2d(out = 8, kernel = 3, padding = 1, bias = false))]
//!     conv: (),
//!     #[complexity(batch_norm2d)]
//!     bn: (),
//!     #[complexity(relu)]
//!     relu: (),
//! }
//!
//! // Constants, computed by the compiler: 8·3·3·3 = 216 weights + 2·8 batch-norm weights.
//! const PARAMS: u64 = Tiny::PARAMS;
//! assert_eq!(PARAMS, 232);
//! // conv 8·3·3·3·32·32 = 221,184 FLOPs; batch norm (training) 5 · 8·32·32 = 40,960.
//! assert_eq!(Tiny::FLOPS, 221_184 + 40_960);
//! assert_eq!(Tiny::OUTPUT.dims(), &[1, 8, 32, 32]);
//!
//! // The same walk at run time, module by module.
//! let report = Report::of::<Tiny>(Tiny::INPUT, Mode::Eval).unwrap();
//! assert_eq!(report.module("bn").unwrap().cost().flops, 2 * 8 * 32 * 32);
//! ```
//!
//! # Attributes
//!
//! `#[derive(Complexity)]` goes on a struct with named fields; each field is a module named
//! after it. On the struct:
//!
//! | attribute | meaning |
//! |---|---|
//! | `forward = expr` | how data flows (default: through the fields in declaration order); see below |
//! | `inputs = (a, b)` | the names of `forward`'s inputs, for a module called with several (default: one, `x`); `inputs = ()` for one called with none (BEiT's `relative_position_bias()`, which reads only its own table; arguments that are not tensors, as its `window_size`, are left out) |
//! | `input = (3, 224, 224)` | mmengine's `input_shape`: a batch of 1 is prepended; the analysis runs in `const` items, so totals are constants (`PARAMS: u64`, `FLOPS: u128`, `FLOPS_EVAL: u128`, `ACTIVATIONS: u64`, `PEAK_ACTIVATIONS: u128` (eval mode's peak of live elements), `OUTPUT: Shape`, `INPUT: Shape`, the `const fn`s `param_bytes(DType)`, `peak_activation_bytes(DType)`, `train_bytes(batch, Training)` and `inference_bytes(batch, Inference)` (see "Memory"), and the [`Model`] trait) and a shape mistake fails `cargo check` |
//! | `input = [1, 3, 224, 224]` | the same with the full shape, batch included (token ids: `[1, 128]`) |
//! | `max_params = …`, `max_flops = …`, `max_activations = …`, `max_peak_elements = …` | budgets, with `input`: over budget, `cargo check` fails with both numbers (see [`Budget`]); `budget_mode = "eval"` checks eval-mode figures (default: training, mmengine's) |
//! | `max_train_bytes = (80_000_000_000, Training::mixed(DType::BF16, Optimizer::AdamW))`, `max_inference_bytes = (24_000_000_000, Inference::new(DType::I4, DType::BF16))` | memory budgets, with `input`: a pair of the limit in bytes (`u128`) and how the model trains ([`memory::Training`]) or serves ([`memory::Inference`]); training memory is checked on the training-mode figures and inference memory on the eval-mode ones, whatever `budget_mode` says (see "Memory"): `evaluation panicked: training bytes 19.456K (19456) exceed the budget 10K (10000)` |
//! | `class = "ResNet"` | the class name reports print (default: the struct's name) |
//! | `extra_repr = "…"` | what `out_arch` prints inside the module's parentheses, PyTorch's `extra_repr()` (default: nothing). Like `class`, any const `&str` expression: a literal, a constant, or text built from const generics with [`Repr`] (`extra_repr = Repr::new().tuple(&[H]).str(", eps=1e-06").as_str()` prints `(512,), eps=1e-06` for `H = 512`) |
//! | `sequential` | an `nn.Sequential` (write `class = "Sequential"` too: the class is the struct's name otherwise, and torchinfo's and mmengine's outputs print the class): children named by position `0`, `1`, …, run in order (its fields may be layer kinds, derived blocks, arrays and `sequential(…)`s, mixed, as an `nn.Sequential` holds any modules); with a `forward`, an `nn.Sequential` subclass that overrides it (torchvision's): named by position, run as `forward` says (which then names them by field, and may take `inputs`, `parameter`s and `uncalled` fields) |
//! | `prefix = "denselayer"`, `start = 1` | with `sequential`: the children are named `{prefix}{start + position}` (torchvision's `_DenseBlock`: `denselayer1`, `denselayer2`, …; a spliced sequence or fragment continues the numbering); defaults `""` and `0`; on a struct that names its children by field, an error |
//! | `fragment` | not a module: its fields take the next positions of the `sequential` struct that holds it (the layers `make_layers` appends to a list) |
//! | `crate = path` | where `complexity_core` is, for crates that re-export it |
//!
//! On a field, one of:
//!
//! | attribute | meaning |
//! |---|---|
//! | a layer kind, e.g. `conv2d(out = 64, kernel = 7, stride = 2, padding = 3, bias = false)` | the field is that layer, whatever its type (a burn or candle layer, or a marker like `()`) |
//! | `sequential(kind(…), kind(…), …)` | an `nn.Sequential` of layers, named `0`, `1`, …; `sequential()` is an empty one, which returns its input (mmengine: `N/A`) |
//! | `parameter(shape = (1, 1, 768))` | a parameter of the struct's own module (ViT's `class_token`), a value in `forward` |
//! | `buffer(shape = (32,))`, `buffer(shape = (32,), persistent = false)` | a buffer of the struct's own module (`register_buffer`: a position table; a rotary embedding's `inv_freq`, registered with `persistent=False`), a value in `forward`, not counted as a parameter ([`report::ModuleStats::buffers`]); in the `state_dict` ([`Report::state_dict`](report::Report::state_dict)) unless `persistent = false` |
//! | `skip` | not part of the model |
//! | nothing | the field's type implements [`Complexity`]: a derived block, an array `[Block; N]` or a tuple, which act like `nn.Sequential` |
//!
//! and any of these options:
//!
//! | option | meaning |
//! |---|---|
//! | `when = const_bool` | the child exists only when true (a missing child is not listed, and calling it passes its input through, like torchvision's `if self.downsample is not None`) |
//! | `class = "…"`, `extra_repr = "…"` | what reports print for it (`class = "ModuleList"`, `class = "GELUActivation", extra_repr = ""`), overriding the struct's or layer's own; any const `&str` expression (see [`Repr`]); also on the items of `sequential(…)` (`sequential(conv3d(…, class = "Conv3DSimple"), batch_norm3d)`) |
//! | `rename = "self"` | its module name, when that is not a valid Rust field name |
//! | `prefix = "encoder_layer_"` | a sequence's children (an array, a tuple, `sequential(…)`, a `sequential` struct) are named `encoder_layer_0`, …; on a layer or a struct naming its children by field, an error at the prefix |
//! | `splice` | in a `sequential` struct, the sequence's children take positions here instead of nesting |
//! | `uncalled` | a module the model has (its parameters count) but `forward` never calls: mmengine prints `N/A` for it |
//! | `frozen` | its parameters, and its descendants', need no gradient (PyTorch's `requires_grad_(False)`, Whisper's `embed_positions`): they still count as parameters ([`Cost::frozen`] says how many), but training memory gives them no gradient and no optimizer state, and autograd keeps nothing for their weights' gradients (see "Memory"); on a `parameter` or `buffer` field, an error |
//! | `tied = "shared"` | on a layer field (not an item of `sequential(…)`): its `weight` is that of the module at this path from the model (tied weights, PyTorch's `b.weight = a.weight`: BART's `encoder.embed_tokens` and `decoder.embed_tokens` share `shared.weight`; a head tied to the input embedding). It runs as usual, but the weight is counted and listed only there, as mmengine counts `named_parameters()`; a bias stays its own. [`Report::new`](report::Report::new) checks the path: naming no module, a module tied itself, or a weight of another shape is an [`ErrorKind::Tied`] (the compile-time constants do not resolve paths: build a `Report` once, in a test) |
//!
//! Argument values are Rust const expressions (`out = OUT * 4` with a const generic);
//! counts and sizes are `usize`, sizes may be one number (the same in every dimension) or
//! a tuple with one per spatial dimension. Input channels and features (`in`,
//! `num_features`, `normalized_shape`) may be omitted, then inferred from the incoming
//! shape, or given, then checked. The layer kinds, each documented with its cost rule:
//!
//! | kind | arguments (required first) | rules in |
//! |---|---|---|
//! | `conv1d`, `conv2d`, `conv3d` | `out`, `kernel`; `in`, `stride`, `padding`, `dilation`, `groups`, `bias` | [`layer::Conv`] |
//! | `conv_transpose1d`, `conv_transpose2d`, `conv_transpose3d` | the same and `output_padding` | [`layer::Conv`] |
//! | `batch_norm1d`, `batch_norm2d`, `batch_norm3d` | `num_features`, `eps`, `momentum`, `affine`, `bias`, `track_running_stats` | [`layer::BatchNorm`] |
//! | `instance_norm1d`, `instance_norm2d`, `instance_norm3d` | `num_features`, `eps`, `momentum`, `affine` (default `false`), `track_running_stats` | [`layer::InstanceNorm`] |
//! | `layer_norm` | `normalized_shape`, `eps`, `elementwise_affine`, `bias` | [`layer::LayerNorm`] |
//! | `rms_norm` (`torch.nn.RMSNorm`) | `normalized_shape`, `eps`, `elementwise_affine` | [`layer::RmsNorm`] (0 FLOPs) |
//! | `group_norm` | `num_groups`; `num_channels`, `eps`, `affine`, `bias` | [`layer::GroupNorm`] |
//! | `relu`, `relu6`, `silu`, `hardswish`, `hardsigmoid`, `mish` | `inplace` | [`layer::Activation`] (0 FLOPs) |
//! | `elu` | `alpha`, `inplace` | [`layer::Activation`] (0 FLOPs) |
//! | `leaky_relu` | `negative_slope`, `inplace` | [`layer::Activation`] (0 FLOPs) |
//! | `hardtanh` | `min_val`, `max_val`, `inplace` | [`layer::Activation`] (0 FLOPs) |
//! | `softplus` | `beta`, `threshold` | [`layer::Activation`] (0 FLOPs) |
//! | `prelu` | `num_parameters` (1 parameter, or one per channel) | [`layer::Activation`] (0 FLOPs) |
//! | `glu` | `dim` (halved) | [`layer::Activation`] (0 FLOPs) |
//! | `gelu` | `approximate = "none"` or `"tanh"` | [`layer::Activation`] (0 FLOPs) |
//! | `tanh`, `sigmoid`, `identity` | | [`layer::Activation`] (0 FLOPs) |
//! | `softmax`, `log_softmax` | `dim` | [`layer::Activation`] (0 FLOPs) |
//! | `dropout` | `p`, `inplace` | [`layer::Activation`] (0 FLOPs) |
//! | `stochastic_depth` (torchvision's `StochasticDepth`) | `p`, `mode = "row"` or `"batch"` | [`layer::Activation`] (0 FLOPs; in eval mode or with `p = 0.0` no operation at all, so `N/A`) |
//! | `max_pool1d`, `max_pool2d`, `max_pool3d` | `kernel`; `stride`, `padding`, `dilation`, `ceil_mode` | [`layer::Pool`] (0 FLOPs) |
//! | `avg_pool1d`, `avg_pool2d`, `avg_pool3d` | `kernel`; `stride`, `padding`, `ceil_mode`, `count_include_pad` | [`layer::Pool`] (0 FLOPs) |
//! | `adaptive_avg_pool1d`, `adaptive_avg_pool2d`, `adaptive_avg_pool3d`, `adaptive_max_pool1d`, `adaptive_max_pool2d`, `adaptive_max_pool3d` | `output_size` | [`layer::AdaptivePool`] (2-d average: `numel(input)`; the others 0) |
//! | `upsample` | `size` or `scale_factor = 2.0`; `mode = "nearest"` (default), `"bilinear"`, `"linear"`, `"bicubic"`, `"trilinear"`, `"nearest-exact"`; `align_corners` | [`layer::Upsample`] |
//! | `pixel_shuffle`, `pixel_unshuffle` | `upscale_factor` / `downscale_factor` | [`layer::PixelShuffle`] (0 FLOPs) |
//! | `flatten` | `start_dim`, `end_dim` | [`layer::Flatten`] (0 FLOPs) |
//! | `permute` (torchvision's `Permute`) | `dims = (0, 2, 3, 1)` (negative counts from the end) | [`layer::Permute`] (0 FLOPs) |
//! | `linear` | `out`; `in`, `bias` | [`layer::Linear`] |
//! | `gpt2_conv1d` | `out`; `in` | [`layer::Gpt2Conv1D`] (transformers' `Conv1D`, op `addmm`) |
//! | `embedding` | `num_embeddings`, `embedding_dim`; `padding_idx` | [`layer::Embedding`] (0 FLOPs) |
//!
//! `forward` is a small Rust expression over the field names and the inputs (`x`):
//!
//! | written | meaning | cost rule in |
//! |---|---|---|
//! | `conv1(x)`, `output(a, b)` | apply a child; a child may be called several times (ALBERT's shared layer, `norm(layer(norm(layer(x))))` for a Python loop): its parameters count once, its FLOPs and activations at every call, as in mmengine | the child's |
//! | `layers[0](x)`, `layers[-1](x, mask)`, `layers[i](x)` in `for i in 0..4` | one element of a sequence field (an array, a tuple, `sequential(…)`), as Python's `self.layers[0](x)`; the index is an integer literal (negative from the end) or a loop's counter. The sequence is not called as a whole (its `calls()` counts its elements' calls): each element counts its parameters once, whether called by index, as part of the whole sequence or both, its FLOPs at every call, and an element never called is listed with its parameters as never called (`N/A`; a layer never called needs its `in` given). An index past the end is an error at the call naming the field and the length; a child that is a struct, a `sequential` struct's children, a `splice`d sequence and a child whose `when` is false are not indexed | the element's |
//! | `out_proj.functional(x)` | the child's computation on its weights (`F.linear(x, self.out_proj.weight)`), charged here; the child itself is never called | the child's |
//! | `a + b`, `a - b`, `a * b`, `a / b`, with a number or tensor | elementwise, broadcasting, shapes checked | [`layer::elementwise`] (0) |
//! | `matmul(a, b)`, `a.matmul(b)` | matrix product, as `torch.matmul` | [`layer::matmul`] |
//! | `torch.einsum("bhqd,bhkd->bhqk", q, k)`, `torch.einsum("ij,jk", [a, b])` | Einstein summation of one or two tensors, the equation a string literal (letters, `,`, `->`; implicit output as PyTorch's; no `...`: more operands or `...` are an error) | [`layer::einsum`] (mmengine's rule, numpy's printed estimate included) |
//! | `F.linear(x, weight, bias)` (also `x.linear(weight)`), `F.conv1d(x, weight, bias, stride, padding, dilation, groups)` (and `conv2d`, `conv3d`, `conv_transpose1d`…`3d` with `output_padding`), `F.layer_norm(x, (768,), weight, bias, eps)`, `F.group_norm(x, 8, weight, bias, eps)`, `F.embedding(ids, weight, padding_idx)` | a layer applied with weights that are values of `forward`: this struct's `parameter`s, or computed (weight norm's `let weight = weight_g * weight_v;`); arguments by position in PyTorch's order or by keyword, `bias = None` or left out for none. The weight gives the sizes (`[out, in / groups, k…]` for a convolution; `normalized_shape` and `num_groups` are written), the layer's rule the cost, charged here (with mmengine: a layer norm or group norm given a weight is affine, 5 FLOPs per element, else 4). An `nn.Embedding` subclass with its own `forward` (BART's scaled embedding) is a struct with a `weight` parameter, an `extra_repr` built with [`Repr`] from its const generics (`Repr::new().usize(N).str(", ").usize(E).as_str()` prints `50265, 1024` as PyTorch does), and `F.embedding(x, weight) * scale` | the layer's |
//! | `x.adaptive_avg_pool2d((1, 1))` | the functional pool, charged here | [`layer::AdaptiveAvgPool2d`] |
//! | `F.max_pool2d(x, 3, 2)`, `F.avg_pool2d(x, kernel_size = 3, stride = 1, padding = 1)`, `F.interpolate(x, scale_factor = 2.0, mode = "bilinear")`, `x.max_pool1d(…)`, `F.adaptive_max_pool2d(x, 1)`, `F.pixel_shuffle(x, 2)` | a layer without weights applied functionally (every pool kind, `upsample`/`interpolate`, the pixel shuffles): its arguments by position in PyTorch's order or by keyword, its rules, charged here; `interpolate`'s `size` may be read from a value when it runs: `size = x.shape[-2..]` (Python's `x.shape[-2:]`), `size = (x.size(2), x.size(3))` | the layer's |
//! | `x.flatten(1)` (also `torch.flatten(x, 1)`: `flatten`, `unflatten`, `reshape`, `transpose`, `permute` and `select` as functions), `x.unflatten(-1, (12, 64))`, `x.reshape((1, -1))`, `x.view(x.size(0), -1)` (a size may be another value's `v.size(d)` or `v.shape[d]`, and all of them `v.shape` or `v.size()`: `y.view(x.shape)`), `x.transpose(1, 2)`, `x.permute((0, 2, 1))` (sizes and dimensions as a tuple or one by one: `x.permute(0, 2, 1)`, `x.view(b, n, -1, 64)`), `x.select(1, 0)` (`x[:, 0]`), `x.expand(x.size(0), -1, -1)`, `cat([a, b], 1)` (also `torch.cat((a, b, c), dim = 1)`; any number of tensors, in a list or a tuple; dimension 0 when omitted), `x.contiguous()` | views and copies | [`layer::reshape`] (0) |
//! | `let (q, k, v) = x.split(768, 2);`, `x.chunk(3, -1)`, `x.split([256, 512], 1)` (sizes adding up to the dimension), `torch.split(x, 768, dim = 2)`, `torch.chunk(x, 3, -1)` | the pieces, as many as the pattern names (`_` for one not used) | [`layer::reshape::piece`] (0) |
//! | `x.softmax(-1)`, `x.rsqrt()`, `x.pow(2)`, `-x`, `x.mean(-1, true)`, `x.sum((1, 2))`, … | the operations of the table below; an integer argument may read a value's size when it runs (`mask.slice(3, 0, k.size(2))`, `x.narrow(1, 0, y.shape[1])`, negated: `bias.slice(2, -x.size(1))` for Python's `bias[:, :, -n:]`), not otherwise computed with (`k.size(2) / 2` is an error) | its row |
//! | `x[:, 0]`, `x[..., 0::2, 0::2, :]`, `x[:, None]`, `x[..., None]`, `x[0]`, `x[:, -3:, 1:7:2]` | Python's subscripts: an integer selects (that dimension goes; negative from the end), `start:stop:step` slices (any part may be left out; a bound may read a size when it runs, `x[:, :y.size(1)]`), `None` inserts a size-1 dimension, `...` stands for the dimensions not named (the items after it count from the last dimension); they are the `select`, `slice` and `unsqueeze` rows below. A tensor alone indexes rows (`table[index]`, Swin's and BEiT's relative position bias: the result has the index's shape followed by the table's other dimensions; `index_select` below) | `x.select`, `x.slice`, `x.unsqueeze`, `x.index_select` |
//! | `class_token` | a `parameter` field's value | |
//! | `let y = …;`, `let y: Tensor = …;`, `{ … }` | name intermediate values | |
//! | `x = norm(layer(x));` | rebind a name that exists (Python's assignment) | |
//! | `for _ in 0..3 { x = layer(x); }`, `for i in 1..6 { x = blocks[i](x); }` | a loop, unrolled by the derive: the range's bounds are integer literals (`0..3`, `0..=2`, at most 256 iterations; a const generic bound is an error: call an array instead); the counter (or `_`) only chooses elements (`blocks[i]`), it is no value; names assigned in the body keep their last values, its `let`s last one iteration | |
//! | `torch.arange(x.size(1))` (also `torch.arange(0, n)`, and `torch.arange(2, 10, 2)` with integer literals), `torch.zeros((b, n))`, `torch.ones(…)`, `torch.empty(…)`, `torch.full((b, n), v)`, `x.zeros_like()`, `x.new_ones((b, n))` (also `new_zeros`, `new_empty`, `new_full((b, n), v)`) | new tensors (sizes may be `v.size(d)`, or a whole shape: `x.new_zeros(x.shape)`): values no operation on the inputs produced | 0 (zero op `create`) |
//! | `(a, b)` as the value of `forward` | a module returning a tuple (a rotary embedding's `(cos, sin)`; a dict of named outputs, as `IntermediateLayerGetter`'s, is a tuple in its order; a `None` in Python's tuple, as `nn.MultiheadAttention`'s weights with `need_weights=False`, is left out), at most [`analysis::MAX_OUTPUTS`] values; its first value is what a plain call gives | |
//! | `let (cos, sin) = rotary_emb(x);`, `let (out, _) = attention(x);` | the values of a child returning a tuple (`_` for one not used; naming more than it returns is an error); Python's `attention(x)[0]` is written so, as indexing a child's result is an error | |
//! | `layers(h, mask, cos, sin)` on an array or tuple field | every element is called with the flowing value first and the other inputs unchanged (`for layer in self.layers: h = layer(h, mask, cos, sin)`); each element declares them with `inputs = (h, mask, cos, sin)` | |
//! | `if CONST { a } else { b }` | only the branch taken runs (MobileNetV2's residual when the shape allows) | |
//! | `x += y;` (also `-=`, `*=`, `/=`) | `x = x + y;` (torchvision's `out += identity`); counted as the operation it spells, in place or not | the operation's |
//! | `let (k, v) = past_key_values.update(k, v, layer_idx);` (any receiver that is not a value of `forward`: `past_key_values.self_attention_cache.update(…)`, `curr_past_key_values.update(…)`; arguments after the second are not read) | a KV cache's `update` as transformers calls it with `use_cache=True`: their elements are what the cache holds after this forward ([`Cost::cached`]; see "Memory"), and `k` and `v` come back as they are, as without a cache (`use_cache=False`, how the reference models' saved bytes were measured); transformers' `DynamicCache` returns `torch.cat([cached, k], -2)`, a copy, so for a training forward with `use_cache=True` write `let k = k.clone(); let v = v.clone();` after it (a copy changes what is kept when `k` or `v` is a view of a larger tensor, a fused qkv's chunk) | 0 (zero op `kv_cache`) |
//!
//! A child's parameter tensors are values too: `x + embed_positions.weight`,
//! `matmul(dt_proj.weight, t) + dt_proj.bias` (Mamba) read the tensor's shape from the
//! child's description (a layer's sizes must then be declared: `in = …`). Reading a
//! tensor does not call the child: mmengine prints `N/A` for a child never called, and
//! its parameters count once, where they are. A misspelt tensor is an error naming it.
//!
//! A `let` may reuse a name, an earlier value's or a field's (`let conv = b.relu();`): from
//! there on the name is that value, as in Python. An `nn.Sequential` built from an
//! `OrderedDict` (DenseNet's `features`, with children `conv0`, `norm0`, …) is a plain
//! struct with `class = "Sequential"` and its fields in that order: the default `forward`
//! runs them in declaration order.
//!
//! # Operations
//!
//! Every operation written as a method, one row each of [`ops::OPS`] (where adding one is
//! one row); each may also be written as a function of its tensor, as `torch.softmax(x, -1)`
//! and `F.relu(x)` are: `softmax(x, -1)`, `relu(x)` (the prefixes `F.`, `torch.`,
//! `nn.functional.` and `torch.nn.functional.` may be written or not; with a prefix the
//! function never calls a field of the same name). The prefix changes no count but
//! ptflops' and calflops' ([`Convention::Ptflops`]): they see `F.gelu(x)` and
//! `nn.functional.gelu(x)`, not a bare `gelu(x)`, `torch.gelu(x)` or `x.gelu()`, nor a
//! function the model's code stored when the module was built
//! (`nn.TransformerEncoderLayer(activation = "gelu")` keeps `F.gelu` in
//! `self.activation`; transformers' `GELUActivation` keeps it in `self.act`): write
//! such a call bare. Arguments are by position, as in
//! PyTorch, or by PyTorch's keyword (`F.softmax(x, dim = -1)`); those in the written form may be
//! left out from the right (`x.gelu()`, `x.mean()` reduces every dimension,
//! `keepdim` defaults to `false`). A tensor argument may be a number literal
//! (`x.pow(2)`); arguments no count depends on (`x.clamp(0.0, 6.0)`, `x.to("bf16")`,
//! `x.to(torch.long)`) are not evaluated. A Python constant that is no tensor is written as
//! its number (`torch.finfo(torch.float32).min` as `-3.4028234663852886e38`). Each rule was measured with mmengine 0.10.7 (the repository's
//! `tests/fixtures/mmengine_ops.json`); an operation without an mmengine rule counts 0 FLOPs
//! and is listed among the zero ops; "saved for backward" is what PyTorch's autograd keeps
//! of it (the [`memory`] analysis's rule); "ptflops, calflops" says which spellings
//! those tools count, as they replace only some of PyTorch's functions: write the
//! operation as the model's code does (`nn.functional.softmax(x, dim = -1)` where
//! transformers calls it so, `x.softmax(-1)` where the code calls the method) for their
//! figures to match ([`Convention::Ptflops`]); "dtype, autocast" is the dtype of its
//! result (promoted from its operands, or set) and what `torch.autocast` does with it
//! (see "Memory": "half" casts float32 operands to half-precision copies, "float32 on
//! CUDA" casts half-precision ones to float32 there).
//!
//! | written | shape | FLOPs (mmengine) | saved for backward | ptflops, calflops | dtype, autocast |
//! |---|---|---|---|---|---|
//! | `x.relu(inplace)` | elementwise (broadcast) | 0 (zero op `relu`) | output | as `F.` | promoted |
//! | `x.relu6(inplace)` | elementwise (broadcast) | 0 (zero op `relu6`) | input | as `F.` | promoted |
//! | `x.gelu()` | elementwise (broadcast) | 0 (zero op `gelu`) | input | as `F.` | promoted |
//! | `x.tanh()` | elementwise (broadcast) | 0 (zero op `tanh`) | output | no | promoted |
//! | `x.sigmoid()` | elementwise (broadcast) | 0 (zero op `sigmoid`) | output | no | promoted |
//! | `x.silu(inplace)` | elementwise (broadcast) | 0 (zero op `silu`) | input | as `F.` | promoted |
//! | `x.hardswish(inplace)` | elementwise (broadcast) | 0 (zero op `hardswish`) | input | no | promoted |
//! | `x.hardsigmoid(inplace)` | elementwise (broadcast) | 0 (zero op `hardsigmoid`) | input | no | promoted |
//! | `x.mish(inplace)` | elementwise (broadcast) | 0 (zero op `mish`) | input | no | promoted |
//! | `x.elu(alpha)` | elementwise (broadcast) | 0 (zero op `elu`) | input | as `F.` | promoted |
//! | `x.leaky_relu(negative_slope)` | elementwise (broadcast) | 0 (zero op `leaky_relu`) | input | ptflops no, calflops as `F.` | promoted |
//! | `x.hardtanh(min_val, max_val)` | elementwise (broadcast) | 0 (zero op `hardtanh`) | input | no | promoted |
//! | `x.softplus(beta, threshold)` | elementwise (broadcast) | 0 (zero op `softplus`) | input | no | promoted; autocast: float32 on CUDA |
//! | `x.softmax(dim, dtype)` | elementwise (broadcast) | 0 (zero op `softmax`) | output | as `F.` | its `dtype`'s, else promoted; autocast: float32 on CUDA |
//! | `x.log_softmax(dim, dtype)` | elementwise (broadcast) | 0 (zero op `log_softmax`) | output | no | its `dtype`'s, else promoted; autocast: float32 on CUDA |
//! | `x.dropout(p, training, inplace)` | elementwise (broadcast) | 0 (zero op `dropout`) | a mask | no | promoted |
//! | `x.pow(exponent)` | elementwise (broadcast) | 0 (zero op `pow`) | input | no | promoted; autocast: float32 on CUDA |
//! | `x.sqrt()` | elementwise (broadcast) | 0 (zero op `sqrt`) | output | no | promoted |
//! | `x.rsqrt()` | elementwise (broadcast) | 0 (zero op `rsqrt`) | output | no | promoted; autocast: float32 on CUDA |
//! | `x.exp()` | elementwise (broadcast) | 0 (zero op `exp`) | output | no | promoted; autocast: float32 on CUDA |
//! | `x.log()` | elementwise (broadcast) | 0 (zero op `log`) | input | no | promoted; autocast: float32 on CUDA |
//! | `x.abs()` | elementwise (broadcast) | 0 (zero op `abs`) | input | no | promoted |
//! | `x.cos()` | elementwise (broadcast) | 0 (zero op `cos`) | input | no | promoted |
//! | `x.sin()` | elementwise (broadcast) | 0 (zero op `sin`) | input | no | promoted |
//! | `x.neg() or -x` | elementwise (broadcast) | 0 (zero op `neg`) | nothing | no | promoted |
//! | `x.clamp(min, max)` | elementwise (broadcast) | 0 (zero op `clamp`) | input | no | promoted |
//! | `x.to(dtype) or x.to(device, dtype)` | elementwise (broadcast) | 0 (zero op `to`) | nothing (a view) | no | its `dtype`'s, else promoted |
//! | `x.type(dtype)` | elementwise (broadcast) | 0 (zero op `to`) | nothing (a view) | no | its `dtype`'s, else promoted |
//! | `x.float()` | elementwise (broadcast) | 0 (zero op `to`) | nothing (a view) | no | float32 |
//! | `x.double()` | elementwise (broadcast) | 0 (zero op `to`) | nothing | no | float32 |
//! | `x.half()` | elementwise (broadcast) | 0 (zero op `to`) | nothing | no | half |
//! | `x.bfloat16()` | elementwise (broadcast) | 0 (zero op `to`) | nothing | no | half |
//! | `x.long()` | elementwise (broadcast) | 0 (zero op `to`) | nothing | no | integer |
//! | `x.int()` | elementwise (broadcast) | 0 (zero op `to`) | nothing | no | integer |
//! | `x.bool()` | elementwise (broadcast) | 0 (zero op `to`) | nothing | no | integer |
//! | `x.clone()` | elementwise (broadcast) | 0 (zero op `clone`) | nothing | no | promoted |
//! | `x.contiguous()` | elementwise (broadcast) | 0 (zero op `reshape`) | nothing | no | promoted |
//! | `x.type_as(other)` | elementwise (broadcast) | 0 (zero op `to`) | nothing (a view) | no | its `dtype`'s, else promoted |
//! | `let (k, v) = past_key_values.update(k, v, layer_idx) (one tensor: k.kv_cache())` | elementwise (broadcast) | 0 (zero op `kv_cache`); its elements are the KV cache's | nothing (a view) | no | promoted |
//! | `x.tril(diagonal)` | elementwise (broadcast) | 0 (zero op `tril`) | nothing | no | promoted |
//! | `x.triu(diagonal)` | elementwise (broadcast) | 0 (zero op `triu`) | nothing | no | promoted |
//! | `x.mean(dim, keepdim)` | reduction | 0 (zero op `mean`) | nothing | no | promoted |
//! | `x.sum(dim, keepdim)` | reduction | 0 (zero op `sum`) | nothing | no | promoted; autocast: float32 on CUDA |
//! | `x.amax(dim, keepdim)` | reduction | 0 (zero op `amax`) | input and output | no | promoted |
//! | `x.amin(dim, keepdim)` | reduction | 0 (zero op `amin`) | input and output | no | promoted |
//! | `x.std(dim, keepdim)` | reduction | 0 (zero op `std`) | input and output | no | promoted |
//! | `x.var(dim, keepdim)` | reduction | 0 (zero op `var`) | input | no | promoted |
//! | `x.norm(p, dim, keepdim)` | reduction | 0 (zero op `norm`) | input and output | no | promoted; autocast: float32 on CUDA |
//! | `x.cumsum(dim)` | elementwise (broadcast) | 0 (zero op `cumsum`) | nothing | no | promoted; autocast: float32 on CUDA |
//! | `cond.where(a, b) or where(cond, a, b)` | elementwise (broadcast) | 0 (zero op `where`) | the bool condition | no | `a`'s and `b`'s (float32 for numbers) |
//! | `x.masked_fill(mask, value)` | elementwise (broadcast) | 0 (zero op `masked_fill`) | the bool condition | no | promoted |
//! | `x.masked_fill_(mask, value)` | in place: `x`'s (the others broadcast to it) | 0 (zero op `masked_fill`) | the bool condition | no | promoted |
//! | `x.fill_(value)` | in place: `x`'s (the others broadcast to it) | 0 (zero op `fill`) | nothing | no | promoted |
//! | `a.logical_and(b) or a & b` | elementwise (broadcast) | 0 (zero op `logical`) | nothing | no | integer |
//! | `a.logical_or(b) or a | b` | elementwise (broadcast) | 0 (zero op `logical`) | nothing | no | integer |
//! | `x.eq(other) or x == other` | elementwise (broadcast) | 0 (zero op `compare`) | nothing | no | integer |
//! | `x.ne(other) or x != other` | elementwise (broadcast) | 0 (zero op `compare`) | nothing | no | integer |
//! | `x.lt(other) or x < other` | elementwise (broadcast) | 0 (zero op `compare`) | nothing | no | integer |
//! | `x.le(other) or x <= other` | elementwise (broadcast) | 0 (zero op `compare`) | nothing | no | integer |
//! | `x.gt(other) or x > other` | elementwise (broadcast) | 0 (zero op `compare`) | nothing | no | integer |
//! | `x.ge(other) or x >= other` | elementwise (broadcast) | 0 (zero op `compare`) | nothing | no | integer |
//! | `x.maximum(other)` | elementwise (broadcast) | 0 (zero op `maximum`) | both inputs | no | promoted |
//! | `x.minimum(other)` | elementwise (broadcast) | 0 (zero op `minimum`) | both inputs | no | promoted |
//! | `x.roll(shifts, dims)` | elementwise (broadcast) | 0 (zero op `roll`) | nothing | no | promoted |
//! | `x.normalize(p, dim) or F.normalize(x, p, dim)` | elementwise (broadcast) | 0 (zero op `normalize`) | input and 2 per row | no | promoted; autocast: float32 on CUDA |
//! | `x.erf()` | elementwise (broadcast) | 0 (zero op `erf`) | input | no | promoted |
//! | `x.sign()` | elementwise (broadcast) | 0 (zero op `sign`) | nothing | no | promoted |
//! | `x.floor()` | elementwise (broadcast) | 0 (zero op `floor`) | nothing | no | promoted |
//! | `x.log1p()` | elementwise (broadcast) | 0 (zero op `log1p`) | input | no | promoted; autocast: float32 on CUDA |
//! | `x.reciprocal()` | elementwise (broadcast) | 0 (zero op `reciprocal`) | output | no | promoted; autocast: float32 on CUDA |
//! | `x.flip(dims)` | elementwise (broadcast) | 0 (zero op `flip`) | nothing | no | promoted |
//! | `x.unsqueeze(dim)` | a size-1 dimension inserted | 0 (zero op `reshape`) | nothing (a view) | no | promoted |
//! | `x.squeeze(dim)` | size-1 dimensions removed | 0 (zero op `reshape`) | nothing (a view) | no | promoted |
//! | `x.repeat((counts…))` | dimensions multiplied | 0 (zero op `repeat`) | nothing | no | promoted |
//! | `x.repeat_interleave(repeats, dim)` | `dim` multiplied | 0 (zero op `repeat`) | nothing | no | promoted |
//! | `x.narrow(dim, start, length)` | `dim` cut to `length` | 0 (zero op `reshape`) | nothing (a view) | no | promoted |
//! | `x.pad((left, right, …)) or F.pad(x, (left, right, …))` | the last dimensions padded | 0 (zero op `pad`) | nothing | no | promoted |
//! | `x.zeros_like()` | elementwise (broadcast) | 0 (zero op `create`) | nothing | no | promoted |
//! | `x.ones_like()` | elementwise (broadcast) | 0 (zero op `create`) | nothing | no | promoted |
//! | `x.empty_like()` | elementwise (broadcast) | 0 (zero op `create`) | nothing | no | promoted |
//! | `x.full_like(value)` | elementwise (broadcast) | 0 (zero op `create`) | nothing | no | promoted |
//! | `x.slice(dim, start, end, step) (x[..., start:end:step])` | `dim` sliced | 0 (zero op `reshape`) | nothing (a view) | no | promoted |
//! | `x.index_select(dim, index) (x[index])` | `dim` becomes the index's length | 0 (zero op `index`) | the int64 index | no | promoted |
//! | `x.gather(dim, index)` | the index's shape | 0 (zero op `gather`) | input and int64 index | no | promoted |
//! | `a.bmm(b) or bmm(a, b)` | `[n, c, t] @ [n, t, d]`: `[n, c, d]` | `n·c·t·d` (op `bmm`); activations `numel(output)` | each factor, for the other's gradient | ptflops as `torch.` or a method, calflops no | promoted; autocast: half |
//! | `a.mm(b) or mm(a, b)` | `[c, t] @ [t, d]`: `[c, d]` | `c·t·d` (op `mm`); no activations | each factor, for the other's gradient | ptflops as `torch.` or a method, calflops no | promoted; autocast: half |
//! | `input.addmm(mat1, mat2, beta, alpha) or torch.addmm(input, mat1, mat2)` | `input + [c, t] @ [t, d]`: `[c, d]` | `c·t·d` (op `addmm`); activations `numel(output)` | each factor, for the other's gradient | as `torch.` or a method | promoted; autocast: half |
//! | `input.baddbmm(batch1, batch2, beta, alpha) or torch.baddbmm(input, batch1, batch2)` | `input + [n, c, t] @ [n, t, d]`: `[n, c, d]` | 0 (zero op `baddbmm`; its `n·c·t·d` kept for other conventions) | each factor, for the other's gradient | as `torch.` | promoted; autocast: half |
//!
//! Struct fields named as PyTorch names them (`Conv2d_1a_3x3`, `Mixed_5b`) trigger Rust's
//! `non_snake_case` lint: put `#[allow(non_snake_case)]` on the struct, or name the field
//! in snake case with `rename = "Conv2d_1a_3x3"`.
//!
//! Operations that cost 0 by mmengine's rules are counted by kind (in
//! [`ZeroOp::ALL`]'s order), and
//! [`Report::zero_ops`](report::Report::zero_ops) lists them, so a zero is never
//! mistaken for a gap. The list is not mmengine's "unsupported operators" warning: it
//! also counts what mmengine ignores without a warning (`relu`, `cat`, the views), and it
//! leaves out the `aten::add_` mmengine lists per batch norm in training mode
//! (`num_batches_tracked += 1`), which is no operation of the model. For example, the basic block of a ResNet:
//!
//! ```
//! use complexity_core::Complexity;
//!
//! #[derive(Complexity)]
//! #[complexity(forward = relu(bn2(conv2(relu(bn1(conv1(x))))) + downsample(x)))]
//! struct BasicBlock<const IN: usize, const OUT: usize, const STRIDE: usize> {
//!     #[complexity(conv2d(in = IN, out = OUT, kernel = 3, stride = STRIDE, padding = 1, bias = false))]
//!     conv1: (),
//!     #[complexity(batch_norm2d)]
//!     bn1: (),
//!     #[complexity(relu(inplace))]
//!     relu: (),
//!     #[complexity(conv2d(out = OUT, kernel = 3, padding = 1, bias = false))]
//!     conv2: (),
//!     #[complexity(batch_norm2d)]
//!     bn2: (),
//!     #[complexity(
//!         when = STRIDE != 1 || IN != OUT,
//!         sequential(conv2d(out = OUT, kernel = 1, stride = STRIDE, bias = false), batch_norm2d)
//!     )]
//!     downsample: (),
//! }
//!
//! #[derive(Complexity)]
//! #[complexity(input = (64, 56, 56), forward = { let y = blocks(x); y.flatten(1) })]
//! struct Stage {
//!     blocks: (BasicBlock<64, 128, 2>, BasicBlock<128, 128, 1>),
//! }
//!
//! assert_eq!(Stage::OUTPUT.dims(), &[1, 128 * 28 * 28]);
//! // Convolution weights 64·128·9 (blocks.0.conv1) + 3 · 128·128·9 (the other three),
//! // 64·128 (the downsample), and 2·128 affine weights for each of the five batch norms.
//! assert_eq!(Stage::PARAMS, 73_728 + 3 * 147_456 + 8_192 + 5 * 256);
//! ```
//!
//! `examples/` describes ResNet-18 and -50, VGG-16, MobileNetV2, ViT-B/16, BERT-base,
//! GPT-2, R3D-18, Inception v3, DenseNet-201, Whisper-tiny's encoder, FCN-ResNet50, a tiny
//! Llama, T5-small's encoder and BART-large this way, each identical to mmengine module by
//! module, and one generic Llama (`examples/llama/`) instantiated as Llama-2 7B to
//! Llama-3.1 405B, Mistral-7B and Mixtral-8x7B.
//!
//! A struct with no child modules, only its own `parameter`s (an RMSNorm) or none at all
//! (`struct Rotary {}`), says what it computes with a `forward`:
//!
//! ```
//! use complexity_core::{Complexity, Totals, totals};
//!
//! #[derive(Complexity)]
//! #[complexity(forward = weight * (x * (x.pow(2).mean(-1, true) + 1e-6).rsqrt()))]
//! struct RmsNorm<const H: usize> {
//!     #[complexity(parameter(shape = (H,)))]
//!     weight: (),
//! }
//!
//! // A generic model's totals at concrete parameters, computed by the compiler.
//! const NORM: Totals = totals!(RmsNorm<512>, input = [1, 128, 512]);
//! assert_eq!(NORM.params(), 512);
//! assert_eq!(NORM.flops(), 0); // pow, mean, add, rsqrt, mul: no mmengine rule
//! ```
//!
//! [`totals!`] gives any type's [`Totals`] as a constant, generic ones included (where
//! `input = …` cannot go); [`assert_complexity!`] checks budgets on them.
//!
//! A model that does not fit together fails to compile, naming the field path and the
//! numbers, e.g. ``layer2.0.conv1: expects 32 input channels, got 64 (in `BasicBlock::conv1`)``.
//!
//! # Recipes
//!
//! **Option values.** Numbers and sizes are Rust const expressions (`kernel = 3`,
//! `kernel = (1, 7)`, `out = OUT * 4`); booleans are `true`/`false` (`bias = false`,
//! `ceil_mode = true`, `count_include_pad = false`), and a boolean flag alone means `true`
//! (`relu(inplace)` is `relu(inplace = true)`); floats as written (`eps = 1e-6`,
//! `momentum = 0.01`, `p = 0.1`; an integer literal is a float too, `p = 0`); strings in quotes (`mode = "bilinear"`,
//! `approximate = "tanh"`).
//!
//! **What reports print.** `class` and `extra_repr` are what PyTorch's `_get_name()` and
//! `extra_repr()` return, which is what mmengine prints, not a custom `__repr__`:
//! torchvision's `StochasticDepth` prints `StochasticDepth(p=0.1, mode=row)` from its own
//! `__repr__`, but its `extra_repr()` is empty, and so is the `stochastic_depth` kind's.
//!
//! **Optional blocks, repeated stages, constant branches.** `when` takes any const `bool`,
//! a `bool` const generic included, and works on a derived block as on a layer. A stage of
//! one first block and `N` identical ones is a `sequential` struct whose rest is a
//! `splice`d array (the children are numbered `0`, `1`, … across both). A child called
//! only in the branch of an `if CONST` that is not taken is never called: mmengine prints
//! `N/A` for it, and so does the report.
//!
//! ```
//! use complexity_core::{Complexity, Mode, report::Report};
//!
//! #[derive(Complexity)]
//! #[complexity(forward = if PROJECT { proj(x) } else { x })]
//! struct Block<const PROJECT: bool> {
//!     #[complexity(linear(in = 16, out = 16))]
//!     proj: (),
//! }
//!
//! #[derive(Complexity)]
//! #[complexity(sequential)]
//! struct Stage<const REST: usize> {
//!     first: Block<true>,
//!     #[complexity(splice)]
//!     rest: [Block<false>; REST],
//! }
//!
//! const HEAD: bool = true;
//!
//! #[derive(Complexity)]
//! #[complexity(input = (16,))]
//! struct Net {
//!     stage: Stage<2>,
//!     #[complexity(when = HEAD)]
//!     head: Block<true>,
//! }
//!
//! let r = Report::of::<Net>(Net::INPUT, Mode::Eval).unwrap();
//! assert_eq!(r.module("stage.0.proj").unwrap().calls(), 1);
//! // Blocks 1 and 2 take the other branch: their `proj` is never called (`N/A`).
//! assert_eq!(r.module("stage.2.proj").unwrap().calls(), 0);
//! assert!(r.module("head").is_some());
//! assert_eq!(Net::PARAMS, 4 * (16 * 16 + 16)); // every `proj` has its parameters
//! ```
//!
//! **Arithmetic on const generics.** Stable Rust does not accept `Block<{ IN / 4 }>` in a
//! generic struct (`generic parameters may not be used in const operations`). Give the
//! derived size its own parameter and let the concrete model spell it out
//! (`Stage<IN, MID, OUT>` instantiated as `Stage<256, 64, 256>`); a layer's own arguments
//! may compute freely (`out = MID * 4`), and a wrong instantiation is a shape error at
//! compile time, since input sizes are checked.
//!
//! **A leaf by hand.** When no attribute fits, implement [`Complexity`] with one of the
//! layer kinds of [`layer`], built by its `const fn`s:
//!
//! ```
//! use complexity_core::{Complexity, Module, layer::{Layer, Linear}};
//!
//! /// A vendor's fused projection, costed as PyTorch's `nn.Linear(768, 3072)`.
//! struct FusedProjection;
//!
//! impl Complexity for FusedProjection {
//!     const MODULE: Module = Module::layer(Layer::Linear(Linear::new(3072).in_features(768)))
//!         .renamed("FusedProjection", None);
//! }
//!
//! #[derive(Complexity)]
//! #[complexity(input = [1, 8, 768])]
//! struct Net {
//!     proj: FusedProjection,
//! }
//! assert_eq!(Net::PARAMS, 768 * 3072 + 3072);
//! ```
//!
//! **transformers' activations** (`ACT2FN[config.hidden_act]`). A module whose forward
//! is one PyTorch activation is that layer kind renamed; one that computes its own is a
//! struct with no fields and a `forward`, so its operations are counted as it runs them:
//!
//! | `hidden_act` | class | write |
//! |---|---|---|
//! | `"gelu"` | `GELUActivation` | `#[complexity(gelu, class = "GELUActivation", extra_repr = "")]` |
//! | `"silu"`, `"swish"` | `SiLUActivation` | `#[complexity(silu, class = "SiLUActivation", extra_repr = "")]` |
//! | `"gelu_pytorch_tanh"` | `PytorchGELUTanh` | `#[complexity(gelu(approximate = "tanh"), class = "PytorchGELUTanh", extra_repr = "")]` |
//! | `"relu"` | `ReLU` | `#[complexity(relu)]` |
//! | `"gelu_new"` | `NewGELUActivation` | the struct below |
//! | `"quick_gelu"` | `QuickGELUActivation` | the struct below |
//!
//! ```
//! use complexity_core::{Complexity, Totals, ZeroOp, totals};
//!
//! /// `0.5 * x * (1 + tanh(√(2/π) · (x + 0.044715 · x³)))`.
//! #[derive(Complexity)]
//! #[complexity(class = "NewGELUActivation", forward =
//!     0.5 * x * (1.0 + ((x + 0.044715 * x.pow(3.0)) * 0.7978845608028654).tanh()))]
//! struct NewGelu {}
//!
//! /// `x · sigmoid(1.702 · x)`.
//! #[derive(Complexity)]
//! #[complexity(class = "QuickGELUActivation", forward = x * (1.702 * x).sigmoid())]
//! struct QuickGelu {}
//!
//! const NEW: Totals = totals!(NewGelu, input = [1, 8, 768]);
//! assert_eq!(NEW.flops(), 0); // mul, add, pow, tanh: no mmengine rule
//! assert_eq!(NEW.cost.zero_count(ZeroOp::Tanh), 1);
//! const QUICK: Totals = totals!(QuickGelu, input = [1, 8, 768]);
//! assert_eq!(QUICK.cost.zero_count(ZeroOp::Sigmoid), 1);
//! ```
//!
//! **PyTorch's `nn.MultiheadAttention` and `nn.TransformerEncoderLayer`** are structs
//! written as PyTorch runs them: copy them from `examples/transformer_encoder.rs`, where
//! `MultiheadAttention<E, H>` follows `F.multi_head_attention_forward` (the packed
//! input projection, the heads, the attention, `out_proj` through its weights) for
//! self-attention with `batch_first=True`, and `TransformerEncoderLayer` inlines
//! `_sa_block` and `_ff_block` (`norm_first=True`). Every tool's figures and the saved
//! bytes by module of that example equal PyTorch's. ptflops hooks a module of class
//! `MultiheadAttention` by its own formula ([`Convention::Ptflops`]).
//!
//! **Weight norm** (`torch.nn.utils.parametrizations.weight_norm`, wav2vec 2.0's
//! positional convolution). PyTorch replaces the layer's `weight` by
//! `parametrizations.weight.original0` and `.original1` and computes it when the layer
//! runs; describe it as built: modules called with no tensor (`inputs = ()`) return the
//! weight, and the layer runs functionally on it.
//!
//! ```
//! use complexity_core::Complexity;
//!
//! #[derive(Complexity)]
//! #[complexity(class = "_WeightNorm", inputs = (g, v), forward = v * (g / v.norm(2, (0, 1), true)))]
//! struct WeightNorm {}
//!
//! #[derive(Complexity)]
//! #[complexity(class = "ParametrizationList", inputs = (), forward = norm(original0, original1))]
//! struct ParametrizationList {
//!     #[complexity(rename = "0")]
//!     norm: WeightNorm,
//!     #[complexity(parameter(shape = (1, 1, 128)))]
//!     original0: (),
//!     #[complexity(parameter(shape = (768, 48, 128)))]
//!     original1: (),
//! }
//!
//! #[derive(Complexity)]
//! #[complexity(class = "ModuleDict", inputs = (), forward = weight())]
//! struct Parametrizations {
//!     weight: ParametrizationList,
//! }
//!
//! #[derive(Complexity)]
//! #[complexity(class = "ParametrizedConv1d", input = [1, 768, 50],
//!              forward = F.conv1d(x, parametrizations(), bias, padding = 64, groups = 16))]
//! struct PositionalConv {
//!     #[complexity(parameter(shape = (768,)))]
//!     bias: (),
//!     parametrizations: Parametrizations,
//! }
//!
//! // 51 positions · 768 outputs · 48 inputs per group · 128 taps.
//! assert_eq!(PositionalConv::FLOPS, 51 * 768 * 48 * 128);
//! ```
//!
//! **Mixture of experts.** Which experts a token goes to depends on the weights and the
//! input, which a description does not have: split the tokens evenly, each expert called
//! on its share (`let (t0, t1, t2, t3) = x.chunk(4, 1);` then `experts[0](t0)`, …, for 8
//! experts and top-2 routing: every token meets two). All experts' parameters count, as
//! transformers counts them; the active parameters are the total less the experts a token
//! skips. mmengine counts each expert on the tokens the traced input routed to it, so
//! its figure for a mixture of experts depends on that input (an expert no token chose
//! prints `N/A`). `examples/llama/` describes Mixtral-8x7B this way; `chunk(4, 1)` gives
//! four pieces only when the length allows it (a multiple of 4 always does; 5 tokens give
//! 3 pieces, an error naming both counts), so for one token (a decoding step) call two
//! experts on it instead.
//!
//! **A child chosen by a constant** (torchvision's `norm_layer`, `block = BasicBlock if …
//! else Bottleneck`). Make the child's type a type parameter and instantiate the model
//! once per choice; a layer kind becomes a type with a leaf written by hand (see "A leaf
//! by hand"). The child keeps its one name, as in PyTorch. (`class` and `extra_repr` may
//! also choose by a constant: `class = if GN { "GroupNorm" } else { "BatchNorm2d" }`.)
//!
//! ```
//! use complexity_core::layer::{BatchNorm, GroupNorm, Layer};
//! use complexity_core::{Complexity, Mode, Module, Totals, report::Report, totals};
//!
//! /// `nn.BatchNorm2d` or `nn.GroupNorm(8, …)`, as types.
//! struct Bn;
//! impl Complexity for Bn {
//!     const MODULE: Module = Module::layer(Layer::BatchNorm(BatchNorm::batch_norm2d()));
//! }
//! struct Gn;
//! impl Complexity for Gn {
//!     const MODULE: Module = Module::layer(Layer::GroupNorm(GroupNorm::new(8)));
//! }
//!
//! #[derive(Complexity)]
//! #[complexity(forward = norm(conv(x)))]
//! struct ConvNorm<N: Complexity> {
//!     #[complexity(conv2d(out = 32, kernel = 3, padding = 1))]
//!     conv: (),
//!     norm: N,
//! }
//!
//! const WITH_BN: Totals = totals!(ConvNorm<Bn>, input = [1, 3, 8, 8]);
//! assert_eq!(WITH_BN.params(), 32 * 3 * 9 + 32 + 2 * 32);
//! let r = Report::of::<ConvNorm<Gn>>(WITH_BN.input, Mode::Eval).unwrap();
//! assert_eq!(r.module("norm").unwrap().class(), "GroupNorm");
//! ```
//!
//! **Tied weights.** One tensor under several names (T5's and BART's `shared.weight`,
//! `encoder.embed_tokens.weight` and `decoder.embed_tokens.weight`; GPT-2's `lm_head`
//! and `wte`) counts once in mmengine, under the name PyTorch's `named_parameters()`
//! yields first. Describe every module as it is and mark the later ones
//! `tied = "path"`, the path of the first from the model: they run (FLOPs, activations,
//! shapes) but neither count nor list the shared `weight` ([`report::ModuleStats::tied`];
//! a bias of theirs is their own). A module that holds the tensor but is never called
//! (BART's `shared`) is `uncalled`.
//!
//! ```
//! use complexity_core::Complexity;
//!
//! #[derive(Complexity)]
//! struct Encoder {
//!     #[complexity(embedding(num_embeddings = 50265, embedding_dim = 1024, padding_idx = 1), tied = "shared")]
//!     embed_tokens: (),
//! }
//!
//! #[derive(Complexity)]
//! #[complexity(input = [1, 128], forward = encoder(x))]
//! struct Bart {
//!     #[complexity(embedding(num_embeddings = 50265, embedding_dim = 1024, padding_idx = 1), uncalled)]
//!     shared: (),
//!     encoder: Encoder,
//! }
//! assert_eq!(Bart::PARAMS, 50265 * 1024); // once
//! ```
//!
//! **Checked against a checkpoint.** With the `safetensors` feature, the `checkpoint` module
//! compares the description's [`state_dict`](report::Report::state_dict) with a
//! `.safetensors` checkpoint (or a sharded one's index), reading only the headers:
//! missing, unexpected and mismatched tensors, tied tensors saved once understood.
//!
//! **Checked against burn.** The derive goes on a burn module next to burn's own
//! (`#[derive(Module, Debug, Complexity)]`, each field keeping its burn type), and with the
//! `burn` feature the `burn` module's `assert_matches(&model, &report)` compares burn's
//! parameters (names and shapes, burn's layouts mapped to PyTorch's) and `num_params()`
//! with the description. The README shows the pattern.
//!
//! # Memory
//!
//! The same walk answers "will it fit" ([`memory`]):
//!
//! - **What autograd keeps for backward** ([`Cost::saved`], per module in a
//!   [`Report`](report::Report)): every value of a `forward` is followed to the storage it
//!   lives in (views — `view`, `reshape` of a contiguous tensor, `transpose`, `x[:, 0]`,
//!   `split`, `unsqueeze`, `expand`, `flatten` — and in-place operations share their input's;
//!   a `reshape` of a non-contiguous tensor, as after `expand` in `repeat_kv`, copies), each
//!   layer family and each row of the operation table keeps what PyTorch's autograd saves
//!   (the *saved for backward* column above; convolution and linear layers their input,
//!   ReLU, tanh, sigmoid and softmax their output, GELU, SiLU and the other activations
//!   their input, max pooling its input and int64 indices, dropout in training a mask,
//!   stochastic depth in training its noise (one value per sample, `mode = "row"`),
//!   batch norm its input and `2·C` statistics plus its `2·C` running statistics, layer
//!   and group norm their input and a mean and rstd per row, embeddings their int64 ids,
//!   `a * b` each factor when the other needs a gradient, `a + b` nothing), and a storage
//!   counts once, whole, under the innermost module that kept it first. Parameters never
//!   count; the model's input and buffers count when kept; nothing computed only from the
//!   input, buffers and constants (a causal mask, rotary tables) needs a gradient, so
//!   operations on it keep nothing. For all 15 reference models this is PyTorch's own
//!   figure (`saved_tensors_hooks` after one training forward in float32) to the byte:
//!   in total, by dtype and by module (`tests/memory.rs`). The elements are split by how
//!   they are stored ([`memory::Saved`]: activations, float32 statistics, int64 indices,
//!   dropout masks, bools); [`memory::Saved::bytes`] prices them for an activation dtype
//!   and a [`memory::Device`] (a dropout mask is a float on the CPU, a bool on CUDA).
//! - **Training memory** ([`memory::Training::memory`], a `const fn`): weights
//!   (`params · size(weights)`), gradients and optimizer states for the trainable
//!   parameters (`SGD` 0, `SgdMomentum` 1, `Adam`/`AdamW` 2 states per parameter,
//!   float32 with master weights, else in the weights' dtype), float32 master weights in
//!   mixed precision, and the saved activations. `Training::new(Optimizer::AdamW)` is
//!   float32 throughout; `Training::mixed(DType::BF16, Optimizer::AdamW)` bf16 weights,
//!   gradients and activations with float32 master weights and states (16 bytes per
//!   parameter); both run on CUDA, where a dropout mask is one byte
//!   (`.device(Device::Cpu)` for PyTorch's CPU figure, a float per element, as
//!   `Report::memory` and the reference measurements use); `.weights(dtype)`,
//!   `.activations(dtype)`, `.checkpointing(true)` adjust it. Its parts print with
//!   `Display` (`weights … B, gradients … B, …; total … B`). With checkpointing, every element of every array
//!   (`[Block; N]`, a `ModuleList`'s layers; the outermost when nested) keeps only its
//!   inputs ([`Cost::checkpointed`]: its first input per element, the others once) and
//!   its backward recomputes one element ([`Cost::recompute`], the largest, added once).
//!   `tests/memory.rs` reproduces Korthikanti et al. (2022), `s·b·h·(34 + 5·a·s/h)`
//!   bytes per GPT layer in 16-bit, and `2·s·b·h` per layer with full recomputation.
//! - **Inference memory** ([`memory::Inference::memory`]): weights in any dtype
//!   ([`DType::I8`], [`DType::I4`] packed two per byte), the KV cache ([`Cost::cached`]
//!   priced in its dtype; [`memory::Inference::kv_cache_per_token`] and
//!   [`kv_cache_at`](memory::Inference::kv_cache_at) for another context length; grouped-
//!   query attention caches `KV_HEADS` heads, as written), equal to transformers'
//!   `past_key_values` bytes for GPT-2, llama_tiny and BART, and the activation arena
//!   (`PEAK_ACTIVATIONS`, [`Cost::peak_elements`]).
//! - **Constants and budgets**: with `input`, `Model::train_bytes(batch, Training)` and
//!   `Model::inference_bytes(batch, Inference)` are `const fn`s (the model analysed again
//!   at that batch), and `max_train_bytes`/`max_inference_bytes` fail `cargo check` with
//!   both numbers; a report's `Display` has a `saved bytes` column (a module's figure
//!   with its children's, float32 on the CPU, or as [`memory::Precision::saved_bytes`]
//!   prices an autocast report's; a module's own share, what PyTorch's hooks
//!   charge it, is [`ModuleStats::own_saved`](report::ModuleStats::own_saved)) and a
//!   memory line ([`Report::memory`](report::Report::memory)). `examples/memory.rs` finds the largest
//!   batch of Llama-3-8B that trains with AdamW in 80 GB at 4,096 tokens, and the KV cache
//!   of Llama-3.1-405B at 128k tokens.
//!
//! - **Autocast** ([`memory::Precision::Autocast`]): the saved activations of a forward
//!   under `torch.autocast(device, dtype = torch.bfloat16)` (or `float16`: both 2 bytes),
//!   each value with its own dtype. `Training::autocast(DType::BF16, Optimizer::AdamW)`
//!   trains so (float32 weights, gradients and states, no master copy; `.device(Device::Cpu)`
//!   for the CPU); `Model::train_bytes` and `max_train_bytes` analyse the model under it by
//!   themselves; a report or totals for it come from
//!   `Report::of_in::<M>(M::INPUT, Mode::Train, Precision::Autocast(Device::Cpu))` or
//!   [`analyze_in`], and [`memory::Training::memory`] of totals analysed in another
//!   precision is an error (`the totals' saved activations are in one dtype but the
//!   training runs autocast's on the CPU: analyse with …`). The rules, PyTorch's:
//!   - the parameters and the model's input are float32; a matrix product (convolutions,
//!     `nn.Linear`, GPT-2's `Conv1D`, `matmul`, `bmm`, `mm`, `addmm`, `baddbmm`, `einsum`,
//!     `prelu`) casts each float32 operand to a new half-precision copy, one per call,
//!     and keeps the copies: a layer's weight copy once per module (on its first call),
//!     a weight written as a value (`F.linear(x, w)`, `addmm(b, x, w)`) once per use;
//!   - the float32 list casts half-precision operands to float32 copies: on the CPU
//!     `max_pool3d`, `avg_pool3d`, `adaptive_avg_pool3d`; on CUDA also `layer_norm`,
//!     `group_norm`, `softmax`, `log_softmax`, `softplus`, `exp`, `log`, `log1p`, `pow`,
//!     `rsqrt`, `reciprocal`, `sum`, `cumsum`, `norm`, `normalize` (the operation table's
//!     `autocast` column, [`ops::Op::autocast`]); an explicit `dtype` argument opts out,
//!     as in PyTorch;
//!   - everything else runs in its operands' dtype by type promotion: a float32 operand
//!     with dimensions makes the result float32 (a half-precision attention score plus a
//!     float32 causal mask is float32, and so is its softmax), a number or a 0-d tensor
//!     does not; batch and layer norm run in their input's dtype and keep float32
//!     statistics; an embedding's rows are float32 (its weight's); `cat` promotes; a view
//!     or an in-place result keeps its input's dtype; a dropout mask has its input's dtype
//!     on the CPU and is one byte on CUDA, and stochastic depth's noise and an in-place
//!     activation's copy have their input's dtype; `where(mask, 0.0, min)` is float32;
//!   - `x.to(torch.float32)`, `x.float()`, `x.to(y.dtype)`, `x.type_as(y)`, `x.half()`,
//!     `x.bfloat16()`, `F.softmax(x, -1, dtype = torch.float32)` set the dtype (a copy
//!     only when it changes it); write them as the model does, and write the float32
//!     masks a model adds (GPT-2's and Llama's causal masks), since they change dtypes.
//!     A dtype argument is `torch.float32`, `torch.bfloat16`, `torch.float16`,
//!     `torch.long`, `torch.bool`, …, a value's `y.dtype`, or a value `y` (`x.to(y)`); a
//!     device (`y.device`, `"cuda"`) is accepted and changes nothing; anything else, a
//!     Python variable holding a dtype included (`x.to(input_dtype)`: write the value it
//!     was read from, `x.to(hidden_states.dtype)`), is a compile error (`a dtype is
//!     written torch.float32, …`). transformers' `x.type(dtype)` is written as is (`type`,
//!     a Rust keyword, is read as PyTorch's method there, as `where` is).
//!
//!   [`memory::Saved`] keeps the half-precision elements in `activations` and the float32
//!   ones in `wide`; [`memory::Saved::bytes`]`(DType::BF16, device)` prices them. On the CPU
//!   in bf16 this is PyTorch's own figure for all 15 reference models, in total, by dtype
//!   (`bfloat16`, `float32`, `int64`) and by module (`tests/autocast.rs`; the saved
//!   elements of a report are `report.totals().cost.saved`, a module's own
//!   `m.own_saved()`, in bytes `precision.saved_bytes(&saved)`; ResNet-18
//!   35,327,360 bytes against 22,256,640 in float32, BERT-base 237,930,496: at batch 1 the
//!   weights' half-precision copies outweigh what half precision saves). CUDA follows
//!   PyTorch's documented lists and is not measured here. Not modelled: a `float64`
//!   value (priced as float32); `x.half()` under bf16 autocast (priced as the half dtype,
//!   though fp16 and bf16 are then two dtypes); autocast's cache of weight copies beyond
//!   one module (a frozen weight, which PyTorch copies on every call, is copied once
//!   here; a weight tied between two matrix-product layers, which PyTorch copies once, is
//!   copied for each). With checkpointing, the element recomputed is the array's largest
//!   by float32 bytes ([`Cost::recompute`]); where elements differ in what they keep, the
//!   largest at half-precision prices may be another (identical blocks, the usual case,
//!   are exact).
//!
//! Dropout (`nn.Dropout`, `F.dropout(x, p, training)`, `x.dropout(p)`) runs as the
//! analysis's [`Mode`] says, whatever `training` is written (transformers passes
//! `training=self.training`); with `p = 0.0` it keeps no mask.
//!
//! What the model of memory does not cover, and why:
//!
//! - **The activation peak** (`PEAK_ACTIVATIONS`) is an upper bound, not an allocator's
//!   exact figure: values are freed at their last use, but a view is counted as a copy,
//!   and PyTorch's caching allocator rounds every block up (to 512 bytes, and to 2 MiB
//!   segments) and keeps freed blocks for reuse, so what `torch.cuda.max_memory_allocated`
//!   reports depends on the allocation order and sizes, not on the model alone.
//! - `reshape` of a non-contiguous tensor is a copy here only after `transpose`,
//!   `permute`, `expand` or a strided slice that breaks contiguity; a batched `matmul` of
//!   permuted operands with a batch above 1, which PyTorch may copy, is counted as views.
//!
//! # Conventions, JSON and diffs
//!
//! FLOPs are mmengine's multiply-adds. [`Convention`] gives the figures of other tools
//! from the same walk, with their [`Unit`] (`Convention::Ptflops.flops(&cost)`, of the
//! totals or of any module): fvcore's (mmengine's rules),
//! `torch.utils.flop_counter.FlopCounterMode`'s (`2 ·` the multiply-adds of convolutions,
//! linear layers and matrix products, `baddbmm` included; FLOPs), ptflops' (module hooks
//! by exact class plus the functions it replaces, so `nn.ReLU` and the pools count twice),
//! calflops' FLOPs and MACs (the functions it replaces), thop's (module hooks by exact
//! class, other modules looked into) and torchinfo's (a rule on the parameters of each
//! module without children); [`Convention::params`] gives each tool's parameter count
//! (ptflops and calflops count the trainable ones, `params − frozen`; thop those of the
//! modules it hooks). Each is exact for all 15 reference models (`tests/conventions.rs`);
//! the [`Convention`] table states every tool's rules. ptflops and calflops count an
//! operation only as the model's code spells it (`F.softmax` but not `x.softmax`), so
//! write a description's operations as the code writes them (the operation table's last
//! column says which spellings they count); thop and torchinfo go by module classes, so
//! name them as PyTorch does. [`Report::in_convention`](report::Report::in_convention)
//! shows a report's headline and display in any convention; a report's [`headline`]
//! names the convention and unit.
//!
//! [`Report::summary(depth)`](report::Report::summary) is torchinfo's summary: its rows
//! (one per module call, in the order the calls start, with the `ModuleList`s torchinfo
//! inserts), each row's output shape, parameters and mult-adds, its totals (`Total
//! params` counts a weight tied between two modules that run twice: BART 457,762,816) and,
//! as `Display`, its table byte for byte, with its depth control and row options; every
//! row of the 15 reference models and five printed tables are checked
//! (`tests/summary.rs`):
//!
//! ```
//! use complexity_core::{Complexity, Mode, report::Report};
//!
//! #[derive(Complexity)]
//! #[complexity(input = (3, 32, 32))]
//! struct Net {
//!     #[complexity(conv2d(out = 8, kernel = 3, padding = 1))]
//!     conv: (),
//!     #[complexity(relu)]
//!     relu: (),
//! }
//! let report = Report::of::<Net>(Net::INPUT, Mode::Eval)?;
//! let summary = report.summary(3);
//! assert_eq!(summary.total_params(), 8 * 3 * 9 + 8);
//! // torchinfo's mult-adds of a convolution: its parameters at every output position.
//! assert_eq!(summary.rows()[1].mult_adds, (8 * 3 * 9 + 8) * 32 * 32);
//! assert!(summary.to_string().contains("├─Conv2d: 1-1"));
//! # Ok::<(), complexity_core::Error>(())
//! ```
//!
//! With the `serde` feature, [`Report`](report::Report) and [`Diff`](report::Diff)
//! implement `serde::Serialize` (the schema, `complexity-report/1`, is documented field by
//! field in `report/json.rs`). [`Report::diff`](report::Report::diff) lists, module by
//! module, what changed in class, parameters, FLOPs, activations and output shape between
//! two reports (two models, or one at two inputs: BERT at 128 and 512 tokens), matched by
//! path; its `Display` is a table of `before → after`.
//!
//! [`headline`]: report::Report::headline
//!
//! # Limits
//!
//! The analysis runs inside the compiler, in fixed memory, so it has fixed capacities.
//! Each is a compile error (or an [`Error`] at run time) naming the module path, never a
//! stack overflow, an abort or a wrong number:
//!
//! | limit | value | what you get past it |
//! |---|---|---|
//! | levels of modules that hold modules (structs, arrays, tuples, `sequential`s), the model included; the layers at the leaves do not count ([`analysis::MAX_DEPTH`]) | 128 | `more than 128 modules nested in one another, the analysis's limit: flatten a level (a `splice`d sequence or a `fragment` adds none)`. 128 structs nested by value is also rustc's own limit: past it rustc first reports `reached the recursion limit finding the struct tail for …` (raising `recursion_limit` then leaves this error) |
//! | values of one `forward`: its inputs plus one per operation ([`analysis::MAX_VALUES`]) | 512 | the derive: ``` `forward` has 1 input and 600 steps; at most 512 values in all are supported (move part of it into a nested block) ```, at the `forward`; a hand-built description: `more than 512 values in one forward (inputs plus steps) (this model needs 601), the analysis's limit: move part of the program into a child module` |
//! | values of the `forward`s running at once: a `forward` holds all its values (inputs and steps, used or not) while a child it calls runs, so this is the sum along the deepest chain of calls ([`analysis::MAX_SLOTS`]) | 1,024 | `more than 1024 values in the forward programs running at once (this model needs …), the analysis's limit: split a long forward that calls deep children into modules called one after the other` |
//! | elements called by index (`layers[i](x)`, each counted once) in the `forward`s running at once ([`analysis::MAX_SLOTS`]) | 1,024 | `more than 1024 elements called by index in the forward programs running at once …, the analysis's limit: call the sequence as a whole (`layers(x)`)` |
//! | inputs of one module ([`analysis::MAX_INPUTS`]) | 4 | the derive: an error at the call |
//! | values one `forward` returns ([`analysis::MAX_OUTPUTS`]) | 4 | the derive: ``a `forward` returns one value or a tuple of 2 to 4`` |
//! | tensor rank ([`shape::MAX_RANK`]) | 8 | an error at the operation that would exceed it |
//! | module path in an error message ([`error::MAX_PATH`]) | 32 names | the path ends in `.…` |
//! | parameters, activations | `u64` | `the number of params overflows u64 (more than 18446744073709551615)` |
//! | FLOPs | `u128` | `the number of FLOPs overflows u128 (…)` |
//! | modules in one run-time [`Report`](report::Report) | 2³² − 2 | `more than 4294967294 modules in one report, …` (the constants have no such limit) |
//! | tuples as `nn.Sequential` | 32 elements | ``(…) has no model description`` (its note says this limit): nest tuples, or use an array or a `sequential` struct |
//!
//! Within these, rustc's own limits are not reached with default settings: a chain of
//! 128 nested structs and a 30,000-layer array compile (each non-generic description is
//! evaluated where it is declared, so nesting does not deepen the compiler's queries). A
//! generic type nested more than about 60 levels in generic types, all instantiated at
//! once, can still hit rustc's `recursion_limit` (128), whose error asks for
//! `#![recursion_limit = "256"]`.
//!
//! # Errors
//!
//! One mistake gives one error, at the tokens that made it, with the module path and the
//! numbers. There are three places a mistake is caught:
//!
//! | mistake | reported by | where | looks like |
//! |---|---|---|---|
//! | attribute syntax: an unknown layer kind, argument or option, a missing or duplicate argument, a value of the wrong kind (`1.9` as a dimension, `0` or a literal past `u64` as a count), two modules or inputs with one name | the derive, all at once | the offending token | ``unknown argument `kernal` of `conv2d`; did you mean `kernel`?`` |
//! | `forward` syntax: an unknown field, method or operation, a wrong number of arguments, an unused field | the derive | the name or call | ``` `rsqt` is not an operation of `forward`; did you mean `rsqrt`? ``` |
//! | shapes that do not fit, sizes PyTorch rejects, counts that overflow | the analysis, in a constant (with `input`, `totals!` or `assert_complexity!`) and in [`Report::new`](report::Report::new) alike, with the same text | with `input`: the model's field the error is inside (`layer2`; in a `sequential` model, the field holding that position), or the operator, method or function of the model's own `forward` that fails (`+`, `matmul`, `chunk`); with a macro: the macro | ``evaluation panicked: layer1.1.conv1: expects 32 input channels, got 64 (in `Block::conv1`)`` |
//! | a budget exceeded | the budget check | the first limit (`max_flops = …`; the first memory limit for `max_train_bytes`/`max_inference_bytes`) | `evaluation panicked: FLOPs 0.442M (442368) exceed the budget 0.4M (400000)` |
//!
//! The path names modules as PyTorch does (`layer1.1.conv1`; `model` for the model's own
//! `forward`), and the end of the message names the Rust source: the struct and its field
//! (``(in `Block::conv1`)``, with the module name for a renamed field) or the struct's
//! `forward` (``(in `Net`'s forward)``). Inside a block the error is reported at the model's field that
//! holds it (the block's own tokens are out of the compiler's reach when it evaluates the
//! model's constants), and path and Rust site say where inside. After a derive error, nothing that contains
//! that type reports anything more (no constant of it, no follow-on shape error), and a
//! `forward` that failed to compile reports no unused fields. An unused field is a module
//! or a `parameter` the `forward` never reads (mark a module PyTorch builds but never calls
//! `uncalled`); a `buffer` it never reads is not an error, as PyTorch keeps buffers a
//! `forward` leaves alone (`original_inv_freq`). At run time the same
//! mistakes are an [`Error`], whose [`ErrorKind`] carries the numbers:
//!
//! | [`ErrorKind`] | example |
//! |---|---|
//! | `SizeMismatch` | `fc: expects 512 input features, got 256` |
//! | `Rank` | `bn: batch_norm2d takes a tensor of rank 4 ([N, C, H, W]), got [1, 16]` |
//! | `Broadcast` | ``model: `+` of shapes [1, 64, 56, 56] and [1, 128, 28, 28], which do not broadcast`` |
//! | `Incompatible` | ``model: `matmul` of shapes [1, 10, 32] and [1, 10, 32]: the inner dimensions differ`` |
//! | `Reshape` | ``model: `permute` of a tensor of shape [1, 4, 8]: a dimension appears twice, so the order is not a permutation`` |
//! | `DimOutOfRange` | `model: transpose: dimension 3 is out of range for a tensor of shape [1, 4, 8]` |
//! | `RepeatedDim` | ``model: `mean`: dimension 1 appears more than once in the dimensions reduced`` |
//! | `EmptyOutput` | `pool: max_pool2d: the window (dilation·(kernel−1)+1 = 4) is larger than the padded input (3), so the output would be empty` |
//! | `Groups` | `conv: groups = 4 does not divide the 6 output channels` |
//! | `Zero` | ``conv: conv2d: `stride` must be at least 1, got 0`` |
//! | `Invalid` (PyTorch's own checks, with its reason) | ``drop: `dropout`: dropout probability has to be between 0 and 1`` |
//! | `Pieces` | `model: the split gives 3 pieces, but the pattern names 2` |
//! | `Overflow` | `fc: the number of FLOPs overflows u128 (…)`; `model: a size of the output shape overflows (more than 9223372036854775807, the largest PyTorch size)` |
//! | `Limit` | see "Limits" |
//! | `Budget` | `FLOPs 0.442M (442368) exceed the budget 0.4M (400000)`; `training bytes 19.456K (19456) exceed the budget 10K (10000)`; `inference bytes 79.616K (79616) exceed the budget 50K (50000)` |
//!
//! `tests/ui/` in the repository holds a compile-fail case for each, with the compiler's
//! exact output.
//!
//! # Performance
//!
//! Each pass is linear: the walk is O(modules + forward operations) with an explicit
//! stack (no recursion, at compile time or at run time), the activation peak comes from a
//! last-use table, and an array `[Block; N]` is analysed once per distinct input (an
//! element whose output shape equals its input makes the rest identical, so they are
//! multiplied, not walked): Llama-3.1-405B's 126 layers cost one. Distinct modules each
//! cost their own walk, a few milliseconds of the compiler's time apiece (DenseNet-201's
//! 713 modules, nearly all distinct: about 2.7 s). A run-time
//! [`Report`](report::Report) keeps 40 bytes per module and shares the figures of
//! identical elements. The README's "Performance" section has the measured figures.
//!
//! # Where things are
//!
//! Layer kinds and their formulas in [`layer`] (one file per family: `conv.rs`,
//! `norm.rs`, `activation.rs`, `pool.rs`, `resample.rs`, `linear.rs`, `embedding.rs`,
//! `matmul.rs`, `reshape.rs`, `elementwise.rs`); the operation table of `forward` in
//! [`ops`] (the `complexity-ops` crate: one row per operation) and its shape and cost rules
//! in `analysis/ops.rs`; the walk in [`analysis`] (`machine.rs`, the activation peak in
//! `liveness.rs`, what reports keep in `record.rs`, the storages followed for the
//! saved-for-backward count in `storage.rs`, each step's saved rule in `keep.rs` and its
//! dtype and autocast cast in `cast.rs`); memory in [`memory`] (the saved classes in
//! `saved.rs`, views' contiguity in `layout.rs`, [`memory::Precision`] and autocast's
//! layer policies in `autocast.rs`, training in `train.rs`, inference in `inference.rs`; each layer family's
//! `keeps` rule next to its cost rule); the training/eval switch in [`mode`];
//! the description the derive emits in [`module`]; reports in [`report`] (the module tree
//! in `tree.rs`, mmengine's table and architecture in `table.rs` and `arch.rs`, the
//! `state_dict` in `state.rs`, diffs in `diff.rs`, JSON in `json.rs`); other tools'
//! conventions in [`convention`]; errors and their messages in [`error`]; budgets in
//! `budget.rs`; mmengine's number format in [`format`]; `class`/`extra_repr` text from
//! const generics in `repr.rs` ([`Repr`]); the `state_dict` comparison in [`compare`],
//! used by `checkpoint.rs` (safetensors headers) and `burn.rs` (burn models).
#![cfg_attr(not(test), no_std)]
// `Error` carries its module path and shapes inline (no allocation exists in `const fn`s,
// where the analysis runs), so it is large by design; it only travels on the error path.
#![allow(clippy::result_large_err)]

#[cfg(feature = "alloc")]
extern crate alloc;
#[cfg(feature = "safetensors")]
extern crate std;

/// The README's example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;

pub mod analysis;
mod budget;
#[cfg(feature = "burn")]
pub mod burn;
#[cfg(feature = "safetensors")]
pub mod checkpoint;
#[cfg(feature = "alloc")]
pub mod compare;
pub mod convention;
pub mod cost;
pub mod error;
#[cfg(feature = "alloc")]
pub mod format;
pub mod layer;
pub mod memory;
pub mod mode;
pub mod module;
/// The operation table of the forward language: one row per operation (its spelling,
/// arguments, shape rule, cost rule and what autograd saves).
pub use complexity_ops as ops;
#[cfg(feature = "alloc")]
pub mod report;
mod repr;
pub mod shape;

pub use analysis::{Totals, analyze, analyze_in};
pub use budget::Budget;
pub use convention::{Convention, Unit};
pub use cost::{Cost, OpKind, ToolFlops, ZeroOp};
pub use error::{Error, ErrorKind};
pub use mode::Mode;
pub use module::Module;
pub use repr::Repr;
pub use shape::{DType, Shape};

/// `#[derive(Complexity)]`: describes a model struct. The attributes are in the crate
/// docs' "Attributes" section, the forward language in "Operations".
#[cfg(feature = "derive")]
pub use complexity_derive::Complexity;

/// A type with a static model description.
///
/// Implemented by `#[derive(Complexity)]` on structs, and here for arrays `[T; N]` and
/// tuples, which act like `nn.Sequential` with children named `0`, `1`, …
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no model description",
    label = "`{Self}` does not implement `Complexity`",
    note = "derive `Complexity` for the type; for a field, annotate it with a layer kind instead \
            (`#[complexity(conv2d(out = 64, kernel = 3))]`) or mark it `#[complexity(skip)]`",
    note = "tuples describe `nn.Sequential`s of up to 32 elements (nest them, or use an array or a \
            `sequential` struct, for more); arrays `[Block; N]` of any length"
)]
pub trait Complexity {
    /// The description.
    const MODULE: Module;
}

/// A model with a concrete input, from `#[complexity(input = …)]`: its totals are
/// constants the compiler computes (and an inconsistent model fails to compile).
pub trait Model: Complexity {
    /// The input shape, batch included.
    const INPUT: Shape;
    /// The analysis in training mode (mmengine's default).
    const TRAIN: Totals;
    /// The analysis in evaluation mode.
    const EVAL: Totals;
}

#[diagnostic::do_not_recommend]
impl<T: Complexity, const N: usize> Complexity for [T; N] {
    const MODULE: Module = Module {
        class: "Sequential",
        extra_repr: None,
        tied: None,
        frozen: false,
        body: module::Body::Repeat {
            module: &T::MODULE,
            count: N,
            prefix: "",
        },
    };
}

macro_rules! tuple_impls {
    ($($name:ident)+) => {
        #[diagnostic::do_not_recommend]
        impl<$($name: Complexity),+> Complexity for ($($name,)+) {
            const MODULE: Module = Module {
                class: "Sequential",
                extra_repr: None,
                tied: None,
                frozen: false,
                body: module::Body::Sequence { modules: &[$(&$name::MODULE),+], prefix: "" },
            };
        }
    };
}
tuple_impls!(A);
tuple_impls!(A B);
tuple_impls!(A B C);
tuple_impls!(A B C D);
tuple_impls!(A B C D E);
tuple_impls!(A B C D E F);
tuple_impls!(A B C D E F G);
tuple_impls!(A B C D E F G H);
tuple_impls!(A B C D E F G H I);
tuple_impls!(A B C D E F G H I J);
tuple_impls!(A B C D E F G H I J K);
tuple_impls!(A B C D E F G H I J K L);
tuple_impls!(A B C D E F G H I J K L M);
tuple_impls!(A B C D E F G H I J K L M N);
tuple_impls!(A B C D E F G H I J K L M N O);
tuple_impls!(A B C D E F G H I J K L M N O P);
tuple_impls!(A B C D E F G H I J K L M N O P Q);
tuple_impls!(A B C D E F G H I J K L M N O P Q R);
tuple_impls!(A B C D E F G H I J K L M N O P Q R S);
tuple_impls!(A B C D E F G H I J K L M N O P Q R S T);
tuple_impls!(A B C D E F G H I J K L M N O P Q R S T U);
tuple_impls!(A B C D E F G H I J K L M N O P Q R S T U V);
tuple_impls!(A B C D E F G H I J K L M N O P Q R S T U V W);
tuple_impls!(A B C D E F G H I J K L M N O P Q R S T U V W X);
tuple_impls!(A B C D E F G H I J K L M N O P Q R S T U V W X Y);
tuple_impls!(A B C D E F G H I J K L M N O P Q R S T U V W X Y Z);
tuple_impls!(A B C D E F G H I J K L M N O P Q R S T U V W X Y Z A1);
tuple_impls!(A B C D E F G H I J K L M N O P Q R S T U V W X Y Z A1 B1);
tuple_impls!(A B C D E F G H I J K L M N O P Q R S T U V W X Y Z A1 B1 C1);
tuple_impls!(A B C D E F G H I J K L M N O P Q R S T U V W X Y Z A1 B1 C1 D1);
tuple_impls!(A B C D E F G H I J K L M N O P Q R S T U V W X Y Z A1 B1 C1 D1 E1);
tuple_impls!(A B C D E F G H I J K L M N O P Q R S T U V W X Y Z A1 B1 C1 D1 E1 F1);

/// Not public API: what the derive's generated code calls.
#[doc(hidden)]
pub mod __private {
    pub use crate::__complexity_mode as mode;

    /// The index of the operation `name` in the table (the derive checked that it is
    /// there).
    pub const fn op(name: &str) -> usize {
        match crate::ops::find(name) {
            Some(i) => i,
            None => panic!("an operation outside the table"),
        }
    }
    pub use crate::cost::ZeroOp;
    pub use crate::layer::{self, Layer, Size};
    pub use crate::module::{
        BinaryOp, Body, Child, DtypeArg, ExpandSize, Graph, Module, Naming, Param, SizeArg, Split,
        Step,
    };
    pub use crate::ops;
    pub use crate::{Complexity, Mode, Model, Shape, Totals};

    /// A layer argument: a `usize` const expression, as a count.
    pub const fn count(n: usize) -> u64 {
        n as u64
    }

    /// A dimension or signed size: an `isize` const expression.
    pub const fn dim(n: isize) -> i64 {
        n as i64
    }

    /// A dimension or size of a `forward`, from any integer type (widened to `i128`):
    /// outside `i64`, the build fails at it.
    pub const fn dim_wide(n: i128) -> i64 {
        if n > i64::MAX as i128 || n < i64::MIN as i128 {
            panic!("a dimension or size in `forward` is outside i64");
        }
        n as i64
    }

    /// A size written as one number.
    pub const fn square(n: usize) -> Size {
        Size::square(n as u64)
    }

    /// A size written as a tuple of 1 to 3 numbers.
    pub const fn size(dims: &[usize]) -> Size {
        let mut out = [0u64; 3];
        let mut i = 0;
        while i < dims.len() && i < 3 {
            out[i] = dims[i] as u64;
            i += 1;
        }
        Size::of(out.split_at(if dims.len() < 3 { dims.len() } else { 3 }).0)
    }

    /// A shape written as a tuple or array of `usize`s.
    pub const fn shape(dims: &[usize]) -> Shape {
        if dims.len() > crate::shape::MAX_RANK {
            panic!("a shape has at most 8 dimensions");
        }
        let mut out = [0u64; crate::shape::MAX_RANK];
        let mut i = 0;
        while i < dims.len() && i < crate::shape::MAX_RANK {
            out[i] = dims[i] as u64;
            i += 1;
        }
        Shape::new(out.split_at(dims.len()).0)
    }

    /// A float argument (`eps`, `momentum`, `p`).
    pub const fn float(x: f64) -> f64 {
        x
    }

    /// A module renamed by `class = "…"` / `extra_repr = "…"` on a field.
    pub const fn renamed(
        m: Module,
        class: &'static str,
        extra_repr: Option<&'static str>,
    ) -> Module {
        m.renamed(class, extra_repr)
    }

    /// A sequence renamed by `prefix = "…"` on a field.
    pub const fn prefixed(m: Module, prefix: &'static str) -> Module {
        match m.body {
            Body::Layer(_) => panic!(
                "`prefix` names the elements of a sequence (an array, a tuple, `sequential(…)`, a `sequential` struct); this field is a layer, which has none"
            ),
            Body::Graph(g) if !matches!(g.naming, crate::module::Naming::Positions) => panic!(
                "`prefix` names the elements of a sequence (an array, a tuple, `sequential(…)`, a `sequential` struct); this field's type is a struct that names its children by field"
            ),
            _ => m.prefixed(prefix),
        }
    }

    /// The analysis, kept as a `Result` in a hidden constant of a model with `input`, so
    /// that its error can be reported at the field it comes from.
    pub const fn analysis(
        module: &'static Module,
        input: Shape,
        mode: Mode,
    ) -> Result<Totals, crate::Error> {
        crate::analyze(module, input, mode)
    }

    /// The totals of an analysis, or [`FALLBACK_TOTALS`] when it failed (the error is
    /// reported by [`fail_at_field`], [`fail_at_root`] or [`fail_elsewhere`]).
    pub const fn totals_of(analysis: &Result<Totals, crate::Error>) -> Totals {
        match analysis {
            Ok(t) => *t,
            Err(_) => FALLBACK_TOTALS,
        }
    }

    /// Whether the analysis failed on a type whose derive failed: that error is the one
    /// reported, so no constant reports this one.
    const fn derive_failed(analysis: &Result<Totals, crate::Error>) -> bool {
        matches!(analysis, Err(e) if matches!(e.kind(), crate::ErrorKind::Failed))
    }

    /// The first name of the path of a failed analysis, if it is a field.
    const fn failed_field(
        analysis: &Result<Totals, crate::Error>,
    ) -> Option<(&'static str, crate::Error)> {
        match analysis {
            Err(e) => match e.path().names().first() {
                Some(crate::error::Name::Field(f)) => Some((f, *e)),
                _ => None,
            },
            Ok(_) => None,
        }
    }

    /// Fails compilation (in a `const` item spanned at the field) when the analysis failed
    /// inside the model's field `field`.
    pub const fn fail_at_field(analysis: &Result<Totals, crate::Error>, field: &str) {
        if derive_failed(analysis) {
            return;
        }
        if let Some((f, e)) = failed_field(analysis)
            && complexity_ops::same_str(f, field)
        {
            e.panic()
        }
    }

    /// Fails compilation when the analysis failed in the model's own `forward` (a `+` of
    /// two shapes that do not broadcast).
    pub const fn fail_at_root(analysis: &Result<Totals, crate::Error>, covered: &[usize]) {
        if derive_failed(analysis) {
            return;
        }
        if let Err(e) = analysis
            && e.path().names().is_empty()
        {
            if let Some(step) = e.step() {
                let mut i = 0;
                while i < covered.len() {
                    if covered[i] == step {
                        return;
                    }
                    i += 1;
                }
            }
            e.panic()
        }
    }

    /// Fails compilation (in a `const` item spanned at the operation) when the analysis
    /// failed at step `step` of the model's own `forward`.
    pub const fn fail_at_step(analysis: &Result<Totals, crate::Error>, step: usize) {
        if derive_failed(analysis) {
            return;
        }
        if let Err(e) = analysis
            && e.path().names().is_empty()
            && matches!(e.step(), Some(s) if s == step)
        {
            e.panic()
        }
    }

    /// Fails compilation (in a `const` item spanned at the field) when the analysis failed
    /// inside child `child` of a positional (`sequential`) model: at one of the positions
    /// it takes.
    pub const fn fail_at_position(
        analysis: &Result<Totals, crate::Error>,
        model: &'static Module,
        child: usize,
    ) {
        if derive_failed(analysis) {
            return;
        }
        let Err(e) = analysis else { return };
        let Some(crate::error::Name::Index(at)) = e.path().names().first() else {
            return;
        };
        if let Body::Graph(g) = model.body {
            let c = &g.children[child];
            let start = g.positions_before(child);
            if c.present && *at >= start && *at < start + c.module.positions(c.splice) {
                e.panic()
            }
        }
    }

    /// Fails compilation when the analysis failed anywhere else than in one of `fields`
    /// or the model's own `forward` (in a child named by position).
    pub const fn fail_elsewhere(analysis: &Result<Totals, crate::Error>, fields: &[&str]) {
        if derive_failed(analysis) {
            return;
        }
        if let Err(e) = analysis {
            if e.path().names().is_empty() {
                return;
            }
            // A positional model's fields claim their positions (`fail_at_position`).
            if fields.is_empty()
                && matches!(e.path().names().first(), Some(crate::error::Name::Index(_)))
            {
                return;
            }
            if let Some((f, _)) = failed_field(analysis) {
                let mut i = 0;
                while i < fields.len() {
                    if complexity_ops::same_str(f, fields[i]) {
                        return;
                    }
                    i += 1;
                }
            }
            e.panic()
        }
    }

    /// The analysis in a `const` item: an error becomes a compile error naming the field
    /// path and the numbers.
    pub const fn analyze_or_fail(module: &'static Module, input: Shape, mode: Mode) -> Totals {
        match crate::analyze(module, input, mode) {
            Ok(t) => t,
            Err(e) if matches!(e.kind(), crate::ErrorKind::Failed) => FALLBACK_TOTALS,
            Err(e) => e.panic(),
        }
    }

    /// The analysis in `mode` for a second constant of the same model, whose training
    /// analysis `train` the compiler already ran: a model that failed there (an error
    /// already reported) gives [`FALLBACK_TOTALS`] here, so each mistake is reported once
    /// and nothing is analysed twice.
    pub const fn analyze_again_or_fail(
        train: &Result<Totals, crate::Error>,
        module: &'static Module,
        input: Shape,
        mode: Mode,
    ) -> Totals {
        match train {
            Ok(t) if matches!(mode, Mode::Train) => *t,
            Ok(_) => analyze_or_fail(module, input, mode),
            Err(_) => FALLBACK_TOTALS,
        }
    }

    /// The analysis of `module` at `input` in the budget's mode, failing compilation (when
    /// in a `const` item) with the analysis error or the first limit exceeded.
    pub const fn enforce(module: &'static Module, input: Shape, budget: crate::Budget) {
        let totals = analyze_or_fail(module, input, budget.checked_mode());
        enforce_totals(&totals, budget);
        if budget.limits_memory() {
            let train = analyze_or_fail(module, input, Mode::Train);
            let eval = analyze_or_fail(module, input, Mode::Eval);
            enforce_memory(module, input, &train, &eval, budget);
        }
    }

    /// The bytes to train the model `module` on `input` with its batch (dimension 0) set
    /// to `batch`, as `training` says: what `Model::train_bytes` computes; a failing
    /// analysis or an overflow panics with its message (a compile error in a const).
    pub const fn train_bytes(
        module: &'static Module,
        input: Shape,
        batch: u64,
        training: crate::memory::Training,
    ) -> u128 {
        let input = input.with_dim(0, batch);
        let totals = match crate::analyze_in(module, input, Mode::Train, training.precision()) {
            Ok(t) => t,
            Err(e) => e.panic(),
        };
        match training.memory(&totals) {
            Ok(m) => m.total(),
            Err(e) => e.panic(),
        }
    }

    /// The bytes to serve the model `module` on `input` with its batch set to `batch`,
    /// as `inference` says (eval mode): what `Model::inference_bytes` computes.
    pub const fn inference_bytes(
        module: &'static Module,
        input: Shape,
        batch: u64,
        inference: crate::memory::Inference,
    ) -> u128 {
        let totals = analyze_or_fail(module, input.with_dim(0, batch), Mode::Eval);
        inference.memory(&totals).total()
    }

    /// The memory limits of `budget` on a model's training- and eval-mode totals
    /// (the model `module` at `input` analysed again when the training runs under
    /// autocast).
    pub const fn enforce_memory(
        module: &'static Module,
        input: Shape,
        train: &Totals,
        eval: &Totals,
        budget: crate::Budget,
    ) {
        let precision = budget.training_precision();
        let again;
        let train = if matches!(precision, crate::memory::Precision::Uniform) {
            train
        } else {
            again = match crate::analyze_in(module, input, Mode::Train, precision) {
                Ok(t) => t,
                Err(e) => e.panic(),
            };
            &again
        };
        if let Err(e) = budget.check_memory(train, eval) {
            e.panic()
        }
    }

    /// [`enforce`] for totals already computed (`#[complexity(input = …, max_… = …)]`).
    pub const fn enforce_totals(totals: &Totals, budget: crate::Budget) {
        if let Err(e) = budget.check(totals) {
            e.panic()
        }
    }

    /// The totals of [`FALLBACK`], likewise emitted next to a derive error.
    pub const FALLBACK_TOTALS: Totals = Totals {
        input: Shape::SCALAR,
        output: Shape::SCALAR,
        cost: crate::Cost::ZERO,
        precision: crate::memory::Precision::Uniform,
    };

    /// Emitted (with `compile_error!`) when the derive input is wrong, so the rest of the
    /// program still type-checks and only the real error is reported.
    pub const FALLBACK: Module = Module {
        class: "",
        extra_repr: None,
        tied: None,
        frozen: false,
        body: Body::Failed,
    };
}
