# test/t/003_mutations.pl
#	Input fuzzing through SQL: a thousand random but reproducible
#	mutations of the seeds and their renderings (byte flips, truncation,
#	duplicated, deleted and swapped lines, stray tabs and spaces, huge
#	numbers, huge repeated lines, invalid UTF-8, NUL bytes, splices of two
#	reports, deep nesting of <table>/<div> in the web pages), plus a 10 MB+
#	text of repeated rows and a page with thousands of tables, each through
#	gip_parse (text when it is valid UTF-8, and bytea) and then gip_validate,
#	gip_cells and gip_to_jsonb, on one cluster.  Each must parse or fail
#	with a proper SQLSTATE (22P02, 22021, 54000, 0A000 for a .docx; never
#	XX000; the .docx renderings are among the sources), the server
#	must never restart and its log must show no crash.  Also: a 20 MB input
#	fails with 54000, invalid UTF-8 in bytes declared UTF-8 fails with 22021,
#	and statement_timeout cancels a parse of a large text, and of a large
#	.docx, with 57014.
#
#	GIP_MUTATION_SEED (default 20240105) and GIP_MUTATIONS (default 1000)
#	change the random stream and the count; GIP_MUTANTS_KEEP=DIR copies
#	every mutant slower than 2 s there.  A failing mutant is kept as a
#	file under the node's directory (tmp_check is kept when a test fails).
use strict;
use warnings;

use Encode qw(decode FB_CROAK);
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Time::HiRes qw(time);

my $root = $ENV{GIP_ROOT} or die "GIP_ROOT is not set: run test/t/run.sh";
my $seed = $ENV{GIP_MUTATION_SEED} // 20240105;
my $count = $ENV{GIP_MUTATIONS} // 1000;
srand($seed);
note "mutation seed $seed, $count mutations";

my $node = PostgreSQL::Test::Cluster->new('mutations');
$node->init(extra => [ '-E', 'UTF8', '--no-locale' ]);
$node->append_conf('postgresql.conf',
	"log_error_verbosity = verbose\nlog_min_messages = warning\n");
$node->start;
$node->safe_psql('postgres', 'CREATE EXTENSION gipreport');

my $dir = $node->basedir . '/mutants';
mkdir $dir or die "mkdir $dir: $!";

# -- the inputs ------------------------------------------------------------

# a file's bytes
sub slurp
{
	my ($path) = @_;
	open(my $fh, '<:raw', $path) or die "$path: $!";
	local $/;
	my $b = <$fh>;
	close $fh;
	return $b;
}

my @sources;
foreach my $pat ('test/seeds/*.txt', 'test/corpus/layout/*.txt',
	'test/corpus/tsv/*.txt', 'test/corpus/html/*.html',
	'test/corpus/gbk/*.html', 'test/corpus/big5/*.txt',
	'test/corpus/docx/*.docx')
{
	foreach my $f (sort glob("$root/$pat"))
	{
		(my $rel = $f) =~ s{^\Q$root\E/}{};
		push @sources, { name => $rel, bytes => slurp($f) };
	}
}
die "no sources found under $root" unless @sources >= 20;
my @html = grep { $_->{name} =~ m{/html/} } @sources;

# -- mutation operators ----------------------------------------------------

sub rint { return int(rand($_[0])); }

sub lines_of { return split(/(?<=\n)/, $_[0]); }

