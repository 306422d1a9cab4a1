#!/usr/bin/env bash
# Refresh the front-end libraries that the web pages use, from the npm registry.
# The copied files are committed (src/dateline/web/static/vendor/), so set-up needs no npm;
# run this only to upgrade one: edit a version below, run it, look at the diff, commit.
#   scripts/vendor-web.sh
# Each package is fetched with `npm pack` (the registry tarball, integrity checked by npm),
# unpacked in a temporary folder, and only the files the pages load are copied, with the
# package's licence. VENDORED.md records name, version, licence and tarball integrity.
set -euo pipefail
cd "$(dirname "$0")/.."
DEST=src/dateline/web/static/vendor
PACKAGES=(
  "leaflet@1.9.4|dist/leaflet.js dist/leaflet.css dist/images|LICENSE"
  "swagger-ui-dist@5.35.0|swagger-ui-bundle.js swagger-ui.css|LICENSE NOTICE"
  "topojson-client@3.1.0|dist/topojson-client.min.js|LICENSE"
  "world-atlas@2.0.2|countries-110m.json|LICENSE"
)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
manifest="$tmp/VENDORED.md"
{
  echo "# Vendored front-end files"
  echo
  echo "Copied from the npm registry by \`scripts/vendor-web.sh\` (do not edit by hand). Nothing is"
  echo "loaded from a CDN: the pages load only these files. Each folder keeps the package's licence."
  echo "\`world-atlas\` is Natural Earth's 1:110m country outlines (public domain) as TopoJSON."
  echo
  echo "| name | version | licence | files | npm tarball integrity |"
  echo "| --- | --- | --- | --- | --- |"
} >"$manifest"
for spec in "${PACKAGES[@]}"; do
  IFS='|' read -r pkg files licences <<<"$spec"
  name=${pkg%@*}
  version=${pkg##*@}
  (cd "$tmp" && npm pack --silent "$pkg" --json >"$name.json")
  tarball=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["filename"])' "$tmp/$name.json")
  integrity=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["integrity"])' "$tmp/$name.json")
  mkdir -p "$tmp/$name"
  tar -xzf "$tmp/$tarball" -C "$tmp/$name"
  licence=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["license"])' "$tmp/$name/package/package.json")
  rm -rf "${DEST:?}/$name"
  mkdir -p "$DEST/$name"
  for f in $files $licences; do
    cp -r "$tmp/$name/package/$f" "$DEST/$name/"
  done
  echo "| $name | $version | $licence | $(echo "$files" | tr ' ' ',') | \`$integrity\` |" >>"$manifest"
done
cp "$manifest" "$DEST/VENDORED.md"
echo "vendored into $DEST:"
cat "$DEST/VENDORED.md"
