#!/usr/bin/env python3
"""
render_web.py
    Re-render every seed report (DOCX-text form) as a report reaches people
    on the web, so that the regression tests can check that each rendering
    parses to the seed's expected JSON:

      html   a full web page as a CMS writes it: site header and menus, the
             title in <h1>, narrative in <p>, the tables with the national
             template's rowspan/colspan header cells, <br> inside some
             header cells, &nbsp; for blank cells, Word-export markup
             (MsoNormal paragraphs and spans, inline styles) in the cells of
             the even seeds; seeds 001 and 003 put the whole article inside
             a layout <table> (nested tables); seed 002 splits table 三 in
             two <table> elements with the header rows repeated;
      gbk    the same page as GBK bytes declaring <meta charset="gb2312">
             (encoded with the gb18030 codec);
      trad   the seed text in Traditional characters (ICU's uconv
             -x Simplified-Traditional), UTF-8;
      big5   the Traditional text as Big5 bytes (characters Big5 lacks,
             such as U+00A0, dropped, as uconv -c does);
      utf16  the browser-copy TSV form (test/corpus/tsv/NNN.txt, made by
             render.py) as Excel's "Unicode text" saves it: UTF-16LE with a
             byte order mark and CRLF line ends.

    Usage: render_web.py [SEED.txt ...]   (default: test/seeds/*.txt, run
    from the top of the repository, after render.py); writes
    test/corpus/{html,gbk,trad,big5,utf16}/NNN.*.  Deterministic; python3
    stdlib and the uconv command.
"""

import glob
import html
import os
import re
import subprocess
import sys

sys.dont_write_bytecode = True     # leave no __pycache__ in the tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from seedtext import BOOKMARK, model, read_blocks, strip_cell  # noqa: E402

# The site each seed's page is published on (header, <title>, footer).
SITES = {
    "000": ("长春市南关区人民政府", "吉ICP备05001214号"),
    "001": ("灵寿县人民政府", "冀ICP备12019353号"),
    "002": ("泰安市泰山区人民政府", "鲁ICP备05018297号"),
    "003": ("北京市密云区人民政府", "京ICP备05083400号"),
    "004": ("嘉兴市秀洲区人民政府", "浙ICP备11005316号"),
}

HEADING = re.compile(r"^\s*([一二三四五六七八]、|[1-6]、\s*|（[一二三四五六]）)")
DATE = re.compile(r"^\s*\d{4}年\d{1,2}月\d{1,2}日\s*$")
PAGE_FOOTER = re.compile(r"^\s*\d+\s*/\s*\d+\s*$")

# ---------------------------------------------------------------- markup


def inline(s):
    """A text escaped for HTML: bookmarks as Word's <a name>, U+00A0 as &nbsp;."""
    out = []
    pos = 0
    for m in BOOKMARK.finditer(s):
        out.append(html.escape(s[pos:m.start()], quote=False))
        name = m.group(0)[len("[bookmark: "):-1]
        out.append('<a name="%s"></a>' % html.escape(name))
        pos = m.end()
    out.append(html.escape(s[pos:], quote=False))
    return "".join(out).replace("\u00a0", "&nbsp;")


def broken(s):
    """A header text with a <br> in its middle, as narrow cells are typed."""
    t = strip_cell(s)
    if " " in t:
        return inline(t).replace(" ", "<br>", 1)
    if 4 <= len(t) <= 6 and "[" not in t:
        k = len(t) // 2
        return inline(t[:k]) + "<br>" + inline(t[k:])
    return inline(s)


