#!/bin/bash
# test/property/run.sh
#	Property test of the parser: generate synthetic reports in every form
#	(test/gen/synth.py), parse every rendering with the core -- gipcli for
#	text, gip_parse_bytes for the GBK and Big5 files -- and compare with
#	the report that was rendered; then a SQL leg over a sample through
#	gip_parse() on the server in PGHOST/PGPORT, when one is reachable and
#	has the extension installed.  Ends with one line "N passed, M failed";
#	exits 1 when M > 0.
#
#	Environment:
#	  GIP_PROPERTY_N      reports to generate (3000)
#	  GIP_PROPERTY_SEED   generator seed (20240601)
#	  GIP_PROPERTY_SQL    auto (default): run the SQL leg when a server is
#	                      reachable; 1: require it; 0: skip it
#	  GIP_PROPERTY_SQL_N  renderings checked through SQL (200)
#	  GIP_PROPERTY_KEEP   copy failing renderings and their JSON there
#	  GIP_PROPERTY_GLUED_N  reports rendered as glued text (1000; 0 skips)
#	Arguments are passed to synth.py, e.g.  --forms layout,tsv --no-blanks
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
N=${GIP_PROPERTY_N:-3000}
SEED=${GIP_PROPERTY_SEED:-20240601}
SQL_MODE=${GIP_PROPERTY_SQL:-auto}
SQL_N=${GIP_PROPERTY_SQL_N:-200}
KEEP=${GIP_PROPERTY_KEEP:-}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/gip-property.XXXXXX")
chmod 755 "$WORK"			# the server reads the files in the SQL leg
DB=
cleanup() {
	if [ -n "$DB" ]; then
		psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true
	fi
	rm -rf "$WORK"
}
trap cleanup EXIT

echo "property: generating $N reports (seed $SEED) $*"
python3 "$ROOT/test/gen/synth.py" -n "$N" --seed "$SEED" -o "$WORK/gen" "$@"

# the parsers: gipcli (text) and a gip_parse_bytes driver (bytes)
make -s -C "$ROOT/test/tools" gipcli >&2
GIPCLI=$ROOT/test/tools/gipcli
usage=$("$GIPCLI" 2>&1 || true)
case "$usage" in
	*--bytes*)
		BYTES_CMD="$GIPCLI --bytes" ;;
	*)
		gcc -O2 -std=gnu11 -I"$ROOT/src/core" $(pkg-config --cflags libxml-2.0) \
			-o "$WORK/parsebytes" "$ROOT/test/property/parsebytes.c" \
			"$ROOT"/src/core/*.c $(pkg-config --libs icu-uc icu-i18n libxml-2.0 libzip)
		BYTES_CMD=$WORK/parsebytes ;;
esac

keep_args=()
if [ -n "$KEEP" ]; then
	keep_args=(--keep-failures "$KEEP")
fi
cli_rc=0
python3 "$ROOT/test/property/compare.py" "$WORK/gen" --gipcli "$GIPCLI" \
	--bytes-cmd "$BYTES_CMD" --counts-file "$WORK/cli.counts" \
	"${keep_args[@]}" || cli_rc=$?
if [ ! -s "$WORK/cli.counts" ]; then
	echo "property: compare.py failed (exit $cli_rc)" >&2
	echo "0 passed, 1 failed"
	exit 1
fi
read -r passed failed <"$WORK/cli.counts"

# the glued-text leg: synthetic reports as a crawler's text of their page
# (test/property/glued.py; exact, or ambiguous with a note naming the cell)
GLUED_N=${GIP_PROPERTY_GLUED_N:-1000}
if [ "$GLUED_N" -gt 0 ]; then
	python3 "$ROOT/test/property/glued.py" --gipcli "$GIPCLI" -n "$GLUED_N" \
		--seed "$SEED" >"$WORK/glued.out" 2>&1 || true
	grep -v ' passed, ' "$WORK/glued.out" | tail -n 40
	if last=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$WORK/glued.out" | tail -n 1) &&
		[ -n "$last" ]; then
		passed=$((passed + ${last%% passed*}))
		g_failed=${last##*, }
		failed=$((failed + ${g_failed%% failed}))
	else
		echo "property: glued.py failed" >&2
		failed=$((failed + 1))
	fi
fi

# the SQL leg
run_sql=no
if [ "$SQL_MODE" != 0 ]; then
	if command -v psql >/dev/null &&
		avail=$(psql -X -At -d postgres -c \
			"SELECT count(*) FROM pg_available_extensions WHERE name = 'gipreport'" 2>/dev/null) &&
		[ "$avail" = 1 ]; then
		run_sql=yes
	elif [ "$SQL_MODE" = 1 ]; then
		echo "property: no server with gipreport for the SQL leg" >&2
		failed=$((failed + 1))
	else
		echo "property: SQL leg skipped (no server with gipreport reachable)"
	fi
fi
if [ "$run_sql" = yes ]; then
	DB=gip_property_$$
	psql -X -q -d postgres -c "CREATE DATABASE $DB" >/dev/null
	python3 "$ROOT/test/property/sql_leg.py" "$WORK/gen" --root "$ROOT" \
		--db "$DB" --n "$SQL_N" --counts-file "$WORK/sql.counts" || true
	if [ -s "$WORK/sql.counts" ]; then
		read -r p2 f2 <"$WORK/sql.counts"
		passed=$((passed + p2))
		failed=$((failed + f2))
	else
		failed=$((failed + 1))
	fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
