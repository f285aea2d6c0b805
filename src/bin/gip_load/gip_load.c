/*-------------------------------------------------------------------------
 *
 * gip_load.c
 *		gip_load: load a folder of annual report files (web pages, text,
 *		DOCX, PDF) into the gipreport store, with progress and a summary.
 *
 *		gip_load [OPTION]... FILE|DIR...
 *
 *		This file holds main(): the options, the order of the steps (find
 *		the files, connect, load, summarise, write the log) and the exit
 *		status: 0 when every file was stored or already was (files of other
 *		types are skipped without harm), 1 when some were quarantined, not
 *		reports, refused, skipped because of an error, failed or were left
 *		by Ctrl-C, 2 on a usage or connection error.  Messages are
 *		translated (NLS, text domain gip_load-15, as PostgreSQL's programs).
 *
 *-------------------------------------------------------------------------
 */
#include "gip_load.h"

#include <time.h>

#include "common/logging.h"
#include "getopt_long.h"
#include "pqexpbuffer.h"

#ifndef GIP_LOAD_VERSION
#define GIP_LOAD_VERSION "unknown"
#endif

/* the outcome codes (the log's column) and what a person reads */
static const struct
{
	const char *code;
	const char *label;
}			outcomes[OUT__COUNT] = {
	[OUT_PENDING] = {"pending", gettext_noop("pending")},
	[OUT_STORED] = {"stored", gettext_noop("stored")},
	[OUT_DUPLICATE] = {"duplicate", gettext_noop("already in the store")},
	[OUT_KNOWN] = {"known", gettext_noop("sent before")},
	[OUT_QUARANTINED] = {"quarantined", gettext_noop("quarantined")},
	[OUT_NOT_A_REPORT] = {"not_a_report", gettext_noop("not a report")},
	[OUT_REFUSED] = {"refused", gettext_noop("refused")},
	[OUT_SKIPPED] = {"skipped", gettext_noop("skipped")},
	[OUT_ERROR] = {"error", gettext_noop("failed")},
	[OUT_INTERRUPTED] = {"interrupted", gettext_noop("interrupted")},
};

/* the labels common/logging.c prints, translated in this text domain */
static const char *const logging_labels[] pg_attribute_unused() = {
	gettext_noop("error: "), gettext_noop("warning: "),
	gettext_noop("detail: "), gettext_noop("hint: ")
};

/* The stable English code of an outcome. */
const char *
outcome_code(LoadOutcome outcome)
{
	return outcomes[outcome].code;
}

/* What a person reads for an outcome (translated). */
const char *
outcome_label(LoadOutcome outcome)
{
	return _(outcomes[outcome].label);
}

/* --help */
static void
usage(const char *progname)
{
	printf(_("%s loads annual report files into the gipreport store.\n\n"), progname);
	printf(_("Usage:\n"));
	printf(_("  %s [OPTION]... FILE|DIR...\n\n"), progname);
	printf(_("Directories are walked recursively, in sorted order.  Web pages (.html, .htm,\n"
			 ".shtml), text (.txt, .md) and .docx are sent as they are (the server detects\n"
			 "the encoding); .pdf is converted with \"pdftotext -layout\" (poppler-utils);\n"
			 "other files are skipped.  Files sent by an earlier run (the same SHA-256) are\n"
			 "not sent again.\n\n"));
	printf(_("Options:\n"));
	printf(_("  -j, --jobs=NUM            load over NUM connections at once (default 1)\n"));
	printf(_("  -b, --batch-size=NUM      documents per transaction (default 50)\n"));
	printf(_("  -l, --log=FILE.csv        write one CSV row per file (path, outcome, agency,\n"
			 "                            year, report_id, reason)\n"));
	printf(_("  -s, --strict              refuse invalid reports instead of quarantining them\n"
			 "                            (gipreport.on_invalid = error)\n"));
	printf(_("  -q, --quiet               show neither progress nor a line per file\n"));
	printf(_("  -V, --version             output version information, then exit\n"));
	printf(_("  -?, --help                show this help, then exit\n"));
	printf(_("\nConnection options:\n"));
	printf(_("  -d, --dbname=DBNAME       database to load into (a connection string too)\n"));
	printf(_("  -h, --host=HOSTNAME       database server host or socket directory\n"));
	printf(_("  -p, --port=PORT           database server port\n"));
	printf(_("  -U, --username=USERNAME   user name to connect as\n"));
	printf(_("  -w, --no-password         never prompt for password\n"));
	printf(_("  -W, --password            force password prompt\n"));
	printf(_("\nThe environment variables PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD and\n"
			 "the password file ~/.pgpass are used as by psql.\n"));
	printf(_("\nExit status: 0 when every file was stored (or already was), 1 when some were\n"
			 "quarantined, not reports, refused or could not be read, 2 on a usage or\n"
			 "connection error.\n"));
}

