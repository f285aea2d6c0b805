/*
 * html.c
 *		Reading a web page: its tables as grids of cells, the rest as
 *		narrative lines, through libxml2's HTML parser.
 *
 * rowspan and colspan are expanded into the grid (a cell spanning rows
 * stands in every row it covers, so a merged group label reaches every row
 * of its group; a cell spanning columns is one cell, at its first column); <br>, <p> and other elements inside a cell are joined;
 * &nbsp; and empty cells are blank.  A table one of whose cells holds
 * another table is a layout table: its cells are read as containers.
 * Text outside tables becomes one narrative row per block element.  Every
 * cell remembers its table, row, column and source line.
 */
#include "gip_internal.h"

#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#define MAX_DEPTH		200		/* deeper nesting is read as flat text */
#define MAX_GRID_COLS	64		/* wider tables are cut */
#define MAX_TABLE_ROWS	4096	/* longer tables are cut */

/* State of the walk over the page. */
typedef struct HtmlWalk
{
	Doc		   *doc;
	int			ntables;		/* data tables seen */
	/* narrative text being gathered */
	char	   *text;
	size_t		text_len;
	size_t		text_cap;
	int			text_line;
	bool		failed;
} HtmlWalk;

/*
 * Case-insensitive search for an ASCII needle in the first bytes of text.
 * The needle is lower case and starts with a character that has no case
 * ('<'), so memchr finds the candidates.
 */
static bool
has_ascii_ci(const char *text, size_t len, const char *needle)
{
	size_t		nlen = strlen(needle);
	const char *p = text;
	const char *end = text + len;

	while ((size_t) (end - p) >= nlen &&
		   (p = memchr(p, needle[0], (size_t) (end - p) - nlen + 1)) != NULL)
	{
		size_t		k = 1;

		while (k < nlen && (p[k] | 0x20) == needle[k])
			k++;
		if (k == nlen)
			return true;
		p++;
	}
	return false;
}

/* Does the text look like an HTML page (or fragment with tables)? */
bool
gip_looks_like_html(const char *text, size_t len)
{
	size_t		head = len < 4096 ? len : 4096;
	size_t		i = 0;

	while (i < head && (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' ||
						text[i] == '\t'))
		i++;
	if (i < head && text[i] == '<' &&
		(has_ascii_ci(text + i, head - i, "<!doctype html") ||
		 has_ascii_ci(text + i, head - i, "<html") ||
		 has_ascii_ci(text + i, head - i, "<body") ||
		 has_ascii_ci(text + i, head - i, "<table") ||
		 has_ascii_ci(text + i, head - i, "<div") ||
		 has_ascii_ci(text + i, head - i, "<p")))
		return true;
	/* a fragment: table markup anywhere */
	if (memchr(text, '<', len < 65536 ? len : 65536) == NULL)
		return false;
	return has_ascii_ci(text, len < 65536 ? len : 65536, "<td") &&
		has_ascii_ci(text, len < 65536 ? len : 65536, "<tr");
}

/* Is node an element called name? */
static bool
is_elem(xmlNodePtr node, const char *name)
{
	return node != NULL && node->type == XML_ELEMENT_NODE &&
		xmlStrcasecmp(node->name, (const xmlChar *) name) == 0;
}

/* Elements that end a line of narrative. */
static bool
is_block(xmlNodePtr node)
{
	static const char *const blocks[] = {
		"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr",
		"table", "section", "article", "title", "center", "blockquote",
		"pre", "ul", "ol", "dt", "dd", "hr", NULL
	};

	if (node->type != XML_ELEMENT_NODE)
		return false;
	for (int i = 0; blocks[i] != NULL; i++)
		if (xmlStrcasecmp(node->name, (const xmlChar *) blocks[i]) == 0)
			return true;
	return false;
}

/* Elements whose text is never report text. */
static bool
is_skipped(xmlNodePtr node)
{
	return is_elem(node, "script") || is_elem(node, "style") ||
		is_elem(node, "noscript") || is_elem(node, "template");
}

