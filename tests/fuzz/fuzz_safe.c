/* tests/fuzz/fuzz_safe.c: libFuzzer harness for the safe renderer
 * (util/safe.c).  For any bytes:
 *   - the output holds no byte < 0x20, no 0x7f and no C1 control
 *     (U+0080..U+009F, which UTF-8 writes as 0xc2 0x80..0x9f);
 *   - the output is valid UTF-8 and renders to itself (idempotent), with
 *     the same width;
 *   - a width limit is kept, and clipping is a prefix of the whole;
 *   - safe_span() agrees with safe_width() on the bytes it takes.
 *   - in ASCII mode (a terminal that is not UTF-8) no byte is >= 0x80.
 * The first byte of the input picks the width limit and the mode. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../util/safe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int ascii;

static void
check_clean(const struct buf *b)
{
	const unsigned char *p = (const unsigned char *)buf_str(b);
	size_t i, n;
	unsigned cp;

	for (i = 0; i < b->len; i += n) {
		if (p[i] < 0x20 || p[i] == 0x7f || (ascii && p[i] >= 0x80))
			abort();
		n = utf8_decode(p + i, b->len - i, &cp);
		if (n == 0)
			abort();	/* the output is always valid UTF-8 */
		if (cp >= 0x80 && cp < 0xa0)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct buf once = BUF_INIT, twice = BUF_INIT, cut = BUF_INIT;
	const char *in;
	int w, w2, wc, limit, spanw;
	size_t span;

	if (!ready) {
		if (!safe_locale())
			abort();
		ready = 1;
	}
	if (size == 0)
		return 0;
	limit = data[0] % 64;
	ascii = (data[0] & 0x80) != 0;
	safe_set_ascii(ascii);
	in = (const char *)data + 1;
	size--;

	w = safe_render(&once, in, size, -1);
	check_clean(&once);
	if (w != safe_width(in, size))
		abort();
	w2 = safe_render(&twice, once.s ? once.s : "", once.len, -1);
	if (w2 != w || twice.len != once.len ||
	    memcmp(buf_str(&twice), buf_str(&once), once.len) != 0)
		abort();

	wc = safe_render(&cut, in, size, limit);
	check_clean(&cut);
	if (wc > limit || cut.len > once.len ||
	    memcmp(buf_str(&cut), buf_str(&once), cut.len) != 0)
		abort();

	span = safe_span(in, size, limit, &spanw);
	if (span > size || spanw != wc || safe_width(in, span) != spanw)
		abort();

	buf_reset(&cut);
	wc = safe_fit(&cut, in, size, limit, true);
	check_clean(&cut);
	if (wc != limit)
		abort();

	buf_free(&once);
	buf_free(&twice);
	buf_free(&cut);
	return 0;
}
