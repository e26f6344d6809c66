/* data/detect_contact.c: contact details in a message, the signs of a deal
 * being taken off the platform: phone numbers (international and common
 * national forms), emails (also spelled out: "jane at gmail dot com"),
 * digits spelled as words ("five five five ..."), and the apps and phrases
 * that move a conversation elsewhere ("whatsapp me").
 *
 * Precision over recall where they pull apart: a moderator who sees a
 * price marked as a phone number stops trusting the marks.  So a bare
 * national number needs a phone-like shape or a contact word nearby, and
 * anything next to a currency, a unit, a date or a time is left alone. */
#include "detect.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Shared with detect_link.c through detect.h: findings and domains. */

void
findings_free(struct findings *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		free(f->v[i].why);
	free(f->v);
	memset(f, 0, sizeof *f);
}

void
domains_parse(const char *list, struct domains *d)
{
	const char *p = list ? list : "";

	memset(d, 0, sizeof *d);
	while (*p) {
		const char *end = p + strcspn(p, ", \t\n");
		size_t n = (size_t)(end - p), i;

		if (n > 0 && n < 254) {
			char *dom = xstrndup(p, n);

			for (i = 0; i < n; i++)
				dom[i] = (char)tolower((unsigned char)dom[i]);
			while (n > 0 && dom[n - 1] == '.')
				dom[--n] = '\0';
			d->v = xreallocarray(d->v, d->n + 1, sizeof *d->v);
			d->v[d->n++] = dom;
		}
		p = *end ? end + 1 : end;
	}
}

void
domains_free(struct domains *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->v[i]);
	free(d->v);
	memset(d, 0, sizeof *d);
}

bool
domain_is_own(const char *host, const struct domains *own)
{
	size_t i, hl = strlen(host);

	while (hl > 0 && host[hl - 1] == '.')
		hl--;
	for (i = 0; i < own->n; i++) {
		size_t ol = strlen(own->v[i]);

		if (hl == ol && strncmp(host, own->v[i], hl) == 0)
			return true;
		if (hl > ol && host[hl - ol - 1] == '.' &&
		    strncmp(host + hl - ol, own->v[i], ol) == 0)
			return true;
	}
	return false;
}

void
finding_add(struct findings *out, enum detector det, const struct fold *f,
    const char *orig, size_t fs, size_t fe, const char *fmt, ...)
{
	struct finding *n;
	struct buf b = BUF_INIT;
	size_t pos = f->src[fs], end = f->src[fe], i;
	va_list ap;

	for (i = 0; i < out->n; i++) {
		/* inside one found already: the same thing seen twice */
		if (out->v[i].det == det && pos >= out->v[i].pos &&
		    end <= out->v[i].pos + out->v[i].len)
			return;
	}
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	/* The matched text, cut at a character boundary. */
	if (end - pos > 160) {
		size_t cut = pos + 160;

		while (cut > pos && ((unsigned char)orig[cut] & 0xc0) == 0x80)
			cut--;
		buf_add(&b, orig + pos, cut - pos);
		buf_adds(&b, "...");
	} else
		buf_add(&b, orig + pos, end - pos);
	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 8;
		out->v = xreallocarray(out->v, out->cap, sizeof *out->v);
	}
	n = &out->v[out->n++];
	n->det = det;
	n->pos = pos;
	n->len = end - pos;
	n->why = buf_steal(&b);
}

/* ------------------------------------------------------------------ */

static bool
is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	    (c >= 'A' && c <= 'Z');
}

