/* data/schema.c: the schema, one migration per version step.  A database
 * at version N runs migrations[N..] in one transaction on open.  Never
 * edit a migration that has shipped: add the next one. */
#include "schema.h"

#include <stddef.h>

static const char *const migrations[] = {
	/* 0 -> 1: the moderation model */
	"CREATE TABLE meta (\n"
	"  k TEXT PRIMARY KEY,\n"
	"  v TEXT NOT NULL\n"
	") WITHOUT ROWID;\n"

	/* The marketplace's rules: numbers, not code. */
	"CREATE TABLE rule (\n"
	"  name TEXT PRIMARY KEY,\n"
	"  value REAL NOT NULL,\n"
	"  help TEXT NOT NULL\n"
	") WITHOUT ROWID;\n"

	"CREATE TABLE moderator (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL UNIQUE,\n"
	"  role TEXT NOT NULL CHECK (role IN ('moderator','senior','admin')),\n"
	"  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),\n"
	"  created INTEGER NOT NULL\n"
	");\n"

	"CREATE TABLE account (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  handle TEXT NOT NULL UNIQUE,\n"
	"  display_name TEXT NOT NULL,\n"
	"  email TEXT,\n"
	"  phone TEXT,\n"
	"  created INTEGER NOT NULL,\n"
	"  last_seen INTEGER,\n"
	"  status TEXT NOT NULL DEFAULT 'active'\n"
	"    CHECK (status IN ('active','warned','suspended','banned')),\n"
	"  suspended_until INTEGER,\n"
	"  trust_level INTEGER NOT NULL DEFAULT 0 CHECK (trust_level BETWEEN 0 AND 4),\n"
	"  trust_score INTEGER NOT NULL DEFAULT 0,\n"
	"  trust_locked INTEGER NOT NULL DEFAULT 0 CHECK (trust_locked IN (0,1)),\n"
	"  trust_manual INTEGER CHECK (trust_manual BETWEEN 0 AND 4),\n"
	"  trust_changed_at INTEGER,\n"
	"  trust_prev_level INTEGER,\n"
	"  phone_verified_at INTEGER,\n"
	"  completed_tx INTEGER NOT NULL DEFAULT 0,\n"
	"  rating_avg REAL,\n"
	"  rating_count INTEGER NOT NULL DEFAULT 0,\n"
	"  reports_upheld INTEGER NOT NULL DEFAULT 0,\n"
	"  reports_dismissed INTEGER NOT NULL DEFAULT 0,\n"
	"  open_flags INTEGER NOT NULL DEFAULT 0,\n"
	"  top_reason TEXT,\n"
	"  oldest_flag_at INTEGER,\n"
	/* priority at time t = queue_priority + age_per_day * t / 86400:
	 * the age term is the same for every account, so the stored key
	 * orders the queue correctly at any time without rewriting rows. */
	"  queue_priority REAL NOT NULL DEFAULT 0,\n"
	"  claimed_by TEXT REFERENCES moderator(name),\n"
	"  claimed_at INTEGER\n"
	");\n"
	"CREATE INDEX account_queue ON account(queue_priority DESC, id DESC)\n"
	"  WHERE open_flags > 0;\n"
	"CREATE INDEX account_queue_age ON account(oldest_flag_at, id)\n"
	"  WHERE open_flags > 0;\n"
	"CREATE INDEX account_queue_flags ON account(open_flags DESC, id DESC)\n"
	"  WHERE open_flags > 0;\n"
	"CREATE INDEX account_claim ON account(claimed_by) WHERE claimed_by IS NOT NULL;\n"
	"CREATE INDEX account_suspended ON account(suspended_until)\n"
	"  WHERE suspended_until IS NOT NULL;\n"

	"CREATE TABLE social (\n"
	"  account_id INTEGER NOT NULL REFERENCES account(id),\n"
	"  network TEXT NOT NULL,\n"
	"  linked_at INTEGER NOT NULL,\n"
	"  PRIMARY KEY (account_id, network)\n"
	") WITHOUT ROWID;\n"

	"CREATE TABLE thread (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  subject TEXT NOT NULL,\n"
	"  listing TEXT,\n"
	"  created INTEGER NOT NULL,\n"
	"  last_at INTEGER NOT NULL\n"
	");\n"
	"CREATE TABLE participant (\n"
	"  thread_id INTEGER NOT NULL REFERENCES thread(id),\n"
	"  account_id INTEGER NOT NULL REFERENCES account(id),\n"
	"  role TEXT NOT NULL CHECK (role IN ('buyer','seller','guest','host')),\n"
	"  PRIMARY KEY (thread_id, account_id)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX participant_account ON participant(account_id, thread_id);\n"

	"CREATE TABLE message (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  thread_id INTEGER NOT NULL REFERENCES thread(id),\n"
	"  sender_id INTEGER NOT NULL REFERENCES account(id),\n"
	"  sent_at INTEGER NOT NULL,\n"
	"  channel TEXT NOT NULL DEFAULT 'in_app' CHECK (channel IN ('in_app','email','sms')),\n"
	"  body TEXT NOT NULL,\n"
	"  hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0,1)),\n"
	"  hidden_reason TEXT,\n"
	"  hidden_by TEXT\n"
	");\n"
	"CREATE INDEX message_thread ON message(thread_id, sent_at, id);\n"
	"CREATE INDEX message_sender ON message(sender_id);\n"
	"CREATE VIRTUAL TABLE message_fts USING fts5(body, content='message',\n"
	"  content_rowid='id');\n"
	"CREATE TRIGGER message_fts_ins AFTER INSERT ON message BEGIN\n"
	"  INSERT INTO message_fts(rowid, body) VALUES (new.id, new.body);\n"
	"END;\n"
	"CREATE TRIGGER message_fts_del AFTER DELETE ON message BEGIN\n"
	"  INSERT INTO message_fts(message_fts, rowid, body)\n"
	"    VALUES ('delete', old.id, old.body);\n"
	"END;\n"
	"CREATE TRIGGER message_fts_upd AFTER UPDATE OF body ON message BEGIN\n"
	"  INSERT INTO message_fts(message_fts, rowid, body)\n"
	"    VALUES ('delete', old.id, old.body);\n"
	"  INSERT INTO message_fts(rowid, body) VALUES (new.id, new.body);\n"
	"END;\n"
	"CREATE VIRTUAL TABLE account_fts USING fts5(handle, display_name,\n"
	"  content='account', content_rowid='id');\n"
	"CREATE TRIGGER account_fts_ins AFTER INSERT ON account BEGIN\n"
	"  INSERT INTO account_fts(rowid, handle, display_name)\n"
	"    VALUES (new.id, new.handle, new.display_name);\n"
	"END;\n"
	"CREATE TRIGGER account_fts_del AFTER DELETE ON account BEGIN\n"
	"  INSERT INTO account_fts(account_fts, rowid, handle, display_name)\n"
	"    VALUES ('delete', old.id, old.handle, old.display_name);\n"
	"END;\n"
	"CREATE TRIGGER account_fts_upd AFTER UPDATE OF handle, display_name ON account BEGIN\n"
	"  INSERT INTO account_fts(account_fts, rowid, handle, display_name)\n"
	"    VALUES ('delete', old.id, old.handle, old.display_name);\n"
	"  INSERT INTO account_fts(rowid, handle, display_name)\n"
	"    VALUES (new.id, new.handle, new.display_name);\n"
	"END;\n"

	"CREATE TABLE flag (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  account_id INTEGER NOT NULL REFERENCES account(id),\n"
	"  message_id INTEGER REFERENCES message(id),\n"
	"  reporter_id INTEGER REFERENCES account(id),\n"
	"  detector TEXT,\n"
	"  reason TEXT NOT NULL CHECK (reason IN ('fraud','phishing','scam','spam',\n"
	"    'harassment','impersonation','off_platform','prohibited_item',\n"
	"    'retaliatory_rating','other')),\n"
	"  severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 3),\n"
	"  detail TEXT NOT NULL DEFAULT '',\n"
	"  created INTEGER NOT NULL,\n"
	"  deadline INTEGER,\n"
	"  status TEXT NOT NULL DEFAULT 'open'\n"
	"    CHECK (status IN ('open','upheld','dismissed')),\n"
	"  resolved_by TEXT,\n"
	"  resolved_at INTEGER,\n"
	"  outcome_note TEXT,\n"
	"  CHECK (reporter_id IS NOT NULL OR detector IS NOT NULL)\n"
	");\n"
	"CREATE INDEX flag_account ON flag(account_id, status, created);\n"
	"CREATE INDEX flag_reporter ON flag(reporter_id, status);\n"
	"CREATE INDEX flag_open ON flag(status, deadline) WHERE status = 'open';\n"

	"CREATE TABLE escalation_rule (\n"
	"  level INTEGER PRIMARY KEY CHECK (level >= 1),\n"
	"  after INTEGER NOT NULL CHECK (after > 0),\n"
	"  channel TEXT NOT NULL\n"
	"    CHECK (channel IN ('in_app','email','sms','phone','moderator'))\n"
	");\n"
	"CREATE TABLE escalation (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('inquiry','flag','dispute')),\n"
	"  account_id INTEGER NOT NULL REFERENCES account(id),\n"
	"  thread_id INTEGER REFERENCES thread(id),\n"
	"  flag_id INTEGER REFERENCES flag(id),\n"
	"  opened INTEGER NOT NULL,\n"
	"  due INTEGER NOT NULL,\n"
	"  level INTEGER NOT NULL DEFAULT 0,\n"
	"  channel TEXT,\n"
	"  status TEXT NOT NULL DEFAULT 'open'\n"
	"    CHECK (status IN ('open','acknowledged','resolved')),\n"
	"  assignee TEXT REFERENCES moderator(name)\n"
	");\n"
	"CREATE INDEX escalation_due ON escalation(status, due);\n"
	"CREATE INDEX escalation_account ON escalation(account_id);\n"

	"CREATE TABLE vouch (\n"
	"  voucher_id INTEGER NOT NULL REFERENCES account(id),\n"
	"  vouchee_id INTEGER NOT NULL REFERENCES account(id),\n"
	"  created INTEGER NOT NULL,\n"
	"  PRIMARY KEY (voucher_id, vouchee_id),\n"
	"  CHECK (voucher_id <> vouchee_id)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX vouch_vouchee ON vouch(vouchee_id, voucher_id);\n"

	"CREATE TABLE rating (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rater_id INTEGER NOT NULL REFERENCES account(id),\n"
	"  ratee_id INTEGER NOT NULL REFERENCES account(id),\n"
	"  tx TEXT NOT NULL,\n"
	"  stars INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),\n"
	"  comment TEXT NOT NULL DEFAULT '',\n"
	"  created INTEGER NOT NULL,\n"
	"  retaliatory INTEGER NOT NULL DEFAULT 0 CHECK (retaliatory IN (0,1))\n"
	");\n"
	"CREATE INDEX rating_ratee ON rating(ratee_id, created);\n"
	"CREATE INDEX rating_rater ON rating(rater_id, created);\n"

	"CREATE TABLE audit (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  at INTEGER NOT NULL,\n"
	"  actor TEXT NOT NULL,\n"
	"  action TEXT NOT NULL,\n"
	"  target TEXT NOT NULL,\n"
	"  account_id INTEGER,\n"
	"  reason TEXT,\n"
	"  params TEXT NOT NULL DEFAULT '{}',\n"
	"  result TEXT,\n"
	"  idem_key TEXT UNIQUE,\n"
	"  fingerprint TEXT,\n"
	"  prev_hash TEXT NOT NULL,\n"
	"  hash TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX audit_account ON audit(account_id, id) WHERE account_id IS NOT NULL;\n"
	"CREATE INDEX audit_actor ON audit(actor, id);\n"

	"CREATE TABLE note (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  account_id INTEGER NOT NULL REFERENCES account(id),\n"
	"  author TEXT NOT NULL,\n"
	"  at INTEGER NOT NULL,\n"
	"  body TEXT NOT NULL,\n"
	"  sticky INTEGER NOT NULL DEFAULT 0 CHECK (sticky IN (0,1))\n"
	");\n"
	"CREATE INDEX note_account ON note(account_id, sticky, at);\n"
	"CREATE TABLE tag (\n"
	"  account_id INTEGER NOT NULL REFERENCES account(id),\n"
	"  tag TEXT NOT NULL,\n"
	"  PRIMARY KEY (account_id, tag)\n"
	") WITHOUT ROWID;\n"

	"CREATE TABLE strike (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  account_id INTEGER NOT NULL REFERENCES account(id),\n"
	"  audit_id INTEGER REFERENCES audit(id),\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('warn','suspend','ban')),\n"
	"  severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 3),\n"
	"  at INTEGER NOT NULL,\n"
	"  given_by TEXT NOT NULL,\n"
	"  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','overturned'))\n"
	");\n"
	"CREATE INDEX strike_account ON strike(account_id, at);\n"
	"CREATE TABLE appeal (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  strike_id INTEGER NOT NULL REFERENCES strike(id),\n"
	"  text TEXT NOT NULL,\n"
	"  filed_at INTEGER NOT NULL,\n"
	"  status TEXT NOT NULL DEFAULT 'pending'\n"
	"    CHECK (status IN ('pending','upheld','overturned')),\n"
	"  decided_by TEXT,\n"
	"  decided_at INTEGER,\n"
	"  reply TEXT\n"
	");\n"
	"CREATE INDEX appeal_status ON appeal(status, id);\n"
	"CREATE INDEX appeal_strike ON appeal(strike_id);\n"

	"CREATE TABLE template (\n"
	"  name TEXT PRIMARY KEY,\n"
	"  text TEXT NOT NULL,\n"
	"  created_by TEXT NOT NULL,\n"
	"  created INTEGER NOT NULL\n"
	") WITHOUT ROWID;\n"

	"CREATE TABLE muted_reporter (\n"
	"  account_id INTEGER PRIMARY KEY REFERENCES account(id),\n"
	"  until INTEGER,\n"
	"  muted_by TEXT NOT NULL,\n"
	"  at INTEGER NOT NULL\n"
	");\n"

	"CREATE TABLE api_token (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  hash TEXT NOT NULL UNIQUE,\n"
	"  moderator TEXT NOT NULL REFERENCES moderator(name),\n"
	"  label TEXT NOT NULL DEFAULT '',\n"
	"  created INTEGER NOT NULL,\n"
	"  revoked_at INTEGER\n"
	");\n"

	/* Events for the webhooks, written in the transaction of the action
	 * that made them, so that none is lost when a receiver is down. */
	"CREATE TABLE outbox (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  event TEXT NOT NULL,\n"
	"  text TEXT NOT NULL,\n"
	"  body TEXT NOT NULL,\n"
	"  created INTEGER NOT NULL,\n"
	"  attempts INTEGER NOT NULL DEFAULT 0,\n"
	"  next_at INTEGER NOT NULL,\n"
	"  delivered_at INTEGER,\n"
	"  last_error TEXT\n"
	");\n"
	"CREATE INDEX outbox_pending ON outbox(next_at) WHERE delivered_at IS NULL;\n"

	"INSERT INTO rule(name, value, help) VALUES\n"
	"  ('member_min_age_days', 30, 'member: account at least this many days old'),\n"
	"  ('member_min_transactions', 3, 'member: at least this many completed transactions'),\n"
	"  ('member_min_social', 1, 'member: at least this many linked social accounts'),\n"
	"  ('member_clean_days', 90, 'member: no upheld flag in this many days'),\n"
	"  ('trusted_min_transactions', 10, 'trusted: at least this many completed transactions'),\n"
	"  ('trusted_min_rating', 4.5, 'trusted: rating average at least this'),\n"
	"  ('trusted_min_vouchers', 4, 'trusted: vouched for by this many inter-connected members'),\n"
	"  ('trusted_voucher_min_level', 2, 'trusted: a voucher counts from this trust level'),\n"
	"  ('high_flag_cap_level', 1, 'an upheld high-severity flag caps trust at this level'),\n"
	"  ('claim_idle_minutes', 30, 'a claim lapses after this many idle minutes'),\n"
	"  ('appeal_window_days', 20, 'an appeal is accepted within this many days of its strike'),\n"
	"  ('retaliatory_window_hours', 72, 'a low rating this soon after receiving one is retaliatory'),\n"
	"  ('retaliatory_max_stars', 2, 'ratings of at most this many stars count as low'),\n"
	"  ('weight_low', 10, 'queue priority of an open low-severity flag'),\n"
	"  ('weight_medium', 30, 'queue priority of an open medium-severity flag'),\n"
	"  ('weight_high', 80, 'queue priority of an open high-severity flag'),\n"
	"  ('lowtrust_step', 0.25, 'priority raised by this fraction per trust level below member'),\n"
	"  ('age_per_day', 1, 'priority added per day the oldest open flag has waited'),\n"
	"  ('flag_deadline_hours', 48, 'an open flag is past its deadline after this many hours'),\n"
	"  ('inquiry_answer_hours', 24, 'an inquiry is unanswered after this many hours');\n"

	"INSERT INTO escalation_rule(level, after, channel) VALUES\n"
	"  (1, 86400, 'in_app'), (2, 43200, 'email'), (3, 43200, 'sms'),\n"
	"  (4, 86400, 'phone'), (5, 86400, 'moderator');\n"

	"INSERT INTO meta(k, v) VALUES ('audit_head', '0000000000000000000000000000000000000000000000000000000000000000'),\n"
	"  ('audit_count', '0'), ('marketplace_domains', 'warden-market.example');\n",

	/* 1 -> 2: the detectors' marks, what escalations need to close by
	 * themselves, webhook deliveries, and the rules of both. */
	/* A mark: which detector saw what, where, and why (the matched
	 * text).  Unique on what it marks, so that a scan is idempotent.
	 * pos/len: bytes of the field (a message body, a display name). */
	"CREATE TABLE mark (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  detector TEXT NOT NULL CHECK (detector IN ('contact','phishing',\n"
	"    'impersonation','vouch_ring','retaliatory')),\n"
	"  target_type TEXT NOT NULL\n"
	"    CHECK (target_type IN ('message','account','rating')),\n"
	"  target_id INTEGER NOT NULL,\n"
	"  account_id INTEGER NOT NULL REFERENCES account(id),\n"
	"  message_id INTEGER REFERENCES message(id),\n"
	"  field TEXT NOT NULL DEFAULT '',\n"
	"  pos INTEGER NOT NULL DEFAULT 0,\n"
	"  len INTEGER NOT NULL DEFAULT 0,\n"
	"  why TEXT NOT NULL,\n"
	"  grp INTEGER,\n"
	"  flag_id INTEGER REFERENCES flag(id),\n"
	"  at INTEGER NOT NULL,\n"
	"  UNIQUE (detector, target_type, target_id, field, pos)\n"
	");\n"
	"CREATE INDEX mark_account ON mark(account_id, id);\n"
	"CREATE INDEX mark_message ON mark(message_id) WHERE message_id IS NOT NULL;\n"
	"CREATE INDEX mark_grp ON mark(grp) WHERE grp IS NOT NULL;\n"

	/* Skeletons of handles and display names (see data/detect.h), kept
	 * so that a new account is compared with every other through an
	 * index rather than by folding them all again. */
	"CREATE TABLE skeleton (\n"
	"  account_id INTEGER PRIMARY KEY REFERENCES account(id),\n"
	"  handle TEXT NOT NULL,\n"
	"  name TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX skeleton_handle ON skeleton(handle);\n"
	/* the trust overview's recently demoted */
	"CREATE INDEX account_trust_changed ON account(trust_changed_at)\n"
	"  WHERE trust_changed_at IS NOT NULL;\n"

	/* An escalation remembers the inquiry that opened it, and says when
	 * and why it closed. */
	"ALTER TABLE escalation ADD COLUMN message_id INTEGER REFERENCES message(id);\n"
	"ALTER TABLE escalation ADD COLUMN resolved_at INTEGER;\n"
	"ALTER TABLE escalation ADD COLUMN resolved_why TEXT;\n"
	"CREATE INDEX escalation_thread ON escalation(thread_id) WHERE thread_id IS NOT NULL;\n"
	"CREATE INDEX escalation_flag ON escalation(flag_id) WHERE flag_id IS NOT NULL;\n"

	/* Each event's delivery to each webhook; the outbox row sums them
	 * up (attempts, next_at, delivered_at, last_error). */
	"CREATE TABLE delivery (\n"
	"  outbox_id INTEGER NOT NULL REFERENCES outbox(id),\n"
	"  webhook TEXT NOT NULL,\n"
	"  attempts INTEGER NOT NULL DEFAULT 0,\n"
	"  next_at INTEGER NOT NULL,\n"
	"  delivered_at INTEGER,\n"
	"  last_error TEXT,\n"
	"  PRIMARY KEY (outbox_id, webhook)\n"
	") WITHOUT ROWID;\n"

	"INSERT INTO rule(name, value, help) VALUES\n"
	"  ('severity_phishing', 3, 'a phishing link raises a flag of this severity (0: mark only)'),\n"
	"  ('severity_impersonation', 2, 'an impersonating name raises a flag of this severity (0: mark only)'),\n"
	"  ('severity_off_platform', 1, 'contact details raise a flag of this severity (0: mark only)'),\n"
	"  ('severity_vouch_ring', 2, 'a vouch ring raises a flag of this severity on each member (0: mark only)'),\n"
	"  ('severity_retaliatory', 1, 'a retaliatory rating raises a flag of this severity on its rater (0: mark only)'),\n"
	"  ('lookalike_max_distance', 2, 'a domain this many edits from the marketplace''s is a look-alike'),\n"
	"  ('ring_min_size', 3, 'a vouch ring has at least this many accounts'),\n"
	"  ('ring_young_days', 30, 'a vouch ring is of accounts younger than this many days ...'),\n"
	"  ('ring_max_trust', 1, '... or of at most this trust level'),\n"
	"  ('ring_inside_share', 0.75, 'a vouch ring''s vouches are at least this share for each other'),\n"
	"  ('inquiry_horizon_days', 14, 'inquiries older than this many days are not escalated any more'),\n"
	"  ('webhook_retry_seconds', 30, 'a failed webhook delivery is retried after this long, doubling'),\n"
	"  ('webhook_retry_max_seconds', 3600, 'the longest wait between webhook retries'),\n"
	"  ('webhook_give_up_attempts', 0, 'stop retrying a webhook after this many attempts (0: never)');\n"

	/* The scan's high-water marks: what the detectors have read. */
	"INSERT INTO meta(k, v) VALUES ('detect_hw_message', '0'),\n"
	"  ('detect_hw_account', '0'), ('detect_hw_rating', '0'),\n"
	"  ('detect_hw_vouch', '');\n",

	/* 2 -> 3: indexes for what a large marketplace reads often. */
	/* a thread's flagged messages (the thread list and view) */
	"CREATE INDEX flag_message ON flag(message_id) WHERE message_id IS NOT NULL;\n"
	/* the sweep's recently active threads (unanswered inquiries) */
	"CREATE INDEX thread_last ON thread(last_at);\n"
	/* the status line's counts of suspended and banned accounts */
	"CREATE INDEX account_status ON account(status);\n",

	/* 3 -> 4: the lists that grow without end, read from what is live:
	 * the escalations view by due time (resolved ones pile up), and
	 * the webhook outbox (delivered events stay). */
	"CREATE INDEX escalation_active ON escalation(due, id)\n"
	"  WHERE status <> 'resolved';\n"
	"CREATE INDEX outbox_undelivered ON outbox(id)\n"
	"  WHERE delivered_at IS NULL;\n",

	/* 4 -> 5: the log of one action ('log --action ban'), newest
	 * first, without a walk back through every sweep step; the trust
	 * overview's counts per level from a small covering index, not
	 * from every account's row. */
	"CREATE INDEX audit_action ON audit(action, id);\n"
	"CREATE INDEX account_trust ON account(trust_level, trust_locked,\n"
	"  trust_changed_at, trust_prev_level);\n",

	/* 5 -> 6: audit hash form 2.  Entries written from now on hash
	 * every text field as the SHA-256 of its whole bytes (form 1 took
	 * the text up to its first NUL); the ones before keep form 1.  A
	 * field an erase replaced keeps its digests here, authorized by the
	 * entry by_id. */
	"ALTER TABLE audit ADD COLUMN form INTEGER NOT NULL DEFAULT 1;\n"
	"CREATE TABLE audit_redaction (\n"
	"  audit_id INTEGER NOT NULL REFERENCES audit(id),\n"
	"  field TEXT NOT NULL CHECK (field IN ('reason','params','result')),\n"
	"  old_digest TEXT NOT NULL,\n"
	"  new_digest TEXT NOT NULL,\n"
	"  by_id INTEGER NOT NULL REFERENCES audit(id),\n"
	"  PRIMARY KEY (audit_id, field, by_id)\n"
	");\n",
};

int
schema_version(void)
{
	return (int)(sizeof migrations / sizeof migrations[0]);
}

const char *
schema_migration(int from)
{
	if (from < 0 || from >= schema_version())
		return NULL;
	return migrations[from];
}
