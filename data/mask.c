/* data/mask.c: phone numbers and emails as queries show them.  Only the
 * reveal action returns them whole. */
#include "sq.h"

#include <stdlib.h>
#include <string.h>

#define BULLET "\xe2\x80\xa2"	/* U+2022 */

/* The first character of the local part (whole, however many bytes),
 * unless it is all of the local part, and the domain.  Nothing hides
 * nothing: an empty email stays empty. */
char *
mask_email(const char *email)
{
	const char *at;
	struct buf b = BUF_INIT;

	if (email == NULL)
		return NULL;
	if (*email == '\0')
		return xstrdup("");
	at = strrchr(email, '@');
	if (at == NULL)
		return xstrdup(BULLET BULLET BULLET);
	if (at > email) {
		size_t n = 1;

		while (email + n < at && ((unsigned char)email[n] & 0xc0) == 0x80)
			n++;
		if (email + n < at)
			buf_add(&b, email, n);
	}
	buf_adds(&b, BULLET BULLET BULLET);
	buf_adds(&b, at);
	return buf_steal(&b);
}

/* The country code, when a separator shows where it ends, the
 * separators, and the last three digits when at least seven follow the
 * code (so that four or more stay hidden); any other digit a bullet, any
 * other character one space. */
char *
mask_phone(const char *phone)
{
	struct buf b = BUF_INIT;
	size_t len, digits = 0, seen = 0, cc = 0, i;
	bool country = false, tail;

	if (phone == NULL)
		return NULL;
	len = strlen(phone);
	i = 0;
	/* "+44 " says where, not who: it stays.  "+447700900123" does not
	 * say where the code ends, and a code is at most three digits. */
	if (phone[0] == '+') {
		cc = strspn(phone + 1, "0123456789");
		buf_addc(&b, '+');
		country = cc >= 1 && cc <= 3 && phone[1 + cc] != '\0';
		if (!country)
			cc = 0;
		i = 1;
	}
	for (; i < len; i++)
		if (phone[i] >= '0' && phone[i] <= '9')
			digits++;
	digits -= cc;
	tail = digits >= 7;
	for (i = phone[0] == '+'; i < len; i++) {
		char c = phone[i];

		if (c >= '0' && c <= '9') {
			if (country) {
				buf_addc(&b, c);
				continue;
			}
			seen++;
			if (tail && digits - seen < 3)
				buf_addc(&b, c);
			else
				buf_adds(&b, BULLET);
		} else {
			country = false;
			if (((unsigned char)c & 0xc0) == 0x80)
				continue;	/* the rest of a character */
			buf_addc(&b, c == ' ' || c == '-' || c == '(' ||
			    c == ')' || c == '.' ? c : ' ');
		}
	}
	return buf_steal(&b);
}

static void
sql_mask(sqlite3_context *ctx, int argc, sqlite3_value **argv,
    char *(*fn)(const char *))
{
	const unsigned char *t;
	char *m;

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	t = sqlite3_value_text(argv[0]);
	m = fn((const char *)t);
	sqlite3_result_text(ctx, m, -1, free);
}

static void
sql_mask_email(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	sql_mask(ctx, argc, argv, mask_email);
}

static void
sql_mask_phone(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	sql_mask(ctx, argc, argv, mask_phone);
}

int
mask_register(sqlite3 *db)
{
	int rc, flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;

	rc = sqlite3_create_function(db, "mask_email", 1, flags, NULL,
	    sql_mask_email, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(db, "mask_phone", 1, flags, NULL,
		    sql_mask_phone, NULL, NULL);
	return rc;
}