/* A letter of another script is left as UTF-8 bytes by folding. */
static bool
is_wordc(char c)
{
	return is_alnum(c) || (unsigned char)c >= 0x80;
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
in_list(const char *s, size_t n, const char *const *list)
{
	size_t i;

	for (i = 0; list[i]; i++)
		if (strlen(list[i]) == n && strncmp(list[i], s, n) == 0)
			return true;
	return false;
}

/* Does the pattern match at t[i] with word boundaries on both sides?  A
 * space in the pattern matches any run of spaces or line ends.  Returns
 * the end, or 0. */
static size_t
match_at(const char *t, size_t n, size_t i, const char *pat)
{
	size_t j = i;

	if (i > 0 && is_wordc(t[i - 1]))
		return 0;
	for (; *pat; pat++) {
		if (*pat == ' ') {
			if (j >= n || !isspace((unsigned char)t[j]))
				return 0;
			while (j < n && isspace((unsigned char)t[j]))
				j++;
			continue;
		}
		if (j >= n || t[j] != *pat)
			return 0;
		j++;
	}
	if (j < n && is_alnum(pat[-1]) && is_wordc(t[j]))
		return 0;
	return j;
}

static bool
has_word(const char *t, size_t n, const char *word)
{
	const char *p = t;

	while ((p = strstr(p, word)) != NULL) {
		if (match_at(t, n, (size_t)(p - t), word))
			return true;
		p++;
	}
	return false;
}

/* ------------------------------------------------------------------ */
/* Emails, plain. */

static bool
local_char(char c)
{
	return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' ||
	    c == '-';
}

static bool
domain_char(char c)
{
	return is_alnum(c) || c == '.' || c == '-';
}

/* The end of a domain starting at i ("gmail.com"), 0 if there is none:
 * at least two labels, the last of letters. */
static size_t
domain_end(const char *t, size_t n, size_t i)
{
	size_t e = i, dot = 0, k;

	while (e < n && domain_char(t[e]))
		e++;
	while (e > i && (t[e - 1] == '.' || t[e - 1] == '-'))
		e--;
	for (k = i; k < e; k++)
		if (t[k] == '.')
			dot = k;
	if (dot == 0 || dot == i || e - dot - 1 < 2)
		return 0;
	for (k = dot + 1; k < e; k++)
		if (!isalpha((unsigned char)t[k]))
			return 0;
	return e;
}

static void
find_emails(const struct fold *f, const char *orig,
    const struct domains *own, struct findings *out)
{
	const char *t = f->s;
	size_t n = f->len, i;

	for (i = 1; i + 1 < n; i++) {
		size_t ls = i, de;
		char *dom;
		bool mine;

		if (t[i] != '@')
			continue;
		while (ls > 0 && local_char(t[ls - 1]))
			ls--;
		while (ls < i && t[ls] == '.')
			ls++;
		if (ls == i || (de = domain_end(t, n, i + 1)) == 0)
			continue;
		dom = xstrndup(t + i + 1, de - i - 1);
		mine = domain_is_own(dom, own);
		free(dom);
		if (!mine)
			finding_add(out, DET_CONTACT, f, orig, ls, de, "email: ");
		i = de;
	}
}

/* ------------------------------------------------------------------ */
/* Emails, spelled out: "jane at gmail dot com", "jane (at) mail [dot]
 * com", "jane @ gmail . com". */

enum sep { SEP_NONE, SEP_PLAIN, SEP_STRONG };

static size_t
skip_spaces(const char *t, size_t n, size_t i, size_t *count)
{
	size_t j = i;

	while (j < n && (t[j] == ' ' || t[j] == '\t'))
		j++;
	if (count)
		*count = j - i;
	return j;
}

/* "at" or "dot" written as a separator at t[i]: bracketed is strong, the
 * symbol is plain (strong when spaced out), the word is as said ("dot"
 * is strong, "at" is everyday English).  Returns the kind, sets *end. */
static enum sep
separator(const char *t, size_t n, size_t i, const char *word, char sym,
    bool word_strong, size_t *end)
{
	size_t sp1, sp2, j = skip_spaces(t, n, i, &sp1), k, wl = strlen(word);

	if (j < n && strchr("([{<", t[j])) {
		k = skip_spaces(t, n, j + 1, NULL);
		if (k + wl <= n && strncmp(t + k, word, wl) == 0)
			k += wl;
		else if (k < n && t[k] == sym)
			k++;
		else
			return SEP_NONE;
		k = skip_spaces(t, n, k, NULL);
		if (k < n && strchr(")]}>", t[k])) {
			*end = skip_spaces(t, n, k + 1, NULL);
			return SEP_STRONG;
		}
		return SEP_NONE;
	}
	if (j < n && t[j] == sym) {
		k = skip_spaces(t, n, j + 1, &sp2);
		*end = k;
		return sp1 && sp2 ? SEP_STRONG : SEP_PLAIN;
	}
	if (sp1 && j + wl <= n && strncmp(t + j, word, wl) == 0 &&
	    (j + wl == n || !is_wordc(t[j + wl]))) {
		k = skip_spaces(t, n, j + wl, &sp2);
		if (sp2 == 0)
			return SEP_NONE;
		*end = k;
		return word_strong ? SEP_STRONG : SEP_PLAIN;
	}
	return SEP_NONE;
}

static const char *const mail_providers[] = { "gmail", "googlemail",
	"yahoo", "hotmail", "outlook", "live", "msn", "icloud", "me", "aol",
	"proton", "protonmail", "pm", "gmx", "mail", "yandex", "zoho",
	"fastmail", "tutanota", "web", "orange", "free", "btinternet",
	"comcast", "qq", "163", NULL };
static const char *const mail_tlds[] = { "com", "net", "org", "io", "co",
	"me", "info", "biz", "us", "uk", "de", "fr", "es", "it", "nl", "be",
	"ch", "at", "ru", "pl", "ca", "au", "in", "br", "mx", "jp", "cn",
	"se", "no", "dk", "fi", "ie", "pt", "eu", "edu", "gov", NULL };

static void
find_spelled_emails(const struct fold *f, const char *orig,
    struct findings *out)
{
	const char *t = f->s;
	size_t n = f->len, i;

	for (i = 0; i < n; i++) {
		size_t le, j, ds, de, labels = 0, last_s = 0, last_e = 0;
		enum sep at, dot;
		bool strong, provider, dotted_plain = true;

		if (!is_alnum(t[i]) || (i > 0 && (is_wordc(t[i - 1]) ||
		    local_char(t[i - 1]))))
			continue;
		for (le = i; le < n && local_char(t[le]); le++)
			;
		while (le > i && (t[le - 1] == '.' || t[le - 1] == '-'))
			le--;
		at = separator(t, n, le, "at", '@', false, &j);
		if (at == SEP_NONE)
			continue;
		ds = j;
		for (de = ds; de < n && (is_alnum(t[de]) || t[de] == '-'); de++)
			;
		if (de - ds < 2)
			continue;
		provider = in_list(t + ds, de - ds, mail_providers);
		strong = at == SEP_STRONG;
		j = de;
		while ((dot = separator(t, n, j, "dot", '.', true, &j)) !=
		    SEP_NONE) {
			size_t s = j, e = j;

			while (e < n && isalpha((unsigned char)t[e]))
				e++;
			if (e - s < 2 || (e < n && is_wordc(t[e])))
				break;
			if (dot == SEP_STRONG)
				strong = true;
			/* a plain dot must touch both sides */
			if (dot == SEP_PLAIN && (t[s - 1] != '.' ||
			    t[last_e ? last_e : de] != '.'))
				break;
			if (dot != SEP_PLAIN)
				dotted_plain = false;
			labels++;
			last_s = s;
			last_e = e;
			j = e;
			if (labels == 3)
				break;
		}
		if (labels == 0 || !in_list(t + last_s, last_e - last_s,
		    mail_tlds))
			continue;
		/* written plainly, it is an email the plain finder has seen */
		if (at == SEP_PLAIN && t[le] == '@' && dotted_plain)
			continue;
		if (!strong && !provider)
			continue;
		finding_add(out, DET_CONTACT, f, orig, i, last_e,
		    "email, spelled out: ");
		i = last_e;
	}
}

/* ------------------------------------------------------------------ */
/* Phone numbers. */

static const char *const phone_words[] = { "call", "text", "txt", "phone",
	"tel", "sms", "whatsapp", "number", "cell", "mobile", "mob", "ring",
	"contact", "reach", "signal", "telegram", "viber", "wechat", "dial",
	"ph", NULL };
static const char *const money_before[] = { "usd", "eur", "gbp", "chf",
	"price", "order", "ref", "invoice", "listing", "sku", "iban",
	"tracking", "isbn", "serial", "id", "tx", "item", "total", "pay",
	"paid", "costs", "cost", NULL };
static const char *const money_after[] = { "usd", "eur", "euro", "euros",
	"dollar", "dollars", "gbp", "pound", "pounds", "chf", "sek", "nok",
	"dkk", "pln", "czk", "jpy", "yen", "inr", "rupees", "aud", "cad",
	"mxn", "brl", "rub", "cents", "bucks", "k", "km", "mi", "miles", "kg",
	"lbs", "g", "ml", "l", "sqft", "m2", "mm", "cm", "kb", "mb", "gb",
	"items", "pcs", "units", "views", "total", "each", "per", "obo",
	"only", "firm", "negotiable", NULL };

static bool
currency_before(const char *t, size_t start)
{
	size_t j = start, ws, we;

	while (j > 0 && t[j - 1] == ' ')
		j--;
	if (j > 0 && (t[j - 1] == '$' || t[j - 1] == '#'))
		return true;
	/* the euro, pound and yen signs stay UTF-8 in folded text */
	if (j >= 3 && memcmp(t + j - 3, "\xe2\x82\xac", 3) == 0)
		return true;
	if (j >= 2 && (memcmp(t + j - 2, "\xc2\xa3", 2) == 0 ||
	    memcmp(t + j - 2, "\xc2\xa5", 2) == 0))
		return true;
	while (j > 0 && (t[j - 1] == ':' || t[j - 1] == ' ' || t[j - 1] == '.'))
		j--;
	we = j;
	while (j > 0 && isalpha((unsigned char)t[j - 1]))
		j--;
	ws = j;
	return we > ws && in_list(t + ws, we - ws, money_before);
}

static bool
currency_after(const char *t, size_t n, size_t end)
{
	size_t j = skip_spaces(t, n, end, NULL), e;

	if (j < n && (t[j] == '$' || t[j] == '%'))
		return true;
	if (j + 3 <= n && memcmp(t + j, "\xe2\x82\xac", 3) == 0)
		return true;
	if (j + 2 <= n && (memcmp(t + j, "\xc2\xa3", 2) == 0 ||
	    memcmp(t + j, "\xc2\xa5", 2) == 0))
		return true;
	for (e = j; e < n && isalnum((unsigned char)t[e]); e++)
		;
	return e > j && !is_wordc(e < n ? t[e] : ' ') &&
	    in_list(t + j, e - j, money_after);
}

struct phone {
	size_t end;
	int digits, groups, group[16];
	bool plus, paren;
	char first[2];
};

/* Reads digit groups from t[i]: "+44 (0)7700 900-123".  Groups are split
 * by one to three of space - . / and a closing parenthesis. */
static void
phone_read(const char *t, size_t n, size_t i, struct phone *p)
{
	size_t j = i;

	memset(p, 0, sizeof *p);
	if (t[j] == '+') {
		p->plus = true;
		j = skip_spaces(t, n, j + 1, NULL);
	}
	for (;;) {
		size_t s, k;
		bool paren = false;

		if (j < n && t[j] == '(') {
			paren = true;
			j++;
		}
		for (s = j; j < n && is_digit(t[j]); j++)
			;
		if (j == s || j - s > 8)
			break;
		if (paren) {
			if (j >= n || t[j] != ')' || j - s > 5)
				break;
			p->paren = true;
			j++;
		}
		if (p->digits == 0) {
			p->first[0] = t[s];
			p->first[1] = j - s > 1 ? t[s + 1] : '\0';
		}
		p->digits += (int)(j - s);
		if (p->groups < 16)
			p->group[p->groups] = (int)(j - s);
		p->groups++;
		p->end = j;
		for (k = j; k < n && k - j < 3 && strchr(" -./", t[k]); k++)
			;
		if (k < n && (is_digit(t[k]) || t[k] == '(') &&
		    (k > j || paren)) {
			/* a single '.' between short groups is a decimal */
			if (k - j == 1 && t[j] == '.' && (j - s < 3))
				break;
			j = k;
			continue;
		}
		break;
	}
}

static bool
looks_like_date(const struct phone *p)
{
	return p->groups >= 3 && p->group[0] == 4 && p->group[1] <= 2 &&
	    p->group[2] <= 2 && ((p->first[0] == '1' && p->first[1] == '9') ||
	    (p->first[0] == '2' && p->first[1] == '0'));
}

/* NANP shapes: (555) 123-4567, 555-123-4567, 1 555 123 4567. */
static bool
nanp_shape(const struct phone *p)
{
	const int *g = p->group;

	if (p->groups == 3 && g[0] == 3 && g[1] == 3 && g[2] == 4)
		return true;
	return p->groups == 4 && g[0] == 1 && g[1] == 3 && g[2] == 3 &&
	    g[3] == 4;
}

static void
find_phones(const struct fold *f, const char *orig, struct findings *out)
{
	const char *t = f->s;
	size_t n = f->len, i;
	bool context = false;
	int w;

	for (w = 0; phone_words[w] && !context; w++)
		context = has_word(t, n, phone_words[w]);
	for (i = 0; i < n; i++) {
		struct phone p;
		bool ok;
		char next;

		if (!(t[i] == '+' || t[i] == '(' || is_digit(t[i])))
			continue;
		if (i > 0 && (is_wordc(t[i - 1]) || t[i - 1] == '+' ||
		    ((t[i - 1] == '.' || t[i - 1] == ',' || t[i - 1] == '-' ||
		    t[i - 1] == '/') && i > 1 && is_digit(t[i - 2]))))
			continue;
		phone_read(t, n, i, &p);
		if (p.digits == 0)
			continue;
		next = p.end < n ? t[p.end] : ' ';
		ok = false;
		if (p.digits < 7 || p.digits > 15 || isalpha((unsigned char)next) ||
		    next == '%' || ((next == ',' || next == '.' || next == ':') &&
		    p.end + 1 < n && is_digit(t[p.end + 1])) ||
		    looks_like_date(&p) || currency_before(t, i) ||
		    currency_after(t, n, p.end))
			ok = false;
		else if (p.plus)
			ok = p.digits >= 8;
		else if (p.first[0] == '0' && p.first[1] == '0')
			ok = p.digits >= 10 && p.groups >= 2;
		else if (p.digits >= 10 && p.digits <= 12)
			ok = (p.first[0] == '0' && p.first[1] != '0') ||
			    nanp_shape(&p) || p.paren || context;
		else if (p.digits <= 9)
			ok = context && p.groups >= 2 && p.groups <= 3;
		if (ok) {
			finding_add(out, DET_CONTACT, f, orig, i, p.end,
			    "phone number: ");
			i = p.end;
		} else if (p.end > i)
			i = p.end;	/* not part of a longer number either */
	}
}

/* ------------------------------------------------------------------ */
/* Digits spelled as words: "five five five, one two three four". */

static int
digit_word(const char *s, size_t n, bool first)
{
	static const char *const words[] = { "zero", "one", "two", "three",
		"four", "five", "six", "seven", "eight", "nine", NULL };
	int i;

	for (i = 0; words[i]; i++)
		if (strlen(words[i]) == n && strncmp(words[i], s, n) == 0)
			return 1;
	if (n == 5 && strncmp(s, "niner", 5) == 0)
		return 1;
	/* "oh" only inside a run: "oh, one more thing" is not a number */
	if (!first && ((n == 2 && strncmp(s, "oh", 2) == 0) ||
	    (n == 1 && s[0] == 'o')))
		return 1;
	return 0;
}

static void
find_spelled_numbers(const struct fold *f, const char *orig,
    struct findings *out)
{
	const char *t = f->s;
	size_t n = f->len, i = 0;

	while (i < n) {
		size_t start = 0, end = 0, j = i;
		int digits = 0, words = 0, mult = 1;
		bool in_run = false;

		while (j < n && !is_wordc(t[j]))
			j++;
		i = j;
		for (;;) {
			size_t s = j, e = j, k;
			int d = 0;

			while (e < n && is_alnum(t[e]))
				e++;
			if (e == s)
				break;
			if (is_digit(t[s])) {
				for (k = s; k < e && is_digit(t[k]); k++)
					;
				if (k == e && e - s <= 4)
					d = (int)(e - s);
			} else if (digit_word(t + s, e - s, !in_run)) {
				d = mult;
				words++;
				mult = 1;
			} else if (e - s == 6 &&
			    (strncmp(t + s, "double", 6) == 0 ||
			    strncmp(t + s, "triple", 6) == 0)) {
				mult = t[s] == 'd' ? 2 : 3;
				d = -1;
			}
			if (d == 0)
				break;
			if (!in_run)
				start = s;
			in_run = true;
			if (d > 0) {
				digits += d;
				end = e;
			}
			for (k = e; k < n && k - e < 3 &&
			    (t[k] == ' ' || t[k] == '-' || t[k] == ','); k++)
				;
			if (k == e)
				break;
			j = k;
		}
		if (in_run && words >= 3 && digits >= 7) {
			finding_add(out, DET_CONTACT, f, orig, start, end,
			    "number in words: ");
			i = end;
			continue;
		}
		/* next word */
		while (i < n && is_wordc(t[i]))
			i++;
	}
}

/* ------------------------------------------------------------------ */
/* Apps and phrases that take the conversation elsewhere. */

static const char *const phrases[] = {
	"whatsapp", "whats app", "what's app", "whatsap", "watsapp", "wa.me",
	"telegram", "t.me", "wechat", "viber", "signal me", "on signal",
	"text me", "txt me", "sms me", "call me", "ring me", "email me",
	"e-mail me", "mail me", "dm me", "my number is", "my number:",
	"my cell", "my mobile", "my phone number", "contact me directly",
	"outside the app", "outside of the app", "outside the platform",
	"outside of the platform", "outside the site", "off the app",
	"off the platform", "off the site", "off platform", "pay me directly",
	"pay directly", "paypal me", "paypal.me", "venmo", "cash app",
	"cashapp", "zelle", "western union", "skype", "kik me", "snapchat",
	NULL };

static void
find_phrases(const struct fold *f, const char *orig, struct findings *out)
{
	const char *t = f->s;
	size_t n = f->len, i;
	int k;

	for (i = 0; i < n; i++) {
		if (i > 0 && is_wordc(t[i - 1]))
			continue;
		for (k = 0; phrases[k]; k++) {
			size_t e;

			if (t[i] != phrases[k][0])
				continue;
			if ((e = match_at(t, n, i, phrases[k])) != 0) {
				finding_add(out, DET_CONTACT, f, orig, i, e,
				    "moves off the platform: ");
				i = e - 1;
				break;
			}
		}
	}
}

void
detect_contact(const char *body, size_t len, const struct domains *own,
    struct findings *out)
{
	struct fold f;

	fold_text(body, len, false, &f);
	find_emails(&f, body, own, out);
	find_spelled_emails(&f, body, out);
	find_phones(&f, body, out);
	find_spelled_numbers(&f, body, out);
	find_phrases(&f, body, out);
	fold_free(&f);
}