/* Emit the gathered narrative text as a row. */
static void
flush_text(HtmlWalk *w)
{
	Doc		   *doc = w->doc;
	char	   *copy;

	if (w->failed || w->text_len == 0)
		return;
	copy = gip_strndup(doc->arena, w->text, w->text_len);
	if (copy == NULL ||
		!gip_rows_cell(doc, copy, w->text_len, w->text_line, 0, 0) ||
		!gip_rows_end(doc, false))
		w->failed = true;
	w->text_len = 0;
	w->text_line = 0;
}

/* Add text to the narrative being gathered. */
static void
add_text(HtmlWalk *w, const char *s, size_t len, int line)
{
	if (w->failed || len == 0)
		return;
	if (w->text_len + len + 1 > w->text_cap)
	{
		size_t		cap = (w->text_cap + len) * 2 + 256;
		char	   *text = gip_alloc_raw(w->doc->arena, cap);

		if (text == NULL)
		{
			w->failed = true;
			return;
		}
		if (w->text_len > 0)
			memcpy(text, w->text, w->text_len);
		w->text = text;
		w->text_cap = cap;
	}
	/* newlines inside a text node are layout of the source, not lines */
	for (size_t i = 0; i < len; i++)
		w->text[w->text_len++] = (s[i] == '\n' || s[i] == '\r') ? ' ' : s[i];
	if (w->text_line == 0)
		w->text_line = line;
}

/* Append the text of node and its descendants to buf. */
static void
gather_cell_text(HtmlWalk *w, xmlNodePtr node, char **buf, size_t *len,
				 size_t *cap, int depth)
{
	for (xmlNodePtr child = node->children; child != NULL; child = child->next)
	{
		if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
		{
			size_t		n = child->content ? strlen((const char *) child->content) : 0;

			if (*len + n + 1 > *cap)
			{
				size_t		newcap = (*cap + n) * 2 + 64;
				char	   *bigger = gip_alloc_raw(w->doc->arena, newcap);

				if (bigger == NULL)
				{
					w->failed = true;
					return;
				}
				if (*len > 0)
					memcpy(bigger, *buf, *len);
				*buf = bigger;
				*cap = newcap;
			}
			for (size_t i = 0; i < n; i++)
			{
				char		c = (char) child->content[i];

				/* source line breaks inside a cell are not text */
				if (c != '\n' && c != '\r')
					(*buf)[(*len)++] = c;
			}
		}
		else if (child->type == XML_ELEMENT_NODE && !is_skipped(child) &&
				 depth < MAX_DEPTH)
			gather_cell_text(w, child, buf, len, cap, depth + 1);
	}
}

/* Does node have a <table> among its descendants? */
static bool
has_table(xmlNodePtr node, int depth)
{
	for (xmlNodePtr child = node->children; child != NULL; child = child->next)
	{
		if (is_elem(child, "table"))
			return true;
		if (child->type == XML_ELEMENT_NODE && depth < MAX_DEPTH &&
			has_table(child, depth + 1))
			return true;
	}
	return false;
}

/* Read a span attribute (rowspan, colspan) clamped to [1, max]. */
static int
span_attr(xmlNodePtr cell, const char *name, int max)
{
	xmlChar    *value = xmlGetProp(cell, (const xmlChar *) name);
	int			n = 1;

	if (value != NULL)
	{
		int			v = 0;

		for (const xmlChar *p = value; *p >= '0' && *p <= '9' && v < 10000; p++)
			v = v * 10 + (*p - '0');
		if (v > 1)
			n = v;
		xmlFree(value);
	}
	return n < max ? n : max;
}

/*
 * Collect the <tr> elements of a table (through thead/tbody/tfoot) into
 * rows, or only count them when rows is NULL.
 */
static int
collect_rows(xmlNodePtr table, xmlNodePtr *rows, int max)
{
	int			n = 0;

	for (xmlNodePtr child = table->children; child != NULL && n < max; child = child->next)
	{
		if (is_elem(child, "tr"))
		{
			if (rows)
				rows[n] = child;
			n++;
		}
		else if (is_elem(child, "thead") || is_elem(child, "tbody") ||
				 is_elem(child, "tfoot"))
			for (xmlNodePtr tr = child->children; tr != NULL && n < max; tr = tr->next)
				if (is_elem(tr, "tr"))
				{
					if (rows)
						rows[n] = tr;
					n++;
				}
	}
	return n;
}

static void walk(HtmlWalk *w, xmlNodePtr node, int depth);

