/*
 * store_trigger.c
 *		gip_store_check(): the BEFORE INSERT OR UPDATE trigger of
 *		gip_reports.  One parse and one validation per row: the document
 *		(source_bytes when given, else source) is decoded and parsed, the
 *		same body's current report of the year before is looked up, the
 *		report is validated against it, and every derived column is filled
 *		from the result (whatever the client put there is ignored).
 *
 * A report failing an error rule is refused with 23514, or moved to
 * gip_rejected when gipreport.on_invalid = quarantine; a row that comes
 * with its derived columns filled in (pg_restore's COPY brings them) is
 * moved to gip_rejected with a WARNING instead of aborting the restore.
 * The same document again (content_hash) is skipped with a NOTICE;
 * another text for a body and year already stored supersedes it, is
 * refused or is kept as well (gipreport.on_duplicate).
 */
#include "store_cols.h"

#include "access/htup_details.h"
#include "commands/trigger.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/datum.h"
#include "utils/typcache.h"

PG_FUNCTION_INFO_V1(gip_store_check);

/* What one row brings and what is made of it. */
typedef struct StoreRow
{
	TriggerData *td;
	Relation	rel;
	Oid			nspid;
	const int  *att;
	HeapTuple	tuple;			/* the row as given (NEW) */
	bool		is_insert;
	bool		restored;		/* came with its derived columns filled in */
	int64		id;
	char	   *name;			/* source_name as a literal, else the id */
	bool		named;			/* source_name is not NULL */
	/* the document */
	bool		use_bytes;
	bool		is_docx;		/* the bytes are a .docx */
	bytea	   *bytes;
	const char *encoding;
	Datum		source;			/* text datum, or 0 when it did not decode */
	uint8		hash[32];
	bytea	   *hash_datum;
} StoreRow;

/* Attribute att of the row (0 and *isnull when NULL). */
static Datum
row_attr(StoreRow *row, HeapTuple tuple, GipStoreCol col, bool *isnull)
{
	return heap_getattr(tuple, row->att[col], RelationGetDescr(row->rel), isnull);
}

/* Whether a varlena attribute differs between OLD and NEW. */
static bool
attr_changed(StoreRow *row, GipStoreCol col)
{
	bool		n1,
				n2;
	Datum		a = row_attr(row, row->td->tg_trigtuple, col, &n1);
	Datum		b = row_attr(row, row->td->tg_newtuple, col, &n2);
	struct varlena *va,
			   *vb;

	if (n1 || n2)
		return n1 != n2;
	va = PG_DETOAST_DATUM_PACKED(a);
	vb = PG_DETOAST_DATUM_PACKED(b);
	return VARSIZE_ANY_EXHDR(va) != VARSIZE_ANY_EXHDR(vb) ||
		memcmp(VARDATA_ANY(va), VARDATA_ANY(vb), VARSIZE_ANY_EXHDR(va)) != 0;
}

/* A bytea datum of len bytes. */
static bytea *
make_bytea(const void *data, size_t len)
{
	bytea	   *b = palloc(VARHDRSZ + len);

	SET_VARSIZE(b, VARHDRSZ + len);
	memcpy(VARDATA(b), data, len);
	return b;
}

