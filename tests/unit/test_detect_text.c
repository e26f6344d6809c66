/* tests/unit/test_detect_text.c: the text detectors on hand-written
 * cases, positive and negative (prices that look like phone numbers, the
 * marketplace's own domain), without a database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../data/detect.h"

static struct domains own;

static int
setup(void **state)
{
	(void)state;
	domains_parse("warden-market.example, Other-Shop.example.", &own);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	domains_free(&own);
	return 0;
}

/* The findings of one detector kind, as "why|matched" lines. */
static char *
run(const char *text, bool links)
{
	struct findings f = { 0 };
	struct buf b = BUF_INIT;
	size_t i;

	if (links)
		detect_links(text, strlen(text), &own, 2, &f);
	else
		detect_contact(text, strlen(text), &own, &f);
	for (i = 0; i < f.n; i++) {
		buf_printf(&b, "%s|", f.v[i].why);
		buf_add(&b, text + f.v[i].pos, f.v[i].len);
		buf_addc(&b, '\n');
	}
	findings_free(&f);
	return buf_steal(&b);
}

static void
expect(const char *text, bool links, const char *const *wanted)
{
	char *got = run(text, links);
	size_t n = 0, lines = 0;
	const char *p;

	for (p = got; *p; p++)
		lines += *p == '\n';
	for (; wanted[n]; n++)
		if (strstr(got, wanted[n]) == NULL)
			fail_msg("in: %s\nwanted: %s\ngot:\n%s", text, wanted[n],
			    got);
	if (lines != n)
		fail_msg("in: %s\nwanted %zu findings, got:\n%s", text, n, got);
	free(got);
}

#define CONTACT(text, ...) do { \
	static const char *const w_[] = { __VA_ARGS__, NULL }; \
	expect(text, false, w_); \
} while (0)
#define NO_CONTACT(text) do { \
	static const char *const w_[] = { NULL }; \
	expect(text, false, w_); \
} while (0)
#define LINK(text, ...) do { \
	static const char *const w_[] = { __VA_ARGS__, NULL }; \
	expect(text, true, w_); \
} while (0)
#define NO_LINK(text) do { \
	static const char *const w_[] = { NULL }; \
	expect(text, true, w_); \
} while (0)

static void
test_skeleton(void **state)
{
	char *s;

	(void)state;
	s = skeleton("W\xd0\xb0rden");	/* Cyrillic a */
	assert_string_equal(s, "warden");
	free(s);
	s = skeleton("Paypa1 r0bot");
	assert_string_equal(s, "paypal robot");
	free(s);
	s = skeleton("warden-rnarket");
	assert_string_equal(s, "warden-market");
	free(s);
	s = skeleton("\xef\xbd\x97\xef\xbd\x81rden");	/* fullwidth w a */
	assert_string_equal(s, "warden");
	free(s);
	s = skeleton("Sup\xe2\x80\x8bport");	/* zero-width space */
	assert_string_equal(s, "support");
	free(s);
	s = skeleton("J\xc3\xb3s\xc3\xa9 \xce\xa1\xce\x9f");	/* José, Greek PO */
	assert_string_equal(s, "jose po");
	free(s);
	s = name_key("Maria_K.42");
	assert_string_equal(s, "mariak42");
	free(s);
	s = skeleton("bad \xff bytes");
	assert_string_equal(s, "bad ? bytes");
	free(s);
	/* whatever the renderer shows as <U+XXXX> is hidden here too: a
	 * Hangul filler, a tag character, a variation selector */
	s = skeleton("Sup\xe3\x85\xa4po\xf3\xa0\x81\x81rt\xef\xb8\x8f");
	assert_string_equal(s, "support");
	free(s);
}

static void
test_fold_keeps_origins(void **state)
{
	const char *in = "a\xd0\xb0\xe2\x80\x8b" "b";
	struct fold f;

	(void)state;
	fold_text(in, strlen(in), false, &f);
	assert_string_equal(f.s, "aab");
	assert_int_equal(f.src[0], 0);
	assert_int_equal(f.src[1], 1);
	assert_int_equal(f.src[2], 6);
	assert_int_equal(f.src[3], strlen(in));
	assert_true(f.lookalike);
	assert_true(f.hidden);
	assert_true(f.scripts & SCRIPT_LATIN);
	assert_true(f.scripts & SCRIPT_CYRILLIC);
	fold_free(&f);
}

static void
test_punycode(void **state)
{
	char *s;

	(void)state;
	s = punycode_decode("mnchen-3ya", 10);
	assert_string_equal(s, "m\xc3\xbc" "nchen");
	free(s);
	s = punycode_decode("wrden-market-x9j", 16);
	assert_string_equal(s, "w\xd0\xb0rden-market");
	free(s);
	assert_null(punycode_decode("wrden-market-!!", 15));
	assert_null(punycode_decode("99999999999999", 14));
}

