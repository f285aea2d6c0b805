# test/t/001_dump_restore.pl
#	pg_dump (custom format) and pg_restore of a database that uses gipreport:
#	the report store gip_reports with its findings (history rules included),
#	the quarantine gip_rejected, a user table with
#	CHECK (gip_is_valid(gip_parse(body))), one with the gip_enforce trigger
#	and one of gip_report values.  Everything must come back identical, the
#	views must return the same rows, and the constraint and the triggers
#	must keep working (pg_restore runs with an empty search_path).  The fact
#	tables are not dumped: the store's triggers derive them again as the
#	reports come back, without duplicates.  A row that the installed rules
#	refuse goes to gip_rejected with a WARNING, in a restore and in any
#	insert that brings its derived columns along.
use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $root = $ENV{GIP_ROOT} or die "GIP_ROOT is not set: run test/t/run.sh";

my $node = PostgreSQL::Test::Cluster->new('dump');
$node->init(extra => [ '-E', 'UTF8', '--no-locale' ]);
$node->start;

# a file of the repository as an SQL expression (the node is local and we
# are its superuser, so the server reads it itself)
sub file_sql
{
	my ($rel) = @_;
	my $path = "$root/$rel";
	die "$path: not found" unless -f $path;
	$path =~ s/'/''/g;
	return "pg_read_file('$path')";
}

# the rows of a query, one line each (psql -A -t output)
sub rows
{
	my ($db, $sql) = @_;
	return $node->safe_psql($db, $sql);
}

$node->safe_psql('postgres', 'CREATE DATABASE src');
$node->safe_psql('src', 'CREATE EXTENSION gipreport');

# the store: the five seeds, the two valid real reports, and a body's two
# years whose table 二 does not carry over (a stored history warning)
my @stored = (
	map({ "test/seeds/00$_.txt" } 0 .. 4),
	'test/corpus/real/hongze-district-2024.txt',
	'test/corpus/real/huaian-city-2024.txt',
	'test/cases/validate/prev_stock_bad.txt',
	'test/cases/validate/base.txt');
foreach my $f (@stored)
{
	$node->safe_psql('src',
		    'INSERT INTO gip_reports (source, source_name) VALUES ('
		  . file_sql($f)
		  . ", '$f')");
}
is( rows('src', 'SELECT count(*) FROM gip_reports'),
	scalar(@stored), 'every report stored');
is( rows(
		'src',
		"SELECT string_agg(DISTINCT f.rule_id, ',') FROM gip_findings AS f WHERE f.rule_id LIKE 'history.%'"
	),
	'history.t2_stock',
	'the history rule found the previous year in the store');

# the default refuses an invalid report
my ($ret, $out, $err) = $node->psql('src',
	    'INSERT INTO gip_reports (source, source_name) VALUES ('
	  . file_sql('test/corpus/real/hongze-district-2023.txt')
	  . ", 'hongze-2023')",
	extra_params => [ '-v', 'VERBOSITY=verbose' ]);
isnt($ret, 0, 'invalid report refused');
like($err, qr/ERROR:\s+23514: report 'hongze-2023' fails rule\(s\) t4\.total/,
	'refused with 23514 naming the rule');