/* Store the document in gip_rejected; its id. */
static int64
quarantine(StoreRow *row, const char *reason, int sqlstate, Jsonb *findings)
{
	Datum		values[8];
	char		nulls[8];
	bool		isnull;
	Datum		name = row_attr(row, row->tuple, COL_SOURCE_NAME, &isnull);
	int			rc;

	memset(nulls, ' ', sizeof(nulls));
	values[0] = row->source;
	nulls[0] = row->source == (Datum) 0 ? 'n' : ' ';
	values[1] = name;
	nulls[1] = isnull ? 'n' : ' ';
	values[2] = CStringGetTextDatum(reason);
	values[3] = CStringGetTextDatum(unpack_sql_state(sqlstate));
	values[4] = findings ? JsonbPGetDatum(findings) : (Datum) 0;
	nulls[4] = findings ? ' ' : 'n';
	values[5] = row->use_bytes ? PointerGetDatum(row->bytes) : (Datum) 0;
	nulls[5] = row->use_bytes ? ' ' : 'n';
	values[6] = row->encoding ? CStringGetTextDatum(row->encoding) : (Datum) 0;
	nulls[6] = row->encoding ? ' ' : 'n';
	values[7] = PointerGetDatum(row->hash_datum);
	rc = SPI_execute_plan(gip_store_plan(GIP_PLAN_REJECT, row->nspid),
						  values, nulls, false, 0);
	if (rc != SPI_OK_INSERT_RETURNING || SPI_processed != 1)
		elog(ERROR, "gipreport: could not insert into gip_rejected: %s",
			 SPI_result_code_string(rc));
	return DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0],
									   SPI_tuptable->tupdesc, 1, &isnull));
}

/* A document that does not decode or parse: refuse or quarantine it. */
static void
parse_failed(StoreRow *row, GipError *err, GipPgArena *pa)
{
	char	   *reason;
	int64		rejected;

	if (err->code == GIP_OK)
		gip_error_set(err, pa->arena.failed ? GIP_ERR_NOMEM : GIP_ERR_NOT_A_REPORT,
					  0, "could not parse the report", NULL);
	if (err->code == GIP_ERR_CANCELED || err->code == GIP_ERR_NOMEM ||
		(!row->restored && gip_on_invalid != GIP_ON_INVALID_QUARANTINE))
		gip_pg_raise(err);
	reason = err->detail[0] ? psprintf("%s: %s", err->message, err->detail) :
		pstrdup(err->message);
	rejected = quarantine(row, reason, gip_pg_error_sqlstate(err), NULL);
	if (row->restored)
		ereport(WARNING,
				(errmsg("stored report %s no longer parses: %s", row->name, err->message),
				 err->detail[0] ? errdetail("%s", err->detail) : 0,
				 errhint("It is moved to gip_rejected (id %lld).", (long long) rejected)));
}

/* Decode (bytes) or convert (text) the document into UTF-8 for the core. */
static char *
document_text(StoreRow *row, GipPgArena *pa, size_t *len, GipError *err)
{
	char	   *utf8;

	if (row->use_bytes)
	{
		const uint8 *data = (const uint8 *) VARDATA_ANY(row->bytes);
		size_t		n = VARSIZE_ANY_EXHDR(row->bytes);

		gip_store_sha256(data, n, row->hash);
		row->hash_datum = make_bytea(row->hash, 32);
		if (gip_looks_like_zip(data, n))
		{
			char	   *note;

			/*
			 * A Word document has no text of its own to keep: the core
			 * reads its word/document.xml (gip_parse_docx), the bytes stay
			 * in source_bytes, and source says what they are.
			 */
			row->is_docx = true;
			row->encoding = "UTF-8";
			note = psprintf("[DOCX document of %zu bytes: the original is in source_bytes]", n);
			row->source = gip_pg_text(note, strlen(note));
			*len = 0;
			return NULL;
		}
		utf8 = gip_decode_bytes(data, n, &pa->arena, len, &row->encoding, err);
		if (utf8 != NULL)
			row->source = gip_pg_text(utf8, *len);
		return utf8;
	}
	else
	{
		text	   *t = DatumGetTextPP(row->source);
		int			n = VARSIZE_ANY_EXHDR(t);

		utf8 = pg_server_to_any(VARDATA_ANY(t), n, PG_UTF8);
		if (utf8 != VARDATA_ANY(t))
			n = strlen(utf8);
		gip_store_sha256(utf8, n, row->hash);
		row->hash_datum = make_bytea(row->hash, 32);
		*len = n;
		return utf8;
	}
}

