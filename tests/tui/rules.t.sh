#!/bin/sh
# The detectors' marks in the console: in a thread, what matched
# underlined in the message and why under it, and on the message line
# while the selection is on it; in the account view, its marks, an
# imitating display name underlined, and the vouch ring it was found in,
# every member.
. "$(dirname "$0")/lib.sh"

demo 300
"$W" -d "$DEMO" --as alice -q -c scan >/dev/null 2>&1
thread=$(sql "SELECT m.thread_id FROM mark k JOIN message m ON
    m.id = k.message_id WHERE k.detector = 'phishing' ORDER BY k.id LIMIT 1")
member=$(sql "SELECT a.handle FROM mark k JOIN account a ON
    a.id = k.account_id WHERE k.detector = 'vouch_ring' ORDER BY a.id LIMIT 1")
start

shows "the console opens" '\[queue\].*1/'
keys :
type_text "thread $thread"
keys Enter
shows "the thread opens" "thread #$thread"
shows "a phishing mark under its message" \
    '^    ! phishing: link \(imitates warden-market\.example: '
# the link in the message itself is underlined (SGR 4), and only the link
body=$(tt capture-pane -p -e -t 0 | grep -a 'Confirm your password' | head -1)
printf '%s\n' "$body" | grep -Eq "$(printf '\033')\[[0-9;]*4m($(printf '\033')\[[0-9;]*m)*https://warden-rnarket\.example/help"
tap_result $? "the matched link is underlined in the message"
printf '%s\n' "$body" | grep -Eq "$(printf '\033')\[[0-9;]*4m($(printf '\033')\[[0-9;]*m)*This is"
tap_result $((! $?)) "the rest of the message is not"
# the selection on the message: why, on the message line; off it: gone
keys /
type_text "Confirm your"
keys Enter
wait_row 29 '^phishing: link \(imitates warden-market\.example: look-alike'
tap_result $? "why, on the message line, with the selection on the message"
keys k k
wait_row 29 '^ *$'
tap_result $? "gone when the selection leaves it"
keys q
keys :
type_text "show @warden_support"
keys Enter
shows "the impersonator's account opens" "account @warden_support"
name=$(tt capture-pane -p -e -t 0 | grep -a 'name  ' | head -1)
printf '%s\n' "$name" | grep -Eq "$(printf '\033')\[[0-9;]*4m($(printf '\033')\[[0-9;]*m)*Warden Supp"
tap_result $? "its display name is underlined in the profile"
keys g j
wait_row 29 '^impersonation: display name plays staff \(support\)'
tap_result $? "why, on the message line, with the selection on the name"
keys q
keys :
type_text "show @$member"
keys Enter
shows "the account opens" "account @$member"
# (searching the heading would stop at the ring flag's detail first)
keys /
type_text " inside"
keys Enter
keys j j j j j
shows "the ring it was found in, with its members' vouches inside" \
    '^ +@[a-z0-9_]+ +trust [0-9]  joined .* ago  vouches [0-9]+ of [0-9]+ inside'
is "every member" "$(screen | grep -c 'vouches [0-9]* of [0-9]* inside')" "6"
keys g /
type_text "Detector marks"
keys Enter
shows "its marks" '^ Detector marks'
keys j j j
shows "which detector and why" 'vouch_ring +ring: vouch ring of 6 young or'
keys Q
exited
no_sanitizer_report
tap_result $? "no sanitizer report"

done_testing