my %ops = (
	flip => sub {
		my $b = shift;
		for (1 .. 1 + rint(20))
		{
			my $p = rint(length $b);
			substr($b, $p, 1) = chr(ord(substr($b, $p, 1)) ^ (1 + rint(255)));
		}
		return $b;
	},
	truncate => sub {
		my $b = shift;
		return substr($b, 0, rint(length $b));
	},
	dup_lines => sub {
		my @l = lines_of(shift);
		for (1 .. 1 + rint(10))
		{
			my $i = rint(scalar @l);
			splice(@l, $i, 0, ($l[$i]) x (1 + rint(5)));
		}
		return join('', @l);
	},
	del_lines => sub {
		my @l = lines_of(shift);
		splice(@l, rint(scalar @l), 1 + rint(8)) for 1 .. 1 + rint(6);
		return join('', @l);
	},
	swap_lines => sub {
		my @l = lines_of(shift);
		for (1 .. 1 + rint(10))
		{
			my ($i, $j) = (rint(scalar @l), rint(scalar @l));
			@l[ $i, $j ] = @l[ $j, $i ];
		}
		return join('', @l);
	},
	whitespace => sub {
		my $b = shift;
		my @ws = ("\t", ' ', "\t\t", '   ', "\r", "\n", "\n\n", "\x{3000}");
		for (1 .. 1 + rint(40))
		{
			my $w = $ws[ rint(scalar @ws) ];
			utf8::encode($w);
			# at a line start or end, or anywhere (may split a character)
			my $p = rint(length $b);
			if (rand() < 0.6)
			{
				my $nl = index($b, "\n", $p);
				$p = $nl < 0 ? length $b : $nl + (rand() < 0.5 ? 1 : 0);
			}
			substr($b, $p, 0) = $w;
		}
		return $b;
	},
	numbers => sub {
		my $b = shift;
		my @n = ('99999999999999999999999999999', '-5', '1.2.3', '１２３４５',
			'1,234,567', '0.00000000001', '1e309', '2147483648',
			'9223372036854775808', '１２３４万', '--', '3/4');
		my $k = 1 + rint(15);
		$b =~ s/(?<![0-9])[0-9]+(?![0-9])/rand() < 0.3 && $k-- > 0 ? $n[rint(scalar @n)] : $&/ge;
		return $b;
	},
	long_line => sub {
		my $b = shift;
		my @l = lines_of($b);
		my $i = rint(scalar @l);
		my $piece = $l[$i];
		chomp $piece;
		$piece = "\t0" if $piece eq '';
		# one line of 100 kB .. 2 MB
		my $times = int((100_000 + rint(1_900_000)) / (length($piece) + 1));
		$l[$i] = ($piece x $times) . "\n";
		return join('', @l);
	},
	many_lines => sub {
		my @l = lines_of(shift);
		my $i = rint(scalar @l);
		splice(@l, $i, 0, ($l[$i]) x (500 + rint(3000)));
		return join('', @l);
	},
	bad_utf8 => sub {
		my $b = shift;
		my @bad = ("\xff", "\xc0\x80", "\x80", "\xe5\xb9", "\xed\xa0\x80",
			"\xf4\x90\x80\x80", "\xfe\xfe", "\xc3");
		substr($b, rint(length $b), 0) = $bad[ rint(scalar @bad) ]
		  for 1 .. 1 + rint(5);
		return $b;
	},
	nul => sub {
		my $b = shift;
		substr($b, rint(length $b), 1) = "\0" for 1 .. 1 + rint(5);
		return $b;
	},
	splice => sub {
		my $b = shift;
		my $other = $sources[ rint(scalar @sources) ]{bytes};
		return substr($b, 0, rint(length $b))
		  . substr($other, rint(length $other));
	},
	empty_cells => sub {
		my $b = shift;
		$b =~ s/\t[0-9]+/rand() < 0.3 ? "\t" : $&/ge;
		return $b;
	},
);
my @opnames = sort keys %ops;

# deep nesting in a web page (an HTML source only)
sub nest
{
	my ($b) = @_;
	my $depth = 500 + rint(20000);
	my ($open, $close) =
	  rand() < 0.5
	  ? ('<table><tr><td>', '</td></tr></table>')
	  : ('<div>', '</div>');
	my $unclosed = rand() < 0.3;
	my $p = index($b, '<table');
	$p = rint(length $b) if $p < 0;
	substr($b, $p, 0) = ($open x $depth) . ($unclosed ? '' : ($close x $depth));
	return $b;
}

# -- running the mutants ---------------------------------------------------

$node->safe_psql(
	'postgres', q{
CREATE FUNCTION try_one(path text, as_bytes boolean) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	b bytea := pg_read_binary_file(path);
	r gip_report;
	n bigint;
	st text;
	t0 timestamptz := clock_timestamp();
BEGIN
	BEGIN
		IF as_bytes THEN
			r := gip_parse(b);
		ELSE
			r := gip_parse(convert_from(b, 'UTF8'));
		END IF;
		SELECT count(*) INTO n FROM gip_validate(r);
		SELECT count(*) INTO n FROM gip_cells(r);
		SELECT count(*) INTO n FROM gip_notes(r);
		PERFORM gip_to_jsonb(r);
		st := 'ok';
	EXCEPTION WHEN others THEN
		GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE;
	END;
	-- the outcome and the milliseconds it took
	RETURN st || '|' || round(1000 * extract(epoch FROM clock_timestamp() - t0));
END
$$;
});

