#!/usr/bin/python3
"""docx_check.py - checks a .docx written by ttdn the way a clerk would:
opens it with python-docx and checks the Decree 30/2020/ND-CP layout.

    docx_check.py FILE.docx EXPECT.json

EXPECT holds "type" ("BÁO CÁO" or "KẾ HOẠCH"), "symbol" (the text after
"Số: "), "date_line" (the place and date line), and "table": the header
cells of the main table and its expected rows ([[cell, ...], ...], compared
on the columns given). Prints what it found as JSON (paragraph texts,
headings, tables); exits 1 with the reasons when a check fails.
"""
import json
import re
import sys

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
FONT = 'Times New Roman'
problems = []


def fail(msg):
    problems.append(msg)


def near(a, b, tol):
    return a is not None and abs(a - b) <= tol


def all_paragraphs(doc):
    """Every paragraph in reading order, those in table cells included."""
    out = []
    body = doc.element.body
    for p in body.iter(W + 'p'):
        out.append(p)
    return out


def runs_of(p):
    return [r for r in p.iter(W + 'r') if r.find(W + 't') is not None]


def run_text(r):
    return ''.join(t.text or '' for t in r.iter(W + 't'))


def para_text(p):
    return ''.join(run_text(r) for r in runs_of(p))


def prop(r, name):
    rpr = r.find(W + 'rPr')
    return None if rpr is None else rpr.find(W + name)


def size_pt(r):
    sz = prop(r, 'sz')
    return None if sz is None else int(sz.get(W + 'val')) / 2


def flag(r, name):
    e = prop(r, name)
    return e is not None and e.get(W + 'val') not in ('0', 'false')


