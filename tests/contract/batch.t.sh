#!/bin/sh
# tests/contract/batch.t.sh: one batch file, run straight into a database
# (warden -d) and through the admin API (warden --api, warden serve) on a
# copy of it, leaves the same audit entries: the same actors, actions,
# targets, accounts, reasons, parameters and results, in the same order
# (times and hashes aside), and both chains verify.  --atomic and
# --keep-going behave the same on both.
. "$(dirname "$0")/../lib/tap.sh"
needs sqlite3 || skip_all "needs $NEEDS"

unset WARDEN_DB WARDEN_API WARDEN_TOKEN WARDEN_MODERATOR
unset http_proxy HTTP_PROXY https_proxy HTTPS_PROXY all_proxy ALL_PROXY
# one clock for the local runs and the server
export WARDEN_NOW=2026-11-22T12:00:00Z
if ! "$W" demo "$TMP/local.db" --accounts 200 --seed 7 -q >"$TMP/demo.log" 2>&1
then
	echo "Bail out! warden demo failed: $(head -3 "$TMP/demo.log")"
	exit 1
fi
cp "$TMP/local.db" "$TMP/api.db"

# a token on both sides, so that both logs start alike
for db in local api; do
	"$W" -d "$TMP/$db.db" --as alice --format json \
	    -c 'token create --label batch' >"$TMP/$db.tok.json" 2>"$ERR"
done
sed -n 's/.*"token":"\([^"]*\)".*/\1/p' "$TMP/api.tok.json" >"$TMP/token"
chmod 600 "$TMP/token"
is "a token" "$(wc -c <"$TMP/token" | tr -d ' ')" "53"

"$W" serve -d "$TMP/api.db" --listen 127.0.0.1:0 2>"$TMP/serve.log" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$TMP"' EXIT
port=""
for i in $(seq 1 600); do	# a minute: ASan on a busy machine
	port=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' \
	    "$TMP/serve.log")
	[ -n "$port" ] && break
	sleep 0.1
done
if [ -z "$port" ]; then
	echo "Bail out! warden serve did not start: $(head -3 "$TMP/serve.log")"
	exit 1
fi
URL="http://127.0.0.1:$port"

local_run() {
	"$W" -d "$TMP/local.db" --as alice "$@"
}
api_run() {
	"$W" --api "$URL" --token-file "$TMP/token" "$@"
}

# the audit log without times and hashes
entries() {
	sqlite3 "$TMP/$1.db" "SELECT id, actor, action, target, account_id,
	    coalesce(reason, ''), params, result FROM audit ORDER BY id"
}

flag=$(sqlite3 "$TMP/local.db" "SELECT f.id FROM flag f JOIN account a
    ON a.id = f.account_id WHERE a.handle = 'emoji_sofa' AND
    f.status = 'open' ORDER BY f.id LIMIT 1")
msg=$(sqlite3 "$TMP/local.db" "SELECT m.id FROM message m JOIN account a
    ON a.id = m.sender_id WHERE a.handle = 'cjk_shop' ORDER BY m.id LIMIT 1")
cat >"$TMP/session.txt" <<EOT
# a moderator's morning
claim @emoji_sofa
note @emoji_sofa "checked the thread; \"refund\" asked off the platform"
warn @emoji_sofa --reason @phishing
resolve $flag upheld --reason 'confirmed by the thread' --note 'second report'
tag @emoji_sofa repeat-offender
release @emoji_sofa
suspend @cjk_shop --for 7d --reason 'spam wave'
hide $msg --reason 'phone number in clear'
reveal @cjk_shop email --reason 'fraud check'
warn @osc52_clip --reason 'déjà vu' --key morning-1
warn @osc52_clip --reason 'déjà vu' --key morning-1
EOT

# the actions of the audit log after entry $2 of database $1, in order
actions_after() {
	sqlite3 "$TMP/$1.db" "SELECT action FROM audit WHERE id > $2 ORDER BY id" |
	    tr '\n' ' '
}
last_id() {
	sqlite3 "$TMP/$1.db" "SELECT coalesce(max(id), 0) FROM audit"
}
session_from=$(last_id local)
check "the session, straight into the database" local_run \
    --batch "$TMP/session.txt"
cp "$OUT" "$TMP/local.out"
check "the session, through the API" api_run --batch "$TMP/session.txt"
cp "$OUT" "$TMP/api.out"
is "the same output" "$(cat "$TMP/api.out")" "$(cat "$TMP/local.out")"
entries local >"$TMP/local.entries"
entries api >"$TMP/api.entries"
# one entry a line, and none for the line that repeats a key
is "the session was audited, an entry a line, the repeated key once" \
    "$(actions_after local "$session_from")" \
    "claim note warn resolve tag release suspend hide reveal warn "
is "the same audit entries" "$(cat "$TMP/api.entries")" \
    "$(cat "$TMP/local.entries")"
check "the local chain verifies" local_run -c verify
check "the API's chain verifies" api_run -c verify

# --atomic: a bad line, nothing applied, the same refusal
local_from=$(last_id local)
api_from=$(last_id api)
printf 'tag @osc52_clip a1\ntag @nobody a2\nnote @osc52_clip x\n' \
    >"$TMP/atomic.txt"
check_exit 65 "--atomic with a bad line, locally" local_run --atomic \
    --batch "$TMP/atomic.txt"
check_exit 65 "--atomic with a bad line, over the API" api_run --atomic \
    --batch "$TMP/atomic.txt"
is "nothing applied locally" "$(actions_after local "$local_from")" ""
is "nothing applied over the API" "$(actions_after api "$api_from")" ""

# --keep-going: the good lines are applied on both
check_exit 65 "--keep-going, locally" local_run --keep-going \
    --batch "$TMP/atomic.txt"
check_exit 65 "--keep-going, over the API" api_run --keep-going \
    --batch "$TMP/atomic.txt"
is "--keep-going applied the two good lines" \
    "$(actions_after local "$local_from")" "tag note "
is "the same entries after --keep-going" "$(entries api)" "$(entries local)"

kill $server
wait $server
is "warden serve stops with 0 on SIGTERM" "$?" "0"
trap 'rm -rf "$TMP"' EXIT
done_testing
