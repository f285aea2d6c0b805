#!/bin/bash
# test/bench/memory.sh
#	Memory check for gip_parse: parse one report many times in a single
#	query and show how much the backend's memory grew.  A leak into a
#	long-lived context (or malloc'd memory never freed) shows up as growth
#	that scales with the count; a steady state shows up as none.
#
#	Needs: the extension installed, psql reaching the server through the
#	usual PG* variables, and the server on this machine (the backend's
#	/proc/<pid>/status is read with psql's \! from the client side).
#
#	PGHOST=/tmp/pg PGPORT=5432 PGUSER=postgres bash test/bench/memory.sh [COUNT [FILE]]
#
#	COUNT parses (default 200000) of FILE (default seed 002, the largest
#	seed); then COUNT/10 parses each decoded by gip_cells (the SRF path).
#	Prints VmHWM (peak RSS), VmRSS and RssAnon (private memory: RSS
#	without shared buffers) before and after each query and the growth.
#	The counts come from generate_series in a subquery's target list, which
#	streams (a generate_series in FROM would fill a tuplestore of COUNT rows
#	and show up as growth).  Prints figures only; it does not judge them.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
COUNT=${1:-200000}
FILE=${2:-$REPO/test/seeds/002.txt}
[ -r "$FILE" ] || FILE=$(ls /work/shared/seeds/002_*.txt 2>/dev/null | head -1)
[ -r "$FILE" ] || { echo "memory.sh: no report file to parse" >&2; exit 2; }
SRF_COUNT=$((COUNT / 10))

# psql copies the report into a temporary table with \set x `cat FILE`;
# the file must be readable by the user running this script.
out=$(
	psql -X -q -At -v ON_ERROR_STOP=1 <<EOF
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS gipreport;
SET max_parallel_workers_per_gather = 0;
SET jit = off;
SET enable_memoize = off;
\set content \`cat '$FILE'\`
CREATE TEMP TABLE mem_report (body text);
INSERT INTO mem_report VALUES (:'content');
-- warm up: load the library and ICU's data, size the caches
SELECT 'warmup ' || count((gip_parse(body)).year)
	FROM mem_report, (SELECT generate_series(1, 100) AS i) g;
SELECT count(*) FROM mem_report, (SELECT generate_series(1, 10) AS i) g,
	LATERAL gip_cells(gip_parse(mem_report.body)) \g /dev/null
SELECT pg_backend_pid() AS pid \gset
\setenv BPID :pid
\! echo "pid \$BPID"
\! grep -E '^(VmHWM|VmRSS|RssAnon):' /proc/\$BPID/status | awk '{print "parse_before", \$1, \$2}'
SELECT 'parsed ' || count((gip_parse(body)).year)
	FROM mem_report, (SELECT generate_series(1, $COUNT) AS i) g;
\! grep -E '^(VmHWM|VmRSS|RssAnon):' /proc/\$BPID/status | awk '{print "parse_after", \$1, \$2}'
SELECT 'cells ' || count(*)
	FROM mem_report, (SELECT generate_series(1, $SRF_COUNT) AS i) g,
		LATERAL gip_cells(gip_parse(mem_report.body));
\! grep -E '^(VmHWM|VmRSS|RssAnon):' /proc/\$BPID/status | awk '{print "cells_after", \$1, \$2}'
EOF
)

COUNT=$COUNT SRF_COUNT=$SRF_COUNT FILE=$FILE python3 - "$out" <<'PYEOF'
import os, sys

vals = {}
info = []
for line in sys.argv[1].splitlines():
    p = line.split()
    if len(p) == 3 and p[0].endswith(("_before", "_after")):
        vals[(p[0], p[1].rstrip(":"))] = int(p[2])
    elif line.strip():
        info.append(line.strip())
print("report: %s (%d bytes)" % (os.environ["FILE"], os.path.getsize(os.environ["FILE"])))
for l in info:
    print(l)
if not vals:
    print("no /proc figures (is the server on this machine?)")
    sys.exit(0)
print("%-10s %12s %12s %12s" % ("kB", "VmHWM", "VmRSS", "RssAnon"))
for stage in ("parse_before", "parse_after", "cells_after"):
    print("%-12s %10s %12s %12s" % (stage, *(vals.get((stage, k), "?") for k in ("VmHWM", "VmRSS", "RssAnon"))))

def growth(a, b, k):
    if (a, k) in vals and (b, k) in vals:
        return "%+d kB" % (vals[(b, k)] - vals[(a, k)])
    return "?"

print("growth over %s parses:                 VmHWM %s, VmRSS %s, RssAnon %s"
      % (os.environ["COUNT"], growth("parse_before", "parse_after", "VmHWM"),
         growth("parse_before", "parse_after", "VmRSS"),
         growth("parse_before", "parse_after", "RssAnon")))
print("growth over %s parses + gip_cells:      VmHWM %s, VmRSS %s, RssAnon %s"
      % (os.environ["SRF_COUNT"], growth("parse_after", "cells_after", "VmHWM"),
         growth("parse_after", "cells_after", "VmRSS"),
         growth("parse_after", "cells_after", "RssAnon")))
PYEOF
