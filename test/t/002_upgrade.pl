# test/t/002_upgrade.pl
#	Two paths to the current version compared: (a) CREATE EXTENSION
#	gipreport, the fresh install of the default version, and (b) CREATE
#	EXTENSION gipreport VERSION '0.1.0', reports parsed and stored, then
#	ALTER EXTENSION UPDATE through every version of the update path.  On
#	the way every version's functions and store are exercised on the values
#	stored before; at the end the two are compared object by object from
#	the catalogs (every member of the extension and what belongs to it:
#	functions with their properties, types, tables, columns, constraints,
#	indexes, views, triggers, sequences, comments) and on the stored data
#	(the same texts loaded into the fresh install give the same rows).
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

# on through every later version of the update path to the default one,
# with reports in the store: none is lost or changed in what it is (its
# id, text, name, load time); what is derived from the text is compared
# with a fresh install at the end
my $identity_sql = 'SELECT id, source_name, md5(source), loaded_at FROM gip_reports ORDER BY id';
my $stored = rows('up', $identity_sql);
my $current = rows('postgres',
	"SELECT default_version FROM pg_available_extensions WHERE name = 'gipreport'");
my $path = rows('postgres',
	"SELECT path FROM pg_extension_update_paths('gipreport')
	  WHERE source = '0.2.0' AND target = '$current'");
my @steps = split /--/, $path;
shift @steps;
ok(@steps >= 1, "update path 0.2.0 to $current: $path");
my $n_stored = scalar(@files) - 1;
foreach my $v (@steps)
{
	$node->safe_psql('up', "ALTER EXTENSION gipreport UPDATE TO '$v'");
	is(rows('up', "SELECT extversion FROM pg_extension WHERE extname = 'gipreport'"),
		$v, "updated to $v");
	is(rows('up', $identity_sql), $stored, "... the stored reports are all there after $v");
	# the store of this version takes a report (a text of its own: a
	# whitespace tail, since 0.4.0 skips a document it has stored already)
	is( rows(
			'up', "INSERT INTO gip_reports (source, source_name)
			SELECT body || repeat(E'\\n', $n_stored), name || ' at $v' FROM mine WHERE name LIKE '%hongze-district-2024%';
			SELECT count(*) FROM gip_reports;
			SELECT rule_id FROM gip_findings WHERE report_id = (SELECT max(id) FROM gip_reports)
			 ORDER BY 1"),
		++$n_stored . "\nmeta.published_late",
		"... the store of $v takes a report and validates it");
	$stored = rows('up', $identity_sql);
}
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
	++$n_stored . "\nmeta.published_late",
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

# ---------------------------------------------------------------------
# The upgraded extension against a fresh install of the default version,
# object by object, from the catalogs: whatever the install script or an
# upgrade script creates is a member of the extension (pg_depend 'e') or
# belongs to a member (columns, indexes, constraints, triggers, rules,
# policies, comments), so an object forgotten in either path shows here.
# ---------------------------------------------------------------------
$node->safe_psql('postgres', 'CREATE DATABASE fresh');
$node->safe_psql('fresh', 'CREATE EXTENSION gipreport');
is(rows('fresh', "SELECT extversion FROM pg_extension WHERE extname = 'gipreport'"),
	$current, "fresh install of $current");

my $cte = q{
	WITH ext AS (SELECT oid FROM pg_extension WHERE extname = 'gipreport'),
	m AS (SELECT d.classid, d.objid FROM pg_depend AS d, ext
		   WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = ext.oid
			 AND d.deptype = 'e'),
	rels AS (SELECT objid AS oid FROM m WHERE classid = 'pg_class'::regclass
			 UNION
			 SELECT t.typrelid FROM pg_type AS t JOIN m
				 ON m.classid = 'pg_type'::regclass AND m.objid = t.oid
			  WHERE t.typrelid <> 0)
};
my %shape = (
	'01 extension' => q{
		SELECT e.extname, e.extversion, e.extrelocatable, n.nspname
		  FROM pg_extension AS e JOIN pg_namespace AS n ON n.oid = e.extnamespace, ext
		 WHERE e.oid = ext.oid},
	'02 members' => q{
		SELECT pg_describe_object(classid, objid, 0) FROM m},
	'03 functions' => q{
		SELECT p.oid::regprocedure, 'kind=' || p.prokind::text, 'volatile=' || p.provolatile::text,
			   'strict=' || p.proisstrict, 'parallel=' || p.proparallel::text,
			   'secdef=' || p.prosecdef, 'leakproof=' || p.proleakproof,
			   'returns ' || pg_get_function_result(p.oid),
			   'cost=' || p.procost, 'rows=' || p.prorows, 'config=' || coalesce(p.proconfig::text, '-'),
			   'acl=' || coalesce(p.proacl::text, '-'), 'language=' || l.lanname,
			   'definition=' || CASE WHEN p.prokind <> 'a' THEN md5(pg_get_functiondef(p.oid)) ELSE '-' END,
			   'comment=' || coalesce(md5(obj_description(p.oid, 'pg_proc')), '-')
		  FROM pg_proc AS p JOIN pg_language AS l ON l.oid = p.prolang
		 WHERE p.oid IN (SELECT objid FROM m WHERE classid = 'pg_proc'::regclass)},
	'04 aggregates' => q{
		SELECT a.aggfnoid::regprocedure, a.aggkind, a.aggtransfn::regprocedure,
			   a.aggfinalfn, a.aggcombinefn, a.aggtranstype::regtype, a.agginitval
		  FROM pg_aggregate AS a
		 WHERE a.aggfnoid IN (SELECT objid FROM m WHERE classid = 'pg_proc'::regclass)},
	'05 types' => q{
		SELECT t.oid::regtype, 'type=' || t.typtype::text, 'len=' || t.typlen,
			   'category=' || t.typcategory::text, 'in=' || t.typinput::regproc,
			   'out=' || t.typoutput::regproc, 'base=' || t.typbasetype::regtype,
			   'notnull=' || t.typnotnull, 'default=' || coalesce(t.typdefault, '-'),
			   'acl=' || coalesce(t.typacl::text, '-'),
			   'comment=' || coalesce(md5(obj_description(t.oid, 'pg_type')), '-')
		  FROM pg_type AS t
		 WHERE t.oid IN (SELECT objid FROM m WHERE classid = 'pg_type'::regclass)},
	'06 enum labels' => q{
		SELECT e.enumtypid::regtype, e.enumlabel, rank() OVER (PARTITION BY e.enumtypid ORDER BY e.enumsortorder)
		  FROM pg_enum AS e
		 WHERE e.enumtypid IN (SELECT objid FROM m WHERE classid = 'pg_type'::regclass)},
	'07 relations' => q{
		SELECT c.oid::regclass, 'kind=' || c.relkind::text, 'persistence=' || c.relpersistence::text,
			   'options=' || coalesce(c.reloptions::text, '-'), 'acl=' || coalesce(c.relacl::text, '-'),
			   'rls=' || c.relrowsecurity, 'replident=' || c.relreplident::text,
			   'comment=' || coalesce(md5(obj_description(c.oid, 'pg_class')), '-')
		  FROM pg_class AS c WHERE c.oid IN (SELECT oid FROM rels)},
	'08 columns' => q{
		SELECT c.oid::regclass,
			   row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum), a.attname,
			   format_type(a.atttypid, a.atttypmod), 'notnull=' || a.attnotnull,
			   'default=' || coalesce(pg_get_expr(ad.adbin, ad.adrelid), '-'),
			   'compression=' || a.attcompression::text, 'storage=' || a.attstorage::text,
			   'identity=' || a.attidentity::text, 'generated=' || a.attgenerated::text,
			   'collation=' || a.attcollation, 'acl=' || coalesce(a.attacl::text, '-'),
			   'comment=' || coalesce(md5(col_description(c.oid, a.attnum)), '-')
		  FROM pg_class AS c JOIN pg_attribute AS a ON a.attrelid = c.oid
			   LEFT JOIN pg_attrdef AS ad ON ad.adrelid = c.oid AND ad.adnum = a.attnum
		 WHERE c.oid IN (SELECT oid FROM rels) AND a.attnum > 0 AND NOT a.attisdropped},
	'09 constraints' => q{
		SELECT coalesce(co.conrelid::regclass::text, co.contypid::regtype::text), co.conname,
			   co.contype, pg_get_constraintdef(co.oid), co.condeferrable, co.condeferred
		  FROM pg_constraint AS co
		 WHERE co.conrelid IN (SELECT oid FROM rels)
			OR co.contypid IN (SELECT objid FROM m WHERE classid = 'pg_type'::regclass)},
	'10 indexes' => q{
		SELECT pg_get_indexdef(i.indexrelid), 'primary=' || i.indisprimary,
			   'unique=' || i.indisunique, 'valid=' || i.indisvalid,
			   'comment=' || coalesce(md5(obj_description(i.indexrelid, 'pg_class')), '-')
		  FROM pg_index AS i WHERE i.indrelid IN (SELECT oid FROM rels)},
	'11 views' => q{
		SELECT c.oid::regclass, regexp_replace(pg_get_viewdef(c.oid), '\s+', ' ', 'g')
		  FROM pg_class AS c WHERE c.oid IN (SELECT oid FROM rels) AND c.relkind IN ('v', 'm')},
	'12 triggers' => q{
		SELECT pg_get_triggerdef(t.oid), 'enabled=' || t.tgenabled::text,
			   'comment=' || coalesce(md5(obj_description(t.oid, 'pg_trigger')), '-')
		  FROM pg_trigger AS t WHERE t.tgrelid IN (SELECT oid FROM rels) AND NOT t.tgisinternal},
	'13 rules and policies' => q{
		SELECT r.ev_class::regclass, r.rulename, md5(pg_get_ruledef(r.oid))
		  FROM pg_rewrite AS r WHERE r.ev_class IN (SELECT oid FROM rels) AND r.rulename <> '_RETURN'
		UNION ALL
		SELECT p.polrelid::regclass, p.polname, md5(p.polcmd::text || coalesce(pg_get_expr(p.polqual, p.polrelid), '')
			   || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), ''))
		  FROM pg_policy AS p WHERE p.polrelid IN (SELECT oid FROM rels)},
	'14 sequences' => q{
		SELECT s.seqrelid::regclass, s.seqtypid::regtype, s.seqstart, s.seqincrement,
			   s.seqmax, s.seqmin, s.seqcache, s.seqcycle
		  FROM pg_sequence AS s WHERE s.seqrelid IN (SELECT oid FROM rels)},
	'15 casts and event triggers' => q{
		SELECT format('cast %s as %s with %s, %s/%s', c.castsource::regtype, c.casttarget::regtype,
					  c.castfunc::regprocedure, c.castcontext, c.castmethod)
		  FROM pg_cast AS c WHERE c.oid IN (SELECT objid FROM m WHERE classid = 'pg_cast'::regclass)
		UNION ALL
		SELECT format('event trigger %s on %s: %s %s', e.evtname, e.evtevent,
					  e.evtfoid::regprocedure, e.evttags)
		  FROM pg_event_trigger AS e
		 WHERE e.oid IN (SELECT objid FROM m WHERE classid = 'pg_event_trigger'::regclass)},
	'16 dumped configuration' => q{
		SELECT x::regclass, e.extcondition
		  FROM pg_extension AS e, unnest(e.extconfig) AS x, ext WHERE e.oid = ext.oid},
	'17 comments' => q{
		SELECT pg_describe_object(d.classoid, d.objoid, d.objsubid), md5(d.description)
		  FROM pg_description AS d
		 WHERE (d.classoid, d.objoid) IN (SELECT classid, objid FROM m)
			OR (d.classoid = 'pg_class'::regclass AND d.objoid IN (SELECT oid FROM rels))
			OR (d.classoid = 'pg_class'::regclass AND d.objoid IN
				(SELECT indexrelid FROM pg_index WHERE indrelid IN (SELECT oid FROM rels)))
			OR (d.classoid = 'pg_trigger'::regclass AND d.objoid IN
				(SELECT oid FROM pg_trigger WHERE tgrelid IN (SELECT oid FROM rels)))
			OR (d.classoid = 'pg_constraint'::regclass AND d.objoid IN
				(SELECT oid FROM pg_constraint WHERE conrelid IN (SELECT oid FROM rels)))});

