/*-------------------------------------------------------------------------
 *
 * load.c
 *		gip_load's conversation with the server: connecting (libpq options
 *		and environment, a password prompt as psql does), and loading the
 *		files over --jobs connections, one thread with its own PGconn each.
 *
 *		The threads take batches of --batch-size consecutive files in turn
 *		from a shared counter (the files are partitioned, each file's result
 *		is written into its own slot, so merging is nothing).  A batch:
 *		read (or convert) each file and hash what is sent (a file with the
 *		content of another file of the run is not sent again); ask
 *		gip_known_hashes() which hashes an earlier run already sent and leave
 *		those out; then one transaction, each document in a SAVEPOINT (so a
 *		document the server refuses under --strict, or any other error,
 *		leaves the rest of the batch alone) through the prepared
 *		"SELECT ... FROM gip_store($1, $2)" with the bytes as a binary bytea.
 *		Outcomes are shown once the batch is committed.
 *
 *		Ctrl-C: the first one lets every thread finish and commit its batch
 *		and take no other; a second one cancels the running statements
 *		(PQcancel, safe in a signal handler) and rolls the batches back.
 *
 *-------------------------------------------------------------------------
 */
#include "gip_load.h"

#include <pthread.h>
#include <unistd.h>

#include "common/string.h"
#include "pqexpbuffer.h"

#define MAX_JOBS	64

#define STORE_SQL \
	"SELECT outcome, report_id, rejected_id, agency, year, reason " \
	"FROM gip_store($1, $2)"
#define KNOWN_SQL \
	"SELECT encode(h, 'hex') FROM gip_known_hashes(" \
	"ARRAY(SELECT decode(x, 'hex') FROM unnest($1::text[]) AS x)) AS h"

volatile sig_atomic_t gip_stop_requested = 0;
volatile sig_atomic_t gip_abort_requested = 0;

/* one loading thread */
typedef struct Worker
{
	int			id;
	PGconn	   *conn;			/* worker 0 uses the caller's connection */
	LoadOptions *opts;
	FileList   *list;
	const char *current_path;	/* for the server's warnings */
	pthread_t	thread;
} Worker;

/* the next file not yet taken by a thread */
static pthread_mutex_t claim_lock = PTHREAD_MUTEX_INITIALIZER;
static int	next_file;

/*
 * The hashes of the documents this run has sent or is sending (open
 * addressing, sized for every file), so that a file whose content another
 * file of the run has (a PDF beside its text) is not sent twice.
 */
typedef struct SeenHash
{
	char		hex[65];
	const char *path;
} SeenHash;
static pthread_mutex_t seen_lock = PTHREAD_MUTEX_INITIALIZER;
static SeenHash *seen;
static size_t seen_size;

/* the threads' cancel handles, for the second Ctrl-C */
static PGcancel *volatile cancels[MAX_JOBS];

/* what the handler writes (translated before it is installed) */
static char stop_message[256];
static char abort_message[256];

/* The outcome named by gip_store's outcome column. */
static LoadOutcome
outcome_from_code(const char *code)
{
	int			i;

	for (i = OUT_STORED; i < OUT__COUNT; i++)
		if (strcmp(code, outcome_code((LoadOutcome) i)) == 0)
			return (LoadOutcome) i;
	return OUT_ERROR;
}

/* A libpq message without its trailing newline (allocated). */
static char *
clean_message(const char *msg)
{
	size_t		n = strlen(msg ? msg : "");

	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--;
	return pnstrdup(msg ? msg : "", n);
}

/*
 * The path as valid UTF-8 for source_name (client_encoding is UTF8): a
 * byte that is not part of a valid sequence becomes \xNN.
 */
static char *
utf8_path(const char *path)
{
	const unsigned char *p = (const unsigned char *) path;
	size_t		cap = strlen(path) * 4 + 1;
	char	   *out = pg_malloc(cap);
	size_t		o = 0;

	while (*p)
	{
		int			len = 0,
					k;

		if (*p < 0x80)
			len = 1;
		else if (*p >= 0xC2 && *p <= 0xDF)
			len = 2;
		else if (*p >= 0xE0 && *p <= 0xEF)
			len = 3;
		else if (*p >= 0xF0 && *p <= 0xF4)
			len = 4;
		for (k = 1; k < len; k++)
			if ((p[k] & 0xC0) != 0x80)
				len = 0;
		if (len == 0)
		{
			snprintf(out + o, cap - o, "\\x%02X", *p);
			o += 4;
			p++;
			continue;
		}
		memcpy(out + o, p, len);
		o += len;
		p += len;
	}
	out[o] = '\0';
	return out;
}

