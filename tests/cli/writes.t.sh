#!/bin/sh
# tests/cli/writes.t.sh: write commands: what they change, roles, claims,
# reasons and templates, dry runs, keys, several targets, read-only mode.
. "$(dirname "$0")/setup.sh"

db=$(fresh writes)
export WARDEN_DB="$db"
audit() { sql "$db" 'SELECT count(*) FROM audit'; }
status_of() { sql "$db" "SELECT status FROM account WHERE handle = '$1'"; }

# read-only mode: reads run, writes are refused with 77
check "read-only: a read runs" "$W" --read-only -c 'queue --limit 3'
n=$(audit)
check_exit 77 "read-only: a write exits 77" "$W" --read-only \
    -c 'warn @cjk_shop --reason spam'
like "read-only: says why" "$(cat "$ERR")" \
    "read-only here \(--read-only\): 'warn' changes data"
check_exit 77 "read-only: a subcommand that writes" "$W" --read-only \
    -c 'moderator add eve'
check "read-only: a subcommand that reads" "$W" --read-only -c 'moderator list'
is "read-only: nothing written" "$(audit)" "$n"

# who acts
check_exit 77 "an unknown moderator exits 77" "$W" --as mallory -c stats
like "it says how to register one" "$(cat "$ERR")" \
    "moderator add mallory --role moderator"
check_exit 77 "a moderator cannot ban (admin)" "$W" --as carol \
    -c 'ban @cjk_shop --reason @fraud'
like "the role is named" "$(cat "$ERR")" "ban needs the admin role"
check_exit 77 "reveal needs senior" "$W" --as carol \
    -c 'reveal @cjk_shop email --reason check'

# a reason is required where the spec says so
check_exit 64 "warn without a reason" "$W" -c 'warn @cjk_shop'
like "it asks for --reason" "$(cat "$ERR")" "add --reason TEXT or --reason @template"

# dry run: the answer, no change
check "dry run of a suspension" "$W" --format json \
    -c 'suspend @cjk_shop --for 7d --reason spam --dry-run'
like "dry run: what would change" "$(jq -r .message "$OUT")" \
    "^suspended @cjk_shop for 7d"
is "dry run: no audit id" "$(jq -r .audit_id "$OUT")" "0"
is "dry run: status unchanged" "$(status_of cjk_shop)" "active"
check "global --dry-run too" "$W" --dry-run -c 'ban @cjk_shop --reason x'
is "global dry run: status unchanged" "$(status_of cjk_shop)" "active"

# templates fill {handle}
check "suspend with a template reason" "$W" --format json \
    -c 'suspend @cjk_shop --for 7d --reason @phishing'
is "suspended" "$(status_of cjk_shop)" "suspended"
is "the template's text, filled in" \
    "$(sql "$db" "SELECT reason FROM audit ORDER BY id DESC LIMIT 1")" \
    "Sent links to a fake payment page (cjk_shop)"
check "@@ is a literal @" "$W" -c 'warn @emoji_sofa --reason @@home'
is "the literal reason" \
    "$(sql "$db" "SELECT reason FROM audit ORDER BY id DESC LIMIT 1")" "@home"
check_exit 65 "an unknown template" "$W" -c 'warn @emoji_sofa --reason @nope'
like "names it" "$(cat "$ERR")" "no template 'nope'"

# keys: a repeat applies nothing twice
check "warn with a key" "$W" --format json -c 'warn @osc52_clip --reason x --key k-1'
first=$(jq -r .audit_id "$OUT")
n=$(audit)
check "the same again" "$W" --format json -c 'warn @osc52_clip --reason x --key k-1'
is "replayed" "$(jq -r .replayed "$OUT")" "true"
is "the first audit entry" "$(jq -r .audit_id "$OUT")" "$first"
is "nothing new in the log" "$(audit)" "$n"
check_exit 1 "the key for another action: conflict" "$W" \
    -c 'warn @osc52_clip --reason other --key k-1'

# several targets: one transaction
n=$(audit)
check_exit 65 "one unknown target of three" "$W" \
    -c 'warn @rlo_override @emoji_sofa 99999 --reason batch'
like "names the one at fault" "$(cat "$ERR")" "no account 99999"
is "none was warned" "$(audit)" "$n"
set -- $(sql "$db" "SELECT id FROM flag WHERE status = 'open' ORDER BY id LIMIT 4")
check "three flags resolved at once" "$W" --format json \
    -c "resolve $1 $2 $3 dismissed --reason duplicates"
is "three results" "$(wc -l <"$OUT" | tr -d ' ')" "3"
n=$(audit)
check_exit 1 "resolving one of them again: conflict" "$W" \
    -c "resolve $4 $1 dismissed --reason again"
like "names the target" "$(cat "$ERR")" "\(flag:$1\); nothing was applied"
is "flag $4 was left open" "$(sql "$db" "SELECT status FROM flag WHERE id = $4")" \
    "open"
