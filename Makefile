# The two commands a newcomer types: `make demo` and `make test`.
BUILD_DIR ?= build
JOBS ?= 2
# Tests mostly wait (on tmux, timers, the agents' screens), so twice as many
# run at once as there are compile jobs.
TEST_JOBS ?= 4
CMAKE_BUILD_TYPE ?= RelWithDebInfo

.PHONY: all deps configure build test demo bench clean

all: build

deps:
	@bash scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(CMAKE_BUILD_TYPE) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j$(JOBS)

# ctest shows a skipped test's output nowhere, so the real-CLI tier's reason
# for skipping is repeated after the summary.
test: build
	@rm -f $(BUILD_DIR)/real-tier-skipped.txt
	@cd $(BUILD_DIR) && { ctest --output-on-failure -j$(TEST_JOBS); status=$$?; \
	  if [ -f real-tier-skipped.txt ]; then echo; cat real-tier-skipped.txt; fi; exit $$status; }

# The demo builds only the program, quietly: one line, the compiler's output
# kept in build.log (shown when the build fails).
demo: configure
	@printf 'building team-agent (log: $(BUILD_DIR)/build.log) ... '
	@cmake --build $(BUILD_DIR) -j$(JOBS) --target team-agent >$(BUILD_DIR)/build.log 2>&1 \
	  || { echo failed; tail -n 40 $(BUILD_DIR)/build.log; exit 1; }
	@echo done
	@bash scripts/demo.sh $(BUILD_DIR)/team-agent

bench: build
	@bash bench/run.sh $(BUILD_DIR)

# docs/events.md is generated from the event catalogue; unit_tests fail when it is stale.
.PHONY: docs
docs: configure
	@cmake --build $(BUILD_DIR) -j$(JOBS) --target gen_events_doc
	@$(BUILD_DIR)/gen_events_doc > docs/events.md.tmp \
	  && mv docs/events.md.tmp docs/events.md || { rm -f docs/events.md.tmp; exit 1; }

clean:
	rm -rf $(BUILD_DIR)
