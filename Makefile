# TalentZone — two commands on a fresh Debian machine with Swift:
#   make demo   load the demo data set into the embedded PostgreSQL cluster and print the summary
#   make test   run every test against throwaway PostgreSQL clusters
# Also: make serve (talentd, the HTTP server, on 127.0.0.1:8080), make build, make bench (release build,
# prints figures), make db-down, make clean.

SWIFT ?= swift
TALENTCTL := .build/debug/talentctl
TALENTD := .build/debug/talentd

.PHONY: demo serve test build bench db-down clean postgres python3 openssl schemathesis wrk

# $(call debian-package,CHECK,PACKAGE): runs CHECK; when it fails, installs Debian's PACKAGE (as root)
# or says how to.
define debian-package
	@if { $(1); } >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "Installing $(2) (Debian package $(2))…"; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(2); \
	else \
	  echo "$(2) is missing. Install it with: sudo apt-get install -y $(2)" >&2; exit 1; \
	fi
endef

# PostgreSQL's server programs (initdb, pg_ctl).
postgres:
	$(call debian-package,ls /usr/lib/postgresql/*/bin/initdb || command -v initdb,postgresql)

# python3 runs Docs/tools/check_round.py in one test.
python3:
	$(call debian-package,command -v python3,python3)

# openssl makes the throwaway certificate of the TLS connection test.
openssl:
	$(call debian-package,command -v openssl,openssl)

build:
	$(SWIFT) build --product talentctl

demo: postgres build
	$(TALENTCTL) demo

# talentd on the same database as talentctl (the embedded cluster unless DATABASE_URL or PG* say otherwise).
serve: postgres
	$(SWIFT) build --product talentd
	$(TALENTD)

# schemathesis (PyPI) checks the OpenAPI document against a live talentd (Tests/conformance/schemathesis.sh);
# installed into a virtual environment under .build when it is not on PATH.
SCHEMATHESIS_VENV := .build/schemathesis-venv
SCHEMATHESIS := $(shell command -v schemathesis 2>/dev/null || echo $(SCHEMATHESIS_VENV)/bin/schemathesis)
schemathesis: python3
	@if [ -x "$(SCHEMATHESIS)" ]; then :; else \
	  echo "Installing schemathesis (PyPI) into $(SCHEMATHESIS_VENV)…"; \
	  python3 -m venv $(SCHEMATHESIS_VENV) 2>/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -q && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-venv && python3 -m venv $(SCHEMATHESIS_VENV); }; \
	  $(SCHEMATHESIS_VENV)/bin/pip install -q schemathesis; fi

test: postgres python3 openssl schemathesis
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	SCHEMATHESIS=$(SCHEMATHESIS) Tests/conformance/schemathesis.sh

# wrk (Debian) loads talentd on result day; pgbench comes with Debian's postgresql.
wrk:
	$(call debian-package,command -v wrk,wrk)

bench: postgres wrk
	$(SWIFT) build -c release --product talentbench
	$(SWIFT) build -c release --product talentctl
	$(SWIFT) build -c release --product talentd
	.build/release/talentbench

db-down:
	-$(TALENTCTL) db down

clean: db-down
	rm -rf .build .talentzone
