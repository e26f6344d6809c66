#!/bin/sh
# The ':' line: its history is kept under XDG_STATE_HOME and comes back
# in the next session; an inputrc's `$if warden` applies; listing
# commands land in their views with their filters; a command's output
# with no view of its own gets a results view; Ctrl-L redraws.
. "$(dirname "$0")/lib.sh"

demo 300
export XDG_STATE_HOME="$TMP/state"

# Bindings from the config file: one that changes a key, one that cannot
# be read (said on the message line, the rest still works).
export XDG_CONFIG_HOME="$TMP/config"
mkdir -p "$XDG_CONFIG_HOME/warden"
printf '[bind]\nqueue S = suspend %%account --for 3d --reason\nqueue xyz = queue\n' \
    >"$XDG_CONFIG_HOME/warden/config"

# An inputrc only warden reads: Ctrl-O types a command.
printf '$if warden\n"\\C-o": "queue --reason phishing"\n$endif\n' \
    >"$TMP/inputrc"
INPUTRC="$TMP/inputrc" start
wait_for '\[queue\]' || { echo "Bail out! the console did not start"; exit 1; }

shows "a binding the config gets wrong is named with its line" \
    'warden/config:3: .xyz. is not a key'
keys S
shows "a key bound in the config starts its command" \
    '^:suspend @[a-z0-9_]+ --for 3d --reason ?$'
keys C-g
keys :
keys C-o
shows "\$if warden in the inputrc applies on the ':' line" \
    '^:queue --reason phishing$'
keys Enter
shows "a listing command shows its rows in its own view, filtered" \
    'queue +reason=phishing'
cli 'queue --reason phishing' | sed -n '2,6p' | cut -f2 >"$TMP/want"
screen | sed -n '3,7p' | awk '{print $2}' >"$TMP/got"
is "in the order the command gives" "$(cat "$TMP/got")" "$(cat "$TMP/want")"
keys :
type_text "queue"
keys Enter
wait_gone 'reason=phishing'
tap_result $? ":queue alone clears the filter"

keys :
type_text "search photos"
keys Enter
shows ":search shows the search view" '\[search\].*search +q=photos'
shows "accounts first" '^ +account +@?[a-z0-9_]+ .*Photos'
shows "then the messages found" '^ +message +@?[a-z0-9_]+ .*photos'
type_text "/"
type_text "message"
keys Enter
keys Enter
shows "Enter on a message opens its thread" 'thread #[0-9]+'
keys q

keys :
type_text "vouches @cjk_shop"
keys Enter
shows "other output opens a results view" 'vouches'
keys q

keys :
type_text "log --action suspend"
keys Enter
shows ":log shows the audit view, filtered" '\[audit\].*action=suspend'
is "every row is a suspension" \
    "$(screen | sed -n '3,26p' | grep -v '^ *$' | grep -vc ' suspend ')" 0

keys BTab
shows "S-Tab goes back to the appeals" '\[appeals\]'
shows "pending appeals are listed" 'pending'

tt send-keys -t 0 -l "$(printf '\033[2J')"
keys C-l
shows "Ctrl-L redraws the screen" '\[appeals\]'

# The line itself: the cursor by wcwidth, sideways scrolling.
keys :
type_text "note @x 李小龙"
wait_for '^:note @x 李小龙$'
is "the cursor stands after the wide characters" \
    "$(tt display -p '#{cursor_x}')" 15
type_text "$(printf 'a%.0s' $(seq 1 150))"
shows "a line longer than the screen scrolls sideways, marked" '^:<a+$'
cx=$(tt display -p '#{cursor_x}')
[ "$cx" -gt 1 ] && [ "$cx" -lt 99 ]
tap_result $? "the cursor stays on the screen ($cx)"
keys C-a
shows "Ctrl-A shows its start, marked at the end" '^:note @x 李小龙a+>$'
is "with the cursor after the prompt" "$(tt display -p '#{cursor_x}')" 1
keys C-g

keys Q
exited
hist="$XDG_STATE_HOME/warden/history"
check "the history is kept in XDG_STATE_HOME/warden/history" test -s "$hist"
like "with the lines entered" "$(cat "$hist")" 'search photos'

# The next session has it.
start
wait_for '\[queue\]'
keys : Up
shows "Up on the ':' line recalls the last session's last line" \
    '^:log --action suspend$'
keys Up
shows "and the one before" '^:vouches @cjk_shop$'
keys C-g Q
exited
is "quits cleanly" "$EXIT_STATUS" 0
check "nothing on stderr from the sanitizers" no_sanitizer_report

done_testing
