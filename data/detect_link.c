/* data/detect_link.c: links to look-alikes of the marketplace's own
 * domains (phishing), and names that play the marketplace's staff.
 *
 * A host imitates an own domain O when, after folding look-alike
 * characters and taking its skeleton:
 *   - it is O or under O, though not written as O (wаrden with a Cyrillic
 *     a, warden-rnarket, xn-- punycode of either);
 *   - its name is O's under another TLD (warden-market.com);
 *   - its name is one or two edits from O's (swapped, doubled, dropped or
 *     changed letters: wardne-market, warden-markett, wardenmarket); two
 *     only for names of eight letters or more, none under four;
 *   - it carries O or O's name inside a longer one
 *     (warden-market.example.login.io, secure-warden-market.net);
 *   - a URL shows O before an '@' (https://warden-market.example@evil/).
 * O itself and its subdomains are never marked. */
#include "detect.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/safe.h"

static bool
is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	    (c >= 'A' && c <= 'Z');
}

/* Bytes of a host character at t[i] (letter, digit, '-', '.', or a
 * letter of another script), 0 if there is none. */
static size_t
host_char(const char *t, size_t n, size_t i)
{
	unsigned cp;
	size_t k;

	if (is_alnum(t[i]) || t[i] == '-' || t[i] == '.')
		return 1;
	if ((unsigned char)t[i] < 0x80)
		return 0;
	k = utf8_decode((const unsigned char *)t + i, n - i, &cp);
	if (k == 0)
		return 0;
	if ((cp >= 0xc0 && cp < 0x2000 && cp != 0xd7 && cp != 0xf7) ||
	    (cp >= 0x3040 && cp < 0xfe00) || (cp >= 0x10000 && cp < 0x1f000))
		return k;
	return 0;
}

/* Is there a host character just before t[i]?  (Steps back over the
 * continuation bytes of a multibyte character.) */
static bool
host_char_before(const char *t, size_t n, size_t i)
{
	size_t j = i;

	if (i == 0)
		return false;
	j--;
	while (j > 0 && ((unsigned char)t[j] & 0xc0) == 0x80)
		j--;
	return host_char(t, n, j) != 0;
}

/* Reads a host at t[i] into h (defanged "[.]" read as a dot); returns its
 * end.  A sentence's full stop or a dash after it is not part of it. */
static size_t
host_read(const char *t, size_t n, size_t i, struct buf *h)
{
	size_t j = i, k, good_j = i, good_len = 0;

	buf_reset(h);
	buf_grow(h, 1);
	while (j < n) {
		if (j + 2 < n && strchr("[({", t[j]) && t[j + 1] == '.' &&
		    strchr("])}", t[j + 2])) {
			buf_addc(h, '.');
			j += 3;
			continue;
		}
		if ((k = host_char(t, n, j)) == 0)
			break;
		buf_add(h, t + j, k);
		j += k;
		if (t[j - k] != '.' && t[j - k] != '-') {
			good_j = j;
			good_len = h->len;
		}
	}
	h->len = good_len;
	h->s[good_len] = '\0';
	return good_j;
}

/* Is h shaped like a domain: two labels or more, the last of letters (or
 * punycode, or another script's letters)? */
static bool
domain_shaped(const char *h)
{
	const char *dot = strrchr(h, '.'), *p;

	if (dot == NULL || dot == h || strlen(dot + 1) < 2)
		return false;
	if (strncmp(dot + 1, "xn--", 4) == 0)
		return true;
	for (p = dot + 1; *p; p++)
		if (isdigit((unsigned char)*p) || *p == '-')
			return false;
	return true;
}

/* Replaces each "xn--" label by its decoded and folded form. */
static char *
decode_labels(const char *h)
{
	struct buf b = BUF_INIT;
	const char *p = h;

	while (*p) {
		const char *end = strchr(p, '.');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char *u;

		if (n > 4 && strncmp(p, "xn--", 4) == 0 &&
		    (u = punycode_decode(p + 4, n - 4)) != NULL) {
			struct fold f;

			fold_text(u, strlen(u), false, &f);
			buf_adds(&b, f.s);
			fold_free(&f);
			free(u);
		} else
			buf_add(&b, p, n);
		if (end == NULL)
			break;
		buf_addc(&b, '.');
		p = end + 1;
	}
	return buf_steal(&b);
}

