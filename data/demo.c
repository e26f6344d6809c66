/* data/demo.c: a demo marketplace, deterministic for a seed.
 *
 * Every property of account i, thread j or flag k is a function of (seed,
 * kind, index) through a stateless hash, so generation streams: nothing
 * of size N is held in memory, and --accounts 1000000 runs in flat memory,
 * committing every few thousand rows.
 *
 * Marketplace data (accounts, threads, messages, vouches, ratings, flags,
 * escalations, appeals) is inserted as the marketplace itself would.
 * Moderation history (warnings, suspensions, bans, resolutions, notes,
 * mutes, claims) goes through store_apply() with the clock set back to
 * when it happened, so the audit chain is real and verifies. */
#include "sq.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ------------------------------------------------------------------ */
/* Stateless randomness. */

enum stream {
	R_ACCOUNT = 1, R_THREAD, R_MESSAGE, R_FLAG, R_RATING, R_VOUCH,
	R_ESCALATION, R_HISTORY, R_APPEAL,
};

struct demo {
	struct sq *s;
	struct store *st;
	uint64_t seed;
	int64_t n;		/* accounts */
	int64_t threads, flags;
	int64_t base;		/* "now" of the demo */
	int64_t clock;		/* the store's clock while history is made */
	int64_t appeals_decided;	/* how many, for their outcomes */
	int64_t appeals_until;		/* decided those due until then */
	const char *login;
	bool quiet;
	bool tty;		/* stderr is a terminal: progress in place */
	struct timespec t0;	/* when the last phase ended */
	int64_t pending;	/* rows since the last commit */
	struct werr *e;
};

static uint64_t
mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

/* The r-th random number of entity i of a stream. */
static uint64_t
rnd(const struct demo *d, enum stream s, int64_t i, int r)
{
	return mix(d->seed * 0x9e3779b97f4a7c15ULL ^ mix((uint64_t)s << 56 ^
	    (uint64_t)i * 0x2545f4914f6cdd1dULL ^ (uint64_t)r));
}

static int64_t
below(uint64_t r, int64_t n)
{
	return n <= 0 ? 0 : (int64_t)(r % (uint64_t)n);
}

static double
unit(uint64_t r)
{
	return (double)(r >> 11) / 9007199254740992.0;
}

#define PICK(arr, r) (arr[below((r), (int64_t)W_NELEM(arr))])

/* ------------------------------------------------------------------ */
/* Words. */

static const char *const firsts[] = { "maria", "li", "ahmed", "olga", "james",
	"sofia", "kenji", "amara", "lucas", "priya", "noah", "fatima", "emil",
	"chloe", "diego", "hana", "oscar", "ines", "yusuf", "mila", "tomas",
	"zara", "felix", "aisha", "leon", "nora", "ravi", "elena", "sam",
	"julia", "omar", "grace", "ivan", "lea", "mateo", "anya", "ben",
	"selin", "kofi", "ruth", "arjun", "maya", "pablo", "ida", "tariq",
	"vera", "hugo", "lina", "marco", "sara" };
static const char *const lasts[] = { "smith", "garcia", "chen", "kowalski",
	"okafor", "silva", "tanaka", "muller", "rossi", "haddad", "novak",
	"singh", "jensen", "dubois", "kim", "costa", "ivanova", "lopez",
	"nguyen", "brown", "fischer", "moreau", "sato", "patel", "walsh" };
static const char *const items[] = { "sofa", "road bike", "camera",
	"desk lamp", "guitar", "stroller", "laptop", "armchair", "bookshelf",
	"tent", "espresso machine", "snowboard", "sewing machine", "drone",
	"record player", "winter coat", "dining table", "kayak", "piano stool",
	"baby cot" };
static const char *const stays[] = { "room in the old town", "garden flat",
	"cabin by the lake", "studio near the station", "loft",
	"family house", "attic room", "houseboat" };
static const char *const days[] = { "Monday", "Tuesday", "Wednesday",
	"Thursday", "Friday", "Saturday", "Sunday" };
static const char *const networks[] = { "facebook", "instagram", "linkedin",
	"github" };
static const char *const providers[] = { "example.com", "mail.example",
	"post.example", "inbox.example" };

/* Conversation lines.  %1$s is the thing, %2$s a price or a day. */
static const char *const opener_item[] = {
	"Hi! Is the %s still available?",
	"Hello, is the %s still for sale? Would you take %s?",
	"Hi there, could I see the %s this week?",
	"Does the %s have any scratches or damage?",
	"Is the price of the %s negotiable?",
};
static const char *const opener_stay[] = {
	"Hi! Is the %s free from the 12th to the 15th?",
	"Hello, we are two adults and a child. Is the %s free from %s?",
	"Hi, is late check-in possible at the %s?",
	"Is there parking near the %s?",
};
static const char *const reply_seller[] = {
	"Yes, it is still available.",
	"I could do %s, not lower.",
	"Sure, %s after 6pm works for me.",
	"It has a small mark on one side, otherwise like new.",
	"Sorry, someone is coming to look at it tomorrow.",
	"Yes, those dates are free.",
	"Check-in is from 3pm, a key box is available.",
	"There is free parking on the street.",
};
static const char *const reply_buyer[] = {
	"Great, I'll take it. Can I pay through the app?",
	"Would you accept %s?",
	"Perfect, see you %s.",
	"Thanks! Booking now.",
	"Could you send a few more photos?",
	"OK, thanks for letting me know.",
	"It was %s, as agreed. Thanks again!",
};

/* Planted cases a moderator (and the detectors) should see. */
static const char *const phishing[] = {
	"Payment failed, please confirm your card at https://warden-rnarket.example/pay?ref=%lld",
	"Your listing is on hold. Verify here: http://warden-market.co/verify/%lld",
	"Security check needed: https://wardem-market.example/login?u=%lld",
	"Please log in at https://w\xd0\xb0rden-market.example/account/%lld to release the funds",
	"Refund ready: http://warden-markett.example/refund?id=%lld",
	"Support here. Confirm shipping at https://warden-market.example.secure-pay.example/%lld",
};
static const char *const offplatform[] = {
	"Text me on +1 415 555 0134, easier than the app",
	"whatsapp me 07700 900123 and we can skip the fees",
	"email me at jane.doe at gmail dot com for the address",
	"call me, five five five one two three four",
	"Let's do it outside the site, my number is (212) 555-0187",
	"send it by bank transfer instead, write to pay.me@example.org",
};
static const char *const harassment[] = {
	"You are a liar and everyone will know it.",
	"Answer me NOW or I leave you a one-star review.",
	"I know where you live, think twice.",
};

/* Display names and messages built to attack a terminal: the console
 * and the table writer must show them as visible escapes. */