/* Parse a positive integer option; exits with status 2 when it is not. */
static int
positive_option(const char *value, const char *name, int max)
{
	char	   *end;
	long		v;

	errno = 0;
	v = strtol(value, &end, 10);
	if (errno != 0 || *end != '\0' || v < 1 || v > max)
	{
		pg_log_error("%s must be in range %d..%d", name, 1, max);
		exit(2);
	}
	return (int) v;
}

/* a rule and how many reports it refused */
typedef struct RuleCount
{
	char	   *rule;
	int			reports;
} RuleCount;

/* Add n reports to a rule's count. */
static void
count_rule(RuleCount **rules, int *nrules, const char *rule, int n)
{
	int			i;

	for (i = 0; i < *nrules; i++)
		if (strcmp((*rules)[i].rule, rule) == 0)
		{
			(*rules)[i].reports += n;
			return;
		}
	*rules = pg_realloc(*rules, sizeof(RuleCount) * (*nrules + 1));
	(*rules)[*nrules].rule = pg_strdup(rule);
	(*rules)[*nrules].reports = n;
	(*nrules)++;
}

/*
 * The rules named in a reason such as "report 'x' fails rule(s) t3.a, t3.b"
 * (what the store says; --strict gets it as the error message).
 */
static void
rules_from_reason(RuleCount **rules, int *nrules, const char *reason)
{
	const char *p = reason ? strstr(reason, "rule(s) ") : NULL;

	if (p == NULL)
		return;
	p += strlen("rule(s) ");
	while (*p)
	{
		size_t		n = strcspn(p, ", ;:\n");
		char	   *rule;

		if (n == 0)
			break;
		rule = pnstrdup(p, n);
		count_rule(rules, nrules, rule, 1);
		pg_free(rule);
		p += n;
		if (strncmp(p, ", ", 2) != 0)
			break;
		p += 2;
	}
}

/* qsort: most reports first, then by name */
static int
cmp_rules(const void *a, const void *b)
{
	const RuleCount *x = a,
			   *y = b;

	if (x->reports != y->reports)
		return y->reports - x->reports;
	return strcmp(x->rule, y->rule);
}

/*
 * The failing error rules of the quarantined reports, from their findings
 * in gip_rejected; false when they cannot be read (then the reasons are
 * used).
 */
static bool
rules_from_findings(PGconn *conn, const FileList *list, RuleCount **rules, int *nrules)
{
	PQExpBufferData ids;
	PGresult   *res;
	const char *params[1];
	int			i,
				n = 0;

	initPQExpBuffer(&ids);
	appendPQExpBufferChar(&ids, '{');
	for (i = 0; i < list->n; i++)
		if (list->files[i].outcome == OUT_QUARANTINED && list->files[i].rejected_id)
			appendPQExpBuffer(&ids, "%s%lld", n++ ? "," : "", list->files[i].rejected_id);
	appendPQExpBufferChar(&ids, '}');
	if (n == 0)
	{
		termPQExpBuffer(&ids);
		return true;
	}
	if (conn == NULL || PQstatus(conn) != CONNECTION_OK)
	{
		termPQExpBuffer(&ids);
		return false;
	}
	params[0] = ids.data;
	res = PQexecParams(conn,
					   "SELECT f->>'rule_id', count(DISTINCT r.id) FROM gip_rejected r,"
					   " jsonb_array_elements(CASE jsonb_typeof(r.findings) WHEN 'array'"
					   " THEN r.findings ELSE '[]' END) f"
					   " WHERE r.id = ANY ($1::bigint[]) AND f->>'severity' = 'error'"
					   " AND f->>'status' = 'fail' GROUP BY 1",
					   1, NULL, params, NULL, NULL, 0);
	termPQExpBuffer(&ids);
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
	{
		PQclear(res);
		return false;
	}
	for (i = 0; i < PQntuples(res); i++)
		count_rule(rules, nrules, PQgetvalue(res, i, 0), atoi(PQgetvalue(res, i, 1)));
	PQclear(res);
	return true;
}

