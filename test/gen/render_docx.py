#!/usr/bin/env python3
"""
render_docx.py
    Re-render every seed report (DOCX-text form) as the Word document
    (.docx) it was exported from, so that the tests can check that
    gip_parse(bytea) reads each to the seed's expected JSON; and write the
    hostile archives that must fail with a clear error.

    A rendering is a real-looking WordprocessingML package: [Content_Types].xml,
    _rels/.rels, word/document.xml, word/styles.xml, word/settings.xml,
    word/_rels/document.xml.rels and docProps/{core,app}.xml.  In
    word/document.xml the narrative is one w:p per line of the seed; every
    text is split over several runs (w:r) at fixed places, mid-word and
    mid-number, with differing run properties and w:proofErr marks between
    them, as Word writes text edited in several sessions; the seed's
    "[bookmark: ...]" marks are w:bookmarkStart/w:bookmarkEnd; a signature
    line starts with a w:tab; the body ends with a w:sectPr.  The tables have
    the national template's merged cells: the header cells merged across
    columns are w:gridSpan, merged down are w:vMerge restart/continue, and
    the outcome groups of table 三 are vertically merged label cells over
    their rows (the same spans as render_web.py's web page, borrowed from
    it); narrow header cells break their text with w:br (even seeds) or
    over two paragraphs (odd seeds); header rows repeat (w:tblHeader);
    seed 002 splits table 三 in two tables with "（续表）" between, as in its
    web page.  So each rendering's table rows are the very rows of cells
    its web page gives (compare.py checks that through gipcli --rows).

    A features document (test/corpus/docx/reader/features.docx, with
    features.rows.json: the rows of cells the reader must make of it, as
    gipcli --rows prints them) has what the seeds lack: w:gridBefore,
    w:hMerge, a table in a table cell, a text box written twice in
    mc:AlternateContent, tracked deletions and insertions, a content
    control (w:sdt), a field, a hyperlink, w:br and w:tab in narrative.

    Hostile archives (test/corpus/docx/bad/NAME.docx with NAME.json giving
    the SQLSTATE and message gip_parse must raise): empty, truncated, a ZIP
    without word/document.xml, an encrypted member (PKWARE ZipCrypto, done
    here by hand: zipfile cannot write it), a zip bomb (200 MB of zeros), a
    member inflating past its declared size, a compression-ratio bomb under
    the size cap, malformed XML, an empty word/document.xml, a DTD with
    entities (billion laughs), a root element that is no w:document.

    Usage: render_docx.py [SEED.txt ...]   (default test/seeds/*.txt, run
    from the top of the repository); writes test/corpus/docx/NNN.docx and
    test/corpus/docx/bad/*.  Deterministic (fixed timestamps, fixed
    compression level, no randomness); python3 stdlib only.
"""

import glob
import json
import os
import struct
import sys
import zipfile
import zlib
from xml.sax.saxutils import escape

sys.dont_write_bytecode = True     # leave no __pycache__ in the tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import render_web  # noqa: E402
from seedtext import BOOKMARK, model, read_blocks, strip_cell  # noqa: E402

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STAMP = (2023, 1, 18, 9, 30, 0)    # every member's time

# ---------------------------------------------------------------- runs


def run_pieces(s, salt):
    """Split a text into 1-3 pieces at fixed places (mid-word, mid-number)."""
    n = len(s)
    if n < 2:
        return [s] if s else []
    if n < 5:
        k = 1 + salt % (n - 1)
        return [s[:k], s[k:]]
    a = n // 3 + salt % 2
    b = (2 * n) // 3
    return [p for p in (s[:a], s[a:b], s[b:]) if p]


def rpr(k, head):
    """Run properties: fonts, sizes, an rsid-like language mark now and then."""
    font = "黑体" if head else "仿宋_GB2312"
    props = ('<w:rFonts w:ascii="Times New Roman" w:eastAsia="%s" '
             'w:hAnsi="Times New Roman"/>' % font)
    if head:
        props += "<w:b/>"
    if k % 2 == 1:
        props += '<w:lang w:val="en-US" w:eastAsia="zh-CN"/>'
    props += '<w:sz w:val="%d"/>' % (21 if head is not None else 32)
    return "<w:rPr>%s</w:rPr>" % props