/* The stored report with the same content, or 0. */
static int64
same_content(StoreRow *row, char **name_out)
{
	Datum		arg = PointerGetDatum(row->hash_datum);
	bool		isnull;
	int			rc;

	/*
	 * not read-only: a fresh snapshot after CommandCounterIncrement, so that
	 * the rows this statement wrote before this one are seen (a text given
	 * twice in one INSERT is a duplicate, as in two statements)
	 */
	rc = SPI_execute_plan(gip_store_plan(GIP_PLAN_HASH, row->nspid), &arg, NULL, false, 1);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "gipreport: content look-up failed: %s", SPI_result_code_string(rc));
	if (SPI_processed == 0)
		return 0;
	*name_out = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2);
	return DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
}

/* The canonical name of agency (a text datum), through the aliases. */
static Datum
agency_key(StoreRow *row, Datum agency)
{
	bool		isnull;
	Datum		key;
	int			rc;

	rc = SPI_execute_plan(gip_store_plan(GIP_PLAN_ALIAS, row->nspid), &agency, NULL, true, 1);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "gipreport: alias look-up failed: %s", SPI_result_code_string(rc));
	if (SPI_processed == 0)
		return agency;
	key = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	return isnull ? agency : datumCopy(key, false, -1);
}

/* The current report of (key, year) but this row, decoded, or NULL. */
static GipReport *
previous_report(StoreRow *row, Datum key, int year, GipPgArena *pa)
{
	Datum		args[3];
	bool		isnull;
	Datum		d;
	int			rc;

	args[0] = key;
	args[1] = Int32GetDatum(year);
	args[2] = Int64GetDatum(row->id);
	/* not read-only, like the content look-up: earlier rows of the statement */
	rc = SPI_execute_plan(gip_store_plan(GIP_PLAN_PREVIOUS, row->nspid), args, NULL, false, 1);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "gipreport: look-up of the previous year failed: %s",
			 SPI_result_code_string(rc));
	if (SPI_processed == 0)
		return NULL;
	d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (isnull)
		return NULL;
	return gip_pg_composite_report(DatumGetHeapTupleHeader(d), pa);
}

/*
 * Apply gipreport.on_duplicate against the other current reports of (key,
 * year): older ones are superseded by this row, a newer one (a restore
 * brings rows out of id order) supersedes it.  Returns the id of the report
 * that supersedes this row, 0 when it is current.
 */
static int64
settle_duplicates(StoreRow *row, Datum key, int year)
{
	Datum		args[3];
	int64		newer = 0;
	uint64		n;
	SPITupleTable *tuptable;
	int			rc;

	args[0] = key;
	args[1] = Int32GetDatum(year);
	args[2] = Int64GetDatum(row->id);
	rc = SPI_execute_plan(gip_store_plan(GIP_PLAN_SAME, row->nspid), args, NULL, false, 0);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "gipreport: look-up of the same body and year failed: %s",
			 SPI_result_code_string(rc));
	n = SPI_processed;
	tuptable = SPI_tuptable;
	if (n == 0)
		return 0;
	if (gip_on_duplicate == GIP_ON_DUPLICATE_REFUSE && row->is_insert && !row->restored)
	{
		bool		isnull;
		int64		other = DatumGetInt64(SPI_getbinval(tuptable->vals[0], tuptable->tupdesc, 1, &isnull));
		char	   *other_name = SPI_getvalue(tuptable->vals[0], tuptable->tupdesc, 2);

		ereport(ERROR,
				(errcode(ERRCODE_UNIQUE_VIOLATION),
				 errmsg("a report of %s for %d is already stored",
						TextDatumGetCString(key), year),
				 errdetail("Stored as report %lld (%s).", (long long) other,
						   other_name ? quote_literal_cstr(other_name) : "unnamed"),
				 errhint("SET gipreport.on_duplicate = supersede stores the new text and keeps the old one as history."),
				 errtable(row->rel)));
	}
	for (uint64 i = 0; i < n; i++)
	{
		bool		isnull;
		int64		other = DatumGetInt64(SPI_getbinval(tuptable->vals[i], tuptable->tupdesc, 1, &isnull));

		if (other > row->id)
		{
			newer = Max(newer, other);
			continue;
		}
		args[0] = Int64GetDatum(other);
		args[1] = Int64GetDatum(row->id);
		gip_store_internal++;
		PG_TRY();
		{
			rc = SPI_execute_plan(gip_store_plan(GIP_PLAN_SUPERSEDE, row->nspid),
								  args, NULL, false, 0);
		}
		PG_FINALLY();
		{
			gip_store_internal--;
		}
		PG_END_TRY();
		if (rc != SPI_OK_UPDATE)
			elog(ERROR, "gipreport: could not mark report " INT64_FORMAT " superseded: %s",
				 other, SPI_result_code_string(rc));
	}
	return newer;
}