static void
test_phones(void **state)
{
	(void)state;
	CONTACT("Text me on +1 415 555 0134, easier than the app",
	    "phone number: +1 415 555 0134|", "Text me");
	CONTACT("whatsapp me 07700 900123 and we can skip the fees",
	    "phone number: 07700 900123", "whatsapp");
	CONTACT("Let's do it outside the site, my number is (212) 555-0187",
	    "phone number: (212) 555-0187", "outside the site",
	    "my number is");
	CONTACT("ring +44 (0) 7700 900123 tomorrow", "phone number: +44 (0) "
	    "7700 900123");
	CONTACT("555-123-4567 any time", "phone number: 555-123-4567");
	CONTACT("0151/23456789", "phone number: 0151/23456789");
	CONTACT("0033 6 12 34 56 78", "phone number: 0033 6 12 34 56 78");
	CONTACT("my number is 555 1234", "phone number: 555 1234",
	    "my number is");
	/* fullwidth digits fold to ASCII */
	CONTACT("\xef\xbc\x8b\xef\xbc\x91 415 555 0134",
	    "phone number: \xef\xbc\x8b\xef\xbc\x91 415 555 0134");
}

static void
test_numbers_that_are_not_phones(void **state)
{
	(void)state;
	NO_CONTACT("The price is $1,250.00, firm.");
	NO_CONTACT("Would you accept 1 250 000 EUR?");
	NO_CONTACT("Would you accept 1 250 000 \xe2\x82\xac?");
	NO_CONTACT("Price: 1200 1300 1400 for the three");
	NO_CONTACT("Order #12345678901 shipped");
	NO_CONTACT("Pick-up on 2026-11-22 10:30 works");
	NO_CONTACT("It costs 1299.99 and weighs 12.5 kg");
	NO_CONTACT("listing 4021 5532 is the one");
	NO_CONTACT("tracking number 9400111899223856789");
	NO_CONTACT("5551234567 is the serial on the back");
	NO_CONTACT("one or two items, three at most");
	NO_CONTACT("Is it still available? \xc2\xa3" "45 is my best offer");
	NO_CONTACT("Version 10.2.3.4567 of the app");
}

static void
test_emails(void **state)
{
	(void)state;
	CONTACT("write to pay.me@example.org instead",
	    "email: pay.me@example.org");
	CONTACT("email me at jane.doe at gmail dot com for the address",
	    "email, spelled out: jane.doe at gmail dot com", "email me");
	CONTACT("jane (at) proton [dot] me", "email, spelled out: jane (at) "
	    "proton [dot] me");
	CONTACT("bob @ mailbox . org", "email, spelled out: bob @ mailbox . "
	    "org");
	CONTACT("bob at gmail.com", "email, spelled out: bob at gmail.com");
	CONTACT("bob@gmail dot com", "email, spelled out: bob@gmail dot com");
	/* the marketplace's own addresses are where a deal should stay */
	NO_CONTACT("write to support@warden-market.example please");
	NO_CONTACT("support@help.other-shop.example answers");
	NO_CONTACT("see you at noon. Com-pletely fine");
	NO_CONTACT("I'm at home.com-ing later");
	NO_CONTACT("ping @bob when you are at the shop.");
}

static void
test_spelled_numbers_and_phrases(void **state)
{
	(void)state;
	CONTACT("call me, five five five one two three four",
	    "number in words: five five five one two three four", "call me");
	CONTACT("double five five-one two three four oh",
	    "number in words: double five five-one two three four oh");
	CONTACT("five five five 1234 is the rest",
	    "number in words: five five five 1234");
	CONTACT("reach me on Wh\xd0\xb0tsApp", "Wh\xd0\xb0tsApp");
	CONTACT("send it with Venmo", "moves off the platform: Venmo");
	CONTACT("let's talk on telegram", "telegram");
	NO_CONTACT("one two three, go!");
	NO_CONTACT("Oh, one more thing: is it blue?");
	NO_CONTACT("I signaled the driver and called it a day");
	NO_CONTACT("The whatsappish colour of the sofa");
}

static void
test_lookalike_links(void **state)
{
	(void)state;
	LINK("Payment failed, confirm at https://warden-rnarket.example/pay"
	    "?ref=12", "imitates warden-market.example: look-alike "
	    "characters): https://warden-rnarket.example/pay?ref=12");
	LINK("Verify here: http://warden-market.co/verify/3.",
	    "same name under .co): http://warden-market.co/verify/3");
	LINK("https://wardem-market.example/login?u=3", "1 letter apart");
	LINK("log in at https://w\xd0\xb0rden-market.example/account/4 now",
	    "look-alike characters): https://w\xd0\xb0rden-market.example/"
	    "account/4");
	LINK("http://warden-markett.example/refund?id=5", "1 letter apart");
	LINK("https://warden-market.example.secure-pay.example/6",
	    "carries it inside another domain");
	LINK("visit wardenmarket.example now", "1 letter apart): "
	    "wardenmarket.example");
	LINK("go to https://xn--wrden-market-x9j.example/", "look-alike "
	    "characters");
	LINK("warden-rnarket[.]example", "look-alike characters");
	LINK("secure-warden-market.net/login", "carries its name");
	LINK("https://warden-market.example@evil.example/x",
	    "shows it before an @");
	LINK("wardne-market.example and 0ther-shop.example",
	    "imitates warden-market.example: 1 letter apart",
	    "imitates other-shop.example: look-alike characters");
	LINK("mail refunds@warden-rnarket.example", "look-alike characters");
}