is "nothing in the log" "$(audit)" "$n"

# naming a target twice means it once, rather than failing on the second
mid=$(sql "$db" 'SELECT id FROM message WHERE hidden = 0 ORDER BY id DESC LIMIT 1')
check "a message named twice is hidden once" "$W" --format json \
    -c "hide $mid $mid --reason twice"
is "one action" "$(wc -l <"$OUT" | tr -d ' ')" "1"
check "a tag given twice is added once" "$W" --format json \
    -c 'tag @cjk_shop twice twice'
is "one action" "$(wc -l <"$OUT" | tr -d ' ')" "1"
check "a flag named twice is resolved once" "$W" --format json \
    -c "resolve $4 $4 upheld --reason twice"
is "one action" "$(wc -l <"$OUT" | tr -d ' ')" "1"

# claims: someone else's needs --force (admin)
check_exit 1 "acting over bob's claim" "$W" --as carol \
    -c 'warn @zero_width --reason x'
like "says who holds it" "$(cat "$ERR")" "claimed by bob"
check "an admin with --force" "$W" -c 'warn @zero_width --reason x --force'
is "warned over bob's claim, which stays his" \
    "$(sql "$db" "SELECT status || ' ' || claimed_by FROM account WHERE handle = 'zero_width'")" \
    "warned bob"
like "the audit entry says it was forced" \
    "$(sql "$db" "SELECT params FROM audit ORDER BY id DESC LIMIT 1")" '"force":true'

# one of each other kind
check "claim and release" "$W" -c 'claim @emoji_sofa' -c 'release @emoji_sofa'
is "claimed, then released" \
    "$(sql "$db" "SELECT group_concat(action, ' ') FROM (SELECT action FROM audit ORDER BY id DESC LIMIT 2)")" \
    "release claim"
is "nobody holds it" \
    "$(sql "$db" "SELECT coalesce(claimed_by, 'none') FROM account WHERE handle = 'emoji_sofa'")" none
check "trust by name" "$W" -c 'trust @emoji_sofa member --reason met'
is "level 2, locked" "$(sql "$db" "SELECT trust_level || trust_locked FROM account WHERE handle = 'emoji_sofa'")" "21"
check "trust --unlock" "$W" -c 'trust @emoji_sofa --unlock --reason rules'
is "unlocked" "$(sql "$db" "SELECT trust_locked FROM account WHERE handle = 'emoji_sofa'")" 0
check_exit 64 "trust with a level and --unlock" "$W" \
    -c 'trust @emoji_sofa 2 --unlock --reason x'
check "note, sticky" "$W" -c 'note @emoji_sofa called them --sticky'
is "the note" "$(sql "$db" "SELECT body || sticky FROM note ORDER BY id DESC LIMIT 1")" \
    "called them1"
check "two tags" "$W" -c 'tag @rlo_override repeat scam-risk'
check "untag one" "$W" -c 'untag @rlo_override repeat'
check "a tag with : and . as the man page says" "$W" \
    -c 'tag @cjk_shop ring:2026-11 v1.2'
is "both tags are there" "$(sql "$db" "SELECT tag FROM tag JOIN account a ON a.id = account_id WHERE a.handle = 'cjk_shop' AND tag IN ('ring:2026-11', 'v1.2') ORDER BY tag")" \
    "ring:2026-11
v1.2"
is "one tag left" "$(sql "$db" "SELECT group_concat(tag) FROM tag JOIN account a ON a.id = account_id WHERE a.handle = 'rlo_override'")" \
    "scam-risk"
check "reveal as senior" "$W" --as bob --format json \
    -c "reveal @emoji_sofa email --reason 'fraud check'"
is "the email is in the data, whole" "$(jq -r '.data[0].value' "$OUT")" \
    "$(sql "$db" "SELECT email FROM account WHERE handle = 'emoji_sofa'")"
is "the audit entry says it was shown, never what" \
    "$(sql "$db" "SELECT count(*) FROM audit WHERE (params || result) LIKE '%' || (SELECT email FROM account WHERE handle = 'emoji_sofa') || '%'")" 0
mid=$(sql "$db" 'SELECT id FROM message WHERE hidden = 0 LIMIT 1')
check "hide a message" "$W" -c "hide $mid --reason phishing"
is "hidden, by whom and why" "$(sql "$db" "SELECT hidden || ' ' || hidden_by || ' ' || hidden_reason FROM message WHERE id = $mid")" \
    "1 alice phishing"
