#!/bin/sh
# Over a slow SSH link every byte counts: moving the selection repaints
# two lines, scrolling by a line lets the terminal scroll, and an idle
# console writes nothing.  The bytes the console writes are read with
# tmux's pipe-pane; a full repaint of this 100x30 screen is about 3000.
. "$(dirname "$0")/lib.sh"

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

sleep 1.5
n=$(bytes_for k '\[queue\].* 26/')
before=$(wc -c <"$OUTB")
sleep 1.5
after=$(wc -c <"$OUTB")
is "an idle console writes nothing" "$((after - before))" 0

keys Q
exited
check "nothing on stderr from the sanitizers" no_sanitizer_report

done_testing
