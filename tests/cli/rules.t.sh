#!/bin/sh
# tests/cli/rules.t.sh: the marketplace's rules from the command line:
# scan and sweep are idempotent and say what they did; a webhook whose
# receiver is down leaves the command's result alone and keeps the event
# in the outbox; a broken [webhook] section is named by file and line.
. "$(dirname "$0")/setup.sh"

db=$(fresh rules)
export WARDEN_DB="$db"
audit() { sql "$db" 'SELECT count(*) FROM audit'; }

# The whole queue, in the order and with the priorities warden(1)'s
# formula gives, computed by SQL alone (tests/lib/priority.sql).
now=$(date -u -d "$WARDEN_NOW" +%s)
sqlite3 -cmd ".parameter set @now $now" "$DEMO" \
    <"$WARDEN_TOP/tests/lib/priority.sql" >"$TMP/formula"
"$W" -d "$DEMO" --format json -c 'queue --all' 2>/dev/null |
    jq -r '.handle + "|" + (.priority * 10 | round / 10 | tostring |
    if test("\\.") then . else . + ".0" end)' >"$TMP/queue"
is "the queue: the formula's order and priorities, every account" \
    "$(cat "$TMP/queue")" "$(cat "$TMP/formula")"

is "the demo was scanned when it was made" "$(sql "$db" "SELECT count(*) > 0 FROM mark WHERE detector = 'contact'")" "1"
# a message arrives with a look-alike link
sql "$db" "INSERT INTO message(thread_id, sender_id, sent_at, body) SELECT 1, account_id, 1795000000, 'pay at https://warden-rnarkett.example/x' FROM participant WHERE thread_id = 1 LIMIT 1" >/dev/null
check "scan runs" "$W" -c scan
like "it reads everything" "$(cat "$OUT")" "read [0-9]+ messages, 200 accounts"
like "and marks the new planted case" "$(cat "$OUT")" "1 phishing"
is "mark recorded" "$(sql "$db" "SELECT count(*) FROM mark WHERE detector = 'phishing' AND why LIKE '%rnarkett%'")" "1"
a=$(audit)
check "scan again" "$W" -c scan
like "finds nothing new" "$(cat "$OUT")" "nothing new"
is "and writes nothing" "$(audit)" "$a"
check "scan one detector" "$W" -c 'scan --detector phishing --new'
like "only what is new" "$(cat "$OUT")" "read 0 messages"
check_exit 64 "an unknown detector" "$W" -c 'scan --detector spam'
like "is named" "$(cat "$ERR")" "spam"

check "sweep runs" "$W" -c sweep
like "says what it did" "$(cat "$OUT")" "escalations? opened"
a=$(audit)
check "sweep again, quietly" "$W" -c sweep -q
is "writes nothing" "$(audit)" "$a"
like "opened escalations are listed" "$("$W" --format tsv -c escalations 2>&1 | head -3)" "inquiry|flag"

# webhooks: the receiver is down
mkdir -p "$XDG_CONFIG_HOME/warden"
port=$(( 20000 + $$ % 20000 ))
cat >"$XDG_CONFIG_HOME/warden/config" <<X
[webhook ops]
url = http://127.0.0.1:$port/hook
events = account.suspended, account.banned
X
pending() { sql "$db" "SELECT count(*) FROM outbox WHERE event = 'account.suspended' AND delivered_at IS NULL"; }
check "a suspension with the receiver down" "$W" -c 'suspend @cjk_shop --for 1d --reason spam'
like "the action is applied" "$(cat "$OUT")" "suspended @cjk_shop"
like "the delivery is reported" "$(cat "$ERR")" "not delivered yet.*kept in the outbox"
# the demo's older events were made before the webhook was first seen
is "the event is kept, the past settled" "$(pending)" "1"
is "the failure is recorded" "$(sql "$db" "SELECT attempts > 0 AND last_error IS NOT NULL FROM outbox ORDER BY id DESC LIMIT 1")" "1"
check "-q keeps quiet about it" "$W" -q -c 'restore @cjk_shop --reason ok'
is "nothing on stderr" "$(cat "$ERR")" ""
# a read takes no write lock for the outbox: only a run that wrote
# delivers (cron's sweep always writes)
tries() { sql "$db" "SELECT sum(attempts) FROM delivery"; }
sql "$db" "UPDATE delivery SET next_at = 0 WHERE delivered_at IS NULL"
t=$(tries)
check "a read with an event due" "$W" -c stats
is "does not try to deliver it" "$(tries)" "$t"
is "and says nothing of webhooks" "$(cat "$ERR")" ""
check "a sweep delivers it" "$W" -c sweep
like "it tried" "$(cat "$ERR")" "not delivered yet"
is "once more" "$(tries)" "$((t + 1))"
cat >>"$XDG_CONFIG_HOME/warden/config" <<X
colour = red
X
check "a bad webhook setting" "$W" -c 'note @cjk_shop hooks'
like "is named by file and line" "$(cat "$ERR")" "config:4: .*colour"
rm -f "$XDG_CONFIG_HOME/warden/config"

done_testing
