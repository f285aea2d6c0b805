#!/usr/bin/env python3
"""
synth.py
    Generate synthetic annual reports (政府信息公开工作年度报告) with random
    but consistent numbers, blanks and placeholders, in both templates and in
    every input form the parser reads, each with the JSON the parser must
    give back for it.  The property test (test/property/run.sh) parses every
    rendering and compares.

    For report NNNN it writes NNNN.json (expected result: agency, year,
    template, t3_variant, published, period, active_disclosure, requests,
    review_litigation, and "renderings": file name -> parser form name) and
    one or more renderings:

      NNNN.cells.txt   DOCX text: each cell on its own tab-led line, rows
                       separated by blank lines
      NNNN.tsv.txt     browser copy: one table row per line, tab-separated
      NNNN.layout.txt  pdftotext -layout: cells in space-padded columns
      NNNN.html        a CMS page, UTF-8
      NNNN.gbk.html    a CMS page in GBK bytes with <meta charset>
      NNNN.big5.txt    the cells form in Traditional characters, Big5 bytes
                       (converted with ICU's uconv)
      NNNN.clean.md    Markdown, clean, broken as converters write it, and
      NNNN.broken.md   as OCR pipelines write it: the cells form re-laid out
      NNNN.ocr.md      by test/gen/render_md.py; NNNN.htmltables.md: its
                       tables as HTML <table> among Markdown

    Usage: synth.py -n N -o DIR [--seed S] [--forms cells,tsv,...]
                    [--all-forms-every K] [--no-blanks] [--no-units]
                    [--no-fullwidth] [--no-typos]
    Deterministic for a given seed and options; stdlib only (plus uconv for
    the big5 form).
"""

import argparse
import json
import os
import random
import subprocess
import sys
import unicodedata
from decimal import Decimal

sys.dont_write_bytecode = True     # leave no __pycache__ in the tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import render_md  # noqa: E402

FORMS = ["cells", "tsv", "layout", "html", "gbk", "big5", "md", "mdbroken", "mdocr",
         "mdhtml", "docx"]
EXT = {"cells": "cells.txt", "tsv": "tsv.txt", "layout": "layout.txt",
       "html": "html", "gbk": "gbk.html", "big5": "big5.txt",
       "md": "clean.md", "mdbroken": "broken.md", "mdocr": "ocr.md",
       "mdhtml": "htmltables.md", "docx": "docx"}
PARSER_FORM = {"cells": "cells", "tsv": "tsv", "layout": "layout",
               "html": "html", "gbk": "html", "big5": "cells",
               "md": "markdown", "mdbroken": "markdown", "mdocr": "markdown",
               "mdhtml": "markdown", "docx": "docx"}
MD_STYLE = {"md": "clean", "mdbroken": "broken", "mdocr": "ocr", "mdhtml": "htmltables"}

# ---------------------------------------------------------------- agencies

CITIES = ["淮安", "嘉兴", "长春", "泰安", "洛阳", "绵阳", "赣州", "宜昌",
          "柳州", "湖州", "烟台", "襄阳", "南通", "常州", "邯郸", "保定",
          "商丘", "信阳", "盐城", "温州"]
DISTRICTS = ["清江浦", "南湖", "朝阳", "鼓楼", "西湖", "江宁", "洪泽", "秀洲",
             "南关", "泰山", "涧西", "涪城", "章贡", "西陵", "城中", "吴兴",
             "亭湖", "鹿城"]
COUNTIES = ["灵寿", "涟水", "平阳", "东海", "盱眙", "金湖", "安吉", "德清",
            "长兴", "滦南", "正定", "宁陵", "固始", "宁都", "沛县"]
PROVINCES = ["江苏", "浙江", "河北", "河南", "山东", "四川", "江西", "湖北",
             "吉林", "安徽", "福建", "湖南"]
BUREAUS = ["卫生健康局", "教育局", "财政局", "民政局", "生态环境局",
           "住房和城乡建设局", "市场监督管理局", "自然资源和规划局",
           "交通运输局", "农业农村局", "司法局", "人力资源和社会保障局",
           "应急管理局", "文化广电和旅游局", "医疗保障局", "卫生健康委员会",
           "发展和改革委员会"]
PROV_DEPTS = ["教育厅", "财政厅", "民政厅", "司法厅", "生态环境厅",
              "交通运输厅", "农业农村厅", "水利厅", "商务厅", "自然资源厅",
              "住房和城乡建设厅"]
STREETS = ["城南", "东关", "新华", "解放", "文昌", "城北", "河西"]


def county_name(c):
    """A county with its 县 (沛县 already has it)."""
    return c if c.endswith("县") else c + "县"


def make_agency(rng):
    """A real-looking name of an administrative body."""
    k = rng.randrange(9)
    city, dist = rng.choice(CITIES), rng.choice(DISTRICTS)
    if k == 0:
        return f"{city}市{dist}区人民政府"
    if k == 1:
        return f"{county_name(rng.choice(COUNTIES))}{rng.choice(BUREAUS)}"
    if k == 2:
        return f"{rng.choice(PROVINCES)}省{rng.choice(PROV_DEPTS)}"
    if k == 3:
        return f"{city}市{rng.choice(BUREAUS)}"
    if k == 4:
        return f"{city}市人民政府"
    if k == 5:
        return f"{dist}区{rng.choice(STREETS)}街道办事处"
    if k == 6:
        return f"{county_name(rng.choice(COUNTIES))}人民政府"
    if k == 7:
        return f"{dist}区{rng.choice(BUREAUS)}"
    return f"{city}市{dist}区{rng.choice(BUREAUS)}"

# ---------------------------------------------------------------- templates

T3_COLS = ["natural_person", "commercial", "research", "public_interest",
           "legal_service", "other_org", "total"]
ORG_HEADERS = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]

DENIED = [("denied_state_secret", "属于国家秘密"),
          ("denied_prohibited_by_law", "其他法律行政法规禁止公开"),
          ("denied_security_stability", "危及“三安全一稳定”"),
          ("denied_third_party", "保护第三方合法权益"),
          ("denied_internal_affairs", "属于三类内部事务信息"),
          ("denied_process_info", "属于四类过程性信息"),
          ("denied_enforcement_file", "属于行政执法案卷"),
          ("denied_query_matter", "属于行政查询事项")]
