#!/bin/sh
# tests/cli/man.t.sh: man/warden.1 against the binary.  The list of
# commands comes from the binary (help --list), never from this file: a
# command missing from the page, a page naming a command that does not
# exist, a usage in other words, an option that its command's own entry
# does not document, an option of warden's own outside OPTIONS, an
# undocumented json key, and a lint warning each fail.
. "$(dirname "$0")/setup.sh"
needs mandoc col || skip_all "needs $NEEDS"

MAN="$WARDEN_TOP/man/warden.1"

check "mandoc -Tlint -Wwarning runs" mandoc -Tlint -Wwarning "$MAN"
is "mandoc -Tlint -Wwarning is clean" "$(cat "$OUT" "$ERR")" ""

check "help --list" "$W" --format json -c 'help --list'
# (the unit separator between fields: read splits on tabs as on spaces,
# so that an empty field would vanish, and a usage holds |)
US=$(printf '\037')
jq -r '[.command, .usage, .options, (.read_only | tostring)] | join("\u001f")' \
    "$OUT" >"$TMP/cmds"
is "help --list needs no database" "$(WARDEN_DB= "$W" -c 'help --list' | wc -l | tr -d ' ')" \
    "$(($(wc -l <"$TMP/cmds") + 1))"

# the page, rendered wide enough that no usage wraps, and its sections
mandoc -Tascii -O width=1000 "$MAN" | col -bx >"$TMP/page"
section() {
	awk -v s="$1" '$0 == s { on = 1; next } /^[A-Z]/ { on = 0 } on' \
	    "$TMP/page"
}
section COMMANDS >"$TMP/commands"
section OPTIONS >"$TMP/options"
section SYNOPSIS >"$TMP/synopsis"
# the command words of each .It Cm in the source's COMMANDS section
awk '/^\.Sh COMMANDS/ { on = 1; next } /^\.Sh / { on = 0 }
    on && /^\.It Cm / {
	out = ""
	for (i = 3; i <= NF && $i !~ /^[A-Z][a-z]$/; i++)
		out = out (out == "" ? "" : " ") $i
	gsub(/\\-/, "-", out)
	print out
    }' "$MAN" >"$TMP/documented"

# entry USAGE: a command's own entry of the page: its usage, as the whole
# head of an item (alone on its line, or followed by the item's text
# after two spaces), and the lines indented under it
entry() {
	awk -v u="     $1" '
	    found && /^ {0,5}[^ ]/ { exit }
	    found { print; next }
	    index($0, u) == 1 && (length($0) == length(u) ||
	        substr($0, length(u) + 1, 2) == "  ") { found = 1; print }
	' "$TMP/commands"
}

# Options every write command takes, and every list, are documented once
# where the page says so (below); any other option of a command is
# documented in the command's own entry.
write_common="--reason --dry-run --key --force"
list_common="--limit --cursor --all"
while IFS=$US read -r name usage opts ro; do
	entry "$usage" >"$TMP/entry"
	if [ -s "$TMP/entry" ]; then tap_result 0 "man page: $usage"
	else tap_result 1 "man page: $usage"; fi
	if [ "$ro" = 1 ]; then common=$list_common; else common=$write_common; fi
	for o in $opts; do
		case " $common " in *" $o "*) continue ;; esac
		if grep -q -- "$o\b" "$TMP/entry"; then
			tap_result 0 "$name: its entry documents $o"
		else
			tap_result 1 "$name: its entry documents $o"
		fi
	done
done <"$TMP/cmds"

# the options that are everyone's, where the page gives them
awk '/^   Write commands/ { on = 1; next } /^[A-Z]|^   [A-Z]/ { on = 0 } on' \
    "$TMP/page" >"$TMP/writes"
for o in $write_common; do
	like "Write commands documents $o" "$(cat "$TMP/writes")" "^     $o\b"
done
for o in $list_common; do
	like "the lists' paragraph documents $o" \
	    "$(grep -A3 'Commands that list also take' "$TMP/commands")" "$o\b"
done
# the commands a reason is required by: the page's list, and those whose
# usage asks for --reason TEXT outside brackets
grep -o 'It is required by [^.]*\.' "$TMP/writes" |
    sed 's/^It is required by //; s/\.$//; s/, */\n/g; s/ and /\n/' |
    sort >"$TMP/reason.doc"
while IFS=$US read -r name usage opts ro; do
	case "$usage" in
	*"[--reason"*) ;;
	*"--reason TEXT"*) echo "${name%% *}" ;;
	esac
done <"$TMP/cmds" | sort -u >"$TMP/reason.code"
is "the commands that require --reason, as the page lists them" \
    "$(cat "$TMP/reason.doc")" "$(cat "$TMP/reason.code")"

cut -d"$US" -f1 "$TMP/cmds" | sort >"$TMP/known"
sort "$TMP/documented" >"$TMP/doc"
is "every documented command exists" "$(comm -13 "$TMP/known" "$TMP/doc")" ""
is "every command is documented" "$(comm -23 "$TMP/known" "$TMP/doc")" ""

# warden's own options: those of its option list in OPTIONS, each as an
# item of its own; those of its usage lines (demo, serve) in SYNOPSIS
"$W" --help >"$TMP/help"
sed -n '/^$/,$p' "$TMP/help" | grep -o -- '--[a-z-]*' | sort -u >"$TMP/own"
sed -n '1,/^$/p' "$TMP/help" | grep -o -- '--[a-z-]*' | sort -u |
    comm -23 - "$TMP/own" >"$TMP/usage_opts"
while read -r o; do
	if grep -q -E -- "^     (-[a-zA-Z] [a-z]+, )?(-[a-zA-Z], )?$o\b" "$TMP/options"
	then tap_result 0 "OPTIONS has an item for $o"
	else tap_result 1 "OPTIONS has an item for $o"; fi
done <"$TMP/own"
while read -r o; do
	if grep -q -- "$o\b" "$TMP/synopsis"; then tap_result 0 "SYNOPSIS gives $o"
	else tap_result 1 "SYNOPSIS gives $o"; fi
done <"$TMP/usage_opts"

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
