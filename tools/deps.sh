#!/bin/sh
# Checks the libraries and tools warden builds and tests with.  Missing ones
# are installed with apt-get when we are root on Debian; otherwise the one
# apt-get line to run is printed and we stop.  Prints nothing when all is well.
set -u

# pkg-config module  Debian package
libs="ncursesw:libncurses-dev
readline:libreadline-dev
sqlite3:libsqlite3-dev
libcurl:libcurl4-openssl-dev
jansson:libjansson-dev
libcrypto:libssl-dev
libmicrohttpd:libmicrohttpd-dev
inih:libinih-dev
cmocka:libcmocka-dev"

# command  Debian package (tests and documentation): every tool a test
# runs, so that no test is skipped on a machine this script set up
tools="pkg-config:pkg-config
tmux:tmux
mandoc:mandoc
sqlite3:sqlite3
jq:jq
openssl:openssl
col:bsdextrautils
script:bsdutils
ps:procps
clang:clang"

missing=""
have_pkgconfig=1
command -v pkg-config >/dev/null 2>&1 || have_pkgconfig=0
for pair in $libs; do
	mod=${pair%%:*}; pkg=${pair#*:}
	if [ $have_pkgconfig = 0 ] || ! pkg-config --exists "$mod"; then
		missing="$missing $pkg"
	fi
done
for pair in $tools; do
	cmd=${pair%%:*}; pkg=${pair#*:}
	command -v "$cmd" >/dev/null 2>&1 || missing="$missing $pkg"
done
# libFuzzer (the fuzz harnesses) comes with clang's runtime, in a package
# of clang's own version; a new clang brings the default one.
if command -v clang >/dev/null 2>&1; then
	v=$(clang -dumpversion 2>/dev/null | cut -d. -f1)
	rt=/usr/lib/llvm-$v/lib/clang/*/lib
	if [ -n "$v" ] && [ -z "$(ls $rt/linux/libclang_rt.fuzzer-"$(uname -m)".a \
	    $rt/*/libclang_rt.fuzzer.a 2>/dev/null)" ]; then
		missing="$missing libclang-rt-$v-dev"
	fi
else
	missing="$missing libclang-rt-dev"
fi

[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "deps: installing$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	if ! apt-get install -y --no-install-recommends $missing >&2; then
		apt-get update >&2 && apt-get install -y --no-install-recommends $missing >&2 || {
			echo "deps: apt-get could not install:$missing" >&2
			exit 1
		}
	fi
	exit 0
fi
echo "deps: missing build dependencies. Install them with:" >&2
echo "  sudo apt-get install$missing" >&2
exit 1