def runs(s, salt, head=None):
    """The runs of a text, bookmarks as bookmark elements."""
    out = []
    pos = 0
    marks = list(BOOKMARK.finditer(s))
    pieces = []
    for m in marks:
        pieces.append(("text", s[pos:m.start()]))
        pieces.append(("mark", m.group(0)[len("[bookmark: "):-1]))
        pos = m.end()
    pieces.append(("text", s[pos:]))
    k = 0
    for kind, value in pieces:
        if kind == "mark":
            bid = salt % 1000 + k
            out.append('<w:bookmarkStart w:id="%d" w:name="%s"/>'
                       '<w:bookmarkEnd w:id="%d"/>'
                       % (bid, escape(value, {'"': "&quot;"}), bid))
            k += 1
            continue
        for j, p in enumerate(run_pieces(value, salt + k)):
            if j > 0 and (salt + j) % 3 == 0:
                out.append('<w:proofErr w:type="spellStart"/>')
            space = ' xml:space="preserve"' if p != p.strip() else ""
            out.append("<w:r>%s<w:t%s>%s</w:t></w:r>"
                       % (rpr(j + k, head), space, escape(p)))
            k += 1
    return "".join(out)


def para(s, salt, align=None, tab=False, head=None, breaks=False):
    """One w:p; breaks: '<br>' in s becomes w:br inside the paragraph."""
    ppr = '<w:pPr><w:spacing w:line="560" w:lineRule="exact"/>'
    if align:
        ppr += '<w:jc w:val="%s"/>' % align
    elif head is None:
        ppr += '<w:ind w:firstLine="640"/>'
    ppr += "</w:pPr>"
    body = ""
    if tab:
        body += "<w:r><w:tab/></w:r>"
    parts = s.split("<br>") if breaks else [s]
    for k, part in enumerate(parts):
        if k > 0:
            body += "<w:r><w:br/></w:r>"
        body += runs(part, salt + k, head)
    return "<w:p>%s%s</w:p>" % (ppr, body)

# ---------------------------------------------------------------- tables


class Cells:
    """
    The Style render_web.py's table builders are given: instead of markup
    it records each cell as a dict, so that the web page's spans (the
    national template's) are laid out here as a DOCX grid.
    """

    word = False

    def table_open(self):
        return ("open",)

    def table_close(self, ncols):
        return ("close", ncols)

    def td(self, content, rowspan=1, colspan=1, head=False, width=None):
        return {"text": content, "rs": rowspan, "cs": colspan, "head": head}

    def para(self, s, kind="body"):
        return ("para", s, kind)


def borrow_tables():
    """render_web's builders with plain text and rows as lists."""
    render_web.inline = lambda s: s
    render_web.tr = lambda cells: ("row", cells)


def grid_rows(rows):
    """
    Lay out rows of span cells on a grid: for each row the list of
    (col, cell, kind) with kind "start", or "cont" for a column covered by a
    cell merged down from above (its origin cell given).
    """
    occupied = {}            # (row, col) -> origin cell
    out = []
    for r, cells in enumerate(rows):
        placed = []
        col = 0
        for cell in cells:
            while (r, col) in occupied:
                col += 1
            placed.append((col, cell, "start"))
            for dr in range(cell["rs"]):
                for dc in range(cell["cs"]):
                    occupied[(r + dr, col + dc)] = cell
            col += cell["cs"]
        starts = {c for c, _, _ in placed}
        for (rr, c), origin in occupied.items():
            if rr != r or c in starts:
                continue
            # the first covered column of an origin from an upper row
            if any(x[1] is origin for x in placed):
                continue
            if (r, c - 1) in occupied and occupied[(r, c - 1)] is origin:
                continue
            placed.append((c, origin, "cont"))
        placed.sort(key=lambda x: x[0])
        out.append(placed)
    return out


