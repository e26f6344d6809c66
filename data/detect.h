/* data/detect.h: the detectors.  They read what marketplace users wrote
 * and did, and leave marks (and, through the scan, flags) for a moderator;
 * they never act on an account by themselves.
 *
 *   contact        phone numbers, emails (also "name at gmail dot com"),
 *                  spelled-out digits, "whatsapp me": taking the deal off
 *                  the platform
 *   phishing       links to look-alikes of the marketplace's own domains
 *   impersonation  display names or handles that copy another account's
 *                  handle through look-alike characters, or play staff
 *   vouch_ring     young or low-trust accounts vouching mostly for each
 *                  other
 *   retaliatory    a low rating given soon after receiving one from the
 *                  same counterpart on the same transaction
 *
 * The text detectors (first half) are pure functions of the text and the
 * marketplace's domains, so that they are tested without a database.  The
 * scan (second half) runs them over the store. */
#ifndef WARDEN_DETECT_H
#define WARDEN_DETECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

enum detector {
	DET_CONTACT, DET_PHISHING, DET_IMPERSONATION, DET_VOUCH_RING,
	DET_RETALIATORY, DET__COUNT
};
/* "contact", "phishing", "impersonation", "vouch_ring", "retaliatory",
 * NULL */
extern const char *const detector_names[];

/* ------------------------------------------------------------------ */
/* Folding: text made comparable.  ASCII letters are lowered; look-alike
 * letters of other scripts (a compact hand-made table of the common
 * Cyrillic and Greek ones), fullwidth forms, mathematical letters and
 * accented Latin letters become their plain Latin letter; zero-width and
 * bidi characters and combining marks vanish; Unicode spaces, dashes and
 * dots become ASCII ones.  Every folded byte remembers where it came from
 * in the original, so that a match is shown on the original text.
 *
 * The skeleton (in the spirit of UTS #39) goes further, for identifiers:
 * 0 -> o, 1 and | -> l, "rn" -> m, "vv" -> w. */

enum {
	SCRIPT_LATIN = 1, SCRIPT_CYRILLIC = 2, SCRIPT_GREEK = 4,
	SCRIPT_OTHER = 8
};

struct fold {
	char *s;		/* folded text, NUL-terminated */
	size_t len;
	size_t *src;		/* src[i]: offset in the original of byte i;
				 * src[len]: the original length */
	unsigned scripts;	/* SCRIPT_* of the letters seen */
	bool lookalike;		/* a letter was taken for another (another
				 * script, fullwidth, mathematical) */
	bool hidden;		/* an invisible character was dropped */
};

void fold_text(const char *in, size_t len, bool skeleton, struct fold *out);
void fold_free(struct fold *f);
/* The skeleton of s, allocated. */
char *skeleton(const char *s);
/* The skeleton with separators (space _ . -) dropped: the key under which
 * names and handles are compared. */
char *name_key(const char *s);
/* Punycode (RFC 3492) to UTF-8, for "xn--" labels; NULL if malformed. */
char *punycode_decode(const char *in, size_t len);

/* ------------------------------------------------------------------ */
/* Findings in one text. */

struct finding {
	enum detector det;
	size_t pos, len;	/* the match, in bytes of the original */
	char *why;		/* what was found, with the matched text */
};

struct findings {
	struct finding *v;
	size_t n, cap;
};

void findings_free(struct findings *f);

/* Adds a finding over folded bytes [fs, fe) of f, shown as the original
 * text after the label: "phone number: +1 555 ...".  One inside a finding
 * of the same detector is the same thing seen twice and is dropped. */
void finding_add(struct findings *out, enum detector det,
    const struct fold *f, const char *orig, size_t fs, size_t fe,
    const char *fmt, ...) W_PRINTF(7, 8);

/* The marketplace's own domains (meta marketplace_domains). */
struct domains {
	char **v;		/* lowercase */
	size_t n;
};

/* "warden-market.example, other.example" */
void domains_parse(const char *list, struct domains *d);
void domains_free(struct domains *d);
/* host (lowercase, as written) is one of own or under one of them. */
bool domain_is_own(const char *host, const struct domains *own);
/* Why host imitates one of own ("imitates warden-market.example: other
 * TLD"), allocated; NULL when it does not (or is own). */
char *domain_lookalike(const char *host, const struct domains *own,
    int max_distance);

/* Contact details in a message (DET_CONTACT findings). */
void detect_contact(const char *body, size_t len, const struct domains *own,
    struct findings *out);
/* Links to look-alike domains (DET_PHISHING findings). */
void detect_links(const char *body, size_t len, const struct domains *own,
    int max_distance, struct findings *out);
/* A name playing the marketplace's staff: the word it uses ("support"),
 * allocated, or NULL. */
char *staff_word(const char *name, const struct domains *own);

/* ------------------------------------------------------------------ */
/* The scan over the store (detect_scan.c), inside an action's
 * transaction.  Every mark is recorded once (the mark table is unique on
 * what it marks), so a scan is idempotent: a second one finds nothing
 * new.  A new mark raises a flag with the detector as its reporter unless
 * the account already has an open flag from that detector (or the
 * detector's severity rule is 0: marks only).
 *
 * "When data arrives": warden has no ingestion API; the marketplace writes
 * its rows into the database.  Each sweep runs the scan incrementally,
 * over the messages, accounts and ratings past the high-water marks kept
 * in meta (detect_hw_*), and the ring detector when the vouches changed.
 * `scan` runs it over everything (or, with new, like the sweep). */

struct actx;

struct scan_report {
	int64_t messages, accounts, ratings;	/* read */
	int64_t marks[DET__COUNT];		/* new marks */
	int64_t flags;				/* flags raised */
	int64_t excluded;			/* ratings made retaliatory */
	int64_t rings, ring_members;
};

/* which: a bit per detector (1u << DET_x); full: everything, not only
 * what is new. */
int detect_scan(struct actx *x, unsigned which, bool full,
    struct scan_report *rep, struct werr *e);
/* "12 marks (3 contact, 1 phishing), 2 flags raised, ..." or "nothing
 * new"; appended to b. */
void scan_report_format(const struct scan_report *rep, struct buf *b);

/* detect_ring.c: finds rings and marks their members. */
int detect_rings(struct actx *x, struct scan_report *rep, struct werr *e);
/* detect_scan.c, shared with detect_ring.c: records a mark and raises
 * its flag.  Returns 1 if the mark is new, 0 if known, -1 on error. */
struct mark {
	enum detector det;
	const char *target_type;	/* "message", "account", "rating" */
	int64_t target_id, account, message;
	const char *field;		/* "body", "display_name", ... */
	size_t pos, len;
	const char *why;
	int64_t grp;			/* a ring's id, or 0 */
};
int mark_record(struct actx *x, const struct mark *m, struct scan_report *rep,
    struct werr *e);
/* The look-up of a detector's open flag on an account (its query plan is
 * tested). */
extern const char detect_flag_sql[];

#endif