/* The server's warnings go above the progress line; notices are dropped. */
static void
notice_receiver(void *arg, const PGresult *res)
{
	Worker	   *w = (Worker *) arg;
	const char *severity = PQresultErrorField(res, PG_DIAG_SEVERITY_NONLOCALIZED);

	if (severity && (strcmp(severity, "NOTICE") == 0 || strcmp(severity, "INFO") == 0 ||
					 strcmp(severity, "DEBUG") == 0 || strcmp(severity, "LOG") == 0))
		return;
	{
		char	   *msg = clean_message(PQresultErrorMessage(res));

		progress_message("%s: %s", w->current_path ? w->current_path : "gip_load", msg);
		pg_free(msg);
	}
}

/*
 * Connect with the options and environment as every PostgreSQL client:
 * -d may be a connection string; a password is asked for when the server
 * wants one (or always with -W; never with -w) and kept for the other
 * jobs.  NULL, with the error reported, when the connection fails.
 */
PGconn *
load_connect(LoadOptions *opts, bool first)
{
	for (;;)
	{
		const char *keywords[8];
		const char *values[8];
		PGconn	   *conn;

		if (first && opts->prompt_password == PROMPT_ALWAYS && opts->password == NULL)
			opts->password = simple_prompt(_("Password: "), false);

		keywords[0] = "host";
		values[0] = opts->host;
		keywords[1] = "port";
		values[1] = opts->port;
		keywords[2] = "user";
		values[2] = opts->username;
		keywords[3] = "password";
		values[3] = opts->password;
		keywords[4] = "dbname";
		values[4] = opts->dbname;
		keywords[5] = "fallback_application_name";
		values[5] = "gip_load";
		keywords[6] = "client_encoding";
		values[6] = "UTF8";
		keywords[7] = NULL;
		values[7] = NULL;

		conn = PQconnectdbParams(keywords, values, true);
		if (conn == NULL)
		{
			pg_log_error("could not connect: out of memory");
			return NULL;
		}
		if (PQstatus(conn) == CONNECTION_OK)
			return conn;
		if (first && PQconnectionNeedsPassword(conn) && opts->password == NULL &&
			opts->prompt_password != PROMPT_NEVER)
		{
			PQfinish(conn);
			opts->password = simple_prompt(_("Password: "), false);
			continue;
		}
		{
			char	   *msg = clean_message(PQerrorMessage(conn));

			pg_log_error("%s", msg);
			pg_free(msg);
		}
		PQfinish(conn);
		return NULL;
	}
}

/*
 * Does the database have gip_store() and gip_known_hashes()?  When not,
 * say so (the extension is missing, or older than 0.4.0).
 */
bool
load_check_functions(PGconn *conn)
{
	PGresult   *res;
	bool		ok;

	res = PQexec(conn,
				 "SELECT to_regprocedure('gip_store(bytea,text)') IS NOT NULL"
				 " AND to_regprocedure('gip_known_hashes(bytea[])') IS NOT NULL");
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
	{
		char	   *msg = clean_message(PQerrorMessage(conn));

		pg_log_error("%s", msg);
		pg_free(msg);
		PQclear(res);
		return false;
	}
	ok = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
	PQclear(res);
	if (!ok)
	{
		pg_log_error("the functions gip_store(bytea, text) and gip_known_hashes(bytea[]) are not in database \"%s\"",
					 PQdb(conn));
		pg_log_error_hint("Install the extension there: CREATE EXTENSION gipreport (version 0.4.0 or later), or ALTER EXTENSION gipreport UPDATE.");
	}
	return ok;
}