def cell_xml(cell, kind, salt, seed_no, width):
    """One w:tc: spans and merges in w:tcPr, its text as paragraphs."""
    tcpr = '<w:tcW w:w="%d" w:type="dxa"/>' % (width * cell["cs"])
    if cell["cs"] > 1:
        tcpr += '<w:gridSpan w:val="%d"/>' % cell["cs"]
    if cell["rs"] > 1:
        tcpr += '<w:vMerge w:val="restart"/>' if kind == "start" \
            else "<w:vMerge/>"
    tcpr += '<w:vAlign w:val="center"/>'
    text = strip_cell(cell["text"]) if kind == "start" else ""
    head = bool(cell["head"])
    if "<br>" in text and seed_no % 2 == 1:
        paras = "".join(para(p, salt + k, "center", head=head)
                        for k, p in enumerate(text.split("<br>")))
    else:
        paras = para(text, salt, "center", head=head, breaks=True)
    return "<w:tc><w:tcPr>%s</w:tcPr>%s</w:tc>" % (tcpr, paras)


def table_xml(rows, ncols, salt, seed_no, header_rows):
    """A w:tbl of rows of span cells."""
    width = 9000 // max(ncols, 1)
    out = ['<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/>'
           '<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
           '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
           '</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>']
    out += ['<w:gridCol w:w="%d"/>' % width] * ncols
    out.append("</w:tblGrid>")
    for r, placed in enumerate(grid_rows(rows)):
        trpr = '<w:trPr><w:trHeight w:val="454"/>'
        if r < header_rows:
            trpr += "<w:tblHeader/>"
        trpr += "</w:trPr>"
        cells = []
        for k, (col, cell, kind) in enumerate(placed):
            cells.append(cell_xml(cell, kind, salt + r * 7 + k, seed_no, width))
        out.append("<w:tr>%s%s</w:tr>" % (trpr, "".join(cells)))
    out.append("</w:tbl>")
    return "".join(out)


def tables_of(items):
    """Split a builder's output into ("table", rows, ncols) and paragraphs."""
    out = []
    rows = None
    for it in items:
        if it[0] == "open":
            rows = []
        elif it[0] == "close":
            out.append(("table", rows, it[1]))
            rows = None
        elif it[0] == "row":
            rows.append(it[1])
        elif it[0] == "para":
            out.append(it)
    return out

# ---------------------------------------------------------------- document


def document_xml(name, text):
    """word/document.xml of a seed report."""
    seed_no = int(name) if name.isdigit() else 0
    st = Cells()
    blocks = model(read_blocks(text))
    blocks = [b for b in blocks if not (b[0] == "text" and
                                        render_web.PAGE_FOOTER.match(b[1]))]
    texts = [k for k, b in enumerate(blocks) if b[0] == "text" and b[1].strip()]
    right = set()
    if texts and render_web.DATE.match(BOOKMARK.sub("", blocks[texts[-1]][1])):
        right = set(texts[-2:])
    nt = render_web.title_lines(blocks)
    body = []
    salt = seed_no * 101
    for k, b in enumerate(blocks):
        salt += 1
        if b[0] == "text":
            line = b[1].strip()
            if k < nt:
                body.append(para(line, salt, "center", head=True))
            elif k in right:
                body.append(para(line, salt, "right", tab=True))
            else:
                body.append(para(line, salt))
            continue
        kind, rows = b[1], b[2]
        if kind == 2:
            items = render_web.table2(st, rows)
            header = 2
        elif kind == 3:
            items = render_web.table3(st, rows, split=(name == "002"))
            header = 3
        elif kind == 4:
            items = render_web.table4(st, rows)
            header = 3
        else:
            continue
        for it in tables_of(items):
            if it[0] == "para":
                body.append(para(it[1], salt, "right"))
                continue
            _, trows, ncols = it
            body.append(table_xml(trows, ncols, salt, seed_no, header))
            # Word never lets a table end the body or touch the next one
            body.append("<w:p/>")
    return wrap_body(body)


