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

DTIDY ?= dtidy
DTIDY_FLAGS ?=
DTIDY_FMT_FLAGS ?=
DTIDY_INCLUDES ?=

# Inside the kernel's own Makefile srctree and SRCARCH are already set.
KERNEL_SRC ?= $(if $(srctree),$(srctree),.)
dtidy_arch := $(if $(SRCARCH),$(SRCARCH),$(ARCH))

ifneq ($(DTIDY_OUT),)
dtidy_out := $(DTIDY_OUT)
else ifneq ($(O),)
dtidy_out := $(O)/.dtidy
else
dtidy_out := .dtidy
endif

ifneq ($(DTS_FILES),)
dtidy_boards := $(DTS_FILES)
dtidy_root :=
else ifneq ($(DTS_DIR),)
dtidy_root := $(patsubst %/,%,$(DTS_DIR))
else ifneq ($(dtidy_arch),)
dtidy_root := $(KERNEL_SRC)/arch/$(dtidy_arch)/boot/dts
else
dtidy_root :=
endif

# One find, and only when a dtidy target is asked for: an including
# Makefile pays nothing for its other targets.
dtidy_goals := dtbs_lint dtbs_lint_fmt
dtidy_wanted := $(if $(MAKECMDGOALS),$(filter $(dtidy_goals),$(MAKECMDGOALS)),$(if $(dtidy_saved_goal),,yes))
ifneq ($(dtidy_wanted),)
ifneq ($(dtidy_root),)
dtidy_all_sources := $(sort $(shell find $(dtidy_root) \( -name '*.dts' -o -name '*.dtsi' -o -name '*.dtso' \) -type f 2>/dev/null))
ifeq ($(DTS_FILES),)
dtidy_boards := $(filter %.dts %.dtso,$(dtidy_all_sources))
endif
endif
endif
dtidy_fmt_sources := $(if $(DTS_FILES),$(DTS_FILES),$(dtidy_all_sources))

# Kernel include paths; the board's own directory is added per board.
dtidy_kernel_incs := $(if $(dtidy_arch),$(KERNEL_SRC)/arch/$(dtidy_arch)/boot/dts) \
		     $(KERNEL_SRC)/scripts/dtc/include-prefixes $(KERNEL_SRC)/include
dtidy_incs := $(if $(DTS_DIR),$(dtidy_root)) $(if $(dtidy_arch),$(dtidy_kernel_incs)) $(DTIDY_INCLUDES)
dtidy_iflags := $(foreach d,$(wildcard $(dtidy_incs)),-I $(d))

dtidy_level := $(if $(findstring 2,$(W)),--level=2,$(if $(findstring 1,$(W)),--level=1))
dtidy_werror := $(if $(filter 1,$(DTIDY_WERROR))$(findstring e,$(W)),--werror)
dtidy_check_flags := --color=never $(dtidy_level) $(dtidy_werror) $(DTIDY_FLAGS)

ifeq ($(V),1)
dtidy_q :=
else
dtidy_q := @
endif

# Exit status 1 means findings: fatal unless DTIDY_NOFAIL=1, and the stamp is
# only touched for a passing board, so a failing one is checked (and its
# findings shown) again next time. Status 2 (bad usage, unreadable file) is
# always fatal.
ifeq ($(DTIDY_NOFAIL),1)
dtidy_on_findings := :
else
dtidy_on_findings := exit 1
endif

# A stamp per source, mirroring its path (relative to KERNEL_SRC) under the
# output directory, like the kernel's object tree; ".." and a leading "/" are
# renamed so that every stamp stays inside it.
dtidy_src_prefix := $(patsubst %/,%,$(KERNEL_SRC))/
dtidy_stamp = $(dtidy_out)/$(subst ../,__/,$(patsubst /%,_abs_/%,$(patsubst $(dtidy_src_prefix)%,%,$(1))))$(2)
dtidy_lint_stamps := $(foreach f,$(dtidy_boards),$(call dtidy_stamp,$(f),.lint))
dtidy_fmt_stamps := $(foreach f,$(dtidy_fmt_sources),$(call dtidy_stamp,$(f),.fmt))

# Every stamp is redone when the binary or the options change: the command
# line is remembered in a file that is rewritten only when it differs.
dtidy_sig_file := $(dtidy_out)/options
dtidy_sig := $(DTIDY) check $(dtidy_check_flags) $(dtidy_iflags) | format $(DTIDY_FMT_FLAGS)
ifneq ($(dtidy_wanted),)
ifneq ($(file <$(dtidy_sig_file)),$(dtidy_sig))
$(shell mkdir -p $(dtidy_out))
$(file >$(dtidy_sig_file),$(dtidy_sig))
endif
endif
dtidy_common_deps := $(dtidy_sig_file) $(wildcard $(DTIDY))

define dtidy_lint_rule
$(call dtidy_stamp,$(1),.lint): $(1) $$(dtidy_common_deps)
	@mkdir -p $$(@D)
	$$(dtidy_q)rc=0; $$(DTIDY) check $$(dtidy_check_flags) -I $$(<D) $$(dtidy_iflags) \
		-MD -MF $$@.d -MT $$@ -MP $$< || rc=$$$$?; \
	if [ $$$$rc -eq 0 ]; then touch $$@; \
	elif [ $$$$rc -eq 1 ]; then $$(dtidy_on_findings); \
	else exit $$$$rc; fi
endef

define dtidy_fmt_rule
$(call dtidy_stamp,$(1),.fmt): $(1) $$(dtidy_common_deps)
	@mkdir -p $$(@D)
	$$(dtidy_q)rc=0; $$(DTIDY) format --check $$(DTIDY_FMT_FLAGS) $$< || rc=$$$$?; \
	if [ $$$$rc -eq 0 ]; then touch $$@; \
	elif [ $$$$rc -eq 1 ]; then $$(dtidy_on_findings); \
	else exit $$$$rc; fi
endef

$(foreach f,$(dtidy_boards),$(eval $(call dtidy_lint_rule,$(f))))
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
