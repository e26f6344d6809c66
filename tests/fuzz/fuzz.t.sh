#!/bin/sh
# tests/fuzz/fuzz.t.sh: a short run of every fuzz harness inside
# `make check` (make fuzz runs them longer).
exec sh "$(dirname "$0")/run.sh" 10
