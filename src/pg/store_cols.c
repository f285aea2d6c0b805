/*
 * store_cols.c
 *		Find the columns of gip_reports by name, once per relation and
 *		shape (the upgrade script adds columns within a session).
 */
#include "store_cols.h"

#include "executor/spi.h"

static const char *const col_names[COL_HEADLINE] = {
	"id", "source", "source_name", "report", "agency", "year", "template",
	"findings", "source_bytes", "source_encoding", "content_hash",
	"agency_key", "is_current", "superseded_by", "form", "t3_variant",
	"published", "period_start", "period_end", "n_errors", "n_warnings",
	"n_uncertain"
};

static Oid	cached_relid = InvalidOid;
static int	cached_natts = -1;
static int	attnums[GIP_NSTORE_COLS];

/* The attribute numbers of the store's columns; an error if one is missing. */
const int *
gip_store_attnums(Relation rel)
{
	TupleDesc	desc = RelationGetDescr(rel);

	if (cached_relid == RelationGetRelid(rel) && cached_natts == desc->natts)
		return attnums;
	for (int i = 0; i < GIP_NSTORE_COLS; i++)
	{
		const char *name = i < COL_HEADLINE ? col_names[i] :
			gip_headline_columns[i - COL_HEADLINE];
		int			att = SPI_fnumber(desc, name);

		if (att <= 0)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("table \"%s\" has no column \"%s\"",
							RelationGetRelationName(rel), name),
					 errhint("The store's trigger runs on gip_reports of gipreport %s.",
							 "0.4.0 or later")));
		attnums[i] = att;
	}
	cached_relid = RelationGetRelid(rel);
	cached_natts = desc->natts;
	return attnums;
}