static bool
ends_with_label(const char *h, const char *d)
{
	size_t hl = strlen(h), dl = strlen(d);

	if (hl == dl)
		return strcmp(h, d) == 0;
	return hl > dl && h[hl - dl - 1] == '.' && strcmp(h + hl - dl, d) == 0;
}

static char *
strip_hyphens(const char *s)
{
	char *r = xstrdup(s), *p, *q;

	for (p = q = r; *p; p++)
		if (*p != '-')
			*q++ = *p;
	*q = '\0';
	return r;
}

/* The registrable name of a host: its label before the TLD, or before a
 * two-letter country's co/com/org/net/ac/gov/edu ("shop.co.uk" -> shop).
 * *tld is set to what follows it. */
static char *
registrable_name(const char *h, const char **tld)
{
	const char *last = strrchr(h, '.'), *prev = NULL, *p;

	*tld = "";
	if (last == NULL)
		return xstrdup(h);
	for (p = h; p < last; p++)
		if (*p == '.')
			prev = p;
	if (prev && strlen(last + 1) == 2) {
		size_t n = (size_t)(last - prev - 1);
		const char *second = prev + 1;

		if ((n == 2 && (strncmp(second, "co", 2) == 0 ||
		    strncmp(second, "ac", 2) == 0)) || (n == 3 &&
		    (strncmp(second, "com", 3) == 0 || strncmp(second, "org",
		    3) == 0 || strncmp(second, "net", 3) == 0 ||
		    strncmp(second, "gov", 3) == 0 || strncmp(second, "edu",
		    3) == 0))) {
			const char *start = h, *q;

			for (q = h; q < prev; q++)
				if (*q == '.')
					start = q + 1;
			*tld = prev + 1;
			return xstrndup(start, (size_t)(prev - start));
		}
	}
	*tld = last + 1;
	return xstrndup(prev ? prev + 1 : h, (size_t)(last - (prev ? prev + 1
	    : h)));
}

static char *
lookalike_one(const char *hs, const char *own, int max_distance)
{
	char *so = skeleton(own), *core_o, *name = NULL, *bare_o = NULL;
	char *bare_h = NULL, *r = NULL, *with_dot;
	const char *tld_o, *tld_h, *found;
	size_t d, allowed, core_len;

	core_o = registrable_name(so, &tld_o);
	core_len = strlen(core_o);
	if (ends_with_label(hs, so)) {
		r = xasprintf("imitates %s: look-alike characters", own);
		goto out;
	}
	name = registrable_name(hs, &tld_h);
	if (core_len >= 3 && strcmp(name, core_o) == 0) {
		r = xasprintf("imitates %s: same name under .%s", own, tld_h);
		goto out;
	}
	allowed = core_len >= 8 ? 2 : core_len >= 4 ? 1 : 0;
	if (allowed > (size_t)(max_distance > 0 ? max_distance : 0))
		allowed = (size_t)(max_distance > 0 ? max_distance : 0);
	d = str_edit_distance(name, core_o);
	if (d > 0 && d <= allowed) {
		r = xasprintf("imitates %s: %zu letter%s apart", own, d,
		    d == 1 ? "" : "s");
		goto out;
	}
	/* O inside a longer host: "warden-market.example.login.io" */
	with_dot = xasprintf("%s.", so);
	found = strstr(hs, with_dot);
	free(with_dot);
	if (found == NULL && (found = strstr(hs, so)) != NULL &&
	    found[strlen(so)] != '-')
		found = NULL;
	if (found && (found == hs || found[-1] == '.' || found[-1] == '-')) {
		r = xasprintf("imitates %s: carries it inside another domain",
		    own);
		goto out;
	}
	bare_o = strip_hyphens(core_o);
	bare_h = strip_hyphens(hs);
	if (strlen(bare_o) >= 5 && strstr(bare_h, bare_o) != NULL) {
		r = xasprintf("imitates %s: carries its name", own);
		goto out;
	}
out:
	free(so);
	free(core_o);
	free(name);
	free(bare_o);
	free(bare_h);
	return r;
}

char *
domain_lookalike(const char *host, const struct domains *own,
    int max_distance)
{
	char *decoded, *hs, *r = NULL;
	const char *p;
	size_t i;

	if (domain_is_own(host, own))
		return NULL;
	decoded = decode_labels(host);
	hs = skeleton(decoded);
	p = strncmp(hs, "www.", 4) == 0 ? hs + 4 : hs;
	for (i = 0; i < own->n && r == NULL; i++)
		r = lookalike_one(p, own->v[i], max_distance);
	free(decoded);
	free(hs);
	return r;
}

