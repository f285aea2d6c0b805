# test/t/002_upgrade.pl
#	ALTER EXTENSION gipreport UPDATE from 0.1.0 to 0.2.0 and on to 0.3.0:
#	reports parsed and stored as gip_report values under 0.1.0 stay
#	identical, every 0.2.0 function and view works on them, the reports
#	stored under 0.2.0 survive the update to 0.3.0 (its store compresses with
#	lz4), and the upgraded extension has the same objects and definitions as
#	a fresh CREATE EXTENSION of the current version.
use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $root = $ENV{GIP_ROOT} or die "GIP_ROOT is not set: run test/t/run.sh";

my $node = PostgreSQL::Test::Cluster->new('upgrade');
$node->init(extra => [ '-E', 'UTF8', '--no-locale' ]);
$node->start;

# a file of the repository as an SQL expression read by the (local) server
sub file_sql
{
	my ($rel) = @_;
	my $path = "$root/$rel";
	die "$path: not found" unless -f $path;
	$path =~ s/'/''/g;
	return "pg_read_file('$path')";
}

# the rows of a query, one line each
sub rows
{
	my ($db, $sql) = @_;
	return $node->safe_psql($db, $sql);
}

my @files = (
	map({ "test/seeds/00$_.txt" } 0 .. 4),
	'test/corpus/real/hongze-district-2023.txt',
	'test/corpus/real/hongze-district-2024.txt',
	'test/corpus/real/huaian-city-2024.txt');

# 0.1.0: parse and keep the values in a user table
$node->safe_psql('postgres', 'CREATE DATABASE up');
$node->safe_psql('up', "CREATE EXTENSION gipreport VERSION '0.1.0'");
is(rows('up', "SELECT extversion FROM pg_extension WHERE extname = 'gipreport'"),
	'0.1.0', 'installed 0.1.0');
is(rows('up', "SELECT count(*) FROM pg_proc WHERE proname = 'gip_validate'"),
	'0', '0.1.0 has no gip_validate');
$node->safe_psql('up', 'CREATE TABLE mine (name text PRIMARY KEY, body text, r gip_report)');
foreach my $f (@files)
{
	$node->safe_psql('up',
		"INSERT INTO mine SELECT '$f', b, gip_parse(b) FROM " . file_sql($f) . ' AS b');
}
my $values_sql = 'SELECT name, md5(r::text), md5(gip_to_jsonb(r)::text),
	(SELECT count(*) FROM gip_cells(r)), (SELECT count(*) FROM gip_notes(r))
  FROM mine ORDER BY name';
my $before = rows('up', $values_sql);

# the update
$node->safe_psql('up', "ALTER EXTENSION gipreport UPDATE TO '0.2.0'");
is(rows('up', "SELECT extversion FROM pg_extension WHERE extname = 'gipreport'"),
	'0.2.0', 'updated to 0.2.0');
is(rows('up', $values_sql), $before, 'stored values unchanged by the update');
is( rows('up',
		"SELECT count(*) FROM mine WHERE r IS DISTINCT FROM gip_parse(body)"),
	'0', 'stored values equal a fresh parse under 0.2.0');

