#!/usr/bin/env bash
# Installs kernel/target/bnkit-kernel.jar into a scratch prefix and runs the Python protocol tests
# against it (and, with --bench, the cold-start benchmark). Build the jar first: mvn -B -q install
# Usage: kernel/run-python-tests.sh [--bench]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/bnkit-kernel.jar"
[ -f "$jar" ] || { echo "No $jar: build it first with 'mvn -B -q install'" >&2; exit 1; }
prefix="$(mktemp -d)"
trap 'rm -rf "$prefix"' EXIT
java -jar "$jar" install --prefix "$prefix" --name bnkit-test
export JUPYTER_PATH="$prefix/share/jupyter" BNKIT_KERNEL_NAME=bnkit-test
/usr/bin/python3 -m unittest discover -s "$here/src/test/python" -v
if [ "${1:-}" = "--bench" ]; then
  /usr/bin/python3 "$here/src/bench/python/cold_start.py"
fi
