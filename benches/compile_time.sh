#!/usr/bin/env bash
# The compiler's analysis cost: for each model, a crate is generated twice — the
# description alone, and the description with its totals as constants — and built in
# debug with its dependencies already built. The analysis costs the difference.
#
#   bash benches/compile_time.sh            # every case, median of 3 builds each
#   RUNS=5 bash benches/compile_time.sh     # more builds per figure
#
# Cases: `[ConvBnRelu; N]` for N = 10, 100, 1,000, 10,000 (3·N layers), 64 nested
# structs, DenseNet-201, and examples/llama/model.rs as Llama-2-7B, Llama-3-70B and Llama-3.1-405B at
# [1, 8192], and 405B at [1, 131072]. Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
runs=${RUNS:-3}
work="$root/target/compile-bench"
export CARGO_TARGET_DIR="$work/target" CARGO_INCREMENTAL=0
mkdir -p "$work"

# crate NAME ITEMS MAIN: a binary crate whose main.rs holds ITEMS then `fn main() { MAIN }`.
crate() {
  local dir="$work/$1"
  mkdir -p "$dir/src"
  cat > "$dir/Cargo.toml" <<EOF
[package]
name = "$1"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
complexity-core = { path = "$root/complexity-core" }

[workspace]
EOF
  printf '%s\nfn main() { %s }\n' "$2" "$3" > "$dir/src/main.rs"
}

# build NAME: the median wall time of $runs builds of the crate's own code, in seconds.
build() {
  local dir="$work/$1" times=()
  (cd "$dir" && cargo build -q 2>&1) >&2 # dependencies, and a check that it compiles
  for _ in $(seq "$runs"); do
    touch "$dir/src/main.rs"
    local start end
    start=$(date +%s.%N)
    (cd "$dir" && cargo build -q 2>&1) >&2
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p"
}

block='use complexity_core::Complexity;
#[derive(Complexity)]
pub struct ConvBnRelu {
    #[complexity(conv2d(out = 16, kernel = 3, padding = 1, bias = false))]
    conv: (),
    #[complexity(batch_norm2d)]
    bn: (),
    #[complexity(relu(inplace))]
    relu: (),
}'

nested() { # $1: "input = (16, 8, 8)" or ""
  local items="use complexity_core::Complexity;
#[derive(Complexity)]
pub struct Level0 {
    #[complexity(conv2d(out = 16, kernel = 3, padding = 1))]
    conv: (),
}"
  for i in $(seq 1 63); do
    local attr=""
    [ "$i" = 63 ] && [ -n "$1" ] && attr="#[complexity($1)]"
    items="$items
#[derive(Complexity)]
$attr
pub struct Level$i {
    inner: Level$((i - 1)),
}"
  done
  echo "$items"
}

llama="#[path = \"$root/examples/llama/model.rs\"]
#[allow(dead_code)]
mod model;
use model::*;"

measure() { # label, name, items without, main without, items with, main with
  crate "$2-without" "$3" "$4"
  crate "$2-with" "$5" "$6"
  local a b
  a=$(build "$2-without")
  b=$(build "$2-with")
  printf '| %s | %.2f s | %.2f s | %.2f s |\n' "$1" "$a" "$b" "$(echo "$b - $a" | bc)"
}

echo "| model | build without constants | with | analysis |"
echo "|---|---|---|---|"
for n in 10 100 1000 10000; do
  measure "\`[ConvBnRelu; $n]\` ($((3 * n)) layers)" "chain$n" \
    "$block
#[derive(Complexity)]
pub struct Net { layers: [ConvBnRelu; $n] }" 'println!("{}", Net::MODULE.class);' \
    "$block
#[derive(Complexity)]
#[complexity(input = (16, 32, 32))]
pub struct Net { layers: [ConvBnRelu; $n] }" 'println!("{} {} {}", Net::PARAMS, Net::FLOPS, Net::PEAK_ACTIVATIONS);'
done
# DenseNet-201 (examples/densenet201.rs): 713 modules, 98 distinct dense layers, each
# type analysed once; without `input` its description alone.
densenet=$(sed -n '/^use complexity_core::{Complexity, Mode};/,/^fn main/p' "$root/examples/densenet201.rs" |
  sed -e '$d' -e 's/^use complexity_core::{Complexity, Mode};/use complexity_core::Complexity;/')
measure "DenseNet-201 (713 modules)" densenet201 \
  "$(echo "$densenet" | grep -v '^    input = (3, 224, 224),$')" \
  'println!("{}", <DenseNet201 as complexity_core::Complexity>::MODULE.class);' \
  "$densenet" 'println!("{} {} {}", DenseNet201::PARAMS, DenseNet201::FLOPS, DenseNet201::PEAK_ACTIVATIONS);'
measure "64 nested structs" nested \
  "$(nested "")" 'println!("{}", Level63::MODULE.class);' \
  "$(nested "input = (16, 8, 8)")" 'println!("{} {}", Level63::PARAMS, Level63::FLOPS);'
for spec in "Llama-2-7B:Llama2_7B:32:8192" "Llama-3-70B:Llama3_70B:80:8192" \
  "Llama-3.1-405B:Llama31_405B:126:8192" "Llama-3.1-405B:Llama31_405B:126:131072"; do
  IFS=: read -r label config layers tokens <<<"$spec"
  ty="LlamaForCausalLM<$config, $layers>"
  measure "$label at \`[1, $tokens]\`" "$(echo "$config-$tokens" | tr 'A-Z_' 'a-z-')" \
    "$llama" "println!(\"{}\", <$ty as complexity_core::Complexity>::MODULE.class);" \
    "$llama
const TOTALS: complexity_core::Totals = complexity_core::totals!($ty, input = [1, $tokens]);" \
    'println!("{} {}", TOTALS.params(), TOTALS.flops());'
done
