#!/usr/bin/env python3
"""
mutate.py
    Make the hand-made test cases of test/corpus/cases/ from the seeds:
    each case is a seed with a few lines changed, and comes with NAME.json,
    the right parse: the seed's expected JSON with the changed values, plus
    "cells", the cells the case is about ([table_no, row_code, column_code,
    state, value, raw, line]; line null where not checked), and "case", a
    sentence saying what was changed.  README.md in that directory lists
    the cases.

    Usage (from the top of the repository): test/gen/mutate.py
    Deterministic; stdlib only.
"""

import copy
import json
import os
import sys

sys.dont_write_bytecode = True     # leave no __pycache__ in the tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from render import render_layout, render_tsv  # noqa: E402

SEEDS = "test/seeds"
OUT = "test/corpus/cases"

T3_COLS = ["natural_person", "commercial", "research", "public_interest",
           "legal_service", "other_org", "total"]
T4_ROWS = ["review", "litigation_direct", "litigation_after_review"]
T4_COLS = ["upheld", "corrected", "other", "pending", "total"]


def load(n):
    """The lines and the expected JSON of seed n."""
    with open(os.path.join(SEEDS, "%03d.txt" % n), encoding="utf-8") as f:
        lines = f.read().split("\n")
    with open(os.path.join(SEEDS, "%03d.json" % n), encoding="utf-8") as f:
        exp = json.load(f)
    return lines, exp


def find(lines, text, start=0):
    """Index of the first line at or after start that contains text."""
    for k in range(start, len(lines)):
        if text in lines[k]:
            return k
    raise KeyError(text)


def values_after(lines, k):
    """Indexes of the cell lines that follow the label line k in its row."""
    out = []
    k += 1
    while k < len(lines) and lines[k].startswith("\t"):
        out.append(k)
        k += 1
    return out


def cell_line(lines, label, col, start=0):
    """Index of the line of the col-th value (0-based) of the row label."""
    k = find(lines, label, start)
    return values_after(lines, k)[col]


def t4_line(lines, cat, col):
    """Index of the line of a table 四 cell (the 15 numbers follow its
    last header row, the one ending with the third 总计)."""
    k = find(lines, "\t行政复议")
    heads = [j for j in range(k, len(lines)) if lines[j].strip() == "总计"]
    k = heads[-1] + 2       # skip the blank line after the header row
    return k + T4_ROWS.index(cat) * 5 + T4_COLS.index(col)


def set_req(exp, row, col, v):
    exp["requests"][row][T3_COLS.index(col)] = v


def set_t4(exp, cat, col, v):
    exp["review_litigation"][cat][T4_COLS.index(col)] = v


def set_t2(exp, item, measure, v):
    for e in exp["active_disclosure"]:
        if e[0] == item and e[1] == measure:
            e[2] = v
            return
    raise KeyError((item, measure))


def base(exp):
    """The fields of the expected JSON that the tests compare."""
    keep = ("agency", "year", "template", "published", "active_disclosure",
            "requests", "review_litigation")
    return {k: copy.deepcopy(exp[k]) for k in keep}


