#!/bin/sh
# tests/cli/examples.t.sh: the examples of man/warden.1 (EXAMPLES) and the
# tour of README.md run as written, on the demo `warden demo` makes (2000
# accounts, seed 1), and exit 0.  They are read from the two files, so an
# example that stops working (a handle the demo no longer has, an account
# someone holds a claim on) fails here rather than in a reader's shell.
. "$(dirname "$0")/../lib/tap.sh"

export WARDEN_NOW=2026-11-22T12:00:00Z
top=${WARDEN_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
mkdir -p "$TMP/bin" "$TMP/man" "$TMP/readme"
# `warden` in an example is the binary under test
printf '#!/bin/sh\nexec "%s" "$@"\n' "$W" >"$TMP/bin/warden"
chmod +x "$TMP/bin/warden"

# run DIR FILE: one example, in DIR, with `warden` on the PATH
run() {
	(cd "$1" && PATH="$TMP/bin:$PATH" sh "$2")
}

# sql DIR QUERY: one value from DIR's demo.db
sql() {
	sqlite3 "$1/demo.db" "$2"
}
entries() {
	sql "$1" "SELECT count(*) FROM audit"
}

# statuses_of DIR FILE: "handle status" of each account a batch file's
# suspend and ban lines name, and the status the line gives it
statuses_of() {
	grep -E '^(suspend|ban) ' "$2" | while read -r verb rest; do
		for w in $rest; do
			case $w in
			@*) h=${w#@}
			    echo "$h $(sql "$1" "SELECT status FROM account WHERE handle = '$h'") $verb" ;;
			--*) break ;;
			esac
		done
	done
}

# man/warden.1: each "$ command" of a literal block (and the lines
# indented under it) is a command; the lines after "$ cat FILE" are that
# file; a crontab line is its command
awk -v dir="$TMP/man" '
/^\.Sh EXAMPLES/ { on = 1; next }
/^\.Sh / { on = 0 }
!on { next }
/^\.Bd -literal/ { inb = 1; next }
/^\.Ed/ { inb = 0; cur = ""; file = ""; next }
!inb { next }
{ gsub(/\\e/, "\\") }
/^\$ cat / { file = dir "/" substr($0, 7); printf "" >file; cur = ""; next }
/^\$ / { cur = sprintf("%s/cmd.%02d", dir, ++n); print substr($0, 3) >cur
	file = ""; next }
/^[ \t]/ && cur != "" { print >cur; next }
file != "" { print >file; next }
/^[*0-9]/ { cur = sprintf("%s/cmd.%02d", dir, ++n)
	for (i = 0; i < 5; i++) sub(/^[^ ]+ +/, ""); print >cur; next }
' "$top/man/warden.1"
sed -i 's|/srv/warden.db|demo.db|' "$TMP"/man/cmd.*
is "the page has examples" "$(ls "$TMP"/man/cmd.* | wc -l | tr -d ' ')" "6"

for f in "$TMP"/man/cmd.*; do
	c=$(cat "$f")
	case $c in
	"warden -d demo.db")	# the console: tests/tui
		continue ;;
	esac
	check "man EXAMPLES: $(head -1 "$f" | tr -d '\\')" \
	    run "$TMP/man" "$f"
	case $c in
	# the README tour starts from the same demo
	"warden demo demo.db")
		is "the demo has its 2000 accounts" \
		    "$(sql "$TMP/man" "SELECT count(*) FROM account")" 2000
		cp "$TMP/man/demo.db" "$TMP/readme/demo.db" ;;
	# cron mails whatever a job writes: a sweep that works says nothing
	*"-c sweep"*) is "the cron line writes nothing" "$(cat "$OUT" "$ERR")" "" ;;
	*"--batch ring.txt"*)
		statuses_of "$TMP/man" "$TMP/man/ring.txt" >"$TMP/ring.status"
		is "each account of ring.txt is suspended or banned as it says" \
		    "$(awk '{ print $1, $2 }' "$TMP/ring.status")" \
		    "$(awk '{ print $1, $3 == "ban" ? "banned" : "suspended" }
		    END { if (NR == 0) print "(ring.txt names no account)" }' \
		    "$TMP/ring.status")" ;;
	*"jq -r .handle"*)
		is "ten handles, the queue's first" "$(cat "$OUT")" \
		    "$(cd "$TMP/man" && "$W" -d demo.db --format tsv \
		    -c 'queue --limit 10' 2>/dev/null | sed 1d | cut -f2)" ;;
	*"dismissed --reason"*)
		is "no open fraud flag is left on the account" \
		    "$(sql "$TMP/man" "SELECT count(*) FROM flag f JOIN account a ON a.id = f.account_id WHERE a.handle = 'title_setter' AND f.reason = 'fraud' AND f.status = 'open'")" 0
		like "they were dismissed as duplicates" \
		    "$(sql "$TMP/man" "SELECT count(*) FROM audit WHERE action = 'resolve' AND reason = 'duplicate reports'")" \
		    '^[1-9]' ;;
	esac
done

# README.md: the tour's shell block, a command a line, after its export
awk '/^```sh$/ { inb = 1; n++; next } /^```$/ { inb = 0; next }
    inb && n == 2' "$top/README.md" | sed 's/   *# .*$//' >"$TMP/tour"
like "the README has a tour" "$(cat "$TMP/tour")" "^export WARDEN_DB=demo.db"
i=0
while IFS= read -r line; do
	case $line in
	export\ *) echo "$line" >"$TMP/readme/env"; continue ;;
	"warden serve"*) continue ;;	# runs until stopped: cli/api
	esac
	i=$((i + 1))
	{ cat "$TMP/readme/env"; echo "$line"; } >"$TMP/readme/cmd.$i"
	# (no backslash in a test's name: echo would read it)
	n=$(entries "$TMP/readme")
	check "README: $(printf '%s' "$line" | tr -d '\\')" \
	    run "$TMP/readme" "$TMP/readme/cmd.$i"
	case $line in
	*--dry-run*)
		is "README: the dry run changed nothing" "$(entries "$TMP/readme")" "$n" ;;
	*"--batch actions.txt"*)
		h=$(sed -n 's/^warn @\([a-z0-9_]*\).*/\1/p' "$TMP/readme/actions.txt")
		is "README: the batch warned @$h, once" \
		    "$(sql "$TMP/readme" "SELECT status FROM account WHERE handle = '$h'") $(($(entries "$TMP/readme") - n))" \
		    "warned 1"
		n=$(entries "$TMP/readme")
		check "README: the batch again" run "$TMP/readme" "$TMP/readme/cmd.$i"
		is "README: a re-run applies nothing twice" "$(entries "$TMP/readme")" "$n" ;;
	*"-c sweep -q"*)
		is "README: the cron sweep writes nothing" "$(cat "$OUT" "$ERR")" "" ;;
	esac
done <"$TMP/tour"

done_testing
