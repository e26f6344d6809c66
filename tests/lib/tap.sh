# tests/lib/tap.sh: TAP output for shell test scripts.  Source it, then:
#   ok CONDITION_EXIT_STATUS "description"     (use: check "desc" cmd args)
#   check "desc" command ...      passes when the command exits 0
#   check_exit N "desc" command   passes when the command exits N
#   is "desc" ACTUAL EXPECTED     string equality
#   like "desc" ACTUAL PATTERN    grep -E match
#   done_testing                  prints the plan; exit status 1 on failure
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

like() {
	if printf '%s' "$2" | grep -Eq -- "$3"; then tap_result 0 "$1"; else
		printf '# got:  %s\n# want match: %s\n' "$(printf '%s' "$2" | head -5)" "$3"
		tap_result 1 "$1"
	fi
}

unlike() {
	if printf '%s' "$2" | grep -Eq -- "$3"; then
		printf '# got:  %s\n# want no match: %s\n' "$(printf '%s' "$2" | head -5)" "$3"
		tap_result 1 "$1"
	else tap_result 0 "$1"; fi
}

done_testing() {
	echo "1..$TAP_N"
	[ "$TAP_FAILED" -eq 0 ]
}
