#!/usr/bin/env python3
"""
make_cases.py
    Make the validation cases of test/cases/validate/: a hand-written 2021
    report in tab-separated form (base.txt) whose tables hold non-zero
    numbers that satisfy every rule, the same body's report of the year
    before (prev.txt), and mutations of them that break one rule or leave
    one of its operands blank.  README.md lists them.  The seed_* cases are
    seeds (test/seeds/NNN.txt, one cell per line) with cells of table 三
    emptied, as bodies that leave zeros blank publish them.

    Usage (from the top of the repository): test/cases/validate/make_cases.py
    Deterministic; stdlib only.
"""

import os
import re

OUT = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.path.join(OUT, "..", "..", "seeds")

T3_LABELS = [
    ("new_received", "一、本年新收政府信息公开申请数量", None),
    ("carried_over", "二、上年结转政府信息公开申请数量", None),
    ("granted", "（一）予以公开", "三、本年度办理结果"),
    ("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ""),
    ("denied_state_secret", "1.属于国家秘密", "（三）不予公开"),
    ("denied_prohibited_by_law", "2.其他法律行政法规禁止公开", ""),
    ("denied_security_stability", "3.危及“三安全一稳定”", ""),
    ("denied_third_party", "4.保护第三方合法权益", ""),
    ("denied_internal_affairs", "5.属于三类内部事务信息", ""),
    ("denied_process_info", "6.属于四类过程性信息", ""),
    ("denied_enforcement_file", "7.属于行政执法案卷", ""),
    ("denied_query_matter", "8.属于行政查询事项", ""),
    ("unavailable_not_held", "1.本机关不掌握相关政府信息", "（四）无法提供"),
    ("unavailable_needs_creation", "2.没有现成信息需要另行制作", ""),
    ("unavailable_unclear", "3.补正后申请内容仍不明确", ""),
    ("rejected_petition", "1.信访举报投诉类申请", "（五）不予处理"),
    ("rejected_duplicate", "2.重复申请", ""),
    ("rejected_publication", "3.要求提供公开出版物", ""),
    ("rejected_excessive", "4.无正当理由大量反复申请", ""),
    ("rejected_confirmation", "5.要求行政机关确认或重新出具已获取信息", ""),
    ("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "（六）其他处理"),
    ("other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", ""),
    ("other_misc", "3.其他", ""),
    ("total_processed", "（七）总计", ""),
    ("carried_forward", "四、结转下年度继续办理", None),
]

Z = ["0"] * 7


def base_values(year):
    """Table values of the base report (year 2023) or of its predecessor."""
    if year == 2023:
        t3 = {
            "new_received": ["8", "2", "0", "1", "1", "0", "12"],
            "carried_over": ["2", "1", "0", "0", "0", "0", "3"],
            "granted": ["4", "1", "0", "0", "0", "0", "5"],
            "partially_granted": ["1", "0", "0", "0", "0", "0", "1"],
            "denied_third_party": ["1", "0", "0", "0", "0", "0", "1"],
            "unavailable_not_held": ["1", "1", "0", "0", "1", "0", "3"],
            "rejected_duplicate": ["0", "0", "0", "1", "0", "0", "1"],
            "total_processed": ["7", "2", "0", "1", "1", "0", "11"],
            "carried_forward": ["3", "1", "0", "0", "0", "0", "4"],
        }
        t2 = {"rules": ["0", "0", "2"], "normative_documents": ["3", "1", "10"],
              "licensing": "337", "punishment": "90", "coercion": "5",
              "admin_fees": "1.5"}
        t4 = ["1", "1", "0", "0", "2", "0", "0", "1", "0", "1", "1", "0", "0", "0", "1"]
    else:
        t3 = {
            "new_received": ["5", "1", "0", "0", "0", "0", "6"],
            "carried_over": ["0", "0", "0", "0", "0", "0", "0"],
            "granted": ["3", "0", "0", "0", "0", "0", "3"],
            "total_processed": ["3", "0", "0", "0", "0", "0", "3"],
            "carried_forward": ["2", "1", "0", "0", "0", "0", "3"],
        }
        t2 = {"rules": ["0", "0", "2"], "normative_documents": ["2", "0", "8"],
              "licensing": "301", "punishment": "75", "coercion": "3",
              "admin_fees": "1.2"}
        t4 = ["0"] * 15
    return {"t2": t2, "t3": {k: list(v) for k, v in t3.items()}, "t4": t4}


def overview(year):
    if year == 2023:
        return ("2023年，本局共收到政府信息公开申请12件，上年结转申请3件，"
                "结转下年度继续办理4件，均在法定期限内答复。全年作出行政许可决定337件，"
                "行政处罚90件。因政府信息公开引起行政复议2件、行政诉讼2件。")
    return "2022年，本局共收到政府信息公开申请6件，结转下年度继续办理3件。"


def render(year, v, title_year=None, signed=None, period=None, text=None,
           drop_rows=(), drop_t4=False):
    """The report as tab-separated text."""
    ty = title_year or year
    signed = signed or "%d年1月20日" % (year + 1)
    period = period or "%d年1月1日至%d年12月31日" % (year, year)
    out = ["%d年测试县教育局" % ty, "政府信息公开工作年度报告", "",
           "本报告统计期限为%s。" % period,
           "一、总体情况", text or overview(year),
           "二、主动公开政府信息情况",
           "第二十条第（一）项\t",
           "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
           "规章\t" + "\t".join(v["t2"]["rules"]),
           "行政规范性文件\t" + "\t".join(v["t2"]["normative_documents"]),
           "第二十条第（五）项\t", "信息内容\t本年处理决定数量",
           "行政许可\t" + v["t2"]["licensing"],
           "第二十条第（六）项\t", "信息内容\t本年处理决定数量",
           "行政处罚\t" + v["t2"]["punishment"],
           "行政强制\t" + v["t2"]["coercion"],
           "第二十条第（八）项\t", "信息内容\t本年收费金额（单位：万元）",
           "行政事业性收费\t" + v["t2"]["admin_fees"],
           "", "三、收到和处理政府信息公开申请情况",
           "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况",
           "\t自然人\t法人或其他组织\t总计",
           "\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t"]
    for code, label, group in T3_LABELS:
        if code in drop_rows:
            continue
        vals = v["t3"].get(code, Z)
        if group is None:
            out.append(label + "\t" + "\t".join(vals))
        elif group.startswith("三"):
            out.append(group + "\t" + label + "\t" + "\t".join(vals))
        elif code.startswith(("denied", "unavailable", "rejected", "other_")):
            out.append("\t" + (group + "\t" if group else "\t") + label + "\t" + "\t".join(vals))
        else:
            out.append("\t" + label + "\t" + "\t".join(vals))
    if not drop_t4:
        out += ["", "四、政府信息公开行政复议、行政诉讼情况",
                "行政复议\t行政诉讼",
                "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉",
                "\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
                "\t".join(v["t4"])]
    out += ["", "五、存在的主要问题及改进情况",
            "信息公开的及时性还需提高。下一步将加强培训。",
            "六、其他需要报告的事项",
            "本年度未收取信息处理费。", "", "测试县教育局", signed, ""]
    return "\n".join(out)


CASES = []


def case(name, what, year=2023, mutate=None, **kw):
    v = base_values(year)
    if mutate:
        mutate(v)
    with open(os.path.join(OUT, name + ".txt"), "w", encoding="utf-8") as f:
        f.write(render(year, v, **kw))
    CASES.append((name, what))


def setcell(row, col, value):
    def f(v):
        v["t3"].setdefault(row, list(Z))[col] = value
    return f


def chain(*fs):
    def f(v):
        for g in fs:
            g(v)
    return f


def t4cell(i, value):
    def f(v):
        v["t4"][i] = value
    return f


def t2(item, value, k=None):
    def f(v):
        if k is None:
            v["t2"][item] = value
        else:
            v["t2"][item][k] = value
    return f


def seed_t3_runs(lines):
    """The value lines of table 三 of a seed: one list of 7 line indexes per
    row, in template order (a row's cells are 7 lines '\tN' in a row)."""
    start = next(k for k, l in enumerate(lines) if l.startswith("三、收到和处理"))
    end = next(k for k, l in enumerate(lines) if l.startswith("四、政府信息公开行政复议"))
    runs, k = [], start
    while k < end:
        j = k
        while j < end and re.fullmatch(r"\t\d+", lines[j]):
            j += 1
        if j - k == 7:
            runs.append(list(range(k, j)))
        k = max(j, k + 1)
    assert len(runs) == len(T3_LABELS), len(runs)
    return runs


def seed_case(name, what, n, blanks):
    """Seed n with the table 三 cells that blanks(rows) names emptied:
    rows maps a row code to its 7 cell values; blanks returns the
    (row code, column index) pairs to empty."""
    with open(os.path.join(SEEDS, "%03d.txt" % n), encoding="utf-8") as f:
        lines = f.read().split("\n")
    runs = seed_t3_runs(lines)
    rows = {code: [lines[k][1:] for k in run] for (code, _, _), run in zip(T3_LABELS, runs)}
    codes = [code for code, _, _ in T3_LABELS]
    for code, col in blanks(rows):
        lines[runs[codes.index(code)][col]] = "\t"
    with open(os.path.join(OUT, name + ".txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    CASES.append((name, what))


def zeros(rows):
    """Every cell of table 三 that holds 0."""
    return [(code, c) for code, vals in rows.items() for c, v in enumerate(vals) if v == "0"]


def main():
    case("base", "2023 report, 2021 template, every rule holds (no finding)")
    case("prev", "the same body's 2022 report: carried_forward 2/1/0/0/0/0/3, normative documents in force 8",
         year=2022)
    case("prev_carry_bad", "prev with carried_forward natural_person 1 and total 2: history.carryover fails twice",
         year=2022, mutate=chain(setcell("carried_forward", 0, "1"), setcell("carried_forward", 6, "2"),
                                 setcell("total_processed", 0, "4"), setcell("total_processed", 6, "4"),
                                 setcell("granted", 0, "4"), setcell("granted", 6, "4")))
    case("prev_carry_blank", "prev with carried_forward commercial blank: history.carryover uncertain",
         year=2022, mutate=setcell("carried_forward", 1, ""))
    case("prev_stock_bad", "prev with normative documents in force 9: history.t2_stock fails (9+3-1=11, not 10)",
         year=2022, mutate=t2("normative_documents", "9", 2))
    case("prev_stock_blank", "prev with normative documents in force blank: history.t2_stock uncertain",
         year=2022, mutate=t2("normative_documents", "", 2))
    case("balance_bad", "granted and total_processed natural_person +1 (5 and 8, totals 6 and 12): "
         "t3.balance fails in natural_person and total only",
         mutate=chain(setcell("granted", 0, "5"), setcell("granted", 6, "6"),
                      setcell("total_processed", 0, "8"), setcell("total_processed", 6, "12")))
    case("balance_blank", "carried_over research left blank: t3.balance and t3.row_total uncertain",
         mutate=setcell("carried_over", 2, ""))
    case("outcome_bad", "denied_third_party natural_person 2 (total 2): t3.outcome_sum fails in natural_person and total",
         mutate=chain(setcell("denied_third_party", 0, "2"), setcell("denied_third_party", 6, "2")))
    case("outcome_placeholder", "granted commercial written '/': t3.outcome_sum and t3.row_total uncertain",
         mutate=setcell("granted", 1, "/"))
    case("row_total_bad", "unavailable_not_held total 4 (parts sum to 3): t3.row_total fails, and so does "
         "t3.outcome_sum in the total column",
         mutate=setcell("unavailable_not_held", 6, "4"))
    case("t4_bad", "review total 3 (parts sum to 2): t4.total fails for review", mutate=t4cell(4, "3"))
    case("t4_blank", "review pending left blank: t4.total uncertain for review", mutate=t4cell(3, ""))
    case("negative", "行政强制 -5: value.nonnegative fails", mutate=t2("coercion", "-5"))
    case("fraction", "行政处罚 90.5: value.nonnegative fails (a count is an integer)", mutate=t2("punishment", "90.5"))
    case("no_t4", "part 四 removed: structure.missing, one finding for the table", drop_t4=True)
    case("no_row", "row 二、上年结转… removed: structure.missing for the row; t3.balance uncertain",
         drop_rows=("carried_over",))
    case("template_2020", "titled 2020 (period and signature too) with the 2021 template: meta.template_year fails",
         year=2023, title_year=2020, period="2020年1月1日至2020年12月31日", signed="2021年1月20日",
         text="本局依法做好政府信息公开工作。")
    case("signed_2026", "signed 2026年1月20日: meta.year_mismatch and meta.published_late fail",
         signed="2026年1月20日")
    case("period_2022", "statistics period 2022: meta.year_mismatch fails", period="2022年1月1日至2022年12月31日")
    case("late", "signed 2024年3月1日: meta.published_late fails", signed="2024年3月1日")
    case("narrative_bad", "overview says 收到政府信息公开申请20件 and 行政许可决定300件: narrative.mismatch fails twice",
         text="2023年，本局共收到政府信息公开申请20件，全年作出行政许可决定300件。")
    case("narrative_blank", "new_received total left blank: narrative.mismatch uncertain (and the sums too)",
         mutate=setcell("new_received", 6, ""))
    case("narrative_part", "overview speaks of a part of the body (办公室代表本局受理…17件) and of another year: "
         "no narrative finding",
         text="2023年，局办公室代表本局受理政府信息公开申请17件。2022年共收到政府信息公开申请6件。"
              "行政许可法规定的事项均已公开。")
    # what the blanks imply (holds, required) and the modes of gip_is_valid
    case("blank_column", "the research column of table 三 blank in every row (all 0 in base): every "
         "uncertain check holds with the blanks read as 0",
         mutate=lambda v: [setcell(code, 2, "")(v) for code, _, _ in T3_LABELS])
    case("blank_total", "granted total left blank under 4 + 1: t3.row_total and t3.outcome_sum (total "
         "column) uncertain, fail with the blank as 0, the blank must be 5",
         mutate=setcell("granted", 6, ""))
    case("two_blanks", "granted natural_person and total left blank: t3.row_total uncertain with two "
         "blanks (fails, no required value); t3.outcome_sum requires 4 and 5",
         mutate=chain(setcell("granted", 0, ""), setcell("granted", 6, "")))
    case("blank_excess", "granted natural_person blank and granted total 0 under 1: t3.row_total "
         "uncertain, no non-negative value of the blank makes it hold",
         mutate=chain(setcell("granted", 0, ""), setcell("granted", 6, "0")))
    case("text_cell", "granted commercial written 若干: t3.row_total uncertain with holds NULL (text "
         "is not a blank), the cell must be 1; value.nonnegative uncertain",
         mutate=setcell("granted", 1, "若干"))
    case("both_blanks", "the research column blank in every row (harmless: it holds with the blanks as "
         "0) and granted total blank under 4 + 1 (a defect: t3.outcome_sum in the total column requires 5; "
         "t3.row_total of granted has two blanks)",
         mutate=chain(lambda v: [setcell(code, 2, "")(v) for code, _, _ in T3_LABELS],
                      setcell("granted", 6, "")))
    case("narrative_alt_blank", "new_received total blank, the overview says 收到…申请3件 (the carried-over "
         "3): narrative.mismatch uncertain, and it holds with the blank as 0 (the figure may count the "
         "carried-over applications too)",
         mutate=setcell("new_received", 6, ""),
         text="2023年，本局共收到政府信息公开申请3件，均在法定期限内答复。")
    seed_case("seed_column_blank", "seed 003 (密云区 2021) with the research column of table 三 blank "
              "in every row: every uncertain check holds with the blanks read as 0",
              3, lambda rows: [(code, 2) for code in rows])
    seed_case("seed_zeros_blank", "seed 003 with every 0 of table 三 left blank: every uncertain "
              "check holds with the blanks read as 0", 3, zeros)
    seed_case("seed_total_blank", "seed 003 with the totals of new_received (4) and granted (1) blank, "
              "every other cell written: t3.row_total, t3.balance and t3.outcome_sum fail with the blank "
              "as 0 and require 4 and 1", 3, lambda rows: [("new_received", 6), ("granted", 6)])
    seed_case("seed_zeros_total_blank", "seed_zeros_blank with the totals of new_received and granted "
              "blank too: those identities fail with the blanks as 0 (several blanks: no required value), "
              "the others hold", 3, lambda rows: zeros(rows) + [("new_received", 6), ("granted", 6)])
    seed_case("seed_two_blanks", "seed 003 with granted natural_person and total (1 and 1) blank: "
              "t3.row_total has two blanks (it holds with them as 0, no required value), t3.outcome_sum "
              "fails with the blank as 0 and requires 1 twice",
              3, lambda rows: [("granted", 0), ("granted", 6)])
    with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8") as f:
        f.write("# Validation cases\n\nMade by `make_cases.py` (run it from the top of the repository); "
                "do not edit by hand.  `base.txt` is a hand-written 2023 report (2021 template, tab-separated "
                "rows) whose tables satisfy every rule; `prev.txt` is the same body's 2022 report.  "
                "`sql/validate.sql` and `sql/store.sql` check them.\n\n| case | what it is |\n|---|---|\n")
        for name, what in CASES:
            f.write("| `%s` | %s |\n" % (name, what))


if __name__ == "__main__":
    main()
