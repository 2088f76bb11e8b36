# hrmis - build, test, demo.  `make help` lists the targets.

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
CC      ?= cc

PKG_CLIENT := ncursesw libpq libconfig
CFLAGS  ?= -O2 -g
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
# The folders: core/ is the infrastructure and core/MODULE/ a domain module
# (no terminal); seed/ the generator of hrmis-admin; tui/ the only curses
# code; screens/shell/ the app loop and frame, screens/MODULE/ a module's
# screens.  `make check-layers` holds them to their rules.
MODULES    := person order structure
SRC_DIRS   := core $(addprefix core/,$(MODULES)) seed tui screens/shell \
	screens/personnel screens/orders screens/structure keymaps
ALL_CFLAGS = -std=c11 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -D_XOPEN_SOURCE_EXTENDED \
	$(WARN) $(CFLAGS) $(SANITIZE) $(addprefix -I,$(SRC_DIRS)) -Itests/screen -I$(BUILD)/gen \
	$(filter-out -D_XOPEN_SOURCE=% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags $(PKG_CLIENT))) -MMD -MP
LDLIBS_CORE   = $(shell pkg-config --libs libpq libconfig) -lunistring -lhpdf -pthread
LDLIBS_CLIENT = $(shell pkg-config --libs $(PKG_CLIENT)) -lunistring -lhpdf -pthread
LDFLAGS += $(SANITIZE)