/* Run a command that returns no rows; false, with *error, when it fails. */
static bool
run_command(PGconn *conn, const char *sql, char **error)
{
	PGresult   *res = PQexec(conn, sql);
	bool		ok = PQresultStatus(res) == PGRES_COMMAND_OK;

	if (!ok && error)
		*error = clean_message(PQresultErrorMessage(res));
	PQclear(res);
	return ok;
}

/* Settings and prepared statements of one connection. */
static bool
worker_setup(Worker *w, char **error)
{
	PGresult   *res;
	Oid			store_types[2] = {17, 25};	/* bytea, text */
	Oid			known_types[1] = {1009};	/* text[] */

	PQsetNoticeReceiver(w->conn, notice_receiver, w);
	if (w->opts->strict)
	{
		/* the store refuses an invalid report: the error reaches us */
		if (!run_command(w->conn, "SET gipreport.on_invalid = error", NULL) &&
			!run_command(w->conn, "SET gipreport.on_invalid = refuse", error))
			return false;
	}
	else if (!run_command(w->conn, "SET gipreport.on_invalid = quarantine", error))
		return false;

	res = PQprepare(w->conn, "gip_load_store", STORE_SQL, 2, store_types);
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
	{
		*error = clean_message(PQresultErrorMessage(res));
		PQclear(res);
		return false;
	}
	PQclear(res);
	res = PQprepare(w->conn, "gip_load_known", KNOWN_SQL, 1, known_types);
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
	{
		*error = clean_message(PQresultErrorMessage(res));
		PQclear(res);
		return false;
	}
	PQclear(res);
	return true;
}

/*
 * Record a hash for path; when another file of this run had it first,
 * return that file's path.
 */
static const char *
seen_before(const char *hex, const char *path)
{
	size_t		i = 0;
	const char *first = NULL;
	int			k;

	for (k = 0; k < 15; k++)
		i = i * 16 + (size_t) (hex[k] <= '9' ? hex[k] - '0' : hex[k] - 'a' + 10);
	pthread_mutex_lock(&seen_lock);
	for (i %= seen_size; seen[i].path != NULL; i = (i + 1) % seen_size)
	{
		if (strcmp(seen[i].hex, hex) == 0)
		{
			first = seen[i].path;
			break;
		}
	}
	if (first == NULL)
	{
		memcpy(seen[i].hex, hex, 65);
		seen[i].path = path;
	}
	pthread_mutex_unlock(&seen_lock);
	return first;
}

/* Take the next batch of files: [*start, *end); false when none is left. */
static bool
claim_batch(int batch_size, int total, int *start, int *end)
{
	bool		got = false;

	pthread_mutex_lock(&claim_lock);
	if (!gip_stop_requested && next_file < total)
	{
		*start = next_file;
		*end = Min(total, next_file + batch_size);
		next_file = *end;
		got = true;
	}
	pthread_mutex_unlock(&claim_lock);
	return got;
}

/* Record an outcome with its reason (taking ownership of reason). */
static void
set_outcome(LoadFile *f, LoadOutcome outcome, char *reason)
{
	f->outcome = outcome;
	if (f->reason)
		pg_free(f->reason);
	f->reason = reason;
}

/*
 * Ask which of the batch's hashes an earlier run sent; mark those files
 * known.  False, with *error, when the query fails.
 */
static bool
mark_known(Worker *w, int start, int end, ByteBuf *docs, char (*hashes)[65],
		   char **error)
{
	PQExpBufferData arr;
	PGresult   *res;
	const char *params[1];
	int			i,
				r,
				asked = 0;

	initPQExpBuffer(&arr);
	appendPQExpBufferChar(&arr, '{');
	for (i = start; i < end; i++)
	{
		if (docs[i - start].data == NULL)
			continue;
		if (asked++ > 0)
			appendPQExpBufferChar(&arr, ',');
		appendPQExpBufferStr(&arr, hashes[i - start]);
	}
	appendPQExpBufferChar(&arr, '}');
	if (asked == 0)
	{
		termPQExpBuffer(&arr);
		return true;
	}
	params[0] = arr.data;
	res = PQexecPrepared(w->conn, "gip_load_known", 1, params, NULL, NULL, 0);
	termPQExpBuffer(&arr);
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
	{
		*error = clean_message(PQresultErrorMessage(res));
		PQclear(res);
		return false;
	}
	for (r = 0; r < PQntuples(res); r++)
	{
		const char *h = PQgetvalue(res, r, 0);

		for (i = start; i < end; i++)
		{
			if (docs[i - start].data != NULL && strcmp(hashes[i - start], h) == 0)
			{
				set_outcome(&w->list->files[i], OUT_KNOWN,
							pg_strdup(_("sent by an earlier run (its content is in the store or the quarantine)")));
				bytebuf_free(&docs[i - start]);
			}
		}
	}
	PQclear(res);
	return true;
}