/* The view to look at the quarantine through. */
static const char *
quarantine_relation(PGconn *conn)
{
	PGresult   *res;
	const char *rel = "gip_rejected";

	if (conn == NULL || PQstatus(conn) != CONNECTION_OK)
		return rel;
	res = PQexec(conn, "SELECT to_regclass('gip_quarantine') IS NOT NULL");
	if (PQresultStatus(res) == PGRES_TUPLES_OK && strcmp(PQgetvalue(res, 0, 0), "t") == 0)
		rel = "gip_quarantine";
	PQclear(res);
	return rel;
}

/* files listed under a heading of the summary, at most */
#define MAX_LISTED	20

/* List the files of one outcome with their reasons, under a heading. */
static void
list_files(const FileList *list, LoadOutcome outcome, bool failed_only, const char *heading)
{
	int			i,
				shown = 0;

	for (i = 0; i < list->n; i++)
	{
		const LoadFile *f = &list->files[i];

		if (f->outcome != outcome || (failed_only && !f->failed))
			continue;
		if (shown++ == 0)
			printf("%s\n", heading);
		if (shown <= MAX_LISTED)
			printf("  %s: %s\n", f->path, f->reason ? f->reason : "");
	}
	if (shown > MAX_LISTED)
		printf(_("  ... and %d more (--log writes them all)\n"), shown - MAX_LISTED);
}

/* The summary on standard output; returns the exit status. */
static int
print_summary(PGconn *conn, const FileList *list, double seconds)
{
	int			counts[OUT__COUNT] = {0};
	int			failed_skips = 0;
	RuleCount  *rules = NULL;
	int			nrules = 0;
	int			i;
	bool		findings_read;

	for (i = 0; i < list->n; i++)
	{
		counts[list->files[i].outcome]++;
		if (list->files[i].outcome == OUT_SKIPPED && list->files[i].failed)
			failed_skips++;
	}

	printf(_("%d files in %.1f s (%.1f files/s)\n"), list->n, seconds,
		   seconds > 0 ? list->n / seconds : 0.0);
	for (i = OUT_STORED; i < OUT__COUNT; i++)
		if (counts[i] > 0)
			printf("  %s%*s %6d\n", outcome_label((LoadOutcome) i),
				   Max(0, 24 - display_width(outcome_label((LoadOutcome) i))), "",
				   counts[i]);

	/* the rules that refused reports, and how often */
	findings_read = rules_from_findings(conn, list, &rules, &nrules);
	for (i = 0; i < list->n; i++)
	{
		const LoadFile *f = &list->files[i];

		if (f->outcome == OUT_REFUSED ||
			(f->outcome == OUT_QUARANTINED && (!findings_read || !f->rejected_id)))
			rules_from_reason(&rules, &nrules, f->reason);
	}
	if (nrules > 0)
	{
		qsort(rules, nrules, sizeof(RuleCount), cmp_rules);
		printf("%s\n", _("Rules that refused reports (reports):"));
		for (i = 0; i < nrules; i++)
			printf("  %s%*s %6d\n", rules[i].rule,
				   Max(0, 32 - display_width(rules[i].rule)), "", rules[i].reports);
	}

	list_files(list, OUT_NOT_A_REPORT, false, _("Files that are not reports:"));
	list_files(list, OUT_SKIPPED, true, _("Files that could not be read:"));
	list_files(list, OUT_REFUSED, false, _("Files refused:"));
	list_files(list, OUT_ERROR, false, _("Files that failed:"));
	if (counts[OUT_INTERRUPTED] > 0)
		printf(_("%d files were not loaded (interrupted): run the same command again to load them.\n"),
			   counts[OUT_INTERRUPTED]);
	if (counts[OUT_QUARANTINED] + counts[OUT_NOT_A_REPORT] > 0)
		printf(_("The details (reasons, findings): psql -c 'SELECT * FROM %s'\n"),
			   quarantine_relation(conn));

	if (counts[OUT_QUARANTINED] + counts[OUT_NOT_A_REPORT] + counts[OUT_REFUSED] +
		counts[OUT_ERROR] + counts[OUT_INTERRUPTED] + failed_skips > 0)
		return 1;
	return 0;
}

