#!/bin/sh
# Rebuilds test/fixtures/tiny-model (the transformer-backend test model). Needs Debian's torch and onnx:
#   apt-get update && apt-get install -y python3-torch python3-onnx
# /usr/bin/python3 is used on purpose: a python3 earlier on PATH may not see Debian's modules.
set -eu
cd "$(dirname "$0")/.."
exec /usr/bin/python3 scripts/build-tiny-model.py "${1:-test/fixtures/tiny-model}"
