#!/bin/sh
# The detectors' marks in the console: under a message in its thread
# (what matched and why), and in the account view (its marks, and the
# vouch ring it was found in, every member).
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
