import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readXlsx, cellFromExcelJs } from './xlsx';
import { EngineError } from '../engine/types';

async function workbookBytes(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A Transitional package rewritten the way Excel writes Strict: namespaces and ISO date cells. */
async function asStrict(bytes: Uint8Array, isoDates: Record<string, string>): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  for (const name of Object.keys(zip.files)) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    let xml = await zip.files[name].async('string');
    xml = xml
      .replace(
        /http:\/\/schemas\.openxmlformats\.org\/spreadsheetml\/2006\/main/g,
        'http://purl.oclc.org/ooxml/spreadsheetml/main',
      )
      .replace(
        /http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships/g,
        'http://purl.oclc.org/ooxml/officeDocument/relationships',
      );
    if (name.startsWith('xl/worksheets/')) {
      for (const [ref, iso] of Object.entries(isoDates)) {
        xml = xml.replace(
          new RegExp(`<c r="${ref}"([^>]*)><v>[^<]*</v></c>`),
          `<c r="${ref}"$1 t="d"><v>${iso}</v></c>`,
        );
      }
    }
    if (name === 'xl/workbook.xml') xml = xml.replace('<workbook ', '<workbook conformance="strict" ');
    zip.file(name, xml);
  }
  return zip.generateAsync({ type: 'uint8array' });
}

describe('readXlsx', () => {
  it('reads values, dates as serials, formulas as their results, and the used range', async () => {
    const bytes = await workbookBytes((wb) => {
      const ws = wb.addWorksheet('订单');
      ws.getCell('B2').value = '客户';
      ws.getCell('C2').value = '日期';
      ws.getCell('D2').value = '金额';
      ws.getCell('B3').value = 'A01';
      ws.getCell('C3').value = new Date(Date.UTC(2024, 2, 5));
      ws.getCell('C3').numFmt = 'yyyy-mm-dd';
      ws.getCell('D3').value = { formula: '1+1', result: 2 };
    });
    const read = await readXlsx(bytes);
    expect(read.range).toBe('B2:D3');
    expect(read.input.cells).toEqual([
      ['客户', '日期', '金额'],
      ['A01', 45356, 2],
    ]);
    expect(read.input.firstRow).toBe(2);
    expect(read.input.numberFormats![1][1]).toBe('yyyy-mm-dd');
    expect(read.strict).toBe(false);
  });
  it('selects a sheet and a range, and refuses an unknown sheet with the sheet list', async () => {
    const bytes = await workbookBytes((wb) => {
      wb.addWorksheet('One').getCell('A1').value = 1;
      const ws = wb.addWorksheet('Two');
      ws.getCell('A1').value = 'x';
      ws.getCell('B2').value = 'y';
    });
    const read = await readXlsx(bytes, { sheet: 'two', range: 'A1:B2' });
    expect((await readXlsx(bytes, { sheet: 'Two', range: 'A:B' })).range).toBe('A1:B2');
    expect(read.sheet).toBe('Two');
    expect(read.input.cells).toEqual([
      ['x', ''],
      ['', 'y'],
    ]);
    await expect(readXlsx(bytes, { sheet: 'Three' })).rejects.toEqual(
      new EngineError('file_sheet_not_found'),
    );
  });
  it('reads a Strict Open XML workbook, including its ISO date cells', async () => {
    const bytes = await workbookBytes((wb) => {
      const ws = wb.addWorksheet('S');
      ws.getCell('A1').value = 'date';
      ws.getCell('A2').value = 1;
    });
    const strict = await asStrict(bytes, { A2: '2018-04-27' });
    const read = await readXlsx(strict);
    expect(read.strict).toBe(true);
    expect(read.input.cells).toEqual([['date'], [43217]]);
  });
  it('refuses a file that is not a workbook', async () => {
    await expect(readXlsx(new TextEncoder().encode('not a zip'))).rejects.toBeInstanceOf(EngineError);
  });
  it('turns rich text, errors and hyperlinks into text', () => {
    expect(cellFromExcelJs({ richText: [{ text: 'a' }, { text: 'b' }] })).toBe('ab');
    expect(cellFromExcelJs({ error: '#N/A' } as ExcelJS.CellErrorValue)).toBe('#N/A');
    expect(cellFromExcelJs({ text: 'site', hyperlink: 'x' })).toBe('site');
    expect(cellFromExcelJs(null)).toBe('');
  });
});