/* Copy gip_store's row into the file's result. */
static void
take_store_row(LoadFile *f, PGresult *res)
{
	if (PQntuples(res) < 1 || PQnfields(res) < 6)
	{
		set_outcome(f, OUT_ERROR, pg_strdup(_("gip_store returned no row")));
		return;
	}
	f->outcome = outcome_from_code(PQgetvalue(res, 0, 0));
	f->report_id = PQgetisnull(res, 0, 1) ? 0 : atoll(PQgetvalue(res, 0, 1));
	f->rejected_id = PQgetisnull(res, 0, 2) ? 0 : atoll(PQgetvalue(res, 0, 2));
	f->agency = PQgetisnull(res, 0, 3) ? NULL : pg_strdup(PQgetvalue(res, 0, 3));
	f->year = PQgetisnull(res, 0, 4) ? 0 : atoi(PQgetvalue(res, 0, 4));
	f->reason = PQgetisnull(res, 0, 5) || PQgetvalue(res, 0, 5)[0] == '\0' ? NULL :
		pg_strdup(PQgetvalue(res, 0, 5));
	if (f->outcome == OUT_ERROR && f->reason == NULL)
		f->reason = psprintf(_("unexpected outcome \"%s\""), PQgetvalue(res, 0, 0));
}

/* Forget what the server said about a file (its batch was rolled back). */
static void
reset_result(LoadFile *f)
{
	pg_free(f->agency);
	f->agency = NULL;
	f->year = 0;
	f->report_id = f->rejected_id = 0;
}

/*
 * Send the batch's documents in one transaction, each in a savepoint.
 * False when the connection is unusable (the worker stops).
 */
static bool
store_batch(Worker *w, int start, int end, ByteBuf *docs)
{
	int			i;
	bool		alive = true;
	bool		aborted = false;
	char	   *error = NULL;

	if (!run_command(w->conn, "BEGIN", &error))
	{
		for (i = start; i < end; i++)
			if (docs[i - start].data != NULL)
				set_outcome(&w->list->files[i], OUT_ERROR, pg_strdup(error));
		pg_free(error);
		return PQstatus(w->conn) == CONNECTION_OK;
	}
	for (i = start; i < end && alive; i++)
	{
		LoadFile   *f = &w->list->files[i];
		const char *values[2];
		int			lengths[2];
		int			formats[2] = {1, 0};
		char	   *name;
		PGresult   *res;

		if (docs[i - start].data == NULL)
			continue;
		if (gip_abort_requested)
		{
			aborted = true;
			break;
		}
		if (!run_command(w->conn, "SAVEPOINT gip_load_doc", &error))
		{
			set_outcome(f, OUT_ERROR, error);
			error = NULL;
			alive = false;
			break;
		}
		name = utf8_path(f->path);
		values[0] = docs[i - start].data;
		lengths[0] = (int) docs[i - start].len;
		values[1] = name;
		lengths[1] = 0;
		w->current_path = f->path;
		res = PQexecPrepared(w->conn, "gip_load_store", 2, values, lengths, formats, 0);
		w->current_path = NULL;
		pg_free(name);
		if (PQresultStatus(res) == PGRES_TUPLES_OK)
		{
			take_store_row(f, res);
			PQclear(res);
			if (!run_command(w->conn, "RELEASE SAVEPOINT gip_load_doc", &error))
			{
				set_outcome(f, OUT_ERROR, error);
				error = NULL;
				alive = false;
			}
			continue;
		}
		/* refused or failed: this document only */
		if (gip_abort_requested)
		{
			PQclear(res);
			aborted = true;
			break;
		}
		set_outcome(f, w->opts->strict ? OUT_REFUSED : OUT_ERROR,
					clean_message(PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) ?
								  PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) :
								  PQerrorMessage(w->conn)));
		PQclear(res);
		if (PQstatus(w->conn) != CONNECTION_OK ||
			!run_command(w->conn, "ROLLBACK TO SAVEPOINT gip_load_doc", NULL))
			alive = false;
	}

	if (aborted || !alive)
	{
		/* nothing of this batch is kept */
		run_command(w->conn, "ROLLBACK", NULL);
		for (i = start; i < end; i++)
		{
			LoadFile   *f = &w->list->files[i];

			if (docs[i - start].data == NULL)
				continue;
			reset_result(f);
			if (aborted)
				set_outcome(f, OUT_INTERRUPTED, pg_strdup(_("not loaded: interrupted")));
			else if (f->outcome != OUT_ERROR)
				set_outcome(f, OUT_ERROR,
							pg_strdup(PQstatus(w->conn) == CONNECTION_OK ?
									  _("not loaded: its batch's transaction failed") :
									  _("not loaded: the connection to the server was lost")));
		}
		/* go on with the next batch while the connection is good */
		return !aborted && PQstatus(w->conn) == CONNECTION_OK;
	}
	if (!run_command(w->conn, "COMMIT", &error))
	{
		for (i = start; i < end; i++)
		{
			if (docs[i - start].data == NULL)
				continue;
			reset_result(&w->list->files[i]);
			set_outcome(&w->list->files[i], OUT_ERROR, pg_strdup(error));
		}
		pg_free(error);
		return PQstatus(w->conn) == CONNECTION_OK;
	}
	return true;
}