/* "https://warden-market.example@evil.example/": the part before the
 * '@' reads as the host to a hurried eye. */
static char *
userinfo_disguise(const char *u, size_t n, const struct domains *own,
    int max_distance)
{
	char *info = xstrndup(u, n), *why = NULL, *colon;
	size_t i;

	if ((colon = strchr(info, ':')) != NULL)
		*colon = '\0';
	for (i = 0; i < own->n && why == NULL; i++)
		if (strstr(info, own->v[i]) != NULL)
			why = xasprintf("imitates %s: shows it before an @, "
			    "the real host follows", own->v[i]);
	if (why == NULL && strchr(info, '.') != NULL) {
		char *like = domain_lookalike(info, own, max_distance);

		if (like) {
			why = xasprintf("%s, before an @", like);
			free(like);
		}
	}
	free(info);
	return why;
}

static bool
is_url_end(char c)
{
	return c == '\0' || isspace((unsigned char)c) || c == '"' ||
	    c == '\'' || c == '<' || c == '>';
}

void
detect_links(const char *body, size_t len, const struct domains *own,
    int max_distance, struct findings *out)
{
	static const char *const schemes[] = { "https://", "http://",
		"hxxps://", "hxxp://", NULL };
	struct buf h = BUF_INIT, raw = BUF_INIT;
	struct fold f;
	const char *t;
	size_t n, i;

	fold_text(body, len, false, &f);
	t = f.s;
	n = f.len;
	for (i = 0; i < n; i++) {
		size_t hs = i, he, ue, k;
		bool url = false;
		char *why = NULL;
		int s;

		if (host_char_before(t, n, i) || (i > 0 && (t[i - 1] == '@' ||
		    t[i - 1] == '/' || t[i - 1] == '\\')))
			;	/* inside a word or a path */
		else {
			for (s = 0; schemes[s]; s++) {
				size_t sl = strlen(schemes[s]);

				if (i + sl <= n && strncmp(t + i, schemes[s],
				    sl) == 0) {
					hs = i + sl;
					url = true;
					break;
				}
			}
		}
		if (url) {
			/* userinfo: the host is after the last '@' */
			size_t us = hs;

			for (k = hs; k < n && !is_url_end(t[k]) &&
			    !strchr("/?#\\", t[k]); k++)
				if (t[k] == '@')
					hs = k + 1;
			if (hs > us)
				why = userinfo_disguise(t + us, hs - 1 - us, own,
				    max_distance);
		} else if (host_char(t, n, i) == 0 || t[i] == '.' ||
		    t[i] == '-' || host_char_before(t, n, i) ||
		    (i > 0 && t[i - 1] == '/'))
			continue;
		he = host_read(t, n, hs, &h);
		if (why == NULL && (he <= hs || !domain_shaped(h.s))) {
			if (he > i + 1)
				i = he - 1;
			continue;
		}
		/* The own domain written plainly (in ASCII, any case, even
		 * defanged) is never a finding; written with other characters
		 * that fold to it, it is the first kind of look-alike. */
		buf_reset(&raw);
		for (k = f.src[hs]; k < f.src[he]; k++)
			buf_addc(&raw, (char)tolower((unsigned char)body[k]));
		for (k = 0; k < raw.len; k++)
			if ((unsigned char)raw.s[k] >= 0x80)
				break;
		if (why) {
			;	/* the userinfo trick, whatever the host */
		} else if (k == raw.len && domain_is_own(h.s, own)) {
			i = he;
			continue;
		} else if (domain_is_own(h.s, own)) {
			size_t o;

			for (o = 0; o < own->n; o++)
				if (ends_with_label(h.s, own->v[o]))
					break;
			why = xasprintf("imitates %s: look-alike characters",
			    own->v[o < own->n ? o : 0]);
		} else if (!domain_is_own(h.s, own))
			why = domain_lookalike(h.s, own, max_distance);
		for (ue = he; ue < n && !is_url_end(t[ue]); ue++)
			;
		while (ue > he && strchr(".,;:!?)]}", t[ue - 1]))
			ue--;
		if (why) {
			finding_add(out, DET_PHISHING, &f, body, url ? i : hs,
			    ue, "link (%s): ", why);
			free(why);
		}
		i = ue > i ? ue - 1 : i;
	}
	buf_free(&h);
	buf_free(&raw);
	fold_free(&f);
}

/* ------------------------------------------------------------------ */
/* Staff imitation. */

