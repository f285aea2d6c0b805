/*
 * read_docx.c
 *		Reading a Word document (.docx): word/document.xml, taken out of the
 *		ZIP archive by zip.c, streamed through libxml2's SAX2 parser (no
 *		tree is built) into rows of cells, the same rows html.c makes of a
 *		web page.
 *
 * A table (w:tbl) becomes one row of cells per w:tr, each cell (w:tc) at
 * its grid column: w:gridBefore skips columns, a cell merged across
 * columns (w:gridSpan, or the older w:hMerge) is one cell at its first
 * column, and a cell merged down (w:vMerge restart, then continue) stands
 * with its text in every row it covers, as a rowspan cell of a web page
 * does.  A cell's text is its runs (w:t) joined over all its paragraphs; a
 * tab is a space.  Outside tables every paragraph (w:p) is a narrative
 * line, a line break (w:br) inside it starts another.  A table inside a
 * cell is read as a table of its own.  The "line" of a cell or a line of
 * narrative is the number of its paragraph in the document, counted from
 * 1, so that it points at the same place as the line of the document's
 * text form.
 *
 * The XML is read without the network, without entity substitution and
 * within libxml2's default size limits; a document type declaration is
 * refused outright (Word never writes one), so no entity is ever defined.
 * Alternate content (mc:Fallback) and deleted text are skipped.  libxml2's
 * errors come back through a handler into a GipError; the parser context
 * is freed on every path.
 */
#include "gip_internal.h"

#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#define W_NS		"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_NS_STRICT	"http://purl.oclc.org/ooxml/wordprocessingml/main"
#define MC_NS		"http://schemas.openxmlformats.org/markup-compatibility/2006"

#define MAX_GRID_COLS	64		/* wider tables are cut (as in html.c) */
#define MAX_TABLE_ROWS	4096	/* longer tables are cut */
#define MAX_NEST		8		/* deeper tables are read as cell text */

/* Text gathered in the arena; each gathering gets a buffer of its own. */
typedef struct TextBuf
{
	char	   *s;
	size_t		len;
	size_t		cap;
} TextBuf;

typedef enum VMerge
{
	VM_NONE = 0,
	VM_RESTART,					/* the first cell of a vertical merge */
	VM_CONTINUE					/* covered by the restart cell above */
} VMerge;

/* A w:tc being read. */
typedef struct DocxCell
{
	TextBuf		text;
	int			line;			/* paragraph number of its first paragraph */
	int			span;			/* w:gridSpan */
	uint8_t		vmerge;			/* VMerge */
	bool		hcont;			/* w:hMerge continue: part of the cell left */
} DocxCell;

/* A w:tbl being read. */
typedef struct DocxTable
{
	int			table_no;		/* 1-based w:tbl number in the document */
	int			nrows;			/* w:tr read so far */
	/* the vMerge restart cell standing over each grid column */
	const char *above[MAX_GRID_COLS];
	size_t		above_len[MAX_GRID_COLS];
	int			above_line[MAX_GRID_COLS];
	/* the row being read */
	bool		in_row;
	bool		in_cell;
	bool		drop_cell;		/* the cell is past MAX_GRID_COLS */
	int			grid_before;
	int			ncells;
	DocxCell	cells[MAX_GRID_COLS];
} DocxTable;

/* State of the walk over document.xml. */
typedef struct DocxWalk
{
	Doc		   *doc;
	int			para_no;		/* paragraphs started so far */
	int			para_depth;		/* w:p nesting (text boxes hold paragraphs) */
	int			t_depth;		/* inside w:t */
	TextBuf		text;			/* narrative line being gathered */
	int			text_line;
	DocxTable  *tables[MAX_NEST];
	int			ntables;		/* open tables read as grids */
	int			flat_tables;	/* open tables nested deeper, read as text */
	int			table_count;	/* tables seen */
	bool		root_seen;
	bool		failed;
	int			skip_depth;		/* inside a skipped subtree: its depth */
	long		elements;		/* elements seen (interrupt checks) */
	xmlParserCtxtPtr ctxt;		/* to stop the parse */
	const xmlChar *w_ns;		/* the w: namespace URI as last seen */
	/* the first error libxml2 reported */
	char		xml_error[200];
	int			xml_error_line;
} DocxWalk;

