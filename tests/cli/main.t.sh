#!/bin/sh
# tests/cli/main.t.sh: warden's own flags, the environment, the config
# file, and the demo and init subcommands.
. "$(dirname "$0")/setup.sh"

check "--version" "$W" --version
like "--version says the version and schema" "$(cat "$OUT")" \
    "^warden [0-9]+\.[0-9]+\.[0-9]+ \(database schema [0-9]+\)$"
check "--help" "$W" --help
like "--help lists -c" "$(cat "$OUT")" "-c COMMAND"
like "--help: -c takes --atomic and --keep-going as the page says" \
    "$(cat "$OUT")" "-c 'COMMAND' \.\.\.\] \[--atomic \| --keep-going\]"
demo_usage=$("$W" demo --help | sed 's/^usage: //')
like "--help: demo's usage is demo's own" "$(cat "$OUT")" \
    "$(printf '%s' "$demo_usage" | sed 's/[].|[]/\\&/g')\$"
check_exit 64 "an unknown flag" "$W" --frobnicate
check_exit 64 "a stray argument" "$W" queue
like "it suggests -c" "$(cat "$ERR")" "to run a command, write -c 'queue'"
check_exit 64 "-d and --api together" "$W" -d "$DEMO" --api http://127.0.0.1:1 -c stats
check_exit 64 "--atomic without -c or --batch" "$W" --atomic
check_exit 64 "a bad --format" "$W" --format xml -c stats
like "names the formats" "$(cat "$ERR")" "format 'xml' is not table, tsv or json"

# where the database comes from
check "-d wins over WARDEN_DB" env WARDEN_DB=/nonexistent "$W" -d "$DEMO" -c stats
check_exit 66 "a database that does not exist" "$W" -d "$TMP/none.db" -c stats
like "it says how to make one" "$(cat "$ERR")" "warden init .*none.db"
check_exit 64 "no database at all" env -u WARDEN_DB "$W" -c stats
like "it says where one can come from" "$(cat "$ERR")" "no database: give -d DB, set WARDEN_DB"
check_exit 64 "WARDEN_DB and WARDEN_API both set" env WARDEN_API=http://127.0.0.1:1 "$W" -c stats
check "-c help needs no database" env -u WARDEN_DB "$W" -c help
like "help lists the commands" "$(cat "$OUT")" "suspend +suspend an account"

# who acts
check "--as wins over WARDEN_MODERATOR" "$W" --as bob --format json -c whoami
is "bob acts" "$(jq -r .name "$OUT")" "bob"
is "as a senior" "$(jq -r .role "$OUT")" "senior"
check "WARDEN_MODERATOR" env WARDEN_MODERATOR=carol "$W" --format json -c whoami
is "carol acts" "$(jq -r .name "$OUT")" "carol"
check_exit 77 "an unknown moderator" env WARDEN_MODERATOR=eve "$W" -c stats

# the config file
mkdir -p "$XDG_CONFIG_HOME/warden"
cfg="$XDG_CONFIG_HOME/warden/config"
cat >"$cfg" <<X
# a moderator's settings
[warden]
db = $DEMO
moderator = bob
format = json
colour = no

[bind]
S = suspend %account --for 7d

[webhook slack]
url = https://hooks.example/T0
X
check "the config gives db, moderator and format" env -u WARDEN_DB \
    -u WARDEN_MODERATOR "$W" -c whoami
is "as json, for bob" "$(jq -r .name "$OUT")" "bob"
like "an unknown key is named with file:line" "$(cat "$ERR")" \
    "config:6: unknown key 'colour' in \[warden\]"
unlike "other sections are left to their owners" "$(cat "$ERR")" "bind|webhook"
check "flags win over the config" env -u WARDEN_DB "$W" --as carol \
    --format tsv -c whoami
like "tsv, for carol" "$(sed -n 2p "$OUT")" "^carol	moderator	1$"
printf '[warden]\ndb = demo-rel.db\n' >"$cfg"
cp "$DEMO" "$XDG_CONFIG_HOME/warden/demo-rel.db"
check "a relative db is taken from the config's folder" env -u WARDEN_DB \
    "$W" -c stats
printf '[warden]\nformat = xml\n' >"$cfg"
check_exit 64 "a bad format in the config" "$W" -c stats
like "named with file:line" "$(cat "$ERR")" "config:2: format 'xml' is not table, tsv or json"
check "-v says the backend and who acts" "$W" -v --format tsv -c stats
like "sqlite, alice, admin" "$(cat "$ERR")" "sqlite .*demo.db, as alice \(admin\)"
printf '[warden]\nthis line is broken\n' >"$cfg"
check_exit 0 "a broken line is a warning" "$W" -c stats
like "naming the line" "$(cat "$ERR")" "config:2: not a '\[section\]' or 'key = value' line"
rm -f "$cfg"