/* Is any cell of the table a container of another table? */
static bool
is_layout_table(xmlNodePtr *rows, int nrows)
{
	for (int r = 0; r < nrows; r++)
		for (xmlNodePtr cell = rows[r]->children; cell != NULL; cell = cell->next)
			if ((is_elem(cell, "td") || is_elem(cell, "th")) && has_table(cell, 0))
				return true;
	return false;
}

/* A cell placed in the grid: its node and text. */
typedef struct GridSlot
{
	const char *text;
	size_t		len;
	int			line;
	bool		used;
	bool		col_copy;		/* covered by the colspan of a cell to its left */
} GridSlot;

/* Read a data table into rows of cells, expanding rowspan and colspan. */
static void
read_table(HtmlWalk *w, xmlNodePtr table, xmlNodePtr *rows, int nrows, int depth)
{
	Doc		   *doc = w->doc;
	GridSlot   *grid;
	int			table_no;

	if (is_layout_table(rows, nrows))
	{
		for (int r = 0; r < nrows; r++)
		{
			for (xmlNodePtr cell = rows[r]->children; cell != NULL; cell = cell->next)
				if (is_elem(cell, "td") || is_elem(cell, "th"))
				{
					walk(w, cell, depth + 1);
					flush_text(w);
				}
		}
		return;
	}
	(void) table;
	table_no = ++w->ntables;
	grid = gip_alloc(doc->arena, sizeof(GridSlot) * (size_t) nrows * MAX_GRID_COLS);
	if (grid == NULL)
	{
		w->failed = true;
		return;
	}
	for (int r = 0; r < nrows && !w->failed; r++)
	{
		int			col = 0;

		if (doc->arena->interrupt_fn && (r & 63) == 63 &&
			doc->arena->interrupt_fn(doc->arena->ctx))
		{
			gip_error_set(doc->err, GIP_ERR_CANCELED, 0, "canceled", NULL);
			w->failed = true;
			return;
		}
		for (xmlNodePtr cell = rows[r]->children; cell != NULL; cell = cell->next)
		{
			char	   *text = NULL;
			size_t		len = 0;
			size_t		cap = 0;
			int			rowspan,
						colspan;

			if (!is_elem(cell, "td") && !is_elem(cell, "th"))
				continue;
			while (col < MAX_GRID_COLS && grid[r * MAX_GRID_COLS + col].used)
				col++;
			if (col >= MAX_GRID_COLS)
				break;
			gather_cell_text(w, cell, &text, &len, &cap, depth);
			rowspan = span_attr(cell, "rowspan", nrows - r);
			colspan = span_attr(cell, "colspan", MAX_GRID_COLS - col);
			for (int dr = 0; dr < rowspan; dr++)
				for (int dc = 0; dc < colspan; dc++)
				{
					GridSlot   *slot = &grid[(r + dr) * MAX_GRID_COLS + col + dc];

					slot->text = text ? text : "";
					slot->len = len;
					slot->line = (int) xmlGetLineNo(cell);
					slot->used = true;
					slot->col_copy = dc > 0;
				}
			col += colspan;
		}
	}
	/* emit the grid: each row up to its last used slot */
	for (int r = 0; r < nrows && !w->failed; r++)
	{
		int			last = -1;

		for (int c = 0; c < MAX_GRID_COLS; c++)
			if (grid[r * MAX_GRID_COLS + c].used)
				last = c;
		for (int c = 0; c <= last; c++)
		{
			GridSlot   *slot = &grid[r * MAX_GRID_COLS + c];
			int			line = slot->line > 0 ? slot->line : (int) xmlGetLineNo(rows[r]);

			/* a cell spanning columns is one cell: its value counts once */
			if (slot->col_copy)
				continue;
			if (!gip_rows_cell(doc, slot->used ? slot->text : "",
							   slot->used ? slot->len : 0, line, c, 1))
			{
				w->failed = true;
				return;
			}
			doc->cur_cells[doc->cur_n - 1].src_table = (uint16_t) table_no;
			doc->cur_cells[doc->cur_n - 1].src_row = (uint16_t) (r + 1);
		}
		if (!gip_rows_end(doc, true))
			w->failed = true;
	}
}

