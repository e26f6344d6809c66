#!/bin/sh
# bench/api-load.sh: the admin API under load.  Runs the mix of
# tests/unit/test_api_load.c (queue pages, account, flags, stats, audit,
# search, history; keyed notes and their replays; tag+untag batches) from
# 1, 8 and 32 HTTP stores against one release `warden serve`, and prints
# one line per run.  The test asserts correctness only; the numbers live
# here and in bench/api-report.md.
#
#   BENCH_API_REQUESTS=100000 BENCH_API_CLIENTS="8" sh bench/api-load.sh
#   BENCH_API_ASAN=1   also the ASan build the test suite runs
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
B=${B:-build}
n=${BENCH_API_REQUESTS:-20000}
clients=${BENCH_API_CLIENTS:-1 8 32}
make -s warden "$B/rel/libwarden.a" >/dev/null

pkgs="ncursesw readline sqlite3 libcurl jansson libcrypto libmicrohttpd inih"
mkdir -p "$B/bench"
prog="$B/bench/api-load"
# the test program, built like the release binary
# shellcheck disable=SC2046
cc -std=c11 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -O2 -g \
    -DWARDEN_VERSION="\"$(cat VERSION 2>/dev/null || echo 0)\"" \
    $(pkg-config --cflags $pkgs cmocka | sed 's/-D_XOPEN_SOURCE=[^ ]*//g; s/-D_DEFAULT_SOURCE//g') \
    -o "$prog" tests/unit/test_api_load.c tests/unit/fixture.c \
    tests/unit/api_harness.c "$B/rel/libwarden.a" \
    $(pkg-config --libs $pkgs cmocka) -lm -lpthread

unset WARDEN_DB WARDEN_API WARDEN_TOKEN WARDEN_MODERATOR
unset http_proxy HTTP_PROXY https_proxy HTTPS_PROXY all_proxy ALL_PROXY
echo "warden api bench: $(uname -srm), $(nproc) cores, $n requests a run"
for c in $clients; do
	WARDEN_LOAD_CLIENTS=$c WARDEN_LOAD_REQUESTS=$n WARDEN_LOAD_REPORT=1 \
	    WARDEN_BIN="$top/warden" "$prog" 2>&1 | sed -n 's/^load: /release: /p'
done
if [ -n "${BENCH_API_ASAN:-}" ]; then
	make -s "$B/asan/warden" "$B/asan/tests/test_api_load" >/dev/null
	WARDEN_LOAD_REQUESTS=$n WARDEN_LOAD_REPORT=1 \
	    WARDEN_BIN="$top/$B/asan/warden" "$B/asan/tests/test_api_load" 2>&1 |
	    sed -n 's/^load: /asan (as in make check): /p'
fi