class Style:
    """How one page writes its cells and paragraphs (Word export or CMS)."""

    def __init__(self, word):
        self.word = word

    def table_open(self):
        if self.word:
            return ('<div align="center">\n<table class="MsoNormalTable" '
                    'border="1" cellspacing="0" cellpadding="0" '
                    'style="border-collapse:collapse;border:none;'
                    'mso-border-alt:solid windowtext .5pt">\n<tbody>')
        return ('<table border="1" cellspacing="0" cellpadding="0" '
                'width="100%" style="border-collapse:collapse;'
                'text-align:center;">\n<tbody>')

    def table_close(self, ncols):
        """
        The end of a table.  Word closes its tables with a hidden row of
        empty cells giving the column widths, inside a downlevel-revealed
        conditional comment.
        """
        if not self.word:
            return "</tbody>\n</table>"
        return ("<![if !supportMisalignedColumns]>\n<tr height=\"0\">\n" +
                "\n".join('<td width="57" style="border:none"></td>'
                          for _ in range(ncols)) +
                "\n</tr>\n<![endif]>\n</tbody>\n</table>\n</div>")

    def td(self, content, rowspan=1, colspan=1, head=False, width=None):
        """One cell; content is markup already, '' for a blank cell."""
        attrs = ""
        if colspan > 1:
            attrs += ' colspan="%d"' % colspan
        if rowspan > 1:
            attrs += ' rowspan="%d"' % rowspan
        if self.word:
            w = width or 57
            if content.strip() in ("", "&nbsp;"):
                content = "&nbsp;"
            font = "黑体" if head else "宋体"
            return ('<td width="%d"%s valign="center" style="width:%.1fpt;'
                    'border:solid windowtext 1.0pt;border-top:none;'
                    'padding:0cm 5.4pt 0cm 5.4pt">'
                    '<p class="MsoNormal" align="center" style="text-align:'
                    'center;line-height:15.0pt"><span style="font-size:'
                    '10.5pt;font-family:%s;mso-bidi-font-family:Arial">%s'
                    '</span></p></td>' % (w, attrs, w * 0.75, font, content))
        if content.strip() == "":
            content = "&nbsp;"
        if head:
            content = "<strong>%s</strong>" % content
        return '<td%s style="border:1px solid #000000;">%s</td>' % (
            attrs, content)

    def para(self, s, kind="body"):
        """One narrative paragraph: body, heading or right-aligned."""
        if self.word:
            if s.strip() == "":
                return '<p class="MsoNormal"><span lang="EN-US">&nbsp;</span></p>'
            if kind == "heading":
                return ('<p class="MsoNormal" style="text-indent:32.0pt;'
                        'line-height:28.0pt"><b><span style="font-size:'
                        '16.0pt;font-family:黑体">%s</span></b></p>'
                        % inline(s.strip()))
            align = ' align="right" style="text-align:right"' \
                if kind == "right" else \
                ' style="text-indent:32.0pt;line-height:28.0pt"'
            return ('<p class="MsoNormal"%s><span style="font-size:16.0pt;'
                    'font-family:仿宋_GB2312">%s</span></p>'
                    % (align, inline(s.strip())))
        if s.strip() == "":
            return None
        if kind == "heading":
            return ('<p style="text-indent:2em;"><strong>%s</strong></p>'
                    % inline(s.strip()))
        if kind == "right":
            return '<p style="text-align:right;">%s</p>' % inline(s.strip())
        return '<p style="text-indent:2em;">%s</p>' % inline(s.strip())


def tr(cells):
    return "<tr>\n" + "\n".join(cells) + "\n</tr>"

# ---------------------------------------------------------------- tables


def table2(st, rows):
    """Table 二: one four-column table, section rows spanning all columns."""
    width = 4
    for r in rows:
        if r[0] == "head" and "信息内容" in "".join(r[1]):
            width = max(width, len(r[1]))
    out = [st.table_open()]
    spans = [1] * width
    for r in rows:
        if r[0] == "head":
            cells = r[1]
            if len(cells) == 1:
                out.append(tr([st.td(inline(strip_cell(cells[0])),
                                     colspan=width, head=True, width=560)]))
                continue
            n = len(cells)
            spans = [1] * (n - 1) + [width - (n - 1)]
            out.append(tr([st.td(inline(strip_cell(c)), colspan=s, head=True,
                                 width=(160 if k == 0 else 130 * s))
                           for k, (c, s) in enumerate(zip(cells, spans))]))
        else:
            labels, values = r[1], r[2]
            label = "".join(labels)
            cells = [st.td(inline(label), width=160)]
            for k, v in enumerate(values):
                s = spans[k + 1] if k + 1 < len(spans) else 1
                cells.append(st.td(inline(v), colspan=s, width=130 * s))
            out.append(tr(cells))
    out.append(st.table_close(width))
    return out


def t3_head(st, heads):
    """The three header rows of table 三, spans as the template draws them."""
    h0, h1, h2 = heads[0], heads[1], heads[2]
    row1 = [st.td(inline(h0[0]), rowspan=3, colspan=3, head=True, width=300),
            st.td(inline(h0[1]), colspan=7, head=True, width=420)]
    row2 = [st.td(inline(h1[1]), rowspan=2, head=True),
            st.td(inline(h1[2]), colspan=5, head=True, width=300),
            st.td(inline(h1[3]), rowspan=2, head=True)]
    row3 = [st.td(broken(c) if k % 2 == 0 else inline(c), head=True)
            for k, c in enumerate(h2[2:7])]
    return [tr(row1), tr(row2), tr(row3)]


def t3_paths(data):
    """Each data row's depth and its labels padded to three levels."""
    return [(len(labels), [labels[k] if k < len(labels) else ""
                           for k in range(3)])
            for labels, _ in data]


