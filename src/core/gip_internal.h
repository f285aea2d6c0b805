/*
 * gip_internal.h
 *		Structures shared by the files of the parser core, not part of its
 *		public API: the document as rows of cells, and the helpers that build
 *		and read it.
 */
#ifndef GIP_INTERNAL_H
#define GIP_INTERNAL_H

#include "gip_core.h"

#include <string.h>

/* A set of key-set numbers (see keyindex.c). */
typedef struct GipKeyMask
{
	uint64_t	w[2];
} GipKeyMask;

/* What a cell holds, judged from its folded text. */
typedef enum CellKind
{
	CK_TEXT = 0,				/* words: a label or narrative */
	CK_NUMBER,					/* a number, possibly with a unit */
	CK_BLANK,					/* nothing */
	CK_PLACEHOLDER				/* '/', '—', '无' ... */
} CellKind;

/* Units a number may carry. */
typedef enum CellUnit
{
	UNIT_NONE = 0,
	UNIT_YUAN,					/* 元 */
	UNIT_WAN_YUAN,				/* 万元 */
	UNIT_COUNT					/* 件, 条, 个, 项 ... */
} CellUnit;

typedef struct Cell
{
	const char *raw;			/* text as written (trimmed) */
	uint32_t	raw_len;
	const char *key;			/* folded text: NFKC, no spaces */
	uint32_t	key_len;
	int32_t		line;			/* 1-based source line */
	int32_t		col;			/* code point column of its start (layout) */
	int32_t		width;			/* width in code points */
	int32_t		dcol;			/* display column (CJK two wide) (layout) */
	int32_t		dwidth;			/* display width */
	uint16_t	src_table;		/* HTML: <table> number */
	uint16_t	src_row;		/* HTML: row in that table */
	uint8_t		kind;			/* CellKind */
	uint8_t		unit;			/* CellUnit */
	uint8_t		raw_kind;		/* kind of the raw text + 1, 0 unknown (rows.c) */
	GipDecimal	value;			/* when kind == CK_NUMBER */
} Cell;

typedef struct Row
{
	int32_t		first_line;
	int32_t		last_line;
	int			ncells;
	Cell	   *cells;
	bool		tabular;		/* part of a table (tab cells, several cells) */
	bool		ready;			/* cells folded and classified (gip_row_ready) */
	int			last_text;		/* index of the last text cell, -1 if none */
	int			nvalues;		/* cells after last_text */
	int			nfilled;		/* of those, numbers and placeholders */
	const char *key;			/* folded text of all its cells, lazily */
	uint32_t	key_len;
	bool		has_mask;
	GipKeyMask	mask;			/* key sets in key, lazily */
} Row;

/* Where the parts of a glued text are (read_glued.c). */
typedef struct GluedText
{
	const char *body;			/* the text after the crawler's header */
	size_t		len;
	int			line;			/* line of its first byte */
	size_t		part[7];		/* offset of part p's heading, len if none */
} GluedText;

/* The lines of a plain text (lines.c): where each ends, what its tabs say. */
#define GIP_LINE_TAB		1	/* the line has a tab */
#define GIP_LINE_TAB_FIRST	2	/* its first tab starts the line */
#define GIP_LINE_TABS		4	/* it has two tabs or more */

typedef struct GipLines
{
	const char *text;			/* the text indexed */
	size_t		len;
	bool		built;
	int			n;				/* lines */
	int			cap;
	uint32_t   *end;			/* offset of each line's end (its newline) */
	uint8_t    *tabs;			/* GIP_LINE_* flags of each line */
} GipLines;

