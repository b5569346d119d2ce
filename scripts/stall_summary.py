#!/usr/bin/env python3
"""Warp-stall samples of one kernel, from `ncu -i REP --page source --csv
--print-source sass` (gzipped or not): the totals by stall reason, by kind
of instruction (opcode) and the instructions with most samples.

usage: stall_summary.py SOURCE.csv[.gz] [TOP]"""
import csv, gzip, re, sys
from collections import Counter


def read_source(path):
    """The kernel's name, the column index by name, and the instruction rows of
    an ncu source export (mbarrier_waits.py reads it too)."""
    rows = list(csv.reader((gzip.open if path.endswith(".gz") else open)(path, "rt")))
    col = {name: i for i, name in enumerate(rows[1])}
    return rows[0][1], col, [r for r in rows[2:] if len(r) >= len(rows[1])]


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    kernel, col, insns = read_source(path)
    reasons = [n for n in col if n.startswith("stall_") and "(Not Issued)" not in n]
    samples, by_reason, by_op, by_insn = 0, Counter(), Counter(), []
    for r in insns:
        n = int(r[col["Warp Stall Sampling (All Samples)"]] or 0)
        samples += n
        op = re.sub(r"^@!?U?P\w+\s+", "", r[col["Source"]].strip()).split(" ")[0].split(".")[0]
        by_op[op] += n
        why = {k: int(r[col[k]] or 0) for k in reasons}
        for k, v in why.items():
            by_reason[k] += v
        by_insn.append((n, r[col["Address"]], r[col["Source"]].strip()[:60], max(why, key=why.get) if why else ""))
    print(f"{kernel}: {samples} samples, {len(insns)} SASS instructions")
    print("by stall reason:")
    for k, v in by_reason.most_common(10):
        print(f"  {k:32} {v:6} {100 * v / max(samples, 1):5.1f} %")
    print("by opcode:")
    for k, v in by_op.most_common(10):
        print(f"  {k:32} {v:6} {100 * v / max(samples, 1):5.1f} %")
    print(f"the {top} instructions with most samples:")
    for n, a, s, why in sorted(by_insn, reverse=True)[:top]:
        print(f"  {int(a, 16) & 0xffff:6x} {n:6} {100 * n / max(samples, 1):5.1f} %  {s:60} {why}")


if __name__ == "__main__":
    main()
