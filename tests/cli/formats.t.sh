#!/bin/sh
# tests/cli/formats.t.sh: every command in every format.  json is parsed
# (one object per line, the documented keys), tsv has its header and
# columns, tables fit the width, and no format lets a hostile display
# name or message reach the terminal raw.
. "$(dirname "$0")/setup.sh"

# command | keys of its first json object, in order
reads='queue --limit 20|id handle display_name trust status flags reason oldest claimed_by priority pkey
show @csi_query|account breakdown strikes notes
flags --limit 20|id account_id handle reason severity status created deadline reporter reporter_trust reporter_upheld reporter_dismissed reporter_muted message_id detail resolved_by resolved_at outcome_note
threads @cjk_shop|id subject listing role counterpart messages flagged created last_at
thread 1|thread messages
search sofa|kind id account_id handle thread_id at text
vouches 96|direction account_id handle trust account_created created peer
ratings 12|id direction other_id other tx stars comment created retaliatory
stats|accounts flagged open_flags claimed mine escalations overdue appeals suspended banned audit_entries
escalations|id kind account_id handle thread_id flag_id opened due overdue level channel status assignee
appeals --status all|id strike_id account_id handle strike strike_at given_by filed_at status text decided_by decided_at reply
muted|account_id handle until muted_by at
log --limit 20|id at actor action target account_id handle reason params result
verify|ok entries bad_id problem
moderator list|name role active created claims
token list|id moderator label created revoked_at
template list|name text created_by created
template show phishing|name text created_by created
rules|name value help
whoami|name role active
help --list|command aliases usage help topic options read_only destructive
help|title text
help suspend|title text'

# token list needs a token to show
"$W" -c 'token create --label ci' >/dev/null 2>&1

# Each format gives the same rows: json one object a line with the
# documented keys; tsv its header and, row by row, the same first column;
# a table its columns and rows (one row: a line per column), each line
# starting with its first column's value (cut to fit, ending in ~).  show, thread
# and help are records or text: below.
echo "$reads" | while IFS='|' read -r cmd keys; do
	"$W" --format json -c "$cmd" >"$OUT" 2>"$ERR"
	if json_ok; then tap_result 0 "$cmd: json is one object per line"
	else tap_result 1 "$cmd: json is one object per line"; fi
	is "$cmd: json keys" "$(head -1 "$OUT" | jq -r 'keys_unsorted | join(" ")')" "$keys"
	case $cmd in help|help\ s*|show*|thread\ *) continue ;; esac
	jq -r 'to_entries[0].value | tostring' "$OUT" >"$TMP/json.first"
	rows=$(wc -l <"$OUT" | tr -d ' ')
	"$W" --format tsv -c "$cmd" >"$TMP/tsv" 2>"$ERR"
	is "$cmd: tsv header" "$(head -1 "$TMP/tsv")" "$(echo "$keys" | tr ' ' '\t')"
	is "$cmd: tsv rows, as json's" "$(sed 1d "$TMP/tsv" | cut -f1)" \
	    "$(cat "$TMP/json.first")"
	env COLUMNS=100 "$W" --format table -c "$cmd" >"$TMP/table" 2>"$ERR"
	# a line per column (a record), or a header and json's rows, each
	# line starting with its first column's value
	if [ "$rows" -eq 1 ] && [ "$(awk '{ print $1 }' "$TMP/table" |
	    tr '\n' ' ')" = "$keys " ]; then
		tap_result 0 "$cmd: table, as json"
	else
		{ echo "$keys" | cut -d' ' -f1; cat "$TMP/json.first"; } |
		    awk -v t="$TMP/table" '{
			if ((getline line < t) <= 0) exit 1
			sub(/^ +/, "", line)
			cell = line
			if ((i = index(line, "  ")) > 0)
				cell = substr(line, 1, i - 1)
			# a value cut to fit ends in ~
			if (cell != $0 && !(cell ~ /~$/ &&
			    index($0, substr(cell, 1, length(cell) - 1)) == 1)) {
				print "# table: " line; print "# want:  " $0
				exit 1
			}
		    } END { if ((getline line < t) > 0) exit 1 }'
		tap_result $? "$cmd: table, as json"
	fi
done 2>&1 | sed 's/^ok [0-9]*/ok/; s/^not ok [0-9]*/not ok/' >"$TMP/loop"
# the loop ran in a subshell: count its results here
while IFS= read -r line; do
	case $line in
	ok*) tap_result 0 "${line#ok - }" ;;
	not\ ok*) tap_result 1 "${line#not ok - }" ;;
	\#*) echo "$line" ;;
	esac
done <"$TMP/loop"
# help as text: the table is json's text
"$W" --format json -c 'help suspend' >"$OUT"
is "help suspend: the table is json's text" \
    "$(env COLUMNS=100 "$W" --format table -c 'help suspend')" \
    "$(jq -r .text "$OUT")"

# show's tsv: the account, then its parts after empty lines
check "show: tsv" "$W" --format tsv -c 'show @csi_query'
is "show tsv: account header first" "$(head -1 "$OUT" | cut -f1-3)" \
    "id	handle	display_name"
like "show tsv: breakdown table follows" "$(cat "$OUT")" "level	rule	holds	have	need"
check "show: json parts" "$W" --format json -c 'show @csi_query'
is "show json: the account's handle" "$(jq -r .account.handle "$OUT")" \
    "csi_query"
