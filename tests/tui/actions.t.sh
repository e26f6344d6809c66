#!/bin/sh
# Acting from the console: the ':' line (readline) runs the command
# language; Tab completes; keys prefill commands; a destructive or bulk
# action shows what it will do and asks; a held claim is asked about on
# the way out and kept.
. "$(dirname "$0")/lib.sh"

demo 300
start
wait_for '\[queue\]' || { echo "Bail out! the console did not start"; exit 1; }

# The accounts the queue shows first and third, with nothing planted.
h1=$(cli 'queue --status active' | awk -F'\t' 'NR > 1 && $2 ~ /^[a-z]+_[a-z][0-9]+$/ {print $2}' | sed -n 1p)
h2=$(cli 'queue --status active' | awk -F'\t' 'NR > 1 && $2 ~ /^[a-z]+_[a-z][0-9]+$/ {print $2}' | sed -n 2p)
h3=$(cli 'queue --status active' | awk -F'\t' 'NR > 1 && $2 ~ /^[a-z]+_[a-z][0-9]+$/ {print $2}' | sed -n 3p)

# Tab completion on the ':' line.
keys :
type_text "susp"
keys Tab
shows "Tab completes a command name" '^:suspend ?$'
type_text "@${h1%?}"
keys Tab
shows "Tab completes a handle from the store" "^:suspend @$h1 ?\$"
type_text "--rea"
keys Tab
shows "Tab completes an option of the command" "^:suspend @$h1 --reason ?\$"
keys C-g
wait_gone '^:suspend'
tap_result $? "Ctrl-G cancels the line"

# A suspension typed in full.
keys :
type_text "suspend @$h1 --for 7d --reason 'tui test: scam listings'"
keys Enter
shows "the status line says what the suspension did" \
    "suspended @$h1 for 7d"
is "the store has it" "$(sql "SELECT status FROM account WHERE handle = '$h1'")" \
    suspended

type_text "/"
type_text "$h1"
keys Enter
keys Enter
shows "the account view shows the suspension" "status +suspended until"
keys G
shows "its history shows the action" "alice +suspend +tui test: scam listings"
keys q
keys Tab Tab Tab Tab
shows "the audit log view shows it first" \
    "alice +suspend +@$h1 +tui test: scam"
keys Tab Tab
wait_for '\[queue\]'

# An action key prefills the ':' line for the moderator to finish.
keys g
type_text "/"
type_text "$h2"
keys Enter
wait_for "\[queue\]"
keys s
shows "s prefills a suspension of the selected account" \
    "^:suspend @$h2 --for ?\$"
keys Escape
wait_gone '^:suspend'
tap_result $? "Esc cancels it"
is "nothing was suspended" \
    "$(sql "SELECT status FROM account WHERE handle = '$h2'")" active

# Tags: a bulk action asks first and shows what it will do.
type_text "/"
type_text "$h2"
keys Enter
keys Space
type_text "/"
type_text "$h3"
keys Enter
keys t
shows "tagged lines are counted in the title" '2 tagged'
keys b
shows "b on tagged lines names every tagged account" \
    "^:ban @$h2 @$h3 --reason ?\$"
type_text "'tui bulk test'"
keys Enter
shows "a bulk ban shows what it will do" "banned @$h2"
shows "and asks, no by default" '\[y/N\]'
keys n
shows "no cancels it" 'cancelled'
is "nothing was banned" \
    "$(sql "SELECT count(*) FROM account WHERE status = 'banned' AND handle IN ('$h2', '$h3')")" 0
keys b
wait_for "^:ban @$h2 @$h3 --reason ?\$"
type_text "'tui bulk test'"
keys Enter
wait_for '\[y/N\]'
keys C-c
shows "Ctrl-C at the question is no" 'cancelled'
is "nothing was banned by it" \
    "$(sql "SELECT count(*) FROM account WHERE status = 'banned' AND handle IN ('$h2', '$h3')")" 0
keys b
wait_for "^:ban @$h2 @$h3 --reason ?\$"
type_text "'tui bulk test'"
keys Enter
wait_for '\[y/N\]'
# A resize under the question: the screen is drawn again at the new
# size, the status line just above the question.
tt resize-window -t console -x 90 -y 26
wait_row 24 'alice \(admin\).*open flags'
tap_result $? "a resize under the question redraws the status line"
like "the question stays on the last row" "$(row 25)" '\[y/N\]'
tt resize-window -t console -x 100 -y 30
wait_row 28 'alice \(admin\).*open flags'
keys y
shows "yes bans both" "banned @$h2.*banned @$h3"
is "the store has both banned" \
    "$(sql "SELECT count(*) FROM account WHERE status = 'banned' AND handle IN ('$h2', '$h3')")" 2
shows "the tags were used up" '\[queue\].*  queue +[0-9]+/'
unlike "no tags are left" "$(row 0)" 'tagged'

# A claim held: q asks, and the claim stays.
keys g c
shows "c prefills a claim" '^:claim @[a-z0-9_]+ ?$'
claimed=$(screen | sed -n 's/^:claim @\([a-z0-9_]*\) *$/\1/p')
keys Enter
shows "the claim is made" "claimed @$claimed"
shows "the status line counts it as mine" '1 mine'
keys q
shows "q asks when a claim is held" \
    'You hold 1 claim: it stays yours until it lapses after 30 idle minutes\. Quit\? \[y/N\]'
keys n
shows "no stays in the console" '\[queue\]'
keys q
wait_for 'You hold 1 claim'
keys y
exited
is "then it quits with status 0" "$EXIT_STATUS" 0
like "the claim is kept" "$(cli 'queue --claimed alice')" "$claimed"
check "nothing on stderr from the sanitizers" no_sanitizer_report

done_testing
