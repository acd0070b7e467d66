# The living project-model handbook. Every target sets up what it needs first.
M ?= solbjerg
VENV := .venv
HANDBOOK := $(VENV)/bin/handbook
BUILD_FLAGS ?=
BOOTSTRAP_DEPS := pyproject.toml scripts/bootstrap.sh package.json

.PHONY: setup html pdf json validate test all serve clean

# Set-up by feature (see scripts/bootstrap.sh); re-run when dependencies change.
$(VENV)/.bootstrapped-base: $(BOOTSTRAP_DEPS)
	bash scripts/bootstrap.sh
$(VENV)/.bootstrapped-pdf: $(BOOTSTRAP_DEPS)
	bash scripts/bootstrap.sh pdf
$(VENV)/.bootstrapped-browser: $(BOOTSTRAP_DEPS)
	bash scripts/bootstrap.sh browser

setup: $(VENV)/.bootstrapped-base $(VENV)/.bootstrapped-pdf $(VENV)/.bootstrapped-browser

html: $(VENV)/.bootstrapped-base
	$(HANDBOOK) build $(M) --format html $(BUILD_FLAGS)

pdf: $(VENV)/.bootstrapped-base $(VENV)/.bootstrapped-pdf
	$(HANDBOOK) build $(M) --format pdf $(BUILD_FLAGS)

json: $(VENV)/.bootstrapped-base
	$(HANDBOOK) build $(M) --format json $(BUILD_FLAGS)

validate: $(VENV)/.bootstrapped-base
	$(HANDBOOK) validate $(M)

# The tests build PDFs and drive a real browser, so they need every feature. The type
# check (mypy --strict, configured in pyproject.toml) runs first: it is quick and names
# the line.
test: setup
	$(VENV)/bin/mypy
	$(VENV)/bin/python -m pytest $(PYTEST_ARGS)

# Every municipality in municipality_data/, each its own handbook, plus _build/index.html.
all: $(VENV)/.bootstrapped-base
	$(HANDBOOK) build-all --format html $(BUILD_FLAGS)

# Live preview: rebuilds when the handbook sources or the municipality's data change.
serve: $(VENV)/.bootstrapped-base
	$(VENV)/bin/python -m livinghandbook.serve $(M)

clean:
	rm -rf _build