# quarantine: the invalid real report and a text that is not a report
$node->safe_psql(
	'src', "SET gipreport.on_invalid = 'quarantine';
	INSERT INTO gip_reports (source, source_name) VALUES ("
	  . file_sql('test/corpus/real/hongze-district-2023.txt')
	  . ", 'hongze-2023');
	INSERT INTO gip_reports (source, source_name) VALUES ('不是年度报告', 'news');");
is( rows('src',
		'SELECT source_name, sqlstate FROM gip_rejected ORDER BY id'),
	"hongze-2023|23514\nnews|22P02",
	'two reports quarantined');
is(rows('src', 'SELECT count(*) FROM gip_reports'),
	scalar(@stored), 'nothing quarantined was stored');

# a document kept as bytes (a GBK web page: the seed 003 again, so it
# supersedes the text of the seed, which stays as history)
my $gbk_path = "$root/test/corpus/gbk/003.html";
$gbk_path =~ s/'/''/g;
is( rows(
		'src', "SELECT outcome, reason FROM gip_store(pg_read_binary_file('$gbk_path'), 'gbk/003.html')"),
	'stored|supersedes report 4',
	'a GBK page stored as bytes');

# an alias (dumped, restored before the reports)
$node->safe_psql('src',
	"INSERT INTO gip_agency_aliases VALUES ('洪泽区人民政府', '淮安市洪泽区人民政府', 'test')");

# user tables: a CHECK constraint, the gip_enforce trigger, parsed values
$node->safe_psql(
	'src', q{
	CREATE TABLE checked (id int PRIMARY KEY,
		body text CHECK (gip_is_valid(gip_parse(body))));
	CREATE TABLE enforced (id int PRIMARY KEY, body text);
	CREATE TRIGGER enforced_check BEFORE INSERT OR UPDATE ON enforced
		FOR EACH ROW EXECUTE FUNCTION gip_enforce('body');
	CREATE TABLE parsed (name text PRIMARY KEY, r gip_report);
});
$node->safe_psql('src',
	    'INSERT INTO checked VALUES (1, '
	  . file_sql('test/seeds/003.txt') . '), (2, '
	  . file_sql('test/seeds/004.txt') . ');
	INSERT INTO enforced VALUES (1, '
	  . file_sql('test/seeds/000.txt') . ');
	INSERT INTO parsed SELECT source_name, report FROM gip_reports;');

# what must come back: every row of every table (as a digest of its text,
# with its key), every view, the sequences
my %probe = (
	gip_reports =>
	  'SELECT id, source_name, agency, year, template, md5(t::text), findings FROM gip_reports AS t ORDER BY id',
	gip_rejected =>
	  'SELECT id, source_name, reason, sqlstate, md5(t::text), findings FROM gip_rejected AS t ORDER BY id',
	checked  => 'SELECT id, md5(t::text) FROM checked AS t ORDER BY id',
	enforced => 'SELECT id, md5(t::text) FROM enforced AS t ORDER BY id',
	parsed   => 'SELECT name, md5(t::text) FROM parsed AS t ORDER BY name',
	gip_findings => 'SELECT t::text FROM gip_findings AS t ORDER BY 1',
	gip_request_facts =>
	  'SELECT count(*), md5(string_agg(t::text, E\'\n\' ORDER BY t::text)) FROM gip_request_facts AS t',
	gip_active_facts =>
	  'SELECT count(*), md5(string_agg(t::text, E\'\n\' ORDER BY t::text)) FROM gip_active_facts AS t',
	gip_review_facts =>
	  'SELECT count(*), md5(string_agg(t::text, E\'\n\' ORDER BY t::text)) FROM gip_review_facts AS t',
	gip_report_summary =>
	  'SELECT t::text FROM gip_report_summary AS t ORDER BY report_id',
	gip_facts =>
	  'SELECT count(*), md5(string_agg(t::text, E\'\n\' ORDER BY t::text)) FROM gip_facts AS t',
	gip_report_findings =>
	  'SELECT count(*), md5(string_agg(t::text, E\'\n\' ORDER BY t::text)) FROM gip_report_findings AS t',
	gip_agency_aliases =>
	  'SELECT t::text FROM gip_agency_aliases AS t ORDER BY alias',
	bytes =>
	  'SELECT id, md5(source_bytes), source_encoding, is_current, superseded_by FROM gip_reports ORDER BY id',
	sequences =>
	  'SELECT last_value, is_called FROM gip_reports_id_seq UNION ALL SELECT last_value, is_called FROM gip_rejected_id_seq',
	jsonb =>
	  'SELECT name, md5(gip_to_jsonb(r)::text) FROM parsed ORDER BY name');
my %before = map { $_ => rows('src', $probe{$_}) } keys %probe;

like($before{gip_request_facts}, qr/^[1-9][0-9]*\|/, 'there are facts to compare');
like($before{gip_facts}, qr/^[1-9][0-9]*\|/, 'there are rows in gip_facts to compare');
is( rows('src', 'SELECT c.relname FROM pg_extension AS e, unnest(e.extconfig) AS x(oid), pg_class AS c
		 WHERE e.extname = \'gipreport\' AND c.oid = x.oid AND c.relkind = \'r\' ORDER BY 1'),
	"gip_agency_aliases\ngip_rejected\ngip_reports",
	'the dump holds the reports, the quarantine and the aliases, not the facts');
isnt($before{gip_findings}, '', 'there are findings to compare');

# dump and restore into a new database
my $dump = $PostgreSQL::Test::Utils::tmp_check . '/src.dump';
$node->command_ok(
	[ 'pg_dump', '-Fc', '-f', $dump, '-d', $node->connstr('src') ],
	'pg_dump -Fc');
$node->safe_psql('postgres', 'CREATE DATABASE dst');
$node->command_ok(
	[
		'pg_restore', '--exit-on-error', '-d', $node->connstr('dst'), $dump
	],
	'pg_restore without errors');

foreach my $what (sort keys %probe)
{
	is(rows('dst', $probe{$what}), $before{$what}, "$what identical after restore");
}

# the restored database keeps working: the CHECK constraint, the triggers,
# the store with its history lookup and its sequence
($ret, $out, $err) = $node->psql('dst',
	    'INSERT INTO checked VALUES (3, '
	  . file_sql('test/corpus/real/hongze-district-2023.txt') . ')',
	extra_params => [ '-v', 'VERBOSITY=verbose' ]);
like($err, qr/ERROR:\s+23514: new row for relation "checked" violates check constraint "checked_body_check"/,
	'restored CHECK constraint refuses an invalid report');
($ret, $out, $err) = $node->psql('dst',
	    'INSERT INTO enforced VALUES (2, '
	  . file_sql('test/corpus/real/hongze-district-2023.txt') . ')',
	extra_params => [ '-v', 'VERBOSITY=verbose' ]);
like($err, qr/ERROR:\s+23514: report in column "body" of "enforced" fails rule\(s\) t4\.total/,
	'restored gip_enforce trigger refuses an invalid report');
$node->safe_psql('dst',
	    'INSERT INTO enforced VALUES (2, ' . file_sql('test/seeds/001.txt') . ')');
($ret, $out, $err) = $node->psql('dst',
	    'INSERT INTO gip_reports (source, source_name) VALUES ('
	  . file_sql('test/corpus/real/hongze-district-2023.txt')
	  . ", 'hongze-2023')",
	extra_params => [ '-v', 'VERBOSITY=verbose' ]);
like($err, qr/ERROR:\s+23514: report 'hongze-2023' fails rule\(s\) t4\.total/,
	'restored store refuses an invalid report');
is( rows(
		'dst', "SET gipreport.on_invalid = 'quarantine';
		INSERT INTO gip_reports (source, source_name) VALUES ("
		  . file_sql('test/corpus/real/hongze-district-2023.txt')
		  . ", 'again');
		SELECT id, source_name FROM gip_rejected ORDER BY id DESC LIMIT 1"),
	'3|again',
	'restored store quarantines with the next id');
$node->safe_psql('dst',
	"UPDATE gip_reports SET source_name = source_name || ' (again)'
	  WHERE year = 2023 AND agency = '测试县教育局'");
is( rows(
		'dst',
		"SELECT string_agg(rule_id, ',') FROM gip_findings WHERE agency = '测试县教育局' AND year = 2023"
	),
	'history.t2_stock',
	'an UPDATE re-checks a restored report against its previous year');
my ($seq_last) = split /\|/, (split /\n/, $before{sequences})[0];
cmp_ok(
	rows(
		'dst', 'INSERT INTO gip_reports (source, source_name) VALUES ('
		  . file_sql('test/seeds/002.txt')
		  . " || E'\\n', 'again') RETURNING id"),
	'>', $seq_last,
	'the store sequence continues after restore');

# the extension in its own schema, off the search_path of the dump: the
# constraint, the trigger and a view calling gip_to_jsonb come back working
$node->safe_psql('postgres', 'CREATE DATABASE src2');
$node->safe_psql(
	'src2', q{
	CREATE SCHEMA gip;
	CREATE EXTENSION gipreport SCHEMA gip;
	SET search_path = public, gip;
	CREATE TABLE checked (id int PRIMARY KEY,
		body text CHECK (gip_is_valid(gip_parse(body))));
	CREATE TABLE enforced (id int PRIMARY KEY, body text);
	CREATE TRIGGER enforced_check BEFORE INSERT OR UPDATE ON enforced
		FOR EACH ROW EXECUTE FUNCTION gip_enforce('body');
	CREATE VIEW docs AS
		SELECT id, agency, md5(gip_to_jsonb(report)::text) AS j FROM gip_reports;
} . 'INSERT INTO checked VALUES (1, ' . file_sql('test/seeds/003.txt') . ');
	INSERT INTO enforced VALUES (1, ' . file_sql('test/seeds/000.txt') . ');
	INSERT INTO gip_reports (source, source_name) VALUES ('
	  . file_sql('test/seeds/004.txt') . ", '004');");
my $probe2 =
  'SELECT (SELECT string_agg(md5(t::text), \',\') FROM checked AS t),
	(SELECT string_agg(md5(t::text), \',\') FROM enforced AS t),
	(SELECT string_agg(t::text, \',\') FROM docs AS t),
	(SELECT string_agg(md5(t::text), \',\') FROM gip.gip_reports AS t)';
my $before2 = rows('src2', $probe2);
my $dump2   = $PostgreSQL::Test::Utils::tmp_check . '/src2.dump';
$node->command_ok(
	[ 'pg_dump', '-Fc', '-f', $dump2, '-d', $node->connstr('src2') ],
	'pg_dump -Fc (extension in schema gip)');
$node->safe_psql('postgres', 'CREATE DATABASE dst2');
$node->command_ok(
	[
		'pg_restore', '--exit-on-error', '-d', $node->connstr('dst2'), $dump2
	],
	'pg_restore without errors (extension in schema gip)');
is(rows('dst2', $probe2), $before2, 'schema gip: everything identical after restore');
($ret, $out, $err) = $node->psql('dst2',
	    'INSERT INTO checked VALUES (2, '
	  . file_sql('test/corpus/real/hongze-district-2023.txt') . ')',
	extra_params => [ '-v', 'VERBOSITY=verbose' ]);
like($err, qr/ERROR:\s+23514: new row for relation "checked" violates check constraint/,
	'schema gip: restored CHECK constraint refuses an invalid report');

# pg_restore loads gip_reports with COPY, which fires the store's trigger
# again; it re-parses and re-validates each row against the rows restored so
# far, in the table's physical order.  When a previous year's report was
# updated after the next year's was stored, the next year's report is
# restored before it: it keeps the history findings it came with.
$node->safe_psql('postgres', 'CREATE DATABASE src3');
$node->safe_psql('src3',
	    'CREATE EXTENSION gipreport;
	INSERT INTO gip_reports (source, source_name) VALUES ('
	  . file_sql('test/cases/validate/prev_stock_bad.txt') . ", 'prev');
	INSERT INTO gip_reports (source, source_name) VALUES ("
	  . file_sql('test/cases/validate/base.txt') . ", 'base');
	UPDATE gip_reports SET source_name = 'prev (renamed)' WHERE year = 2022;");
my $probe3 =
  'SELECT id, source_name, findings FROM gip_reports ORDER BY id';
my $before3 = rows('src3', $probe3);
like($before3, qr/history\.t2_stock/, 'a stored history finding');
my $dump3 = $PostgreSQL::Test::Utils::tmp_check . '/src3.dump';
$node->command_ok(
	[ 'pg_dump', '-Fc', '-f', $dump3, '-d', $node->connstr('src3') ],
	'pg_dump -Fc (updated previous year)');
$node->safe_psql('postgres', 'CREATE DATABASE dst3');
$node->command_ok(
	[
		'pg_restore', '--exit-on-error', '-d', $node->connstr('dst3'), $dump3
	],
	'pg_restore without errors (updated previous year)');
is(rows('dst3', $probe3), $before3,
	'findings identical after restore when a previous year was updated');
is( rows(
		'dst3', "SELECT source_name, (SELECT string_agg(f->>'rule_id', ',')
		  FROM jsonb_array_elements(findings) AS f WHERE f->>'rule_id' LIKE 'history.%')
		  FROM gip_reports ORDER BY ctid"),
	"prev (renamed)|\nbase|history.t2_stock",
	'restored in physical order: the later year first, checked again when its previous year came back');

# A stored row that the rules refuse now (stored under an older, laxer
# version; simulated here by storing it behind the triggers' back, with
# session_replication_role = replica) is not restored into the store: it
# goes to gip_rejected with its reason and a WARNING, and the rest of the
# store comes back, facts and all.  The quarantine of the dump keeps its
# ids; the rows the restore quarantines take the next ones.
$node->safe_psql('postgres', 'CREATE DATABASE src4');
$node->safe_psql('src4',
	    'CREATE EXTENSION gipreport;
	INSERT INTO gip_reports (source, source_name) VALUES ('
	  . file_sql('test/seeds/003.txt') . ", 'valid');
	INSERT INTO gip_reports (source, source_name) VALUES ("
	  . file_sql('test/corpus/real/hongze-district-2024.txt') . ", 'hongze 2024');
	SET gipreport.on_invalid = quarantine;
	INSERT INTO gip_reports (source, source_name) VALUES ('不是年度报告', 'news');
	SET session_replication_role = replica;
	INSERT INTO gip_reports (source, source_name, report, agency, year, template, content_hash)
	SELECT b, 'stale', gip_parse(b), (gip_parse(b)).agency, (gip_parse(b)).year, '2021',
		   sha256(convert_to(b, 'UTF8'))
	  FROM " . file_sql('test/corpus/real/hongze-district-2023.txt') . ' AS b;
	RESET session_replication_role;');
is(rows('src4', 'SELECT count(*) FROM gip_reports'), '3', 'the stale row is in the source store');
my $dump4 = $PostgreSQL::Test::Utils::tmp_check . '/src4.dump';
$node->command_ok(
	[ 'pg_dump', '-Fc', '-f', $dump4, '-d', $node->connstr('src4') ],
	'pg_dump -Fc (a row the rules refuse now)');
$node->safe_psql('postgres', 'CREATE DATABASE dst4');
my ($out4, $err4) = PostgreSQL::Test::Utils::run_command(
	[ 'pg_restore', '--exit-on-error', '-d', $node->connstr('dst4'), $dump4 ]);
# pg_restore does not print the server's warnings: read them in its log
like(
	PostgreSQL::Test::Utils::slurp_file($node->logfile),
	qr/WARNING:  stored report 'stale' fails rule\(s\) t4\.total of this version/,
	'the restore warns of the stored report the rules refuse now');
unlike($err4, qr/ERROR/, 'pg_restore without errors (a row the rules refuse now)');
my $rows4 = 'SELECT id, source_name, md5(source), md5(report::text), agency, year, template,
	loaded_at FROM gip_reports WHERE source_name <> \'stale\' ORDER BY id';
is(rows('dst4', $rows4), rows('src4', $rows4), 'every other stored report restored');
is(rows('dst4', "SELECT count(*) FROM gip_reports WHERE source_name = 'stale'"),
	'0', 'the report the current rules refuse is not in the store');
is( rows(
		'dst4', 'SELECT id, source_name, sqlstate, reason FROM gip_rejected ORDER BY id'),
	"1|news|22P02|"
	  . rows('src4', "SELECT reason FROM gip_rejected WHERE source_name = 'news'")
	  . "\n2|stale|23514|report fails rule(s) t4.total",
	'it is in gip_rejected with its reason, after the quarantine of the dump');
is( rows(
		'dst4', "SELECT f->>'rule_id', f->>'row_code', f->>'line' FROM gip_rejected,
		 jsonb_array_elements(findings) AS f
		 WHERE source_name = 'stale' AND f->>'status' = 'fail' ORDER BY 2"),
	"t4.total|litigation_after_review|149\nt4.total|review|149",
	'with its failing findings and their lines');
is( rows(
		'dst4', 'SELECT (SELECT count(*) FROM gip_facts),
		 (SELECT sum(n) FROM gip_reports AS r, LATERAL (SELECT count(*) FROM gip_cells(r.report)) AS c(n)),
		 (SELECT count(*) FROM (SELECT report_id, table_no, row_no, column_no FROM gip_facts
			GROUP BY 1, 2, 3, 4 HAVING count(*) > 1) AS d),
		 (SELECT count(*) FROM gip_report_findings),
		 (SELECT sum(jsonb_array_length(findings)) FROM gip_reports)'),
	rows('src4', "SELECT (SELECT count(*) FROM gip_facts AS f JOIN gip_reports AS r ON r.id = f.report_id
		 WHERE r.source_name <> 'stale'),
		 (SELECT sum(n) FROM gip_reports AS r, LATERAL (SELECT count(*) FROM gip_cells(r.report)) AS c(n)
		 WHERE r.source_name <> 'stale'), 0,
		 (SELECT count(*) FROM gip_report_findings AS f JOIN gip_reports AS r ON r.id = f.report_id
		 WHERE r.source_name <> 'stale'),
		 (SELECT sum(jsonb_array_length(findings)) FROM gip_reports WHERE source_name <> 'stale')"),
	'the facts are consistent: one per cell of every restored report, none twice');
is( rows(
		'dst4', "SET gipreport.on_invalid = quarantine;
		INSERT INTO gip_reports (source, source_name) VALUES ('还不是年度报告', 'news 2');
		SELECT id, source_name FROM gip_rejected ORDER BY id DESC LIMIT 1"),
	'3|news 2',
	'the quarantine takes the next id after the restore');

# The bypass of 0.3.0: an INSERT that brings report (here: a valid report's
# parse) with the text of the real 洪泽区 2023 report, which fails t4.total
# twice.  It is validated like any other row: not stored, quarantined with a
# WARNING.
my ($ret5, $out5, $err5) = $node->psql(
	'dst4', "INSERT INTO gip_reports (source, source_name, report, agency, year, template, findings)
	SELECT b, 'bypass', r.report, r.agency, r.year, r.template, r.findings
	  FROM gip_reports AS r, " . file_sql('test/corpus/real/hongze-district-2023.txt') . " AS b
	 WHERE r.source_name = 'valid'");
like($err5, qr/WARNING:  stored report 'bypass' fails rule\(s\) t4\.total/,
	'the bypass warns');
is( rows(
		'dst4', "SELECT (SELECT count(*) FROM gip_reports WHERE source_name = 'bypass'),
		(SELECT string_agg(sqlstate, ',') FROM gip_rejected WHERE source_name = 'bypass'),
		(SELECT count(*) FROM gip_reports WHERE NOT gip_is_valid(report))"),
	'0|23514|0',
	'the bypass is refused: in gip_rejected, and no stored report fails an error rule');
# and derived columns from the client are ignored
$node->safe_psql('dst4',
	    "INSERT INTO gip_reports (source, source_name, agency, year, n_errors, received, is_current)
	SELECT b, 'made up', '假机关', 1999, 0, 999999, false FROM "
	  . file_sql('test/seeds/004.txt') . ' AS b');
is( rows(
		'dst4', "SELECT agency, year, received, is_current FROM gip_reports WHERE source_name = 'made up'"),
	'秀洲区卫生健康局|2020|0|t',
	'derived columns come from the text, not from the client');

$node->stop;
done_testing();
