/*
 * tables.c
 *		Finding tables 二, 三 and 四 by their content and reading their cells:
 *		the planner and driver.
 *
 * A table is found by its header cells (自然人, 结果维持, 本年制发件数 ...), not
 * by the heading above it, which is often wrong.  Inside a table, a "data
 * row" is a row that carries values; its label context is its own text
 * cells and, where the label was wrapped around the values (pdftotext), the
 * text rows just above it.  The data rows of table 三 are aligned to the
 * template's rows in order, by the distinctive words of each label (a small
 * dynamic programme over rows × template rows), so that typos, missing
 * numbering and merged group cells do not matter; data rows between two
 * matched rows fill the template rows between them by position.  Every
 * variant of table 三 in the registry is tried and the best one kept.
 *
 * The jobs have files of their own (tables_internal.h): finding where each
 * table starts and ends (tables_region.c), collecting the data rows
 * (tables_datarows.c), aligning them to the template's rows
 * (tables_align.c), putting their cells in the template's columns
 * (tables_columns.c) and reading table 四 (tables_t4.c).  This file plans
 * tables 二 and 三 (which template, which variant) and drives the rest.
 */
#include "tables_internal.h"

#include <string.h>

/*
 * Plan table 三: align its data rows to every variant of the registry and
 * keep the best.  The rows are collected with the first variant (all share
 * their header and columns; a row with numbers is a data row in any).  A
 * tie goes to the table 三 of tmpl_hint (the template of table 二) when it
 * is among the best, else to the earliest variant of the registry.
 */