static const char *const staff[] = { "support", "admin", "administrator",
	"admins", "official", "staff", "moderator", "moderators",
	"moderation", "helpdesk", "customerservice", "customersupport",
	"trustandsafety", "trustsafety", "securityteam", "safetyteam", NULL };
static const char *const staff_parts[] = { "team", "help", "the", "real",
	"customer", "service", "desk", "center", "centre", "safety", "trust",
	"and", "security", "care", "account", "accounts", "verified", NULL };

static bool
listed(const char *s, size_t n, const char *const *list)
{
	size_t i;

	for (i = 0; list[i]; i++)
		if (strlen(list[i]) == n && strncmp(list[i], s, n) == 0)
			return true;
	return false;
}

static bool
brand_word(const char *s, size_t n, const struct domains *own)
{
	size_t i;

	for (i = 0; i < own->n; i++) {
		const char *tld, *p;
		char *core = registrable_name(own->v[i], &tld), *bare;
		bool hit = false;

		bare = strip_hyphens(core);
		if (strlen(bare) == n && strncmp(bare, s, n) == 0)
			hit = true;
		for (p = core; !hit && *p;) {
			size_t l = strcspn(p, "-");

			if (l == n && l >= 3 && strncmp(p, s, n) == 0)
				hit = true;
			p += l;
			if (*p)
				p++;
		}
		free(core);
		free(bare);
		if (hit)
			return true;
	}
	return false;
}

/* A staff word, alone or joined to another staff word, a brand word
 * ("wardensupport") or a helper ("supportteam").  *word gets the staff
 * word found. */
static bool
staff_compound(const char *s, size_t n, const struct domains *own,
    const char **word)
{
	size_t cut, i;

	for (i = 0; staff[i]; i++) {
		if (strlen(staff[i]) == n && strncmp(staff[i], s, n) == 0) {
			*word = staff[i];
			return true;
		}
	}
	for (cut = 2; cut + 2 <= n; cut++) {
		bool a_staff = listed(s, cut, staff);
		bool b_staff = listed(s + cut, n - cut, staff);
		bool a_other = listed(s, cut, staff_parts) ||
		    brand_word(s, cut, own);
		bool b_other = listed(s + cut, n - cut, staff_parts) ||
		    brand_word(s + cut, n - cut, own);

		if ((a_staff && (b_staff || b_other)) ||
		    (b_staff && a_other)) {
			for (i = 0; staff[i]; i++) {
				const char *w = staff[i];

				if ((a_staff && strlen(w) == cut &&
				    strncmp(w, s, cut) == 0) || (!a_staff &&
				    strlen(w) == n - cut && strncmp(w, s + cut,
				    n - cut) == 0)) {
					*word = w;
					return true;
				}
			}
		}
	}
	return false;
}

char *
staff_word(const char *name, const struct domains *own)
{
	char *k = skeleton(name), *r = NULL;
	size_t starts[32], ends[32], nt = 0, i = 0, n = strlen(k), a, b;
	const char *word;
	struct buf joined = BUF_INIT;

	/* words of letters only: digits and marks split them */
	while (i < n && nt < W_NELEM(starts)) {
		while (i < n && !isalpha((unsigned char)k[i]))
			i++;
		if (i == n)
			break;
		starts[nt] = i;
		while (i < n && isalpha((unsigned char)k[i]))
			i++;
		ends[nt++] = i;
	}
	/* one word, or up to three joined ("trust and safety") */
	for (a = 0; a < nt && r == NULL; a++) {
		buf_reset(&joined);
		for (b = a; b < nt && b < a + 3 && r == NULL; b++) {
			buf_add(&joined, k + starts[b], ends[b] - starts[b]);
			if (staff_compound(joined.s, joined.len, own, &word))
				r = xstrdup(word);
		}
	}
	/* the marketplace's own name as a display name */
	if (r == NULL) {
		buf_reset(&joined);
		for (a = 0; a < nt; a++)
			buf_add(&joined, k + starts[a], ends[a] - starts[a]);
		for (i = 0; i < own->n && r == NULL; i++) {
			const char *tld;
			char *core = registrable_name(own->v[i], &tld);
			char *bare = strip_hyphens(core);

			if (strlen(bare) >= 5 && strcmp(bare, buf_str(&joined))
			    == 0)
				r = xstrdup(own->v[i]);
			free(core);
			free(bare);
		}
	}
	buf_free(&joined);
	free(k);
	return r;
}
