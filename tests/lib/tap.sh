# tests/lib/tap.sh: TAP output for shell test scripts.  Source it, then:
#   ok CONDITION_EXIT_STATUS "description"     (use: check "desc" cmd args)
#   check "desc" command ...      passes when the command exits 0
#   check_exit N "desc" command   passes when the command exits N
#   is "desc" ACTUAL EXPECTED     string equality
#   like "desc" ACTUAL PATTERN    grep -E match
#   done_testing                  prints the plan; exit status 1 on failure
#   needs CMD...                  true when every CMD is on the PATH; else
#                                 false, with NEEDS saying which are not
#   skip "desc" "reason"          a test that cannot run here ("ok # SKIP")
#   skip_all "reason"             the whole suite cannot run: "1..0 # SKIP"
# A skip's reason is "needs WHAT" when a tool is missing: tests/run.sh
# fails it under CI=true, where tools/deps.sh has installed everything.
# Commands run with stdout in $OUT and stderr in $ERR (files under $TMP).
set -u
TAP_N=0
TAP_FAILED=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/warden-test.XXXXXX")
OUT="$TMP/out"
ERR="$TMP/err"
trap 'rm -rf "$TMP"' EXIT
: "${WARDEN_BIN:=$(cd "$(dirname "$0")/../.." && pwd)/build/asan/warden}"
W=$WARDEN_BIN

tap_result() {
	TAP_N=$((TAP_N + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $TAP_N - $2"
	else
		echo "not ok $TAP_N - $2"
		TAP_FAILED=$((TAP_FAILED + 1))
		if [ -s "$ERR" ]; then sed 's/^/# stderr: /' "$ERR" | head -8; fi
	fi
}

check() {
	desc=$1; shift
	"$@" >"$OUT" 2>"$ERR"
	tap_result $? "$desc"
}

check_exit() {
	want=$1; desc=$2; shift 2
	"$@" >"$OUT" 2>"$ERR"
	got=$?
	if [ "$got" -eq "$want" ]; then tap_result 0 "$desc"; else
		echo "# exit status $got, wanted $want"
		tap_result 1 "$desc"
	fi
}

is() {
	if [ "$2" = "$3" ]; then tap_result 0 "$1"; else
		printf '# got:  %s\n# want: %s\n' "$2" "$3"
		tap_result 1 "$1"
	fi
}

# (an empty pattern matches anything: a check that cannot fail fails)
like() {
	if [ -z "$3" ]; then
		echo "# like: an empty pattern"
		tap_result 1 "$1"
	elif printf '%s' "$2" | grep -Eq -- "$3"; then tap_result 0 "$1"; else
		printf '# got:  %s\n# want match: %s\n' "$(printf '%s' "$2" | head -5)" "$3"
		tap_result 1 "$1"
	fi
}

unlike() {
	if [ -z "$3" ] || printf '%s' "$2" | grep -Eq -- "$3"; then
		printf '# got:  %s\n# want no match: %s\n' "$(printf '%s' "$2" | head -5)" "$3"
		tap_result 1 "$1"
	else tap_result 0 "$1"; fi
}

needs() {
	NEEDS=""
	for cmd in "$@"; do
		command -v "$cmd" >/dev/null 2>&1 || NEEDS="$NEEDS $cmd"
	done
	NEEDS=${NEEDS# }
	[ -z "$NEEDS" ]
}

skip() {
	TAP_N=$((TAP_N + 1))
	echo "ok $TAP_N - $1 # SKIP $2"
}

skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}

done_testing() {
	echo "1..$TAP_N"
	[ "$TAP_FAILED" -eq 0 ]
}