def wrap_body(body):
    """word/document.xml around the body's paragraphs and tables."""
    sect = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" '
            'w:right="1474" w:bottom="1984" w:left="1587" w:header="851" '
            'w:footer="992" w:gutter="0"/><w:cols w:space="425"/>'
            '<w:docGrid w:type="lines" w:linePitch="312"/></w:sectPr>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            '<w:document xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
            'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:r="%s" xmlns:w="%s" '
            'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
            'mc:Ignorable="w14"><w:body>%s%s</w:body></w:document>'
            % (R, W, "".join(body), sect))


def docx_of_blocks(blocks, salt):
    """
    The .docx bytes of a list of blocks, for other generators (synth.py):
    ("p", text, align) with align None, "center" or "right", and
    ("table", rows, ncols, header_rows), rows being lists of cells
    {"text", "rs", "cs", "head"}, "<br>" in a text a line break.
    """
    body = []
    for k, b in enumerate(blocks):
        if b[0] == "p":
            body.append(para(b[1], salt + k, b[2], tab=(b[2] == "right")))
        else:
            body.append(table_xml(b[1], b[2], salt + k, salt, b[3]))
            body.append("<w:p/>")
    return package_document(wrap_body(body))


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    '</Types>')

RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '</Relationships>')

DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '</Relationships>')

STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    '<w:styles xmlns:w="%s"><w:docDefaults><w:rPrDefault><w:rPr>'
    '<w:rFonts w:ascii="Times New Roman" w:eastAsia="宋体" w:hAnsi="Times New Roman"/>'
    '<w:kern w:val="2"/><w:sz w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>'
    '</w:rPr></w:rPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/>'
    '<w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:style>'
    '<w:style w:type="table" w:default="1" w:styleId="a1"><w:name w:val="Normal Table"/>'
    '</w:style></w:styles>' % W)

SETTINGS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    '<w:settings xmlns:w="%s"><w:zoom w:percent="100"/>'
    '<w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/>'
    '<w:compat><w:spaceForUL/></w:compat></w:settings>' % W)

CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    '<dc:creator>Administrator</dc:creator><cp:lastModifiedBy>Administrator</cp:lastModifiedBy>'
    '<cp:revision>3</cp:revision>'
    '<dcterms:created xsi:type="dcterms:W3CDTF">2023-01-16T02:10:00Z</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">2023-01-18T09:30:00Z</dcterms:modified>'
    '</cp:coreProperties>')

APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    '<Template>Normal.dotm</Template><Pages>6</Pages><Application>Microsoft Office Word</Application>'
    '<DocSecurity>0</DocSecurity></Properties>')


def zinfo(name):
    """A member header with a fixed time, deflated."""
    info = zipfile.ZipInfo(name, date_time=STAMP)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 0
    info.external_attr = 0
    return info


def package(members):
    """A ZIP archive (bytes) of (name, bytes) members, deterministic."""
    import io
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compresslevel=6) as z:
        for name, data in members:
            z.writestr(zinfo(name), data)
    return buf.getvalue()


def render_docx(name, text):
    """The .docx bytes of a seed report."""
    return package_document(document_xml(name, text))


def package_document(doc):
    """A .docx package (bytes) around word/document.xml's text."""
    return package([
        ("[Content_Types].xml", CONTENT_TYPES.encode()),
        ("_rels/.rels", RELS.encode()),
        ("word/document.xml", doc.encode("utf-8")),
        ("word/_rels/document.xml.rels", DOC_RELS.encode()),
        ("word/styles.xml", STYLES.encode("utf-8")),
        ("word/settings.xml", SETTINGS.encode()),
        ("docProps/core.xml", CORE.encode()),
        ("docProps/app.xml", APP.encode()),
    ])

# ---------------------------------------------------------------- features


def r(text):
    return "<w:r><w:t>%s</w:t></w:r>" % escape(text)


