#!/bin/sh
# Runs every suite and sums their TAP lines ("ok ..." / "not ok ...").
#   unit       build/asan/tests/test_*      (cmocka, TAP output)
#   scripts    tests/{cli,contract,tui,fuzz}/*.t.sh  (TAP via tests/lib/tap.sh)
# A suite that exits non-zero without a "not ok" line counts as one
# failure (it crashed).  Logs are kept in build/test-logs/.  The last line
# is "N passed, N failed".  TESTS=pattern runs the suites whose name
# matches.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
b=${B:-build}
logs=$b/test-logs
rm -rf "$logs"
mkdir -p "$logs"

export WARDEN_TOP="$top"
export B="$b"
export WARDEN_BIN="$top/$b/asan/warden"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$top/tests/lsan.supp:print_suppressions=0"
export CMOCKA_MESSAGE_OUTPUT=TAP
# Tests never read the developer's own configuration or state.
export HOME="$top/$b/test-home"
export XDG_CONFIG_HOME="$HOME/.config" XDG_STATE_HOME="$HOME/.local/state"
export INPUTRC=/dev/null LC_ALL=C.UTF-8 TZ=UTC
unset WARDEN_DB WARDEN_API WARDEN_TOKEN WARDEN_MODERATOR NO_COLOR WARDEN_NOW
rm -rf "$HOME"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_STATE_HOME"

passed=0
failed=0
pattern=${TESTS:-}

run_suite() {
	name=$1
	shift
	case "$name" in *"$pattern"*) ;; *) return ;; esac
	log="$logs/$(echo "$name" | tr '/' '_').log"
	start=$(date +%s)
	"$@" >"$log" 2>&1
	rc=$?
	end=$(date +%s)
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - $name exited $rc without reporting a failure" >>"$log"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$f" -gt 0 ]; then
		printf '%-40s %4d passed %4d FAILED  (%ss, log: %s)\n' "$name" "$p" "$f" $((end - start)) "$log"
		grep -E '^not ok|^# ' "$log" | head -40 | sed 's/^/    /'
		# sanitizer reports, if any
		grep -E 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$log" | head -5 | sed 's/^/    /'
	else
		printf '%-40s %4d passed  (%ss)\n' "$name" "$p" $((end - start))
	fi
}

for t in "$b"/asan/tests/test_*; do
	[ -x "$t" ] || continue
	run_suite "unit/$(basename "$t")" "$t"
done
for dir in cli contract tui fuzz; do
	for t in tests/$dir/*.t.sh; do
		[ -f "$t" ] || continue
		run_suite "$dir/$(basename "$t" .t.sh)" sh "$t"
	done
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
