#!/bin/sh
# Over a slow SSH link every byte counts: moving the selection repaints
# two lines, scrolling by a line lets the terminal scroll, and an idle
# console writes nothing.  The bytes the console writes are read with
# tmux's pipe-pane; a full repaint of this 100x30 screen is about 3000.
. "$(dirname "$0")/lib.sh"
needs ps || skip_all "needs $NEEDS"

demo 300
start
wait_for '\[queue\].* 1/' || { echo "Bail out! the console did not start"; exit 1; }
OUTB="$TMP/out.bytes"
: >"$OUTB"
tt pipe-pane -o -t 0 "cat >>'$OUTB'"

# bytes_for KEY PATTERN: the bytes written between KEY and the screen
# showing PATTERN (and the output settling)
bytes_for() {
	before=$(wc -c <"$OUTB")
	keys "$1"
	wait_for "$2" || return 1
	_last=-1
	while [ "$(wc -c <"$OUTB")" != "$_last" ]; do
		_last=$(wc -c <"$OUTB")
		sleep 0.2
	done
	echo $((_last - before))
}

n=$(bytes_for j '\[queue\].* 2/')
echo "# j: $n bytes"
[ -n "$n" ] && [ "$n" -lt 400 ]
tap_result $? "moving the selection down a line writes little ($n bytes)"

# To the last row of the screen, then one more: a scroll.
i=2
while [ $i -lt 26 ]; do
	keys j
	i=$((i + 1))
done
wait_for '\[queue\].* 26/'
n=$(bytes_for j '\[queue\].* 27/')
echo "# scroll: $n bytes"
[ -n "$n" ] && [ "$n" -lt 800 ]
tap_result $? "scrolling by a line writes one line, not the screen ($n bytes)"
like "the terminal was asked to scroll (delete/insert line or index)" \
    "$(tail -c "$n" "$OUTB" | od -An -c | tr -d ' \n')" \
    '033\[[0-9;]*[MLST]|033D|033\[[0-9]*;[0-9]*r'

# Idle, the console wakes once a second (its read of a key times out)
# and renders what is pending.  Wait for it to have woken and gone back
# to sleep three times, seen in its count of voluntary context switches,
# and nothing must have been written meanwhile.
pid=$(ps -o pid= --ppid "$(tt display -p '#{pane_pid}')" | head -1 | tr -d ' ')
switches() {
	sed -n 's/^voluntary_ctxt_switches:[[:space:]]*//p' "/proc/$pid/status"
}
# idle_ticks N: until the console has blocked N more times
idle_ticks() {
	_want=$(($(switches) + $1))
	_end=$(($(date +%s) + TT_TIMEOUT))
	while [ "$(switches)" -lt "$_want" ]; do
		[ "$(date +%s)" -ge "$_end" ] && return 1
		sleep 0.1
	done
}
n=$(bytes_for k '\[queue\].* 26/')
before=$(wc -c <"$OUTB")
idle_ticks 3
tap_result $? "the console idles: it wakes and sleeps again"
after=$(wc -c <"$OUTB")
is "an idle console writes nothing" "$((after - before))" 0

keys Q
exited
check "nothing on stderr from the sanitizers" no_sanitizer_report

done_testing
