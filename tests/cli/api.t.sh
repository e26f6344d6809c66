#!/bin/sh
# tests/cli/api.t.sh: the command language over the admin API: warden
# serve on the demo, and warden --api with a token from a file or
# WARDEN_TOKEN.  Same commands, same answers, same exit statuses.
. "$(dirname "$0")/setup.sh"

db=$(fresh api)
"$W" -d "$db" --format json -c 'token create --label cli' >"$TMP/tok.json" 2>/dev/null
jq -r '.data[0].token' "$TMP/tok.json" >"$TMP/token"
chmod 600 "$TMP/token"
"$W" -d "$db" --as carol --format json -c 'token create --label cli' 2>/dev/null |
    jq -r '.data[0].token' >"$TMP/carol"
chmod 600 "$TMP/carol"

"$W" serve -d "$db" --listen 127.0.0.1:0 2>"$TMP/serve.log" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$TMP"' EXIT
port=""
# up to 60 s: an ASan server on a loaded CI machine starts slowly
i=0
while [ $i -lt 120 ]; do
	i=$((i + 1))
	port=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$TMP/serve.log")
	[ -n "$port" ] && break
	sleep 0.5
done
if [ -z "$port" ]; then
	echo "Bail out! warden serve did not start: $(head -3 "$TMP/serve.log")"
	exit 1
fi
URL="http://127.0.0.1:$port"
unset WARDEN_DB WARDEN_MODERATOR

check "queue over the API" "$W" --api "$URL" --token-file "$TMP/token" \
    --format json -c 'queue --limit 5'
got=$(jq -r .handle "$OUT" | tr '\n' ' ')
want=$(WARDEN_MODERATOR=alice "$W" -d "$db" --format json -c 'queue --limit 5' |
    jq -r .handle | tr '\n' ' ')
is "the same queue as the database gives" "$got" "$want"
check "the token says who acts" "$W" --api "$URL" --token-file "$TMP/carol" \
    --format json -c whoami
is "carol" "$(jq -r .name "$OUT")" "carol"
check "WARDEN_TOKEN works too" env WARDEN_TOKEN="$(cat "$TMP/token")" \
    "$W" --api "$URL" --format json -c whoami
is "alice" "$(jq -r .name "$OUT")" "alice"
check "WARDEN_API works too" env WARDEN_API="$URL" \
    "$W" --token-file "$TMP/token" -c stats
check "show over the API" "$W" --api "$URL" --token-file "$TMP/token" \
    --format json -c 'show @csi_query'
is "the account" "$(jq -r .account.handle "$OUT")" "csi_query"
check "a write over the API" "$W" --api "$URL" --token-file "$TMP/token" \
    --format json -c 'suspend @cjk_shop --for 7d --reason @phishing'
like "applied and audited" "$(jq -r .audit_id "$OUT")" "^[1-9][0-9]*$"
is "in the database" "$(sql "$db" "SELECT status FROM account WHERE handle = 'cjk_shop'")" \
    "suspended"
check "the same key again replays" "$W" --api "$URL" --token-file "$TMP/token" \
    --format json -c 'warn @emoji_sofa --reason x --key api-1' \
    -c 'warn @emoji_sofa --reason x --key api-1'
is "the second is a replay" "$(jq -r .replayed "$OUT" | tr '\n' ' ')" "false true "
check_exit 77 "--as another moderator than the token's is refused" "$W" \
    --api "$URL" --token-file "$TMP/carol" --as alice -c whoami
like "naming both" "$(cat "$ERR")" "carol's, not alice's"
check_exit 77 "so is WARDEN_MODERATOR" env WARDEN_MODERATOR=bob "$W" \
    --api "$URL" --token-file "$TMP/carol" -c whoami
check "--as the token's own moderator is fine" "$W" --api "$URL" \
    --token-file "$TMP/carol" --as carol -c whoami
check_exit 69 "--ca-file is taken (nothing listens: 69)" "$W" \
    --api https://127.0.0.1:1 --ca-file "$TMP/none.pem" \
    --token-file "$TMP/carol" -c stats
check_exit 77 "a role too low, over the API" "$W" --api "$URL" \
    --token-file "$TMP/carol" -c 'ban @emoji_sofa --reason x'
check_exit 65 "an unknown handle, over the API" "$W" --api "$URL" \
    --token-file "$TMP/token" -c 'warn @nobody --reason x'
a=$(sql "$db" 'SELECT count(*) FROM audit')
printf 'tag @osc52_clip a1\ntag @nobody a2\n' >"$TMP/b.txt"
check_exit 65 "--atomic over the API" "$W" --api "$URL" \
    --token-file "$TMP/token" --atomic --batch "$TMP/b.txt"
is "nothing applied" "$(sql "$db" 'SELECT count(*) FROM audit')" "$a"
check_exit 77 "no token" env -u WARDEN_TOKEN "$W" --api "$URL" -c stats
like "says how to give one" "$(cat "$ERR")" "--token-file FILE"
echo "wdn_not_a_token" >"$TMP/bad"
chmod 600 "$TMP/bad"
check_exit 77 "a bad token" "$W" --api "$URL" --token-file "$TMP/bad" -c stats
chmod 644 "$TMP/token"
check_exit 77 "a token file others can read is refused" "$W" --api "$URL" \
    --token-file "$TMP/token" -c stats
check_exit 69 "nothing listening" "$W" --api http://127.0.0.1:1 \
    --token-file "$TMP/carol" -c stats

done_testing
