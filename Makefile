# dtidy — build, test, benchmark. `make` builds build/dtidy.
CC      ?= cc
CFLAGS  ?= -O2 -g
WARN    := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes
CPPFLAGS += -I.
LDLIBS  += -lpthread

BUILD   ?= build
# Every .c under these directories is part of dtidy (a rule or a stage is
# added by adding its file).
SRC_DIRS := core lexer parser rules formatter integrations
SRCS    := $(sort $(shell find $(SRC_DIRS) -name '*.c' 2>/dev/null))
LIB_SRCS := $(filter-out integrations/cli/%,$(SRCS))
OBJS    := $(SRCS:%.c=$(BUILD)/%.o)
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/%.o)

all: $(BUILD)/dtidy

$(BUILD)/dtidy: $(OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -MMD -MP -c -o $@ $<

-include $(OBJS:.o=.d)

clean:
	rm -rf build build-asan

.PHONY: all clean
