#!/bin/sh
# The console's views in a real terminal: the queue in priority order,
# Enter into an account and its breakdown, a thread, back out with q,
# / search with n, the Tab cycle, the ? overlay, and q leaving the
# terminal as it was.
. "$(dirname "$0")/lib.sh"

demo 300
start

shows "the console opens on the queue" '\[queue\].*1/'
shows "the status line names backend, moderator and counts" \
    'sqlite .*demo\.db.*alice \(admin\).*open flags.*overdue'

# The first rows, in the order warden(1)'s formula gives them, computed
# by SQL alone (tests/lib/priority.sql), not by warden, and with their
# priorities.
sqlite3 -cmd ".parameter set @now $(date -u -d "$WARDEN_NOW" +%s)" "$DEMO" \
    <"$WARDEN_TOP/tests/lib/priority.sql" | sed -n '1,8p' |
    awk -F'|' '{ print $2, $1 }' >"$TMP/want"
screen | sed -n '3,10p' | awk '{print $1, $2}' >"$TMP/got"
is "the queue shows the top accounts in the formula's order" \
    "$(cat "$TMP/got")" "$(cat "$TMP/want")"

top=$(head -1 "$TMP/want" | cut -d" " -f2)
keys Enter
shows "Enter opens the account" "account @$top"
shows "the account shows its profile" "Profile.*account [0-9]+"
type_text "/"
type_text "Trust breakdown"
keys Enter
shows "the breakdown is there, rule by rule" \
    'Trust breakdown.*holds.*missing'
shows "the breakdown says what holds and what is missing" \
    '\[[x ]\] [0-9] .*have .*need'

type_text "/"
type_text "Threads"
keys Enter
wait_for '^ Threads' && keys j Enter
shows "Enter on a thread line opens the thread as a pager" \
    'thread #[0-9]+.*Stay:|thread #[0-9]+.*Listing:'
shows "the thread shows who wrote, when and on which channel" \
    '[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{5}  @[a-z0-9_]+ .*via (in_app|email|sms)'

keys q
shows "q goes back to the account" "account @$top"
keys q
shows "q again goes back to the queue" '\[queue\].*  queue +[0-9]+/'

# / finds text among the rows; n goes on to the next match.
type_text "/"
type_text "phishing"
keys Enter
wait_for '\[queue\].* [0-9]+/'
first=$(screen | head -1 | sed -n 's/.* \([0-9]*\)\/.*/\1/p')
keys n
wait_gone "\\[queue\\].* $first/"
second=$(screen | head -1 | sed -n 's/.* \([0-9]*\)\/.*/\1/p')
[ -n "$first" ] && [ -n "$second" ] && [ "$second" -gt "$first" ]
tap_result $? "/ finds a row and n the next one ($first, then $second)"

keys Tab
shows "Tab goes on to the escalations (a place kept for them)" \
    '\[escalations\]'
keys Tab Tab Tab
shows "Tab reaches the audit log" '\[audit\]'
shows "the audit log lists entries" 'id +at +actor +action'
keys Tab Tab
shows "Tab comes round to the queue" '\[queue\]'

keys '?'
shows "? shows the keys" 'Keys in every view'
type_text "/"
type_text "suspend ACCOUNT"
keys Enter
shows "? lists the commands from the command table" \
    'suspend ACCOUNT\.\.\. --for DURATION'
keys q
shows "q leaves help" '\[queue\].*  queue +[0-9]+/'

keys G
shows "G goes to the last row" '\[queue\].* ([0-9]+)/\1( |$)'
keys g
shows "g goes back to the first" '\[queue\].* 1/'

keys q
exited
is "q on the queue quits with status 0" "$EXIT_STATUS" 0
like "the terminal is back in canonical mode with echo" \
    "$(cat "$TMP/stty.after" 2>/dev/null)" '(^| )icanon .*(^| )echo '
is "the terminal settings are the ones it started with" \
    "$(cat "$TMP/stty.after.g" 2>/dev/null)" "$(cat "$TMP/stty.before")"
is "the alternate screen is left" "$(tt display -p '#{alternate_on}')" 0
check "nothing on stderr from the sanitizers" no_sanitizer_report

done_testing
