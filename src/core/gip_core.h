/*
 * gip_core.h
 *		The fmgr-free core of gipreport: template tables, the report model,
 *		the parser entry point and the binary serialisation of a report.
 *
 * Nothing here includes PostgreSQL headers.  The core works on a byte
 * buffer, allocates from a GipArena that the caller provides, and returns
 * errors as values (GipError), so that the PostgreSQL glue, the fuzzer, the
 * benchmark driver and valgrind can all drive it directly.
 */
#ifndef GIP_CORE_H
#define GIP_CORE_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* ----------------------------------------------------------------
 * Allocation
 * ---------------------------------------------------------------- */

/*
 * An arena hands out memory from blocks obtained through alloc_fn and gives
 * them all back at once in gip_arena_reset().  The PostgreSQL glue passes
 * palloc-based functions, standalone tools pass malloc/free.  The optional
 * interrupt_fn is called now and then during long loops; when it returns
 * true (a query cancel is pending) the core stops and returns
 * GIP_ERR_CANCELED, having released everything it holds, and the caller
 * then services the interrupt.  It must not longjmp out of the core.
 */
typedef struct GipArenaBlock GipArenaBlock;

typedef struct GipArena
{
	void	   *(*alloc_fn) (size_t size, void *ctx);
	void		(*free_fn) (void *ptr, void *ctx);
	bool		(*interrupt_fn) (void *ctx);	/* true: stop now */
	void	   *ctx;
	size_t		block_size;		/* standard block size; 0 = 64 kB */
	GipArenaBlock *blocks;
	char	   *cur;			/* next free byte in the current block */
	size_t		left;			/* bytes left in the current block */
	bool		failed;			/* an allocation failed */
} GipArena;

extern void gip_arena_init(GipArena *arena);	/* malloc/free */
extern void *gip_alloc(GipArena *arena, size_t size);	/* zeroed */
extern void *gip_alloc_raw(GipArena *arena, size_t size);	/* not zeroed */
extern char *gip_strndup(GipArena *arena, const char *s, size_t len);
extern void gip_arena_reset(GipArena *arena);	/* keeps one block */
extern void gip_arena_free(GipArena *arena);	/* gives back all */

/* ----------------------------------------------------------------
 * Errors
 * ---------------------------------------------------------------- */

typedef enum GipErrorCode
{
	GIP_OK = 0,
	GIP_ERR_NOT_A_REPORT,		/* no table of the format was found */
	GIP_ERR_TOO_LARGE,			/* input over GIP_MAX_INPUT */
	GIP_ERR_BAD_ENCODING,		/* input is not valid UTF-8 */
	GIP_ERR_ICU,				/* an ICU call failed */
	GIP_ERR_NOMEM,				/* the arena could not allocate */
	GIP_ERR_CORRUPT,			/* a serialised report does not decode */
	GIP_ERR_CANCELED,			/* interrupt_fn asked to stop */
	GIP_ERR_BAD_DOCX,			/* bytes that start as a ZIP but are no
								 * readable DOCX: truncated, corrupt, no
								 * word/document.xml, malformed XML */
	GIP_ERR_UNSUPPORTED			/* a DOCX feature not read: encryption,
								 * an unknown compression method */
} GipErrorCode;

typedef struct GipError
{
	GipErrorCode code;
	int			line;			/* source line the error refers to, or 0 */
	int			icu_status;		/* UErrorCode when code == GIP_ERR_ICU */
	char		message[256];
	char		detail[512];
} GipError;

extern void gip_error_set(GipError *err, GipErrorCode code, int line,
						  const char *message, const char *detail);

/* Largest input the parser accepts, in bytes. */
#define GIP_MAX_INPUT	(16 * 1024 * 1024)

/* ----------------------------------------------------------------
 * Templates: the format as data
 * ---------------------------------------------------------------- */

/* What a column holds (GipColumnDef.flags), for the parser and the checks */
#define GIP_COL_SIGNED	0x01	/* may be negative: a change (本年增/减) */
#define GIP_COL_AMOUNT	0x02	/* a sum of money: may have a fraction */
#define GIP_COL_TOTAL	0x04	/* the sum of the row's other columns */

/* The unit of an amount column (GipColumnDef.unit) */
typedef enum GipUnit
{
	GIP_UNIT_NONE = 0,			/* a count */
	GIP_UNIT_YUAN,				/* 元: a figure in 万元 is converted */
	GIP_UNIT_WAN_YUAN			/* 万元: a figure in 元 is converted */
} GipUnit;

typedef struct GipColumnDef
{
	const char *code;			/* stable code, e.g. "natural_person" */
	const char *label;			/* Chinese label as printed in the format */
	int			flags;			/* GIP_COL_* */
	GipUnit		unit;			/* of an amount, else GIP_UNIT_NONE */
} GipColumnDef;

#define GIP_MAX_ROW_COLS	8

