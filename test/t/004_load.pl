# test/t/004_load.pl
#	Concurrent load on the report store: pgbench runs test/load/insert.sql
#	with 16 clients, each a bounded number of transactions of two inserts
#	into gip_reports (a valid report under the default setting, then any
#	text with gipreport.on_invalid = quarantine), over the same agencies and
#	years.  Afterwards every attempted report is in gip_reports or in
#	gip_rejected exactly once (none lost, none doubled), each where its
#	validity says, pgbench saw no failed transaction, and the server log
#	has no error, deadlock or crash.
#
#	GIP_LOAD_TRANSACTIONS (default 100) transactions per client.
use strict;
use warnings;

use IPC::Run;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Time::HiRes qw(time);

my $root = $ENV{GIP_ROOT} or die "GIP_ROOT is not set: run test/t/run.sh";
my $clients = 16;
my $per_client = $ENV{GIP_LOAD_TRANSACTIONS} // 100;

my $node = PostgreSQL::Test::Cluster->new('load');
$node->init(extra => [ '-E', 'UTF8', '--no-locale' ]);
$node->append_conf('postgresql.conf',
	"log_error_verbosity = verbose\ndeadlock_timeout = 100ms\nlog_lock_waits = on\n");
$node->start;

# the texts, and the counts pgbench needs
my ($ret, $out, $err) = $node->psql(
	'postgres', undef,
	extra_params => [
		'-v', "root=$root", '-v', 'ON_ERROR_STOP=1',
		'-f', "$root/test/load/setup.sql"
	]);
is($ret, 0, 'setup.sql filled load_texts') or diag($err);
my ($ntexts, $nvalid) = split /\|/, $out;
ok($ntexts > 40 && $nvalid > 20 && $nvalid < $ntexts,
	"$ntexts texts, $nvalid of them valid");

my $start_time =
  $node->safe_psql('postgres', 'SELECT pg_postmaster_start_time()');
my $log_offset = -s $node->logfile;

# pgbench from the server's bindir (run.sh puts it first on PATH)
my @cmd = (
	'pgbench', '-n', '-c', $clients, '-j', 2, '-t', $per_client,
	'-f', "$root/test/load/insert.sql",
	'-D', "ntexts=$ntexts", '-D', "nvalid=$nvalid",
	'-h', $node->host, '-p', $node->port, 'postgres');
my ($bout, $berr) = ('', '');
my $t0 = time();
my $ok = IPC::Run::run(\@cmd, '>', \$bout, '2>', \$berr);
my $took = time() - $t0;
ok($ok, 'pgbench ran') or diag("$bout\n$berr");
my $transactions = $clients * $per_client;
like($bout, qr/number of transactions actually processed: $transactions\/$transactions/,
	"all $transactions transactions processed");
unlike($bout, qr/number of failed transactions: [1-9]/, 'no failed transaction');
my ($tps) = $bout =~ /tps = ([\d.]+)/;
note sprintf('%d transactions (%d inserts) in %.1f s, %s tps',
	$transactions, 2 * $transactions, $took, $tps // '?');

# every attempt, once, in the right place
my $attempts = 2 * $transactions;
is($node->safe_psql('postgres', 'SELECT last_value FROM load_attempts'),
	$attempts, "$attempts inserts attempted");
is( $node->safe_psql(
		'postgres', q{
	SELECT count(*), count(DISTINCT n), min(n), max(n)
	  FROM (SELECT split_part(source_name, ':', 3)::int AS n FROM gip_reports
			UNION ALL
			SELECT split_part(source_name, ':', 3)::int FROM gip_rejected) AS a}),
	"$attempts|$attempts|1|$attempts",
	'every attempt is in gip_reports or gip_rejected, exactly once');
is( $node->safe_psql(
		'postgres', q{
	SELECT count(*) FROM (
		SELECT split_part(source_name, ':', 2)::int AS id, true AS stored FROM gip_reports
		UNION ALL
		SELECT split_part(source_name, ':', 2)::int, false FROM gip_rejected) AS a
	  JOIN load_texts USING (id)
	 WHERE stored <> valid}),
	'0',
	'valid reports stored, invalid ones quarantined');
is( $node->safe_psql('postgres',
		'SELECT count(*) > 0 AND bool_and(sqlstate IN (\'23514\', \'22P02\')) FROM gip_rejected'),
	't',
	'quarantined with 23514 or 22P02');
is( $node->safe_psql(
		'postgres', q{
	SELECT count(*) FROM gip_reports AS r JOIN load_texts AS t
	    ON t.id = split_part(r.source_name, ':', 2)::int
	 WHERE left(r.source, length(t.body)) <> t.body
	    OR r.report IS DISTINCT FROM gip_parse(t.body)}),
	'0',
	'every stored row holds its text and its parse');
# every stored report's findings, not only the current ones' (gip_findings):
# which texts end up current is random, and the last pair of a body's years
# may well agree: the current rows had 0 to 2 history findings where all the
# stored ones had 870 to 1,044, and the view alone failed 3 runs in 10
is( $node->safe_psql(
		'postgres', q{
	SELECT count(*) > 0 FROM gip_report_findings WHERE rule_id LIKE 'history.%'}),
	't',
	'the history rules met reports of the year before');

# the server
is($node->safe_psql('postgres', 'SELECT pg_postmaster_start_time()'),
	$start_time, 'the server never restarted');
open(my $fh, '<', $node->logfile) or die $!;
seek($fh, $log_offset, 0);
my $log = do { local $/; <$fh> };
close $fh;
unlike($log, qr/deadlock/i, 'no deadlock');
unlike($log, qr/ERROR:|FATAL:|PANIC:|terminated by signal|TRAP:/,
	'the server log has no error') or diag(substr($log, 0, 2000));

$node->stop;
done_testing();
