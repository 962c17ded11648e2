#!/usr/bin/python3
"""The usual hand-made alternative to `disclosure convert --xlsx`: python-docx
reads the document and openpyxl copies every table into its own worksheet
(cell text only, merged cells repeated as python-docx reports them).

usage: python_docx_tables.py IN.docx OUT.xlsx
"""
import sys

import docx
import openpyxl


def main():
    d = docx.Document(sys.argv[1])
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for i, t in enumerate(d.tables, 1):
        ws = wb.create_sheet("表%d" % i)
        for r, row in enumerate(t.rows, 1):
            for c, cell in enumerate(row.cells, 1):
                ws.cell(row=r, column=c, value=cell.text)
    wb.save(sys.argv[2])


if __name__ == "__main__":
    main()
