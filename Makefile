# The living project-model handbook. `make html` and `make test` set everything up first.
M ?= solbjerg
VENV := .venv
HANDBOOK := $(VENV)/bin/handbook
BUILD_FLAGS ?=

.PHONY: setup html json validate test all clean

# Re-run set-up whenever the dependencies or the set-up script change.
$(VENV)/.bootstrapped: pyproject.toml scripts/bootstrap.sh
	bash scripts/bootstrap.sh

setup: $(VENV)/.bootstrapped

html: setup
	$(HANDBOOK) build $(M) --format html $(BUILD_FLAGS)

json: setup
	$(HANDBOOK) build $(M) --format json $(BUILD_FLAGS)

validate: setup
	$(HANDBOOK) validate $(M)

test: setup
	$(VENV)/bin/python -m pytest $(PYTEST_ARGS)

all: setup
	@status=0; for d in municipality_data/*/; do \
	  echo "== $$d"; $(HANDBOOK) build "$$d" --format html $(BUILD_FLAGS) || status=1; \
	done; exit $$status

clean:
	rm -rf _build
