# test/t/005_nls.pl
#	The extension's messages in Chinese through PostgreSQL's NLS: with
#	lc_messages = 'zh_CN.UTF-8' an error of gipreport (gip_parse of a text
#	that is not a report, a corrupt gip_report value) comes in Chinese from
#	its own catalog gipreport-15.mo (po/zh_CN.po), with the default 'C' in
#	English; the SQLSTATE is the same in both.  Needs the OS locale
#	zh_CN.UTF-8 (scripts/lib.sh generates it) and gipreport installed with
#	its catalog (make install, with gettext's msgfmt).
use strict;
use warnings;
use utf8;

use Encode qw(decode);

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $root = $ENV{GIP_ROOT} or die "GIP_ROOT is not set: run test/t/run.sh";

# the catalog installed where the server looks for it
my $pg_config = $ENV{PG_CONFIG} // 'pg_config';
my $localedir = `$pg_config --localedir`;
chomp $localedir;
my ($major) = `$pg_config --version` =~ /(\d+)/;
ok(-f "$localedir/zh_CN/LC_MESSAGES/gipreport-$major.mo",
	"gipreport-$major.mo installed in $localedir/zh_CN/LC_MESSAGES");

# the OS locale
my $locales = `locale -a`;
like($locales, qr/^zh_CN\.utf-?8$/mi,
	'the OS has the zh_CN.UTF-8 locale (scripts/lib.sh generates it)');

my $node = PostgreSQL::Test::Cluster->new('nls');
$node->init(extra => [ '-E', 'UTF8', '--no-locale' ]);
$node->start;
$node->safe_psql('postgres', 'CREATE EXTENSION gipreport');

# the error of sql as (SQLSTATE, message, detail): psql's verbose lines
# "LEVEL:  STATE: message" and "DETAIL:  detail", the labels translated too
sub error_of
{
	my ($sql, $setup) = @_;
	my ($ret, $out, $err) = $node->psql('postgres', ($setup // '') . $sql,
		extra_params => [ '-v', 'VERBOSITY=verbose' ]);
	return ('ok', '', '') if $ret == 0;
	$err = decode('UTF-8', $err);
	my @lines = split /\n/, $err;
	my ($state, $message) =
	  ($lines[0] // '') =~ /:\s+((?=[A-Z]*[0-9])[0-9A-Z]{5}):\s+(.*)$/;
	my ($detail) = ($lines[1] // '') =~ /^[^:]+:\s+(.*)$/;
	return ($state // "?($err)", $message // '', $detail // '');
}

my $not_a_report = "SELECT gip_parse('hello')";
my $corrupt = "SELECT count(*) FROM gip_cells(ROW('a', 2021, '2021', NULL, NULL, NULL,
	'2021', 'tsv', NULL, NULL, NULL, '\\x00'::bytea)::gip_report)";
my $zh = "SET lc_messages = 'zh_CN.UTF-8';\n";

# the default: English
my ($state, $msg, $detail) = error_of($not_a_report);
is($state, '22P02', 'not a report: 22P02');
is($msg, 'text is not a government information disclosure annual report',
	'... in English by default');
like($detail, qr/^None of its tables was found/, '... with its detail in English');
my ($cstate, $cmsg) = error_of($corrupt);
is($cstate, 'XX001', 'a corrupt gip_report value: XX001 (data_corrupted)');
is($cmsg, 'gip_report tables value is corrupt', '... in English by default');

# lc_messages = 'zh_CN.UTF-8' in the session: Chinese, the same SQLSTATE
($state, $msg, $detail) = error_of($not_a_report, $zh);
is($state, '22P02', 'in zh_CN.UTF-8: still 22P02');
is($msg, '该文本不是政府信息公开工作年度报告', '... the message in Chinese');
like($detail, qr/^未找到报告中的任何一张表：没有表二/, '... and its detail');
my ($zstate, $zmsg) = error_of($corrupt, $zh);
is($zstate, $cstate, "a corrupt value in zh_CN.UTF-8: still $cstate");
is($zmsg, 'gip_report 的 tables 值已损坏', '... in Chinese');

# the setting of the server: every new session gets Chinese
$node->append_conf('postgresql.conf', "lc_messages = 'zh_CN.UTF-8'\n");
$node->reload;
($state, $msg) = error_of($not_a_report);
is($msg, '该文本不是政府信息公开工作年度报告',
	'lc_messages in postgresql.conf: Chinese in a new session');
($state, $msg) = error_of($not_a_report, "SET lc_messages = 'C';\n");
is($msg, 'text is not a government information disclosure annual report',
	'... and English again after SET lc_messages = C');

# the findings stay Chinese whatever lc_messages says (seed 003 with the
# planted error of scripts/demo.sh)
my $seed = "$root/test/seeds/003.txt";
$seed =~ s/'/''/g;
my $findings_sql = "SELECT string_agg(rule_id || ': ' || message, E'\\n' ORDER BY rule_id, line)
	FROM gip_validate(gip_parse(replace(pg_read_file('$seed'),
		E'（一）予以公开\\n\\t1\\n', E'（一）予以公开\\n\\t3\\n')))";
my $zh_findings = decode('UTF-8', $node->safe_psql('postgres', $findings_sql));
my $c_findings = decode('UTF-8',
	$node->safe_psql('postgres', "SET lc_messages = 'C'; $findings_sql"));
like($zh_findings, qr/^t3\.\S+: .*\p{Han}/m, 'the planted error has findings in Chinese');
is($c_findings, $zh_findings, '... the same under lc_messages = C');

# the translations: note what po/zh_CN.po leaves untranslated
my $stats = `msgfmt --statistics -o /dev/null '$root/po/zh_CN.po' 2>&1`;
note "po/zh_CN.po: $stats";

$node->stop;
done_testing();
