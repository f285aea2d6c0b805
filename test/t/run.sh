#!/bin/bash
# test/t/run.sh
#	Run the TAP tests test/t/*.pl with prove, on PostgreSQL's own TAP
#	framework (PostgreSQL::Test::Cluster and ::Utils, shipped by Debian's
#	postgresql-server-dev-15 under the PGXS tree; IPC::Run from
#	libipc-run-perl).  Each test makes its own throwaway clusters.
#	Run as an ordinary user (not root: initdb refuses it) from anywhere,
#	with gipreport installed into the server of PG_CONFIG.
#	PROVE_FLAGS passes flags to prove (e.g. PROVE_FLAGS=-v); PROVE_TESTS
#	picks tests (default: all of test/t/*.pl).  GIP_TAP_KEEP=1 keeps the
#	scratch directory (node logs, dumps) even when the tests pass.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
bindir=$("$PG_CONFIG" --bindir)
pgxs_src=$(cd "$(dirname "$("$PG_CONFIG" --pgxs)")/.." && pwd)
perl_lib=$pgxs_src/test/perl
pg_regress=$pgxs_src/test/regress/pg_regress

if [ "$(id -u)" -eq 0 ]; then
	echo "test/t/run.sh: run it as an ordinary user (initdb refuses root), e.g. sudo -u postgres" >&2
	exit 1
fi
for need in "$perl_lib/PostgreSQL/Test/Cluster.pm" "$pg_regress"; do
	if [ ! -e "$need" ]; then
		echo "test/t/run.sh: $need not found (install postgresql-server-dev-15)" >&2
		exit 1
	fi
done
if ! perl -MIPC::Run -e 1 2>/dev/null; then
	echo "test/t/run.sh: perl module IPC::Run missing (install libipc-run-perl)" >&2
	exit 1
fi
if [ ! -f "$("$PG_CONFIG" --sharedir)/extension/gipreport.control" ]; then
	echo "test/t/run.sh: gipreport is not installed (make install first)" >&2
	exit 1
fi

# the framework writes node logs and port locks under $TESTDIR/tmp_check
scratch=$(mktemp -d "${TMPDIR:-/tmp}/gip_tap.XXXXXX")
keep=${GIP_TAP_KEEP:-}
finish() {
	local rc=$?
	if [ $rc -ne 0 ] || [ -n "$keep" ]; then
		echo "test/t/run.sh: logs kept in $scratch/tmp_check/log" >&2
	else
		rm -rf "$scratch"
	fi
	exit $rc
}
trap finish EXIT
mkdir -p "$scratch/tmp_check"

cd "$root"
tests=${PROVE_TESTS:-$(ls test/t/*.pl)}
# shellcheck disable=SC2086
env PATH="$bindir:$PATH" \
	PERL5LIB="$perl_lib${PERL5LIB:+:$PERL5LIB}" \
	PG_REGRESS="$pg_regress" \
	TESTDIR="$scratch" \
	GIP_ROOT="$root" \
	prove -I "$perl_lib" ${PROVE_FLAGS:-} $tests
