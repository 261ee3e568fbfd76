#!/usr/bin/env bash
# Refresh the front-end files the web UI serves locally (storyline/web/static/vendor/) from the
# npm registry: install the exact versions of package.json (package-lock.json pins them and their
# dependencies), then copy the built browser files and licences next to it.  Never a CDN: the
# pages load only /static/… (strict CSP), so what is copied here is all they can run.
set -euo pipefail
cd "$(dirname "$0")/../storyline/web/static/vendor"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp package.json "$work/"
[ -f package-lock.json ] && cp package-lock.json "$work/"
(cd "$work" && npm install --no-audit --no-fund --ignore-scripts >/dev/null)
cp "$work/package-lock.json" .
m="$work/node_modules"
cp "$m/cytoscape/dist/cytoscape.min.js" cytoscape.min.js
cp "$m/layout-base/layout-base.js" layout-base.js
cp "$m/cose-base/cose-base.js" cose-base.js
cp "$m/cytoscape-fcose/cytoscape-fcose.js" cytoscape-fcose.js
cp "$m/axe-core/axe.min.js" axe.min.js
mkdir -p licenses
for p in cytoscape layout-base cose-base cytoscape-fcose axe-core; do
    cp "$m/$p/LICENSE" "licenses/$p.LICENSE.txt"
done
cp "$m/axe-core/LICENSE-3RD-PARTY.txt" licenses/axe-core.LICENSE-3RD-PARTY.txt
ls -l *.js
