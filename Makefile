# dtidy — build, test, benchmark.
#   make          build/dtidy
#   make run      deps, build, then dtidy over examples/
#   make test     deps, build, every test
#   make asan     the whole suite again under ASan + UBSan
#   make bench    throughput against dtc on the shared corpus
#                 (TREE=DIR: whole-tree check/format timing over DIR's boards)
#   make lint     cppcheck, then a clang build of everything
#   make schema-oracle  the schema engine against dt-validate on the corpus boards
#   make install  the binary, man page and shell completions under
#                 $(DESTDIR)$(PREFIX) (default /usr/local); make uninstall
#   V=1           show the compiler's command lines
CC      ?= cc
CFLAGS  ?= -O2 -g
WARN    := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes
CPPFLAGS += -I.
LDLIBS  += -lpcre2-8 -lyaml -ljansson -lpthread -ldl

BUILD   ?= build
CORPUS  ?= ../shared/corpus
export CORPUS

# Quiet by default: one short line per step; V=1 shows the commands.
V ?= 0
ifeq ($(V),1)
Q   :=
SAY := @true
else
Q   := @
SAY := @printf '  %-7s %s\n'
endif

# Every .c under these directories is part of dtidy: a rule or a stage is
# added by adding its file.
SRC_DIRS := core lexer parser kstyle schema rules formatter integrations
SRCS     := $(sort $(shell find $(SRC_DIRS) -name '*.c' 2>/dev/null))
MAIN_SRC := integrations/cli/main.c
LIB_SRCS := $(filter-out $(MAIN_SRC),$(SRCS))
OBJS     := $(SRCS:%.c=$(BUILD)/%.o)
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/%.o)

