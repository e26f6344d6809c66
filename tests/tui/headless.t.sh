#!/bin/sh
# The console without a terminal and without timing: keys from a script
# (WARDEN_TUI_SCRIPT), the screen dumped as text at chosen steps, and
# every byte it wrote kept in a file.  Deterministic: no waits at all.
. "$(dirname "$0")/../lib/tap.sh"

export WARDEN_NOW=2026-11-22T12:00:00Z INPUTRC=/dev/null
DEMO="$TMP/demo.db"
if ! "$W" demo "$DEMO" --accounts 300 --seed 7 -q >"$TMP/demo.log" 2>&1; then
	echo "Bail out! warden demo failed: $(head -3 "$TMP/demo.log")"
	exit 1
fi
ESC=$(printf '\033')

# run SCRIPT-LINES...: the console at 80x24 (or $COLS wide) on the demo,
# as alice; the bytes it wrote in $TMP/raw, the dumps in $TMP/dump.N (N
# from 1)
run() {
	printf '%s\n' "$@" >"$TMP/script"
	rm -f "$TMP"/dump "$TMP"/dump.*
	TERM=xterm LINES=24 COLUMNS=${COLS:-80} WARDEN_TUI_SCRIPT="$TMP/script" \
	    "$W" -d "$DEMO" --as alice >"$TMP/raw" 2>"$TMP/stderr" </dev/null
	rc=$?
	# one file per dump
	awk -v d="$TMP/dump" '$0 == "--" { n++; next }
	    { print > (d "." (n + 1)) }' "$TMP/dump" 2>/dev/null
	return $rc
}

check "a script drives the console and it ends with status 0" \
    run "dump $TMP/dump" j Enter "dump $TMP/dump" q \
    ":" "type queue --reason phishing" Enter "dump $TMP/dump"

is "each dump is the whole 80x24 screen" "$(wc -l <"$TMP/dump.1" | tr -d ' ')" 24
like "row 0 is the title, with the Tab cycle" "$(sed -n 1p "$TMP/dump.1")" \
    '^ warden \[queue\] esc +tru +app +aud +sea +queue +1/'
like "row 22 is the status line" "$(sed -n 23p "$TMP/dump.1")" \
    '^ (sqlite |~).*demo\.db +\| alice \(admin\) \| [0-9]+ open flags \| [0-9]+ overdue'
"$W" -d "$DEMO" --as alice --format tsv -c queue 2>/dev/null | sed -n '2,11p' |
    cut -f2 >"$TMP/want"
sed -n '3,12p' "$TMP/dump.1" | awk '{print $1}' >"$TMP/got"
is "the queue's first ten rows, in priority order" "$(cat "$TMP/got")" \
    "$(cat "$TMP/want")"
second=$(sed -n 2p "$TMP/want")
like "Enter on the second row opens that account" \
    "$(sed -n 1p "$TMP/dump.2")" "account @$second"
like "its profile is there" "$(cat "$TMP/dump.2")" 'Profile +account [0-9]+'
like ":queue --reason phishing filters the queue" \
    "$(sed -n 1p "$TMP/dump.3")" 'queue +reason=phishing'

# What the terminal received: only curses' own drawing.
! grep -q "$ESC\]" "$TMP/raw"
tap_result $? "no OSC sequence (title, clipboard) was written"
! grep -Eq "$ESC\[[0-9;?>]*[nc]" "$TMP/raw"
tap_result $? "no query the terminal would answer was written"
like "the hostile names are drawn as escapes" "$(cat "$TMP/dump.1")" \
    '\^\[\]52;c;|\^\[\[6n|\\x9b|<U\+202E>'
is "nothing on stderr" "$(cat "$TMP/stderr")" ""

# Drawing only what changed leaves the screen as a full redraw would.
# At 12 columns an account's wrapped lines are indented past the edge;
# moving the selection onto one must not run on into the row below.
set -- Enter G
i=0
while [ $i -lt 60 ]; do
	set -- "$@" k "dump $TMP/dump" ^L "dump $TMP/dump"
	i=$((i + 1))
done
COLS=12 run "$@"
same=0
i=1
while [ $i -lt 120 ]; do
	if cmp -s "$TMP/dump.$i" "$TMP/dump.$((i + 1))"; then
		same=$((same + 1))
	else
		echo "# after k $(((i + 1) / 2)): drawn, then redrawn in full"
		diff "$TMP/dump.$i" "$TMP/dump.$((i + 1))" | sed 's/^/# /'
	fi
	i=$((i + 2))
done
is "at 12 columns, every step up an account is drawn as in full" "$same" 60

# Two columns leave no room for the box of matches: Tab completes
# without one.
COLS=2 run ":" "type s" Tab Esc Q
is "at 2 columns, Tab on the command line ends well" "$?" 0
is "with nothing on stderr" "$(cat "$TMP/stderr")" ""

# A binding for a view that does not exist is named, with the ones that do.
mkdir -p "$TMP/config/warden"
printf '[bind]\nqueu s = suspend %%account\n' >"$TMP/config/warden/config"
COLS=200 XDG_CONFIG_HOME="$TMP/config" run "dump $TMP/dump"
like "a misspelt view in [bind] is named, with every view there is" \
    "$(sed -n 24p "$TMP/dump.1")" \
    "config:2: 'queu' is not a view: queue, escalations, trust, appeals, audit, search, account, thread, results, help, lists or \\*"

check_exit 66 "a script that cannot be read is refused" \
    env WARDEN_TUI_SCRIPT="$TMP/none" "$W" -d "$DEMO" --as alice
check_exit 64 "without a script, the console wants a terminal" \
    "$W" -d "$DEMO" --as alice

done_testing