static const struct {
	const char *handle, *display, *message;
} hostile[] = {
	{ "osc52_clip", "Clip\x1b]52;c;ZXZpbCBjbGlwYm9hcmQ=\x07 Board",
	  "Nice sofa\x1b]52;c;cm0gLXJmIH4=\x07, is it free?" },
	{ "title_setter", "\x1b]0;you have been pwned\x07Tina",
	  "Hello\x1b]2;owned\x1b\\ are the dates free?" },
	{ "csi_query", "Query\x1b[6n\x1b[c Man",
	  "Is it\x1b[2J\x1b[H still available?\x1b[5n" },
	{ "c1_control", "C1\xc2\x9b" "31mRed\xc2\x9b" "0m Seller",
	  "Price\xc2\x9d" "0;x\xc2\x9c is firm\xc2\x85" },
	{ "rlo_override", "Anna \xe2\x80\xae" "gnp.exe\xe2\x80\xac Photos",
	  "Invoice attached: invoice\xe2\x80\xae" "fdp.exe" },
	{ "zero_width", "Sup\xe2\x80\x8bport\xe2\x80\x8d Team",
	  "Your account\xe2\x80\x8b is\xef\xbb\xbf locked, reply with your code" },
	{ "cjk_shop", "\xe6\x9d\x8e\xe5\xb0\x8f\xe9\xbe\x99\xe7\x9a\x84\xe5\xba\x97 Shop",
	  "\xe4\xbd\xa0\xe5\xa5\xbd\xef\xbc\x8c\xe8\xbf\x98\xe6\x9c\x89\xe8\xb4\xa7\xe5\x90\x97\xef\xbc\x9f" },
	{ "emoji_sofa", "Sofa King \xf0\x9f\x9b\x8b\xef\xb8\x8f\xf0\x9f\x91\x91",
	  "\xf0\x9f\x94\xa5 deal \xf0\x9f\x94\xa5 \xf0\x9f\x92\xb8\xf0\x9f\x92\xb8" },
	{ "bad_utf8", "Broken \xff\xfe Name \xc3",
	  "bytes \xed\xa0\x80 and \xf8\x88\x80\x80\x80 here" },
	{ "warden_support", "Warden Supp\xd0\xbert (official)",
	  "This is Warden support. Confirm your password at https://warden-rnarket.example/help" },
};

/* ------------------------------------------------------------------ */

/* On a terminal the count of a phase updates in place; in a log file
 * each phase is one line, when it ends, with the seconds since the one
 * before it ended. */
static void
progress(struct demo *d, const char *what, int64_t done, int64_t total)
{
	struct timespec now;

	if (d->quiet)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (d->tty && done < total)
		fprintf(stderr, "\rwarden demo: %-11s %lld/%lld", what,
		    (long long)done, (long long)total);
	if (done < total)
		return;
	fprintf(stderr, "%swarden demo: %-11s ", d->tty ? "\r" : "", what);
	if (total > 1)
		fprintf(stderr, "%lld ", (long long)total);
	fprintf(stderr, "in %.1f s\n", (double)(now.tv_sec - d->t0.tv_sec) +
	    (now.tv_nsec - d->t0.tv_nsec) / 1e9);
	d->t0 = now;
}

/* Commit every few thousand rows, so memory and the WAL stay small. */
static int
tick(struct demo *d)
{
	if (++d->pending < 5000)
		return 0;
	d->pending = 0;
	if (sq_commit(d->s, d->e) < 0)
		return -1;
	return sq_begin(d->s, d->e);
}

static int64_t
demo_clock(void *ctx)
{
	return ((struct demo *)ctx)->clock;
}

/* Account properties, all derived from the index. */

static int64_t
hostile_index(const struct demo *d, size_t k)
{
	/* spread over the first accounts, whatever N is */
	return 3 + (int64_t)k * 11 % (d->n > 200 ? 200 : d->n - 3);
}

static int
hostile_of(const struct demo *d, int64_t id)
{
	size_t k;

	for (k = 0; k < W_NELEM(hostile); k++)
		if (hostile_index(d, k) == id)
			return (int)k;
	return -1;
}

/* An impersonator: a young account whose display name is the handle of
 * a trusted veteran (account 12) with its Latin "a" made Cyrillic. */
static int64_t
lookalike_index(const struct demo *d)
{
	return d->n >= 40 ? d->n - 9 : 0;
}

static void account_handle(const struct demo *d, int64_t id, char *out,
    size_t size);

static void
lookalike_name(const struct demo *d, char *out, size_t size)
{
	char orig[96];
	size_t i, o = 0;

	account_handle(d, 12, orig, sizeof orig);
	for (i = 0; orig[i] && o + 3 < size; i++) {
		if (orig[i] == 'a') {
			out[o++] = '\xd0';	/* U+0430 CYRILLIC SMALL A */
			out[o++] = '\xb0';
		} else
			out[o++] = orig[i];
	}
	out[o] = '\0';
}

/* The ring: six new accounts near the end that vouch only for each
 * other. */
static bool
in_ring(const struct demo *d, int64_t id)
{
	return d->n >= 60 && id > d->n - 8 && id <= d->n - 2;
}

/* Veterans: every 12th account, in clusters of 8 that vouch for each
 * other; they have the history to reach trusted (level 3). */
static bool
is_veteran(const struct demo *d, int64_t id)
{
	return id % 12 == 0 && !in_ring(d, id);
}

/* Troublemakers draw most flags. */
static bool
is_troublemaker(const struct demo *d, int64_t id)
{
	return hostile_of(d, id) >= 0 || rnd(d, R_ACCOUNT, id, 9) % 100 < 12;
}

/* A few accounts file mass reports, mostly dismissed. */
static bool
is_mass_reporter(const struct demo *d, int64_t id)
{
	return d->n >= 100 && (id == d->n / 3 || id == d->n / 3 + 1);
}

static int64_t
account_created(const struct demo *d, int64_t id)
{
	uint64_t r = rnd(d, R_ACCOUNT, id, 1);

	if (in_ring(d, id) || id == lookalike_index(d))
		return d->base - (3 + below(r, 10)) * 86400;
	if (is_veteran(d, id))
		return d->base - (220 + below(r, 900)) * 86400;
	/* skewed to younger accounts: most joined in the last year */
	return d->base - (int64_t)(pow(unit(r), 1.7) * 1100 * 86400) - 3600;
}

static void
account_handle(const struct demo *d, int64_t id, char *out, size_t size)
{
	int k = hostile_of(d, id);

	if (k >= 0) {
		snprintf(out, size, "%s", hostile[k].handle);
		return;
	}
	snprintf(out, size, "%s_%c%lld", PICK(firsts, rnd(d, R_ACCOUNT, id, 2)),
	    PICK(lasts, rnd(d, R_ACCOUNT, id, 3))[0], (long long)id);
}