/* Load one batch: read, hash, leave out the known ones, store the rest. */
static bool
load_batch(Worker *w, int start, int end)
{
	int			n = end - start;
	ByteBuf    *docs = pg_malloc0(sizeof(ByteBuf) * n);
	char		(*hashes)[65] = pg_malloc0(sizeof(*hashes) * n);
	bool		alive = true;
	char	   *error = NULL;
	int			i;

	for (i = start; i < end; i++)
	{
		LoadFile   *f = &w->list->files[i];

		if (f->outcome != OUT_PENDING)
			continue;			/* an unreadable directory */
		if (f->kind == KIND_OTHER)
		{
			const char *dot = strrchr(f->path, '.');

			set_outcome(f, OUT_SKIPPED,
						dot && !strchr(dot, '/') ?
						psprintf(_("not a report file type (%s)"), dot) :
						pg_strdup(_("not a report file type")));
			continue;
		}
		if (!document_read(f, &docs[i - start], &error))
		{
			bytebuf_free(&docs[i - start]);
			set_outcome(f, OUT_SKIPPED, error);
			f->failed = true;
			error = NULL;
			if (f->kind == KIND_PDF)
				progress_message("%s: %s", f->path, f->reason);
			continue;
		}
		if (!document_sha256_hex(&docs[i - start], hashes[i - start]))
		{
			bytebuf_free(&docs[i - start]);
			set_outcome(f, OUT_SKIPPED, pg_strdup(_("could not compute its SHA-256")));
			f->failed = true;
		}
	}

	if (!mark_known(w, start, end, docs, hashes, &error))
	{
		for (i = start; i < end; i++)
			if (docs[i - start].data != NULL)
				set_outcome(&w->list->files[i], OUT_ERROR, pg_strdup(error));
		pg_free(error);
		alive = PQstatus(w->conn) == CONNECTION_OK;
	}
	else
	{
		/* what is left to send: not twice in one run */
		for (i = start; i < end; i++)
		{
			const char *first;

			if (docs[i - start].data == NULL)
				continue;
			first = seen_before(hashes[i - start], w->list->files[i].path);
			if (first != NULL)
			{
				bytebuf_free(&docs[i - start]);
				set_outcome(&w->list->files[i], OUT_DUPLICATE,
							psprintf(_("not sent: the same content as %s"), first));
			}
		}
		alive = store_batch(w, start, end, docs);
	}

	for (i = start; i < end; i++)
	{
		bytebuf_free(&docs[i - start]);
		progress_file_done(&w->list->files[i]);
	}
	pg_free(docs);
	pg_free(hashes);
	return alive;
}

