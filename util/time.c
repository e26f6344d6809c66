/* util/time.c: durations and UTC times as moderators type and read them. */
#include "util.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const struct {
	char unit;
	int64_t seconds;
} units[] = {
	{ 'w', 7 * 86400 }, { 'd', 86400 }, { 'h', 3600 }, { 'm', 60 }, { 's', 1 },
};

bool
duration_parse(const char *s, int64_t *seconds)
{
	int64_t total = 0;
	bool any = false;

	if (s == NULL || *s == '\0')
		return false;
	while (*s) {
		int64_t n = 0;
		size_t i;
		bool digits = false;

		while (*s >= '0' && *s <= '9') {
			if (n > (INT64_MAX / 10) - 10)
				return false;
			n = n * 10 + (*s++ - '0');
			digits = true;
		}
		if (!digits)
			return false;
		for (i = 0; i < W_NELEM(units); i++)
			if (*s == units[i].unit)
				break;
		if (i == W_NELEM(units))
			return false;
		s++;
		if (n > (INT64_MAX / 2 - total) / units[i].seconds)
			return false;
		total += n * units[i].seconds;
		any = true;
	}
	/* 100 years is long enough for any suspension. */
	if (!any || total <= 0 || total > (int64_t)100 * 365 * 86400)
		return false;
	*seconds = total;
	return true;
}

void
duration_format(int64_t seconds, char *out, size_t size)
{
	size_t i, len = 0;

	out[0] = '\0';
	if (seconds <= 0) {
		snprintf(out, size, "0s");
		return;
	}
	/* Weeks read oddly beside days ("1w3d"), so days are the top unit. */
	for (i = 1; i < W_NELEM(units) && seconds > 0; i++) {
		int64_t n = seconds / units[i].seconds;

		if (n == 0)
			continue;
		seconds -= n * units[i].seconds;
		len += (size_t)snprintf(out + len, len < size ? size - len : 0,
		    "%lld%c", (long long)n, units[i].unit);
		if (len >= size)
			return;
	}
}

void
age_format(int64_t s, char *out, size_t size)
{
	if (s < 0)
		s = 0;
	if (s < 60)
		snprintf(out, size, "%llds", (long long)s);
	else if (s < 3600)
		snprintf(out, size, "%lldm", (long long)(s / 60));
	else if (s < 86400)
		snprintf(out, size, "%lldh", (long long)(s / 3600));
	else if (s < 2 * 365 * 86400)
		snprintf(out, size, "%lldd", (long long)(s / 86400));
	else
		snprintf(out, size, "%lldy", (long long)(s / (365 * 86400)));
}

/* Days from the civil date, valid for every Gregorian date (H. Hinnant's
 * algorithm), so that no TZ or timegm() is needed. */
static int64_t
days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static bool
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool
time_parse(const char *s, int64_t now, int64_t *out)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, mo, d, h = 0, mi = 0, se = 0, n = 0;
	int64_t v;
	char sep;

	if (s == NULL || *s == '\0')
		return false;
	if (s[0] == '-' && duration_parse(s + 1, &v)) {
		*out = now - v;
		return true;
	}
	if (str_to_i64(s, 0, (int64_t)1 << 40, &v)) {
		*out = v;
		return true;
	}
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
		return false;
	s += n;
	if (*s == 'T' || *s == ' ') {
		sep = *s++;
		(void)sep;
		n = 0;
		if (sscanf(s, "%2d:%2d%n", &h, &mi, &n) != 2 || n != 5)
			return false;
		s += n;
		if (*s == ':') {
			n = 0;
			if (sscanf(s, ":%2d%n", &se, &n) != 1 || n != 3)
				return false;
			s += n;
		}
		if (*s == 'Z')
			s++;
	}
	if (*s != '\0' || y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 ||
	    h > 23 || mi > 59 || se > 60 || h < 0 || mi < 0 || se < 0)
		return false;
	if (d > mdays[mo - 1] + (mo == 2 && leap(y)))
		return false;
	*out = days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 +
	    mi * 60 + se;
	return true;
}

static void
civil(int64_t t, struct tm *tm)
{
	time_t tt = (time_t)t;

	memset(tm, 0, sizeof *tm);
	gmtime_r(&tt, tm);
}

void
time_format(int64_t t, char *out, size_t size)
{
	struct tm tm;

	civil(t, &tm);
	strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void
time_format_short(int64_t t, char *out, size_t size)
{
	struct tm tm;

	civil(t, &tm);
	strftime(out, size, "%Y-%m-%d %H:%M", &tm);
}
