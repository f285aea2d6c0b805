#!/bin/bash
# test/load_cli/run.sh
#	Tests of gip_load, the loader (src/bin/gip_load), against the server in
#	PGHOST/PGPORT/PGUSER with gipreport installed into PG_CONFIG's tree.
#	Each scenario gets a fresh database; when it has no
#	gip_store(bytea, text) (the store of the 0.4.0 contract is not merged
#	yet), test/load_cli/stub.sql stands in for it and gip_known_hashes.
#	  - test/corpus (every form: tsv, layout, html, GBK, Big5, UTF-16,
#	    Traditional, the cases, the real reports as text and as PDF):
#	    outcome, agency and year of each file against the store; exit 1;
#	  - the same again: nothing sent, the store unchanged, exit 0;
#	  - broken files (empty, binary, truncated DOCX, a PDF pdftotext
#	    rejects, an unknown type) and the exit status; PDFs without
#	    pdftotext on the PATH; the CSV log's form (RFC 4180);
#	  - --strict (a refused report in a batch with a valid one);
#	  - --jobs 4 stores the same as --jobs 1;
#	  - Ctrl-C: what the log says was loaded is what the store holds, and
#	    a second run loads the rest;
#	  - usage and connection errors (exit 2), --version, --help in Chinese.
#	Ends with "N passed, M failed"; exits 1 when M > 0.
#	GIP_LOAD=path overrides the program (default: pg_config --bindir).
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PG_CONFIG=${PG_CONFIG:-pg_config}
GIP_LOAD=${GIP_LOAD:-$("$PG_CONFIG" --bindir)/gip_load}
PSQL=(psql -X -q -v ON_ERROR_STOP=1)
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/gip-load-cli.XXXXXX")
DBS=()
pass=0
fail=0

cleanup() {
	local db
	for db in "${DBS[@]}"; do
		"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
	done
	rm -rf "$WORK"
}
trap cleanup EXIT

# Count the ok:/FAILED: lines of a check's output, and show them.
tally() {
	local out=$1 line
	while IFS= read -r line; do
		echo "  $line"
		case $line in
			ok:*) pass=$((pass + 1)) ;;
			FAILED:*) fail=$((fail + 1)) ;;
		esac
	done <<<"$out"
}

# One assertion: description, then a command that succeeds when it holds.
check() {
	local what=$1
	shift
	if "$@"; then
		tally "ok: $what"
	else
		tally "FAILED: $what"
	fi
}

# A fresh database with the extension (and the stand-ins when needed).
newdb() {
	local db=gip_load_test_$1
	DBS+=("$db")
	"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
	"${PSQL[@]}" -d "$db" -c "CREATE EXTENSION gipreport" >/dev/null
	if [ "$("${PSQL[@]}" -At -d "$db" -c "SELECT to_regprocedure('gip_store(bytea,text)') IS NULL")" = t ]; then
		"${PSQL[@]}" -d "$db" -f "$HERE/stub.sql" >/dev/null
	fi
	echo "$db"
}

# Run gip_load; its exit status in $rc, standard error in $WORK/stderr.
run_load() {
	"$GIP_LOAD" "$@" >"$WORK/stdout" 2>"$WORK/stderr"
	rc=$?
}

counts() {
	"${PSQL[@]}" -At -d "$1" -c "SELECT (SELECT count(*) FROM gip_reports) || '/' || (SELECT count(*) FROM gip_rejected)"
}

if [ ! -x "$GIP_LOAD" ]; then
	echo "test/load_cli/run.sh: $GIP_LOAD not found (make install)" >&2
	echo "0 passed, 1 failed"
	exit 1
fi
if ! command -v pdftotext >/dev/null; then
	echo "test/load_cli/run.sh: pdftotext not found (install poppler-utils)" >&2
	echo "0 passed, 1 failed"
	exit 1
fi

echo "load_cli: $GIP_LOAD"

# -- the corpus ------------------------------------------------------------
echo "-- the corpus, every form"
db=$(newdb corpus)
run_load -d "$db" --log "$WORK/corpus.csv" "$ROOT/test/corpus"
check "corpus: exit status 1 (there are quarantined reports and not-reports) (rc $rc)" [ "$rc" = 1 ]
tally "$(python3 "$HERE/check.py" corpus "$WORK/corpus.csv" "$db" "$ROOT/test/corpus")"
check "corpus: one line per file on standard error when it is not a terminal" \
	[ "$(grep -c ': ' "$WORK/stderr")" -ge "$(($(wc -l <"$WORK/corpus.csv") - 1))" ]
check "corpus: the summary names a rule that refused reports" grep -q 't3.balance' "$WORK/stdout"
check "corpus: the summary lists the files that are not reports" grep -q 'not_report.txt' "$WORK/stdout"
check "corpus: the summary shows the command to see the details" grep -q "SELECT \* FROM gip_" "$WORK/stdout"

echo "-- the corpus again"
before=$(counts "$db")
run_load -d "$db" --log "$WORK/rerun.csv" "$ROOT/test/corpus"
check "rerun: exit status 0 (rc $rc)" [ "$rc" = 0 ]
check "rerun: the store is unchanged ($before -> $(counts "$db"))" [ "$before" = "$(counts "$db")" ]
tally "$(python3 "$HERE/check.py" rerun "$WORK/rerun.csv")"