static int
insert_accounts(struct demo *d)
{
	sqlite3_stmt *ins, *soc;
	int64_t id;

	ins = sq_prep(d->s, "INSERT INTO account(id, handle, display_name, "
	    "email, phone, created, last_seen, phone_verified_at, completed_tx) "
	    "VALUES (?,?,?,?,?,?,?,?,?)", d->e);
	soc = sq_prep(d->s, "INSERT INTO social(account_id, network, linked_at) "
	    "VALUES (?,?,?)", d->e);
	if (ins == NULL || soc == NULL)
		return -1;
	for (id = 1; id <= d->n; id++) {
		char handle[96], display[160], email[160], phone[48];
		const char *first = PICK(firsts, rnd(d, R_ACCOUNT, id, 2));
		const char *last = PICK(lasts, rnd(d, R_ACCOUNT, id, 3));
		int64_t created = account_created(d, id), tx, nsocial, j, seen;
		uint64_t r = rnd(d, R_ACCOUNT, id, 4);
		int k = hostile_of(d, id), rc;
		bool phone_ok;

		account_handle(d, id, handle, sizeof handle);
		if (k >= 0)
			snprintf(display, sizeof display, "%s", hostile[k].display);
		else if (id == lookalike_index(d))
			lookalike_name(d, display, sizeof display);
		else
			snprintf(display, sizeof display, "%c%s %c.",
			    first[0] - 32, first + 1, last[0] - 32);
		snprintf(email, sizeof email, "%s.%s%lld@%s", first, last,
		    (long long)id, PICK(providers, r));
		switch (r % 4) {
		case 0:
			snprintf(phone, sizeof phone, "+44 7700 9%05lld",
			    (long long)(id % 100000));
			break;
		case 1:
			snprintf(phone, sizeof phone, "+1 415 555 %04lld",
			    (long long)(id % 10000));
			break;
		case 2:
			snprintf(phone, sizeof phone, "+49 151 %08lld",
			    (long long)(id * 7919 % 100000000));
			break;
		default:
			snprintf(phone, sizeof phone, "+33 6 %02lld %02lld %02lld "
			    "%02lld", (long long)(id % 97), (long long)(id % 89),
			    (long long)(id % 83), (long long)(id % 79));
		}
		phone_ok = is_veteran(d, id) || (r >> 8) % 100 < 78;
		if (is_veteran(d, id))
			tx = 15 + below(r >> 16, 60);
		else if (in_ring(d, id))
			tx = below(r >> 16, 2);
		else
			tx = (int64_t)(pow(unit(rnd(d, R_ACCOUNT, id, 5)), 2.2) * 40);
		sqlite3_reset(ins);
		sqlite3_bind_int64(ins, 1, id);
		sqlite3_bind_text(ins, 2, handle, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 3, display, -1, SQLITE_TRANSIENT);
		if ((r >> 24) % 50 != 0)
			sqlite3_bind_text(ins, 4, email, -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_null(ins, 4);
		if ((r >> 30) % 20 != 0)
			sqlite3_bind_text(ins, 5, phone, -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_null(ins, 5);
		sqlite3_bind_int64(ins, 6, created);
		/* most members were around this month; some drifted away */
		seen = rnd(d, R_ACCOUNT, id, 8) % 100 < 85 ?
		    d->base - below(rnd(d, R_ACCOUNT, id, 6), 30 * 86400) :
		    created + (int64_t)(unit(rnd(d, R_ACCOUNT, id, 6)) *
		    (double)(d->base - created));
		sqlite3_bind_int64(ins, 7, seen > created ? seen : created);
		if (phone_ok)
			sqlite3_bind_int64(ins, 8, created + 600);
		else
			sqlite3_bind_null(ins, 8);
		sqlite3_bind_int64(ins, 9, tx);
		rc = sqlite3_step(ins);
		if (rc != SQLITE_DONE)
			return sq_fail(d->s, d->e, rc, "demo accounts");
		nsocial = is_veteran(d, id) ? 2 : below(rnd(d, R_ACCOUNT, id, 7), 3);
		for (j = 0; j < nsocial; j++) {
			sqlite3_reset(soc);
			sqlite3_bind_int64(soc, 1, id);
			sqlite3_bind_text(soc, 2, networks[(id + j) %
			    (int64_t)W_NELEM(networks)], -1, SQLITE_STATIC);
			sqlite3_bind_int64(soc, 3, created + 86400);
			if ((rc = sqlite3_step(soc)) != SQLITE_DONE)
				return sq_fail(d->s, d->e, rc, "demo social");
		}
		if (tick(d) < 0)
			return -1;
		if (id % 10000 == 0 || id == d->n)
			progress(d, "accounts", id, d->n);
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Threads and messages. */

static void
money(uint64_t r, char *out, size_t size)
{
	static const char *const forms[] = { "$%lld", "%lld EUR", "\xc2\xa3%lld",
		"$%lld.00", "%lld euros" };

	snprintf(out, size, PICK(forms, r), (long long)(15 + below(r >> 8, 60)
	    * 5));
}

/* Two participants for a thread, both existing before it started. */
static void
thread_people(const struct demo *d, int64_t t, int64_t *asker,
    int64_t *owner)
{
	int64_t a = 1 + below(rnd(d, R_THREAD, t, 1), d->n);
	int64_t b = 1 + below(rnd(d, R_THREAD, t, 2), d->n);

	if (a == b)
		b = b % d->n + 1;
	*asker = a;
	*owner = b;
}

static int
insert_message(struct demo *d, sqlite3_stmt *ins, int64_t thread,
    int64_t sender, int64_t at, const char *channel, const char *body)
{
	int rc;

	sqlite3_reset(ins);
	sqlite3_bind_int64(ins, 1, thread);
	sqlite3_bind_int64(ins, 2, sender);
	sqlite3_bind_int64(ins, 3, at);
	sqlite3_bind_text(ins, 4, channel, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 5, body, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(ins);
	if (rc != SQLITE_DONE)
		return sq_fail(d->s, d->e, rc, "demo messages");
	return tick(d);
}

static int
insert_threads(struct demo *d)
{
	sqlite3_stmt *th, *pa, *msg, *upd;
	int64_t t, total = 0;

	th = sq_prep(d->s, "INSERT INTO thread(id, subject, listing, created, "
	    "last_at) VALUES (?,?,?,?,?)", d->e);
	pa = sq_prep(d->s, "INSERT INTO participant(thread_id, account_id, "
	    "role) VALUES (?,?,?)", d->e);
	msg = sq_prep(d->s, "INSERT INTO message(thread_id, sender_id, sent_at, "
	    "channel, body) VALUES (?,?,?,?,?)", d->e);
	upd = sq_prep(d->s, "UPDATE thread SET last_at = ? WHERE id = ?", d->e);
	if (!th || !pa || !msg || !upd)
		return -1;
	for (t = 1; t <= d->threads; t++) {
		int64_t asker, owner, start, at, nmsg, m;
		uint64_t r = rnd(d, R_THREAD, t, 3);
		bool stay = r % 2 == 0, unanswered;
		const char *thing = stay ? PICK(stays, r >> 4) :
		    PICK(items, r >> 4);
		char subject[160], body[400], price[32], cm[32];
		int ha, ho, rc;

		thread_people(d, t, &asker, &owner);
		start = account_created(d, asker);
		if (account_created(d, owner) > start)
			start = account_created(d, owner);
		/* threads happen in the last 200 days, after both joined */
		at = d->base - below(rnd(d, R_THREAD, t, 4), 200 * 86400);
		if (at < start + 3600)
			at = start + 3600 + below(r >> 12, (d->base - start) / 2 +
			    1);
		if (at > d->base - 600)
			at = d->base - 600;
		snprintf(subject, sizeof subject, "%s %s", stay ? "Stay:" :
		    "Listing:", thing);
		sqlite3_reset(th);
		sqlite3_bind_int64(th, 1, t);
		sqlite3_bind_text(th, 2, subject, -1, SQLITE_TRANSIENT);
		snprintf(cm, sizeof cm, "L-%06lld", (long long)(r % 1000000));
		sqlite3_bind_text(th, 3, cm, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(th, 4, at);
		sqlite3_bind_int64(th, 5, at);
		if ((rc = sqlite3_step(th)) != SQLITE_DONE)
			return sq_fail(d->s, d->e, rc, "demo threads");
		sqlite3_reset(pa);
		sqlite3_bind_int64(pa, 1, t);
		sqlite3_bind_int64(pa, 2, asker);
		sqlite3_bind_text(pa, 3, stay ? "guest" : "buyer", -1,
		    SQLITE_STATIC);
		if ((rc = sqlite3_step(pa)) != SQLITE_DONE)
			return sq_fail(d->s, d->e, rc, "demo participants");
		sqlite3_reset(pa);
		sqlite3_bind_int64(pa, 1, t);
		sqlite3_bind_int64(pa, 2, owner);
		sqlite3_bind_text(pa, 3, stay ? "host" : "seller", -1,
		    SQLITE_STATIC);
		if ((rc = sqlite3_step(pa)) != SQLITE_DONE)
			return sq_fail(d->s, d->e, rc, "demo participants");

		/* About one inquiry in ten is never answered. */
		unanswered = rnd(d, R_THREAD, t, 5) % 10 == 0;
		nmsg = unanswered ? 1 : 3 + below(rnd(d, R_THREAD, t, 6), 9);
		ha = hostile_of(d, asker);
		ho = hostile_of(d, owner);
		for (m = 0; m < nmsg; m++) {
			uint64_t mr = rnd(d, R_MESSAGE, t * 16 + m, 1);
			bool from_asker = m % 2 == 0;
			int64_t sender = from_asker ? asker : owner;
			int hk = from_asker ? ha : ho;
			const char *channel = mr % 20 == 0 ? "email" :
			    mr % 20 == 1 ? "sms" : "in_app";

			money(mr >> 3, price, sizeof price);
			if (m == 0) {
				snprintf(body, sizeof body, stay ?
				    PICK(opener_stay, mr >> 9) :
				    PICK(opener_item, mr >> 9), thing, stay ?
				    PICK(days, mr >> 20) : price);
			} else {
				/* the one reply line per side that names a
				 * day takes the day, the others a price */
				const char *fmt = from_asker ?
				    PICK(reply_buyer, mr >> 9) :
				    PICK(reply_seller, mr >> 9);

				snprintf(body, sizeof body, fmt,
				    strstr(fmt, "see you") || strstr(fmt,
				    "after 6pm") ? PICK(days, mr >> 20) : price);
			}
			/* planted: a hostile account's first message */
			if (hk >= 0 && m < 2)
				snprintf(body, sizeof body, "%s",
				    hostile[hk].message);
			else if (m > 0 && (mr >> 40) % 1000 < 3)
				snprintf(body, sizeof body, PICK(phishing,
				    mr >> 44), (long long)(t * 7 + m));
			else if (m > 0 && (mr >> 40) % 1000 < 9)
				snprintf(body, sizeof body, "%s",
				    PICK(offplatform, mr >> 44));
			else if (m > 1 && (mr >> 40) % 1000 < 13)
				snprintf(body, sizeof body, "%s",
				    PICK(harassment, mr >> 44));
			if (insert_message(d, msg, t, sender, at, channel,
			    body) < 0)
				return -1;
			total++;
			if (m + 1 < nmsg)
				at += 60 + below(mr >> 50, 6 * 3600);
			if (at > d->base - 60)
				at = d->base - 60;
		}
		sqlite3_reset(upd);
		sqlite3_bind_int64(upd, 1, at);
		sqlite3_bind_int64(upd, 2, t);
		if ((rc = sqlite3_step(upd)) != SQLITE_DONE)
			return sq_fail(d->s, d->e, rc, "demo threads");
		if (t % 10000 == 0 || t == d->threads)
			progress(d, "threads", t, d->threads);
	}
	(void)total;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Vouches and ratings. */

static int
vouch(struct demo *d, sqlite3_stmt *st, int64_t a, int64_t b, int64_t at)
{
	int rc;

	if (a == b || a < 1 || b < 1 || a > d->n || b > d->n)
		return 0;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	sqlite3_bind_int64(st, 3, at);
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && (rc & 0xff) != SQLITE_CONSTRAINT)
		return sq_fail(d->s, d->e, rc, "demo vouches");
	return tick(d);
}

static int
insert_vouches(struct demo *d)
{
	sqlite3_stmt *st = sq_prep(d->s, "INSERT OR IGNORE INTO vouch("
	    "voucher_id, vouchee_id, created) VALUES (?,?,?)", d->e);
	int64_t id, j;

	if (st == NULL)
		return -1;
	for (id = 1; id <= d->n; id++) {
		int64_t at = account_created(d, id) + 30 * 86400;

		if (at > d->base)
			at = d->base - 3600;
		if (is_veteran(d, id)) {
			/* the cluster of 8 veterans this one belongs to */
			int64_t v = id / 12, first = (v / 8) * 8;

			for (j = first; j < first + 8; j++)
				if (j != v && j >= 1 && is_veteran(d, j * 12) &&
				    vouch(d, st, id,
				    j * 12, at) < 0)
					return -1;
		} else if (in_ring(d, id)) {
			for (j = d->n - 7; j <= d->n - 2; j++)
				if (vouch(d, st, id, j, d->base - 2 * 86400) < 0)
					return -1;
		} else if (rnd(d, R_VOUCH, id, 1) % 4 == 0) {
			int64_t other = 1 + below(rnd(d, R_VOUCH, id, 2), d->n);

			if (vouch(d, st, id, other, at) < 0)
				return -1;
		}
	}
	return 0;
}

static int
rating(struct demo *d, sqlite3_stmt *st, int64_t rater, int64_t ratee,
    const char *tx, int stars, const char *comment, int64_t at)
{
	int rc;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, rater);
	sqlite3_bind_int64(st, 2, ratee);
	sqlite3_bind_text(st, 3, tx, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 4, stars);
	sqlite3_bind_text(st, 5, comment, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, at);
	if ((rc = sqlite3_step(st)) != SQLITE_DONE)
		return sq_fail(d->s, d->e, rc, "demo ratings");
	return tick(d);
}

static int
insert_ratings(struct demo *d)
{
	static const char *const good[] = { "Smooth deal, thanks!",
		"Exactly as described.", "Friendly and on time.",
		"Great host, would stay again.", "" };
	static const char *const bad[] = { "Never showed up.",
		"Item was not as described.", "Rude and late.",
		"Revenge for my honest review?" };
	sqlite3_stmt *st = sq_prep(d->s, "INSERT INTO rating(rater_id, "
	    "ratee_id, tx, stars, comment, created) VALUES (?,?,?,?,?,?)",
	    d->e);
	int64_t id, k;

	if (st == NULL)
		return -1;
	for (id = 1; id <= d->n; id++) {
		uint64_t r = rnd(d, R_RATING, id, 1);
		int64_t count = is_veteran(d, id) ? 12 + below(r, 10) :
		    below(r, 6);
		int64_t created = account_created(d, id);

		for (k = 0; k < count; k++) {
			uint64_t rr = rnd(d, R_RATING, id * 64 + k, 2);
			int64_t rater = 1 + below(rr, d->n);
			int stars;
			char tx[48];

			if (rater == id)
				continue;
			if (is_veteran(d, id))
				stars = rr % 10 == 0 ? 4 : 5;
			else if (is_troublemaker(d, id))
				stars = 1 + (int)below(rr >> 8, 5);
			else
				stars = rr % 7 == 0 ? 3 : rr % 3 == 0 ? 4 : 5;
			snprintf(tx, sizeof tx, "T-%lld-%lld", (long long)id,
			    (long long)k);
			if (rating(d, st, rater, id, tx, stars, stars >= 4 ?
			    PICK(good, rr >> 20) : PICK(bad, rr >> 20),
			    created + (d->base - created) / 2 + k * 3600) < 0)
				return -1;
		}
		/* Retaliatory pairs: a low rating, answered by a low rating
		 * from the other side on the same transaction within hours. */
		if (d->n >= 50 && rnd(d, R_RATING, id, 3) % 80 == 0) {
			int64_t other = 1 + below(rnd(d, R_RATING, id, 4), d->n);
			int64_t at = d->base - (2 + below(r >> 20, 20)) * 86400;
			char tx[48];

			if (other == id)
				continue;
			snprintf(tx, sizeof tx, "T-R-%lld", (long long)id);
			if (rating(d, st, id, other, tx, 1, "Never showed up.",
			    at) < 0 ||
			    rating(d, st, other, id, tx, 1,
			    "Revenge for my honest review?", at + 5 * 3600) < 0)
				return -1;
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Flags. */

static const struct {
	const char *reason;
	int severity;
	int weight;
} reasons[] = {
	{ "fraud", 3, 14 }, { "phishing", 3, 12 }, { "scam", 3, 12 },
	{ "spam", 1, 18 }, { "harassment", 2, 10 }, { "impersonation", 2, 6 },
	{ "off_platform", 2, 12 }, { "prohibited_item", 2, 6 },
	{ "retaliatory_rating", 1, 4 }, { "other", 1, 6 },
};

static int
pick_reason(uint64_t r)
{
	int total = 0, i, x;

	for (i = 0; i < (int)W_NELEM(reasons); i++)
		total += reasons[i].weight;
	x = (int)below(r, total);
	for (i = 0; i < (int)W_NELEM(reasons); i++) {
		if (x < reasons[i].weight)
			return i;
		x -= reasons[i].weight;
	}
	return 0;
}

static int64_t
flagged_account(const struct demo *d, int64_t f)
{
	uint64_t r = rnd(d, R_FLAG, f, 1);
	int64_t i;

	/* seven in ten flags land on troublemakers */
	for (i = 0; i < 8 && r % 10 < 7; i++) {
		int64_t id = 1 + below(rnd(d, R_FLAG, f, 10 + (int)i), d->n);

		if (is_troublemaker(d, id))
			return id;
	}
	return 1 + below(r >> 8, d->n);
}

static int
insert_flag(struct demo *d, sqlite3_stmt *st, int64_t account,
    int64_t reporter, int reason, int severity, const char *detail,
    int64_t created, const char *status, int64_t message)
{
	int rc;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, account);
	sqlite3_bind_int64(st, 2, reporter);
	sqlite3_bind_text(st, 3, reasons[reason].reason, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, severity);
	sqlite3_bind_text(st, 5, detail, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, created);
	sqlite3_bind_int64(st, 7, created + (int64_t)(sq_rule(d->s,
	    "flag_deadline_hours") * 3600));
	sqlite3_bind_text(st, 8, status, -1, SQLITE_STATIC);
	if (strcmp(status, "open") != 0) {
		sqlite3_bind_text(st, 9, (created / 7) % 2 ? "bob" : "carol", -1,
		    SQLITE_STATIC);
		sqlite3_bind_int64(st, 10, created + 86400);
		sqlite3_bind_text(st, 11, strcmp(status, "upheld") == 0 ?
		    "confirmed from the messages" : "no evidence", -1,
		    SQLITE_STATIC);
	} else {
		sqlite3_bind_null(st, 9);
		sqlite3_bind_null(st, 10);
		sqlite3_bind_null(st, 11);
	}
	if (message > 0)
		sqlite3_bind_int64(st, 12, message);
	else
		sqlite3_bind_null(st, 12);
	if ((rc = sqlite3_step(st)) != SQLITE_DONE)
		return sq_fail(d->s, d->e, rc, "demo flags");
	return tick(d);
}

static int
insert_flags(struct demo *d)
{
	static const char *const details[] = { "asked to pay outside the app",
		"link to a fake payment page", "item never arrived",
		"threatening messages", "copied photos from another listing",
		"same item listed under three names", "", "keeps messaging me" };
	sqlite3_stmt *st = sq_prep(d->s, "INSERT INTO flag(account_id, "
	    "reporter_id, reason, severity, detail, created, deadline, status, "
	    "resolved_by, resolved_at, outcome_note, message_id) VALUES "
	    "(?,?,?,?,?,?,?,?,?,?,?,?)", d->e);
	sqlite3_stmt *msg = sq_prep(d->s, "SELECT id FROM message WHERE "
	    "sender_id = ? ORDER BY id LIMIT 1", d->e);
	int64_t f;
	size_t k;

	if (st == NULL || msg == NULL)
		return -1;
	for (f = 1; f <= d->flags; f++) {
		uint64_t r = rnd(d, R_FLAG, f, 2);
		int64_t account = flagged_account(d, f), reporter, created;
		int reason = pick_reason(r), severity = reasons[reason].severity;
		const char *status;
		int64_t message = 0;

		if (rnd(d, R_FLAG, f, 3) % 20 == 0 && d->n >= 100)
			reporter = d->n / 3 + (int64_t)(r % 2);
		else
			reporter = 1 + below(rnd(d, R_FLAG, f, 4), d->n);
		if (reporter == account)
			reporter = reporter % d->n + 1;
		/* Severity varies a little around the reason's. */
		if ((r >> 20) % 5 == 0 && severity > 1)
			severity--;
		created = d->base - below(rnd(d, R_FLAG, f, 5), 120 * 86400) -
		    1800;
		if (is_mass_reporter(d, reporter))
			status = (r >> 30) % 10 == 0 ? "upheld" : "dismissed";
		else if (created > d->base - 45 * 86400 && (r >> 30) % 10 < 8)
			status = "open";
		else
			status = (r >> 34) % 3 == 0 ? "dismissed" : "upheld";
		if (strcmp(reasons[reason].reason, "phishing") == 0 ||
		    strcmp(reasons[reason].reason, "off_platform") == 0 ||
		    strcmp(reasons[reason].reason, "harassment") == 0) {
			int rc;

			sqlite3_reset(msg);
			sqlite3_bind_int64(msg, 1, account);
			rc = sqlite3_step(msg);
			if (rc == SQLITE_ROW)
				message = sqlite3_column_int64(msg, 0);
			sqlite3_reset(msg);
		}
		if (insert_flag(d, st, account, reporter, reason, severity,
		    PICK(details, r >> 40), created, status, message) < 0)
			return -1;
		if (f % 10000 == 0 || f == d->flags)
			progress(d, "flags", f, d->flags);
	}
	/* The hostile accounts are reported, fresh and severe, so that they
	 * sit on the first page of the queue. */
	for (k = 0; k < W_NELEM(hostile) && d->n > 20; k++) {
		int64_t id = hostile_index(d, k), j;

		for (j = 0; j < 3; j++) {
			int64_t reporter = 12 * (1 + (int64_t)(k + j) %
			    (d->n / 12 > 0 ? d->n / 12 : 1));

			if (reporter > d->n || reporter == id)
				reporter = 1 + (id + j) % d->n;
			if (insert_flag(d, st, id, reporter, j == 0 ? 1 : 0, 3,
			    "strange characters in the name and messages",
			    d->base - (int64_t)(k + 1) * 3600 - j * 600, "open",
			    0) < 0)
				return -1;
		}
	}
	/* Each reporter's record: how often their flags were upheld. */
	return sq_run(d->s, d->e, "UPDATE account SET "
	    "reports_upheld = (SELECT count(*) FROM flag WHERE reporter_id = "
	    "account.id AND status = 'upheld'), reports_dismissed = (SELECT "
	    "count(*) FROM flag WHERE reporter_id = account.id AND status = "
	    "'dismissed')", "");
}

/* ------------------------------------------------------------------ */
/* Moderation history, through the one write path. */

struct hist {
	int64_t at;
	enum action_kind kind;
	int64_t target;
	const char *actor, *reason;
	const char *k1, *v1, *k2, *v2;
	const char *name;
};

static int
hist_cmp(const void *a, const void *b)
{
	const struct hist *x = a, *y = b;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->kind < y->kind ? -1 : x->kind > y->kind;
}

/* Applies one historical action at its time; a refusal (the account was
 * banned meanwhile, say) is part of history too and is skipped. */
static int
replay_hist(struct demo *d, const struct hist *h, int64_t *audit_id)
{
	struct action a;
	struct action_result res = { 0 };
	struct werr e;
	int rc;

	d->clock = h->at;
	action_init(&a, h->kind);
	a.target = h->target;
	action_set_text(&a.actor, h->actor);
	action_set_text(&a.reason, h->reason);
	action_set_text(&a.target_name, h->name);
	if (h->k1)
		action_set_param(&a, h->k1, h->v1);
	if (h->k2)
		action_set_param(&a, h->k2, h->v2);
	rc = store_apply(d->st, &a, 1, &res, &e);
	action_free(&a);
	if (audit_id)
		*audit_id = rc == 0 ? res.audit_id : 0;
	action_result_free(&res);
	if (rc < 0 && (e.kind == WE_INTERNAL || e.kind == WE_IO ||
	    e.kind == WE_TEMP)) {
		*d->e = e;
		return -1;
	}
	return 0;
}

static int decide_appeals(struct demo *d, int64_t until);

static int
make_history(struct demo *d)
{
	static const char *const warn_reasons[] = { "@spam", "@first_warning",
		"rude messages to buyers", "@off_platform" };
	static const char *const susp_reasons[] = { "@phishing", "@fraud",
		"asked three buyers to pay outside the app",
		"repeated harassment after a warning" };
	static const char *const durations[] = { "3d", "7d", "14d", "30d" };
	int64_t nwarn = d->n / 40 > 300 ? 300 : d->n / 40;
	int64_t nsusp = d->n / 100 > 120 ? 120 : d->n / 100;
	int64_t nban = d->n / 400 > 40 ? 40 : d->n / 400;
	int64_t nhist = nwarn + nsusp + nban + 64, i, h = 0;
	struct hist *hs = xcalloc((size_t)nhist, sizeof *hs);
	int rc = 0;

	for (i = 0; i < nwarn + nsusp + nban; i++) {
		uint64_t r = rnd(d, R_HISTORY, i, 1);
		int64_t target = 0, tries;
		struct hist *x = &hs[h++];

		for (tries = 0; tries < 20; tries++) {
			target = 1 + below(rnd(d, R_HISTORY, i, 2 + (int)tries),
			    d->n);
			if (is_troublemaker(d, target) &&
			    hostile_of(d, target) < 0)
				break;
		}
		x->target = target;
		x->at = d->base - 60 * 86400 + below(r, 59 * 86400);
		if (x->at < account_created(d, target))
			x->at = account_created(d, target) + 3600;
		x->actor = (r >> 20) % 3 == 0 ? "bob" : "carol";
		if (i < nwarn) {
			x->kind = A_WARN;
			x->reason = PICK(warn_reasons, r >> 24);
		} else if (i < nwarn + nsusp) {
			x->kind = A_SUSPEND;
			x->reason = PICK(susp_reasons, r >> 24);
			x->k1 = "for";
			x->v1 = PICK(durations, r >> 28);
		} else {
			x->kind = A_BAN;
			x->actor = "alice";
			x->reason = "@fraud";
		}
	}
	/* A few notes, tags, a muted mass reporter and leaders. */
	for (i = 0; i < 12 && d->n > 30; i++) {
		struct hist *x = &hs[h++];

		x->kind = i % 2 ? A_TAG : A_NOTE;
		x->target = hostile_index(d, (size_t)i % W_NELEM(hostile));
		x->at = d->base - (int64_t)(30 - i) * 3600;
		x->actor = "carol";
		if (x->kind == A_TAG) {
			x->k1 = "tag";
			x->v1 = i % 4 == 1 ? "hostile-name" : "watch";
		} else {
			x->k1 = "text";
			x->v1 = "Name and messages carry terminal escape "
			    "sequences; see the thread.";
			x->k2 = i == 0 ? "sticky" : NULL;
			x->v2 = i == 0 ? "1" : NULL;
		}
	}
	if (d->n >= 100) {
		struct hist *x = &hs[h++];

		x->kind = A_MUTE;
		x->target = d->n / 3;
		x->at = d->base - 10 * 86400;
		x->actor = "bob";
		x->reason = "files dozens of flags a week, nearly all dismissed";
	}
	for (i = 1; i <= 3 && i * 12 * 8 <= d->n; i++) {
		struct hist *x = &hs[h++];

		x->kind = A_TRUST;
		x->target = i * 12 * 8;
		x->at = d->base - (int64_t)(40 + i) * 86400;
		x->actor = "alice";
		x->reason = "community leader: runs the local meetups";
		x->k1 = "level";
		x->v1 = "4";
	}
	qsort(hs, (size_t)h, sizeof *hs, hist_cmp);
	for (i = 0; i < h && rc == 0; i++) {
		int64_t audit = 0;

		/* the audit log goes forward in time: decisions on appeals
		 * due by now come first */
		rc = decide_appeals(d, hs[i].at);
		if (rc == 0)
			rc = replay_hist(d, &hs[i], &audit);
		/* Some strikes are appealed by the member within the window;
		 * the newest ones are still pending. */
		if (rc == 0 && audit && (hs[i].kind == A_SUSPEND ||
		    hs[i].kind == A_BAN || (hs[i].kind == A_WARN && i % 5 == 0))
		    && rnd(d, R_APPEAL, i, 1) % 3 == 0) {
			int64_t filed = hs[i].at + (1 + below(rnd(d, R_APPEAL, i,
			    2), 4)) * 86400;

			if (filed < d->base)
				rc = sq_run(d->s, d->e, "INSERT INTO appeal("
				    "strike_id, text, filed_at) SELECT id, ?, ? "
				    "FROM strike WHERE audit_id = ?", "tii",
				    hs[i].kind == A_BAN ? "I was hacked, "
				    "those messages were not mine." :
				    "I did nothing wrong, the buyer lied.",
				    filed, audit);
		}
	}
	if (rc == 0)
		rc = decide_appeals(d, d->base);
	free(hs);
	return rc;
}

/* Decide the oldest appeals, as seniors would have: those filed more than
 * 12 days before the demo's now, two days after they were filed, each
 * when its time comes before `until` (the history is replayed in time
 * order, and so is the audit log). */
static int
decide_appeals(struct demo *d, int64_t until)
{
	struct rows *r = NULL;
	size_t i;
	int rc;

	rc = sq_rows(d->s, d->e, &r, "SELECT p.id, p.filed_at, k.given_by FROM "
	    "appeal p JOIN strike k ON k.id = p.strike_id WHERE p.filed_at < ? "
	    "AND p.filed_at + 172800 > ? AND p.filed_at + 172800 <= ? "
	    "ORDER BY p.filed_at", "iii", d->base - 12 * 86400,
	    d->appeals_until, until);
	d->appeals_until = until;
	for (i = 0; rc == 0 && i < r->nrows; i++) {
		struct hist h = { 0 };

		d->appeals_decided++;
		h.at = rows_int(r, i, "filed_at", 0) + 2 * 86400;
		h.kind = A_DECIDE;
		h.target = rows_int(r, i, "id", 0);
		h.actor = str_eq(rows_text(r, i, "given_by"), "bob") ? "alice" :
		    "bob";
		h.reason = "reviewed the thread and the strike";
		h.k1 = "outcome";
		h.v1 = d->appeals_decided % 3 == 1 ? "overturned" : "upheld";
		h.k2 = "reply";
		h.v2 = d->appeals_decided % 3 == 1 ? "You were right: the strike is lifted." :
		    "The messages show what the strike says; it stands.";
		rc = replay_hist(d, &h, NULL);
	}
	rows_free(r);
	return rc;
}

/* ------------------------------------------------------------------ */

static int
insert_escalations(struct demo *d)
{
	struct rows *r = NULL;
	int64_t count = d->n / 25 > 4000 ? 4000 : d->n / 25, i;
	static const char *const statuses[] = { "open", "open", "open",
		"acknowledged", "resolved" };
	int rc = 0;

	if (count < 6)
		count = 6;
	/* inquiries: threads whose only message is the asker's */
	rc = sq_rows(d->s, d->e, &r, "SELECT t.id AS thread, m.sender_id AS "
	    "asker, o.account_id AS owner, m.sent_at FROM thread t JOIN message "
	    "m ON m.thread_id = t.id JOIN participant o ON o.thread_id = t.id "
	    "AND o.account_id <> m.sender_id WHERE t.id IN (SELECT thread_id "
	    "FROM message GROUP BY thread_id HAVING count(*) = 1) "
	    "ORDER BY t.id LIMIT ?", "i", count);
	for (i = 0; rc == 0 && r && i < (int64_t)r->nrows; i++) {
		uint64_t x = rnd(d, R_ESCALATION, i, 1);
		int level = (int)(i % 6);
		int64_t opened = rows_int(r, (size_t)i, "sent_at", 0) + 86400;
		const char *status = PICK(statuses, x);
		char channel[16] = "";

		if (opened > d->base)
			opened = d->base - 3600;
		if (level > 0) {
			sqlite3_stmt *st = sq_prep(d->s, "SELECT channel FROM "
			    "escalation_rule WHERE level = ?", d->e);

			if (st == NULL) {
				rc = -1;
				break;
			}
			sqlite3_bind_int(st, 1, level);
			if (sqlite3_step(st) == SQLITE_ROW)
				snprintf(channel, sizeof channel, "%s",
				    sqlite3_column_text(st, 0));
			sqlite3_reset(st);
		}
		rc = sq_run(d->s, d->e, "INSERT INTO escalation(kind, account_id, "
		    "thread_id, opened, due, level, channel, status, assignee) "
		    "VALUES ('inquiry', ?, ?, ?, ?, ?, ?, ?, ?)", "iiiiittt",
		    rows_int(r, (size_t)i, "owner", 0),
		    rows_int(r, (size_t)i, "thread", 0), opened,
		    /* some overdue, some due later today */
		    x % 3 == 0 ? d->base + (int64_t)below(x >> 8, 20) * 3600 :
		    d->base - (int64_t)below(x >> 8, 48) * 3600 - 600,
		    (int64_t)level, level ? channel : NULL, status,
		    level == 5 || strcmp(status, "acknowledged") == 0 ?
		    ((x >> 16) % 2 ? "bob" : "carol") : NULL);
	}
	rows_free(r);
	r = NULL;
	/* flags past their deadline, and disputes */
	if (rc == 0)
		rc = sq_run(d->s, d->e, "INSERT INTO escalation(kind, account_id, "
		    "flag_id, opened, due, level, channel, status) SELECT 'flag', "
		    "account_id, id, deadline, deadline + 86400, 1, 'in_app', "
		    "'open' FROM flag WHERE status = 'open' AND deadline < ? "
		    "ORDER BY created LIMIT ?", "ii", d->base - 86400, count / 2);
	if (rc == 0)
		rc = sq_run(d->s, d->e, "INSERT INTO escalation(kind, account_id, "
		    "thread_id, opened, due, level, channel, status, assignee) "
		    "SELECT 'dispute', p.account_id, p.thread_id, ? , ?, 5, "
		    "'moderator', 'open', 'bob' FROM participant p WHERE "
		    "p.role IN ('buyer', 'guest') AND p.thread_id % 97 = 3 "
		    "LIMIT ?", "iii", d->base - 3 * 86400, d->base - 86400,
		    count / 4);
	return rc;
}

static int
add_templates(struct demo *d)
{
	static const struct {
		const char *name, *text;
	} t[] = {
		{ "phishing", "Sent links to a fake payment page ({handle})" },
		{ "off_platform", "Asked to take the deal off the platform" },
		{ "spam", "Repeated unsolicited messages" },
		{ "fraud", "Took payment and did not deliver" },
		{ "harassment", "Threatening or abusive messages to {handle}'s "
		    "counterparts" },
		{ "first_warning", "First warning: please keep deals and "
		    "messages on the platform" },
	};
	size_t i;
	int rc = 0;

	for (i = 0; i < W_NELEM(t) && rc == 0; i++) {
		struct hist h = { 0 };

		h.at = d->base - 400 * 86400 + (int64_t)i;
		h.kind = A_TEMPLATE_ADD;
		h.actor = "alice";
		h.name = t[i].name;
		h.k1 = "text";
		h.v1 = t[i].text;
		rc = replay_hist(d, &h, NULL);
	}
	return rc;
}

static int
add_moderators(struct demo *d)
{
	static const struct {
		const char *name, *role;
	} m[] = { { "alice", "admin" }, { "bob", "senior" },
		  { "carol", "moderator" } };
	size_t i;
	int rc = 0;

	d->clock = d->base - 401 * 86400;
	if (sqlite_store_bootstrap_admin(d->st, d->login, d->e) < 0)
		return -1;
	for (i = 0; i < W_NELEM(m) && rc == 0; i++) {
		struct hist h = { 0 };

		if (str_eq(m[i].name, d->login))
			continue;
		h.at = d->base - 401 * 86400 + 60 + (int64_t)i;
		h.kind = A_MODERATOR_ADD;
		h.actor = d->login;
		h.name = m[i].name;
		h.k1 = "role";
		h.v1 = m[i].role;
		rc = replay_hist(d, &h, NULL);
	}
	return rc;
}

/* The marketplace's cron ran its sweep six hours ago: the detectors have
 * looked at everything, escalations were opened and climbed then, and
 * what fell due since is overdue now.  So a new demo shows marks and a
 * realistic escalation list, and the moderator's first sweep does not
 * open hundreds at once. */
static int
run_sweep(struct demo *d)
{
	struct hist h = { 0 };

	h.at = d->base - 6 * 3600;
	h.kind = A_SWEEP;
	h.actor = "alice";
	return replay_hist(d, &h, NULL);
}

/* Live claims: someone is working the queue right now. */
static int
add_claims(struct demo *d)
{
	struct rows *r = NULL;
	size_t i;
	int rc;

	rc = sq_rows(d->s, d->e, &r, "SELECT id FROM account WHERE "
	    "open_flags > 0 ORDER BY queue_priority DESC, id DESC LIMIT 8", "");
	for (i = 0; rc == 0 && i < r->nrows; i++) {
		struct hist h = { 0 };

		if (i != 2 && i != 5)
			continue;
		h.at = d->base - (i == 2 ? 600 : 300);
		h.kind = A_CLAIM;
		h.target = rows_int(r, i, "id", 0);
		h.actor = i == 2 ? "bob" : "carol";
		rc = replay_hist(d, &h, NULL);
	}
	rows_free(r);
	return rc;
}

int
demo_create(const char *path, const struct demo_options *o, struct werr *e)
{
	struct demo d;
	struct werr local;
	int rc = -1;

	memset(&d, 0, sizeof d);
	if (e == NULL)
		e = &local;
	d.e = e;
	d.seed = o->seed ? o->seed : 1;
	d.n = o->accounts ? o->accounts : 2000;
	d.login = o->login && *o->login ? o->login : "admin";
	d.quiet = o->quiet;
	d.tty = isatty(STDERR_FILENO);
	clock_gettime(CLOCK_MONOTONIC, &d.t0);
	if (d.n < 10 || d.n > 100000000)
		return werr_field(e, WE_USAGE, "accounts", "--accounts must be "
		    "from 10 to 100000000");
	d.threads = d.n * 4;
	d.flags = d.n * 3 / 4;
	d.st = sqlite_store_open(path, STORE_OPEN_CREATE, e);
	if (d.st == NULL)
		return -1;
	d.s = sq_of(d.st);
	d.base = sq_now(d.s);
	d.clock = d.base;
	sqlite_store_set_clock(d.st, demo_clock, &d);
	/* A demo can be made again if the machine dies: no fsync per row. */
	if (sqlite3_exec(d.s->db, "PRAGMA synchronous = OFF", NULL, NULL,
	    NULL) != SQLITE_OK)
		goto out;
	if (add_moderators(&d) < 0 || add_templates(&d) < 0)
		goto out;
	if (sq_begin(d.s, e) < 0)
		goto out;
	if (insert_accounts(&d) < 0 || insert_threads(&d) < 0 ||
	    insert_vouches(&d) < 0 || insert_ratings(&d) < 0 ||
	    insert_flags(&d) < 0) {
		sq_rollback(d.s);
		goto out;
	}
	if (sq_commit(d.s, e) < 0)
		goto out;
	d.clock = d.base;
	if (sqlite_store_recompute(d.st, 0, e) < 0)
		goto out;
	progress(&d, "trust", 1, 1);
	if (make_history(&d) < 0)
		goto out;
	progress(&d, "history", 1, 1);
	if (sq_begin(d.s, e) < 0)
		goto out;
	if (insert_escalations(&d) < 0) {
		sq_rollback(d.s);
		goto out;
	}
	if (sq_commit(d.s, e) < 0)
		goto out;
	d.clock = d.base;
	if (sqlite_store_recompute(d.st, 0, e) < 0)
		goto out;
	progress(&d, "escalations", 1, 1);
	if (run_sweep(&d) < 0 || add_claims(&d) < 0)
		goto out;
	progress(&d, "sweep", 1, 1);
	if (sqlite3_exec(d.s->db, "PRAGMA synchronous = FULL; "
	    "PRAGMA optimize; PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL,
	    NULL) != SQLITE_OK) {
		sq_fail(d.s, e, sqlite3_errcode(d.s->db), "demo");
		goto out;
	}
	rc = 0;
out:
	store_close(d.st);
	if (rc < 0) {
		/* a half-made demo is no demo */
		char *side;

		remove(path);
		side = xasprintf("%s-wal", path);
		remove(side);
		free(side);
		side = xasprintf("%s-shm", path);
		remove(side);
		free(side);
	}
	return rc;
}