UNIT_SRCS := $(sort $(wildcard tests/unit/*.c))
UNIT_OBJS := $(UNIT_SRCS:%.c=$(BUILD)/%.o)

FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))

all: $(BUILD)/dtidy

$(BUILD)/dtidy: $(OBJS)
	$(SAY) LD $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -rdynamic -o $@ $^ $(LDLIBS)

$(BUILD)/libdtidy.a: $(LIB_OBJS)
	$(SAY) AR $@
	@rm -f $@
	$(Q)ar rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(SAY) CC $<
	$(Q)$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/unit-tests: $(UNIT_OBJS) $(BUILD)/libdtidy.a
	$(SAY) LD $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -rdynamic -o $@ $(UNIT_OBJS) $(BUILD)/libdtidy.a -lcriterion $(LDLIBS)

# Benchmark drivers link against the same library as the unit tests.
$(BUILD)/parse-bench: $(BUILD)/bench/parse_bench.o $(BUILD)/libdtidy.a
	$(SAY) LD $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# The schema engine against dt-validate on the same decoded instances
# (tests/schema/engine-vs-dtvalidate.sh; slow, not part of `make test`).
$(BUILD)/schema-oracle: $(BUILD)/tests/schema/schema_oracle.o $(BUILD)/libdtidy.a
	$(SAY) LD $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

schema-oracle: $(BUILD)/schema-oracle
	@BUILD=$(BUILD) sh tests/schema/engine-vs-dtvalidate.sh

-include $(OBJS:.o=.d) $(UNIT_OBJS:.o=.d) $(BUILD)/bench/parse_bench.d \
	$(BUILD)/tests/schema/schema_oracle.d

# --- setup -----------------------------------------------------------------
DEB_PKGS := build-essential clang cppcheck valgrind libclang-rt-14-dev time \
	    libpcre2-dev libyaml-dev libjansson-dev libcriterion-dev \
	    device-tree-compiler cpp neovim git pkg-config jq man-db zsh fish flex bison \
	    python3-ruamel.yaml
# dt-schema: the core schemas the schema family reads at run time (when no
# --schemas is given); the test oracle (tests/schema-oracle.sh, dt-schema
# v2026.06-15 from ../shared/oracles) needs Debian's libfdt and rfc3987
# modules too.
DEB_PKGS += dt-schema python3-libfdt python3-rfc3987
deps:
	@sh tests/deps.sh $(DEB_PKGS)

# --- run and test -----------------------------------------------------------
# deps first, then the build: a parallel make must not compile before the
# headers are installed.
# `make run` shows dtidy's output: the build says nothing unless it fails.
run: deps
	@$(MAKE) --no-print-directory all SAY=@true
	@sh examples/run.sh $(BUILD)/dtidy

# Each fuzz target also builds as a plain program that replays inputs, so
# tests/regress/ runs every past finding with the normal compiler.
REPLAY_BINS := $(FUZZ_SRCS:tests/fuzz/fuzz_%.c=$(BUILD)/replay_%)

FUZZ_HDRS := $(wildcard tests/fuzz/*.h)

$(BUILD)/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay_main.c $(FUZZ_HDRS) $(BUILD)/libdtidy.a
	$(SAY) LD $@
	$(Q)$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) $(LDFLAGS) -o $@ $< tests/fuzz/replay_main.c \
		$(BUILD)/libdtidy.a $(LDLIBS)

check-build: all $(BUILD)/unit-tests $(REPLAY_BINS)

test: deps
	@$(MAKE) --no-print-directory check-build
	@BUILD=$(BUILD) sh tests/run-all.sh

ASAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan CFLAGS="$(ASAN_FLAGS)" LDFLAGS="$(ASAN_FLAGS)" check-build
	@ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:abort_on_error=1 \
	 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	 BUILD=build-asan DTIDY_SANITIZED=1 sh tests/run-all.sh

bench: deps
	@$(MAKE) --no-print-directory all $(BUILD)/parse-bench
	@BUILD=$(BUILD) sh bench/run.sh $(BUILD)/dtidy

# Static analysis over every C directory, then the whole tree (dtidy, unit
# tests, benchmark drivers) built with clang under the same -Werror flags.
LINT_DIRS := $(wildcard $(SRC_DIRS) include bench tests/unit tests/fuzz tests/schema)
CPPCHECK_FLAGS := --enable=warning,performance,portability --inline-suppr -q \
		  --error-exitcode=1 -I. --library=tests/unit/criterion.cfg
lint: deps
	cppcheck $(CPPCHECK_FLAGS) $(LINT_DIRS)
	@$(MAKE) --no-print-directory CC=clang BUILD=build-clang all \
		build-clang/unit-tests build-clang/parse-bench build-clang/schema-oracle

# --- fuzzing (libFuzzer, clang) ---------------------------------------------
#   make fuzz              build-fuzz/fuzz_* (one per tests/fuzz/fuzz_*.c)
#   make fuzz-smoke        each target 60 s under ASan + UBSan (part of CI)
#   make fuzz-run FUZZ_TIME=600   longer sessions
FUZZ_CC    ?= clang
FUZZ_TIME  ?= 600
FUZZ_FLAGS := -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
	      -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_BINS  := $(FUZZ_SRCS:tests/fuzz/%.c=$(BUILD)/%)

fuzz:
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=$(FUZZ_CC) \
		CFLAGS="$(FUZZ_FLAGS)" fuzz-bins

fuzz-bins: $(FUZZ_BINS)

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_HDRS) $(BUILD)/libdtidy.a
	$(SAY) LD $@
	$(Q)$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -fsanitize=fuzzer -o $@ $< \
		$(BUILD)/libdtidy.a $(LDLIBS)

SMOKE_TARGETS ?= fuzz_parse fuzz_pp fuzz_model fuzz_format fuzz_lsp fuzz_bindings fuzz_yaml \
		 fuzz_schema_cache fuzz_schema_instance
fuzz-smoke: fuzz
	@sh tests/fuzz/run.sh 60 $(SMOKE_TARGETS)

fuzz-run: fuzz
	@sh tests/fuzz/run.sh $(FUZZ_TIME)

# --- install -------------------------------------------------------------------
# The man page and the completions are printed by the binary from the same
# table as --help (integrations/cli/cli_table.c), so they cannot drift.
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share
GENERATED := $(BUILD)/dtidy.1 $(BUILD)/completions/dtidy.bash \
	     $(BUILD)/completions/_dtidy $(BUILD)/completions/dtidy.fish

$(BUILD)/dtidy.1: $(BUILD)/dtidy
	$(SAY) GEN $@
	$(Q)$(BUILD)/dtidy help --man > $@.tmp && mv $@.tmp $@
$(BUILD)/completions/dtidy.bash: $(BUILD)/dtidy
	@mkdir -p $(dir $@)
	$(SAY) GEN $@
	$(Q)$(BUILD)/dtidy help --completion=bash > $@.tmp && mv $@.tmp $@
$(BUILD)/completions/_dtidy: $(BUILD)/dtidy
	@mkdir -p $(dir $@)
	$(SAY) GEN $@
	$(Q)$(BUILD)/dtidy help --completion=zsh > $@.tmp && mv $@.tmp $@
$(BUILD)/completions/dtidy.fish: $(BUILD)/dtidy
	@mkdir -p $(dir $@)
	$(SAY) GEN $@
	$(Q)$(BUILD)/dtidy help --completion=fish > $@.tmp && mv $@.tmp $@

install: all $(GENERATED)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(DATADIR)/bash-completion/completions \
		$(DESTDIR)$(DATADIR)/zsh/site-functions \
		$(DESTDIR)$(DATADIR)/fish/vendor_completions.d
	install -m 755 $(BUILD)/dtidy $(DESTDIR)$(BINDIR)/dtidy
	install -m 644 $(BUILD)/dtidy.1 $(DESTDIR)$(MANDIR)/man1/dtidy.1
	install -m 644 $(BUILD)/completions/dtidy.bash \
		$(DESTDIR)$(DATADIR)/bash-completion/completions/dtidy
	install -m 644 $(BUILD)/completions/_dtidy $(DESTDIR)$(DATADIR)/zsh/site-functions/_dtidy
	install -m 644 $(BUILD)/completions/dtidy.fish \
		$(DESTDIR)$(DATADIR)/fish/vendor_completions.d/dtidy.fish

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/dtidy $(DESTDIR)$(MANDIR)/man1/dtidy.1 \
		$(DESTDIR)$(DATADIR)/bash-completion/completions/dtidy \
		$(DESTDIR)$(DATADIR)/zsh/site-functions/_dtidy \
		$(DESTDIR)$(DATADIR)/fish/vendor_completions.d/dtidy.fish

clean:
	rm -rf build build-asan build-clang build-fuzz

.PHONY: all deps run test check-build asan bench lint fuzz fuzz-bins fuzz-smoke fuzz-run schema-oracle \
	install uninstall clean
