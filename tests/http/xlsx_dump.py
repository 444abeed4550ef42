#!/usr/bin/env python3
"""xlsx_dump.py FILE - a workbook as JSON for the HTTP tests, read with
openpyxl twice: once for formulas, once for the values stored with them.
Per sheet: title, frozen cell, column widths and every row as cells of
{t: openpyxl data type (n number, s string, d date, f formula), v: value,
c: the stored value of a formula, fmt: number format}."""
import datetime
import json
import sys

import openpyxl


def value(v):
    if isinstance(v, (datetime.datetime, datetime.date)):
        return v.isoformat()
    return v


def main(path):
    wb = openpyxl.load_workbook(path)
    cached = openpyxl.load_workbook(path, data_only=True)
    out = []
    for ws in wb.worksheets:
        cws = cached[ws.title]
        rows = []
        for row in ws.iter_rows():
            cells = []
            for c in row:
                cells.append({
                    't': c.data_type,
                    'v': value(c.value),
                    'c': value(cws.cell(row=c.row, column=c.column).value),
                    'fmt': c.number_format,
                    'bold': bool(c.font and c.font.b),
                })
            rows.append(cells)
        widths = {k: d.width for k, d in ws.column_dimensions.items() if d.width}
        out.append({'title': ws.title, 'freeze': ws.freeze_panes, 'widths': widths, 'rows': rows})
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == '__main__':
    main(sys.argv[1])
