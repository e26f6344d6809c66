#!/bin/sh
# Runs every suite and counts their TAP lines.
#   unit       tests/unit/test_*.c, built as build/asan/tests/test_*
#              (cmocka, TAP output)
#   scripts    tests/{cli,contract,tui,fuzz}/*.t.sh  (TAP via tests/lib/tap.sh)
#
# What counts:
#   "ok ..."                 passed
#   "not ok ..."             failed
#   "... # SKIP reason"      skipped, whether ok or not ok (cmocka writes
#                            "not ok N # SKIP name")
#   "... # TODO reason"      a documented rule known not to hold yet: the
#                            test skips itself when the rule does not hold
#                            ("# SKIP ... # TODO ..."), and passes when it
#                            does (then it is named, so that its mark is
#                            taken off); a "not ok" of its own is a
#                            failure of something else, and counts so
#   "1..0 # SKIP reason"     the whole suite skipped: one skip
# Every suite prints a plan ("1..N"; a cmocka binary one per group) and
# exactly the tests its plans add up to.  A suite without a plan (it
# stopped early), with a plan it did not keep, that ran no test, or that
# exits non-zero without a "not ok" line counts one failure; so does a
# unit test in tests/unit that was not built.  The tests counted must add
# up to what the plans promised.
#
# What a suite needs: a test that cannot run here says so as a skip whose
# reason is "needs WHAT" (tests/lib/tap.sh: `needs CMD...`, then `skip`
# or `skip_all`; a unit test calls cmocka's skip() after checking for
# the tool, and prints "# needs WHAT").  tools/deps.sh installs all of
# it, so under CI=true a skip is a failure, TODOs aside.
#
# Logs are kept in build/test-logs/.  The last line is
# "N passed, N failed, N skipped".  TESTS=pattern runs the suites whose
# name matches.
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
# The unit tests' databases in memory when /dev/shm is there (and TMPDIR
# is not set): on a busy disk a commit's fsync is most of their time.  The
# scripts keep the usual TMPDIR: the console shows the database's path.
unit_tmp=""
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ] &&
    unit_tmp=$(mktemp -d /dev/shm/warden-tests.XXXXXX 2>/dev/null); then
	# (test_store's read-only check runs a child as nobody under it)
	chmod 755 "$unit_tmp"
	trap 'rm -rf "$unit_tmp"' EXIT
	trap 'exit 130' INT TERM
fi

ci=false
case ${CI:-} in true|1|yes) ci=true ;; esac
passed=0
failed=0
skipped=0
planned=0
counted=0
plan_problems=0
pattern=${TESTS:-}

# count LOG: "passed failed skipped todo_passed plan tests" of a TAP log;
# plan is the sum of its plans (a cmocka binary runs one group after
# another, each with its own), -1 when there is none, and "skip" for
# "1..0 # SKIP" alone.
count() {
	awk '
	function directive(line, word,   i) {
		# "# SKIP" / "# TODO", any case, after the description
		i = match(tolower(line), "#[ \t]*" word)
		return i > 0
	}
	/^(not )?ok([ \t]|$)/ {
		tests++
		if (directive($0, "skip")) { s++; next }
		if (directive($0, "todo") && $0 ~ /^ok/) { tp++; p++; next }
		if ($0 ~ /^ok/) p++; else f++
		next
	}
	/^1\.\.[0-9]+/ {
		plans++
		n += substr($0, 4) + 0
		if (substr($0, 4) + 0 == 0 && directive($0, "skip")) whole = 1
	}
	END {
		plan = plans == 0 ? -1 : n
		if (whole && plans == 1 && tests == 0) plan = "skip"
		printf "%d %d %d %d %s %d\n", p, f, s, tp, plan, tests
	}' "$1"
}

run_suite() {
	name=$1
	shift
	case "$name" in *"$pattern"*) ;; *) return ;; esac
	log="$logs/$(echo "$name" | tr '/' '_').log"
	start=$(date +%s)
	"$@" >"$log" 2>&1
	rc=$?
	end=$(date +%s)
	set -- $(count "$log")
	p=$1 f=$2 s=$3 tp=$4 plan=$5 n=$6
	problem=""
	case $plan in
	skip)	planned=$((planned + 1)); n=1; s=1 ;;
	-1)	problem="printed no plan (it stopped early)" ;;
	*)	planned=$((planned + plan))
		if [ "$plan" -ne "$n" ]; then
			problem="planned $plan tests and printed $n"
		elif [ "$n" -eq 0 ]; then
			problem="ran no test"
		fi ;;
	esac
	if [ -z "$problem" ] && [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		problem="exited $rc without reporting a failure"
	fi
	if [ -n "$problem" ]; then
		f=$((f + 1))
		plan_problems=$((plan_problems + 1))
		echo "not ok - $name $problem" >>"$log"
	fi
	ci_skips=0
	if [ "$ci" = true ] && [ "$s" -gt 0 ]; then
		# a TODO is a known gap; any other skip means something
		# tools/deps.sh should have installed is missing
		ci_skips=$(grep -E '^(not )?ok([ 	]|$)|^1\.\.0' "$log" |
		    grep -i -E '#[ 	]*skip' | grep -v -c -i -E '#[ 	]*todo|TODO')
		if [ "$ci_skips" -gt 0 ]; then
			f=$((f + ci_skips))
			s=$((s - ci_skips))
			echo "not ok - $name skipped $ci_skips under CI=true" >>"$log"
		fi
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + s))
	counted=$((counted + n))
	line=$(printf '%-40s %4d passed' "$name" "$p")
	[ "$f" -gt 0 ] && line=$(printf '%s %4d FAILED' "$line" "$f")
	[ "$s" -gt 0 ] && line=$(printf '%s %4d skipped' "$line" "$s")
	if [ "$f" -gt 0 ]; then
		printf '%s  (%ss, log: %s)\n' "$line" $((end - start)) "$log"
		grep -E '^not ok|^# ' "$log" | grep -v -i -E '#[ 	]*(skip|todo)' |
		    head -40 | sed 's/^/    /'
		# sanitizer reports, if any
		grep -E 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$log" | head -5 | sed 's/^/    /'
	else
		printf '%s  (%ss)\n' "$line" $((end - start))
	fi
	# what was skipped, and why
	grep -E '^(not )?ok([ 	]|$)|^1\.\.0' "$log" |
	    grep -i -E '#[ 	]*skip|^not ok.*#[ 	]*todo' | head -10 |
	    sed 's/^/    skipped: /'
	[ "$tp" -gt 0 ] && grep -E '^ok' "$log" | grep -i -E '#[ 	]*todo|TODO' |
	    sed 's/^/    passes now, take its TODO mark off: /'
	:
}

for src in tests/unit/test_*.c; do
	t="$b/asan/tests/$(basename "$src" .c)"
	if [ -x "$t" ]; then
		run_suite "unit/$(basename "$t")" \
		    env ${unit_tmp:+TMPDIR="$unit_tmp"} "$t"
	else
		run_suite "unit/$(basename "$t")" sh -c \
		    "echo '1..1'; echo 'not ok 1 - $t was not built'; exit 1"
	fi
done
for dir in cli contract tui fuzz; do
	for t in tests/$dir/*.t.sh; do
		[ -f "$t" ] || continue
		run_suite "$dir/$(basename "$t" .t.sh)" sh "$t"
	done
done

# (a suite that broke its own plan was counted above)
if [ "$counted" -ne "$planned" ] && [ "$plan_problems" -eq 0 ]; then
	echo "the suites' plans promised $planned tests, and $counted were counted"
	failed=$((failed + 1))
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
