#!/bin/sh
# tests/fuzz/run.sh SECONDS: builds every tests/fuzz/fuzz_*.c with clang
# and libFuzzer (plus AddressSanitizer and UndefinedBehaviorSanitizer) and
# runs each for its share of SECONDS, printing TAP.  `make fuzz` gives it
# 60 seconds; tests/fuzz/fuzz.t.sh a short run inside `make check`.
#
# What a harness is linked with comes from the headers it includes: a
# header of util/, data/, cmd/, api/ or tui/ brings that folder's sources
# and those of the layers below it (cmd/ also brings the help topics).  A
# line "fuzz-sources: FILES..." in the harness says it instead.
#
# Seeds are read from tests/fuzz/corpus/NAME/ (NAME: the harness without
# fuzz_); the working corpus and any crash are kept under build/fuzz/.
# Without clang or libFuzzer every harness is skipped ("ok ... # SKIP
# needs ..."), which tests/run.sh fails under CI=true.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
secs=${1:-60}
out=${B:-build}/fuzz
n=0

tap() { n=$((n + 1)); echo "$1 $n - $2"; }

harnesses=$(ls tests/fuzz/fuzz_*.c 2>/dev/null)
if [ -z "$harnesses" ]; then
	echo "1..0 # SKIP no harnesses"
	exit 0
fi
mkdir -p "$out"
printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n)'\
'{ (void)d; (void)n; return 0; }\n' >"$out/probe.c"
if ! command -v clang >/dev/null 2>&1 ||
    ! clang -fsanitize=fuzzer,address,undefined -o "$out/probe" \
    "$out/probe.c" >/dev/null 2>&1; then
	for h in $harnesses; do
		tap ok "fuzz $(basename "$h" .c) # SKIP needs clang with libFuzzer (clang, libclang-rt-dev)"
	done
	echo "1..$n"
	exit 0
fi

pkgs="ncursesw readline sqlite3 libcurl jansson libcrypto libmicrohttpd inih"
pkg_cflags=$(pkg-config --cflags $pkgs 2>/dev/null |
    sed 's/-D_XOPEN_SOURCE=[^ ]*//g; s/-D_DEFAULT_SOURCE//g')
pkg_libs=$(pkg-config --libs $pkgs 2>/dev/null)
version=$(cat VERSION 2>/dev/null || echo 0.1.0)
cflags="-std=c11 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -DWARDEN_VERSION=\"$version\"
    -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined
    -fno-sanitize-recover=undefined $pkg_cflags"

# The help topics, as the Makefile makes them.
mkdir -p "$out/gen"
if [ ! -f "$out/gen/help_topics.c" ] ||
    [ -n "$(find help tools/embed-help.sh -newer "$out/gen/help_topics.c" 2>/dev/null)" ]; then
	sh tools/embed-help.sh help/*.txt >"$out/gen/help_topics.c.tmp" &&
	    mv "$out/gen/help_topics.c.tmp" "$out/gen/help_topics.c"
	sed -i 's|"../../cmd/help_topics.h"|"../../../cmd/help_topics.h"|' \
	    "$out/gen/help_topics.c"
fi

# sources_of HARNESS: what it is linked with
sources_of() {
	explicit=$(sed -n 's/.*fuzz-sources:\(.*\)/\1/p' "$1" | sed 's/\*\///')
	if [ -n "$explicit" ]; then
		# shellcheck disable=SC2086
		ls $explicit 2>/dev/null
		return
	fi
	layers=""
	for l in tui cmd api data util; do
		grep -q "^#include \"\.\./\.\./$l/" "$1" && layers="$layers $l"
	done
	case $layers in *tui*) layers="$layers cmd" ;; esac
	case $layers in *cmd*|*api*) layers="$layers data" ;; esac
	case $layers in *data*) layers="$layers util" ;; esac
	for l in tui cmd api data util; do
		case " $layers " in *" $l "*) ls $l/*.c ;; esac
	done
	case " $layers " in *" cmd "*) echo "$out/gen/help_topics.c" ;; esac
}

# obj SOURCE: compiles it once (again when it or a header changed)
obj() {
	o="$out/obj/$(echo "$1" | sed 's|/|_|g; s|\.c$|.o|')"
	if [ ! -f "$o" ] || [ "$1" -nt "$o" ] ||
	    [ -n "$(find util data cmd api tui -name '*.h' -newer "$o" 2>/dev/null | head -1)" ]; then
		mkdir -p "$out/obj"
		# shellcheck disable=SC2086
		clang $cflags -c -o "$o" "$1" 2>>"$out/build.log" || return 1
	fi
	echo "$o"
}

count=$(echo "$harnesses" | wc -l)
share=$((secs / count))
[ "$share" -lt 1 ] && share=1
: >"$out/build.log"
for h in $harnesses; do
	name=$(basename "$h" .c)
	objs=""
	failed=0
	for s in $(sources_of "$h") "$h"; do
		o=$(obj "$s") || { failed=1; break; }
		objs="$objs $o"
	done
	# shellcheck disable=SC2086
	if [ $failed = 1 ] || ! clang -fsanitize=fuzzer,address,undefined \
	    -o "$out/$name" $objs $pkg_libs -lm 2>>"$out/build.log"; then
		tap "not ok" "fuzz $name: does not build"
		tail -20 "$out/build.log" | sed 's/^/# /'
		continue
	fi
	corpus="$out/corpus/${name#fuzz_}"
	mkdir -p "$corpus" "$out/artifacts"
	seeds="tests/fuzz/corpus/${name#fuzz_}"
	[ -d "$seeds" ] || seeds=""
	# shellcheck disable=SC2086
	"$out/$name" -max_total_time="$share" -timeout=10 -rss_limit_mb=2048 \
	    -print_final_stats=1 -artifact_prefix="$out/artifacts/$name-" \
	    "$corpus" $seeds >"$out/$name.log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$name.log")
	if [ $rc -eq 0 ]; then
		tap ok "fuzz $name: ${runs:-?} runs in ${share}s"
	else
		tap "not ok" "fuzz $name: exit $rc"
		grep -E 'ERROR|SUMMARY|runtime error|Test unit written' \
		    "$out/$name.log" | head -10 | sed 's/^/# /'
	fi
done
echo "1..$n"