my $start_time =
  $node->safe_psql('postgres', 'SELECT pg_postmaster_start_time()');

# the SQLSTATEs a mutant may end with; anything else is a failure
# (0A000: a mutated .docx whose flags now say encrypted)
my %allowed = (ok => 1, '22P02' => 1, '22021' => 1, '54000' => 1,
	'0A000' => 1);

my %outcome;
my @bad;
my @slowest;
my $tried = 0;

# run a batch of [name, file, as_bytes] in one session
sub run_batch
{
	my @batch = @_;
	return unless @batch;
	my $values = join(",\n",
		map { "('$_->[0]', '$_->[1]', " . ($_->[2] ? 'true' : 'false') . ')' }
		  @batch);
	my ($ret, $out, $err) = $node->psql(
		'postgres',
		"SET statement_timeout = '120s';
		 SELECT name, try_one(path, b) FROM (VALUES $values) AS v(name, path, b)",
		on_error_stop => 1);
	if ($ret != 0)
	{
		push @bad,
		  "batch failed ($err): " . join(' ', map { $_->[0] } @batch);
		return;
	}
	foreach my $line (split /\n/, $out)
	{
		my ($name, $st, $ms) = split /\|/, $line;
		$tried++;
		push @slowest, [ $ms, $name ];
		if ($ENV{GIP_MUTANTS_KEEP} && $ms > 2000)
		{
			my ($m) = split / /, $name;
			system('cp', "$dir/$m", $ENV{GIP_MUTANTS_KEEP});
		}
		$outcome{$st}++;
		push @bad, "$name: $st" unless $allowed{$st};
	}
}

# write a mutant and queue it as bytes, and as text when it is valid UTF-8
my @queue;
my $nfiles = 0;

sub add_mutant
{
	my ($label, $bytes) = @_;
	my $file = sprintf('%s/m%04d', $dir, $nfiles++);
	open(my $fh, '>:raw', $file) or die "$file: $!";
	print $fh $bytes;
	close $fh;
	(my $name = "$label") =~ s/'/_/g;
	$name = basename($file) . " $name";
	push @queue, [ "$name bytes", $file, 1 ];
	my $copy = $bytes;
	my $valid = index($bytes, "\0") < 0
	  && eval { decode('UTF-8', $copy, FB_CROAK); 1 };
	push @queue, [ "$name text", $file, 0 ] if $valid;
	if (@queue >= 60)
	{
		run_batch(@queue);
		@queue = ();
	}
}

sub basename { my $p = shift; $p =~ s{.*/}{}; return $p; }

my $t0 = time();
for my $i (1 .. $count)
{
	my $src = $sources[ rint(scalar @sources) ];
	my $b = $src->{bytes};
	my @applied;
	# one to three operators, the heavy ones rarely
	for (1 .. 1 + rint(3))
	{
		my $op = $opnames[ rint(scalar @opnames) ];
		next
		  if ($op eq 'long_line' || $op eq 'many_lines')
		  && (rand() < 0.7 || length($b) > 3_000_000);
		$b = $ops{$op}->($b);
		push @applied, $op;
	}
	if (rand() < 0.06)
	{
		my $h = $html[ rint(scalar @html) ];
		$src = $h;
		$b = nest($h->{bytes});
		@applied = ('nest');
	}
	add_mutant("$src->{name} " . join('+', @applied), $b);
}

