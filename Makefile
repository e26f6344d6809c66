# warden: make (the binary ./warden), make demo, make check, make install.
# Every target first checks the libraries and tools (tools/deps.sh), which
# installs what is missing when run as root on Debian.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DESTDIR ?=
CC ?= cc

PKGS := ncursesw readline sqlite3 libcurl jansson libcrypto libmicrohttpd inih

ifeq ($(filter clean,$(MAKECMDGOALS)),)
DEPS_STATUS := $(shell sh tools/deps.sh 1>&2; echo $$?)
ifneq ($(DEPS_STATUS),0)
$(error build dependencies are missing; see the message above)
endif
PKG_CFLAGS := $(filter-out -D_XOPEN_SOURCE=% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags $(PKGS)))
PKG_LIBS := $(shell pkg-config --libs $(PKGS))
CMOCKA_CFLAGS := $(shell pkg-config --cflags cmocka)
CMOCKA_LIBS := $(shell pkg-config --libs cmocka)
endif

VERSION := $(shell cat VERSION 2>/dev/null || echo 0.1.0)
WARN := -Wall -Wextra -Werror -Wformat=2 -Wno-format-nonliteral \
	-Wmissing-prototypes -Wstrict-prototypes -Wvla
BASE_CFLAGS := -std=c11 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE \
	-DWARDEN_VERSION='"$(VERSION)"' $(WARN) $(PKG_CFLAGS) -MMD -MP
REL_CFLAGS := -O2 -g $(BASE_CFLAGS)
SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined
ASAN_CFLAGS := -O1 -g -fno-omit-frame-pointer $(SAN) $(BASE_CFLAGS)

# Where objects go; another directory (make B=build-x) keeps two builds
# apart.
B ?= build

# Every .c of a layer is part of the program; main.c holds main().
LIB_SRC := $(sort $(wildcard util/*.c data/*.c cmd/*.c tui/*.c api/*.c) \
	$(B)/gen/help_topics.c)
HELP_TXT := $(sort $(wildcard help/*.txt))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_HELPERS := $(sort $(filter-out $(UNIT_SRC),$(wildcard tests/unit/*.c)))

REL_OBJ := $(patsubst %.c,$(B)/rel/%.o,$(LIB_SRC))
ASAN_OBJ := $(patsubst %.c,$(B)/asan/%.o,$(LIB_SRC))
UNIT_BIN := $(patsubst tests/unit/%.c,$(B)/asan/tests/%,$(UNIT_SRC))
UNIT_HELPER_OBJ := $(patsubst %.c,$(B)/asan/%.o,$(UNIT_HELPERS))

# Quiet by default; make V=1 shows the commands.
ifeq ($(V),1)
Q :=
say = @true
else
Q := @
say = @printf '  %-6s %s\n' $(1) $(2)
endif

.SECONDARY:

.PHONY: all demo check test-build install uninstall clean fuzz bench lint-man

all: warden

warden: $(B)/rel/main.o $(B)/rel/libwarden.a
	$(call say,LINK,$@)
	$(Q)$(CC) $(REL_CFLAGS) -o $@ $^ $(PKG_LIBS) -lm

$(B)/rel/libwarden.a: $(REL_OBJ)
	$(Q)rm -f $@ && ar rcs $@ $^

$(B)/asan/libwarden.a: $(ASAN_OBJ)
	$(Q)rm -f $@ && ar rcs $@ $^

$(B)/asan/warden: $(B)/asan/main.o $(B)/asan/libwarden.a
	$(call say,LINK,$@)
	$(Q)$(CC) $(ASAN_CFLAGS) -o $@ $^ $(PKG_LIBS) -lm

$(B)/rel/%.o: %.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(REL_CFLAGS) -c -o $@ $<

$(B)/asan/%.o: %.c
	@mkdir -p $(dir $@)
	$(call say,CC-SAN,$<)
	$(Q)$(CC) $(ASAN_CFLAGS) $(CMOCKA_CFLAGS) -c -o $@ $<

# Help topics are compiled into the binary.
$(B)/gen/help_topics.c: $(HELP_TXT) tools/embed-help.sh
	@mkdir -p $(dir $@)
	$(call say,GEN,$@)
	$(Q)sh tools/embed-help.sh $(HELP_TXT) > $@.tmp && mv $@.tmp $@

$(B)/asan/tests/%: tests/unit/%.c $(B)/asan/libwarden.a $(UNIT_HELPER_OBJ)
	@mkdir -p $(dir $@)
	$(call say,TEST,$@)
	$(Q)$(CC) $(ASAN_CFLAGS) $(CMOCKA_CFLAGS) -o $@ $< $(UNIT_HELPER_OBJ) \
		$(B)/asan/libwarden.a $(PKG_LIBS) $(CMOCKA_LIBS) -lm

test-build: warden $(B)/asan/warden $(UNIT_BIN)

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer;
# the last line says "N passed, N failed, N skipped" (tests/run.sh says
# what counts; CI=true fails a skip).
check: test-build
	@B=$(B) sh tests/run.sh

demo: warden
	@test -f demo.db || ./warden demo demo.db
	./warden -d demo.db

fuzz:
	@sh tests/fuzz/run.sh 60

bench: warden
	@sh bench/run.sh

lint-man:
	mandoc -Tlint -Wwarning man/warden.1 man/warden-api.7

install: warden
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man7
	install -m 755 warden $(DESTDIR)$(BINDIR)/warden
	install -m 644 man/warden.1 $(DESTDIR)$(MANDIR)/man1/warden.1
	install -m 644 man/warden-api.7 $(DESTDIR)$(MANDIR)/man7/warden-api.7

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/warden $(DESTDIR)$(MANDIR)/man1/warden.1 \
		$(DESTDIR)$(MANDIR)/man7/warden-api.7

clean:
	rm -rf build build-* warden

-include $(shell find $(B) -name '*.d' 2>/dev/null)