def main():
    path, expect_path = sys.argv[1], sys.argv[2]
    expect = json.load(open(expect_path, encoding='utf-8'))
    doc = Document(path)

    # Page: A4 portrait, margins 20/20/30/15 mm, page number from page 2.
    for i, s in enumerate(doc.sections):
        w, h = (s.page_width, s.page_height)
        if s.orientation == 1:
            w, h = h, w
        if not (near(w, Mm(210), Mm(0.5)) and near(h, Mm(297), Mm(0.5))):
            fail(f'section {i}: page is not A4: {w} x {h}')
        if s.orientation == 0:
            for side, want in (('top', 20), ('bottom', 20), ('left', 30), ('right', 15)):
                got = getattr(s, side + '_margin')
                if not near(got, Mm(want), Mm(0.3)):
                    fail(f'section {i}: {side} margin {got.mm if got else None:.1f} mm, want {want} mm')
        if i == 0 and not s.different_first_page_header_footer:
            fail('page 1 must not show the page number')
        if i > 0 and s.different_first_page_header_footer:
            fail(f'section {i}: its first page must show the page number')
        hdr = s.header._element
        instr = ''.join(t.text or '' for t in hdr.iter(W + 'instrText'))
        if 'PAGE' not in instr:
            fail(f'section {i}: no PAGE field in the header')
        jc = [e.get(W + 'val') for e in hdr.iter(W + 'jc')]
        if 'center' not in jc:
            fail(f'section {i}: page number not centred')

    paras = all_paragraphs(doc)
    texts = [para_text(p) for p in paras]

    # The font of every run, all four scripts.
    for p in paras:
        for r in runs_of(p):
            rf = prop(r, 'rFonts')
            names = None if rf is None else {k: rf.get(W + k) for k in ('ascii', 'hAnsi', 'cs', 'eastAsia')}
            if not names or any(v != FONT for v in names.values()):
                fail(f'run {run_text(r)!r}: font {names}')
                break

    def find(pred, what):
        for p, t in zip(paras, texts):
            if pred(t):
                return p, t
        fail(f'not found: {what}')
        return None, None

    def runs_all(p, what, **want):
        for r in runs_of(p):
            if not run_text(r).strip():
                continue
            for k, v in want.items():
                if k == 'size':
                    got = size_pt(r)
                    if got is None or not (v[0] <= got <= v[1]):
                        fail(f'{what}: size {got} pt, want {v[0]}-{v[1]}')
                        return
                elif flag(r, k) != v:
                    fail(f'{what}: {k} is {flag(r, k)}, want {v}')
                    return

    p, _ = find(lambda t: t == 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'the national name')
    if p is not None:
        runs_all(p, 'national name', b=True, size=(12, 13))
    p, _ = find(lambda t: t == 'Độc lập - Tự do - Hạnh phúc', 'the motto')
    if p is not None:
        runs_all(p, 'motto', b=True, size=(13, 14))
    p, t = find(lambda t: t == expect['date_line'], f'date line {expect["date_line"]!r}')
    if p is not None:
        runs_all(p, 'date line', i=True, size=(13, 14))
        if not re.search(r', ngày \d{2} tháng \d{2} năm \d{4}$', t):
            fail(f'date line without leading zeros: {t!r}')
    find(lambda t: t == 'Số: ' + expect['symbol'], f'symbol line Số: {expect["symbol"]!r}')
    p, _ = find(lambda t: t == expect['type'], f'type name {expect["type"]}')
    if p is not None:
        runs_all(p, 'type name', b=True, size=(13, 14))
        if p.find(W + 'pPr/' + W + 'jc').get(W + 'val') != 'center':
            fail('type name not centred')
    p, _ = find(lambda t: t == 'Nơi nhận:', 'Nơi nhận:')
    recipients = []
    if p is not None:
        runs_all(p, 'Nơi nhận', b=True, i=True, size=(12, 12))
        i = paras.index(p) + 1
        while i < len(paras) and texts[i].startswith('- '):
            runs_all(paras[i], 'recipient', size=(11, 11))
            recipients.append(texts[i])
            i += 1
        if not recipients or not recipients[-1].startswith('- Lưu: VT'):
            fail(f'recipients must end with "- Lưu: VT...": {recipients}')
        if any(not r.endswith(';') for r in recipients[:-1]) or (recipients and not recipients[-1].endswith('.')):
            fail(f'recipients must end with ";" and the last with ".": {recipients}')

    # Body paragraphs (outside tables, justified): indent and spacing.
    body = doc.paragraphs
    nbody = 0
    for bp in body:
        if bp.alignment != WD_ALIGN_PARAGRAPH.JUSTIFY or not bp.text.strip():
            continue
        nbody += 1
        pf = bp.paragraph_format
        fi = pf.first_line_indent
        if fi is None or not (Mm(9.9) <= fi <= Mm(12.8)):
            fail(f'body paragraph {bp.text[:40]!r}: first-line indent {fi}')
        if pf.space_after is None or pf.space_after < Pt(6):
            fail(f'body paragraph {bp.text[:40]!r}: space after {pf.space_after}')
        ls = pf.line_spacing
        if ls is not None and isinstance(ls, float) and not (1.0 <= ls <= 1.5):
            fail(f'body paragraph {bp.text[:40]!r}: line spacing {ls}')
        for r in bp.runs:
            if r.text.strip() and not (13 <= (r.font.size.pt if r.font.size else 0) <= 14):
                fail(f'body text {r.text[:30]!r} not 13-14 pt')
                break
    if nbody == 0:
        fail('no justified body paragraph')

    # The header is a table without borders; the main table has them.
    tables = []
    for t in doc.tables:
        tables.append([[c.text for c in row.cells] for row in t.rows])
    if not doc.tables:
        fail('no tables')
    else:
        b = doc.tables[0]._tbl.find(W + 'tblPr/' + W + 'tblBorders')
        if b is not None and any(e.get(W + 'val') not in ('nil', 'none') for e in b):
            fail('the header table has borders')
    want = expect.get('table')
    if want:
        main_t = next((t for t in doc.tables if t.rows and t.rows[0].cells[0].text == 'STT'), None)
        if main_t is None:
            fail('no table with STT')
        else:
            b = main_t._tbl.find(W + 'tblPr/' + W + 'tblBorders')
            if b is None or any(e.get(W + 'val') != 'single' for e in b):
                fail('the table has no borders')
            got = [[c.text for c in row.cells] for row in main_t.rows]
            if got[0] != want['header']:
                fail(f'table header {got[0]}, want {want["header"]}')
            rows = got[1:]
            if len(rows) != len(want['rows']):
                fail(f'table has {len(rows)} rows, want {len(want["rows"])}: {rows}')
            for g, w in zip(rows, want['rows']):
                for k, v in enumerate(w):
                    if v is not None and g[k] != v:
                        fail(f'table row {g}: column {k} is {g[k]!r}, want {v!r}')
            if 'sum_col' in want:
                k = want['sum_col']
                total = sum(float(r[k].replace('.', '').replace(',', '.')) for r in rows if r[k])
                if abs(total - want['sum']) > 1e-9:
                    fail(f'column {k} adds to {total}, want {want["sum"]}')

    headings = [bp.text for bp in body
                if bp.runs and all(r.bold for r in bp.runs if r.text.strip())
                and re.match(r'^[IVX]+\. ', bp.text)]
    orientations = ['landscape' if s.orientation == 1 else 'portrait' for s in doc.sections]
    print(json.dumps({'texts': texts, 'headings': headings, 'tables': tables,
                      'recipients': recipients, 'orientations': orientations}, ensure_ascii=False))
    if problems:
        print('\n'.join(problems), file=sys.stderr)
        sys.exit(1)


if __name__ == '__main__':
    main()
