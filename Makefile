# TalentZone — two commands on a fresh Debian machine with Swift:
#   make demo   load the demo data set into the embedded PostgreSQL cluster and print the summary
#   make test   run every test against throwaway PostgreSQL clusters
# Also: make build, make bench (release build, prints figures), make db-down, make clean.

SWIFT ?= swift
TALENTCTL := .build/debug/talentctl

.PHONY: demo test build bench db-down clean postgres

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

test: postgres
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