/* Walk the page: tables to grids, other text to narrative rows. */
/*
 * <meta name="PubDate" content="2020-01-31 10:00">: the page's own
 * publication date (meta.c takes it when the report is not signed).
 */
static void
page_date_meta(Doc *doc, xmlNodePtr node)
{
	static const char *const names[] = {
		"PubDate", "pubdate", "publishdate", "firstpublishedtime",
		"article:published_time", "dc.date", "DC.Date"
	};
	xmlChar    *name = xmlGetProp(node, (const xmlChar *) "name");
	xmlChar    *content;

	if (name == NULL)
		name = xmlGetProp(node, (const xmlChar *) "property");
	if (name == NULL)
		return;
	if (doc->page_date.year == 0)
		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (xmlStrcasecmp(name, (const xmlChar *) names[i]) == 0)
			{
				content = xmlGetProp(node, (const xmlChar *) "content");
				if (content != NULL &&
					gip_read_page_date((const char *) content,
									   strlen((const char *) content), &doc->page_date))
					doc->page_date.line = (int) xmlGetLineNo(node);
				if (content != NULL)
					xmlFree(content);
				break;
			}
	xmlFree(name);
}

static void
walk(HtmlWalk *w, xmlNodePtr node, int depth)
{
	for (xmlNodePtr child = node->children; child != NULL && !w->failed; child = child->next)
	{
		if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
		{
			if (child->content != NULL)
				add_text(w, (const char *) child->content,
						 strlen((const char *) child->content),
						 (int) xmlGetLineNo(child));
			continue;
		}
		if (child->type != XML_ELEMENT_NODE || is_skipped(child))
			continue;
		if (is_elem(child, "meta"))
		{
			page_date_meta(w->doc, child);
			continue;
		}
		if (is_elem(child, "table"))
		{
			int			nrows = collect_rows(child, NULL, MAX_TABLE_ROWS);
			xmlNodePtr *rows;

			flush_text(w);
			if (nrows == 0)
				continue;
			rows = gip_alloc_raw(w->doc->arena, sizeof(xmlNodePtr) * nrows);
			if (rows == NULL)
			{
				w->failed = true;
				return;
			}
			collect_rows(child, rows, nrows);
			read_table(w, child, rows, nrows, depth);
			continue;
		}
		if (is_block(child))
			flush_text(w);
		if (depth < MAX_DEPTH)
			walk(w, child, depth + 1);
		if (is_block(child))
			flush_text(w);
	}
}

/*
 * Build doc->rows from an HTML page.  Returns false (doc->err set) on
 * failure.  libxml2's document and parser context are freed on every path.
 */
bool
gip_build_rows_html(Doc *doc, const char *text, size_t len)
{
	htmlParserCtxtPtr ctxt;
	htmlDocPtr	html;
	HtmlWalk	w;
	xmlNodePtr	root;

	doc->form = GIP_FORM_HTML;
	if (len > INT32_MAX)
	{
		gip_error_set(doc->err, GIP_ERR_TOO_LARGE, 0, "page is too large", NULL);
		return false;
	}
	xmlInitParser();
	ctxt = htmlNewParserCtxt();
	if (ctxt == NULL)
	{
		gip_error_set(doc->err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
		return false;
	}
	html = htmlCtxtReadMemory(ctxt, text, (int) len, NULL, "UTF-8",
							  HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
							  HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
							  HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT);
	if (html == NULL)
	{
		htmlFreeParserCtxt(ctxt);
		gip_error_set(doc->err, GIP_ERR_NOT_A_REPORT, 0,
					  "could not read the text as an HTML page", NULL);
		return false;
	}
	memset(&w, 0, sizeof(w));
	w.doc = doc;
	root = xmlDocGetRootElement(html);
	if (root != NULL)
	{
		/* the root itself may be a table (a fragment) */
		xmlNode		holder;

		memset(&holder, 0, sizeof(holder));
		holder.type = XML_ELEMENT_NODE;
		holder.children = root;
		walk(&w, &holder, 0);
		flush_text(&w);
	}
	xmlFreeDoc(html);
	htmlFreeParserCtxt(ctxt);
	if (w.failed)
	{
		if (doc->err->code == GIP_OK)
			gip_error_set(doc->err, GIP_ERR_NOMEM, 0, "out of memory", NULL);
		return false;
	}
	return true;
}
