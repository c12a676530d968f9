#!/usr/bin/env bash
# Builds the DocC catalogs of Concise and ConcreteJSON with warnings as errors, so that every
# symbol link in the articles and `///` comments resolves to one symbol. The symbol graphs come
# from a build of their own (.build-docs), which leaves the main build's flags alone.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=.build-docs
graphs=$work/graphs
# An up-to-date module emits no graph: the graphs are kept beside the build, and the build is
# started afresh when they are missing.
if [ ! -f "$graphs/Concise.symbols.json" ] || [ ! -f "$graphs/ConcreteJSON.symbols.json" ]; then
    rm -rf "$work"
fi
mkdir -p "$graphs"
for target in Concise ConcreteJSON; do
    if ! swift build --scratch-path "$work" --target "$target" \
        -Xswiftc -emit-symbol-graph -Xswiftc -emit-symbol-graph-dir -Xswiftc "$PWD/$graphs" > "$work/build.log" 2>&1; then
        echo "docs: building $target failed:"
        tail -40 "$work/build.log"
        exit 1
    fi
done
for target in Concise ConcreteJSON; do
    rm -rf "${work:?}/$target" "$work/$target.doccarchive" && mkdir -p "$work/$target"
    cp "$graphs/$target.symbols.json" "$graphs/$target"@*.symbols.json "$work/$target/"
    docc convert "Sources/$target/$target.docc" --additional-symbol-graph-dir "$work/$target" \
        --output-path "$work/$target.doccarchive" --fallback-display-name "$target" \
        --fallback-bundle-identifier "$target" --warnings-as-errors > "$work/$target.log" 2>&1 || {
        echo "docs: $target's catalog has warnings:"
        cat "$work/$target.log"
        exit 1
    }
    echo "docs: $target: no warnings"
done
