#!/bin/bash
# test/run-extra.sh
#	The test stages after the pg_regress suite.  scripts/test.sh runs it as
#	the postgres user from the root of a postgres-owned copy of the
#	repository, with the throwaway cluster in PGHOST/PGPORT and the
#	installed server's PG_CONFIG.  Each stage ends with "N passed, M
#	failed"; the script stops at the first stage that fails.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

echo "==> property test (test/property/run.sh)"
bash test/property/run.sh

echo "==> TAP tests: dump/restore and upgrade (test/t/run.sh)"
bash test/t/run.sh

echo "==> the core under valgrind memcheck (test/valgrind/run.sh)"
bash test/valgrind/run.sh

echo "==> fuzzing the parser core for a bounded time (test/fuzz/run.sh)"
bash test/fuzz/run.sh "${GIP_FUZZ_SECONDS:-60}"

echo "==> BI clients: psqlODBC and JDBC over TCP as a read-only role (test/clients/run.sh)"
bash test/clients/run.sh