static const GipTableDef *
plan_t3(Doc *doc, Region reg, const GipTemplate *tmpl_hint, DataRow **rows_out,
		int *n_out, int **untied_out)
{
	const GipTableDef *first = gip_t3_variants[0];
	int			nvariants = 0;
	int			chosen = -1;
	int			best_score = 0;
	DataRow    *rows;
	GipKeyMask	loose;
	int			n = gip_collect_data_rows(doc, reg, first, &rows, &loose);
	int		  **assigned;
	int		  **untied;

	if (n < 0)
		return NULL;
	if (doc->rows_split && !gip_join_split_rows(doc, rows, &n, first))
		return NULL;
	while (gip_t3_variants[nvariants] != NULL)
		nvariants++;
	assigned = gip_alloc(doc->arena, sizeof(int *) * nvariants);
	untied = gip_alloc(doc->arena, sizeof(int *) * nvariants);
	if (assigned == NULL || untied == NULL)
		goto nomem;
	for (int v = 0; v < nvariants; v++)
	{
		const GipTableDef *variant = gip_t3_variants[v];
		int			score;

		assigned[v] = gip_alloc_raw(doc->arena, sizeof(int) * (n + 1));
		untied[v] = gip_alloc(doc->arena, sizeof(int) * (variant->nrows + 1));
		if (assigned[v] == NULL || untied[v] == NULL)
			goto nomem;
		score = gip_align_rows(doc, rows, n, variant, assigned[v], &loose, untied[v]);
		if (chosen < 0 || score > best_score ||
			(score == best_score && tmpl_hint != NULL &&
			 variant == tmpl_hint->t3 &&
			 gip_t3_variants[chosen] != tmpl_hint->t3))
		{
			chosen = v;
			best_score = score;
		}
	}
	for (int i = 0; i < n; i++)
		rows[i].assigned = assigned[chosen][i];
	*rows_out = rows;
	*n_out = n;
	*untied_out = untied[chosen];
	return gip_t3_variants[chosen];

nomem:
	gip_error_set(doc->err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
	return NULL;
}

/*
 * Plan table 二: which template its headers belong to, and which data row
 * is which item (each matched on its own: the items are distinct words).
 * The template is the one of the registry with the most rows bearing words
 * of its table 二 header or rows only it has; a tie goes to the earliest
 * (the newest template).
 */
static const GipTemplate *
plan_t2(Doc *doc, Region reg, DataRow **rows_out, int *n_out, int **untied_out)
{
	GipKeyMask	loose;
	const GipTemplate *tmpl = NULL;
	int			best_hits = -1;
	DataRow    *rows;
	int			n;
	const int  *ids;
	int			yuan_col;

	for (int t = 0; gip_templates[t] != NULL; t++)
	{
		const GipTableDef *t2 = gip_templates[t]->t2;
		int			header_id;
		int			own_id = t2->own_keys ? gip_keyset(t2->own_keys) : -1;
		int			hits = 0;

		gip_table_keysets(t2, &header_id);
		for (int i = reg.start; i < reg.end; i++)
			if (row_has(doc, i, header_id) || row_has(doc, i, own_id))
				hits++;
		if (hits > best_hits)
		{
			tmpl = gip_templates[t];
			best_hits = hits;
		}
	}
	ids = gip_table_keysets(tmpl->t2, NULL);
	/* 采购总金额 headed in 万元 */
	yuan_col = gip_col_in_unit(tmpl->t2, GIP_UNIT_YUAN);
	for (int i = reg.start; i < reg.end && yuan_col >= 0; i++)
	{
		const char *label = tmpl->t2->columns[yuan_col].label;
		uint32_t	len;
		const char *key = gip_row_key(doc, &doc->rows[i], &len);
		const char *at = gip_memmem(key, len, label, strlen(label));

		if (at != NULL && doc->rows[i].nfilled == 0 &&
			gip_memmem(at, len - (at - key), "万元", strlen("万元")) != NULL)
			doc->procurement_wan = true;
	}
	n = gip_collect_data_rows(doc, reg, tmpl->t2, &rows, &loose);
	if (n < 0)
		return NULL;
	for (int i = 0; i < n; i++)
	{
		int			best = -1;
		int			best_score = 0;

		for (int t = 0; t < tmpl->t2->nrows; t++)
		{
			int			score = gip_match_score(&rows[i], ids[t], tmpl->t2->rows[t].weight);
			bool		taken = false;

			for (int k = 0; k < i; k++)
				if (rows[k].assigned == t)
					taken = true;
			if (score > best_score && !taken)
			{
				best = t;
				best_score = score;
			}
		}
		rows[i].assigned = best;
	}
	if (doc->labels_detached)
	{
		*untied_out = gip_alloc(doc->arena, sizeof(int) * (tmpl->t2->nrows + 1));
		if (*untied_out == NULL)
		{
			gip_error_set(doc->err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
			return NULL;
		}
		gip_tie_t2_rows(tmpl->t2, rows, n, &loose, *untied_out);
	}
	*rows_out = rows;
	*n_out = n;
	return tmpl;
}

/*
 * Find the tables, decide the template, lay out the report's cells and fill
 * them.  Returns false on failure (doc->err set).
 */
bool
gip_extract_tables(Doc *doc)
{
	GipReport  *report = doc->report;
	int			t3_start = gip_find_t3_start(doc);
	int			t2_start = -1;
	int			t4_start = -1;
	int			t3_end = doc->nrows;
	int			t4_end = doc->nrows;
	Region		reg2 = {0, 0};
	Region		reg3 = {0, 0};
	DataRow    *rows2 = NULL;
	DataRow    *rows3 = NULL;
	int		   *untied2 = NULL;
	int		   *untied3 = NULL;
	int			n2 = 0;
	int			n3 = 0;
	const GipTemplate *tmpl = NULL;
	const GipTableDef *t3 = NULL;
	int			search_to = t3_start >= 0 ? t3_start : doc->nrows;

	/* table 二: before table 三 */
	t2_start = gip_find_anchor(doc, 0, search_to, gip_keyset(KEYS_T2_ANCHOR), true);
	if (t2_start >= 0)
	{
		int			end = search_to;

		/* without table 三, table 二 ends at the next heading */
		for (int i = t2_start + 1; i < end; i++)
		{
			int			part = gip_row_heading(doc, i);

			if (part >= 3)
			{
				end = i;
				break;
			}
		}
		reg2.start = t2_start;
		reg2.end = end;
		tmpl = plan_t2(doc, reg2, &rows2, &n2, &untied2);
		if (tmpl == NULL)
			return false;
		report->has_t2 = n2 > 0;
	}

	/* table 四: after table 三 (or after table 二) */
	{
		int			from = t3_start >= 0 ? t3_start + 1 : (t2_start >= 0 ? reg2.end : 0);

		/* the earliest header of any template's table 四 */
		for (int t = 0; gip_templates[t] != NULL; t++)
		{
			const GipTableDef *def = gip_templates[t]->t4;
			bool		seen = false;
			int			header_id;
			int			at;

			for (int k = 0; k < t; k++)
				if (gip_templates[k]->t4 == def)
					seen = true;
			if (seen)
				continue;
			gip_table_keysets(def, &header_id);
			at = gip_find_anchor(doc, from, t4_start >= 0 ? t4_start : doc->nrows,
								 header_id, true);
			if (at >= 0)
				t4_start = at;
		}
		if (t4_start < 0)
			t4_start = gip_find_anchor(doc, from, doc->nrows, gip_keyset(KEYS_REVIEW), true);
	}

	/* table 三 ends at table 四, or at part 五/六 */
	if (t3_start >= 0)
	{
		t3_end = t4_start >= 0 ? t4_start : doc->nrows;
		for (int i = t3_start + 1; i < t3_end; i++)
		{
			int			part = gip_row_heading(doc, i);

			if (part == 5 || part == 6)
			{
				t3_end = i;
				break;
			}
		}
		reg3.start = t3_start;
		reg3.end = t3_end;
		t3 = plan_t3(doc, reg3, tmpl, &rows3, &n3, &untied3);
		if (t3 == NULL)
			return false;
		report->has_t3 = n3 > 0;
	}

	/* without table 二, the template is the one table 三 belongs to */
	if (tmpl == NULL && t3 != NULL)
		tmpl = gip_template_of_t3(t3);
	if (tmpl == NULL)
		tmpl = gip_templates[0];
	if (t3 == NULL)
		t3 = tmpl->t3;
	report->tmpl = tmpl;
	report->t3 = t3;
	if (!gip_report_layout(report, doc->arena))
	{
		gip_error_set(doc->err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
		return false;
	}

	if (doc->cell_positions)
		gip_choose_columns(doc, rows3, n3);
	if (n2 > 0)
		gip_fill_table(doc, tmpl->t2, rows2, n2, reg2.start);
	if (untied2 != NULL)
		gip_mark_untied(doc, tmpl->t2, untied2);
	if (n3 > 0)
		gip_fill_table(doc, t3, rows3, n3, reg3.start);
	if (untied3 != NULL && t3 == report->t3)
		gip_mark_untied(doc, t3, untied3);
	if (t4_start >= 0)
	{
		for (int i = t4_start + 1; i < doc->nrows; i++)
		{
			int			part = gip_row_heading(doc, i);

			if (part == 5 || part == 6)
			{
				t4_end = i;
				break;
			}
		}
		gip_read_t4(doc, (Region) {t4_start, t4_end}, tmpl->t4);
		for (int i = 0; i < report->ncells; i++)
			if (report->cells[i].table_no == 4 &&
				report->cells[i].state != GIP_CELL_MISSING)
				report->has_t4 = true;
	}
	return true;
}
