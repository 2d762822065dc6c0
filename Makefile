# TalentZone — two commands on a fresh Debian machine with Swift:
#   make demo   load the demo data set into the embedded PostgreSQL cluster and print the summary
#   make test   run every test against throwaway PostgreSQL clusters
# Also: make build, make bench (release build, prints figures), make db-down, make clean.

SWIFT ?= swift
TALENTCTL := .build/debug/talentctl

.PHONY: demo test build bench db-down clean postgres python3

# PostgreSQL's server programs (initdb, pg_ctl) from Debian's packages, installed when missing.
postgres:
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "Installing PostgreSQL (Debian package postgresql)…"; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql; \
	else \
	  echo "PostgreSQL server programs are missing. Install them with: sudo apt-get install -y postgresql" >&2; exit 1; \
	fi

build:
	$(SWIFT) build --product talentctl

demo: postgres build
	$(TALENTCTL) demo

# python3 runs Docs/tools/check_round.py in one test; Debian's package when missing.
python3:
	@if command -v python3 >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "Installing python3 (Debian package python3)…"; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3; \
	else \
	  echo "python3 is missing. Install it with: sudo apt-get install -y python3" >&2; exit 1; \
	fi

test: postgres python3
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: postgres
	$(SWIFT) build -c release --product talentbench
	$(SWIFT) build -c release --product talentctl
	.build/release/talentbench

db-down:
	-$(TALENTCTL) db down

clean: db-down
	rm -rf .build .talentzone