typedef struct GipRowDef
{
	const char *code;			/* stable code, e.g. "denied_state_secret" */
	const char *label;			/* label as printed in the format */
	const char *group;			/* outcome group (table 三), else NULL */
	const char *keys;			/* distinctive words, '|'-separated, in
								 * folded form (see gip_fold) */
	int			ncols;			/* number of measures this row carries */
	uint8_t		cols[GIP_MAX_ROW_COLS]; /* indexes into the table's columns */
	int			weight;			/* how specific the keys are: 1 weak, 3
								 * strong */
} GipRowDef;

typedef struct GipTableDef
{
	int			table_no;		/* 2, 3 or 4 */
	const char *variant;		/* "2021", "2019" */
	const char *title;			/* the part's heading as in the format */
	int			nrows;
	const GipRowDef *rows;
	int			ncols;
	const GipColumnDef *columns;
	const char *header_keys;	/* words of its header cells, '|'-separated */
	const char *own_keys;		/* words of rows only this table has, telling
								 * its template from the others' (table 二),
								 * or NULL */
} GipTableDef;

typedef struct GipTemplate
{
	const char *name;			/* "2019" or "2021" */
	const char *issued_by;		/* the circular that issued it */
	int			first_year;		/* first report year it is meant for */
	int			last_year;		/* last report year, 0 = open */
	const GipTableDef *t2;
	const GipTableDef *t3;
	const GipTableDef *t4;
} GipTemplate;

/* room in the registry, the built-in templates and those tests add */
#define GIP_MAX_TEMPLATES	4

/* the templates, newest first, NULL-terminated */
extern const GipTemplate *const *const gip_templates;
/* the table-three variants, "2021" (25 rows) and "2019" (23 rows), NULL-terminated */
extern const GipTableDef *const *const gip_t3_variants;
extern const GipTemplate *gip_template_by_name(const char *name);
extern const GipTableDef *gip_t3_by_variant(const char *variant);
extern const GipTemplate *gip_template_of_t3(const GipTableDef *t3);
/* for tests: add a template before the first parse */
extern bool gip_templates_register(const GipTemplate *t);
/* the row index of code in table, or -1 */
extern int	gip_row_index(const GipTableDef *table, const char *code);
extern int	gip_col_index(const GipTableDef *table, const char *code);
/* the first column of table with all of flags, or -1 */
extern int	gip_col_with_flags(const GipTableDef *table, int flags);
/* the first column of table in unit, or -1 */
extern int	gip_col_in_unit(const GipTableDef *table, GipUnit unit);

/* ----------------------------------------------------------------
 * The report model
 * ---------------------------------------------------------------- */

typedef enum GipCellState
{
	GIP_CELL_MISSING = 0,		/* the template cell is absent from the text */
	GIP_CELL_VALUE,				/* a number */
	GIP_CELL_BLANK,				/* an empty cell */
	GIP_CELL_PLACEHOLDER,		/* '/', '—', '-', '无' and the like */
	GIP_CELL_INVALID,			/* text that is not a number */
	GIP_CELL_AMBIGUOUS			/* a value whose column cannot be told
								 * (layout text with blanks that do not
								 * line up): kept as raw text, never used */
} GipCellState;

extern const char *gip_cell_state_name(GipCellState state);

/* A decimal number: mant / 10^scale. */
typedef struct GipDecimal
{
	int64_t		mant;
	int			scale;
} GipDecimal;

/* A string in the report's pool. */
typedef struct GipSpan
{
	uint32_t	off;
	uint32_t	len;
} GipSpan;

typedef struct GipCell
{
	uint8_t		table_no;		/* 2, 3, 4 */
	uint8_t		row;			/* row index in the table definition */
	uint8_t		col;			/* column index in the table definition */
	uint8_t		state;			/* GipCellState */
	int32_t		line;			/* 1-based source line, 0 when missing */
	int32_t		pos;			/* cell number within its source row, 1-based
								 * (for HTML: the grid column) */
	uint16_t	src_table;		/* HTML, DOCX: 1-based <table> (w:tbl)
								 * number, else 0 */
	uint16_t	src_row;		/* HTML, DOCX: 1-based row in that table,
								 * else 0 */
	GipDecimal	value;			/* valid when state == GIP_CELL_VALUE */
	GipSpan		raw;			/* the cell's text as written */
} GipCell;

/* Where a template row was found, with its label as printed. */
typedef struct GipRowSource
{
	uint8_t		table_no;
	uint8_t		row;
	uint16_t	first_cell;		/* index of the row's first cell in cells */
	int32_t		line;			/* 0 when the row is missing */
	GipSpan		label;			/* label as printed in the report */
} GipRowSource;

typedef enum GipNoteKind
{
	GIP_NOTE_INFO = 0,
	GIP_NOTE_WARNING
} GipNoteKind;

/* Something the parser noticed: a table not found, a doubtful cell... */
typedef struct GipNote
{
	uint8_t		kind;			/* GipNoteKind */
	uint8_t		table_no;		/* 0 when not about a table */
	int32_t		line;
	GipSpan		code;			/* short stable code, e.g. "table_missing" */
	GipSpan		text;			/* message */
} GipNote;

/* A calendar date; year 0 means none. */
typedef struct GipDate
{
	int			year;
	int			month;
	int			day;
	int			line;			/* where it was found */
} GipDate;

