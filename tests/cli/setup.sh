# tests/cli/setup.sh: sourced by every tests/cli/*.t.sh.  One small demo
# marketplace per script, at a fixed clock so that its data is the same on
# every run; a test that changes data works on a copy (fresh NAME).
. "$(dirname "$0")/../lib/tap.sh"
needs sqlite3 jq || skip_all "needs $NEEDS"

export WARDEN_NOW=2026-11-22T12:00:00Z
DEMO="$TMP/demo.db"
if ! "$W" demo "$DEMO" --accounts 200 --seed 7 -q >"$TMP/demo.log" 2>&1; then
	echo "Bail out! warden demo failed: $(head -3 "$TMP/demo.log")"
	exit 1
fi
export WARDEN_DB="$DEMO"
# alice is the demo's admin, bob a senior, carol a moderator
export WARDEN_MODERATOR=alice

# fresh NAME: a copy of the demo database; prints its path
fresh() {
	cp "$DEMO" "$TMP/$1.db"
	echo "$TMP/$1.db"
}

# sql DB QUERY: one value from a database
sql() {
	sqlite3 "$1" "$2"
}

# json_ok: every line of $OUT is a JSON object
json_ok() {
	[ -s "$OUT" ] && jq -e 'type == "object"' "$OUT" >/dev/null 2>&1 &&
	    [ "$(jq -s length "$OUT")" -eq "$(wc -l <"$OUT")" ]
}

# no_raw_controls FILE: no ESC, CSI, C1 or other control bytes but tab
# and newline (what a hostile display name could smuggle to a terminal)
no_raw_controls() {
	! LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$1" &&
	! LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$1"
}
