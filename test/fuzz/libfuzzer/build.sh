#!/bin/sh
# Builds the libFuzzer harness: cgrad's compiler sources with ASan, UBSan
# and libFuzzer's coverage, linked with harness.c.
#   sh test/fuzz/libfuzzer/build.sh [OUT_DIR]      (default build-libfuzzer)
# Run:  OUT/cgrad-libfuzzer -max_total_time=1800 -timeout=10 -rss_limit_mb=4096 OUT/corpus SEEDS  (SEEDS: a copy of test/*/*.c)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
out=${1:-$root/build-libfuzzer}
llvm=/usr/lib/llvm-19
mkdir -p "$out/corpus"
srcs=$(ls "$root"/compiler/base/*.c "$root"/compiler/ir/*.c "$root"/compiler/front/*.c "$root"/compiler/rules/*.c \
          "$root"/compiler/analysis/*.c "$root"/compiler/ad/*.c "$root"/compiler/emit/*.c "$root"/compiler/driver/cli.c)
version=$(sed -n 's/^project(cgrad VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
${CC:-clang-19} -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -DCGRAD_VERSION="\"${version:-0}\"" -DCGRAD_SOURCE_INCLUDE="\"$root/include\"" \
    -I"$root/compiler" -isystem "$llvm/include" $srcs "$here/harness.c" \
    -L"$llvm/lib" -Wl,-rpath,"$llvm/lib" -lclang -o "$out/cgrad-libfuzzer"
echo "built $out/cgrad-libfuzzer"