typedef enum GipForm
{
	GIP_FORM_CELLS = 0,			/* one cell per tab-led line (DOCX text) */
	GIP_FORM_TSV,				/* one row per line, tab-separated */
	GIP_FORM_LAYOUT,			/* pdftotext -layout: runs of spaces */
	GIP_FORM_HTML,				/* a web page: <table> grids */
	GIP_FORM_DOCX,				/* a .docx archive: word/document.xml */
	GIP_FORM_MARKDOWN,			/* Markdown: pipe tables, # headings */
	GIP_FORM_GLUED				/* a page's text, tags stripped, cells glued */
} GipForm;

#define GIP_FORM_LAST	GIP_FORM_GLUED	/* highest GipForm value */

extern const char *gip_form_name(GipForm form);

typedef struct GipReport
{
	const GipTemplate *tmpl;	/* template of table 二 (or inferred) */
	const GipTableDef *t3;		/* variant of table 三 actually used */
	GipForm		form;
	char	   *agency;			/* NULL when not found */
	int			agency_line;
	int			year;			/* 0 when not found */
	int			year_line;
	GipDate		period_start;
	GipDate		period_end;
	GipDate		published;		/* signature date */
	char	   *overview;		/* part 一 */
	char	   *problems;		/* part 五 */
	char	   *other_matters;	/* part 六 */
	int			overview_line;
	int			problems_line;
	int			other_matters_line;
	int32_t    *overview_lines;	/* source line of each line of overview */
	int			overview_nlines;
	bool		has_t2;			/* table found at all */
	bool		has_t3;
	bool		has_t4;
	int			ncells;
	GipCell    *cells;
	int			nrows;
	GipRowSource *rows;
	int			nnotes;
	GipNote    *notes;
	char	   *pool;			/* strings referred to by GipSpan */
	uint32_t	pool_len;

	/*
	 * agency, overview, problems and other_matters are cut from the input
	 * text at character boundaries, or made by the fold (ICU's output,
	 * whole characters): valid UTF-8 whenever the input was.  Set by the
	 * readers that read the input in place (DOCX text, TSV, layout).
	 */
	bool		strings_of_input;
} GipReport;

/* The cell of (table, row, col), or NULL. */
extern const GipCell *gip_report_cell(const GipReport *report, int table_no,
									  int row, int col);
extern const GipTableDef *gip_report_table(const GipReport *report,
										   int table_no);

/*
 * Allocate the cells and row sources of report->tmpl and report->t3, every
 * cell missing until filled.  Returns false when out of memory.
 */
extern bool gip_report_layout(GipReport *report, GipArena *arena);

/* ----------------------------------------------------------------
 * Parsing and serialisation
 * ---------------------------------------------------------------- */

/* Is [s, s + len) valid UTF-8 (no overlong form or surrogate)? */
extern bool gip_utf8_valid(const char *s, size_t len);

/*
 * Parse UTF-8 text into a report.  Returns NULL and fills err on failure.
 * Everything is allocated in arena.
 */
extern GipReport *gip_parse_text(const char *text, size_t len,
								 GipArena *arena, GipError *err);

/*
 * Decode bytes (BOM, declared charset, UTF-8, or ICU's detector; GB18030,
 * GBK, GB2312, Big5, UTF-16, UTF-8) and parse them.  *encoding_out names the
 * encoding used (a static string).
 */
extern GipReport *gip_parse_bytes(const uint8_t *data, size_t len,
								  GipArena *arena, const char **encoding_out,
								  GipError *err);
/*
 * Parse a Word document (.docx: a ZIP archive, read with libzip) from its
 * bytes: word/document.xml's tables and paragraphs.  gip_parse_bytes()
 * comes here for bytes that start with the ZIP signature.
 */
extern GipReport *gip_parse_docx(const uint8_t *data, size_t len,
								 GipArena *arena, GipError *err);
/* Do the bytes start with a ZIP signature (a .docx)? */
extern bool gip_looks_like_zip(const uint8_t *data, size_t len);
extern char *gip_decode_bytes(const uint8_t *data, size_t len, GipArena *arena,
							  size_t *out_len, const char **encoding_out,
							  GipError *err);

/*
 * Serialise the tables, row sources and notes of a report (not the scalar
 * fields, which the composite type carries) into a byte string.
 */
extern uint8_t *gip_serialize(const GipReport *report, GipArena *arena,
							  size_t *len_out);
extern size_t gip_serialized_size(const GipReport *report);
extern size_t gip_serialize_into(const GipReport *report, uint8_t *buf);

/*
 * Decode a serialised report.  Scalar fields are left empty; tmpl and t3
 * are restored.  Returns NULL and fills err when the bytes are corrupt.
 */
extern GipReport *gip_deserialize(const uint8_t *data, size_t len,
								  GipArena *arena, GipError *err);

/* Format a decimal as text into buf (at least 32 bytes). */
extern int	gip_decimal_format(GipDecimal value, char *buf);

#endif							/* GIP_CORE_H */
