#!/bin/sh
# tests/cli/batch.t.sh: batch files and stdin: line by line, --keep-going,
# --atomic (all or nothing), derived keys (a re-run applies nothing twice),
# and the bad input of the issue.
. "$(dirname "$0")/setup.sh"

db=$(fresh batch)
export WARDEN_DB="$db"
audit() { sql "$db" 'SELECT count(*) FROM audit'; }
strikes() { sql "$db" 'SELECT count(*) FROM strike'; }

cat >"$TMP/good.txt" <<'X'
# a round of warnings
warn @cjk_shop --reason 'first warning'

warn @emoji_sofa --reason @spam   # templates work in batches
tag @cjk_shop watch
X
n=$(strikes)
check "a batch runs" "$W" --batch "$TMP/good.txt"
is "two strikes" "$(strikes)" "$((n + 2))"
is "results as one tsv table" "$(grep -c '^action' "$OUT")" "1"
a=$(audit)
check "the same batch again" "$W" --format json --batch "$TMP/good.txt"
is "applies nothing twice" "$(audit)" "$a"
is "every line replayed" "$(jq -r .replayed "$OUT" | sort -u)" "true"
check "a read between writes" "$W" --format tsv --batch - <<'X'
tag @cjk_shop around1
stats
tag @cjk_shop around2
X
is "the results after it have their header again" \
    "$(grep -c '^action	target' "$OUT")" "2"
check "an explicit --key wins" "$W" --format json --batch - <<'X'
warn @osc52_clip --reason x --key mine-1
X
is "the key is the one given" "$(sql "$db" "SELECT idem_key FROM audit ORDER BY id DESC LIMIT 1")" "mine-1"

# a crash half-way: the re-run applies the rest
cat >"$TMP/crash.txt" <<'X'
warn @rlo_override --reason one
warn @title_setter --reason two
X
head -1 "$TMP/crash.txt" >"$TMP/first.txt"
key=$(sha256sum "$TMP/crash.txt" | cut -c1-16)
# what the first line did before the crash, with the key the file gives it
check "line 1 as the crashed run did it" "$W" \
    -c "warn @rlo_override --reason one --key batch:$key:1"
a=$(audit)
check "the re-run" "$W" --format json --batch "$TMP/crash.txt"
is "line 1 replayed, line 2 applied" "$(jq -r .replayed "$OUT" | tr '\n' ' ')" \
    "true false "
is "one new audit entry" "$(audit)" "$((a + 1))"

# stop at the first failure, or --keep-going
cat >"$TMP/fail.txt" <<'X'
tag @cjk_shop one
tag @nobody two
tag @cjk_shop three
X
check_exit 65 "a failed line stops the batch" "$W" --batch "$TMP/fail.txt"
like "FILE:LINE: message" "$(cat "$ERR")" "^$TMP/fail.txt:2: no account with handle @nobody$"
is "line 3 did not run" "$(sql "$db" "SELECT count(*) FROM tag WHERE tag = 'three'")" "0"
check_exit 65 "--keep-going goes on" "$W" --keep-going --batch "$TMP/fail.txt"
is "line 3 ran" "$(sql "$db" "SELECT count(*) FROM tag WHERE tag = 'three'")" "1"
like "and the count of failed lines" "$(tail -1 "$ERR")" "1 of 3 lines failed \(line 2\)"

# --atomic: all or nothing
cat >"$TMP/atomic.txt" <<'X'
suspend @osc52_clip @emoji_sofa --for 7d --reason ring
warn @cjk_shop --reason 'part of it'
resolve 999999 upheld --reason nope
X
a=$(audit)
check_exit 65 "--atomic with a failing line" "$W" --atomic --batch "$TMP/atomic.txt"
like "names the failing line" "$(cat "$ERR")" \
    "atomic.txt:3: no flag 999999; nothing was applied \(--atomic\)"
is "nothing applied" "$(audit)" "$a"
is "nobody suspended" "$(sql "$db" "SELECT count(*) FROM account WHERE handle IN ('osc52_clip','emoji_sofa') AND status = 'suspended'")" "0"
head -2 "$TMP/atomic.txt" >"$TMP/atomic2.txt"
check "--atomic that works" "$W" --atomic --format json --batch "$TMP/atomic2.txt"
is "three actions" "$(wc -l <"$OUT" | tr -d ' ')" "3"
is "both suspended" "$(sql "$db" "SELECT count(*) FROM account WHERE handle IN ('osc52_clip','emoji_sofa') AND status = 'suspended'")" "2"
printf 'queue\nwarn @cjk_shop --reason x\n' >"$TMP/reads.txt"
a=$(audit)
check_exit 64 "a read in an --atomic batch is refused" "$W" --atomic \
    --batch "$TMP/reads.txt"