# formats: tsv when piped, table when asked, json lines
check "piped output is tsv" "$W" -c 'queue --limit 2'
like "a tsv header" "$(head -1 "$OUT")" "^id	handle	display_name"
check "--format table" "$W" --format table -c 'queue --limit 2'
like "a table header" "$(head -1 "$OUT")" "^ *id  handle"
check "NO_COLOR and --no-color: no escapes" env NO_COLOR=1 "$W" --format table -c stats
if no_raw_controls "$OUT"; then tap_result 0 "no colour codes"; else tap_result 1 "no colour codes"; fi
check "-q drops notes" "$W" -q -c 'queue --limit 1'
is "no note about more rows" "$(cat "$ERR")" ""
check "without -q the note is there" "$W" -c 'queue --limit 1'
like "more rows: add --cursor" "$(cat "$ERR")" "more rows: add --cursor '"
cursor=$(sed -n "s/.*--cursor '\([^']*\)'.*/\1/p" "$ERR")
check "the cursor gives the next page" "$W" --format json -c "queue --limit 1 --cursor '$cursor'"
first=$("$W" --format json -c 'queue --limit 2' 2>/dev/null | sed -n 2p | jq -r .id)
is "page 2 is the second row" "$(jq -r .id "$OUT")" "$first"
check "--all walks every page" "$W" --format json -c 'flags --all --limit 7'
is "every flag" "$(wc -l <"$OUT" | tr -d ' ')" "$(sql "$DEMO" 'SELECT count(*) FROM flag')"

if [ -w /dev/full ]; then
	check_exit 74 "a full disk is an error" sh -c '"$0" -c stats >/dev/full' "$W"
	like "says so" "$(cat "$ERR")" "cannot write the results"
fi

# several -c run in order; the first failure stops them
check_exit 65 "-c stops at the first failure" "$W" -c stats -c 'show @nobody' -c whoami
like "names which -c" "$(cat "$ERR")" "^warden: -c 2: no account with handle @nobody"
unlike "the third did not run" "$(cat "$OUT")" "alice"

# demo and init
check_exit 73 "demo will not overwrite" "$W" demo "$DEMO" -q
check "init makes an empty database" "$W" init "$TMP/empty.db"
like "it names the admin" "$(cat "$ERR")" "you \(.*\) are its admin"
me=$(id -un)
check "the login name is its admin" env -u WARDEN_MODERATOR "$W" -d "$TMP/empty.db" --format json -c whoami
is "as admin" "$(jq -r .role "$OUT")" "admin"
check "the empty queue" env -u WARDEN_MODERATOR "$W" -d "$TMP/empty.db" -c queue
check_exit 73 "init will not overwrite" "$W" init "$TMP/empty.db"
check "init --help, as demo --help" "$W" init --help
is "its usage" "$(cat "$OUT")" "usage: warden init PATH"
check_exit 64 "init with a word too many" "$W" init "$TMP/a.db" "$TMP/b.db"
check_exit 64 "demo with a bad --accounts" "$W" demo "$TMP/x.db" --accounts 5
check "the demo's login admin acts at once" env -u WARDEN_MODERATOR "$W" -c \
    "note @cjk_shop hello --dry-run"

# A terminal whose locale is not UTF-8 gets tables in ASCII: a byte of a
# UTF-8 character (0x9b in "\xc4\x9b") could start a C1 control there.
if needs script; then
	LC_ALL=C script -qec "$W -d '$DEMO' -c 'show @cjk_shop'" /dev/null \
	    >"$TMP/ascii.out" 2>&1
	is "no byte past 0x7f on a C-locale terminal" \
	    "$(od -An -tu1 -v "$TMP/ascii.out" | tr -s ' ' '\n' | awk '$1 >= 128' | wc -l)" "0"
	like "the CJK name as code points" "$(cat "$TMP/ascii.out")" "<U\+674E>"
	LC_ALL=C script -qec "$W -d '$DEMO' --format tsv -c 'show @cjk_shop'" \
	    /dev/null >"$TMP/ascii.out" 2>&1
	is "tsv too: no byte past 0x7f on a C-locale terminal" \
	    "$(od -An -tu1 -v "$TMP/ascii.out" | tr -s ' ' '\n' | awk '$1 >= 128' | wc -l)" "0"
	like "tsv: the CJK name as \\u escapes" "$(cat "$TMP/ascii.out")" '\\u674e'
else
	for t in "no byte past 0x7f on a C-locale terminal" \
	    "the CJK name as code points" \
	    "tsv too: no byte past 0x7f on a C-locale terminal" \
	    "tsv: the CJK name as \\u escapes"; do
		skip "$t" "needs $NEEDS"
	done
fi

done_testing