static void
test_links_that_are_fine(void **state)
{
	(void)state;
	NO_LINK("https://warden-market.example/help");
	NO_LINK("https://help.warden-market.example/x and WARDEN-MARKET.EXAMPLE");
	NO_LINK("see warden-market[.]example for the rules");
	NO_LINK("https://example.com/photos and google.com");
	NO_LINK("e.g. this, i.e. that; pi is 3.14; version 2.0.1");
	NO_LINK("photo.jpg attached, from market.example");
	NO_LINK("jane@gmail.com wrote");
	NO_LINK("my-shop.example and warden.example are not ours");
}

static void
test_staff_names(void **state)
{
	static const struct {
		const char *name, *word;
	} cases[] = {
		{ "Warden Supp\xd0\xbert (official)", "support" },
		{ "Sup\xe2\x80\x8bport\xe2\x80\x8d Team", "support" },
		{ "WardenSupport", "support" },
		{ "Trust and Safety", "trustandsafety" },
		{ "the_admin", "admin" },
		{ "0fficial Store", "official" },
		{ "Warden Market", "warden-market.example" },
		{ "Supporting Local Art", NULL },
		{ "Badminton Club", NULL },
		{ "Maria K.", NULL },
		{ "Market Stall", NULL },
		{ "Adam Minsky", NULL },
		{ "Admiral Books", NULL },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *w = staff_word(cases[i].name, &own);

		if (!str_eq(w, cases[i].word))
			fail_msg("%s: got %s, wanted %s", cases[i].name,
			    w ? w : "(none)", cases[i].word ? cases[i].word :
			    "(none)");
		free(w);
	}
}

static void
test_hostile_bytes(void **state)
{
	/* nothing a user writes breaks a detector */
	static const char *const texts[] = {
		"", "+", "(", "@", "@@@.", "a@", "@b.c", "[.][.]", "xn--",
		"https://", "https://@", "http://xn--/", "\xff\xfe\xfd",
		"1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8",
		"five five five five five five five five five five five",
		"((((((((((((((((1)", "\xe2\x80\xae" "moc.elgoog",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		free(run(texts[i], false));
		free(run(texts[i], true));
	}
}

/* Random text from pieces the detectors look for, glued at random: no
 * crash, no read out of bounds (ASan), every finding inside the text. */
static void
test_random_pieces(void **state)
{
	static const char *const pieces[] = { "+", "(", ")", "-", ".", " ",
		"@", "at", "dot", "[", "]", "0", "1", "5", "07700", "555",
		"five", "oh", "double", "http://", "https://", "www.", "xn--",
		"warden", "market", "-market", ".example", "rn", "\xd0\xb0",
		"\xe2\x80\x8b", "\xef\xbc\x91", "\xff", "\xc3", "$", "\xe2\x82\xac",
		"whatsapp", "me", "/", ":", ",", "\n", "com", "gmail" };
	unsigned seed = 12345;
	int round;

	(void)state;
	for (round = 0; round < 3000; round++) {
		struct buf b = BUF_INIT;
		struct findings f = { 0 };
		int n = (int)(seed % 24), k;
		size_t i;

		for (k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			buf_adds(&b, pieces[(seed >> 16) % (sizeof pieces /
			    sizeof pieces[0])]);
		}
		seed = seed * 1103515245u + 12345u;
		detect_contact(buf_str(&b), b.len, &own, &f);
		detect_links(buf_str(&b), b.len, &own, 2, &f);
		for (i = 0; i < f.n; i++)
			assert_true(f.v[i].pos + f.v[i].len <= b.len);
		findings_free(&f);
		free(staff_word(buf_str(&b), &own));
		free(domain_lookalike(buf_str(&b), &own, 2));
		buf_free(&b);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_skeleton),
		cmocka_unit_test(test_fold_keeps_origins),
		cmocka_unit_test(test_punycode),
		cmocka_unit_test(test_phones),
		cmocka_unit_test(test_numbers_that_are_not_phones),
		cmocka_unit_test(test_emails),
		cmocka_unit_test(test_spelled_numbers_and_phrases),
		cmocka_unit_test(test_lookalike_links),
		cmocka_unit_test(test_links_that_are_fine),
		cmocka_unit_test(test_staff_names),
		cmocka_unit_test(test_hostile_bytes),
		cmocka_unit_test(test_random_pieces),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
