#!/bin/sh
# The marketplace rules in the console: the escalations view (by due
# time, overdue ones in red, level and channel, the a / e / A keys) and
# the trust overview (levels, one rule short, demoted, vouch rings).
. "$(dirname "$0")/lib.sh"

demo 300
# the detectors and the ladder have run, as cron's sweep would
"$W" -d "$DEMO" --as alice -q -c sweep >/dev/null 2>&1
start

shows "the console opens" '\[queue\].*1/'
keys Tab
shows "Tab goes to the escalations" '\[escalations\]'
shows "with its columns" 'esc +due level +kind +account +status +assignee'

# the rows in due order, as the escalations command lists them
cli escalations | sed -n '2,6p' | cut -f1 >"$TMP/want"
screen | sed -n '3,7p' | awk '{print $1}' >"$TMP/got"
is "escalations by due time, overdue first" "$(cat "$TMP/got")" \
    "$(cat "$TMP/want")"
shows "overdue ones say how long past due" '^ +[0-9]+ +-[0-9]+[mhdy] [0-9] '
shows "the level and its channel" ' [0-9] (in_app|email|sms|phone|moderator) '
# overdue is drawn in red (the first row is the selection's reverse bar)
tt capture-pane -e -p -t 0 | sed -n '4,8p' | grep -q "$(printf '\033')\[31m"
tap_result $? "overdue is red"

# the first open escalation in the list below the top of the ladder:
# acknowledge it with a, assign it with A, climb it with e (which moves
# it down the list: its next level is due later)
open=$(sql "SELECT id FROM escalation WHERE status = 'open' AND level < 5
    ORDER BY due, id LIMIT 1")
keys g
n=1
while [ "$(screen | sed -n "$((n + 2))p" | awk '{print $1}')" != "$open" ] &&
    [ $n -lt 25 ]; do
	keys j
	n=$((n + 1))
done
sleep 0.2
keys a
shows "a puts ack on the command line" ":ack $open"
keys Enter
shows "and acknowledges it" "acknowledged escalation $open"
is "in the database too" "$(sql "SELECT status FROM escalation WHERE id = $open")" \
    "acknowledged"
keys A
shows "A puts assign on the command line" ":assign $open"
type_text "bob"
keys Enter
shows "and assigns it" "assigned escalation $open on @.* to bob"
shows "the view shows who has it" "^ +$open .* bob "
keys e
shows "e puts escalate on the command line" ":escalate $open --reason"
type_text "'no answer by phone'"
keys Enter
shows "and climbs it a level" "escalated $open on @"

keys Enter
shows "Enter opens what it is about" '(thread #[0-9]+|account @)'
keys q
shows "q comes back" '\[escalations\]'

keys Tab
shows "Tab goes on to the trust overview" '\[trust\]'
shows "accounts per level" '1 basic +[0-9]+ +#+'
shows "one rule short of the next level" 'One rule short of the next level'
shows "which rule, with have and need" '@[a-z0-9_]+ +[12] [a-z]+ -> [23] [a-z]+  .*: has .*, needs '
keys G
shows "recently demoted" 'Recently demoted'
shows "the vouch ring the detectors found" 'ring [0-9]+  6 accounts'
keys k Enter
shows "Enter on the ring opens a member" 'account @'
keys q
shows "q comes back to the overview" '\[trust\]'

keys Q
exited
is "the console ends cleanly" "$EXIT_STATUS" "0"
no_sanitizer_report
tap_result $? "no sanitizer report"

done_testing