def tc(body, props=""):
    return "<w:tc><w:tcPr>%s</w:tcPr>%s</w:tc>" % (props, body)


def p(*runs_):
    return "<w:p>%s</w:p>" % "".join(runs_)


def features_docx():
    """
    (bytes, rows) of the features document: rows as gipcli --rows gives
    them, [col, line, table, row, text] per cell, lines being paragraph
    numbers.
    """
    vml = "urn:schemas-microsoft-com:vml"
    wps = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
    body = [
        # p1: a line break and a tab
        p(r("标题"), "<w:r><w:br/></w:r>", r("第二"), r("行"),
          "<w:r><w:tab/></w:r>", r("尾")),
        # p2: a content control around a paragraph
        "<w:sdt><w:sdtPr><w:alias w:val=\"x\"/></w:sdtPr><w:sdtContent>%s"
        "</w:sdtContent></w:sdt>" % p(r("内容控件")),
        # p3: tracked changes
        p(r("保留"), '<w:del w:id="1" w:author="a"><w:r><w:delText>删除'
          '</w:delText></w:r></w:del>', '<w:ins w:id="2" w:author="a">%s'
          '</w:ins>' % r("插入")),
        # p4 holds p5, a text box; its fallback copy is not read
        p(r("前"), '<w:r><mc:AlternateContent><mc:Choice Requires="wps">'
          '<w:drawing><wps:txbx><w:txbxContent>%s</w:txbxContent></wps:txbx>'
          '</w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>'
          '<w:txbxContent>%s</w:txbxContent></v:textbox></w:pict>'
          '</mc:Fallback></mc:AlternateContent></w:r>' % (p(r("文本框")),
                                                        p(r("文本框"))),
          r("后")),
        # p6: empty
        "<w:p/>",
        "<w:tbl><w:tblPr/><w:tblGrid>%s</w:tblGrid>" % ('<w:gridCol w:w="1"/>' * 4),
        # p7-p9
        "<w:tr>%s%s%s</w:tr>" % (
            tc(p(r("A")), '<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>'),
            tc(p(r("B"))),
            tc(p(r("C")), '<w:vMerge w:val="restart"/>')),
        # p10-p12
        "<w:tr>%s%s%s</w:tr>" % (
            tc("<w:p/>", '<w:gridSpan w:val="2"/><w:vMerge/>'),
            tc(p(r("D"))),
            tc("<w:p/>", '<w:vMerge w:val="continue"/>')),
        # p13-p15
        '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>%s%s%s</w:tr>' % (
            tc(p(r("E"))),
            tc(p(r("F")), '<w:hMerge w:val="restart"/>'),
            tc("<w:p/>", "<w:hMerge/>")),
        # p16, p17 + nested table p18-p19 + p20, p21, p22
        "<w:tr>%s%s%s%s</w:tr>" % (
            tc(p(r("G"))),
            tc(p(r("H1")) + "<w:tbl><w:tr>%s%s</w:tr></w:tbl>" % (
                tc(p(r("X"))), tc(p(r("Y")))) + p(r("H2"))),
            tc(p(r("I"))),
            tc(p(r("J")))),
        "</w:tbl>",
        # p23: a hyperlink and a field (its code is not text, its result is)
        p(r("末段"), '<w:hyperlink r:id="rId9">%s</w:hyperlink>' % r("链接"),
          '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>'
          ' PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/>'
          '</w:r>', r("3"), '<w:r><w:fldChar w:fldCharType="end"/></w:r>'),
    ]
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
           '<w:document xmlns:w="%s" xmlns:r="%s" xmlns:v="%s" xmlns:wps="%s" '
           'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
           '<w:body>%s<w:sectPr/></w:body></w:document>'
           % (W, R, vml, wps, "".join(body)))
    rows = [
        [False, [[0, 1, 0, 0, "标题"]]],
        [False, [[0, 1, 0, 0, "第二行 尾"]]],
        [False, [[0, 2, 0, 0, "内容控件"]]],
        [False, [[0, 3, 0, 0, "保留插入"]]],
        [False, [[0, 4, 0, 0, "前文本框后"]]],
        [True, [[0, 7, 1, 1, "A"], [2, 8, 1, 1, "B"], [3, 9, 1, 1, "C"]]],
        [True, [[0, 7, 1, 2, "A"], [2, 11, 1, 2, "D"], [3, 9, 1, 2, "C"]]],
        [True, [[0, 15, 1, 3, ""], [1, 13, 1, 3, "E"], [2, 14, 1, 3, "F"]]],
        [True, [[0, 18, 2, 1, "X"], [1, 19, 2, 1, "Y"]]],
        [True, [[0, 16, 1, 4, "G"], [1, 17, 1, 4, "H1H2"], [2, 21, 1, 4, "I"],
                [3, 22, 1, 4, "J"]]],
        [False, [[0, 23, 0, 0, "末段链接3"]]],
    ]
    return with_document(xml.encode("utf-8")), rows

