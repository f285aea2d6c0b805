#!/bin/bash
# test/run-extra.sh
#	The test stages after the pg_regress suite.  scripts/test.sh runs it as
#	the postgres user from the root of a postgres-owned copy of the
#	repository, with the throwaway cluster in PGHOST/PGPORT and the
#	installed server's PG_CONFIG.  Each stage ends with "N passed, M
#	failed"; the script stops at the first stage that fails.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# a stage's title, with the seconds since the start
say() {
	printf '==> [%4ds] %s\n' "$SECONDS" "$*"
}

say "doc/FORMAT.md matches the core's template and rule tables (test/tools doc-check)"
make -s -C test/tools doc-check

say "every message has its Chinese translation (make po-check)"
make -s po-check
make -s -C src/bin/gip_load po-check

say "unit tests of the core's pieces (test/unit)"
make -s -C test/unit check

say "the DOCX reader: renderings, hostile archives, rows (test/tools/compare.py docx)"
python3 test/tools/compare.py -q docx

# the SQL leg is required here: the throwaway cluster is always up
say "property test (test/property/run.sh)"
GIP_PROPERTY_SQL=${GIP_PROPERTY_SQL:-1} bash test/property/run.sh

say "TAP tests: dump/restore, upgrade, mutations, load, messages (test/t/run.sh)"
bash test/t/run.sh

say "gip_load, the loader: files and folders into the store (test/load_cli/run.sh)"
bash test/load_cli/run.sh

say "the core under valgrind memcheck (test/valgrind/run.sh)"
bash test/valgrind/run.sh

say "fuzzing the parser core for a bounded time (test/fuzz/run.sh)"
bash test/fuzz/run.sh "${GIP_FUZZ_SECONDS:-60}"

say "BI clients: psqlODBC and JDBC over TCP as a read-only role (test/clients/run.sh)"
bash test/clients/run.sh

say "all extra stages passed"