def write(name, lines, exp, case, cells, forms=()):
    """Write NAME.txt and NAME.json (and rendered forms when asked)."""
    text = "\n".join(lines)
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name + ".txt"), "w", encoding="utf-8") as f:
        f.write(text)
    doc = dict(exp) if exp is not None else {}
    doc["case"] = case
    doc["cells"] = cells
    with open(os.path.join(OUT, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")
    for form in forms:
        body = render_tsv(text) if form == "tsv" else render_layout(text)
        rc = [c[:6] + [None] for c in cells]    # lines differ there
        doc2 = dict(doc)
        doc2["cells"] = rc
        doc2["case"] = case + " Rendered as " + form + "."
        with open(os.path.join(OUT, "%s_%s.txt" % (name, form)), "w",
                  encoding="utf-8") as f:
            f.write(body)
        with open(os.path.join(OUT, "%s_%s.json" % (name, form)), "w",
                  encoding="utf-8") as f:
            json.dump(doc2, f, ensure_ascii=False, indent=1)
            f.write("\n")


def replace_cell(lines, k, text):
    """Set the cell on line k (a tab line) to text; returns its raw form."""
    assert lines[k].startswith("\t"), lines[k]
    lines[k] = "\t" + text
    return text


def case_blank():
    """Blank cells (a lone tab where a number was) in tables 三 and 四."""
    lines, exp = load(0)
    exp = base(exp)
    cells = []
    for label, col in (("一、本年新收", "natural_person"),
                       ("（一）予以公开", "total")):
        k = cell_line(lines, label, T3_COLS.index(col))
        replace_cell(lines, k, "")
        row = "new_received" if label.startswith("一") else "granted"
        set_req(exp, row, col, None)
        cells.append([3, row, col, "blank", None, "", k + 1])
    for cat, col in (("review", "pending"),
                     ("litigation_after_review", "total")):
        k = t4_line(lines, cat, col)
        replace_cell(lines, k, "")
        set_t4(exp, cat, col, None)
        cells.append([4, cat, col, "blank", None, "", k + 1])
    write("blank", lines, exp,
          "Seed 000 with four cells emptied (a lone tab where the 0 was): "
          "table 三 new_received/natural_person and granted/total, table 四 "
          "review/pending and litigation_after_review/total.  Those cells are "
          "blank (value NULL, not 0); every other value is as in seed 000.",
          cells, forms=("tsv", "layout"))


def case_fullwidth():
    """Full-width digits, with and without a space inside."""
    lines, exp = load(3)
    exp = base(exp)
    cells = []
    edits = [
        (2, "licensing", "decisions", "行政许可", 0, "２５７５", 2575),
        (2, "punishment", "decisions", "行政处罚", 0, "７１２", 712),
        (2, "admin_fees", "amount_wan_yuan", "行政事业性收费", 0, "４５．９４１",
         45.941),
        (3, "new_received", "natural_person", "一、本年新收", 0, "４", 4),
        (3, "new_received", "total", "一、本年新收", 6, "４", 4),
        (3, "total_processed", "natural_person", "（七）总计", 0, "４", 4),
    ]
    for t, row, col, label, idx, raw, v in edits:
        k = values_after(lines, find(lines, label))[idx]
        replace_cell(lines, k, raw)
        cells.append([t, row, col, "value", v, raw, k + 1])
    # a thousands group written with a space: "１ ２３４" style
    k = values_after(lines, find(lines, "行政规范性文件"))[2]
    replace_cell(lines, k, "２ ４")
    cells.append([2, "normative_documents", "in_force", "value", 24, "２ ４",
                  k + 1])
    write("fullwidth", lines, exp,
          "Seed 003 with full-width digits: 行政许可 ２５７５, 行政处罚 ７１２, "
          "收费 ４５．９４１ (full-width full stop), table 三 ４ in "
          "new_received and total_processed, and 现行有效件数 written "
          "'２ ４' (a space inside).  Values are unchanged: the parse is "
          "seed 003's.", cells)


def case_units():
    """Numbers with units, thousands separators and inner spaces (2019)."""
    lines, exp = load(4)
    exp = base(exp)
    cells = []
    k = find(lines, "\t行政许可")
    vs = values_after(lines, k)
    for idx, col, raw, v in ((0, "previous_items", "1,105件", 1105),
                             (1, "change", "375 件", 375),
                             (2, "decisions", "1 475", 1475)):
        replace_cell(lines, vs[idx], raw)
        cells.append([2, "licensing", col, "value", v, raw, vs[idx] + 1])
    vs = values_after(lines, find(lines, "\t行政处罚"))
    for idx, col, raw, v in ((0, "previous_items", "１８９条", 189),
                             (1, "change", "6\u30001", 61),
                             (2, "decisions", "2\u00a050", 250)):
        replace_cell(lines, vs[idx], raw)
        cells.append([2, "punishment", col, "value", v, raw, vs[idx] + 1])
    vs = values_after(lines, find(lines, "\t政府集中采购"))
    replace_cell(lines, vs[1], "2,537,769.5元")
    cells.append([2, "procurement", "amount_yuan", "value", 2537769.5,
                  "2,537,769.5元", vs[1] + 1])
    write("units", lines, exp,
          "Seed 004 (2019 template) with units and separators: 1,105件, "
          "'375 件', '1 475', １８９条, '6<U+3000>1', '2<U+00A0>50', "
          "2,537,769.5元.  Values are unchanged: the parse is seed 004's.",
          cells)


def case_units2021():
    """Units in a 2021 report: 件, 条, 万元, a no-break space."""
    lines, exp = load(3)
    exp = base(exp)
    cells = []
    for label, col_item, raw, v in (("\t行政许可", "licensing", "2,575件", 2575),
                                    ("\t行政处罚", "punishment", "712 条", 712)):
        k = values_after(lines, find(lines, label))[0]
        replace_cell(lines, k, raw)
        cells.append([2, col_item, "decisions", "value", v, raw, k + 1])
    k = values_after(lines, find(lines, "\t行政事业性收费"))[0]
    replace_cell(lines, k, "45.941万元")
    cells.append([2, "admin_fees", "amount_wan_yuan", "value", 45.941,
                  "45.941万元", k + 1])
    k = values_after(lines, find(lines, "\t行政规范性文件"))[2]
    replace_cell(lines, k, "2\u00a04")
    cells.append([2, "normative_documents", "in_force", "value", 24,
                  "2\u00a04", k + 1])
    k = values_after(lines, find(lines, "一、本年新收"))[6]
    replace_cell(lines, k, "4 件")
    cells.append([3, "new_received", "total", "value", 4, "4 件", k + 1])
    write("units2021", lines, exp,
          "Seed 003 with 2,575件, '712 条', 45.941万元 (the measure is in 万元 "
          "already: 45.941), '2<U+00A0>4' and '4 件'.  Values are unchanged: "
          "the parse is seed 003's.", cells)


def case_wanyuan():
    """A procurement amount written in 万元 (to be converted to 元)."""
    lines, exp = load(4)
    exp = base(exp)
    vs = values_after(lines, find(lines, "\t政府集中采购"))
    replace_cell(lines, vs[1], "253.77695万元")
    cells = [[2, "procurement", "amount_yuan", "value", 2537769.5,
              "253.77695万元", vs[1] + 1]]
    write("wanyuan", lines, exp,
          "Seed 004 with 采购总金额 written 253.77695万元: amount_yuan is in 元, "
          "so the value is 2537769.5, as in seed 004.", cells)


def case_placeholder():
    """Placeholder cells: '/', '—', '无', '-'."""
    lines, exp = load(0)
    exp = base(exp)
    cells = []
    vs = values_after(lines, find(lines, "二、上年结转"))
    for idx, raw in ((0, "/"), (1, "—"), (2, "无"), (3, "-")):
        replace_cell(lines, vs[idx], raw)
        set_req(exp, "carried_over", T3_COLS[idx], None)
        cells.append([3, "carried_over", T3_COLS[idx], "placeholder", None,
                      raw, vs[idx] + 1])
    k = values_after(lines, find(lines, "\t行政强制"))[0]
    replace_cell(lines, k, "—")
    set_t2(exp, "coercion", "decisions", None)
    cells.append([2, "coercion", "decisions", "placeholder", None, "—", k + 1])
    k = t4_line(lines, "litigation_direct", "upheld")
    replace_cell(lines, k, "无")
    set_t4(exp, "litigation_direct", "upheld", None)
    cells.append([4, "litigation_direct", "upheld", "placeholder", None, "无",
                  k + 1])
    write("placeholder", lines, exp,
          "Seed 000 with placeholders: table 三 carried_over written "
          "'/', '—', '无', '-' in its first four columns, 行政强制 '—', table 四 "
          "litigation_direct/upheld '无'.  Those cells are placeholders (value "
          "NULL, raw text kept); everything else is seed 000's.",
          cells, forms=("tsv", "layout"))


def case_no_t4():
    """A report without table 四 (heading and table removed)."""
    lines, exp = load(0)
    exp = base(exp)
    a = find(lines, "\t行政复议") - 1      # its (wrong) heading
    b = find(lines, "五、存在的主要问题")
    del lines[a:b]
    exp["review_litigation"] = {c: [None] * 5 for c in T4_ROWS}
    cells = [[4, c, col, "missing", None, None, None]
             for c in T4_ROWS for col in T4_COLS]
    write("no_t4", lines, exp,
          "Seed 000 with part 四 (its heading and table) removed.  The report "
          "still parses: tables 二 and 三 as in seed 000, every table 四 cell "
          "missing (value NULL, no line).", cells)


def case_wrong_heading():
    """Table 三 under the heading of table 二."""
    lines, exp = load(3)
    exp = base(exp)
    k = find(lines, "三、收到和处理政府信息公开申请情况")
    lines[k] = "二、主动公开政府信息情况"
    write("wrong_heading", lines, exp,
          "Seed 003 with table 三 headed '二、主动公开政府信息情况' (so two parts "
          "carry that heading).  Tables are found by content: the parse is "
          "seed 003's.", [])


def case_no_row():
    """Table 三 without its row 二、上年结转政府信息公开申请数量."""
    lines, exp = load(3)
    exp = base(exp)
    k = find(lines, "二、上年结转")
    vs = values_after(lines, k)
    del lines[k:vs[-1] + 2]     # the label, its 7 cells and the blank line
    exp["requests"]["carried_over"] = [None] * 7
    cells = [[3, "carried_over", c, "missing", None, None, None]
             for c in T3_COLS]
    write("no_carried_over", lines, exp,
          "Seed 003 with table 三's row 二、上年结转政府信息公开申请数量 removed.  "
          "The report still parses; that row's seven cells are missing, every "
          "other value is seed 003's.", cells)


NEWS = """市政务服务中心举办政务公开开放日活动

本报讯（记者 王晓）3月15日，市政务服务中心举办“政务公开开放日”活动，邀请30余名市民代表走进大厅，实地体验“一网通办”和政府信息公开申请办理流程。

活动中，工作人员介绍了今年以来全市政务公开工作情况：截至2月底，全市各级政府网站共主动公开政府信息1.2万余条，受理政府信息公开申请86件，均在法定期限内答复。市民代表还参观了政府信息公开查阅点，并就行政许可事项办理时限、行政事业性收费公示等问题与工作人员交流。

“以前觉得政府信息离我们很远，今天看了才知道，很多信息在网上都能查到。”市民李女士说。

据了解，市政务服务中心将每季度举办一次开放日活动，进一步提升政务公开的透明度和群众满意度。
"""


def case_not_report():
    """A news article that talks about disclosure but holds no table."""
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "not_report.txt"), "w", encoding="utf-8") as f:
        f.write(NEWS)
    with open(os.path.join(OUT, "not_report.json"), "w",
              encoding="utf-8") as f:
        json.dump({"case": "A news article about a disclosure open day: it "
                   "mentions 政府信息公开, 行政许可 and 行政事业性收费 but holds "
                   "none of the report's tables.  gip_parse must fail with "
                   "SQLSTATE 22P02.", "error": "22P02"}, f,
                  ensure_ascii=False, indent=1)
        f.write("\n")