UNAVAILABLE = [("unavailable_not_held", "本机关不掌握相关政府信息"),
               ("unavailable_needs_creation", "没有现成信息需要另行制作"),
               ("unavailable_unclear", "补正后申请内容仍不明确")]
REJECTED = [("rejected_petition", "信访举报投诉类申请"),
            ("rejected_duplicate", "重复申请"),
            ("rejected_publication", "要求提供公开出版物"),
            ("rejected_excessive", "无正当理由大量反复申请"),
            ("rejected_confirmation", "要求行政机关确认或重新出具已获取信息")]
OTHER3 = [("other_no_correction",
           "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
          ("other_unpaid_fee",
           "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
          ("other_misc", "其他")]
GROUPS = {"denied": ("（三）不予公开", DENIED),
          "unavailable": ("（四）无法提供", UNAVAILABLE),
          "rejected": ("（五）不予处理", REJECTED),
          "other3": ("（六）其他处理", OTHER3)}
PARTIAL_LABEL = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T4_CATS = ["review", "litigation_direct", "litigation_after_review"]
T4_HEAD = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def t3_rows(variant):
    """Table 三 as (code, kind, group, label): kind top/single/item/total."""
    rows = [("new_received", "top", None, "一、本年新收政府信息公开申请数量"),
            ("carried_over", "top", None, "二、上年结转政府信息公开申请数量"),
            ("granted", "single", None, "（一）予以公开"),
            ("partially_granted", "single", None, PARTIAL_LABEL)]
    for g in ("denied", "unavailable", "rejected"):
        for code, label in GROUPS[g][1]:
            rows.append((code, "item", g, label))
    if variant == "2021":
        for code, label in OTHER3:
            rows.append((code, "item", "other3", label))
    else:
        rows.append(("other", "single", None, "（六）其他处理"))
    rows.append(("total_processed", "single", None, "（七）总计"))
    rows.append(("carried_forward", "top", None, "四、结转下年度继续办理"))
    return rows


# table 二: blocks of (title, header labels, [(item, label, [measures])])
def t2_blocks(template, rng, opt):
    """The blocks of table 二 with their header and row labels."""
    if template == "2021":
        nd = "行政规范性文件" if rng.random() < 0.7 else "规范性文件"
        return [("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"],
                 [("rules", "规章", ["issued", "repealed", "in_force"]),
                  ("normative_documents", nd, ["issued", "repealed", "in_force"])]),
                ("第二十条第（五）项", ["本年处理决定数量"],
                 [("licensing", "行政许可", ["decisions"])]),
                ("第二十条第（六）项", ["本年处理决定数量"],
                 [("punishment", "行政处罚", ["decisions"]),
                  ("coercion", "行政强制", ["decisions"])]),
                ("第二十条第（八）项", ["本年收费金额（单位：万元）"],
                 [("admin_fees", "行政事业性收费", ["amount_wan_yuan"])])]
    nd = "规范性文件" if rng.random() < 0.85 else "行政规范性文件"
    three = ["上一年项目数量", "本年增/减", "处理决定数量"]
    return [("第二十条第（一）项", ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
             [("rules", "规章", ["new_made", "new_published", "total_published"]),
              ("normative_documents", nd,
               ["new_made", "new_published", "total_published"])]),
            ("第二十条第（五）项", three,
             [("licensing", "行政许可", ["previous_items", "change", "decisions"]),
              ("other_services", "其他对外管理服务事项",
               ["previous_items", "change", "decisions"])]),
            ("第二十条第（六）项", three,
             [("punishment", "行政处罚", ["previous_items", "change", "decisions"]),
              ("coercion", "行政强制", ["previous_items", "change", "decisions"])]),
            ("第二十条第（八）项", ["上一年项目数量", "本年增/减"],
             [("admin_fees", "行政事业性收费", ["previous_items", "change"])]),
            ("第二十条第（九）项", ["采购项目数量", "采购总金额"],
             [("procurement", "政府集中采购", ["projects", "amount_yuan"])])]

# ---------------------------------------------------------------- cells

FW = str.maketrans("0123456789.", "０１２３４５６７８９．")
PLACEHOLDERS = ["/", "—", "无", "-", "／", "——"]


class Cell:
    """A table cell: the text as written and the value the parser must read."""
    __slots__ = ("text", "value")

    def __init__(self, text, value):
        self.text = text
        self.value = value


class Numberer:
    """Writes numbers the way one report's author does."""

    def __init__(self, rng, opt):
        self.rng = rng
        self.opt = opt
        self.p_blank = 0.0 if opt.no_blanks else rng.choice([0.0, 0.0, 0.02, 0.04, 0.08])
        self.p_ph = 0.0 if opt.no_blanks else rng.choice([0.0, 0.01, 0.02, 0.04])
        self.ph = rng.choice(PLACEHOLDERS)
        self.fullwidth = (not opt.no_fullwidth) and rng.random() < 0.06
        self.p_fw_cell = 0.0 if opt.no_fullwidth else 0.01
        self.commas = rng.random() < 0.3
        self.unit_t2 = None if opt.no_units else rng.choice([None, None, "件", "条"])
        self.unit_t3 = None if opt.no_units or rng.random() < 0.9 else "件"

    def cell(self, v, unit=None, zero_blankable=True):
        """A Cell for the value v (int or Decimal), maybe blank or a placeholder."""
        rng = self.rng
        weight = 1.0 if (v == 0 and zero_blankable) else 0.25
        r = rng.random()
        if r < self.p_blank * weight:
            return Cell("", None)
        if r < (self.p_blank + self.p_ph) * weight:
            ph = self.ph if rng.random() < 0.8 else rng.choice(PLACEHOLDERS)
            return Cell(ph, None)
        return Cell(self.fmt(v, unit), v)

    def fmt(self, v, unit=None):
        """The text of a number."""
        rng = self.rng
        if isinstance(v, Decimal):
            s = format(v, "f")
        else:
            s = str(v)
            if self.commas and abs(v) >= 1000 and rng.random() < 0.7:
                s = f"{v:,}"
        if self.fullwidth or rng.random() < self.p_fw_cell:
            s = s.translate(FW)
        if unit:
            s += unit
        return s


def split_total(rng, total, k):
    """Split total into k non-negative parts at random."""
    if k == 1:
        return [total]
    cuts = sorted(rng.randint(0, total) for _ in range(k - 1))
    parts, prev = [], 0
    for c in cuts + [total]:
        parts.append(c - prev)
        prev = c
    return parts


def gen_t3(rng, variant, num):
    """Table 三 values and cells: code -> 7 Cells; the arithmetic holds."""
    rows = t3_rows(variant)
    outcome = [r[0] for r in rows if r[0] not in
               ("new_received", "carried_over", "total_processed",
                "carried_forward")]
    vals = {r[0]: [0] * 7 for r in rows}
    big = rng.random() < 0.15
    for c in range(6):
        if c == 0:
            nr = 0 if rng.random() < 0.25 else rng.randint(1, 3000 if big else 60)
        else:
            nr = 0 if rng.random() < 0.7 else rng.randint(1, 200 if big else 8)
        co = 0 if rng.random() < 0.6 else rng.randint(0, nr // 4 + 2)
        cf = 0 if rng.random() < 0.6 else rng.randint(0, (nr + co) // 3)
        tp = nr + co - cf
        vals["new_received"][c] = nr
        vals["carried_over"][c] = co
        vals["carried_forward"][c] = cf
        vals["total_processed"][c] = tp
        chosen = rng.sample(outcome, rng.randint(1, min(6, len(outcome))))
        if "granted" not in chosen and rng.random() < 0.7:
            chosen[0] = "granted"
        for code, part in zip(chosen, split_total(rng, tp, len(chosen))):
            vals[code][c] += part
    for code in vals:
        vals[code][6] = sum(vals[code][:6])
    blank_total = rng.random() < 0.02 and not num.opt.no_blanks
    cells = {}
    for code, _, _, _ in rows:
        row = []
        for c in range(7):
            if blank_total and c == 6:
                row.append(Cell("", None))
            else:
                row.append(num.cell(vals[code][c], num.unit_t3))
        cells[code] = row
    return rows, cells


def gen_t4(rng, num):
    """Table 四: category -> 5 Cells."""
    cells = {}
    busy = rng.random() < 0.4
    for cat in T4_CATS:
        v = [0 if (not busy or rng.random() < 0.6) else rng.randint(1, 12)
             for _ in range(4)]
        v.append(sum(v))
        cells[cat] = [num.cell(x) for x in v]
    return cells


def gen_t2(rng, template, num, opt):
    """Table 二 blocks with Cells: [(title, headers, [(item, label, [(measure, Cell)])])]."""
    out = []
    for title, headers, rows in t2_blocks(template, rng, opt):
        nrows = []
        for item, label, measures in rows:
            mc = []
            for m in measures:
                mc.append((m, t2_cell(rng, num, item, m)))
            nrows.append((item, label, mc))
        out.append((title, headers, nrows))
    return out


def t2_cell(rng, num, item, m):
    """One cell of table 二."""
    unit = num.unit_t2 if rng.random() < 0.6 else None
    if m == "amount_wan_yuan":
        if rng.random() < 0.3:
            v = Decimal(0)
        else:
            v = Decimal(rng.randint(0, 999999)) / Decimal(100 if rng.random() < 0.7 else 1000)
        u = "万元" if (not num.opt.no_units and rng.random() < 0.15) else None
        return num.cell(v, u)
    if m == "amount_yuan":
        v = Decimal(rng.randint(0, 500000000)) / Decimal(rng.choice([1, 10, 100]))
        r = rng.random()
        if num.opt.no_units or r < 0.5:
            return num.cell(v)
        if r < 0.8:
            return num.cell(v, "元")
        w = (v / Decimal(10000)).normalize()
        c = num.cell(v)
        if c.value is not None:
            c.text = num.fmt(Decimal(format(w, "f")), "万元")
        return c
    if m == "change":
        v = rng.randint(-5, 30) if rng.random() < 0.5 else 0
        return num.cell(v)
    if m in ("previous_items", "projects"):
        return num.cell(rng.randint(0, 400) if rng.random() < 0.6 else 0)
    if m == "decisions":
        v = 0 if rng.random() < 0.3 else rng.randint(1, rng.choice([50, 2000, 80000]))
        return num.cell(v, unit)
    if m in ("issued", "repealed", "new_made", "new_published"):
        return num.cell(0 if rng.random() < 0.5 else rng.randint(1, 30), unit)
    return num.cell(rng.randint(0, 200), unit)

# ---------------------------------------------------------------- the report

CN_DIG = "〇一二三四五六七八九"


def cn_year(y):
    """二〇二三."""
    return "".join(CN_DIG[int(d)] for d in str(y))


def cn_small(n):
    """一 … 三十一."""
    if n < 10:
        return CN_DIG[n]
    t, u = divmod(n, 10)
    return ("" if t == 1 else CN_DIG[t]) + "十" + (CN_DIG[u] if u else "")


def write_date(rng, y, m, d, style):
    """A date as written under a signature."""
    if style == "cn":
        return f"{cn_year(y)}年{cn_small(m)}月{cn_small(d)}日"
    if style == "spaced":
        return f"{y} 年 {m} 月 {d} 日"
    return f"{y}年{m}月{d}日"


PARAS_OVERVIEW = [
    "{y}年，{a}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，不断完善政府信息公开制度，推进政务公开工作规范、有序开展。",
    "（一）主动公开情况。通过门户网站主动公开政府信息{n1}条，其中政策文件{n2}条，通知公告{n3}条。",
    "（二）依申请公开情况。{y}年共收到政府信息公开申请{req}件，均在法定期限内答复。",
    "（三）政府信息管理情况。严格执行信息发布审核制度，落实“三审三校”要求，未经审核的信息一律不准发布。",
    "（四）平台建设情况。加强政府网站和政务新媒体日常监管，及时更新栏目内容，确保信息准确规范。",
    "（五）监督保障情况。将政务公开工作纳入年度考核，组织业务培训{n4}次，进一步提高工作人员业务水平。",
]
PARAS_PROBLEMS = [
    "{y}年，我单位政府信息公开工作取得一定成效，但仍存在公开内容不够全面、政策解读形式较为单一等问题。",
    "下一步，将进一步加强组织领导，完善工作机制，加大培训力度，不断提升政务公开工作质量。",
]


def paragraphs_overview(rng, rep):
    """The paragraphs of part 一."""
    k = dict(y=rep["year"], a=rep["agency"], n1=rng.randint(10, 3000),
             n2=rng.randint(0, 50), n3=rng.randint(0, 200), n4=rng.randint(1, 9),
             req=rep["req_total"])
    return [p.format(**k) for p in PARAS_OVERVIEW[:rng.randint(2, len(PARAS_OVERVIEW))]]


def paragraphs_other(rng, rep):
    """The paragraphs of part 六 (empty when the heading says （无）)."""
    if rep["part6_none"]:
        return []
    y = rep["year"]
    if rep["template"] == "2021":
        n = rng.randint(0, 3) if rng.random() < 0.2 else 0
        amt = n * rng.choice([0, 100, 50])
        return [f"{y}年，本机关发出收费通知{n}件，总金额{amt}元，实际收取的总金额{amt}元。"]
    return [rng.choice(["本年度无其他需要报告的事项。",
                        f"{y}年度未收取政府信息公开信息处理费。"])]


HEADINGS = {1: "总体情况", 2: "主动公开政府信息情况",
            3: "收到和处理政府信息公开申请情况",
            4: "政府信息公开行政复议、行政诉讼情况",
            5: "存在的主要问题及改进情况", 6: "其他需要报告的事项"}
CN_NUM = "零一二三四五六"


def heading(rep, part):
    """A part heading in this report's style."""
    title = HEADINGS[part]
    if part == 5 and rep["long5"]:
        title = "政府信息公开工作存在的主要问题及改进情况"
    if part == 4 and rep["wrong4"]:
        title = HEADINGS[3]
    style = rep["hstyle"]
    if style == "cn":
        h = f"{CN_NUM[part]}、{title}"
    elif style == "arabic":
        h = f"{part}、{title}"
    elif style == "arabicdot":
        h = f"{part}.{title}"
    else:
        h = title
    if part == 6 and rep["part6_none"]:
        h += "（无）"
    return h


def make_report(rng, idx, opt):
    """One random report: metadata, narrative and the three tables."""
    year = rng.randint(2019, 2025)
    template = "2019" if year <= 2020 else "2021"
    if rng.random() < 0.05:
        template = "2021" if template == "2019" else "2019"
    variant = template
    if template == "2021" and rng.random() < 0.07:
        variant = "2019"        # the mixed case: 2021 table 二, single （六）
    agency = make_agency(rng)
    num = Numberer(rng, opt)
    rows3, cells3 = gen_t3(rng, variant, num)
    cells4 = gen_t4(rng, num)
    t2 = gen_t2(rng, template, num, opt)
    # the typo and label numbering of table 三
    typo = (not opt.no_typos) and rng.random() < 0.1
    numbering = rng.choice(["1.", "1.", "1、", "（1）", "1．"])
    sig = rng.random() < 0.8
    published = None
    if sig:
        if rng.random() < 0.85:
            py, pm, pd = year + 1, 1, rng.randint(3, 31)
        else:
            py, pm, pd = year + 1, rng.randint(2, 4), rng.randint(1, 28)
        published = (py, pm, pd)
    rep = dict(idx=idx, year=year, template=template, variant=variant,
               agency=agency, num=num, rows3=rows3, cells3=cells3,
               cells4=cells4, t2=t2, typo=typo, numbering=numbering,
               published=published,
               date_style=rng.choice(["ar", "ar", "ar", "cn", "spaced"]),
               title_style=rng.randrange(5),
               period_style=rng.randrange(3),
               hstyle=rng.choice(["cn", "cn", "cn", "arabic", "arabicdot", "none"]),
               long5=rng.random() < 0.3, wrong4=rng.random() < 0.03,
               part6_none=rng.random() < 0.1,
               req_total=cells3["new_received"][6].value or 0)
    rep["overview"] = paragraphs_overview(rng, rep)
    rep["problems"] = [p.format(y=year) for p in PARAS_PROBLEMS]
    rep["other"] = paragraphs_other(rng, rep)
    return rep


def expected(rep):
    """The JSON the parser must give for the report."""
    t2 = []
    for _, _, rows in rep["t2"]:
        for item, _, mc in rows:
            for m, c in mc:
                t2.append([item, m, jnum(c.value)])
    req = {code: [jnum(c.value) for c in rep["cells3"][code]]
           for code, _, _, _ in rep["rows3"]}
    t4 = {cat: [jnum(c.value) for c in rep["cells4"][cat]] for cat in T4_CATS}
    y = rep["year"]
    pub = rep["published"]
    return {"agency": rep["agency"], "year": y, "template": rep["template"],
            "t3_variant": rep["variant"],
            "published": f"{pub[0]:04d}-{pub[1]:02d}-{pub[2]:02d}" if pub else None,
            "period": [f"{y}-01-01", f"{y}-12-31"],
            "active_disclosure": t2, "requests": req, "review_litigation": t4}


def jnum(v):
    """A value for JSON (Decimal as float; exact for our magnitudes)."""
    if v is None:
        return None
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() and v.as_tuple().exponent >= 0 else float(v)
    return v

# ---------------------------------------------------------------- text parts


def title_lines(rep):
    """The title, as one or two lines."""
    a, y = rep["agency"], rep["year"]
    s = rep["title_style"]
    if s == 0:
        return [f"{a}{y}年政府信息公开工作年度报告"]
    if s == 1:
        return [f"{a}{y}年度政府信息公开工作年度报告"]
    if s == 2:
        return [f"{a}政府信息公开工作{y}年度报告"]
    if s == 3:
        return [a, f"{y}年政府信息公开工作年度报告"]
    return [f"{y}年{a}政府信息公开工作年度报告"]


def intro(rep):
    """The opening paragraph with the statistics period."""
    y = rep["year"]
    if rep["period_style"] == 0:
        per = f"本报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。"
    elif rep["period_style"] == 1:
        per = f"报告中所列数据统计期限自{y}年1月1日至{y}年12月31日。"
    else:
        per = f"本报告所列数据统计期限为{y}年1月1日至{y}年12月31日。"
    return ("本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制。"
            + per + f"如对本报告有疑问，请与{rep['agency']}办公室联系。")


def signature(rep):
    """The signature lines, or []."""
    if rep["published"] is None:
        return []
    y, m, d = rep["published"]
    return [rep["agency"], write_date(None, y, m, d, rep["date_style"])]


def t3_label(rep, label, pos):
    """An item label of table 三 with the report's numbering and typo."""
    if rep["typo"] and label == "其他法律行政法规禁止公开":
        label = "其他法律行政止公开"
    n = rep["numbering"]
    if n == "（1）":
        return f"（{pos}）{label}"
    return f"{pos}{n[1:]}{label}"

# ---------------------------------------------------------------- grids
# A grid is a list of rows; a row is a list of (text, colspan, rowspan,
# is_header); texts may hold "\n" (a line break inside the cell).


def t2_grid(rep, per_block=False):
    """Table 二 as one 4-wide grid (or one grid per block)."""
    grids, g = [], []
    for title, headers, rows in rep["t2"]:
        if per_block and g:
            grids.append(g)
            g = []
        g.append([(title, 4, 1, True)])
        hdr = [("信息内容", 1, 1, True)]
        for i, h in enumerate(headers):
            span = 4 - len(headers) if i == len(headers) - 1 else 1
            hdr.append((h, span, 1, True))
        g.append(hdr)
        for _, label, mc in rows:
            r = [(label, 1, 1, False)]
            for i, (_, c) in enumerate(mc):
                span = 4 - len(mc) if i == len(mc) - 1 else 1
                r.append((c, span, 1, False))
            g.append(r)
    grids.append(g)
    return grids


def t3_header():
    """The three header rows of table 三."""
    return [[(T3_NOTE, 3, 3, True), ("申请人情况", 7, 1, True)],
            [("自然人", 1, 2, True), ("法人或其他组织", 5, 1, True), ("总计", 1, 2, True)],
            [(h, 1, 1, True) for h in ORG_HEADERS]]


def t3_data_grid(rep, rows):
    """Data rows of table 三 (a slice of its rows) as grid rows."""
    out = []
    cells = rep["cells3"]
    n_out = sum(1 for r in rows if r[1] != "top")
    first_outcome = True
    seen_group = {}
    for code, kind, group, label in rows:
        r = []
        if kind == "top":
            r.append((label, 3, 1, False))
        else:
            if first_outcome:
                r.append(("三、本年度办理结果", 1, n_out, False))
                first_outcome = False
            if kind == "item":
                members = [x for x in rows if x[2] == group]
                pos = [m[0] for m in GROUPS[group][1]].index(code) + 1
                if group not in seen_group:
                    seen_group[group] = True
                    r.append((GROUPS[group][0], 1, len(members), False))
                r.append((t3_label(rep, label, pos), 1, 1, False))
            else:
                r.append((label, 2, 1, False))
        r.extend((c, 1, 1, False) for c in cells[code])
        out.append(r)
    return out


def t4_grid(rep):
    """Table 四 as a grid."""
    g = [[("行政复议", 5, 1, True), ("行政诉讼", 10, 1, True)],
         [(h, 1, 2, True) for h in T4_HEAD] +
         [("未经复议直接起诉", 5, 1, True), ("复议后起诉", 5, 1, True)],
         [(h, 1, 1, True) for h in T4_HEAD * 2]]
    g.append([(c, 1, 1, False) for cat in T4_CATS for c in rep["cells4"][cat]])
    return g


def flatten(grid, keep_covered=True):
    """Rows of (item, is_header) as DOCX text shows them: a cell covered by
    a rowspan from above is an empty cell (keep_covered) or absent."""
    covered = {}           # (row, col) -> True for vertically covered
    out = []
    for ri, row in enumerate(grid):
        col = 0
        cells = []
        pending = list(row)
        while pending or (ri, col) in covered:
            if (ri, col) in covered:
                span = covered[(ri, col)]
                if keep_covered:
                    cells.append(("", False))
                col += span
                continue
            item, cs, rs, hdr = pending.pop(0)
            for k in range(1, rs):
                covered[(ri + k, col)] = cs
            cells.append((item, hdr))
            col += cs
        out.append(cells)
    return out


def ctext(x):
    """The text of a grid item (Cell or str)."""
    return x.text if isinstance(x, Cell) else x

# ---------------------------------------------------------------- cells / tsv


def pad_cell(rng, t):
    """Stray spaces around a number in a DOCX cell."""
    if t and rng.random() < 0.08:
        return rng.choice([" ", "\u3000", "\u00a0"]) + t if rng.random() < 0.5 else t + " "
    return t


def render_cells(rep, rng):
    """DOCX text form."""
    L = []
    L.extend(title_lines(rep))
    L.append("")
    L.append(intro(rep))
    L.append(heading(rep, 1))
    L.extend(rep["overview"])

    def table(grid, brk=-1):
        for i, row in enumerate(flatten(grid)):
            if i == brk:
                L.append(f"{rng.randint(2, 3)} / {rng.randint(4, 6)}")
                L.append("")
            for x, hdr in row:
                t = ctext(x)
                if isinstance(x, Cell):
                    t = pad_cell(rng, t)
                elif hdr and 4 <= len(t) <= 8 and "（" not in t and rng.random() < 0.2:
                    t = t[:len(t) // 2] + "\n" + t[len(t) // 2:]
                L.append("\t" + t)
            L.append("")

    L.append(heading(rep, 2))
    L.append("")
    for g in t2_grid(rep):
        table(g)
    L.append("")
    L.append(heading(rep, 3))
    table(t3_header() + t3_data_grid(rep, rep["rows3"]),
          rng.randint(6, 20) if rng.random() < 0.15 else -1)
    L.append("")
    L.append(heading(rep, 4))
    L.append("")
    table(t4_grid(rep))
    L.append("")
    L.append(heading(rep, 5))
    L.extend(rep["problems"])
    L.append(heading(rep, 6))
    L.extend(rep["other"])
    sig = signature(rep)
    if sig and rng.random() < 0.2:
        sig[0] = "[bookmark: _GoBack]" + sig[0]
    L.extend(sig)
    return "\n".join(L) + "\n"


def render_tsv(rep, rng):
    """Browser-copy form: one row per line."""
    keep = rng.random() < 0.5
    L = []
    L.extend(title_lines(rep))
    L.append(intro(rep))
    L.append(heading(rep, 1))
    L.extend(rep["overview"])

    def table(grid):
        for row in flatten(grid, keep):
            L.append("\t".join(ctext(x) for x, _ in row))

    L.append(heading(rep, 2))
    for g in t2_grid(rep):
        table(g)
    L.append(heading(rep, 3))
    table(t3_header() + t3_data_grid(rep, rep["rows3"]))
    L.append(heading(rep, 4))
    table(t4_grid(rep))
    L.append(heading(rep, 5))
    L.extend(rep["problems"])
    L.append(heading(rep, 6))
    L.extend(rep["other"])
    L.extend(signature(rep))
    return "\n".join(L) + "\n"

# ---------------------------------------------------------------- layout


class Layout:
    """pdftotext -layout text: lines with text placed at columns."""

    def __init__(self, rng, by_width):
        self.rng = rng
        self.by_width = by_width
        self.lines = []
        self.page = 1

    def w(self, s):
        """Width of s in columns."""
        if not self.by_width:
            return len(s)
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)

    def place(self, items):
        """A line from (start column, text) items, in their order; at least
        2 spaces apart."""
        line = ""
        for col, t in items:
            if not t:
                continue
            cur = self.w(line)
            gap = col - cur
            if line and gap < 2:
                gap = 2
            line += " " * max(gap, 0) + t
        return line.rstrip()

    def add(self, line=""):
        self.lines.append(line)

    def footer(self):
        """A page break: the footer -N- and a few blank lines."""
        self.add("")
        self.add(" " * self.rng.randint(20, 44) + f"-{self.page}-")
        self.page += 1
        self.add("")
        self.add("")

    def chunks(self, s, limit):
        """Cut s into pieces no wider than limit."""
        out, cur = [], ""
        for ch in s:
            if cur and self.w(cur + ch) > limit:
                out.append(cur)
                cur = ""
            cur += ch
        if cur:
            out.append(cur)
        return out

    def para(self, text):
        """A narrative paragraph wrapped at 34 characters."""
        first = True
        for piece in self.chunks(text, 68 if self.by_width else 34):
            self.add(("   " if first else "") + piece)
            first = False
            if self.rng.random() < 0.03:
                self.footer()


def render_layout(rep, rng):
    """pdftotext -layout form."""
    by_width = rng.random() < 0.6
    lo = Layout(rng, by_width)
    u = 2 if by_width else 1          # columns per CJK character
    for t in title_lines(rep):
        lo.add(" " * rng.randint(6, 16) + t)
    lo.add("")
    lo.para(intro(rep))
    lo.add("   " + heading(rep, 1))
    for p in rep["overview"]:
        lo.para(p)
    lo.add("   " + heading(rep, 2))

    # table 二
    s2 = 7 * u + rng.randint(1, 3)
    lw2 = 11 * u + rng.randint(2, 6)
    for title, headers, rows in rep["t2"]:
        s2 = max(s2, max(lo.w(c.text) for _, _, mc in rows for _, c in mc) + 3)
        lo.add(" " * (lw2 // 2) + title)
        lo.add("")
        lo.add("")
        ends = [lw2 + s2 * (i + 1) for i in range(len(headers))]
        hchunks = [lo.chunks(h, s2 - 2) for h in headers]
        for k in range(max(len(c) for c in hchunks)):
            items = [(3 if k == 0 else 0, "信息内容" if k == 0 else "")]
            for i, ch in enumerate(hchunks):
                if k < len(ch):
                    items.append((ends[i] - lo.w(ch[k]), ch[k]))
            lo.add(lo.place(items))
        lo.add("")
        for _, label, mc in rows:
            items = [(0, label)]
            for i, (_, c) in enumerate(mc):
                items.append((ends[i] - lo.w(c.text), c.text))
            lo.add(lo.place(items))
            lo.add("")
        lo.add("")
        if rng.random() < 0.15:
            lo.footer()

    # table 三
    lo.add("   " + heading(rep, 3))
    s3 = max(4 * u + rng.randint(1, 3),
             max(lo.w(c.text) for r in rep["cells3"].values() for c in r) + 2)
    limit = 17 * u
    labels = []                # (first line, [continuation lines]) per row
    seen = set()
    first_outcome = True
    for code, kind, group, label in rep["rows3"]:
        if kind == "top":
            parts = lo.chunks(label, limit)
            labels.append((parts[0], parts[1:]))
            continue
        lead = ""
        if first_outcome:
            lead = "三、本年度办理结果  "
            first_outcome = False
        if kind == "item":
            pos = [m[0] for m in GROUPS[group][1]].index(code) + 1
            text = t3_label(rep, label, pos)
            parts = lo.chunks(text, limit - 2 * u)
            if group not in seen:
                seen.add(group)
                first = "      " + lead + GROUPS[group][0] + "  " + parts[0]
            else:
                first = "            " + parts[0]
            labels.append((first, ["            " + p for p in parts[1:]]))
        else:
            parts = lo.chunks(label, limit)
            ind = "" if lead else "      "
            labels.append((ind + lead + parts[0], ["      " + p for p in parts[1:]]))
    lw3 = max(lo.w(f) for f, _ in labels) + rng.randint(2, 6)
    ends = [lw3 + s3 * (i + 1) for i in range(7)]
    note = lo.chunks(T3_NOTE, limit + 4 * u)
    lo.add(lo.place([(0, note[0]), (ends[3] - lo.w("申请人情况"), "申请人情况")]))
    for n in note[1:]:
        lo.add(n)
    lo.add("")
    lo.add(lo.place([(ends[0] - lo.w("自然人"), "自然人"),
                     (ends[1] - 3 * u, "法人或其他组织"),
                     (ends[6] - lo.w("总计"), "总计")]))
    lo.add("")
    och = [lo.chunks(h, s3 - 2) for h in ORG_HEADERS]
    for k in range(max(len(c) for c in och)):
        items = []
        for i, ch in enumerate(och):
            if k < len(ch):
                items.append((ends[i + 1] - lo.w(ch[k]), ch[k]))
        lo.add(lo.place(items))
    lo.add("")
    nrows = len(rep["rows3"])
    brk = rng.randint(6, nrows - 4) if rng.random() < 0.7 else -1
    for i, ((code, _, _, _), (first, rest)) in enumerate(zip(rep["rows3"], labels)):
        if i == brk:
            lo.footer()
        items = [(0, first)]
        for c, cell in enumerate(rep["cells3"][code]):
            items.append((ends[c] - lo.w(cell.text), cell.text))
        lo.add(lo.place(items))
        for r in rest:
            lo.add(r)
    lo.add("")
    lo.add("")

    # table 四
    lo.add("   " + heading(rep, 4))
    s4 = max(3 * u + rng.randint(2, 3),
             max(lo.w(c.text) for r in rep["cells4"].values() for c in r) + 2)
    ind = rng.randint(0, 4)
    ends = [ind + s4 * (i + 1) for i in range(15)]
    starts = [e - s4 + 1 for e in ends]
    lo.add(lo.place([(starts[0], "行政复议"), (starts[5], "行政诉讼")]))
    lo.add("")
    hch = [lo.chunks(h, s4 - 2) for h in T4_HEAD]
    for k in range(2):
        items = [(ends[i] - lo.w(ch[k]), ch[k]) for i, ch in enumerate(hch) if k < len(ch)]
        if k == 0:
            items += [(starts[5], "未经复议直接起诉"), (starts[10], "复议后起诉")]
        lo.add(lo.place(items))
    lo.add("")
    for k in range(2):
        items = [(ends[5 + j] - lo.w(ch[k]), ch[k])
                 for j, ch in enumerate(hch * 2) if k < len(ch)]
        lo.add(lo.place(items))
    lo.add("")
    cells = [c for cat in T4_CATS for c in rep["cells4"][cat]]
    lo.add(lo.place([(ends[i] - lo.w(c.text), c.text) for i, c in enumerate(cells)]))
    lo.add("")
    lo.add("   " + heading(rep, 5))
    for p in rep["problems"]:
        lo.para(p)
    lo.add("   " + heading(rep, 6))
    for p in rep["other"]:
        lo.para(p)
    for s in signature(rep):
        lo.add(" " * rng.randint(30, 44) + s)
    lo.footer()
    return "\n".join(lo.lines) + "\n"

# ---------------------------------------------------------------- html


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def html_table(grid, rng, fancy):
    """A <table> for a grid (header cells as <th> on some sites)."""
    th = rng.random() < 0.2
    out = ['<table border="1" cellspacing="0" cellpadding="0" width="100%" style="border-collapse:collapse">',
           "<tbody>"]
    for row in grid:
        out.append("<tr>")
        for x, cs, rs, hdr in row:
            t = ctext(x)
            if isinstance(x, Cell):
                if t == "":
                    body = rng.choice(["&nbsp;", "", "<p>&nbsp;</p>"])
                else:
                    body = esc(t)
            else:
                if hdr and len(t) >= 6 and rng.random() < 0.4 and "（" not in t[:3]:
                    cut = len(t) // 2
                    body = esc(t[:cut]) + "<br>" + esc(t[cut:])
                elif hdr and len(t) >= 6 and "（单位" in t:
                    body = esc(t).replace("（单位", "<br>（单位")
                else:
                    body = esc(t)
            if fancy and body and body != "&nbsp;":
                body = f'<p style="text-align:center"><span style="font-family:宋体;font-size:14px">{body}</span></p>'
            attrs = ""
            if cs > 1:
                attrs += f' colspan="{cs}"'
            if rs > 1:
                attrs += f' rowspan="{rs}"'
            tag = "th" if (th and hdr) else "td"
            out.append(f'<{tag}{attrs} valign="middle">{body}</{tag}>')
        out.append("</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def render_html(rep, rng, charset):
    """A CMS-like web page."""
    fancy = rng.random() < 0.5
    P = lambda t: f'<p style="text-indent:2em">{esc(t)}</p>'
    H = lambda t: f"<p><strong>{esc(t)}</strong></p>" if rng.random() < 0.7 else f"<h3>{esc(t)}</h3>"
    title = "".join(title_lines(rep))
    body = [f'<div class="title"><h1>{"<br>".join(esc(t) for t in title_lines(rep))}</h1></div>']
    if rep["published"]:
        y, m, d = rep["published"]
        body.append(f'<div class="info">发布时间：{y}-{m:02d}-{d:02d} 来源：{esc(rep["agency"])} 浏览次数：{rng.randint(10, 999)}</div>')
    body.append('<div class="content" id="zoom">')
    body.append(P(intro(rep)))
    body.append(H(heading(rep, 1)))
    body.extend(P(p) for p in rep["overview"])
    body.append(H(heading(rep, 2)))
    for g in t2_grid(rep, per_block=rng.random() < 0.5):
        body.append(html_table(g, rng, fancy))
    body.append(H(heading(rep, 3)))
    rows = rep["rows3"]
    if rng.random() < 0.25:
        k = rng.randint(5, len(rows) - 4)
        body.append(html_table(t3_header() + t3_data_grid(rep, rows[:k]), rng, fancy))
        body.append("<p>&nbsp;</p>")
        body.append(html_table(t3_header() + t3_data_grid(rep, rows[k:]), rng, fancy))
    else:
        body.append(html_table(t3_header() + t3_data_grid(rep, rows), rng, fancy))
    body.append(H(heading(rep, 4)))
    body.append(html_table(t4_grid(rep), rng, fancy))
    body.append(H(heading(rep, 5)))
    body.extend(P(p) for p in rep["problems"])
    body.append(H(heading(rep, 6)))
    body.extend(P(p) for p in rep["other"])
    for s in signature(rep):
        body.append(f'<p style="text-align:right">{esc(s)}</p>')
    body.append("</div>")
    content = "\n".join(body)
    if rng.random() < 0.3:
        content = ('<table width="980" align="center"><tr><td class="main">\n'
                   + content + "\n</td></tr></table>")
    if charset == "utf-8":
        meta = '<meta charset="utf-8">'
    else:
        meta = rng.choice([f'<meta charset="{charset}">',
                           f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'])
    return ("<!DOCTYPE html>\n<html>\n<head>\n" + meta + "\n<title>" + esc(title)
            + "</title>\n</head>\n<body>\n"
            + '<div class="nav"><a href="/">首页</a> &gt; <a href="/xxgk/">政府信息公开</a> &gt; 年度报告</div>\n'
            + content + '\n<div class="footer">主办单位：' + esc(rep["agency"])
            + " 网站标识码：" + str(rng.randint(1000000000, 9999999999)) + "</div>\n</body>\n</html>\n")

# ---------------------------------------------------------------- docx


def render_docx(rep, rng):
    """A Word document (.docx bytes, by render_docx.py): the grids with
    gridSpan/vMerge, runs split, header texts broken by w:br."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import render_docx as docxgen

    def grid(g):
        rows = []
        for row in g:
            cells = []
            for x, cs, rs, hdr in row:
                t = ctext(x)
                if hdr and len(t) >= 6 and rng.random() < 0.3 and "（" not in t[:3]:
                    t = t[:len(t) // 2] + "<br>" + t[len(t) // 2:]
                cells.append({"text": t, "rs": rs, "cs": cs, "head": hdr})
            rows.append(cells)
        return ("table", rows, max(sum(c["cs"] for c in rows[-1]), 4), 0)

    blocks = [("p", t, "center") for t in title_lines(rep)]
    blocks.append(("p", intro(rep), None))
    blocks.append(("p", heading(rep, 1), None))
    blocks.extend(("p", t, None) for t in rep["overview"])
    blocks.append(("p", heading(rep, 2), None))
    blocks.extend(grid(g) for g in t2_grid(rep, per_block=rng.random() < 0.3))
    blocks.append(("p", heading(rep, 3), None))
    rows = rep["rows3"]
    if rng.random() < 0.2:
        k = rng.randint(5, len(rows) - 4)
        blocks.append(grid(t3_header() + t3_data_grid(rep, rows[:k])))
        blocks.append(("p", "（续表）", "right"))
        blocks.append(grid(t3_header() + t3_data_grid(rep, rows[k:])))
    else:
        blocks.append(grid(t3_header() + t3_data_grid(rep, rows)))
    blocks.append(("p", heading(rep, 4), None))
    blocks.append(grid(t4_grid(rep)))
    blocks.append(("p", heading(rep, 5), None))
    blocks.extend(("p", t, None) for t in rep["problems"])
    blocks.append(("p", heading(rep, 6), None))
    blocks.extend(("p", t, None) for t in rep["other"])
    blocks.extend(("p", t, "right") for t in signature(rep))
    return docxgen.docx_of_blocks(blocks, rng.randint(0, 999))

# ---------------------------------------------------------------- big5


def to_traditional(texts):
    """Convert texts with one uconv run (ICU's Simplified-Traditional)."""
    if not texts:
        return []
    sep = "\n@@@@SYNTH-SPLIT@@@@\n"
    joined = sep.join(texts)
    r = subprocess.run(["uconv", "-x", "Simplified-Traditional"],
                       input=joined.encode("utf-8"), stdout=subprocess.PIPE,
                       check=True)
    out = r.stdout.decode("utf-8").split(sep)
    if len(out) != len(texts):
        sys.exit("synth.py: uconv output does not split back")
    return out


def big5_bytes(text):
    """Encode as Big5, swapping the few characters Big5 lacks."""
    text = text.replace("〇", "○").replace("\u00a0", "\u3000")
    return text.encode("big5", errors="replace")

# ---------------------------------------------------------------- main


def main():
    ap = argparse.ArgumentParser(description="synthetic annual reports")
    ap.add_argument("-n", type=int, default=100, help="number of reports")
    ap.add_argument("-o", "--out", required=True, help="output directory")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--forms", default=",".join(FORMS),
                    help="comma-separated subset of " + ",".join(FORMS))
    ap.add_argument("--all-forms-every", type=int, default=25,
                    help="every K-th report in all forms (0: never)")
    ap.add_argument("--no-blanks", action="store_true")
    ap.add_argument("--no-units", action="store_true")
    ap.add_argument("--no-fullwidth", action="store_true")
    ap.add_argument("--no-typos", action="store_true")
    opt = ap.parse_args()
    forms = [f for f in opt.forms.split(",") if f]
    for f in forms:
        if f not in FORMS:
            sys.exit(f"synth.py: unknown form {f}")
    os.makedirs(opt.out, exist_ok=True)
    big5_todo = []
    for i in range(opt.n):
        rng = random.Random(opt.seed * 1000003 + i)
        rep = make_report(rng, i, opt)
        name = f"{i:04d}"
        if opt.all_forms_every and i % opt.all_forms_every == 0:
            mine = forms
        else:
            mine = [forms[i % len(forms)]]
        exp = expected(rep)
        exp["renderings"] = {}
        for form in mine:
            frng = random.Random(opt.seed * 7919 + i * 31 + FORMS.index(form))
            fn = f"{name}.{EXT[form]}"
            exp["renderings"][fn] = PARSER_FORM[form]
            path = os.path.join(opt.out, fn)
            if form == "cells":
                data = render_cells(rep, frng).encode("utf-8")
            elif form == "tsv":
                data = render_tsv(rep, frng).encode("utf-8")
            elif form == "layout":
                data = render_layout(rep, frng).encode("utf-8")
            elif form == "html":
                data = render_html(rep, frng, "utf-8").encode("utf-8")
            elif form == "docx":
                data = render_docx(rep, frng)
            elif form in MD_STYLE:
                data = render_md.render(render_cells(rep, frng), MD_STYLE[form],
                                        frng).encode("utf-8")
            elif form == "gbk":
                cs = frng.choice(["gbk", "gbk", "gb2312", "GBK"])
                data = render_html(rep, frng, cs).encode("gbk")
            else:
                big5_todo.append((path, render_cells(rep, frng)))
                continue
            with open(path, "wb") as f:
                f.write(data)
        with open(os.path.join(opt.out, name + ".json"), "w", encoding="utf-8") as f:
            json.dump(exp, f, ensure_ascii=False, indent=1)
            f.write("\n")
    trad = to_traditional([t for _, t in big5_todo])
    for (path, _), t in zip(big5_todo, trad):
        with open(path, "wb") as f:
            f.write(big5_bytes(t))


if __name__ == "__main__":
    main()