# ---------------------------------------------------------------- hostile


def zipcrypto(data, password, crc):
    """Traditional PKWARE encryption of data (12-byte header first)."""
    crc_table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ 0xEDB88320 if c & 1 else c >> 1
        crc_table.append(c)

    def crc32(c, b):
        return (c >> 8) ^ crc_table[(c ^ b) & 0xFF]

    keys = [0x12345678, 0x23456789, 0x34567890]

    def update(b):
        keys[0] = crc32(keys[0], b)
        keys[1] = (keys[1] + (keys[0] & 0xFF)) & 0xFFFFFFFF
        keys[1] = (keys[1] * 134775813 + 1) & 0xFFFFFFFF
        keys[2] = crc32(keys[2], keys[1] >> 24)

    for b in password:
        update(b)
    header = bytes(range(11)) + bytes([crc >> 24])
    out = bytearray()
    for b in header + data:
        t = (keys[2] | 2) & 0xFFFF
        out.append(b ^ (((t * (t ^ 1)) >> 8) & 0xFF))
        update(b)
    return bytes(out)


def encrypted_zip(members, secret):
    """A ZIP whose members named in secret are ZipCrypto-encrypted (stored)."""
    local = bytearray()
    central = bytearray()
    dostime = (STAMP[3] << 11) | (STAMP[4] << 5) | (STAMP[5] // 2)
    dosdate = ((STAMP[0] - 1980) << 9) | (STAMP[1] << 5) | STAMP[2]
    for name, data in members:
        crc = zlib.crc32(data) & 0xFFFFFFFF
        flags = 0
        body = data
        if name in secret:
            flags = 1
            body = zipcrypto(data, b"gipreport", crc)
        fname = name.encode()
        offset = len(local)
        local += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, 0,
                             dostime, dosdate, crc, len(body), len(data),
                             len(fname), 0) + fname + body
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20,
                               flags, 0, dostime, dosdate, crc, len(body),
                               len(data), len(fname), 0, 0, 0, 0, 0,
                               offset) + fname
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members),
                      len(members), len(central), len(local), 0)
    return bytes(local + central + end)


def patch_size(archive, name, size):
    """The archive with member name's uncompressed size field set to size."""
    data = bytearray(archive)
    fname = name.encode()
    # local header: signature, then fname at offset 30
    for sig, size_at, fname_at in ((b"PK\x03\x04", 22, 30),
                                   (b"PK\x01\x02", 24, 46)):
        pos = 0
        while True:
            pos = data.find(sig, pos)
            if pos < 0:
                break
            if data[pos + fname_at:pos + fname_at + len(fname)] == fname:
                struct.pack_into("<I", data, pos + size_at, size)
            pos += 4
    return bytes(data)


def with_document(xml):
    """A package of the usual parts around a given document.xml (bytes)."""
    return package([
        ("[Content_Types].xml", CONTENT_TYPES.encode()),
        ("_rels/.rels", RELS.encode()),
        ("word/document.xml", xml),
    ])