OLD_2017 = """湖滨县人民政府2017年政府信息公开工作年度报告

本报告根据《中华人民共和国政府信息公开条例》要求，由县政府办公室编制。本报告所列数据的统计期限自2017年1月1日起至2017年12月31日止。

一、概述
2017年，县政府认真贯彻落实《条例》，政府信息公开工作稳步推进。

二、主动公开政府信息情况
2017年，全县共主动公开政府信息3256条，其中政府文件128条，人事信息96条，财政预决算信息45条。通过政府门户网站公开2980条，政务微博、微信公开276条。

三、依申请公开政府信息情况
2017年，全县共受理政府信息公开申请45件，其中当面申请12件，网络申请30件，信函申请3件。已全部办结，同意公开38件，不予公开2件，信息不存在5件。

四、政府信息公开的收费及减免情况
2017年，未收取任何费用。

五、因政府信息公开申请提起行政复议、行政诉讼的情况
2017年，因政府信息公开申请提起行政复议1件，行政诉讼0件。

六、政府信息公开工作存在的主要问题及改进情况
公开内容还不够全面，下一步将进一步加强。

湖滨县人民政府办公室
2018年3月20日
"""

OLD_2018_TABLE = ("湖滨县人民政府2018年度政府信息公开工作年度报告\n\n"
                  "一、概述\n2018年，全县政府信息公开工作有序开展。\n\n"
                  "二、主动公开情况\n\t指标\t单位\t数量\n\t主动公开政府信息数\t条\t4120\n"
                  "\t其中：主动公开规范性文件数\t条\t36\n\t政府公报发行期数\t期\t12\n\n"
                  "三、依申请公开情况\n\t收到申请数\t件\t52\n\t其中：当面申请数\t件\t10\n"
                  "\t网络申请数\t件\t39\n\t信函申请数\t件\t3\n\t申请答复数\t件\t52\n\n"
                  "四、行政复议、行政诉讼情况\n\t行政复议数\t件\t1\n\t行政诉讼数\t件\t0\n\n"
                  "湖滨县人民政府办公室\n2019年3月25日\n")


def case_pre2019():
    """Reports in the free format of before 2019: refused, saying so."""
    os.makedirs(OUT, exist_ok=True)
    for name, text, what in (
            ("pre2019_prose", OLD_2017, "A 2017 report in the free format of before the national "
             "templates: 主动公开政府信息情况 and 依申请公开 as prose, no table."),
            ("pre2019_table", OLD_2018_TABLE, "A 2018 report with the statistics tables of the old "
             "format (指标/单位/数量), which match no template.")):
        with open(os.path.join(OUT, name + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)
        with open(os.path.join(OUT, name + ".json"), "w", encoding="utf-8") as f:
            json.dump({"case": what + "  gip_parse must fail with SQLSTATE 22P02 and a detail "
                       "saying that it predates the national templates.",
                       "error": "22P02", "detail_contains": "predates the national templates"},
                      f, ensure_ascii=False, indent=1)
            f.write("\n")


def main():
    case_blank()
    case_fullwidth()
    case_units()
    case_units2021()
    case_wanyuan()
    case_placeholder()
    case_no_t4()
    case_wrong_heading()
    case_no_row()
    case_not_report()
    case_pre2019()
    return 0


if __name__ == "__main__":
    sys.exit(main())