check "unhide it" "$W" -c "unhide $mid --reason mistake"
is "shown again" "$(sql "$db" "SELECT hidden || coalesce(hidden_by, '-') FROM message WHERE id = $mid")" "0-"
check "mute a reporter" "$W" -c 'mute-reporter @emoji_sofa --for 30d --reason mass'
check "muted lists it" "$W" --format json -c muted
like "emoji_sofa is muted" "$(jq -r .handle "$OUT")" "emoji_sofa"
check "unmute" "$W" -c 'unmute-reporter @emoji_sofa --reason ok'
unlike "muted no longer lists it" "$("$W" --format tsv -c muted)" "emoji_sofa"
check "open an escalation" "$W" --format json \
    -c 'escalate --account @emoji_sofa --kind dispute --reason buyer'
like "opened" "$(jq -r .message "$OUT")" "^opened escalation"
esc=$(sql "$db" 'SELECT max(id) FROM escalation')
check "ack it" "$W" -c "ack $esc"
is "acknowledged" "$(sql "$db" "SELECT status FROM escalation WHERE id = $esc")" acknowledged
level=$(sql "$db" "SELECT level FROM escalation WHERE id = $esc")
check "assign it to me" "$W" -c "assign $esc me"
is "assigned to alice" "$(sql "$db" "SELECT assignee FROM escalation WHERE id = $esc")" "alice"
check "climb it" "$W" -c "escalate $esc --reason late"
is "a level up" "$(sql "$db" "SELECT level FROM escalation WHERE id = $esc")" $((level + 1))
check "sweep" "$W" --format json -c sweep
like "sweep says what it did" "$(jq -r .message "$OUT")" "^sweep: "
check "scan" "$W" --format json -c scan
like "scan says what it did" "$(jq -r .message "$OUT")" "^scan: "
# the member appeals alice's last strike; a senior decides it
sql "$db" "INSERT INTO appeal(strike_id, text, filed_at) SELECT max(id), 'not me', strftime('%s', '2026-11-22T12:00:00') FROM strike"
appeal=$(sql "$db" 'SELECT max(id) FROM appeal')
check "appeals lists it" "$W" --format json -c 'appeals'
like "the pending appeal" "$(jq -r .id "$OUT" | head -1)" "^$appeal$"
check_exit 64 "decide without --reply" "$W" --as bob \
    -c "decide $appeal upheld --reason x"
check "decide an appeal" "$W" --as bob \
    -c "decide $appeal overturned --reply 'You were right' --reason reviewed"
is "the appeal: overturned, by bob, the reply kept" \
    "$(sql "$db" "SELECT status || '/' || decided_by || '/' || reply FROM appeal WHERE id = $appeal")" \
    "overturned/bob/You were right"
is "its strike is lifted" "$(sql "$db" "SELECT k.status FROM strike k JOIN appeal p ON p.strike_id = k.id WHERE p.id = $appeal")" \
    overturned
check "moderator add" "$W" -c 'moderator add dora --role senior'
is "dora, a senior" "$(sql "$db" "SELECT role || active FROM moderator WHERE name = 'dora'")" senior1
check "moderator role" "$W" -c 'moderator role dora admin'
is "dora, an admin" "$(sql "$db" "SELECT role FROM moderator WHERE name = 'dora'")" admin
check "moderator disable" "$W" -c 'moderator disable dora'
check_exit 77 "a disabled moderator is refused" "$W" --as dora -c stats
check "moderator enable" "$W" -c 'moderator enable dora'
check "dora acts again" "$W" --as dora -c stats
check "token create" "$W" --format json -c 'token create --label ci'
like "the token is shown once" "$(jq -r '.data[0].token' "$OUT")" "^wdn_"
tok=$(jq -r '.data[0].id' "$OUT")
check "token revoke" "$W" -c "token revoke $tok"
is "revoked" "$(sql "$db" "SELECT revoked_at IS NOT NULL FROM api_token WHERE id = $tok")" 1
check "template add" "$W" -c 'template add polite Please be kind, {handle}'
check "template show" "$W" --format json -c 'template show polite'
is "its text" "$(jq -r .text "$OUT")" "Please be kind, {handle}"
check "a template in use" "$W" -c 'warn @rlo_override --reason @polite'
is "filled in" "$(sql "$db" "SELECT reason FROM audit ORDER BY id DESC LIMIT 1")" \
    "Please be kind, rlo_override"
check "template remove" "$W" -c 'template remove polite'
check_exit 65 "it is gone" "$W" -c 'template show polite'
check "ban, as admin" "$W" -c 'ban @warden_support --reason @phishing'
is "banned" "$(status_of warden_support)" "banned"
check "restore" "$W" -c 'restore @warden_support --reason appeal'
is "active again" "$(status_of warden_support)" active
check "the audit chain still verifies" "$W" -c verify
sql "$db" "UPDATE audit SET reason = 'edited' WHERE id = 5"
check_exit 65 "an edited audit entry: verify exits 65" "$W" -c verify
like "and names it" "$(cat "$ERR")" "the audit chain is broken at entry 5"

done_testing