def zeros_member(name, size):
    """A deflated member of size zero bytes, made a chunk at a time."""
    import io
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compresslevel=9) as z:
        z.writestr(zinfo("[Content_Types].xml"), CONTENT_TYPES.encode())
        with z.open(zinfo(name), "w", force_zip64=False) as f:
            chunk = b"\0" * (1 << 20)
            for _ in range(size >> 20):
                f.write(chunk)
    return buf.getvalue()


def hostile(good):
    """{name: (bytes, expected error)} of archives that must be refused."""
    minimal = ('<?xml version="1.0" encoding="UTF-8"?>'
               '<w:document xmlns:w="%s"><w:body><w:p><w:r><w:t>x</w:t></w:r>'
               '</w:p></w:body></w:document>' % W).encode()
    bad_docx = "22P02"
    cases = {
        "empty": (b"", "22P02",
                  "text is not a government information disclosure annual report"),
        "truncated": (good[:len(good) // 2], bad_docx,
                      "could not read the DOCX archive"),
        "not_docx": (package([("[Content_Types].xml", CONTENT_TYPES.encode()),
                              ("xl/workbook.xml", b"<workbook/>")]),
                     bad_docx, "the ZIP archive is not a DOCX document"),
        "encrypted": (encrypted_zip([("[Content_Types].xml", CONTENT_TYPES.encode()),
                                     ("word/document.xml", minimal)],
                                    {"word/document.xml"}),
                      "0A000", "encrypted DOCX archives are not supported"),
        "bomb": (zeros_member("word/document.xml", 200 << 20), "54000",
                 "the DOCX archive goes over a size limit (a zip bomb?)"),
        "ratio_bomb": (zeros_member("word/document.xml", 48 << 20), "54000",
                       "the DOCX archive goes over a size limit (a zip bomb?)"),
        "size_lie": (patch_size(with_document(minimal * 40), "word/document.xml",
                                len(minimal)), bad_docx,
                     "could not read the DOCX archive"),
        "malformed": (with_document(minimal[:-30]), bad_docx,
                      "could not read word/document.xml of the DOCX archive"),
        "doctype": (with_document(
            b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
            b'<w:document xmlns:w="' + W.encode() + b'"><w:body><w:p><w:r><w:t>&c;'
            b'</w:t></w:r></w:p></w:body></w:document>'), bad_docx,
            "could not read word/document.xml of the DOCX archive"),
        "empty_xml": (with_document(b""), bad_docx,
                      "could not read word/document.xml of the DOCX archive"),
        "wrong_root": (with_document(b'<html><body><table><tr><td>x</td></tr>'
                                     b'</table></body></html>'), bad_docx,
                       "could not read word/document.xml of the DOCX archive"),
    }
    return cases


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    mode = "wb" if isinstance(data, bytes) else "w"
    kw = {} if isinstance(data, bytes) else {"encoding": "utf-8",
                                             "newline": "\n"}
    with open(path, mode, **kw) as f:
        f.write(data)


def main(argv):
    borrow_tables()
    seeds = argv[1:] or sorted(glob.glob("test/seeds/*.txt"))
    out = os.path.join("test", "corpus", "docx")
    first = None
    for path in seeds:
        name = os.path.basename(path)[:-4]
        with open(path, encoding="utf-8") as f:
            text = f.read()
        data = render_docx(name, text)
        write(os.path.join(out, name + ".docx"), data)
        if first is None:
            first = data
    data, rows = features_docx()
    write(os.path.join(out, "reader", "features.docx"), data)
    write(os.path.join(out, "reader", "features.rows.json"),
          json.dumps(rows, ensure_ascii=False) + "\n")
    if first is None:
        return 0
    for name, (data, sqlstate, message) in sorted(hostile(first).items()):
        write(os.path.join(out, "bad", name + ".docx"), data)
        write(os.path.join(out, "bad", name + ".json"),
              json.dumps({"error": sqlstate, "message": message},
                         ensure_ascii=False, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
