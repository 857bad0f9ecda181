#!/usr/bin/env bash
# The npm package, built and tested as a user would install it:
#
#   1. what the build needs, where it is missing: the wasm32 target
#      (rustup), wasm-bindgen-cli of exactly the wasm-bindgen crate's
#      version (cargo install, into target/tools), wasm-opt (Debian's
#      binaryen) and, for the playground's test, Debian's chromium;
#   2. the Node packages, by `npm ci` from the committed lock file;
#   3. the command-line tool, the peer every answer is compared with;
#   4. the package and the playground, by `npm run build`; the package
#      packed (`npm pack`) and installed in a new empty project, where
#      `import` and `require` must both print the explanation;
#   5. every test (`npm test`: Node's runner, tsc --strict, fast-check,
#      the browser), and the benchmark once, briefly.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"

if ! rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
    rustup target add wasm32-unknown-unknown
fi
version="$(grep -A1 '^name = "wasm-bindgen"$' "$root/Cargo.lock" | sed -n 's/^version = "\(.*\)"$/\1/p')"
tools="$root/target/tools"
export PATH="$tools/bin:$PATH"
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $version" ]; then
    # Not --locked: the CLI's own lock names a webpki-roots release the
    # registry does not serve; its dependencies resolve afresh.
    cargo install --quiet --root "$tools" wasm-bindgen-cli --version "$version"
fi
missing=()
command -v wasm-opt > /dev/null || missing+=(binaryen)
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" > /dev/null
fi

npm ci --no-audit --no-fund --loglevel=error
(cd "$root" && cargo build --locked --quiet --features cli --bin incident-response)
export INCIDENT_RESPONSE_CLI="$root/target/debug/incident-response"
npm run --silent build

# The package as npm would publish it, in a new project: import and require.
mkdir -p "$root/target/npm"
clean="$root/target/npm/clean"
rm -rf "$clean" && mkdir -p "$clean"
tarball="$(npm pack --silent --pack-destination "$root/target/npm")"
(
    cd "$clean"
    echo '{"name": "clean", "private": true}' > package.json
    npm install --silent --no-audit --no-fund "$root/target/npm/$tarball"
    node -e 'const ir = require("@incident-response/core"); console.log(String(ir.decide({severity: "P2", cause: {kind: "deployment", revert: "simple"}})))' > require.txt
    node --input-type=module -e 'import { decide } from "@incident-response/core"; console.log(String(decide({severity: "P2", cause: {kind: "deployment", revert: "simple"}})))' > import.txt
)
for form in require import; do
    if ! grep -q '^ROLLBACK (P2, decide within 4 h): Use pre-tested rollback script$' "$clean/$form.txt"; then
        echo "npm: the packed package did not print the explanation with $form:" >&2
        cat "$clean/$form.txt" >&2
        exit 1
    fi
done

npm test
# The benchmark's peer, not in the lock: its lock entry would name a native
# package for every platform, which this registry does not all serve.
npm install --no-save --no-audit --no-fund --loglevel=error @gorules/zen-engine@0.54.0
node bench/bench.mjs --quick > "$root/target/npm/bench.md" || {
    cat "$root/target/npm/bench.md"
    echo "npm: the benchmark (bench/bench.mjs --quick) failed" >&2
    exit 1
}
echo "npm: the package, its types, its playground and its benchmark passed"
