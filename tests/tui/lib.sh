# tests/tui/lib.sh: sourced by every tests/tui/*.t.sh.  The console runs
# in a real terminal: a private tmux server (its own socket under $TMP,
# no config, INPUTRC=/dev/null), one small demo marketplace per script,
# keys sent with send-keys, and the screen read with capture-pane.
# Assertions wait until the screen shows what is expected, polling with
# a timeout; a fixed sleep is never the assertion.
. "$(dirname "$0")/../lib/tap.sh"

needs tmux sqlite3 || skip_all "needs $NEEDS"

export WARDEN_NOW=2026-11-22T12:00:00Z
export INPUTRC=/dev/null
SOCK="$TMP/tmux.sock"
DEMO="$TMP/demo.db"
PANE_ERR="$TMP/console.stderr"
# How long a wait may take (ASan slows the console down a little).
TT_TIMEOUT=${TT_TIMEOUT:-15}

tt() {
	tmux -S "$SOCK" "$@"
}

# demo: one small marketplace for the script, alice its admin.
demo() {
	if ! "$W" demo "$DEMO" --accounts "${1:-300}" --seed 7 -q \
	    >"$TMP/demo.log" 2>&1; then
		echo "Bail out! warden demo failed: $(head -3 "$TMP/demo.log")"
		exit 1
	fi
}

# start [ARGS...]: the console on $DB (default the demo) at 100x30, as
# alice, with TERM=$TT_TERM (screen) and the variables in $TT_ENV.  When it ends, the pane shows "WARDEN-EXIT=<status>" and keeps
# the terminal's settings in $TMP/stty.after for the tests to read.
start() {
	tt kill-server 2>/dev/null
	rm -f "$SOCK" "$TMP/stty.after"
	: >"$PANE_ERR"
	cat >"$TMP/console.sh" <<EOF
# Ctrl-C goes to the whole foreground process group, this shell too:
# it carries on past it (what Ctrl-C does is the console's business).
trap : INT
stty sane
stty -g >"$TMP/stty.before"
"$W" -d "${DB:-$DEMO}" --as "${AS:-alice}" $* 2>>"$PANE_ERR"
rc=\$?
stty -a >"$TMP/stty.after" 2>&1
stty -g >"$TMP/stty.after.g"
echo "WARDEN-EXIT=\$rc"
sleep 600
EOF
	# OSC 52 sets tmux's clipboard and a sequence renames the window
	# only if allowed: allow both, so that a leak would show; no
	# renaming by tmux itself.
	printf 'set -g set-clipboard on\nset -g allow-rename on\n%s\n' \
	    'set -g automatic-rename off' >"$TMP/tmux.conf"
	tt -f "$TMP/tmux.conf" new-session -d -n console \
	    -x "${TT_W:-100}" -y "${TT_H:-30}" \
	    "env TERM=${TT_TERM:-screen} ${TT_ENV:-} sh $TMP/console.sh"
}

stop() {
	tt kill-server 2>/dev/null
}

# keys KEY...: as send-keys names them (Enter, Tab, C-g, j, ...)
keys() {
	tt send-keys -t 0 "$@"
}

# type TEXT: literal text, nothing read as a key name
type_text() {
	tt send-keys -t 0 -l -- "$1"
}

screen() {
	tt capture-pane -p -t 0
}

# wait_for PATTERN [DESC]: until the screen matches the extended regular
# expression; false (with the screen as a TAP comment) after the timeout.
wait_for() {
	_end=$(($(date +%s) + TT_TIMEOUT))
	while :; do
		if screen | grep -Eq -- "$1"; then
			return 0
		fi
		if [ "$(date +%s)" -ge "$_end" ]; then
			echo "# timed out waiting for: $1"
			screen | sed 's/^/# | /'
			return 1
		fi
		sleep 0.1
	done
}

# wait_gone PATTERN: until the screen no longer matches.
wait_gone() {
	_end=$(($(date +%s) + TT_TIMEOUT))
	while screen | grep -Eq -- "$1"; do
		if [ "$(date +%s)" -ge "$_end" ]; then
			echo "# timed out waiting for this to go: $1"
			screen | sed 's/^/# | /'
			return 1
		fi
		sleep 0.1
	done
	return 0
}

# shows DESC PATTERN: a TAP line for wait_for
shows() {
	wait_for "$2"
	tap_result $? "$1"
}

# row N: line N (0-based) of the screen
row() {
	screen | sed -n "$(($1 + 1))p"
}

# wait_row N PATTERN: until line N of the screen matches, as wait_for.
wait_row() {
	_end=$(($(date +%s) + TT_TIMEOUT))
	until row "$1" | grep -Eq -- "$2"; do
		if [ "$(date +%s)" -ge "$_end" ]; then
			echo "# timed out waiting for row $1 to match: $2"
			screen | sed 's/^/# | /'
			return 1
		fi
		sleep 0.1
	done
}

# exited: the console ended; its status in $EXIT_STATUS
exited() {
	wait_for 'WARDEN-EXIT=[0-9]+' || return 1
	EXIT_STATUS=$(screen | sed -n 's/.*WARDEN-EXIT=\([0-9]*\).*/\1/p' |
	    head -1)
	return 0
}

# no_sanitizer_report: the console's stderr holds no ASan/UBSan/LSan
# report (and nothing else: the console writes nothing there).
no_sanitizer_report() {
	if grep -Eq 'Sanitizer|runtime error' "$PANE_ERR"; then
		sed 's/^/# stderr: /' "$PANE_ERR" | head -20
		return 1
	fi
	return 0
}

# sql QUERY: one value from the demo database
sql() {
	sqlite3 "${DB:-$DEMO}" "$1"
}

# cli COMMAND: warden -c on the demo database as alice
cli() {
	"$W" -d "${DB:-$DEMO}" --as alice --format tsv -c "$1" 2>/dev/null
}

trap 'stop; [ -n "${KEEP:-}" ] || rm -rf "$TMP"' EXIT
