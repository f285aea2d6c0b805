/*
 * tables_internal.h
 *		What the files that read tables 二, 三 and 四 from rows of cells share:
 *		the data rows of a table and their label contexts, regions of rows,
 *		column spans of layout text, and the functions of each job --
 *		finding the tables (tables_region.c), collecting their data rows
 *		(tables_datarows.c), aligning them to the template's rows
 *		(tables_align.c), putting their cells in the template's columns
 *		(tables_columns.c) and reading table 四 (tables_t4.c).  tables.c
 *		plans and drives them.  Not for the rest of the core: glued text has
 *		its own table reader (glued_tables.c).
 */
#ifndef GIP_TABLES_INTERNAL_H
#define GIP_TABLES_INTERNAL_H

#include "gip_internal.h"

/* A row that carries values, with what is known of its label. */
typedef struct DataRow
{
	Row		   *row;
	int			row_index;		/* in doc->rows */
	const char *ctx;			/* folded label context */
	uint32_t	ctx_len;
	const char *below;			/* folded text after it (layout) */
	uint32_t	below_len;
	GipSpan		label;			/* label as printed */
	GipKeyMask	own_mask;		/* key sets in the row's own text */
	GipKeyMask	ctx_mask;		/* key sets found in ctx */
	GipKeyMask	below_mask;		/* key sets found in below */
	int			first_value;	/* index of its first value cell */
	int			nvalues;
	int			assigned;		/* template row, or -1 */
} DataRow;

/* A region of rows [start, end). */
typedef struct Region
{
	int			start;
	int			end;
} Region;

/* The columns a layout cell covers, [lo, hi), times two. */
typedef struct Span
{
	int			lo;
	int			hi;
} Span;

/* Does the folded text of row i contain a word of key set id? */
static inline bool
row_has(Doc *doc, int i, int id)
{
	return gip_mask_has(gip_row_mask(doc, &doc->rows[i]), id);
}

/* The template cell of (table_no, row, col) in the report. */
static inline GipCell *
cell_at(GipReport *report, int table_no, int row, int col)
{
	return (GipCell *) gip_report_cell(report, table_no, row, col);
}

/* tables_region.c: where each table starts and ends */
extern int	gip_row_heading(Doc *doc, int i);
extern int	gip_find_anchor(Doc *doc, int from, int to, int id,
							bool tabular_only);
extern int	gip_find_t3_start(Doc *doc);

/* tables_datarows.c: the rows of a table with values, and their labels */
extern bool gip_is_data_row(Doc *doc, Row *r, const GipTableDef *table);
extern int	gip_collect_data_rows(Doc *doc, Region reg,
								  const GipTableDef *table, DataRow **out,
								  GipKeyMask *loose_mask);

/* tables_align.c: which data row is which template row */

/*
 * How well does data row d match a template row (key set id, weight)?  Its
 * own words count most, then the label wrapped above it, then the text
 * below it.  (Inline: asked for every pair of data row and template row.)
 */
static inline int
gip_match_score(const DataRow *d, int id, int weight)
{
	if (gip_mask_has(d->own_mask, id))
		return weight * 3;
	if (gip_mask_has(d->ctx_mask, id))
		return weight * 2;
	if (gip_mask_has(d->below_mask, id))
		return weight;
	return 0;
}

extern int	gip_align_rows(Doc *doc, DataRow *rows, int n,
						   const GipTableDef *table, int *assigned,
						   const GipKeyMask *loose, int *untied);
extern void gip_note_unmatched(Doc *doc, int table_no, DataRow *rows, int n);
extern bool gip_join_split_rows(Doc *doc, DataRow *rows, int *n,
								const GipTableDef *table);
extern void gip_mark_untied(Doc *doc, const GipTableDef *table,
							const int *untied);
extern void gip_tie_t2_rows(const GipTableDef *table, DataRow *rows, int n,
							const GipKeyMask *loose, int *untied);

/* tables_columns.c: which cell is which column, in which unit */
extern void gip_set_cell(Doc *doc, GipCell *out, const GipTableDef *table,
						 const Cell *src, int pos);
extern void gip_set_blank(GipCell *out, int line);
extern bool gip_align_by_position(const Doc *doc, const Cell *values, int k,
								  const Span *columns, int ncols, int *result);
extern void gip_choose_columns(Doc *doc, DataRow *rows, int n);
extern void gip_fill_table(Doc *doc, const GipTableDef *table, DataRow *rows,
						   int n, int region_start);

/* tables_t4.c: table 四 */
extern void gip_read_t4(Doc *doc, Region reg, const GipTableDef *t4);

#endif							/* GIP_TABLES_INTERNAL_H */