like "show json: breakdown rows" "$(jq -r '.breakdown[0] | keys_unsorted | join(" ")' "$OUT")" \
    "^level rule holds have need$"

# hostile text: escaped in every format
for f in table tsv json; do
	check "queue as $f" "$W" --format "$f" --no-color -c 'queue --limit 50'
	if no_raw_controls "$OUT"; then tap_result 0 "queue as $f: no raw control bytes"
	else tap_result 1 "queue as $f: no raw control bytes"; fi
done
check "thread of a hostile sender" "$W" --format table -c 'threads @csi_query'
tid=$("$W" --format json -c 'threads @csi_query' | head -1 | jq -r .id)
for f in table tsv json; do
	check "thread $tid as $f" "$W" --format "$f" -c "thread $tid"
	if no_raw_controls "$OUT"; then tap_result 0 "thread as $f: no raw control bytes"
	else tap_result 1 "thread as $f: no raw control bytes"; fi
done
check "table shows escapes visibly" "$W" --format table -c 'show @csi_query'
like "table: ESC as ^[" "$(cat "$OUT")" 'Query\^\[\[6n'
check "tsv escapes reversibly" "$W" --format tsv -c 'show @bad_utf8'
like "tsv: invalid UTF-8 as \\xNN" "$(sed -n 2p "$OUT")" 'Broken \\xff\\xfe Name'
check "json keeps bytes as \\xNN text" "$W" --format json -c 'show @bad_utf8'
is "json: the display name" "$(jq -r .account.display_name "$OUT")" \
    'Broken \xff\xfe Name \xc3'
db=$(fresh tabs)
"$W" -d "$db" -c 'note @cjk_shop "a\tb\nc\\d"' >/dev/null 2>&1
check "tsv escapes tabs, newlines and backslashes" "$W" -d "$db" \
    --format tsv -c 'show @cjk_shop'
like "tsv: \\t, \\n and \\\\ in a value" "$(cat "$OUT")" \
    '	0	a\\tb\\nc\\\\d$'

# tables fit the width; a cut value ends in ~
check "queue at 60 columns" env COLUMNS=60 "$W" --format table -c 'queue'
w=$(wc -L <"$OUT")
if [ "$w" -le 60 ]; then tap_result 0 "no line is wider than 60 ($w)"
else tap_result 1 "no line is wider than 60 ($w)"; fi
like "a cut value ends in ~" "$(cat "$OUT")" "~"

# write commands, in every format (dry runs: nothing changes)
audit_before=$(sql "$DEMO" "SELECT count(*) FROM audit WHERE action <> 'token.create'")
writes='claim @cjk_shop
release @c1_control --force
warn @cjk_shop --reason spam
suspend @cjk_shop --for 7d --reason @phishing
ban @cjk_shop --reason @fraud
restore @elena_s109 --reason appeal
trust @cjk_shop 2 --reason met
note @cjk_shop looked at it
tag @cjk_shop watch
untag @title_setter watch
reveal @cjk_shop email --reason check
resolve 1 dismissed --reason dup
escalate 9 --reason late
ack 2
assign 3 bob
sweep
scan
mute-reporter @cjk_shop --for 30d --reason mass
moderator add dora --role senior
token create --label cron
template add polite Be kind, {handle}'
# each dry run: json names the kind of action, a dry run, no audit entry;
# the table and tsv give json's message
echo "$writes" | while IFS= read -r cmd; do
	set -- $cmd
	case $1 in
	mute-reporter) kind=mute ;;
	moderator|token|template) kind=$1.$2 ;;
	*) kind=$1 ;;
	esac
	"$W" --dry-run --format json -c "$cmd" >"$TMP/w.json" 2>"$TMP/w.err"
	if jq -e --arg k "$kind" '.action == $k and .dry_run == true and
	    .audit_id == 0' "$TMP/w.json" >/dev/null; then
		echo "0 json: $cmd"
	else
		echo "1 json: $cmd"
		cat "$TMP/w.json" "$TMP/w.err" | sed 's/^/# /'
	fi
	msg=$(jq -r .message "$TMP/w.json" | head -1)
	"$W" --dry-run --format table -c "$cmd" >"$TMP/w.table" 2>&1
	"$W" --dry-run --format tsv -c "$cmd" >"$TMP/w.tsv" 2>&1
	if [ -n "$msg" ] && grep -qF -- "$msg" "$TMP/w.table" &&
	    grep -qF -- "$msg" "$TMP/w.tsv"; then
		echo "0 table and tsv: $cmd"
	else
		echo "1 table and tsv: $cmd"
		cat "$TMP/w.table" "$TMP/w.tsv" | sed 's/^/# /'
	fi
done >"$TMP/wloop"
while read -r rc what; do
	case $rc in \#) echo "$rc $what"; continue ;; esac
	case $what in
	json:*) tap_result "$rc" "dry run of '${what#json: }': json says what and that it is dry" ;;
	*) tap_result "$rc" "dry run of '${what#table and tsv: }': table and tsv say what json says" ;;
	esac
done <"$TMP/wloop"
is "dry runs changed nothing" "$(sql "$DEMO" "SELECT count(*) FROM audit WHERE action <> 'token.create'")" "$audit_before"

done_testing
