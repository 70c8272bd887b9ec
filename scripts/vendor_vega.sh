#!/bin/sh
# Vendor the charting library of the story desk into src/newsledger/web/static/vendor/
# from the npm registry (no CDN at run time). Vega, Vega-Lite, vega-embed and
# vega-interpreter are BSD-3-Clause; their LICENSE files are copied beside them.
#
# vega-interpreter ships only as an ES module importing 'vega-util'; the app's
# Content-Security-Policy has no 'unsafe-eval', so vega's default expression compiler
# (new Function) cannot run and the interpreter is needed. Its first line (the import)
# and last line (the export) are rewritten to read the same three functions from the
# vega build's global and to set window.vegaInterpreter: nothing else changes.
set -eu
VEGA=6.4.0 LITE=6.4.3 EMBED=7.3.0 INTERP=2.3.2
OUT="$(cd "$(dirname "$0")/.." && pwd)/src/newsledger/web/static/vendor"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
npm pack --silent "vega@$VEGA" "vega-lite@$LITE" "vega-embed@$EMBED" "vega-interpreter@$INTERP" >/dev/null
for name in vega vega-lite vega-embed vega-interpreter; do
  mkdir "$name" && tar xzf "$name"-[0-9]*.tgz -C "$name"
done
mkdir -p "$OUT"
cp vega/package/build/vega.min.js vega-lite/package/build/vega-lite.min.js \
   vega-embed/package/build/vega-embed.min.js "$OUT/"
{
  echo "(function () { const { ascending, isString, DisallowedObjectProperties } = window.vega;"
  sed -e '1d' -e 's/^export { expression as expressionInterpreter };$/window.vegaInterpreter = { expressionInterpreter: expression };/' \
    vega-interpreter/package/build/vega-interpreter.js
  echo "})();"
} > "$OUT/vega-interpreter.js"
for name in vega vega-lite vega-embed vega-interpreter; do
  cp "$name/package/LICENSE" "$OUT/LICENSE.$name.txt"
done
cat > "$OUT/README.md" <<EOT
# Vendored charting library (BSD-3-Clause)

Fetched from the npm registry by \`scripts/vendor_vega.sh\`; served by the app from
\`/static/vendor/\` (no CDN).

| file | package | version | licence |
| --- | --- | --- | --- |
| vega.min.js | vega | $VEGA | LICENSE.vega.txt |
| vega-lite.min.js | vega-lite | $LITE | LICENSE.vega-lite.txt |
| vega-embed.min.js | vega-embed | $EMBED | LICENSE.vega-embed.txt |
| vega-interpreter.js | vega-interpreter | $INTERP | LICENSE.vega-interpreter.txt |

vega-interpreter.js is the package's build/vega-interpreter.js with its import line
replaced by a read of \`window.vega\` and its export line by \`window.vegaInterpreter = …\`
(an ES module cannot be loaded beside the UMD builds without an inline import map,
which the Content-Security-Policy forbids). The interpreter lets Vega evaluate its
expressions without \`new Function\`, so the policy needs no 'unsafe-eval'.
EOT
