/*
 * gip_template_rows.c
 *		gip_template_rows(template): the national templates as data, one
 *		row per (table, row, column the row carries).
 */
#include "gip_pg.h"

#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

PG_FUNCTION_INFO_V1(gip_template_rows);

/* Emit the rows of one template table. */
static void
gip_pg_emit_table(ReturnSetInfo *rsinfo, const GipTemplate *tmpl,
				  const GipTableDef *table)
{
	for (int r = 0; r < table->nrows; r++)
	{
		const GipRowDef *row = &table->rows[r];

		for (int k = 0; k < row->ncols; k++)
		{
			int			c = row->cols[k];
			Datum		values[10];
			bool		nulls[10];

			memset(nulls, 0, sizeof(nulls));
			values[0] = gip_pg_cstring_text(tmpl->name);
			values[1] = Int32GetDatum(table->table_no);
			values[2] = gip_pg_cstring_text(table->variant);
			values[3] = Int32GetDatum(r + 1);
			values[4] = gip_pg_cstring_text(row->code);
			values[5] = gip_pg_cstring_text(row->label);
			if (row->group != NULL)
				values[6] = gip_pg_cstring_text(row->group);
			else
				nulls[6] = true;
			values[7] = Int32GetDatum(c + 1);
			values[8] = gip_pg_cstring_text(table->columns[c].code);
			values[9] = gip_pg_cstring_text(table->columns[c].label);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc,
								 values, nulls);
		}
	}
}

/* Every template (or the one named), tables 二, 三 and 四 in turn. */
Datum
gip_template_rows(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	char	   *name = PG_ARGISNULL(0) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(0));

	InitMaterializedSRF(fcinfo, 0);
	for (int i = 0; gip_templates[i] != NULL; i++)
	{
		const GipTemplate *tmpl = gip_templates[i];

		if (name != NULL && strcmp(name, tmpl->name) != 0)
			continue;
		gip_pg_emit_table(rsinfo, tmpl, tmpl->t2);
		gip_pg_emit_table(rsinfo, tmpl, tmpl->t3);
		gip_pg_emit_table(rsinfo, tmpl, tmpl->t4);
	}
	return (Datum) 0;
}