typedef struct Doc
{
	GipArena   *arena;
	GipError   *err;
	GipForm		form;
	int			nrows;
	int			rows_cap;
	Row		   *rows;
	int			nlines;
	/* the row being built */
	Cell	   *cur_cells;
	int			cur_n;
	int			cur_cap;
	int			cur_first_line;
	int			cur_last_line;
	GipReport  *report;
	bool		procurement_wan;	/* table 二 gives 采购总金额 in 万元 */
	bool		traditional;	/* fold Traditional characters to Simplified */
	bool		display_cols;	/* layout columns line up by display width */

	/*
	 * What the reader knows of its rows.  Table finding, row alignment and
	 * column assignment (tables.c, tables_*.c) read these, never the form.
	 */
	bool		cell_positions;	/* a row's cells stand at column positions
								 * that tell which column an incomplete row's
								 * values belong to (layout) */
	bool		labels_wrap;	/* a label may wrap onto the lines above and
								 * below its values (layout) */
	bool		rows_unmarked;	/* table rows are not told from other lines:
								 * a row with cells may be a heading, a plain
								 * line a table row (layout) */
	bool		loose_tables;	/* short plain lines inside a table are part
								 * of it (header fragments, labels) */
	bool		labels_detached;	/* a row's label may stand apart from its
									 * values, on plain lines before or after
									 * them (Markdown) */
	bool		values_in_rows;	/* only table rows carry values: a number on
								 * a plain line is text */
	bool		rows_split;		/* one row's values may be spread over two
								 * rows (Markdown at page breaks) */
	/* string pool under construction */
	char	   *pool;
	uint32_t	pool_len;
	uint32_t	pool_cap;
	/* notes under construction */
	GipNote    *notes;
	int			nnotes;
	int			notes_cap;
	int			notes_dropped;	/* notes past GIP_MAX_NOTES */
	GluedText  *glued;			/* form GIP_FORM_GLUED: where its parts are */
	GipDate		page_date;		/* the page's own publication date, if any */
	GipLines	lines;			/* the text's lines, once indexed */
} Doc;

#define GIP_MAX_NOTES	100		/* notes kept for one report */

/* Word lists of the parser (folded form, '|'-separated) */
#define KEYS_T2_ANCHOR	"第二十条|信息内容|制发件数|废止件数|现行有效|新制作数量|新公开数量|上一年项目"
#define KEYS_T3_ANCHOR	"自然人|申请人情况|勾稽关系"
#define KEYS_REVIEW		"行政复议"
#define KEYS_TITLE		"年度报告|工作报告|年报"
#define KEYS_PART1		"总体情况|概述|基本情况"
#define KEYS_PART2		"主动公开政府信息|主动公开情况"
#define KEYS_PART3		"收到和处理|依申请公开|申请情况"
#define KEYS_PART4		"行政复议|行政诉讼"
#define KEYS_PART5		"存在的主要问题|存在的问题|主要问题|改进情况|改进措施"
#define KEYS_PART6		"其他需要报告|其他需报告|其他需要说明"

/* keyindex.c */
extern void gip_keys_init(void);
extern bool gip_keys_built(void);
extern int	gip_keyset(const char *keys);
extern const int *gip_table_keysets(const GipTableDef *table, int *header_id);
extern GipKeyMask gip_keys_scan(const char *text, size_t len);

/* Is key set id in mask? (inline: the row alignment asks it for every pair) */
static inline bool
gip_mask_has(GipKeyMask mask, int id)
{
	return id >= 0 && (mask.w[id >> 6] >> (id & 63)) & 1;
}

/* fold.c */
extern int	gip_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);

/*
 * Decode the UTF-8 code point at s; returns the bytes it takes (at least 1).
 * Inline for ASCII and well-formed three-byte sequences (all of CJK); the
 * rest goes through ICU's decoder.
 */
static inline int
gip_utf8_next(const unsigned char *s, size_t len, uint32_t *cp)
{
	if (s[0] < 0x80)
	{
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xF0) == 0xE0 && len >= 3 &&
		(s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 &&
		(s[0] != 0xE0 || s[1] >= 0xA0) && (s[0] != 0xED || s[1] < 0xA0))
	{
		*cp = ((uint32_t) (s[0] & 0x0F) << 12) | ((uint32_t) (s[1] & 0x3F) << 6) |
			(s[2] & 0x3F);
		return 3;
	}
	return gip_utf8_decode(s, len, cp);
}

/*
 * Does a well-formed three-byte sequence of U+4E00..U+9FFF (CJK unified
 * ideographs: no white space, no fold but Traditional to Simplified, two
 * columns wide) start at p?  The readers' fast paths pass over these
 * without decoding.  (U+4E00 is E4 B8 80.)
 */