# -- broken files ------------------------------------------------------------
echo "-- broken files"
B=$WORK/broken
mkdir -p "$B"
: >"$B/empty.txt"
head -c 4096 /dev/urandom >"$B/binary.txt"
printf 'PK\003\004\024\000\000\000\010\000' >"$B/truncated.docx"
head -c 2000 /dev/urandom >>"$B/truncated.docx"
printf '%%PDF-1.4\n%%garbage, no objects\n' >"$B/broken.pdf"
head -c 100 /dev/urandom >"$B/data.bin"
cp "$ROOT/test/corpus/tsv/000.txt" "$B/good.txt"
cp "$ROOT/test/corpus/tsv/001.txt" "$B/we,ird \"name\".txt"
db=$(newdb broken)
run_load -d "$db" --log "$WORK/broken.csv" "$B"
check "broken: exit status 1 (rc $rc)" [ "$rc" = 1 ]
tally "$(python3 "$HERE/check.py" broken "$WORK/broken.csv" "$db")"
tally "$(python3 "$HERE/check.py" logformat "$WORK/broken.csv")"
check "broken: pdftotext's refusal is shown for the file" grep -q 'broken.pdf.*pdftotext' "$WORK/stderr"

echo "-- PDFs without pdftotext"
db=$(newdb nopdf)
mkdir -p "$WORK/pdf"
cp "$ROOT"/test/corpus/real/*.pdf "$WORK/pdf/"
PATH=/nonexistent run_load -d "$db" --log "$WORK/nopdf.csv" "$WORK/pdf"
check "nopdf: exit status 1 (rc $rc)" [ "$rc" = 1 ]
tally "$(python3 "$HERE/check.py" nopdf "$WORK/nopdf.csv")"
check "nopdf: a message per file names poppler-utils" \
	[ "$(grep -c 'poppler-utils' "$WORK/stderr")" -ge 3 ]

echo "-- only files that are stored: exit status 0"
db=$(newdb good)
run_load -d "$db" "$ROOT/test/corpus/tsv" "$ROOT/test/corpus/gbk/000.html" "$ROOT/test/corpus/real/huaian-city-2024.pdf"
check "good: exit status 0 (rc $rc)" [ "$rc" = 0 ]
check "good: 7 reports stored ($(counts "$db"))" [ "$(counts "$db")" = "7/0" ]

# -- strict ------------------------------------------------------------------
echo "-- --strict"
S=$WORK/strict
mkdir -p "$S"
cp "$ROOT/test/corpus/tsv/000.txt" "$ROOT/test/corpus/cases/glued_tsv.txt" \
	"$ROOT/test/corpus/cases/not_report.txt" "$S/"
db=$(newdb strict)
run_load -d "$db" --strict --log "$WORK/strict.csv" "$S"
check "strict: exit status 1 (rc $rc)" [ "$rc" = 1 ]
tally "$(python3 "$HERE/check.py" strict "$WORK/strict.csv" "$db")"
check "strict: the summary names the rule" grep -q 't3.balance' "$WORK/stdout"

# -- jobs ----------------------------------------------------------------------
echo "-- --jobs 4 against --jobs 1"
J=$WORK/jobs
mkdir -p "$J"
cp -r "$ROOT/test/corpus/." "$J/"
rm -f "$J"/real/*.pdf		# the PDFs' texts are the .txt files: which one is stored depends on the order
python3 "$HERE/make_files.py" 60 "$J/generated" >/dev/null
db1=$(newdb jobs1)
db4=$(newdb jobs4)
run_load -d "$db1" -j 1 -b 7 "$J"
rc1=$rc
run_load -d "$db4" -j 4 -b 7 --log "$WORK/jobs4.csv" "$J"
rc4=$rc
check "jobs: the same exit status ($rc1, $rc4)" [ "$rc1" = "$rc4" ]
q="SELECT 'r', source_name, agency, year FROM gip_reports UNION ALL SELECT 'j', source_name, sqlstate, NULL FROM gip_rejected ORDER BY 1, 2"
"${PSQL[@]}" -At -d "$db1" -c "$q" >"$WORK/jobs1.txt"
"${PSQL[@]}" -At -d "$db4" -c "$q" >"$WORK/jobs4.txt"
check "jobs: --jobs 4 stores and quarantines the same as --jobs 1 ($(wc -l <"$WORK/jobs1.txt") rows)" \
	cmp -s "$WORK/jobs1.txt" "$WORK/jobs4.txt"
check "jobs: some reports stored, some quarantined" \
	[ "$(grep -c '^r|' "$WORK/jobs1.txt")" -gt 30 -a "$(grep -c '^j|' "$WORK/jobs1.txt")" -gt 60 ]
check "jobs: the log of --jobs 4 is in the files' order" \
	python3 -c "import csv,sys; r=[x[0] for x in csv.reader(open(sys.argv[1]))][1:]; sys.exit(r != sorted(r))" "$WORK/jobs4.csv"

# -- Ctrl-C ----------------------------------------------------------------------
echo "-- Ctrl-C"
I=$WORK/interrupt
n=$(python3 "$HERE/make_files.py" 400 "$I")
db=$(newdb interrupt)
"$GIP_LOAD" -d "$db" -b 10 --log "$WORK/int.csv" "$I" >"$WORK/stdout" 2>"$WORK/stderr" &
pid=$!
# wait for the first files to be done, then one SIGINT
for _ in $(seq 1 100); do
	[ "$(grep -c ': ' "$WORK/stderr")" -ge 20 ] && break
	sleep 0.1
done
kill -INT "$pid" 2>/dev/null
wait "$pid"
rc=$?
check "interrupt: exit status 1 (rc $rc)" [ "$rc" = 1 ]
tally "$(python3 "$HERE/check.py" interrupted "$WORK/int.csv" "$db" "$n")"
check "interrupt: the files left are reported as interrupted" \
	grep -q ',interrupted,' "$WORK/int.csv"
check "interrupt: the summary says to run again" grep -q 'run the same command again' "$WORK/stdout"
run_load -d "$db" -b 50 --log "$WORK/int2.csv" "$I"
check "interrupt: a second run loads the rest ($(counts "$db") for $n files)" \
	[ "$("${PSQL[@]}" -At -d "$db" -c "SELECT (SELECT count(*) FROM gip_reports) + (SELECT count(*) FROM gip_rejected)")" = "$n" ]

echo "-- Ctrl-C twice: the current batch is rolled back"
db=$(newdb abort)
# batches of 100: the second one is still running when the signals come
"$GIP_LOAD" -d "$db" -b 100 --log "$WORK/abort.csv" "$I" >"$WORK/stdout" 2>"$WORK/stderr" &
pid=$!
for _ in $(seq 1 300); do
	[ "$(grep -c ': ' "$WORK/stderr")" -ge 100 ] && break
	sleep 0.05
done
kill -INT "$pid" 2>/dev/null
sleep 0.05
second=0
kill -INT "$pid" 2>/dev/null && second=1
wait "$pid"
rc=$?
check "abort: exit status 1 (rc $rc)" [ "$rc" = 1 ]
tally "$(python3 "$HERE/check.py" interrupted "$WORK/abort.csv" "$db" "$n")"
if [ "$second" = 1 ]; then
	check "abort: the message says the batch is rolled back" grep -q 'rolled back' "$WORK/stderr"
else
	echo "  (the load ended before the second Ctrl-C: the abort message is not checked)"
fi

# -- usage, connection, messages --------------------------------------------------
echo "-- usage and connection errors"
run_load
check "usage: no path: exit status 2 (rc $rc)" [ "$rc" = 2 ]
run_load --jobs=0 "$B"
check "usage: --jobs=0: exit status 2 (rc $rc)" [ "$rc" = 2 ]
run_load -d "$db" "$WORK/does-not-exist"
check "usage: a path that does not exist: exit status 2 (rc $rc)" [ "$rc" = 2 ]
run_load -h "$WORK/no-socket-here" -p 1 "$B"
check "connection: no server: exit status 2 (rc $rc)" [ "$rc" = 2 ]
check "connection: libpq's message is shown" grep -qi 'connection\|socket' "$WORK/stderr"
run_load -d postgres "$B"
check "connection: a database without the extension: exit status 2 (rc $rc)" [ "$rc" = 2 ]
check "connection: the message names gip_store" grep -q 'gip_store' "$WORK/stderr"
run_load -d "dbname=$db application_name=x" -q "$ROOT/test/corpus/tsv/000.txt"
check "connection: -d takes a connection string (rc $rc)" [ "$rc" = 0 ]
PGDATABASE=$db run_load -q "$ROOT/test/corpus/tsv/000.txt"
check "connection: PGDATABASE is honoured (rc $rc)" [ "$rc" = 0 ]
run_load --version
check "--version names the version" grep -q "^gip_load (gipreport) $(sed -n "s/^default_version *= *'\(.*\)'/\1/p" "$ROOT/gipreport.control")\$" "$WORK/stdout"
# the Chinese locale when the machine has it, else LANGUAGE over C.UTF-8
# (which GNU gettext honours too)
zh=(env LC_ALL=zh_CN.UTF-8)
if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
	zh=(env LANGUAGE=zh_CN LC_ALL=C.UTF-8)
fi
"${zh[@]}" "$GIP_LOAD" --help >"$WORK/stdout" 2>&1
check "NLS: --help in Chinese (${zh[*]:1})" grep -q '用法' "$WORK/stdout"
"${zh[@]}" "$GIP_LOAD" -d "$db" "$WORK/does-not-exist" >"$WORK/stdout" 2>"$WORK/stderr"
check "NLS: an error in Chinese" grep -q '错误：无法访问' "$WORK/stderr"
"${zh[@]}" "$GIP_LOAD" -d "$db" "$ROOT/test/corpus/tsv" >"$WORK/stdout" 2>"$WORK/stderr"
check "NLS: the summary in Chinese" grep -q '个文件，用时' "$WORK/stdout"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
