/*-------------------------------------------------------------------------
 *
 * gip_load.h
 *		Shared declarations of gip_load, the client that loads a folder of
 *		report files into the gipreport store: the list of files with the
 *		outcome of each, and the interfaces of the companion files (walk.c
 *		finds the files, document.c reads and converts them, progress.c shows
 *		what happens, csvlog.c writes the log, load.c talks to the server).
 *
 *-------------------------------------------------------------------------
 */
#ifndef GIP_LOAD_H
#define GIP_LOAD_H

#include "postgres_fe.h"

#include <signal.h>

#include "common/logging.h"
#include "libpq-fe.h"

/* what became of one file; the codes (outcome_code) are the log's column */
typedef enum LoadOutcome
{
	OUT_PENDING = 0,			/* not handled yet */
	OUT_STORED,					/* stored in gip_reports */
	OUT_DUPLICATE,				/* the same content was in the store already */
	OUT_KNOWN,					/* sent by an earlier run (stored or quarantined) */
	OUT_QUARANTINED,			/* fails a rule: in gip_rejected */
	OUT_NOT_A_REPORT,			/* does not parse or decode: in gip_rejected */
	OUT_REFUSED,				/* refused by the server (--strict, on_duplicate) */
	OUT_SKIPPED,				/* not sent: not a report file, or unreadable */
	OUT_ERROR,					/* the server failed on it (connection lost...) */
	OUT_INTERRUPTED,			/* not loaded: stopped with Ctrl-C */
	OUT__COUNT
} LoadOutcome;

/* how a file is read */
typedef enum FileKind
{
	KIND_BYTES,					/* sent as its bytes (.html .txt .md .docx ...) */
	KIND_PDF,					/* converted with pdftotext, the text sent */
	KIND_OTHER					/* not loaded */
} FileKind;

/* one file found under the paths given, with its outcome */
typedef struct LoadFile
{
	char	   *path;
	FileKind	kind;
	LoadOutcome outcome;
	bool		failed;			/* skipped because of an error (exit status 1) */
	char	   *agency;			/* NULL when unknown */
	int			year;			/* 0 when unknown */
	long long	report_id;		/* 0 when none */
	long long	rejected_id;	/* 0 when none */
	char	   *reason;			/* NULL when none */
} LoadFile;

typedef struct FileList
{
	LoadFile   *files;
	int			n;
	int			cap;
} FileList;

/* a growable byte buffer */
typedef struct ByteBuf
{
	char	   *data;
	size_t		len;
	size_t		cap;
} ByteBuf;

/* -w / -W */
typedef enum PromptPassword
{
	PROMPT_DEFAULT,				/* prompt when the server asks for one */
	PROMPT_NEVER,				/* -w */
	PROMPT_ALWAYS				/* -W */
} PromptPassword;

/* how to connect and what to do, from the command line */
typedef struct LoadOptions
{
	const char *dbname;
	const char *host;
	const char *port;
	const char *username;
	char	   *password;		/* prompted for once, shared by every job */
	PromptPassword prompt_password;
	int			jobs;
	int			batch_size;
	bool		strict;
	bool		quiet;
	const char *log_path;
} LoadOptions;

/* set by the SIGINT handler (load.c): stop after the batch, or at once */
extern volatile sig_atomic_t gip_stop_requested;
extern volatile sig_atomic_t gip_abort_requested;

/* gip_load.c */
extern const char *outcome_code(LoadOutcome outcome);
extern const char *outcome_label(LoadOutcome outcome);

/* walk.c: the files under the paths, directories walked in sorted order */
extern bool walk_paths(char **paths, int npaths, FileList *list);
extern FileKind file_kind(const char *path);

/* document.c: the bytes to send for a file, and their SHA-256 */
extern bool pdftotext_available(void);
extern bool document_read(const LoadFile *file, ByteBuf *out, char **error);
extern bool document_sha256_hex(const ByteBuf *doc, char hex[65]);
extern void bytebuf_free(ByteBuf *buf);

/* progress.c: the progress bar on a terminal, else a line per file */
extern void progress_start(int total, bool quiet);
extern void progress_file_done(const LoadFile *file);
extern void progress_message(const char *fmt,...) pg_attribute_printf(1, 2);
extern void progress_finish(void);
extern void progress_clear_line(void);
extern int	display_width(const char *s);

/* csvlog.c: one row per file */
extern bool csvlog_write(const char *path, const FileList *list);

/* load.c: connections, batches, Ctrl-C */
extern PGconn *load_connect(LoadOptions *opts, bool first);
extern bool load_check_functions(PGconn *conn);
extern void load_run(PGconn *conn, FileList *list, LoadOptions *opts);
extern void load_install_signal_handler(void);

#endif							/* GIP_LOAD_H */