# the lines of a catalog query, one per object, in a stable order
sub catalog_lines
{
	my ($db, $sql) = @_;
	my $out = $node->safe_psql($db,
		"$cte SELECT q::text FROM ($sql) AS q ORDER BY q::text COLLATE \"C\"");
	return split /\n/, $out;
}

# report what is only on one side
sub same_lines
{
	my ($what, $fresh, $upgraded) = @_;
	my (%f, %u);
	$f{$_}++ foreach @$fresh;
	$u{$_}++ foreach @$upgraded;
	my @only_fresh = grep { ($f{$_} // 0) > ($u{$_} // 0) } sort keys %f;
	my @only_up = grep { ($u{$_} // 0) > ($f{$_} // 0) } sort keys %u;
	my $ok = ok(!@only_fresh && !@only_up, "$what: upgraded equals fresh $current");
	diag("only in the fresh install: $_") foreach @only_fresh[0 .. ($#only_fresh < 19 ? $#only_fresh : 19)];
	diag("only in the upgraded one: $_") foreach @only_up[0 .. ($#only_up < 19 ? $#only_up : 19)];
	return $ok;
}

foreach my $what (sort keys %shape)
{
	my @fresh = catalog_lines('fresh', $shape{$what});
	my @up = catalog_lines('up', $shape{$what});
	same_lines($what, \@fresh, \@up);
}
# a few things each path must have (so the comparison is not of nothing)
my %fresh_counts = map { $_ => scalar(catalog_lines('fresh', $shape{$_})) }
  ('03 functions', '05 types', '07 relations', '08 columns', '10 indexes', '11 views',
	'12 triggers', '17 comments');
foreach my $what (sort keys %fresh_counts)
{
	ok($fresh_counts{$what} > 0, "fresh $current has $what ($fresh_counts{$what})");
}
# every function, view and column of the extension has a comment
is( join("\n", catalog_lines('fresh', q{
		SELECT 'function ' || p.oid::regprocedure FROM pg_proc AS p
		 WHERE p.oid IN (SELECT objid FROM m WHERE classid = 'pg_proc'::regclass)
		   AND obj_description(p.oid, 'pg_proc') IS NULL
		UNION ALL
		SELECT 'relation ' || c.oid::regclass FROM pg_class AS c
		 WHERE c.oid IN (SELECT oid FROM rels) AND c.relkind IN ('r', 'v', 'm')
		   AND obj_description(c.oid, 'pg_class') IS NULL
		UNION ALL
		SELECT 'column ' || c.oid::regclass || '.' || a.attname
		  FROM pg_class AS c JOIN pg_attribute AS a ON a.attrelid = c.oid
		 WHERE c.oid IN (SELECT oid FROM rels) AND c.relkind IN ('r', 'v', 'm')
		   AND a.attnum > 0 AND NOT a.attisdropped AND col_description(c.oid, a.attnum) IS NULL})),
	'', "fresh $current: every function, table, view and column has a comment");

# ---------------------------------------------------------------------
# The stored data: the same texts loaded into the fresh install (in the
# same order, the invalid ones quarantined) give the same rows as the
# upgraded store, in every column but the ones assigned at load time (a
# sequence's id, a time stamp), and the same rows in every view
# ---------------------------------------------------------------------
my %file_of = map { $_ => $_ } @files;
# (the stored ones in the order they were stored: the history rules look
# at what is in the store already; the rejected ones do not count there)
# (each with the text the upgraded store holds: some were given a tail of
# their own above)
my $loaded = rows('up', "SELECT k, id, source_name FROM
	(SELECT 1 AS k, id, source_name FROM gip_reports
	 UNION ALL SELECT 2, id, source_name FROM gip_rejected) AS l ORDER BY k, id");
$node->safe_psql('fresh', 'CREATE TABLE loads (n serial, name text, body text)');
foreach my $line (split /\n/, $loaded)
{
	my ($where, $id, $name) = split /\|/, $line, 3;
	my ($file) = $name =~ /^(\S+)/;
	die "no file for stored report '$name'" unless $file_of{$file};
	my $b64 = rows('up', "SELECT encode(convert_to(source, 'UTF8'), 'base64') FROM "
		  . ($where == 1 ? 'gip_reports' : 'gip_rejected') . " WHERE id = $id");
	$node->safe_psql('fresh',
		"INSERT INTO loads (name, body) SELECT '$name', convert_from(decode('$b64', 'base64'), 'UTF8')");
}
$node->safe_psql('fresh', "SET gipreport.on_invalid = quarantine;
	INSERT INTO gip_reports (source, source_name) SELECT body, name FROM loads ORDER BY n");

# the columns of a store table or view that do not hold what was assigned
# at load time: not a sequence or identity default, not a time stamp, not an
# id referring to one (superseded_by too), and in a jsonb value not the keys
# that hold such ids and times; not the findings of a quarantined row, which
# keeps those of the version that refused it (an upgrade does not validate
# the quarantine again)
sub data_columns
{
	my ($db, $rel) = @_;
	return rows($db, "SELECT string_agg(CASE WHEN a.atttypid = 'jsonb'::regtype
			THEN quote_ident(a.attname) || ' - ''report_id'' - ''loaded_at'' - ''rejected_at'''
			ELSE quote_ident(a.attname) END, ', ' ORDER BY a.attnum)
		  FROM pg_attribute AS a LEFT JOIN pg_attrdef AS ad
			   ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
		 WHERE a.attrelid = '$rel'::regclass AND a.attnum > 0 AND NOT a.attisdropped
		   AND a.attidentity = '' AND a.attname !~ '(^id|_id|_at|_by)\$'
		   AND NOT (a.attname = 'findings' AND '$rel' IN ('gip_rejected', 'gip_quarantine'))
		   AND coalesce(pg_get_expr(ad.adbin, ad.adrelid), '') !~ '^(nextval|now)\\('
		   AND format_type(a.atttypid, NULL) NOT LIKE 'timestamp%'");
}

# the store's tables and views (those with rows to compare)
my @data_rels = split /\n/, rows('fresh', "$cte
	SELECT c.oid::regclass FROM pg_class AS c
	 WHERE c.oid IN (SELECT oid FROM rels) AND c.relkind IN ('r', 'v', 'm')
	 ORDER BY 1::text");
ok(scalar(grep { $_ eq 'gip_reports' } @data_rels), 'gip_reports is among the relations compared');
foreach my $rel (@data_rels)
{
	my $cols = data_columns('fresh', $rel);
	is(data_columns('up', $rel), $cols, "$rel: the same data columns");
	# each row as its digest after the start of its text (to tell it by)
	my $sql = "SELECT regexp_replace(left(r::text, 100), '\\s+', ' ', 'g') || ' … ' || md5(r::text) AS h
		FROM (SELECT ROW($cols) AS r FROM $rel) AS q ORDER BY 1";
	my @fresh = split /\n/, rows('fresh', $sql);
	my @up = split /\n/, rows('up', $sql);
	same_lines("$rel: " . scalar(@fresh) . ' rows', \@fresh, \@up);
}
# and each stored report is what this version derives from its text
is( rows(
		'up', 'SELECT count(*) FROM gip_reports
		 WHERE report IS DISTINCT FROM gip_parse(source)
			OR (agency, year, template) IS DISTINCT FROM
			   ((gip_parse(source)).agency, (gip_parse(source)).year, (gip_parse(source)).template)'),
	'0', 'every upgraded stored report equals a parse of its text by this version');

$node->stop;
done_testing();