like "says why" "$(cat "$ERR")" "reads.txt:1: 'queue' only reads; an --atomic batch holds write commands only"
is "nothing applied" "$(audit)" "$a"
check_exit 64 "--atomic and --keep-going together" "$W" --atomic --keep-going \
    --batch "$TMP/good.txt"
check "-c lines can be atomic too" "$W" --atomic -c 'tag @cjk_shop x1' \
    -c 'tag @cjk_shop x2'
a=$(audit)
check_exit 65 "-c atomic with a failure" "$W" --atomic \
    -c 'tag @cjk_shop x3' -c 'tag @nobody x4'
like "-c N: message" "$(cat "$ERR")" "-c 2: no account with handle @nobody"
is "nothing applied" "$(audit)" "$a"

# quit stops a batch
printf 'tag @cjk_shop before\nquit\ntag @cjk_shop after\n' >"$TMP/quit.txt"
check "quit in a batch" "$W" --batch "$TMP/quit.txt"
is "the line after quit did not run" "$(sql "$db" "SELECT count(*) FROM tag WHERE tag = 'after'")" "0"

# bad input
check_exit 66 "a batch file that does not exist" "$W" --batch "$TMP/none.txt"
like "names it" "$(cat "$ERR")" "cannot open the batch file .*none.txt: No such file"
printf 'tag @cjk_shop ok1\nnote @cjk_shop caf\351\ntag @cjk_shop ok2\n' >"$TMP/latin1.txt"
check_exit 65 "invalid UTF-8 in a batch file" "$W" --batch "$TMP/latin1.txt"
like "names line and column" "$(cat "$ERR")" "latin1.txt:2: invalid UTF-8 at column 19 \(byte \\\\xe9\)"
is "line 3 did not run" "$(sql "$db" "SELECT count(*) FROM tag WHERE tag = 'ok2'")" "0"
printf 'tag @cjk_shop nul\000x\n' >"$TMP/nul.txt"
check_exit 65 "a NUL byte in a batch file" "$W" --batch "$TMP/nul.txt"
like "names it" "$(cat "$ERR")" "nul.txt:1: a NUL byte at column 18"
{ printf 'note @cjk_shop '; head -c 102400 /dev/zero | tr '\0' a; echo; } >"$TMP/long.txt"
check_exit 65 "a 100 KB line in a batch" "$W" --batch "$TMP/long.txt"
like "says the limit" "$(cat "$ERR")" "long.txt:1: the line is 102415 bytes long"
printf 'note @cjk_shop "open\n' >"$TMP/quote.txt"
check_exit 64 "an unbalanced quote in a batch" "$W" --batch "$TMP/quote.txt"
like "names line and column" "$(cat "$ERR")" "quote.txt:1: unbalanced quote: the \" at column 16"
check_exit 66 "stdin closed" sh -c '"$0" --batch - <&-' "$W"
like "says so" "$(cat "$ERR")" "stdin is closed"
a=$(audit)
check_exit 74 "stdin cut short mid-line" sh -c \
    'printf "tag @cjk_shop cut1\ntag @cjk_shop cu" | "$0" --batch -' "$W"
like "names the line" "$(cat "$ERR")" "stdin:2: stdin ended in the middle of this line"
is "the complete line ran, the cut one did not" "$(audit)" "$((a + 1))"
a=$(audit)
check_exit 74 "stdin cut short, --atomic: nothing" sh -c \
    'printf "tag @cjk_shop cut3\ntag @cjk_shop cu" | "$0" --atomic --batch -' "$W"
is "nothing applied" "$(audit)" "$a"
check "empty stdin is an empty batch" sh -c '"$0" --batch - </dev/null' "$W"
printf '\357\273\277tag @cjk_shop bom\n' >"$TMP/bom.txt"
check "a byte-order mark is skipped" "$W" --batch "$TMP/bom.txt"
printf 'tag @cjk_shop crlf\r\n' >"$TMP/crlf.txt"
check "CRLF lines" "$W" --batch "$TMP/crlf.txt"
is "the tag has no CR" "$(sql "$db" "SELECT count(*) FROM tag WHERE tag = 'crlf'")" "1"
check "a file without a final newline runs" sh -c \
    'printf "tag @cjk_shop lastline" >"$1"; "$0" --batch "$1"' "$W" "$TMP/nonl.txt"
check "-c and --batch together are refused" sh -c \
    '"$0" -c stats --batch "$1"; [ $? -eq 64 ]' "$W" "$TMP/good.txt"

done_testing
