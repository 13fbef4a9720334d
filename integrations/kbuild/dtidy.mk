# dtidy.mk: lint devicetree sources from make, incrementally and in parallel.
#
# Standalone:   make -f PATH/dtidy.mk KERNEL_SRC=~/linux ARCH=arm64 -j8 dtbs_lint
# Included:     include PATH/dtidy.mk   (from a kernel or any Makefile)
#
# Targets
#   dtbs_lint      dtidy check on every board (.dts/.dtso): one stamp per
#                  board, re-checked only when the board or a file it read
#                  (.dtsi, header, .dtidy.yaml) changed.
#   dtbs_lint_fmt  dtidy format --check on every source (.dts/.dtsi/.dtso).
#   dtbs_lint_clean  removes the stamps and dependency files.
#
# Where the sources are (first match wins)
#   DTS_FILES=...   an explicit list of boards
#   DTS_DIR=DIR     every board under DIR
#   KERNEL_SRC=DIR ARCH=ARCH  (default) DIR/arch/ARCH/boot/dts, with the
#                  kernel's include paths: the board's directory,
#                  arch/ARCH/boot/dts, scripts/dtc/include-prefixes, include
#
# Knobs
#   DTIDY=PATH        the binary (default: dtidy on PATH)
#   DTIDY_FLAGS=...   more options for dtidy check (e.g. --disable RULE)
#   DTIDY_FMT_FLAGS=  more options for dtidy format --check
#   DTIDY_INCLUDES=   extra -I directories, searched after the kernel's
#   W=1, W=2          --level=1 / --level=2 (kernel style: W=12, W=e work)
#   CHECK_DTBS=y|n    the schema rules, what `make dtbs_check` checks (default
#                     y: they run whenever the binding documents and
#                     dt-schema's core schemas are found; n: --disable=schema)
#   DTIDY_SCHEMAS=DIR dt-schema's core schemas (--schemas DIR), when no
#                     installed dt-schema has them
#   DTIDY_WERROR=1    warnings fail the build
#   DTIDY_NOFAIL=1    report only: findings never fail the build
#   O=DIR, DTIDY_OUT=DIR  where stamps and .d files go
#                     (default: $(O)/.dtidy, or ./.dtidy)
#   V=1               print the commands
#
# Output is dtidy's gcc-style "file:line:col: severity: message [rule]";
# a clean board prints nothing.

# Everything private to this file starts with dtidy_, so it can be included
# into a large Makefile (the kernel's) without clashing.
dtidy_saved_goal := $(.DEFAULT_GOAL)

# Run on its own (make -f dtidy.mk): without make's built-in rules, which
# would be searched for every board and header on every run (most of a warm
# run's time). An including Makefile keeps its own settings (the kernel's
# already has -rR).
ifeq ($(notdir $(firstword $(MAKEFILE_LIST))),dtidy.mk)
MAKEFLAGS += --no-builtin-rules
.SUFFIXES:
endif

DTIDY ?= dtidy
DTIDY_FLAGS ?=
DTIDY_FMT_FLAGS ?=
DTIDY_INCLUDES ?=

# Inside the kernel's own Makefile srctree and SRCARCH are already set.
# ARCH may name several architectures ("arm arm64"); kernel ARCH aliases
# (x86_64, i386, sparc64, ...) map to their arch/ directory as in the kernel.
KERNEL_SRC ?= $(if $(srctree),$(srctree),.)
dtidy_srcarch = $(patsubst i386,x86,$(patsubst x86_64,x86,$(patsubst sparc32,sparc,$(patsubst \
		sparc64,sparc,$(patsubst parisc64,parisc,$(patsubst sh64,sh,$(1)))))))
dtidy_arches := $(sort $(if $(SRCARCH),$(SRCARCH),$(call dtidy_srcarch,$(ARCH))))
dtidy_src := $(patsubst %/,%,$(KERNEL_SRC))
dtidy_prefix := $(if $(filter .,$(dtidy_src)),,$(dtidy_src)/)

ifneq ($(DTIDY_OUT),)
dtidy_out := $(DTIDY_OUT)
else ifneq ($(O),)
dtidy_out := $(O)/.dtidy
else
dtidy_out := .dtidy
endif