/* Does the byte string start with a ZIP signature (a member, or empty)? */
bool
gip_looks_like_zip(const uint8_t *data, size_t len)
{
	return len >= 4 && data[0] == 'P' && data[1] == 'K' &&
		((data[2] == 3 && data[3] == 4) || (data[2] == 5 && data[3] == 6));
}

/* Fail the walk: the XML is not a document we can read. */
static void
walk_fail(DocxWalk *w, const char *detail)
{
	if (!w->failed && w->doc->err->code == GIP_OK)
		gip_error_set(w->doc->err, GIP_ERR_BAD_DOCX, 0,
					  "could not read word/document.xml of the DOCX archive",
					  detail);
	w->failed = true;
}

/* Append len bytes to buf, growing it in the arena. */
static void
buf_add(DocxWalk *w, TextBuf *buf, const char *s, size_t len)
{
	if (w->failed || len == 0)
		return;
	if (buf->len + len + 1 > buf->cap)
	{
		size_t		cap = (buf->cap + len) * 2 + 64;
		char	   *bigger = gip_alloc_raw(w->doc->arena, cap);

		if (bigger == NULL)
		{
			gip_error_set(w->doc->err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
			w->failed = true;
			return;
		}
		if (buf->len > 0)
			memcpy(bigger, buf->s, buf->len);
		buf->s = bigger;
		buf->cap = cap;
	}
	/* line ends inside a run are layout of the XML, not text */
	for (size_t i = 0; i < len; i++)
		if (s[i] != '\n' && s[i] != '\r')
			buf->s[buf->len++] = s[i];
}

/* The table whose cells text goes to now, or NULL for narrative. */
static DocxTable *
open_table(DocxWalk *w)
{
	return w->ntables > 0 ? w->tables[w->ntables - 1] : NULL;
}

/* Add run text where it belongs: the open cell, or the narrative line. */
static void
add_text(DocxWalk *w, const char *s, size_t len)
{
	DocxTable  *t = open_table(w);

	if (t == NULL)
	{
		if (w->text_line == 0)
			w->text_line = w->para_no;
		buf_add(w, &w->text, s, len);
		return;
	}
	if (!t->in_cell || t->drop_cell || t->ncells == 0)
		return;					/* text outside any cell, or cut */
	buf_add(w, &t->cells[t->ncells - 1].text, s, len);
}

/* Emit the narrative line gathered so far as a row. */
static void
flush_text(DocxWalk *w)
{
	Doc		   *doc = w->doc;

	if (!w->failed && w->text.len > 0 &&
		(!gip_rows_cell(doc, w->text.s, w->text.len, w->text_line, 0, 0) ||
		 !gip_rows_end(doc, false)))
		w->failed = true;
	memset(&w->text, 0, sizeof(w->text));
	w->text_line = 0;
}

/* One slot of a row's grid. */
typedef struct GridSlot
{
	const char *text;
	size_t		len;
	int			line;
	bool		used;
	bool		col_copy;		/* covered by a cell to its left */
} GridSlot;

/*
 * The w:tr just read: lay its cells on the grid, carry vertical merges
 * down, and emit the row.
 */
static void
emit_row(DocxWalk *w, DocxTable *t)
{
	Doc		   *doc = w->doc;
	GridSlot	grid[MAX_GRID_COLS];
	int			col = t->grid_before;
	int			last = -1;

	memset(grid, 0, sizeof(grid));
	for (int k = 0; k < t->ncells && col < MAX_GRID_COLS; k++)
	{
		DocxCell   *cell = &t->cells[k];
		int			span = cell->span;
		const char *text = cell->text.s ? cell->text.s : "";
		size_t		len = cell->text.len;
		int			line = cell->line > 0 ? cell->line : w->para_no;

		if (cell->hcont && col > 0)
		{
			grid[col].used = true;
			grid[col].col_copy = true;
			t->above[col] = NULL;
			col++;
			continue;
		}
		if (span > MAX_GRID_COLS - col)
			span = MAX_GRID_COLS - col;
		if (cell->vmerge == VM_CONTINUE)
		{
			/* the text of the restart cell above, where it was written */
			text = t->above[col] ? t->above[col] : "";
			len = t->above[col] ? t->above_len[col] : 0;
			if (t->above[col])
				line = t->above_line[col];
		}
		for (int dc = 0; dc < span; dc++)
		{
			GridSlot   *slot = &grid[col + dc];

			slot->text = text;
			slot->len = len;
			slot->line = line;
			slot->used = true;
			slot->col_copy = dc > 0;
			if (cell->vmerge == VM_NONE)
				t->above[col + dc] = NULL;
		}
		if (cell->vmerge == VM_RESTART)
		{
			t->above[col] = text;
			t->above_len[col] = len;
			t->above_line[col] = line;
		}
		col += span;
	}
	t->nrows++;
	if (t->nrows > MAX_TABLE_ROWS)
		return;
	for (int c = 0; c < MAX_GRID_COLS; c++)
		if (grid[c].used)
			last = c;
	for (int c = 0; c <= last; c++)
	{
		GridSlot   *slot = &grid[c];

		/* a cell spanning columns is one cell: its value counts once */
		if (slot->col_copy)
			continue;
		if (!gip_rows_cell(doc, slot->used ? slot->text : "",
						   slot->used ? slot->len : 0,
						   slot->line > 0 ? slot->line : w->para_no, c, 1))
		{
			w->failed = true;
			return;
		}
		doc->cur_cells[doc->cur_n - 1].src_table =
			(uint16_t) (t->table_no < UINT16_MAX ? t->table_no : UINT16_MAX);
		doc->cur_cells[doc->cur_n - 1].src_row = (uint16_t) t->nrows;
	}
	if (!gip_rows_end(doc, true))
		w->failed = true;
}

/* The attributes of an element as libxml2's SAX2 hands them over. */
typedef struct Attrs
{
	const xmlChar **a;			/* localname, prefix, URI, value, end; ... */
	int			n;
} Attrs;

/* The value of attribute w:name (any namespace but none), or NULL. */
static const xmlChar *
attr(const Attrs *attrs, const char *name, int *len)
{
	for (int i = 0; i < attrs->n; i++)
	{
		const xmlChar **at = attrs->a + i * 5;

		if (at[2] != NULL && strcmp((const char *) at[0], name) == 0)
		{
			*len = (int) (at[4] - at[3]);
			return at[3];
		}
	}
	return NULL;
}

/* An integer attribute w:val, or dflt. */
static int
val_int(const Attrs *attrs, int dflt)
{
	int			len = 0;
	const xmlChar *value = attr(attrs, "val", &len);
	int			n = 0;
	bool		digits = false;

	if (value == NULL)
		return dflt;
	for (int i = 0; i < len && value[i] >= '0' && value[i] <= '9' && n < 100000; i++)
	{
		n = n * 10 + (value[i] - '0');
		digits = true;
	}
	return digits ? n : dflt;
}

/* Is attribute w:name equal to s? */
static bool
attr_is(const Attrs *attrs, const char *name, const char *s)
{
	int			len = 0;
	const xmlChar *value = attr(attrs, name, &len);

	return value != NULL && (size_t) len == strlen(s) &&
		memcmp(value, s, len) == 0;
}

/* A w:tbl opens. */
static void
table_open(DocxWalk *w)
{
	DocxTable  *t;

	w->table_count++;
	if (w->ntables >= MAX_NEST)
	{
		w->flat_tables++;
		return;
	}
	if (w->ntables == 0)
		flush_text(w);
	t = gip_alloc(w->doc->arena, sizeof(DocxTable));
	if (t == NULL)
	{
		gip_error_set(w->doc->err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
		w->failed = true;
		return;
	}
	t->table_no = w->table_count;
	w->tables[w->ntables++] = t;
}

/* A w:tc opens in table t. */
static void
cell_open(DocxTable *t)
{
	DocxCell   *cell;

	t->in_cell = true;
	t->drop_cell = t->ncells >= MAX_GRID_COLS;
	if (t->drop_cell)
		return;
	cell = &t->cells[t->ncells++];
	memset(cell, 0, sizeof(*cell));
	cell->span = 1;
}

/* The elements of the w: namespace the walk looks at. */
typedef enum WTag
{
	W_OTHER = 0,				/* anything else: walked through */
	W_SKIP,						/* properties, deleted text: skipped whole */
	W_P, W_T, W_TAB, W_NOBREAKHYPHEN, W_BR, W_TBL, W_TR, W_TC,
	W_GRIDBEFORE, W_GRIDSPAN, W_VMERGE, W_HMERGE
} WTag;

/* A w: element's tag, by its local name (a switch, then one strcmp). */
static WTag
w_tag(const char *n)
{
	switch (n[0])
	{
		case 'p':
			if (n[1] == '\0')
				return W_P;
			if (strcmp(n, "pPr") == 0)
				return W_SKIP;
			if (strcmp(n, "ptab") == 0)
				return W_TAB;
			break;
		case 't':
			if (n[1] == '\0')
				return W_T;
			if (n[1] == 'r' && n[2] == '\0')
				return W_TR;
			if (n[1] == 'c' && n[2] == '\0')
				return W_TC;
			if (strcmp(n, "tab") == 0)
				return W_TAB;
			if (strcmp(n, "tbl") == 0)
				return W_TBL;
			/* a table's and its exceptions' properties, the grid */
			if (strcmp(n, "tblPr") == 0 || strcmp(n, "tblGrid") == 0 ||
				strcmp(n, "tblPrEx") == 0)
				return W_SKIP;
			break;
		case 'r':
			/* a run's properties (w:tabs has w:tab of its own, in pPr) */
			if (strcmp(n, "rPr") == 0)
				return W_SKIP;
			break;
		case 'b':
		case 'c':
			if (n[1] == 'r' && n[2] == '\0')
				return W_BR;
			break;
		case 'n':
			if (strcmp(n, "noBreakHyphen") == 0)
				return W_NOBREAKHYPHEN;
			break;
		case 'g':
			if (strcmp(n, "gridSpan") == 0)
				return W_GRIDSPAN;
			if (strcmp(n, "gridBefore") == 0)
				return W_GRIDBEFORE;
			break;
		case 'v':
			if (strcmp(n, "vMerge") == 0)
				return W_VMERGE;
			break;
		case 'h':
			if (strcmp(n, "hMerge") == 0)
				return W_HMERGE;
			break;
		case 's':
			if (strcmp(n, "sectPr") == 0)
				return W_SKIP;
			break;
		case 'd':
			/* deleted and moved-away text is not the document's */
			if (strcmp(n, "del") == 0)
				return W_SKIP;
			break;
		case 'm':
			if (strcmp(n, "moveFrom") == 0)
				return W_SKIP;
			break;
	}
	return W_OTHER;
}

/* An element of the w: namespace starts (SAX2 ends every one, empty too). */
static void
w_start(DocxWalk *w, WTag tag, const Attrs *attrs)
{
	DocxTable  *t = open_table(w);
	DocxCell   *cell = (t && t->in_cell && !t->drop_cell && t->ncells > 0) ?
		&t->cells[t->ncells - 1] : NULL;

	if (tag == W_P)
	{
		w->para_no++;
		if (cell != NULL && cell->line == 0)
			cell->line = w->para_no;
		w->para_depth++;
	}
	else if (tag == W_T)
		w->t_depth++;
	else if (tag == W_TAB)
		add_text(w, " ", 1);	/* in a run: the properties are skipped */
	else if (tag == W_NOBREAKHYPHEN)
		add_text(w, "-", 1);
	else if (tag == W_BR)
	{
		/* a line break ends a line of narrative; in a cell, text joins */
		if (t == NULL && !attr_is(attrs, "type", "page") &&
			!attr_is(attrs, "type", "column"))
			flush_text(w);
	}
	else if (tag == W_TBL)
		table_open(w);
	else if (w->flat_tables > 0)
		return;					/* the rest is table structure to flatten */
	else if (tag == W_TR && t != NULL)
	{
		t->in_row = true;
		t->in_cell = false;
		t->ncells = 0;
		t->grid_before = 0;
	}
	else if (tag == W_GRIDBEFORE && t != NULL && t->in_row &&
			 !t->in_cell)
	{
		int			n = val_int(attrs, 0);

		t->grid_before = n < MAX_GRID_COLS ? n : MAX_GRID_COLS;
	}
	else if (tag == W_TC && t != NULL && t->in_row)
		cell_open(t);
	else if (tag == W_GRIDSPAN && cell != NULL)
	{
		int			n = val_int(attrs, 1);

		cell->span = n < 1 ? 1 : n > MAX_GRID_COLS ? MAX_GRID_COLS : n;
	}
	else if (tag == W_VMERGE && cell != NULL)
		cell->vmerge = attr_is(attrs, "val", "restart") ? VM_RESTART : VM_CONTINUE;
	else if (tag == W_HMERGE && cell != NULL)
		cell->hcont = !attr_is(attrs, "val", "restart");
}

/* An element of the w: namespace ends. */
static void
w_end(DocxWalk *w, WTag tag)
{
	DocxTable  *t = open_table(w);

	if (tag == W_P)
	{
		if (w->para_depth > 0)
			w->para_depth--;
		if (w->para_depth == 0 && t == NULL)
			flush_text(w);
	}
	else if (tag == W_T)
	{
		if (w->t_depth > 0)
			w->t_depth--;
	}
	else if (tag == W_TBL)
	{
		if (w->flat_tables > 0)
			w->flat_tables--;
		else if (w->ntables > 0)
			w->ntables--;
	}
	else if (w->flat_tables > 0 || t == NULL)
		return;
	else if (tag == W_TC)
		t->in_cell = false;
	else if (tag == W_TR && t->in_row)
	{
		emit_row(w, t);
		t->in_row = false;
		t->in_cell = false;
	}
}

/* libxml2's error handler: keep the first error (not warnings). */
static void
sax_error(void *arg, xmlErrorPtr error)
{
	DocxWalk   *w = arg;

	if (error == NULL || error->level < XML_ERR_ERROR || w->xml_error[0])
		return;
	snprintf(w->xml_error, sizeof(w->xml_error), "%s",
			 error->message ? error->message : "unknown error");
	/* libxml2's messages end in a newline */
	for (size_t n = strlen(w->xml_error); n > 0 && w->xml_error[n - 1] == '\n'; n--)
		w->xml_error[n - 1] = '\0';
	w->xml_error_line = error->line;
}

/* Stop the parse: the walk failed or was canceled. */
static void
sax_stop(DocxWalk *w)
{
	w->failed = true;
	xmlStopParser(w->ctxt);
}

/*
 * Is ns WordprocessingML's namespace (transitional or strict)?  libxml2
 * hands over the same interned string each time: the last one is kept.
 */
static bool
is_w_ns(DocxWalk *w, const xmlChar *ns)
{
	if (ns == NULL)
		return false;
	if (ns == w->w_ns)
		return true;
	if (strcmp((const char *) ns, W_NS) == 0 ||
		strcmp((const char *) ns, W_NS_STRICT) == 0)
	{
		w->w_ns = ns;
		return true;
	}
	return false;
}

/* SAX2: an element starts. */
static void
sax_start(void *arg, const xmlChar *localname, const xmlChar *prefix,
		  const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
		  int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	DocxWalk   *w = arg;
	const char *name = (const char *) localname;
	Attrs		attrs = {attributes, nb_attributes};
	char		detail[256];

	(void) prefix;
	(void) nb_namespaces;
	(void) namespaces;
	(void) nb_defaulted;
	if (w->failed)
		return;
	if (w->skip_depth > 0)
	{
		w->skip_depth++;
		return;
	}
	if ((++w->elements & 4095) == 0 && w->doc->arena->interrupt_fn &&
		w->doc->arena->interrupt_fn(w->doc->arena->ctx))
	{
		gip_error_set(w->doc->err, GIP_ERR_CANCELED, 0, "canceled", NULL);
		sax_stop(w);
		return;
	}
	if (!w->root_seen)
	{
		w->root_seen = true;
		if (strcmp(name, "document") != 0 || !is_w_ns(w, uri))
		{
			snprintf(detail, sizeof(detail),
					 "Its root element is <%s>, not WordprocessingML's <w:document>.",
					 name);
			walk_fail(w, detail);
			sax_stop(w);
			return;
		}
	}
	if (is_w_ns(w, uri))
	{
		WTag		tag = w_tag(name);

		if (tag == W_SKIP)
			w->skip_depth = 1;
		else if (tag != W_OTHER)
			w_start(w, tag, &attrs);
	}
	else if (uri != NULL && strcmp((const char *) uri, MC_NS) == 0 &&
			 strcmp(name, "Fallback") == 0)
		w->skip_depth = 1;		/* the same content again, for old readers */
	if (w->failed)
		sax_stop(w);
}

/* SAX2: an element ends. */
static void
sax_end(void *arg, const xmlChar *localname, const xmlChar *prefix,
		const xmlChar *uri)
{
	DocxWalk   *w = arg;

	(void) prefix;
	if (w->failed)
		return;
	if (w->skip_depth > 0)
	{
		w->skip_depth--;
		return;
	}
	if (is_w_ns(w, uri))
	{
		WTag		tag = w_tag((const char *) localname);

		if (tag != W_OTHER)
			w_end(w, tag);
	}
	if (w->failed)
		sax_stop(w);
}

/* SAX2: text (also CDATA and white space): only w:t's counts. */
static void
sax_text(void *arg, const xmlChar *ch, int len)
{
	DocxWalk   *w = arg;

	if (w->failed || w->skip_depth > 0 || w->t_depth == 0 || len <= 0)
		return;
	add_text(w, (const char *) ch, (size_t) len);
	if (w->failed)
		sax_stop(w);
}

/* SAX2: a document type declaration (has_doctype() saw none): refuse it. */
static void
sax_doctype(void *arg, const xmlChar *name, const xmlChar *external_id,
			const xmlChar *system_id)
{
	DocxWalk   *w = arg;

	(void) name;
	(void) external_id;
	(void) system_id;
	walk_fail(w, "It has a document type declaration (<!DOCTYPE>), which "
			  "Word never writes; its entities are not read.");
	sax_stop(w);
}

/* SAX2: no entity is defined but XML's own (&amp; and the like). */
static xmlEntityPtr
sax_entity(void *arg, const xmlChar *name)
{
	(void) arg;
	(void) name;
	return NULL;
}

/*
 * Does the XML declare a document type before its root element?  Looked
 * for in the prolog (declaration, comments, processing instructions,
 * white space) before libxml2 sees a byte, so no entity is ever declared.
 */
static bool
has_doctype(const char *xml, size_t len)
{
	size_t		i = 0;

	if (len >= 3 && memcmp(xml, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len)
	{
		const char *end;

		if (xml[i] == ' ' || xml[i] == '\t' || xml[i] == '\r' || xml[i] == '\n')
		{
			i++;
			continue;
		}
		if (xml[i] != '<' || i + 1 >= len)
			return false;
		if (xml[i + 1] == '?')
			end = gip_memmem(xml + i, len - i, "?>", 2);
		else if (len - i >= 4 && memcmp(xml + i, "<!--", 4) == 0)
			end = gip_memmem(xml + i, len - i, "-->", 3);
		else
			return len - i >= 9 && memcmp(xml + i, "<!DOCTYPE", 9) == 0;
		if (end == NULL)
			return false;
		i = (size_t) (end - xml) + 2;
	}
	return false;
}

/*
 * Build doc->rows from word/document.xml (len bytes) with libxml2's SAX2
 * parser: no tree is built.  Returns false with doc->err set on failure.
 * The parser context is freed on every path.
 */
bool
gip_build_rows_docx(Doc *doc, const char *xml, size_t len)
{
	xmlSAXHandler sax;
	xmlSAXHandlerPtr old_sax;
	xmlParserCtxtPtr ctxt;
	DocxWalk	w;
	bool		well_formed;
	char		detail[320];

	doc->form = GIP_FORM_DOCX;
	if (len > INT32_MAX)
	{
		gip_error_set(doc->err, GIP_ERR_TOO_LARGE, 0,
					  "word/document.xml is too large", NULL);
		return false;
	}
	memset(&w, 0, sizeof(w));
	w.doc = doc;
	if (len == 0)
	{
		walk_fail(&w, "It is empty.");
		return false;
	}
	if (has_doctype(xml, len))
	{
		walk_fail(&w, "It has a document type declaration (<!DOCTYPE>), which "
				  "Word never writes; its entities are not read.");
		return false;
	}
	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = sax_start;
	sax.endElementNs = sax_end;
	sax.characters = sax_text;
	sax.cdataBlock = sax_text;
	sax.ignorableWhitespace = sax_text;
	sax.internalSubset = sax_doctype;
	sax.getEntity = sax_entity;
	sax.serror = sax_error;

	xmlInitParser();
	ctxt = xmlCreateMemoryParserCtxt(xml, (int) len);
	if (ctxt == NULL)
	{
		gip_error_set(doc->err, GIP_ERR_NOMEM, 0,
					  "could not start libxml2's XML parser", NULL);
		return false;
	}
	/* no network, no entity substitution, default size limits (no HUGE) */
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET);
	old_sax = ctxt->sax;
	ctxt->sax = &sax;
	ctxt->userData = &w;
	w.ctxt = ctxt;
	xmlParseDocument(ctxt);
	well_formed = ctxt->wellFormed != 0;
	ctxt->sax = old_sax;
	ctxt->userData = NULL;
	xmlFreeParserCtxt(ctxt);
	if (!w.failed && !well_formed)
	{
		if (w.xml_error[0])
			snprintf(detail, sizeof(detail),
					 "It is not well-formed XML: %s (line %d of word/document.xml).",
					 w.xml_error, w.xml_error_line);
		else
			snprintf(detail, sizeof(detail), "It is not well-formed XML.");
		walk_fail(&w, detail);
	}
	if (!w.failed && !w.root_seen)
		walk_fail(&w, "It holds no XML element.");
	if (!w.failed)
		flush_text(&w);
	if (w.failed)
	{
		if (doc->err->code == GIP_OK)
			gip_error_set(doc->err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
		return false;
	}
	return true;
}

/* Parse the bytes of a .docx archive into a report. */
GipReport *
gip_parse_docx(const uint8_t *data, size_t len, GipArena *arena, GipError *err)
{
	size_t		xml_len = 0;
	char	   *xml;

	memset(err, 0, sizeof(*err));
	if (len > GIP_DOCX_MAX_ARCHIVE)
	{
		char		detail[128];

		snprintf(detail, sizeof(detail),
				 "The archive is %zu bytes; the limit is %d bytes.",
				 len, GIP_DOCX_MAX_ARCHIVE);
		gip_error_set(err, GIP_ERR_TOO_LARGE, 0, "DOCX archive is too large",
					  detail);
		return NULL;
	}
	xml = (char *) gip_zip_member(data, len, "word/document.xml",
								  GIP_DOCX_MAX_XML, arena, &xml_len, err);
	if (xml == NULL)
		return NULL;
	return gip_parse_docx_xml(xml, xml_len, arena, err);
}

/*
 * Parse word/document.xml (already out of its archive) into a report; the
 * fuzzer comes in here to reach the XML past the archive's checksums.
 */
GipReport *
gip_parse_docx_xml(const char *xml, size_t xml_len, GipArena *arena,
				   GipError *err)
{
	Doc			doc;

	memset(err, 0, sizeof(*err));
	if (xml_len > GIP_DOCX_MAX_XML)
	{
		gip_error_set(err, GIP_ERR_TOO_LARGE, 0,
					  "word/document.xml is too large", NULL);
		return NULL;
	}
	if (!gip_doc_init(&doc, arena, err))
		return NULL;
	/* the title and first paragraphs tell: the first 64 kB of the XML */
	if (gip_text_is_traditional(xml, xml_len < 65536 ? xml_len : 65536))
	{
		if (!gip_ts_prepare(err))
			return NULL;
		doc.traditional = true;
	}
	if (!gip_build_rows_docx(&doc, xml, xml_len))
		return NULL;
	return gip_doc_finish(&doc);
}