/* A loading thread: connect (but worker 0), set up, take batches. */
static void *
worker_main(void *arg)
{
	Worker	   *w = (Worker *) arg;
	char	   *error = NULL;
	int			start,
				end;

	if (w->conn == NULL)
	{
		w->conn = load_connect(w->opts, false);
		if (w->conn == NULL)
		{
			progress_message(_("job %d could not connect; the other jobs go on"), w->id + 1);
			return NULL;
		}
	}
	if (!worker_setup(w, &error))
	{
		progress_message(_("job %d: %s"), w->id + 1, error);
		pg_free(error);
		return NULL;
	}
	cancels[w->id] = PQgetCancel(w->conn);

	while (!gip_abort_requested && claim_batch(w->opts->batch_size, w->list->n, &start, &end))
	{
		if (!load_batch(w, start, end))
			break;
	}

	{
		PGcancel   *c = cancels[w->id];

		cancels[w->id] = NULL;
		if (c)
			PQfreeCancel(c);
	}
	return NULL;
}

/*
 * Load every file of the list over opts->jobs connections, the first being
 * conn (kept open for the caller).  Files no thread took (Ctrl-C, lost
 * connections) end up interrupted.
 */
void
load_run(PGconn *conn, FileList *list, LoadOptions *opts)
{
	int			jobs = Max(1, Min(opts->jobs, MAX_JOBS));
	Worker	   *workers = pg_malloc0(sizeof(Worker) * jobs);
	int			i;

	next_file = 0;
	seen_size = (size_t) list->n * 2 + 1;
	seen = pg_malloc0(sizeof(SeenHash) * seen_size);
	for (i = 0; i < jobs; i++)
	{
		workers[i].id = i;
		workers[i].conn = i == 0 ? conn : NULL;
		workers[i].opts = opts;
		workers[i].list = list;
	}
	for (i = 0; i < jobs; i++)
	{
		if (pthread_create(&workers[i].thread, NULL, worker_main, &workers[i]) != 0)
		{
			progress_message(_("could not start job %d"), i + 1);
			workers[i].thread = 0;
		}
	}
	for (i = 0; i < jobs; i++)
	{
		if (workers[i].thread)
			pthread_join(workers[i].thread, NULL);
		if (i > 0 && workers[i].conn)
			PQfinish(workers[i].conn);
	}
	pg_free(workers);
	pg_free(seen);
	seen = NULL;

	for (i = 0; i < list->n; i++)
	{
		LoadFile   *f = &list->files[i];

		if (f->outcome == OUT_PENDING)
		{
			set_outcome(f, OUT_INTERRUPTED,
						pg_strdup(gip_stop_requested ? _("not loaded: interrupted") :
								  _("not loaded: no connection was left")));
			progress_file_done(f);
		}
	}
}

/* SIGINT: stop after the current batch; the second time, cancel. */
static void
handle_sigint(SIGNAL_ARGS)
{
	int			save_errno = errno;
	int			i;
	char		errbuf[256];

	if (!gip_stop_requested)
	{
		gip_stop_requested = 1;
		if (write(STDERR_FILENO, stop_message, strlen(stop_message)) < 0)
			(void) 0;
	}
	else
	{
		gip_abort_requested = 1;
		if (write(STDERR_FILENO, abort_message, strlen(abort_message)) < 0)
			(void) 0;
		for (i = 0; i < MAX_JOBS; i++)
		{
			PGcancel   *c = cancels[i];

			if (c)
				(void) PQcancel(c, errbuf, sizeof(errbuf));
		}
	}
	errno = save_errno;
}

/* Install the SIGINT handler, its messages translated beforehand. */
void
load_install_signal_handler(void)
{
	struct sigaction sa;
	const char *clear = isatty(STDERR_FILENO) ? "\r\033[K" : "";

	snprintf(stop_message, sizeof(stop_message), "%s%s\n", clear,
			 _("Stopping after the current batch (what is loaded is kept); press Ctrl-C again to abort it."));
	snprintf(abort_message, sizeof(abort_message), "%s%s\n", clear,
			 _("Aborting: the current batch is rolled back."));
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handle_sigint;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sigaction(SIGINT, &sa, NULL);
}