def t3_body(st, data):
    """Table 三's data rows: group labels as rowspan cells over their rows."""
    paths = t3_paths(data)
    out = []
    for i, (depth, own) in enumerate(paths):
        cells = []
        for k in range(depth):
            if not strip_cell(own[k]):
                continue        # covered by a rowspan cell above
            last = (k == depth - 1)
            span = 1
            if not last:
                # rows below with an empty label at this level belong here
                j = i + 1
                while j < len(paths) and paths[j][0] > k + 1 and \
                        not strip_cell(paths[j][1][k]):
                    j += 1
                span = j - i
            cs = 3 - k if last else 1
            cells.append(st.td(inline(own[k]), rowspan=span, colspan=cs,
                               width=(100 * cs)))
        for v in data[i][1]:
            cells.append(st.td(inline(v), width=60))
        out.append(tr(cells))
    return out


def table3(st, rows, split):
    """Table 三: one table, or two with the header rows repeated."""
    heads = [r[1] for r in rows if r[0] == "head"]
    data = [(r[1], r[2]) for r in rows if r[0] == "data"]
    if not split:
        return [st.table_open()] + t3_head(st, heads) + t3_body(st, data) + \
            [st.table_close(10)]
    # split before （四）无法提供; the second part repeats the header rows
    # and starts its own 三、本年度办理结果 group
    cut = next(k for k, (labels, _) in enumerate(data)
               if "（四）" in "".join(labels))
    second = []
    for k, (labels, values) in enumerate(data[cut:]):
        labels = list(labels)
        if k == 0:
            labels[0] = next(x for x in (l[0] for l, _ in data)
                             if "本年度办理结果" in x)
        second.append((labels, values))
    return ([st.table_open()] + t3_head(st, heads) +
            t3_body(st, data[:cut]) + [st.table_close(10),
                                       st.para("（续表）", "right"),
                                       st.table_open()] +
            t3_head(st, heads) + t3_body(st, second) + [st.table_close(10)])


def table4(st, rows):
    """Table 四: three header rows with colspan/rowspan, then the numbers."""
    heads = [r[1] for r in rows if r[0] == "head"]
    data = [r[2] for r in rows if r[0] == "data"]
    h0, h1, h2 = heads[0], heads[1], heads[2]
    out = [st.table_open()]
    out.append(tr([st.td(inline(h0[0]), colspan=5, head=True, width=300),
                   st.td(inline(h0[1]), colspan=10, head=True, width=600)]))
    row2 = [st.td(broken(c), rowspan=2, head=True, width=40) for c in h1[:5]]
    row2 += [st.td(inline(c), colspan=5, head=True, width=300)
             for c in h1[5:7]]
    out.append(tr(row2))
    out.append(tr([st.td(broken(c), head=True, width=40) for c in h2[5:15]]))
    for values in data[:1]:
        out.append(tr([st.td(inline(v), width=40) for v in values]))
    out.append(st.table_close(15))
    return out

# ---------------------------------------------------------------- page


def title_lines(blocks):
    """How many leading text lines make up the title (they end in 报告)."""
    k = 0
    for i, b in enumerate(blocks[:5]):
        if b[0] != "text":
            break
        if b[1].strip():
            k = i + 1
            if "报告" in b[1]:
                return k
    return 1