# Roots: the directories searched for sources. A board under a root gets
# the root as an include directory (arch/ARCH/boot/dts in a kernel).
dtidy_kernel_roots := $(foreach a,$(dtidy_arches),$(dtidy_prefix)arch/$(a)/boot/dts)
ifneq ($(DTS_DIR),)
dtidy_roots := $(patsubst %/,%,$(DTS_DIR))
else
dtidy_roots := $(dtidy_kernel_roots)
endif

# One find, and only when a dtidy target is asked for: an including
# Makefile pays nothing for its other targets.
dtidy_goals := dtbs_lint dtbs_lint_fmt
dtidy_wanted := $(if $(MAKECMDGOALS),$(filter $(dtidy_goals),$(MAKECMDGOALS)),$(if $(dtidy_saved_goal),,yes))
ifneq ($(DTS_FILES),)
dtidy_boards := $(DTS_FILES)
dtidy_fmt_sources := $(DTS_FILES)
else ifneq ($(dtidy_wanted),)
ifneq ($(dtidy_roots),)
dtidy_fmt_sources := $(sort $(shell find $(dtidy_roots) \( -name '*.dts' -o -name '*.dtsi' -o -name '*.dtso' \) -type f 2>/dev/null))
dtidy_boards := $(filter %.dts %.dtso,$(dtidy_fmt_sources))
endif
endif

dtidy_root_of = $(firstword $(foreach r,$(dtidy_roots),$(if $(filter $(r)/%,$(1)),$(r))))

# Include paths after the board's own directory and its root: the kernel's
# (when an ARCH is given), then DTIDY_INCLUDES.
dtidy_incs := $(if $(dtidy_arches),$(dtidy_prefix)scripts/dtc/include-prefixes $(dtidy_prefix)include) \
	      $(DTIDY_INCLUDES)
dtidy_iflags := $(foreach d,$(wildcard $(dtidy_incs)),-I $(d))

dtidy_level := $(if $(findstring 2,$(W)),--level=2,$(if $(findstring 1,$(W)),--level=1))
dtidy_werror := $(if $(filter 1,$(DTIDY_WERROR))$(findstring e,$(W)),--werror)
# CHECK_DTBS: the kernel's switch for schema validation; here on unless
# turned off, since the family is off by itself when there is nothing to
# validate against
CHECK_DTBS ?= y
dtidy_schema := $(if $(filter n N 0 no,$(CHECK_DTBS)),--disable=schema,$(if \
		$(DTIDY_SCHEMAS),--schemas $(DTIDY_SCHEMAS)))
dtidy_check_flags := $(strip --color=never $(dtidy_level) $(dtidy_werror) $(dtidy_schema) \
		     $(DTIDY_FLAGS))

ifeq ($(V),1)
dtidy_q :=
else
dtidy_q := @
endif

# Exit status 1 means findings. By default they fail the build and the
# stamp is not made, so the board is checked (and its findings shown) again
# next time. With DTIDY_NOFAIL=1 they are reported once, like compiler
# warnings, and the stamp is made. Status 2 (bad usage, unreadable file) is
# always fatal.
ifeq ($(DTIDY_NOFAIL),1)
dtidy_on_findings = : >$@
else
dtidy_on_findings = exit 1
endif

# A stamp per source, mirroring its path (relative to KERNEL_SRC) under the
# output directory, like the kernel's object tree; ".." and a leading "/" are
# renamed so that every stamp stays inside it.
dtidy_stamp = $(dtidy_out)/$(subst ../,__/,$(patsubst /%,_abs_/%,$(patsubst $(dtidy_src)/%,%,$(1))))$(2)
dtidy_lint_stamps := $(foreach f,$(dtidy_boards),$(call dtidy_stamp,$(f),.lint))
dtidy_fmt_stamps := $(foreach f,$(dtidy_fmt_sources),$(call dtidy_stamp,$(f),.fmt))