static inline bool
gip_utf8_is_cjk(const unsigned char *p, const unsigned char *end)
{
	return end - p >= 3 &&
		((*p >= 0xE5 && *p <= 0xE9) || (*p == 0xE4 && p[1] >= 0xB8)) &&
		(p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80;
}

extern bool gip_is_space_icu(uint32_t cp);

/*
 * Copy n bytes where n is mostly small (a cell's key, a number): up to
 * eight bytes without a call to memcpy.
 */
static inline void
gip_copy_short(char *dst, const char *src, size_t n)
{
	switch (n)
	{
		case 8:
			dst[7] = src[7];
			/* FALLTHROUGH */
		case 7:
			dst[6] = src[6];
			/* FALLTHROUGH */
		case 6:
			dst[5] = src[5];
			/* FALLTHROUGH */
		case 5:
			dst[4] = src[4];
			/* FALLTHROUGH */
		case 4:
			dst[3] = src[3];
			/* FALLTHROUGH */
		case 3:
			dst[2] = src[2];
			/* FALLTHROUGH */
		case 2:
			dst[1] = src[1];
			/* FALLTHROUGH */
		case 1:
			dst[0] = src[0];
			/* FALLTHROUGH */
		case 0:
			break;
		default:
			memcpy(dst, src, n);
			break;
	}
}

/* Is cp white space of any kind (ASCII, U+3000, U+00A0, ...)? */
static inline bool
gip_is_space_cp(uint32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' ||
			cp == '\f' || cp == '\v';
	if (cp > 0x3000)
		return cp == 0xFEFF;	/* no white space above U+3000 but the BOM */

	/*
	 * Unicode's White_Space below it, as ICU's u_isUWhiteSpace() has it
	 * (test_fold checks every code point against ICU), and U+200B
	 */
	if (cp < 0x2000)
		return cp == 0x85 || cp == 0xA0 || cp == 0x1680;
	if (cp <= 0x200B)
		return true;
	return cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
		cp == 0x3000;
}
extern char *gip_fold(Doc *doc, const char *s, size_t len, uint32_t *out_len);
extern const char *gip_fold_view(Doc *doc, const char *s, size_t len,
								 uint32_t *out_len);
extern bool gip_text_is_traditional(const char *text, size_t len);
extern bool gip_ts_prepare(GipError *err);
extern void gip_classify(Cell *cell);
extern bool gip_key_has(const char *key, size_t key_len, const char *keys);
extern const char *gip_memmem(const char *hay, size_t hay_len,
							  const char *needle, size_t needle_len);

/* rows.c */
extern bool gip_rows_cell(Doc *doc, const char *s, size_t len, int line,
						  int col, int width);
extern bool gip_rows_end(Doc *doc, bool tabular);
extern bool gip_row_ready(Doc *doc, Row *row);
extern bool gip_row_split_tail(Doc *doc, Row *row);
extern bool gip_build_rows(Doc *doc, const char *text, size_t len);
extern bool gip_is_page_marker(const char *key, size_t len);
extern const char *gip_row_key(Doc *doc, Row *row, uint32_t *len);
extern GipKeyMask gip_row_mask(Doc *doc, Row *row);

/* read_markdown.c */
extern bool gip_looks_like_markdown(const char *text, size_t len);
extern bool gip_build_rows_markdown(Doc *doc, const char *text, size_t len);

/* html.c */
extern bool gip_looks_like_html(const char *text, size_t len);
extern bool gip_build_rows_html(Doc *doc, const char *text, size_t len);

/* read_docx.c */
extern bool gip_build_rows_docx(Doc *doc, const char *xml, size_t len);
extern GipReport *gip_parse_docx_xml(const char *xml, size_t len,
									 GipArena *arena, GipError *err);

/* zip.c */
#define GIP_DOCX_MAX_XML	(64 * 1024 * 1024)	/* word/document.xml cap */
#define GIP_DOCX_MAX_ARCHIVE (256 * 1024 * 1024)	/* a .docx (images and
													 * all: only document.xml
													 * is inflated) */
extern uint8_t *gip_zip_member(const uint8_t *data, size_t len,
							   const char *name, size_t max_size,
							   GipArena *arena, size_t *out_len,
							   GipError *err);

/* glued.c */
extern int	gip_split_glued(const Cell *cells, int k, int ncols,
							GipDecimal *values, int *owner);