def render_html(name, text):
    """The web page of a seed report (UTF-8 text)."""
    word = name not in ("001", "003")
    st = Style(word)
    blocks = model(read_blocks(text))
    # a page footer of the DOCX ("3 / 4") is not on a web page
    blocks = [b for b in blocks
              if not (b[0] == "text" and PAGE_FOOTER.match(b[1]))]
    nt = title_lines(blocks)
    title = "".join(BOOKMARK.sub("", b[1]).strip() for b in blocks[:nt])
    h1 = "".join(inline(b[1].strip()) for b in blocks[:nt])
    body = blocks[nt:]
    texts = [k for k, b in enumerate(body)
             if b[0] == "text" and b[1].strip()]
    right = set()
    if texts and DATE.match(BOOKMARK.sub("", body[texts[-1]][1])):
        right = set(texts[-2:])
    site, icp = SITES.get(name, ("人民政府", ""))

    art = ['<h1 class="article-title">%s</h1>' % h1]
    for k, b in enumerate(body):
        if b[0] == "text":
            kind = "right" if k in right else \
                "heading" if HEADING.match(BOOKMARK.sub("", b[1])) and \
                len(b[1]) < 40 else "body"
            p = st.para(b[1], kind)
            if p:
                art.append(p)
            continue
        kind, rows = b[1], b[2]
        if kind == 2:
            art.extend(table2(st, rows))
        elif kind == 3:
            art.extend(table3(st, rows, split=(name == "002")))
        elif kind == 4:
            art.extend(table4(st, rows))

    head = ['<!DOCTYPE html>',
            '<html lang="zh-CN">',
            '<head>',
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, '
            'initial-scale=1">',
            '<meta name="SiteName" content="%s">' % site,
            '<title>%s_%s</title>' % (html.escape(title), site),
            '<link rel="stylesheet" href="/css/common.css">',
            '<style type="text/css">',
            '.header{background:#c00;color:#fff} .nav li{float:left}',
            'p.MsoNormal{margin:0cm;text-align:justify;font-size:10.5pt}',
            '</style>']
    if word:
        head += ['<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal'
                 '</w:View></w:WordDocument></xml><![endif]-->']
    head += ['</head>', '<body>',
             '<div class="header">',
             '<div class="logo"><a href="/"><img src="/images/logo.png" '
             'alt="%s"></a></div>' % site,
             '<ul class="nav">',
             '<li><a href="/">首页</a></li>',
             '<li><a href="/zwgk/">政务公开</a></li>',
             '<li><a href="/zwfw/">政务服务</a></li>',
             '<li><a href="/hdjl/">互动交流</a></li>',
             '<li><a href="/zwgk/zfxxgk/ndbg/">政府信息公开年报</a></li>',
             '</ul>',
             '</div>',
             '<div class="crumb">当前位置：<a href="/">首页</a> &gt; '
             '<a href="/zwgk/">政务公开</a> &gt; '
             '<a href="/zwgk/zfxxgk/ndbg/">政府信息公开年报</a></div>']
    foot = ['<div class="footer">',
            '<p>主办：%s办公室　<a href="/wzdt/">网站地图</a>　'
            '<a href="/lxwm/">联系我们</a></p>' % site,
            '<p>%s</p>' % icp,
            '</div>',
            '<script type="text/javascript">var _hmt = _hmt || [];</script>',
            '</body>', '</html>']
    if word:
        page = head + ['<div class="article">',
                       '<div class="WordSection1" style="layout-grid:'
                       '15.6pt">'] + art + ['</div>', '</div>'] + foot
    else:
        # the whole article in a layout table: menu column and content
        page = head + [
            '<table width="1000" border="0" cellspacing="0" cellpadding="0" '
            'align="center" class="main">',
            '<tr>',
            '<td width="200" valign="top" class="left">',
            '<ul class="subnav"><li><a href="/zwgk/zfxxgk/zn/">政府信息公开'
            '指南</a></li><li><a href="/zwgk/zfxxgk/zd/">政府信息公开制度'
            '</a></li><li><a href="/zwgk/zfxxgk/ndbg/">政府信息公开年报'
            '</a></li></ul>',
            '</td>',
            '<td width="800" valign="top" class="content">',
            '<div class="TRS_Editor">'] + art + [
            '</div>',
            '</td>',
            '</tr>',
            '<tr><td colspan="2" align="center">'
            '<a href="javascript:window.print()">【打印本页】</a>'
            '<a href="javascript:window.close()">【关闭窗口】</a></td></tr>',
            '</table>'] + foot
    return "\n".join(page) + "\n"


def to_gbk(page):
    """The page as an old CMS saves it: GB2312 declared, GBK bytes."""
    page = page.replace('<meta charset="utf-8">', '<meta charset="gb2312">')
    return page.encode("gb18030")

# ---------------------------------------------------------------- text forms


def to_traditional(text):
    """The text in Traditional characters, by ICU's uconv."""
    r = subprocess.run(["uconv", "-f", "utf-8", "-t", "utf-8",
                        "-x", "Simplified-Traditional"],
                       input=text.encode("utf-8"), stdout=subprocess.PIPE,
                       check=True)
    return r.stdout.decode("utf-8")


def to_big5(trad):
    """Traditional text as Big5 bytes, unmappable characters dropped."""
    return trad.encode("big5", errors="ignore")


def to_utf16(tsv):
    """TSV text as Excel's Unicode text: UTF-16LE, BOM, CRLF."""
    return ("\ufeff" + tsv.replace("\n", "\r\n")).encode("utf-16-le")


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    mode = "wb" if isinstance(data, bytes) else "w"
    kw = {} if isinstance(data, bytes) else {"encoding": "utf-8",
                                             "newline": "\n"}
    with open(path, mode, **kw) as f:
        f.write(data)


def main(argv):
    seeds = argv[1:] or sorted(glob.glob("test/seeds/*.txt"))
    corpus = os.path.join("test", "corpus")
    for path in seeds:
        base = os.path.basename(path)
        name = base[:-4]
        with open(path, encoding="utf-8") as f:
            text = f.read()
        page = render_html(name, text)
        write(os.path.join(corpus, "html", name + ".html"), page)
        write(os.path.join(corpus, "gbk", name + ".html"), to_gbk(page))
        trad = to_traditional(text)
        write(os.path.join(corpus, "trad", base), trad)
        write(os.path.join(corpus, "big5", base), to_big5(trad))
        with open(os.path.join(corpus, "tsv", base), encoding="utf-8") as f:
            tsv = f.read()
        write(os.path.join(corpus, "utf16", base), to_utf16(tsv))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
