#!/bin/sh
# tests/cli/language.t.sh: the grammar and the bad input of the issue,
# each with its message, exit status and nothing half-applied.
. "$(dirname "$0")/setup.sh"

db=$(fresh lang)
export WARDEN_DB="$db"
audit() { sql "$db" 'SELECT count(*) FROM audit'; }
before=$(audit)

check_exit 64 "unknown command: exit 64" "$W" -c 'suspnd @cjk_shop'
like "unknown command: did you mean" "$(cat "$ERR")" \
    "unknown command 'suspnd' .* did you mean 'suspend'\?"
check_exit 64 "ambiguous prefix: exit 64" "$W" -c 's @cjk_shop'
like "ambiguous prefix: lists the candidates" "$(cat "$ERR")" \
    "ambiguous command 's', could be: .*show.*suspend"
check "a unique prefix runs" "$W" -c 'sta'
like "a unique prefix runs stats" "$(head -1 "$OUT")" "^accounts"
check_exit 64 "ban is never a prefix" "$W" -c 'ba @cjk_shop --reason x'
like "ban: did you mean" "$(cat "$ERR")" "did you mean 'ban'"
check "an alias runs (audit is log)" "$W" -c 'audit --limit 1'
check_exit 64 "missing argument: exit 64" "$W" -c 'show'
like "missing argument: says the usage" "$(cat "$ERR")" \
    "show needs more arguments; usage: show ACCOUNT"
check_exit 64 "extra argument: exit 64" "$W" -c 'show @cjk_shop extra'
like "extra argument: names it and its column" "$(cat "$ERR")" \
    "too many arguments for show: 'extra' at column 16"
check_exit 64 "unknown option: exit 64" "$W" -c 'warn @cjk_shop --raeson x'
like "unknown option: did you mean" "$(cat "$ERR")" \
    "warn has no option --raeson \(column 16\) .* did you mean --reason\?"
check_exit 64 "option without its value" "$W" -c 'suspend @cjk_shop --for'
like "option without its value: says what" "$(cat "$ERR")" \
    "--for needs a value: --for DURATION"
check_exit 64 "bad duration 7x: exit 64" \
    "$W" -c 'suspend @cjk_shop --for 7x --reason spam'
like "bad duration: names it and its column" "$(cat "$ERR")" \
    "'7x' is not a duration \(column 25\)"
check_exit 65 "unknown handle: exit 65" "$W" -c 'warn @nobody --reason x'
like "unknown handle: named" "$(cat "$ERR")" "no account with handle @nobody"
check_exit 65 "unknown account id: exit 65" "$W" -c 'show 99999'
like "unknown account id: named" "$(cat "$ERR")" "no account 99999"
check_exit 64 "a bare word is not an account" "$W" -c 'show cjk_shop'
like "a bare word: says how to name one" "$(cat "$ERR")" \
    "'cjk_shop' is not an account: give an id \(12\) or a @handle"
check_exit 64 "unbalanced quote: exit 64" "$W" -c "note @cjk_shop 'never closed"
like "unbalanced quote: names the column" "$(cat "$ERR")" \
    "unbalanced quote: the ' at column 16 is never closed"
check_exit 64 "unknown escape: exit 64" "$W" -c 'note @cjk_shop "a\qb"'
like "unknown escape: names it" "$(cat "$ERR")" "unknown escape '\\\\q' at column 18"
long=$(head -c 102400 /dev/zero | tr '\0' a)
check_exit 65 "a 100 KB line: exit 65" "$W" -c "note @cjk_shop $long"
like "a 100 KB line: says the limit" "$(cat "$ERR")" \
    "the line is 102415 bytes long; a command line holds at most 16384"
check_exit 64 "a line starting with an option" "$W" -c '--reason x'
check_exit 64 "help with a word too many" "$W" -c 'help queue extra'
like "help: names the extra word" "$(cat "$ERR")" \
    "too many arguments for help: 'extra' at column 12"
check "help of a subcommand" "$W" -c 'help moderator add'
like "help of a subcommand: its usage" "$(head -1 "$OUT")" "^moderator add NAME"
check "help lists the topics" "$W" -c help
like "a long topic name keeps its gap" "$(cat "$OUT")" \
    "escalation-policy  Escalation policy"
is "nothing was applied by any of it" "$(audit)" "$before"

# the grammar: quotes, escapes, --name=value, comments, -- and short options
check "quotes and escapes make one note" "$W" --format json \
    -c "note @cjk_shop \"two\\tparts\" 'and \"quoted\"' it\\'s # not this"
like "the note as written" "$(jq -r .message "$OUT")" "noted on @cjk_shop"
is "the note's text" "$(sql "$db" "SELECT body FROM note ORDER BY id DESC LIMIT 1")" \
    "two	parts and \"quoted\" it's"
check "--name=value and a short option" "$W" --format json \
    -c "warn @cjk_shop --reason='says \"hi\"' -n"
is "the dry run said so" "$(jq -r .dry_run "$OUT")" "true"
check "-- ends the options" "$W" -c 'note @cjk_shop -- --not-an-option'
is "the note holds the dashes" \
    "$(sql "$db" "SELECT body FROM note ORDER BY id DESC LIMIT 1")" \
    "--not-an-option"
check "a comment line does nothing" "$W" -c '# only a comment'
is "a comment prints nothing" "$(cat "$OUT")" ""

done_testing