# the big ones: 10 MB+ of repeated table rows, a page of thousands of tables,
# a text of the whole report a thousand times
{
	my $seed3 = slurp("$root/test/seeds/003.txt");
	my $rows = join('', grep { /\t/ } lines_of($seed3));
	my $big = $seed3 . ($rows x int(10_500_000 / length($rows) + 1));
	add_mutant('10MB of repeated rows', $big);

	my $page = slurp("$root/test/corpus/html/003.html");
	my @tables = ($page =~ m{(<table.*?</table>)}gs);
	my $copies = int(12_000_000 / length(join('', @tables)));
	my $many = '<html><body>' . join('', (@tables) x $copies) . '</body></html>';
	add_mutant('thousands of tables (' . $copies * @tables . ')', $many);

	add_mutant('seed 003 x 1000', $seed3 x 1000);
}
run_batch(@queue);
my $elapsed = time() - $t0;

note sprintf("%d runs of %d mutants in %.1f s: %s", $tried, $nfiles, $elapsed,
	join(', ', map { "$_ $outcome{$_}" } sort keys %outcome));
@slowest = (sort { $b->[0] <=> $a->[0] } @slowest)[ 0 .. 4 ];
note "slowest: " . join('; ', map { "$_->[1] $_->[0] ms" } @slowest);
ok($tried >= $count, "every mutant ran ($tried runs)");
is(scalar(@bad), 0, 'every mutant parsed or failed with 22P02, 22021, 54000 or 0A000')
  or diag(join("\n", @bad[ 0 .. ($#bad < 30 ? $#bad : 29) ]));
ok($outcome{ok} && $outcome{'22P02'},
	'the mutants include reports that parse and texts that do not');

# -- the documented limits -------------------------------------------------

# the SQLSTATE of a statement (after SET VERBOSITY verbose), or 'ok'
sub sqlstate_of
{
	my ($sql) = @_;
	my ($ret, $out, $err) = $node->psql('postgres', $sql,
		extra_params => [ '-v', 'VERBOSITY=verbose' ]);
	return 'ok' if $ret == 0;
	return $1 if $err =~ /ERROR:\s+([0-9A-Z]{5}):/;
	return "?($err)";
}

my $seed3_sql = "pg_read_file('$root/test/seeds/003.txt')";
is( sqlstate_of("SELECT (gip_parse(repeat($seed3_sql, 4600))).year"),
	'54000',
	'a 20 MB text fails with 54000');
is( sqlstate_of(
		"SELECT (gip_parse(convert_to(repeat($seed3_sql, 4600), 'UTF8'))).year"),
	'54000',
	'20 MB of bytes fail with 54000');
is( sqlstate_of(
		"SELECT (gip_parse('\\xefbbbf'::bytea || convert_to($seed3_sql, 'UTF8')
		   || '\\xff80c0'::bytea || convert_to($seed3_sql, 'UTF8'))).year"),
	'22021',
	'invalid UTF-8 after a UTF-8 byte order mark fails with 22021');
is( sqlstate_of(
		"SELECT (gip_parse(convert_to('<html><head><meta charset=\"utf-8\"></head><body>', 'UTF8')
		   || '\\xfffe80'::bytea
		   || pg_read_binary_file('$root/test/corpus/html/003.html'))).year"),
	'22021',
	'invalid UTF-8 in a page declared UTF-8 fails with 22021');

# -- cancel ----------------------------------------------------------------

# the seed, then its table rows over and over up to 15 MB
$node->safe_psql(
	'postgres', "CREATE TABLE big AS
	SELECT s || repeat(r, 15000000 / octet_length(r)) AS body
	  FROM (SELECT s, string_agg(l, E'\\n') || E'\\n' AS r
	          FROM (SELECT $seed3_sql AS s) AS f,
	               regexp_split_to_table(s, E'\\n') AS l
	         WHERE l LIKE E'%\\t%' GROUP BY s) AS t");
my $size = $node->safe_psql('postgres', 'SELECT octet_length(body) FROM big');
my $t1 = time();
my $st = sqlstate_of('SELECT (gip_parse(body)).year FROM big');
my $full = time() - $t1;
note sprintf("a %.1f MB text: %s in %.2f s", $size / 1e6, $st, $full);
# under the size limit and holding the tables, it parses (the repeated
# rows are noted, not fatal)
is($st, 'ok', 'the 15 MB text of repeated rows is read');
is($node->safe_psql('postgres', 'SELECT (gip_parse(body)).year FROM big'),
	'2021', '... as the report of 2021 it is');
$t1 = time();
$st = sqlstate_of(
	"SET statement_timeout = '50ms'; SELECT (gip_parse(body)).year FROM big");
my $canceled = time() - $t1;
is($st, '57014', 'statement_timeout cancels the parse with 57014');
ok($canceled < 5, sprintf('promptly (%.2f s against %.2f s uncanceled)',
		$canceled, $full));
# thousands of copies of a wrapped label line in a layout text: gathering
# the label context below a row (collect_data_rows in src/core/tables.c)
# was once quadratic in time and memory, with no interrupt checked there
# (16,000 lines: 7 s and 5.8 GB); it is linear and bounded now (16,000
# lines parse in well under 0.1 s), so under a 2 s statement_timeout the
# parse must finish: a quadratic step would be canceled (57014) and fail
{
	my @l = split(/(?<=\n)/, slurp("$root/test/corpus/layout/002.txt"));
	my $wrapped = "              \x{7b2c}\x{4e8c}\x{5341}\x{6761}\x{7b2c}\x{ff08}\x{4e94}\x{ff09}\x{9879}\n";
	utf8::encode($wrapped);
	splice(@l, 60, 0, ($wrapped) x 16000);
	my $file = "$dir/wrapped_lines";
	open(my $fh, '>:raw', $file) or die "$file: $!";
	print $fh join('', @l);
	close $fh;
	$t1 = time();
	my ($ret, $out, $err) = $node->psql('postgres',
		"SET statement_timeout = '2s';
		SELECT (gip_parse(pg_read_file('$file'))).year",
		extra_params => [ '-v', 'VERBOSITY=verbose' ]);
	my $took = time() - $t1;
	note sprintf('16,000 wrapped label lines: %.2f s', $took);
	is($out, '2022', '16,000 wrapped label lines parse within 2 s')
	  or diag($err);
}

# a big .docx: seed 003's word/document.xml with its table rows repeated to
# some 30 MB (under the 64 MB cap, deflated about 20 to 1): read, and
# canceled promptly (the inflating and the XML walk check for interrupts)
{
	use IO::Compress::Zip qw(zip $ZipError);
	use IO::Uncompress::Unzip qw(unzip $UnzipError);
	my $xml;
	unzip("$root/test/corpus/docx/003.docx" => \$xml,
		Name => 'word/document.xml')
	  or die "unzip: $UnzipError";
	my $i = index($xml, '<w:tr>');
	my $j = rindex($xml, '</w:tr>') + length('</w:tr>');
	my $n = int(30_000_000 / ($j - $i));
	my $big = substr($xml, 0, $i) . (substr($xml, $i, $j - $i) x $n)
	  . substr($xml, $j);
	my $file = "$dir/big.docx";
	zip(\$big => $file, Name => 'word/document.xml')
	  or die "zip: $ZipError";
	$t1 = time();
	$st = sqlstate_of("SELECT (gip_parse(pg_read_binary_file('$file'))).year");
	my $full_docx = time() - $t1;
	note sprintf("a .docx of %.1f MB (%.1f MB of XML): %s in %.2f s",
		(-s $file) / 1e6, length($big) / 1e6, $st, $full_docx);
	ok($st eq 'ok' || $st eq '22P02', 'the 30 MB word/document.xml is read');
	$t1 = time();
	$st = sqlstate_of("SET statement_timeout = '50ms';
		SELECT (gip_parse(pg_read_binary_file('$file'))).year");
	my $took = time() - $t1;
	is($st, '57014', 'statement_timeout cancels the .docx parse with 57014');
	ok($took < 5, sprintf('promptly (%.2f s against %.2f s uncanceled)',
			$took, $full_docx));
}

is($node->safe_psql('postgres', "SELECT (gip_parse($seed3_sql)).year"),
	'2021', 'a parse after the cancel works');

# -- the server survived ---------------------------------------------------

is($node->safe_psql('postgres', 'SELECT pg_postmaster_start_time()'),
	$start_time, 'the server never restarted');
my $log = slurp($node->logfile);
unlike($log, qr/terminated by signal|was terminated|server process .* exited|PANIC|TRAP:/,
	'the server log shows no crash');
unlike($log, qr/ERROR:\s+XX\d\d\d/, 'no internal error in the log');

$node->stop;
done_testing();
