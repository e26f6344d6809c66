#!/bin/sh
# tests/cli/man.t.sh: man/warden.1 against the binary.  The list of
# commands comes from the binary (help --list), never from this file:
# a command missing from the page, a page naming a command that does not
# exist, a usage in other words, an undocumented option or json key, and
# a lint warning each fail.
. "$(dirname "$0")/setup.sh"
needs mandoc col || skip_all "needs $NEEDS"

MAN="$WARDEN_TOP/man/warden.1"

check "mandoc -Tlint -Wwarning runs" mandoc -Tlint -Wwarning "$MAN"
is "mandoc -Tlint -Wwarning is clean" "$(cat "$OUT" "$ERR")" ""

check "help --list" "$W" --format json -c 'help --list'
jq -r '.command + "\t" + .usage + "\t" + .options' "$OUT" >"$TMP/cmds"
is "help --list needs no database" "$(WARDEN_DB= "$W" -c 'help --list' | wc -l | tr -d ' ')" \
    "$(($(wc -l <"$TMP/cmds") + 1))"

# the page, rendered wide enough that no usage wraps, and its COMMANDS
mandoc -Tascii -O width=1000 "$MAN" | col -bx >"$TMP/page"
awk '/^COMMANDS/ { on = 1; next } /^[A-Z]/ { on = 0 } on' "$TMP/page" \
    >"$TMP/commands"
# the command words of each .It Cm in the source's COMMANDS section
awk '/^\.Sh COMMANDS/ { on = 1; next } /^\.Sh / { on = 0 }
    on && /^\.It Cm / {
	out = ""
	for (i = 3; i <= NF && $i !~ /^[A-Z][a-z]$/; i++)
		out = out (out == "" ? "" : " ") $i
	gsub(/\\-/, "-", out)
	print out
    }' "$MAN" >"$TMP/documented"

while IFS='	' read -r name usage opts; do
	# the usage, as the whole head of an item: alone on its line, or
	# followed by the item's text after two spaces
	if awk -v u="     $usage" 'index($0, u) == 1 &&
	    (length($0) == length(u) || substr($0, length(u) + 1, 2) == "  ") { f = 1 }
	    END { exit !f }' "$TMP/commands"; then
		tap_result 0 "man page: $usage"
	else
		tap_result 1 "man page: $usage"
	fi
	for o in $opts; do
		if grep -q -- "$o\b" "$TMP/page"; then
			tap_result 0 "man page documents $name $o"
		else
			tap_result 1 "man page documents $name $o"
		fi
	done
done <"$TMP/cmds"

cut -f1 "$TMP/cmds" | sort >"$TMP/known"
sort "$TMP/documented" >"$TMP/doc"
is "every documented command exists" "$(comm -13 "$TMP/known" "$TMP/doc")" ""
is "every command is documented" "$(comm -23 "$TMP/known" "$TMP/doc")" ""

# every option of warden itself
"$W" --help | grep -o -- '--[a-z-]*' | sort -u | while read -r o; do
	if grep -q -- "$o\b" "$TMP/page"; then echo "0 $o"; else echo "1 $o"; fi
done >"$TMP/opts"
while read -r rc o; do tap_result "$rc" "the page documents $o"; done <"$TMP/opts"

# the json keys the page promises are the ones the commands give
awk '/^\.Ss JSON keys/ { on = 1; next } /^\.(Sh|Ss) / { on = 0 }
    on && /^\.It Cm / { name = $3; for (i = 4; i <= NF; i++) name = name " " $i; next }
    on && name != "" && !/^\./ { print name "|" $0; name = "" }' "$MAN" >"$TMP/keys"
is "the page lists json keys" "$([ -s "$TMP/keys" ] && echo yes)" "yes"
export WARDEN_DB="$(fresh keys)"
"$W" -c 'token create --label man' >/dev/null 2>&1
while IFS='|' read -r name keys; do
	case $name in
	show) cmd='show @csi_query' ;;
	thread) cmd='thread 1' ;;
	threads) cmd='threads @cjk_shop' ;;
	search) cmd='search sofa' ;;
	vouches) cmd='vouches 96' ;;
	ratings) cmd='ratings 12' ;;
	appeals) cmd='appeals --status all' ;;
	*) cmd=$name ;;
	esac
	got=$("$W" --format json -c "$cmd" 2>/dev/null | head -1 |
	    jq -r 'keys_unsorted | join(" ")')
	is "json keys of $name as documented" "$got" "$keys"
done <"$TMP/keys"

# the KEYS section is there for the console to fill in
check "a KEYS section" grep -q '^\.Sh KEYS' "$MAN"
# exit statuses the code uses are documented
for s in 0 1 64 65 66 69 70 73 74 75 77; do
	if grep -q "^\.It $s\$" "$MAN"; then tap_result 0 "EXIT STATUS $s"
	else tap_result 1 "EXIT STATUS $s"; fi
done
for v in WARDEN_DB WARDEN_API WARDEN_TOKEN WARDEN_MODERATOR NO_COLOR WARDEN_NOW; do
	if grep -q "^\.It Ev $v\$" "$MAN"; then tap_result 0 "ENVIRONMENT $v"
	else tap_result 1 "ENVIRONMENT $v"; fi
done

done_testing