/* glued_solve.c: digits that ran together, split by a table's arithmetic */
#define GLUED_MAX_ATOMS		64	/* longer runs are not split */
#define GLUED_MAX_CELLS		16	/* cells of one row (table 四: 15) */
#define GLUED_MAX_CANDS		4096	/* splits kept per row; more: open */
#define GLUED_MAX_STEPS		400000	/* search steps per row; more: open */
#define GLUED_EQ_MAX_ROWS	32		/* rows in one equation */
#define GLUED_MAX_BLANKS	1		/* empty cells that left no trace, per group */

typedef enum GluedStatus
{
	GLUED_OPEN = 0,				/* not searched, or too many splits */
	GLUED_NONE,					/* no split adds up */
	GLUED_SOME					/* cands[0..ncand) */
} GluedStatus;

/* One row of digits to split: atoms are '0'..'9' or 'P' (placeholder). */
typedef struct GluedRow
{
	char		atoms[GLUED_MAX_ATOMS];
	int			natoms;
	uint64_t	forced;			/* bit i: a cell starts at atom i */
	uint64_t	spaced;			/* bit i: a space stood before atom i */
	uint64_t	nobreak;		/* bit i: no cell starts at atom i (1,105) */
	bool		too_long;		/* more atoms than GLUED_MAX_ATOMS */
	int			ncells;
	int			group;			/* cells per group, the last its total; 0 none */
	GluedStatus status;
	int			ncand;
	int			cand_cap;
	uint8_t    *cands;			/* ncand x GLUED_MAX_CELLS cell starts */
	bool		by_count;		/* one atom per cell */
	bool		by_spaces;		/* cut at its spaces */
	bool		by_table;		/* narrowed by the table's equations */
	bool		blank_only;		/* adds up only with a cell left empty */
	bool		zero_sums;		/* zeros and one empty cell at most: adds 0
								 * to every column, however it is read */
	uint32_t	doubt;			/* bit c: the table does not balance there */
} GluedRow;

/* sum of coef[t] * row[t] == 0, cell by cell */
typedef struct GluedEquation
{
	int			nterms;
	int			row[GLUED_EQ_MAX_ROWS];
	int			coef[GLUED_EQ_MAX_ROWS];
} GluedEquation;

extern bool gip_glued_enumerate(GluedRow *row, GipArena *arena);
extern bool gip_glued_value(const GluedRow *row, const uint8_t *starts, int c,
							int64_t *v);
extern bool gip_glued_solve(GluedRow *rows, int nrows, const GluedEquation *eqs,
							int neqs, GipArena *arena);
#define GLUED_CELL_VALUE		0
#define GLUED_CELL_PLACEHOLDER	1
#define GLUED_CELL_EMPTY		2
extern bool gip_glued_cell_known(const GluedRow *row, int c, int64_t *v,
								 int *kind);
extern bool gip_glued_cell_span(const GluedRow *row, int c, int *from, int *to);
extern bool gip_glued_check(const GluedRow *rows, const GluedEquation *eq, int c);

/* read_glued.c: text of a web page whose tags a crawler stripped */
extern bool gip_looks_glued(Doc *doc, const char *text, size_t len);
extern const GipLines *gip_text_lines(Doc *doc, const char *text, size_t len);
extern bool gip_build_rows_glued(Doc *doc, const char *text, size_t len);
extern bool gip_glued_tables(Doc *doc);
extern bool gip_read_page_date(const char *s, size_t len, GipDate *date);
extern bool gip_find_page_date(const char *s, size_t len, GipDate *date);

/* tables.c */
extern bool gip_extract_tables(Doc *doc);
/* tables_columns.c: an amount in its column's unit (every reader) */
extern GipDecimal gip_to_column_unit(GipDecimal v, CellUnit unit,
									 bool header_wan, const GipColumnDef *col);

/* meta.c */
#define GIP_HEADING_MAX 100		/* longest heading, in folded bytes */
extern bool gip_extract_meta(Doc *doc);
extern int	gip_heading_part(const char *key, size_t len, GipKeyMask *mask,
							 bool *has_mask);

/* parse.c */
extern bool gip_doc_init(Doc *doc, GipArena *arena, GipError *err);
extern GipReport *gip_doc_finish(Doc *doc);
extern GipSpan gip_pool_add(Doc *doc, const char *s, size_t len);
extern void gip_note(Doc *doc, GipNoteKind kind, int table_no, int line,
					 const char *code, const char *fmt,...)
			__attribute__((format(printf, 6, 7)));

#endif							/* GIP_INTERNAL_H */