# every 0.2.0 function on the values stored under 0.1.0
is(rows('up', 'SELECT count(*) FROM gip_rules()'), '12', 'gip_rules: 12 rules');
is( rows(
		'up', "SELECT f.rule_id, f.row_code, f.expected, f.actual, f.line
		  FROM mine, gip_validate(r) AS f
		 WHERE name LIKE '%hongze-district-2023%' AND f.severity = 'error'
		 ORDER BY f.row_code"),
	"t4.total|litigation_after_review|5|0|149\nt4.total|review|11|0|149",
	'gip_validate: the real 2023 report fails t4.total twice');
is( rows(
		'up', "SELECT string_agg(name, ',' ORDER BY name) FROM mine
		 WHERE NOT gip_is_valid(r)"),
	'test/corpus/real/hongze-district-2023.txt',
	'gip_is_valid: only that report is invalid');
is( rows(
		'up', "SELECT count(*) FROM mine WHERE gip_is_valid(r, strict => true)"),
	scalar(@files) - 1,
	'gip_is_valid strict agrees on these reports');
like(
	rows(
		'up', "SELECT gip_findings_text(gip_findings_jsonb(r)) FROM mine
		 WHERE name LIKE '%hongze-district-2023%'"),
	qr/^\[t4\.total error fail\] line 149: 表四 行政复议/,
	'gip_findings_jsonb and gip_findings_text');
is( rows(
		'up', "SELECT jsonb_array_length(gip_findings_jsonb(a.r, b.r))
		  FROM mine AS a, mine AS b
		 WHERE a.name LIKE '%hongze-district-2024%'
		   AND b.name LIKE '%hongze-district-2023%'"),
	'1', 'gip_findings_jsonb with a previous year');

# a CHECK constraint and gip_enforce on user tables
$node->safe_psql(
	'up', q{
	CREATE TABLE checked (name text, body text CHECK (gip_is_valid(gip_parse(body))));
	CREATE TABLE enforced (name text, body text);
	CREATE TRIGGER enforced_check BEFORE INSERT OR UPDATE ON enforced
		FOR EACH ROW EXECUTE FUNCTION gip_enforce('body');
	INSERT INTO checked SELECT name, body FROM mine WHERE gip_is_valid(r);
	INSERT INTO enforced SELECT name, body FROM mine WHERE gip_is_valid(r);
});
my ($ret, $out, $err) = $node->psql('up',
	"INSERT INTO checked SELECT name, body FROM mine WHERE NOT gip_is_valid(r)",
	extra_params => [ '-v', 'VERBOSITY=verbose' ]);
like($err, qr/ERROR:\s+23514: new row for relation "checked" violates check constraint/,
	'CHECK (gip_is_valid(gip_parse(body))) refuses with 23514');
($ret, $out, $err) = $node->psql('up',
	"INSERT INTO enforced SELECT name, body FROM mine WHERE NOT gip_is_valid(r)",
	extra_params => [ '-v', 'VERBOSITY=verbose' ]);
like($err,
	qr/ERROR:\s+23514: report in column "body" of "enforced" fails rule\(s\) t4\.total\nDETAIL:\s+\[t4\.total error fail\] line 149:/,
	'gip_enforce refuses with 23514 and the findings');

# the store, the quarantine and the views
($ret, $out, $err) = $node->psql('up',
	"INSERT INTO gip_reports (source, source_name) SELECT body, name FROM mine ORDER BY name",
	extra_params => [ '-v', 'VERBOSITY=verbose' ]);
like($err, qr/ERROR:\s+23514: report 'test\/corpus\/real\/hongze-district-2023.txt' fails rule\(s\) t4\.total/,
	'the store refuses an invalid report by default');
is( rows(
		'up', "SET gipreport.on_invalid = quarantine;
		INSERT INTO gip_reports (source, source_name) SELECT body, name FROM mine ORDER BY name;
		SELECT (SELECT count(*) FROM gip_reports), (SELECT string_agg(source_name || ' ' || sqlstate, ',') FROM gip_rejected)"),
	(scalar(@files) - 1) . '|test/corpus/real/hongze-district-2023.txt 23514',
	'quarantine: valid reports stored, the invalid one in gip_rejected');
is( rows(
		'up', 'SELECT count(*) FROM gip_reports AS s JOIN mine AS m
		ON m.name = s.source_name AND m.r = s.report AND m.body = s.source'),
	scalar(@files) - 1,
	'stored reports equal the values parsed under 0.1.0');
is( rows(
		'up', "SELECT rule_id, count(*) FROM gip_findings GROUP BY rule_id ORDER BY 1"),
	'meta.published_late|5', 'gip_findings');
# the long views hold exactly the cells the table functions give
is( rows('up', 'SELECT count(*), count(DISTINCT report_id) FROM gip_request_facts'),
	rows(
		'up', 'SELECT sum(n), count(*) FROM gip_reports,
		LATERAL (SELECT count(*) FROM gip_cells(report) WHERE table_no = 3) AS c(n)'),
	'gip_request_facts: every cell of table 三 of every stored report');
is( rows(
		'up', 'SELECT count(*) FROM gip_request_facts AS f
		  JOIN gip_reports AS r ON r.id = f.report_id
		 WHERE (r.report).t3_variant = \'2021\''),
	rows(
		'up', 'SELECT 175 * count(*) FROM gip_reports
		 WHERE (report).t3_variant = \'2021\''),
	'gip_request_facts: 175 cells per report with the 2021 table 三');
is( rows('up', 'SELECT count(*), count(DISTINCT report_id) FROM gip_active_facts'),
	rows(
		'up', 'SELECT sum(n), count(*) FROM gip_reports,
		LATERAL (SELECT count(*) FROM gip_active_disclosure(report)) AS c(n)'),
	'gip_active_facts: every row of gip_active_disclosure');
is(rows('up', 'SELECT count(*), count(DISTINCT report_id) FROM gip_review_facts'),
	'105|7', 'gip_review_facts: 15 cells per report');
is( rows(
		'up', "SELECT s.received = (SELECT total FROM gip_requests(m.r) WHERE row_code = 'new_received')
		  FROM gip_report_summary AS s JOIN mine AS m ON m.name = s.source_name
		 WHERE s.source_name LIKE '%003%'"),
	't', 'gip_report_summary agrees with gip_requests');
is(rows('up', 'SELECT count(*), sum(errors) FROM gip_report_summary'),
	'7|0', 'gip_report_summary: one row per stored report, no errors');

# on to the current version, with reports in the store
my $stored_sql = 'SELECT id, source_name, md5(source), md5(report::text), agency, year,
	template, md5(findings::text), loaded_at FROM gip_reports ORDER BY id';
my $stored = rows('up', $stored_sql);
my $current = rows('postgres',
	"SELECT default_version FROM pg_available_extensions WHERE name = 'gipreport'");
$node->safe_psql('up', 'ALTER EXTENSION gipreport UPDATE');
is(rows('up', "SELECT extversion FROM pg_extension WHERE extname = 'gipreport'"),
	$current, "updated to $current");
is(rows('up', $stored_sql), $stored, 'the stored reports are unchanged by the update');
is( rows(
		'up', "SELECT string_agg(attname || ' ' || attcompression::text, ',' ORDER BY attname)
		  FROM pg_attribute WHERE attrelid = 'gip_reports'::regclass
		   AND attname IN ('source', 'report')"),
	'report l,source l', 'the store compresses source and report with lz4');
is( rows(
		'up', "INSERT INTO gip_reports (source, source_name)
		SELECT body || E'\\n', name || ' again' FROM mine WHERE name LIKE '%hongze-district-2024%';
		SELECT count(*) FROM gip_reports;
		SELECT rule_id FROM gip_findings WHERE report_id = (SELECT max(id) FROM gip_reports)
		 ORDER BY 1"),
	scalar(@files) . "\nmeta.published_late",
	'the updated store takes a report and validates it');

# a hostile search_path: functions named like the built-ins that the SQL
# and PL/pgSQL functions call, in a schema searched before pg_catalog
$node->safe_psql(
	'up', q{
	CREATE SCHEMA evil;
	CREATE FUNCTION evil.jsonb_array_elements(jsonb) RETURNS SETOF jsonb
		LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'hijacked'; END$$;
	CREATE FUNCTION evil.current_setting(text, boolean) RETURNS text
		LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'hijacked'; END$$;
	CREATE FUNCTION evil.quote_literal(text) RETURNS text
		LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'hijacked'; END$$;
	CREATE TABLE hostile (name text, body text);
	CREATE TRIGGER hostile_check BEFORE INSERT ON hostile
		FOR EACH ROW EXECUTE FUNCTION gip_enforce('body');
});
my $evil = 'SET search_path = evil, public, pg_catalog;';
my ($evil_ret, $evil_out, $evil_err) =
  $node->psql('up', "$evil SELECT count(*) FROM jsonb_array_elements('[1]')");
like($evil_err, qr/hijacked/, 'the hostile schema takes over a plain call');
my $sql_functions = "SELECT name, md5(gip_to_jsonb(r)::text), md5(gip_findings_jsonb(r)::text),
	md5(gip_findings_text(gip_findings_jsonb(r))) FROM mine ORDER BY name";
is(rows('up', "$evil $sql_functions"), rows('up', $sql_functions),
	'gip_to_jsonb, gip_findings_jsonb, gip_findings_text: the same under a hostile search_path');
is( rows(
		'up', "$evil INSERT INTO hostile SELECT name, body FROM mine WHERE gip_is_valid(r);
		SELECT count(*) FROM hostile"),
	scalar(@files) - 1, 'gip_enforce under a hostile search_path');
is( rows(
		'up', "$evil SET gipreport.on_invalid = quarantine;
		INSERT INTO gip_reports (source, source_name)
		SELECT body || E'\\n\\n', name || ' hostile' FROM mine ORDER BY name;
		SELECT count(*) FROM gip_reports WHERE source_name LIKE '% hostile'"),
	scalar(@files) - 1, 'the store under a hostile search_path');

# the upgraded extension is the same as a fresh install
$node->safe_psql('postgres', 'CREATE DATABASE fresh');
$node->safe_psql('fresh', 'CREATE EXTENSION gipreport');
my %shape = (
	members => q{
		SELECT pg_describe_object(d.classid, d.objid, d.objsubid)
		  FROM pg_depend AS d JOIN pg_extension AS e ON e.oid = d.refobjid
		 WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
		   AND e.extname = 'gipreport'
		 ORDER BY 1},
	functions => q{
		SELECT p.oid::regprocedure, md5(pg_get_functiondef(p.oid))
		  FROM pg_proc AS p WHERE p.proname LIKE 'gip\_%' AND p.prokind <> 'a'
		 ORDER BY 1::text},
	views => q{
		SELECT c.relname, md5(pg_get_viewdef(c.oid))
		  FROM pg_class AS c WHERE c.relkind = 'v' AND c.relname LIKE 'gip\_%'
		 ORDER BY 1},
	columns => q{
		SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
			   a.attnotnull, pg_get_expr(ad.adbin, ad.adrelid), col_description(c.oid, a.attnum)
		  FROM pg_class AS c JOIN pg_attribute AS a ON a.attrelid = c.oid
			   LEFT JOIN pg_attrdef AS ad ON ad.adrelid = c.oid AND ad.adnum = a.attnum
		 WHERE c.relname LIKE 'gip\_%' AND a.attnum > 0 AND NOT a.attisdropped
		 ORDER BY 1, a.attnum},
	compression => q{
		SELECT c.relname, a.attname, a.attcompression
		  FROM pg_class AS c JOIN pg_attribute AS a ON a.attrelid = c.oid
		 WHERE c.relname LIKE 'gip\_%' AND c.relkind = 'r' AND a.attnum > 0
		   AND NOT a.attisdropped
		 ORDER BY 1, a.attnum},
	indexes => q{
		SELECT indexrelid::regclass, pg_get_indexdef(indexrelid) FROM pg_index
		 WHERE indrelid IN ('gip_reports'::regclass, 'gip_rejected'::regclass)
		 ORDER BY indexrelid::regclass::text},
	triggers => q{
		SELECT pg_get_triggerdef(t.oid) FROM pg_trigger AS t
		 WHERE t.tgrelid = 'gip_reports'::regclass AND NOT t.tgisinternal
		 ORDER BY 1},
	config => q{
		SELECT x::regclass, e.extcondition FROM pg_extension AS e, unnest(e.extconfig) AS x
		 WHERE e.extname = 'gipreport' ORDER BY 1::text},
	comments => q{
		SELECT pg_describe_object(d.classoid, d.objoid, d.objsubid), md5(d.description)
		  FROM pg_description AS d
		 WHERE d.objoid IN (SELECT objid FROM pg_depend WHERE refclassid = 'pg_extension'::regclass
							  AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'gipreport'))
		 ORDER BY 1});
foreach my $what (sort keys %shape)
{
	my $fresh = rows('fresh', $shape{$what});
	isnt($fresh, '', "fresh $current has $what");
	is(rows('up', $shape{$what}), $fresh, "$what: upgraded equals fresh $current");
}

$node->stop;
done_testing();