/* Set column col of the result. */
#define SET(col, datum) (values[row.att[col] - 1] = (datum), repl[row.att[col] - 1] = true, nulls[row.att[col] - 1] = false)
#define SET_NULL(col) (repl[row.att[col] - 1] = true, nulls[row.att[col] - 1] = true)

/* The trigger. */
Datum
gip_store_check(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	StoreRow	row;
	TupleDesc	desc;
	GipPgArena	pa;
	GipError	err;
	GipReport  *report;
	GipReport  *previous = NULL;
	GipFinding *findings;
	int			nfindings;
	char	   *failing;
	char	   *utf8;
	size_t		len = 0;
	bool		isnull;
	Datum		d;
	Datum		agency = (Datum) 0;
	Datum		key = (Datum) 0;
	Datum		composite;
	Jsonb	   *findings_jb;
	GipHeadline head;
	int64		newer = 0;
	int			counts[3] = {0, 0, 0};
	Datum	   *values;
	bool	   *nulls;
	bool	   *repl;
	HeapTuple	result;
	TupleDesc	rdesc;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_BEFORE(td->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(td->tg_event) || TRIGGER_FIRED_BY_DELETE(td->tg_event) ||
		TRIGGER_FIRED_BY_TRUNCATE(td->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("gip_store_check() must run BEFORE INSERT OR UPDATE FOR EACH ROW")));
	gip_store_init();

	memset(&row, 0, sizeof(row));
	row.td = td;
	row.rel = td->tg_relation;
	row.nspid = RelationGetNamespace(row.rel);
	row.is_insert = TRIGGER_FIRED_BY_INSERT(td->tg_event);
	row.tuple = row.is_insert ? td->tg_trigtuple : td->tg_newtuple;
	/* the store's own update of another row (superseded): as it is */
	if (!row.is_insert && gip_store_internal > 0)
		return PointerGetDatum(row.tuple);
	row.att = gip_store_attnums(row.rel);
	desc = RelationGetDescr(row.rel);

	d = row_attr(&row, row.tuple, COL_ID, &isnull);
	row.id = isnull ? 0 : DatumGetInt64(d);
	d = row_attr(&row, row.tuple, COL_SOURCE_NAME, &isnull);
	row.named = !isnull;
	row.name = isnull ? (row.id ? psprintf(INT64_FORMAT, row.id) : "(unnamed)") :
		quote_literal_cstr(TextDatumGetCString(d));
	if (row.is_insert)
	{
		(void) row_attr(&row, row.tuple, COL_REPORT, &isnull);
		row.restored = !isnull;
		(void) row_attr(&row, row.tuple, COL_CONTENT_HASH, &isnull);
		row.restored = row.restored || !isnull;
	}
	d = row_attr(&row, row.tuple, COL_SOURCE_BYTES, &isnull);
	row.use_bytes = !isnull;
	/* an UPDATE that sets source and leaves the bytes: the new text */
	if (row.use_bytes && !row.is_insert &&
		attr_changed(&row, COL_SOURCE) && !attr_changed(&row, COL_SOURCE_BYTES))
		row.use_bytes = false;
	if (row.use_bytes)
		row.bytes = DatumGetByteaPP(d);
	else
	{
		row.source = row_attr(&row, row.tuple, COL_SOURCE, &isnull);
		if (isnull)
			ereport(ERROR,
					(errcode(ERRCODE_NOT_NULL_VIOLATION),
					 errmsg("a report needs source or source_bytes"),
					 errtablecol(row.rel, row.att[COL_SOURCE])));
	}

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "gipreport: SPI_connect failed");
	gip_pg_arena_begin(&pa);
	memset(&err, 0, sizeof(err));

	/* the document, its hash, and a no-op when it is stored already */
	utf8 = document_text(&row, &pa, &len, &err);
	if (row.is_insert)
	{
		char	   *other_name = NULL;
		int64		other = same_content(&row, &other_name);

		if (other != 0)
		{
			ereport(NOTICE,
					(errmsg("report %s is already stored as report %lld, skipped",
							row.name, (long long) other),
					 errdetail("Report %lld (%s) has the same content (sha256).",
							   (long long) other, other_name ? quote_literal_cstr(other_name) : "unnamed")));
			gip_pg_arena_end(&pa);
			SPI_finish();
			return PointerGetDatum(NULL);
		}
	}
	if (row.is_docx)
		report = gip_parse_docx((const uint8 *) VARDATA_ANY(row.bytes),
								VARSIZE_ANY_EXHDR(row.bytes), &pa.arena, &err);
	else
		report = utf8 ? gip_parse_text(utf8, len, &pa.arena, &err) : NULL;
	if (report == NULL)
	{
		parse_failed(&row, &err, &pa);
		gip_pg_arena_end(&pa);
		SPI_finish();
		return PointerGetDatum(NULL);
	}

	/* the body's canonical name and its report of the year before */
	if (report->agency != NULL)
	{
		agency = gip_pg_cstring_text(report->agency);
		key = agency_key(&row, agency);
		if (report->year > 0)
			previous = previous_report(&row, key, report->year - 1, &pa);
	}

	/* validate; refuse or quarantine on a failing error rule */
	nfindings = gip_validate(report, previous, &pa.arena, &findings, &err);
	if (nfindings < 0)
		gip_pg_raise(&err);
	findings_jb = gip_store_findings_jsonb(findings, nfindings);
	failing = gip_store_failing_rules(findings, nfindings);
	if (failing != NULL)
	{
		char	   *detail = gip_store_findings_text(findings, nfindings);

		if (row.restored || gip_on_invalid == GIP_ON_INVALID_QUARANTINE)
		{
			int64		rejected = quarantine(&row, psprintf("report fails rule(s) %s", failing),
											  ERRCODE_CHECK_VIOLATION, findings_jb);

			if (row.restored)
				ereport(WARNING,
						(errmsg("stored report %s fails rule(s) %s of this version of gipreport",
								row.name, failing),
						 errdetail("%s", detail),
						 errhint("It is moved to gip_rejected (id %lld).", (long long) rejected)));
			gip_pg_arena_end(&pa);
			SPI_finish();
			return PointerGetDatum(NULL);
		}
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("report %s fails rule(s) %s",
						row.named ? row.name : "(unnamed)", failing),
				 errdetail("%s", detail),
				 errtablecol(row.rel, row.att[COL_SOURCE])));
	}
	for (int i = 0; i < nfindings; i++)
	{
		if (strcmp(findings[i].status, "uncertain") == 0)
			counts[2]++;
		else if (strcmp(findings[i].severity, "error") == 0)
			counts[0]++;
		else
			counts[1]++;
	}

	/* another text for the same body and year */
	if (key != (Datum) 0 && report->year > 0 && gip_on_duplicate != GIP_ON_DUPLICATE_KEEP)
		newer = settle_duplicates(&row, key, report->year);

	/* the row as stored: every derived column from the parse */
	values = palloc0(sizeof(Datum) * desc->natts);
	nulls = palloc0(sizeof(bool) * desc->natts);
	repl = palloc0(sizeof(bool) * desc->natts);
	rdesc = lookup_rowtype_tupdesc_copy(TupleDescAttr(desc, row.att[COL_REPORT] - 1)->atttypid, -1);
	rdesc = BlessTupleDesc(rdesc);
	composite = gip_pg_report_composite(rdesc, report, !row.use_bytes);
	SET(COL_REPORT, composite);
	SET(COL_SOURCE, row.source);
	if (row.use_bytes)
	{
		SET(COL_SOURCE_BYTES, PointerGetDatum(row.bytes));
		SET(COL_SOURCE_ENCODING, CStringGetTextDatum(row.encoding ? row.encoding : "UTF-8"));
	}
	else
	{
		SET_NULL(COL_SOURCE_BYTES);
		SET_NULL(COL_SOURCE_ENCODING);
	}
	SET(COL_CONTENT_HASH, PointerGetDatum(row.hash_datum));
	if (agency != (Datum) 0)
	{
		SET(COL_AGENCY, agency);
		SET(COL_AGENCY_KEY, key);
	}
	else
	{
		SET_NULL(COL_AGENCY);
		SET_NULL(COL_AGENCY_KEY);
	}
	if (report->year > 0)
		SET(COL_YEAR, Int32GetDatum(report->year));
	else
		SET_NULL(COL_YEAR);
	SET(COL_FINDINGS, JsonbPGetDatum(findings_jb));
	if (row.is_insert || gip_on_duplicate != GIP_ON_DUPLICATE_KEEP)
	{
		SET(COL_IS_CURRENT, BoolGetDatum(newer == 0));
		if (newer != 0)
			SET(COL_SUPERSEDED_BY, Int64GetDatum(newer));
		else
			SET_NULL(COL_SUPERSEDED_BY);
	}
	/* template, form, variant, dates: as the composite has them */
	{
		static const struct
		{
			GipStoreCol col;
			const char *attr;
		}			from_composite[] = {
			{COL_TEMPLATE, "template"}, {COL_FORM, "form"},
			{COL_T3_VARIANT, "t3_variant"}, {COL_PUBLISHED, "published"},
			{COL_PERIOD_START, "period_start"}, {COL_PERIOD_END, "period_end"}
		};
		HeapTupleHeader h = DatumGetHeapTupleHeader(composite);

		for (int i = 0; i < lengthof(from_composite); i++)
		{
			d = GetAttributeByName(h, from_composite[i].attr, &isnull);
			if (isnull)
				SET_NULL(from_composite[i].col);
			else
				SET(from_composite[i].col, d);
		}
	}
	gip_store_headline(report, &head);
	for (int i = 0; i < GIP_NHEADLINE; i++)
	{
		if (!head.has[i])
			SET_NULL(COL_HEADLINE + i);
		else if (i == GIP_HEADLINE_FEES)
			SET(COL_HEADLINE + i, gip_pg_numeric(head.fees));
		else
			SET(COL_HEADLINE + i, Int64GetDatum(head.v[i]));
	}
	SET(COL_N_ERRORS, Int32GetDatum(counts[0]));
	SET(COL_N_WARNINGS, Int32GetDatum(counts[1]));
	SET(COL_N_UNCERTAIN, Int32GetDatum(counts[2]));

	/* the row in the trigger's context (SPI_copytuple), then let SPI go */
	result = SPI_copytuple(heap_modify_tuple(row.tuple, desc, values, nulls, repl));
	gip_pg_arena_end(&pa);
	SPI_finish();
	return PointerGetDatum(result);
}
