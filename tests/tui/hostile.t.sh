#!/bin/sh
# Hostile text reaches the screen only as visible escapes.  A display
# name and a message carry OSC 52 (set the clipboard), a title-setting
# sequence, CSI queries (the terminal would answer them as if typed), a
# colour change, C1 controls (8-bit CSI, as UTF-8 and as a raw byte), a
# right-to-left override and a zero-width space.  The screen must show
# them as text, and the terminal must have received no escape sequence
# but the ones the console draws with (SGR attributes).
. "$(dirname "$0")/lib.sh"

demo 300
ESC=$(printf '\033')

# Exact bytes, planted the way the marketplace would store them.
evil="4576696c20"				# "Evil "
evil="${evil}1b5d35323b633b5a58567062413d3d07"	# OSC 52 ; c ; base64 BEL
evil="${evil}1b5d323b50574e454407"		# OSC 2 ; PWNED BEL (title)
evil="${evil}1b5b366e1b5b631b5b3e63"		# CSI 6n, CSI c, CSI > c
evil="${evil}1b5b33316d"			# CSI 31m (red)
evil="${evil}c29b324a"				# U+009B "2J" (C1 CSI)
evil="${evil}9b"				# a raw 0x9b byte
evil="${evil}e280ae676e702e657865"		# U+202E "gnp.exe"
evil="${evil}e2808b21"				# U+200B "!"
sql "INSERT INTO account (id, handle, display_name, created, open_flags,
    top_reason, oldest_flag_at, queue_priority)
  VALUES (9001, 'zz_hostile', CAST(X'$evil' AS TEXT), 1790000000, 1,
    'phishing', 1795000000, 1000);
  INSERT INTO thread (id, subject, listing, created, last_at)
  VALUES (9001, CAST(X'$evil' AS TEXT), 'L-9001', 1795000000, 1795000100);
  INSERT INTO participant VALUES (9001, 9001, 'seller'), (9001, 1, 'buyer');
  INSERT INTO message (id, thread_id, sender_id, sent_at, body)
  VALUES (900001, 9001, 9001, 1795000100,
    CAST(X'4d73673a20$evil' AS TEXT));
  INSERT INTO flag (account_id, message_id, detector, reason, severity,
    detail, created)
  VALUES (9001, 900001, 'test', 'phishing', 3, CAST(X'$evil' AS TEXT),
    1795000000);" >/dev/null

start
wait_for '\[queue\]' || { echo "Bail out! the console did not start"; exit 1; }
title0=$(tt display -p '#{pane_title}')

shows "the planted account tops the queue" '^ +[0-9.]+ +zz_hostile '
shows "in the queue its name shows escapes, not effects" \
    'zz_hostile +Evil \^\[\]52;c;'
keys Enter
shows "the account view opens" 'account @zz_hostile'
shows "OSC 52 shows as text" '\^\[\]52;c;ZXVpbA==\^G'
shows "the title sequence shows as text" '\^\[\]2;PWNED\^G'
shows "CSI queries show as text" '\^\[\[6n\^\[\[c\^\[\[>c'
shows "a colour change shows as text" '\^\[\[31m'
shows "C1 CSI (U+009B) shows as \\x9b" '\\x9b2J'
shows "a raw 0x9b byte shows as \\x9b" '2J\\x9b'
shows "the right-to-left override is named" '<U\+202E>gnp\.exe'
shows "the zero-width space is named" '<U\+200B>!'
type_text "/"
type_text "detector:test"
keys Enter
wait_for 'from detector:test msg 900001: Evil' && keys j
shows "the flag's detail shows escapes too" '^ +\^\[\]52;c;ZXVpbA==\^G\^\[\]2;'

type_text "/"
type_text "Threads"
keys Enter
wait_for '^ Threads'
keys j Enter
shows "the thread opens" 'thread #9001'
shows "the message body shows escapes, not effects" \
    'Msg: Evil \^\[\]52;c;ZXVpbA==\^G\^\[\]2;PWNED\^G'

# The terminal received nothing but the console's own drawing: with the
# SGR attributes taken out, no escape is left in what tmux holds.
tt capture-pane -p -e -t 0 >"$TMP/screen.e"
sed "s/$ESC\[[0-9;]*m//g" "$TMP/screen.e" >"$TMP/screen.bare"
! grep -q "$ESC" "$TMP/screen.bare"
tap_result $? "no escape sequence but SGR reached the terminal"
! LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$TMP/screen.e" &&
    ! LC_ALL=C grep -q "$(printf '[\001-\010\013-\032\034-\037\177]')" \
    "$TMP/screen.e"
tap_result $? "no C1 or other control character is on the screen"
is "the pane's title was not changed" "$(tt display -p '#{pane_title}')" \
    "$title0"
is "the window's name was not changed" \
    "$(tt display -p '#{window_name}')" console
is "no clipboard buffer was set (OSC 52)" "$(tt list-buffers)" ""
unlike "the terminal answered no query (no stray keys reached the console)" \
    "$(row 29)" '^:|R'

keys q q q
exited
is "the console quits cleanly" "$EXIT_STATUS" 0
check "nothing on stderr from the sanitizers" no_sanitizer_report

done_testing
