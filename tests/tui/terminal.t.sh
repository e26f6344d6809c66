#!/bin/sh
# The console and the terminal: a resize to 80x24 keeps a usable layout,
# TERM=vt100, NO_COLOR and --no-color draw without colour or line
# drawing, the mouse wheel scrolls, --read-only hides and refuses write
# keys, and SIGTERM and SIGHUP give the terminal back with nothing
# half-done and a claim kept.
. "$(dirname "$0")/lib.sh"
needs ps || skip_all "needs $NEEDS"

demo 300
ESC=$(printf '\033')

# colours FILE: SGR colour codes in a capture (39 and 49, the default
# colours, are what tmux writes for no colour)
colours() {
	sed "s/$ESC\[\([0-9;]*\)m/\n<\1>\n/g" "$1" | grep '^<.*>$' |
	    tr -d '<>' | tr ';' '\n' | grep -Eq '^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$'
}

# The first, at 100x30, resized to 80x24.
start
wait_for '\[queue\]' || { echo "Bail out! the console did not start"; exit 1; }
tt capture-pane -p -e -t 0 >"$TMP/colour.e"
check "with TERM=screen and no NO_COLOR, the console uses colour" \
    colours "$TMP/colour.e"
tt resize-window -t console -x 80 -y 24
wait_for '^ warden \[queue\]'
shows "at 80x24 the title is on the first row" '^ warden \[queue\]'
is "the status line is on row 22" \
    "$(row 22 | grep -c 'alice (admin).*open flags')" 1
like "the column heads still fit" "$(row 1)" 'handle +name +trust +status'
like "the first queue row is on row 2" "$(row 2)" '^ +([0-9.]+ +)?[a-z0-9_]+ '
long=$(screen | awk 'length($0) > 80' | wc -l)
is "no line is wider than 80 columns" "$long" 0
keys Enter
shows "Enter still opens an account" 'account @'
keys q
keys :
shows "the command line opens on the last row" '^:$'
keys Escape
wait_gone '^:$'
tap_result $? "and closes"
keys '?'
shows "help fits too" 'Keys in every view'
keys q
# The mouse wheel, as the terminal reports it (X10: button 65 is down).
keys g
wait_for '\[queue\].* 1/'
type_text "$(printf '\033[Ma!!')"
shows "the wheel scrolls down" '\[queue\].* 4/'
type_text "$(printf '\033[M`!!')"
shows "and up" '\[queue\].* 1/'

# SIGTERM: the terminal comes back; a claim held is kept.
keys c
wait_for '^:claim @'
claimed=$(screen | sed -n 's/^:claim @\([a-z0-9_]*\) *$/\1/p')
keys Enter
wait_for "claimed @$claimed"
pid=$(ps -o pid= --ppid "$(tt display -p '#{pane_pid}')" | head -1 | tr -d ' ')
kill -TERM "$pid"
exited
is "SIGTERM ends the console with 128+15" "$EXIT_STATUS" 143
is "the terminal is as it was" "$(cat "$TMP/stty.after.g")" \
    "$(cat "$TMP/stty.before")"
is "the alternate screen is left" "$(tt display -p '#{alternate_on}')" 0
like "the claim is kept" "$(cli 'queue --claimed alice')" "$claimed"
check "nothing on stderr from the sanitizers" no_sanitizer_report

# SIGHUP (the link dropped), with the command line open.
start
wait_for '\[queue\]'
keys :
type_text "suspend @$claimed --for 7d --reason 'half typed"
wait_for '^:suspend'
pid=$(ps -o pid= --ppid "$(tt display -p '#{pane_pid}')" | head -1 | tr -d ' ')
kill -HUP "$pid"
exited
is "SIGHUP ends the console with 128+1" "$EXIT_STATUS" 129
is "nothing half-typed was applied" \
    "$(sql "SELECT status FROM account WHERE handle = '$claimed'")" active
cli "release @$claimed" >/dev/null
is "the terminal is as it was" "$(cat "$TMP/stty.after.g")" \
    "$(cat "$TMP/stty.before")"
check "nothing on stderr from the sanitizers" no_sanitizer_report

# TERM=vt100: no colour, no line drawing; the box of matches is ASCII.
TT_TERM=vt100 start
wait_for '\[queue\]'
keys :
type_text "s"
keys Tab
shows "completion lists its matches in a box" '^\| *s[a-z]+ +s[a-z]+ '
tt capture-pane -p -e -t 0 >"$TMP/vt100.e"
! colours "$TMP/vt100.e"
tap_result $? "TERM=vt100: no colour"
! grep -q "$(printf '\342\224')" "$TMP/vt100.e" &&
    ! grep -q "$ESC(0" "$TMP/vt100.e"
tap_result $? "TERM=vt100: no line-drawing characters"
keys C-g
keys Q
exited
is "TERM=vt100: quits cleanly" "$EXIT_STATUS" 0

# NO_COLOR and --no-color.
NO_COLOR=1 start
wait_for '\[queue\]'
tt capture-pane -p -e -t 0 >"$TMP/nocolor.e"
! colours "$TMP/nocolor.e"
tap_result $? "NO_COLOR: no colour"
like "NO_COLOR: the selection still shows (reverse)" \
    "$(cat "$TMP/nocolor.e")" "$ESC\\[[0-9;]*7"
keys Q
exited
start --no-color
wait_for '\[queue\]'
tt capture-pane -p -e -t 0 >"$TMP/nocolor2.e"
! colours "$TMP/nocolor2.e"
tap_result $? "--no-color: no colour"
keys Q
exited

# A locale that is not UTF-8: the terminal may take the bytes 0x80-0x9f
# inside UTF-8 for C1 controls, so nothing past ASCII is written.
TT_ENV="LC_ALL=C LANG=C" start
wait_for '\[queue\]'
shows "not UTF-8: wide characters show as code points" '<U\+674E><U\+5C0F>'
tt capture-pane -p -e -t 0 >"$TMP/ascii.e"
! LC_ALL=C grep -q "$(printf '[\200-\377]')" "$TMP/ascii.e"
tap_result $? "not UTF-8: no byte past ASCII reaches the terminal"
keys Q
exited

# --read-only: write keys are refused, help leaves them out.
start --read-only
wait_for '\[queue\]'
shows "the status line says read-only" 'alice \(admin\) read-only'
keys s
shows "a write key is refused" 'read-only: s \(suspend'
keys :
type_text "warn @$claimed --reason test"
keys Enter
shows "a write command is refused" 'read-only'
keys '?'
wait_for 'Keys in every view'
! screen | grep -q 'suspend @'
tap_result $? "help lists no write binding"
type_text "/"
type_text "Commands (read-only"
keys Enter
shows "help says only reading commands are listed" 'Commands \(read-only'
keys q Q
exited
is "read-only: quits cleanly" "$EXIT_STATUS" 0
check "nothing on stderr from the sanitizers" no_sanitizer_report

done_testing
