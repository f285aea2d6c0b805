# test/t/006_concurrent.pl
#	Two sessions storing texts of the same body and year at once: the
#	second waits until the first commits, then supersedes it, so that one
#	report stays current (without the wait both stayed current: neither
#	look-up saw the other's uncommitted row).  A text of another body does
#	not wait; with gipreport.on_duplicate = refuse the second is refused
#	(23505) once the first has committed.
use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $root = $ENV{GIP_ROOT} or die "GIP_ROOT is not set: run test/t/run.sh";

my $node = PostgreSQL::Test::Cluster->new('concurrent');
$node->init(extra => [ '-E', 'UTF8', '--no-locale' ]);
$node->start;
$node->safe_psql('postgres', 'CREATE EXTENSION gipreport');

# a seed of the repository as an SQL expression (the server reads it)
sub seed_sql
{
	my ($n) = @_;
	my $path = "$root/test/seeds/00$n.txt";
	die "$path: not found" unless -f $path;
	return "pg_read_file('$path')";
}

# wait until some session waits for one of the store's body-year locks
sub wait_for_lock
{
	return $node->poll_query_until('postgres',
		"SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted)"
	);
}

# the stored reports: name, is_current, and whom they were superseded by
sub stored
{
	return $node->safe_psql('postgres',
		"SELECT source_name || '|' || is_current || '|' || coalesce((SELECT s.source_name FROM gip_reports s WHERE s.id = r.superseded_by), '')
		   FROM gip_reports r ORDER BY id");
}

# -- supersede (the default): the second waits, then supersedes ----------
{
	my $first = $node->background_psql('postgres');
	my $second = $node->background_psql('postgres');

	$first->query_safe('BEGIN');
	$first->query_safe("INSERT INTO gip_reports (source, source_name) VALUES (" . seed_sql(0) . ", 'first')");

	# another body's report does not wait for the open transaction
	$second->query_safe("INSERT INTO gip_reports (source, source_name) VALUES (" . seed_sql(1) . ", 'other body')");

	# the same body and year (another text: a line more) waits
	$second->{stdin} .= "INSERT INTO gip_reports (source, source_name) VALUES ("
	  . seed_sql(0) . " || E'\\n', 'second');\n\\echo second done\n";
	$second->{run}->pump_nb();
	ok(wait_for_lock(), 'the second text of the body and year waits for the first');
	is(stored(), "other body|true|", 'while it waits, only the committed report of another body is seen');

	$first->query_safe('COMMIT');
	$second->query_until(qr/second done/, '');
	is( stored(),
		"first|false|second\nother body|true|\nsecond|true|",
		'the second supersedes the first once it has committed: one current report');
	is($node->safe_psql('postgres',
			"SELECT count(*) FROM gip_reports WHERE is_current GROUP BY agency_key, year HAVING count(*) > 1"),
		'', 'no body and year has two current reports');
	$first->quit;
	$second->quit;
}

# -- refuse: the second is refused once the first has committed -----------
{
	$node->safe_psql('postgres', 'TRUNCATE gip_reports CASCADE');
	my $first = $node->background_psql('postgres');
	my $second = $node->background_psql('postgres', on_error_stop => 0);

	$first->query_safe('BEGIN');
	$first->query_safe("INSERT INTO gip_reports (source, source_name) VALUES (" . seed_sql(0) . ", 'first')");
	$second->query_safe('SET gipreport.on_duplicate = refuse');
	$second->query_safe('\\set VERBOSITY verbose');
	$second->{stdin} .= "INSERT INTO gip_reports (source, source_name) VALUES ("
	  . seed_sql(0) . " || E'\\n', 'second');\n\\echo second done\n";
	$second->{run}->pump_nb();
	ok(wait_for_lock(), 'under refuse, the second waits too');
	$first->query_safe('COMMIT');
	$second->query_until(qr/second done/, '');
	like($second->{stderr}, qr/23505/, 'then it is refused with 23505 (a report of the body and year is stored)');
	is(stored(), "first|true|", 'and the first stays the only report');
	$first->quit;
	$second->quit;
}

$node->stop;
done_testing();