CORE_SRC   := $(wildcard core/*.c) $(foreach m,$(MODULES),$(wildcard core/$(m)/*.c))
SEED_SRC   := $(wildcard seed/*.c)
TUI_SRC    := $(wildcard tui/*.c)
SCREEN_SRC := $(wildcard screens/*/*.c) $(wildcard keymaps/*.c)
MIGRATIONS := $(sort $(wildcard db/*.sql))
FUNCTIONS  := $(sort $(shell find db/functions -name '*.sql' 2>/dev/null))
KEYMAPS    := $(sort $(wildcard keymaps/*.keys))

CORE_OBJ   := $(CORE_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/keymaps_data.o
SEED_OBJ   := $(SEED_SRC:%.c=$(BUILD)/%.o)
TUI_OBJ    := $(TUI_SRC:%.c=$(BUILD)/%.o)
SCREEN_OBJ := $(SCREEN_SRC:%.c=$(BUILD)/%.o)

UNIT_TESTS   := $(patsubst tests/unit/%.c,$(BUILD)/tests/unit/%,$(wildcard tests/unit/test_*.c))
DB_TESTS     := $(patsubst tests/db/%.c,$(BUILD)/tests/db/%,$(wildcard tests/db/test_*.c))
SCREEN_TESTS := $(patsubst tests/screen/%.c,$(BUILD)/tests/screen/%,$(wildcard tests/screen/test_*.c))
TEST_SUPPORT_DB     := $(patsubst %.c,$(BUILD)/%.o,$(wildcard tests/db/support*.c))
TEST_SUPPORT_SCREEN := $(patsubst %.c,$(BUILD)/%.o,$(wildcard tests/screen/harness*.c))

# Keep test objects between runs.
.SECONDARY:

.PHONY: FORCE all check check-layers asan fuzz fuzzers valgrind demo bench install uninstall clean help deps tests

all: $(BUILD)/hrmis $(BUILD)/hrmis-admin hrmis hrmis-admin

help:
	@echo 'make            build hrmis and hrmis-admin'
	@echo 'make demo       run hrmis as clerk_moe on a throwaway TLS PostgreSQL with demo data'
	@echo 'make check      build and run every test layer (unit, db, screen, sanitizers)'
	@echo 'make asan       ASan+UBSan build running the unit and db tests'
	@echo 'make fuzz       every libFuzzer harness for HRMIS_FUZZ_SECONDS (120) each'
	@echo 'make valgrind   the screen tests with hrmis under valgrind'
	@echo 'make bench      benchmarks; results go to docs/PERFORMANCE.md'
	@echo 'make install    install under $$(DESTDIR)$$(PREFIX)'

# Convenience links at the top so `./hrmis --help` works after `make`.
hrmis hrmis-admin: %: $(BUILD)/%
	@ln -sf $< $@

# V=1 shows the full commands.
Q := $(if $(V),,@)

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	@$(if $(V),,echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

# The list of db files, rewritten only when a file comes or goes, so that
# the embedded copies follow a removal too.
$(BUILD)/gen/db_files.list: FORCE
	@mkdir -p $(@D)
	@echo $(MIGRATIONS) $(FUNCTIONS) | cmp -s - $@ || echo $(MIGRATIONS) $(FUNCTIONS) >$@

$(BUILD)/gen/migrations_data.c: $(MIGRATIONS) $(BUILD)/gen/db_files.list scripts/embed.sh
	@mkdir -p $(@D)
	$(Q)sh scripts/embed.sh embedded_migrations $@ $(MIGRATIONS)

$(BUILD)/gen/functions_data.c: $(FUNCTIONS) $(BUILD)/gen/db_files.list scripts/embed.sh
	@mkdir -p $(@D)
	$(Q)sh scripts/embed.sh --root db embedded_functions $@ $(FUNCTIONS)

$(BUILD)/gen/keymaps_data.c: $(KEYMAPS) scripts/embed.sh
	@mkdir -p $(@D)
	$(Q)sh scripts/embed.sh embedded_keymaps $@ $(KEYMAPS)

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libcore.a: $(CORE_OBJ)
	$(Q)$(AR) rcs $@ $^

$(BUILD)/libseed.a: $(SEED_OBJ)
	$(Q)$(AR) rcs $@ $^

$(BUILD)/libtui.a: $(TUI_OBJ) $(SCREEN_OBJ)
	$(Q)$(AR) rcs $@ $^

$(BUILD)/hrmis: $(BUILD)/main.o $(BUILD)/libtui.a $(BUILD)/libcore.a
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS_CLIENT)

$(BUILD)/hrmis-admin: $(BUILD)/admin.o $(BUILD)/gen/migrations_data.o $(BUILD)/gen/functions_data.o \
		$(BUILD)/libseed.a $(BUILD)/libcore.a
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS_CORE)

# ---- tests -------------------------------------------------------------
$(BUILD)/tests/unit/%: $(BUILD)/tests/unit/%.o $(BUILD)/libtui.a $(BUILD)/libcore.a
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS_CLIENT) -lcmocka

$(BUILD)/tests/db/%: $(BUILD)/tests/db/%.o $(TEST_SUPPORT_DB) $(BUILD)/libcore.a
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS_CORE) -lcmocka

$(BUILD)/tests/screen/%: $(BUILD)/tests/screen/%.o $(TEST_SUPPORT_SCREEN) $(BUILD)/libcore.a
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS_CORE) -lvterm -lutil -lcmocka -pthread

BENCHES := $(BUILD)/bench/bench_query $(BUILD)/bench/bench_screen $(BUILD)/bench/bench_register \
	$(BUILD)/bench/bench_structure $(BUILD)/bench/bench_orders

$(BUILD)/bench/bench_query: $(BUILD)/bench/bench_query.o $(BUILD)/libcore.a
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS_CORE)

$(BUILD)/bench/bench_register: $(BUILD)/bench/bench_register.o $(BUILD)/libcore.a
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS_CORE)

$(BUILD)/bench/bench_structure: $(BUILD)/bench/bench_structure.o $(BUILD)/libcore.a
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS_CORE)

$(BUILD)/bench/bench_orders: $(BUILD)/bench/bench_orders.o $(BUILD)/libcore.a
	$(Q)$(CC) $(LDFLAGS) -pthread -o $@ $^ $(LDLIBS_CORE)

$(BUILD)/bench/bench_screen: $(BUILD)/bench/bench_screen.o $(TEST_SUPPORT_SCREEN) $(BUILD)/libcore.a
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS_CORE) -lvterm -lutil -pthread

tests: all $(UNIT_TESTS) $(DB_TESTS) $(SCREEN_TESTS)

deps:
	@sh scripts/deps.sh

# The folders' rules (scripts/check-layers.sh): core/ and its modules have
# no terminal, a module's screens use only their own domain module and the
# infrastructure, modules meet through their public headers; and no curses
# symbol in libcore.a.
check-layers: $(BUILD)/libcore.a
	@sh scripts/check-layers.sh
	@bad=$$(nm -u $(BUILD)/libcore.a | grep -E ' (initscr|newterm|endwin|wrefresh|doupdate|wgetch|wget_wch|tui_[a-z_]+|app_[a-z_]+|seed_[a-z_]+)$$' || true); \
	if [ -n "$$bad" ]; then echo "check-layers: core/ calls the terminal layer or the seed: $$bad"; exit 1; fi

# libFuzzer harnesses of the parsers of outside input (tests/fuzz/fuzz_*.c),
# built with clang against a core of their own.
FUZZ_FLAGS := BUILD=build/fuzz CC=clang CFLAGS='-O1 -g' \
	SANITIZE='-fsanitize=address,undefined,fuzzer-no-link -fno-omit-frame-pointer'
FUZZ_BINS := $(patsubst tests/fuzz/%.c,$(BUILD)/tests/fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))

$(BUILD)/tests/fuzz/%: $(BUILD)/tests/fuzz/%.o $(BUILD)/libcore.a
	$(Q)$(CC) $(LDFLAGS) -fsanitize=fuzzer -o $@ $^ $(LDLIBS_CORE)

# The key sequence decoder is terminal code without curses: its object only.
$(BUILD)/tests/fuzz/fuzz_keyseq: $(BUILD)/tui/keyseq.o

fuzzers: $(FUZZ_BINS)

check: deps
	@$(MAKE) --no-print-directory tests
	@$(MAKE) --no-print-directory check-layers
	@$(MAKE) --no-print-directory BUILD=build/asan SANITIZE='-fsanitize=address,undefined -fno-omit-frame-pointer' CFLAGS='-O1 -g' tests
	@$(MAKE) --no-print-directory $(FUZZ_FLAGS) fuzzers
	@sh tests/run.sh --build $(BUILD) --asan-build build/asan --fuzz-build build/fuzz

# The screen tests with hrmis under valgrind (slow: not part of check).
valgrind: deps tests
	@sh tests/run.sh --build $(BUILD) --layers screen --valgrind

# A longer run of every fuzzer (HRMIS_FUZZ_SECONDS each, default 120).
fuzz: deps
	@$(MAKE) --no-print-directory $(FUZZ_FLAGS) fuzzers
	@HRMIS_FUZZ_SECONDS=$${HRMIS_FUZZ_SECONDS:-120} sh tests/run.sh --build build/fuzz --layers fuzz

asan: deps
	@$(MAKE) --no-print-directory BUILD=build/asan SANITIZE='-fsanitize=address,undefined -fno-omit-frame-pointer' CFLAGS='-O1 -g' tests
	@sh tests/run.sh --build build/asan --layers unit,db

demo: deps all
	@sh scripts/demo.sh

bench: deps all $(BENCHES)
	@sh bench/run.sh $(BUILD)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/hrmis/db $(DESTDIR)$(PREFIX)/share/doc/hrmis
	install -m 755 $(BUILD)/hrmis $(BUILD)/hrmis-admin $(DESTDIR)$(PREFIX)/bin/
	install -m 644 $(MIGRATIONS) $(DESTDIR)$(PREFIX)/share/hrmis/db/
	for f in $(FUNCTIONS); do install -D -m 644 $$f $(DESTDIR)$(PREFIX)/share/hrmis/$$f || exit 1; done
	install -m 644 hrmis.conf.example README.md $(DESTDIR)$(PREFIX)/share/doc/hrmis/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/hrmis $(DESTDIR)$(PREFIX)/bin/hrmis-admin
	rm -rf $(DESTDIR)$(PREFIX)/share/hrmis $(DESTDIR)$(PREFIX)/share/doc/hrmis

clean:
	rm -rf build hrmis hrmis-admin tests/.run

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
