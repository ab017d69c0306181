#!/bin/sh
# Builds the npm package of cxkpi into bindings/wasm/pkg (ignored by git):
# the module for wasm32-unknown-unknown with the size-optimised profile, its
# JavaScript glue and TypeScript types by wasm-bindgen (the CLI of the exact
# version of the wasm-bindgen crate), then binaryen's wasm-opt -Oz.
#
# Needs: rustup target add wasm32-unknown-unknown; the wasm-bindgen CLI of
# the version in Cargo.lock; `npm ci` in bindings/wasm (for wasm-opt).
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

# CXKPI_WASM_FEATURES: cargo features of the package to build, such as
# `state`; none by default.
cargo build -p cxkpi-wasm --target wasm32-unknown-unknown --profile wasm-release \
    ${CXKPI_WASM_FEATURES:+--features "$CXKPI_WASM_FEATURES"}
rm -rf "$here/pkg"
# The name section only serves debuggers; the producers section, telemetry.
wasm-bindgen --target nodejs --remove-name-section --remove-producers-section \
    --out-dir "$here/pkg" target/wasm32-unknown-unknown/wasm-release/cxkpi_wasm.wasm
# wasm-opt reads the module's target features from the module itself.
"$here/node_modules/.bin/wasm-opt" -Oz \
    "$here/pkg/cxkpi_wasm_bg.wasm" -o "$here/pkg/cxkpi_wasm_bg.wasm"
bytes=$(wc -c < "$here/pkg/cxkpi_wasm_bg.wasm")
echo "cxkpi_wasm_bg.wasm: $bytes bytes ($((bytes / 1024)) KiB), $(gzip -9 -c "$here/pkg/cxkpi_wasm_bg.wasm" | wc -c) gzipped"