int
main(int argc, char **argv)
{
	static struct option long_options[] = {
		{"dbname", required_argument, NULL, 'd'},
		{"host", required_argument, NULL, 'h'},
		{"port", required_argument, NULL, 'p'},
		{"username", required_argument, NULL, 'U'},
		{"no-password", no_argument, NULL, 'w'},
		{"password", no_argument, NULL, 'W'},
		{"jobs", required_argument, NULL, 'j'},
		{"batch-size", required_argument, NULL, 'b'},
		{"log", required_argument, NULL, 'l'},
		{"strict", no_argument, NULL, 's'},
		{"quiet", no_argument, NULL, 'q'},
		{"version", no_argument, NULL, 'V'},
		{"help", no_argument, NULL, '?'},
		{NULL, 0, NULL, 0}
	};
	const char *progname;
	LoadOptions opts;
	FileList	list = {0};
	PGconn	   *conn;
	struct timespec t0,
				t1;
	int			c;
	int			status;

	pg_logging_init(argv[0]);
	pg_logging_set_pre_callback(progress_clear_line);
	set_pglocale_pgservice(argv[0], PG_TEXTDOMAIN("gip_load"));
	progname = get_progname(argv[0]);

	if (argc > 1)
	{
		if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-?") == 0)
		{
			usage(progname);
			exit(0);
		}
		if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)
		{
			puts("gip_load (gipreport) " GIP_LOAD_VERSION);
			exit(0);
		}
	}

	memset(&opts, 0, sizeof(opts));
	opts.jobs = 1;
	opts.batch_size = 50;
	opts.prompt_password = PROMPT_DEFAULT;
	while ((c = getopt_long(argc, argv, "d:h:p:U:wWj:b:l:sqV?", long_options, NULL)) != -1)
	{
		switch (c)
		{
			case 'd':
				opts.dbname = optarg;
				break;
			case 'h':
				opts.host = optarg;
				break;
			case 'p':
				opts.port = optarg;
				break;
			case 'U':
				opts.username = optarg;
				break;
			case 'w':
				opts.prompt_password = PROMPT_NEVER;
				break;
			case 'W':
				opts.prompt_password = PROMPT_ALWAYS;
				break;
			case 'j':
				opts.jobs = positive_option(optarg, "-j/--jobs", 64);
				break;
			case 'b':
				opts.batch_size = positive_option(optarg, "-b/--batch-size", 100000);
				break;
			case 'l':
				opts.log_path = optarg;
				break;
			case 's':
				opts.strict = true;
				break;
			case 'q':
				opts.quiet = true;
				break;
			case 'V':
				puts("gip_load (gipreport) " GIP_LOAD_VERSION);
				exit(0);
			default:
				/* getopt_long already emitted a complaint */
				pg_log_error_hint("Try \"%s --help\" for more information.", progname);
				exit(2);
		}
	}
	if (optind >= argc)
	{
		pg_log_error("no file or directory given");
		pg_log_error_hint("Try \"%s --help\" for more information.", progname);
		exit(2);
	}

	/* the log must be writable before anything is loaded */
	if (opts.log_path)
	{
		FILE	   *probe = fopen(opts.log_path, "w");

		if (probe == NULL)
		{
			pg_log_error("could not open log file \"%s\": %m", opts.log_path);
			exit(2);
		}
		fclose(probe);
	}

	if (!walk_paths(argv + optind, argc - optind, &list))
		exit(2);

	conn = load_connect(&opts, true);
	if (conn == NULL)
		exit(2);
	if (!load_check_functions(conn))
	{
		PQfinish(conn);
		exit(2);
	}

	clock_gettime(CLOCK_MONOTONIC, &t0);
	load_install_signal_handler();
	progress_start(list.n, opts.quiet);
	load_run(conn, &list, &opts);
	progress_finish();
	clock_gettime(CLOCK_MONOTONIC, &t1);

	status = print_summary(conn, &list,
						   (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	PQfinish(conn);
	if (opts.log_path && !csvlog_write(opts.log_path, &list))
		status = Max(status, 1);
	return status;
}