# Every stamp is redone when the binary or the options change: the command
# line is remembered in a file that is rewritten only when it differs.
dtidy_sig_file := $(dtidy_out)/options
dtidy_sig := $(DTIDY) check $(dtidy_check_flags) $(dtidy_iflags) | format $(DTIDY_FMT_FLAGS)
# Stamp directories are made here, in one process, not one per board.
dtidy_dirs := $(dtidy_out) $(sort $(patsubst %/,%,$(dir $(dtidy_lint_stamps) $(dtidy_fmt_stamps))))
ifneq ($(dtidy_wanted),)
dtidy_missing := $(filter-out $(wildcard $(dtidy_dirs)),$(dtidy_dirs))
ifneq ($(dtidy_missing),)
$(shell mkdir -p $(dtidy_missing))
endif
ifneq ($(file <$(dtidy_sig_file)),$(dtidy_sig))
$(file >$(dtidy_sig_file),$(dtidy_sig))
endif
endif
dtidy_common_deps := $(dtidy_sig_file) $(wildcard $(DTIDY))

# $(1): the board, $(2): its root (may be empty)
define dtidy_lint_rule
$(call dtidy_stamp,$(1),.lint): $(1) $$(dtidy_common_deps)
	$$(dtidy_q)rc=0; $$(DTIDY) check $$(dtidy_check_flags) -I $$(<D) $(if $(2),$(if $(filter $(2)/,$(dir $(1))),,-I $(2) ))$$(dtidy_iflags) \
		-MD -MF $$@.d -MT $$@ -MP $$< || rc=$$$$?; \
	if [ $$$$rc -eq 0 ]; then : >$$@; \
	elif [ $$$$rc -eq 1 ]; then $$(dtidy_on_findings); \
	else exit $$$$rc; fi
endef

# format --check --diff prints a unified diff; each hunk becomes one
# gcc-style line at its first changed line of the file as it is now.
dtidy_fmt_gcc = awk -v f="$<" '/^@@ /{ split($$2, a, ","); n = substr(a[1], 2) + 0; h = 1; next } \
	h && /^ / { n++; next } \
	h && /^[-+]/ { if (h == 1) print f ":" n ":1: error: not in dtidy format; run: dtidy format -i " f " [format]"; \
		h = 2; if (/^-/) n++; next }'

define dtidy_fmt_rule
$(call dtidy_stamp,$(1),.fmt): $(1) $$(dtidy_common_deps)
	$$(dtidy_q)rc=0; $$(DTIDY) format --check --diff --quiet $$(DTIDY_FMT_FLAGS) $$< >$$@.diff || rc=$$$$?; \
	$$(dtidy_fmt_gcc) $$@.diff; rm -f $$@.diff; \
	if [ $$$$rc -eq 0 ]; then : >$$@; \
	elif [ $$$$rc -eq 1 ]; then $$(dtidy_on_findings); \
	else exit $$$$rc; fi
endef

$(foreach f,$(dtidy_boards),$(eval $(call dtidy_lint_rule,$(f),$(call dtidy_root_of,$(f)))))
$(foreach f,$(dtidy_fmt_sources),$(eval $(call dtidy_fmt_rule,$(f))))

# What each board read last time (written by dtidy check -MD -MP).
-include $(wildcard $(addsuffix .d,$(dtidy_lint_stamps)))

# The recipes ("@:") keep make from saying "Nothing to be done" on a clean
# re-run: silence is the answer for "all boards clean".
dtbs_lint: $(dtidy_lint_stamps)
	@$(if $(dtidy_boards),:,echo "dtidy.mk: no boards found: set ARCH= and KERNEL_SRC=, or DTS_DIR= or DTS_FILES=" >&2; exit 2)

dtbs_lint_fmt: $(dtidy_fmt_stamps)
	@$(if $(dtidy_fmt_sources),:,echo "dtidy.mk: no sources found: set ARCH= and KERNEL_SRC=, or DTS_DIR= or DTS_FILES=" >&2; exit 2)

dtbs_lint_clean:
	rm -rf $(dtidy_out)

.PHONY: dtbs_lint dtbs_lint_fmt dtbs_lint_clean

.DEFAULT_GOAL := $(if $(dtidy_saved_goal),$(dtidy_saved_goal),dtbs_lint)
