import ExcelJS from 'exceljs';
import { createWorkbook, loadCsv, loadXlsx, saveXlsx, savedCellCount, SimError } from './index';

async function fails(p: Promise<unknown>, code: string): Promise<void> {
  await expect(p).rejects.toMatchObject({ code });
}

describe('load/sync', () => {
  test('reading a property before load + sync throws PropertyNotLoaded', async () => {
    const wb = createWorkbook();
    wb.setValues('Sheet1', 'A1:B2', [
      [1, 2],
      [3, 4],
    ]);
    await wb.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B2');
      expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      r.load('values');
      expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await ctx.sync();
      expect(r.values).toEqual([
        [1, 2],
        [3, 4],
      ]);
      expect(() => r.address).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    });
  });

  test('writes apply at sync, not before', async () => {
    const wb = createWorkbook();
    await wb.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [['x']];
      expect(wb.getValues('Sheet1', 'A1')).toEqual([['']]);
      await ctx.sync();
      expect(wb.getValues('Sheet1', 'A1')).toEqual([['x']]);
    });
    expect(wb.stats.syncs).toBe(1);
  });

  test('a values array of the wrong shape is rejected with InvalidArgument', async () => {
    const wb = createWorkbook();
    await fails(
      wb.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B2').values = [[1, 2]];
        await ctx.sync();
      }),
      'InvalidArgument',
    );
    await fails(
      wb.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B1').numberFormat = [['0', '0', '0']];
        await ctx.sync();
      }),
      'InvalidArgument',
    );
  });

  test('missing items throw ItemNotFound; getItemOrNullObject gives isNullObject', async () => {
    const wb = createWorkbook();
    await fails(
      wb.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Nope').load('name');
        await ctx.sync();
      }),
      'ItemNotFound',
    );
    await wb.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject('Nope');
      const t = ctx.workbook.tables.getItemOrNullObject('T');
      const s = ctx.workbook.settings.getItemOrNullObject('k');
      expect(() => ws.isNullObject).toThrow();
      await ctx.sync();
      expect(ws.isNullObject).toBe(true);
      expect(t.isNullObject).toBe(true);
      expect(s.isNullObject).toBe(true);
    });
  });

  test('a request over 5 MB fails with RequestPayloadSizeLimitExceeded and applies nothing', async () => {
    const wb = createWorkbook();
    const rows = Array.from({ length: 120_000 }, (_, i) => [
      `customer number ${i}`,
      'a fairly long text value',
      i * 1.5,
    ]);
    await fails(
      wb.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').getRange(`A1:C${rows.length}`).values = rows;
        await ctx.sync();
      }),
      'RequestPayloadSizeLimitExceeded',
    );
    expect(wb.getValues('Sheet1', 'A1')).toEqual([['']]);
    expect(wb.stats.largestRequest).toBeGreaterThan(5_000_000);
  });

  test('a response over 5 MB fails with ResponsePayloadSizeLimitExceeded', async () => {
    const wb = createWorkbook();
    const rows = Array.from({ length: 120_000 }, (_, i) => [
      `customer number ${i}`,
      'a fairly long text value',
      i * 1.5,
    ]);
    wb.setValues('Sheet1', `A1:C${rows.length}`, rows);
    await fails(
      wb.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').getRange(`A1:C${rows.length}`).load('values');
        await ctx.sync();
      }),
      'ResponsePayloadSizeLimitExceeded',
    );
  });

  test('a read over 5,000,000 cells fails; whole columns read as null', async () => {
    const wb = createWorkbook();
    wb.setValues('Sheet1', 'A1:B2', [
      [1, 2],
      [3, 4],
    ]);
    await fails(
      wb.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:E1000001').load('values');
        await ctx.sync();
      }),
      'RangeExceedsLimit',
    );
    await wb.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('A:B').load('values, rowCount');
      const row = ctx.workbook.worksheets.getItem('Sheet1').getRange('2:2').load('values');
      await ctx.sync();
      expect(r.values).toBeNull();
      expect(row.values).toBeNull();
      expect(r.rowCount).toBe(1_048_576);
    });
    await fails(
      wb.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').getRange('C:C').values = [[1]];
        await ctx.sync();
      }),
      'InvalidArgument',
    );
  });

  test('every sync is counted with its request size', async () => {
    const wb = createWorkbook();
    await wb.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem('Sheet1');
      s.getRange('A1').values = [['hello']];
      await ctx.sync();
      s.getRange('A2:A3').values = [['a'], ['b']];
      await ctx.sync();
    });
    expect(wb.stats.syncs).toBe(2);
    expect(wb.stats.requests).toHaveLength(2);
    expect(wb.stats.requests[0].request).toBeGreaterThan(0);
  });

  test('errors look like OfficeExtension.Error', async () => {
    const wb = createWorkbook();
    try {
      await wb.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Nope').load('name');
        await ctx.sync();
      });
      throw new Error('expected a failure');
    } catch (e) {
      expect(e).toBeInstanceOf(SimError);
      expect((e as SimError).debugInfo.code).toBe('ItemNotFound');
    }
  });
});

describe('names', () => {
  test.each([
    '',
    '  ',
    'a'.repeat(32),
    'a[b',
    'a]b',
    'a:b',
    'a*b',
    'a?b',
    'a/b',
    'a\\b',
    "'quoted",
    "quoted'",
    'history',
  ])('sheet name %p is refused', async (name) => {
    const wb = createWorkbook();
    await fails(
      wb.run(async (ctx) => {
        ctx.workbook.worksheets.add(name);
        await ctx.sync();
      }),
      'InvalidArgument',
    );
  });

  test('sheet names are unique case-insensitively; 31 characters and CJK are fine', async () => {
    const wb = createWorkbook();
    await fails(
      wb.run(async (ctx) => {
        ctx.workbook.worksheets.add('SHEET1');
        await ctx.sync();
      }),
      'ItemAlreadyExists',
    );
    await wb.run(async (ctx) => {
      ctx.workbook.worksheets.add('a'.repeat(31));
      ctx.workbook.worksheets.add('客户细分');
      await ctx.sync();
    });
    expect(wb.sheetNames()).toEqual(['Sheet1', 'a'.repeat(31), '客户细分']);
  });

  test.each(['1abc', 'has space', 'A1', 'r1c1', 'R', 'c', 'XFD1048576', 'a-b', 'x'.repeat(256)])(
    'table name %p is refused',
    async (name) => {
      const wb = createWorkbook();
      wb.setValues('Sheet1', 'A1:A2', [['h'], [1]]);
      await fails(
        wb.run(async (ctx) => {
          const t = ctx.workbook.worksheets.getItem('Sheet1').tables.add('A1:A2', true);
          t.name = name;
          await ctx.sync();
        }),
        'InvalidArgument',
      );
    },
  );

  test('table names: CJK, underscore and backslash starts are fine; duplicates and overlaps refused', async () => {
    const wb = createWorkbook();
    wb.setValues('Sheet1', 'A1:C2', [
      ['h', 'i', 'j'],
      [1, 2, 3],
    ]);
    await wb.run(async (ctx) => {
      const t = ctx.workbook.worksheets.getItem('Sheet1').tables.add('A1:A2', true);
      t.name = '细分_表1';
      const u = ctx.workbook.worksheets.getItem('Sheet1').tables.add('B1:B2', true);
      u.name = '_x.y';
      await ctx.sync();
    });
    await fails(
      wb.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').tables.add('C1:C2', true).name = '细分_表1';
        await ctx.sync();
      }),
      'ItemAlreadyExists',
    );
    await fails(
      wb.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').tables.add('A2:C3', true);
        await ctx.sync();
      }),
      'InvalidOperation',
    );
    expect(wb.tables().map((t) => t.name)).toEqual(['细分_表1', '_x.y', 'Table3']);
  });
});

describe('typing rules', () => {
  test('strings starting with = (and non-numeric +, -, @) become formulas unless the cell is Text', async () => {
    const wb = createWorkbook();
    await wb.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem('Sheet1');
      s.getRange('A1:E1').values = [['=1+1', '+abc', '-x', '@foo', '-5']];
      const b = s.getRange('A2:D2');
      b.numberFormat = [['@', '@', '@', '@']];
      b.values = [['=1+1', '+abc', '-x', '00123']];
      s.getRange('A3:B3').values = [["'=safe", '00123']];
      await ctx.sync();
    });
    expect(wb.cell('Sheet1', 'A1').value).toEqual({ formula: '=1+1' });
    expect(wb.cell('Sheet1', 'B1').value).toEqual({ formula: '=+abc' });
    expect(wb.cell('Sheet1', 'C1').value).toEqual({ formula: '=-x' });
    expect(wb.cell('Sheet1', 'D1').value).toEqual({ formula: '=@foo' });
    expect(wb.cell('Sheet1', 'E1').value).toBe(-5);
    expect(wb.getValues('Sheet1', 'A2:D2')).toEqual([['=1+1', '+abc', '-x', '00123']]);
    expect(wb.getValues('Sheet1', 'A3:B3')).toEqual([['=safe', 123]]);
  });

  test('null leaves a cell unchanged; "" clears it', async () => {
    const wb = createWorkbook();
    wb.setValues('Sheet1', 'A1:B1', [['keep', 'clear']]);
    await wb.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B1').values = [[null as unknown as string, '']];
      await ctx.sync();
    });
    expect(wb.getValues('Sheet1', 'A1:B1')).toEqual([['keep', '']]);
  });
});

describe('ranges', () => {
  test('used range, surrounding region, resize, offset, intersection', async () => {
    const wb = createWorkbook();
    wb.setValues('Sheet1', 'B2:C4', [
      ['a', 'b'],
      [1, 2],
      [3, 4],
    ]);
    wb.setValues('Sheet1', 'F10', [['far']]);
    await wb.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem('Sheet1');
      const used = s.getUsedRange(true).load('address');
      const region = s.getRange('C3').getSurroundingRegion().load('address');
      const resized = s.getRange('B2').getResizedRange(2, 1).load('address');
      const offset = s.getRange('B2:C2').getOffsetRange(1, 1).load('address');
      const inter = s.getRange('A:C').getIntersection(s.getUsedRange(true)).load('address');
      const emptyUsed = ctx.workbook.worksheets.add('Empty').getUsedRangeOrNullObject(true);
      await ctx.sync();
      expect(used.address).toBe('Sheet1!B2:F10');
      expect(region.address).toBe('Sheet1!B2:C4');
      expect(resized.address).toBe('Sheet1!B2:C4');
      expect(offset.address).toBe('Sheet1!C3:D3');
      expect(inter.address).toBe('Sheet1!B2:C10');
      expect(emptyUsed.isNullObject).toBe(true);
    });
  });

  test('getSelectedRange throws on a multi-area selection', async () => {
    const wb = createWorkbook();
    wb.select('Sheet1', 'A1:B2,D1:D3');
    await fails(
      wb.run(async (ctx) => {
        ctx.workbook.getSelectedRange().load('address');
        await ctx.sync();
      }),
      'InvalidSelection',
    );
  });

  test('APIs beyond the host requirement set fail with ApiNotFound', async () => {
    const wb = createWorkbook({ apiVersion: '1.7' });
    expect(wb.isSetSupported('ExcelApi', '1.7')).toBe(true);
    expect(wb.isSetSupported('ExcelApi', '1.8')).toBe(false);
    wb.setValues('Sheet1', 'A1:B2', [
      ['k', 'v'],
      ['a', 1],
    ]);
    await fails(
      wb.run(async (ctx) => {
        ctx.workbook.pivotTables.add('P', 'Sheet1!A1:B2', 'Sheet1!E1');
        await ctx.sync();
      }),
      'ApiNotFound',
    );
  });

  test('sheet deletion removes its tables and refuses the last visible sheet', async () => {
    const wb = createWorkbook();
    wb.setValues('Sheet1', 'A1:A2', [['h'], [1]]);
    await fails(
      wb.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').delete();
        await ctx.sync();
      }),
      'InvalidOperation',
    );
    await wb.run(async (ctx) => {
      const s = ctx.workbook.worksheets.add('T');
      s.getRange('A1:A2').values = [['h'], [1]];
      s.tables.add('A1:A2', true).name = 'Mine';
      await ctx.sync();
      s.delete();
    });
    expect(wb.sheetNames()).toEqual(['Sheet1']);
    expect(wb.tables()).toHaveLength(0);
  });

  test('charts, conditional formats and PivotTables are recorded as data', async () => {
    const wb = createWorkbook();
    wb.setValues('Sheet1', 'A1:C3', [
      ['Seg', 'N', 'Rev'],
      ['a', 1, 10],
      ['b', 2, 20],
    ]);
    await wb.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem('Sheet1');
      const chart = s.charts.add('ColumnClustered', s.getRange('A1:C3'), 'Columns');
      chart.title.text = 'Sizes';
      chart.series.getItemAt(1).chartType = 'Line';
      chart.series.getItemAt(1).axisGroup = 'Secondary';
      const cf = s.getRange('B2:C3').conditionalFormats.add('ColorScale');
      cf.colorScale.criteria = {
        minimum: { type: 'LowestValue', color: '#FFFFFF' },
        maximum: { type: 'HighestValue', color: '#63BE7B' },
      };
      const p = ctx.workbook.pivotTables.add('Piv', 'Sheet1!A1:C3', 'Sheet1!F1');
      p.rowHierarchies.add(p.hierarchies.getItem('Seg'));
      const d = p.dataHierarchies.add(p.hierarchies.getItem('Rev'));
      await ctx.sync();
      d.summarizeBy = 'Average';
      await ctx.sync();
    });
    const c = wb.charts()[0];
    expect(c).toMatchObject({ type: 'ColumnClustered', title: 'Sizes' });
    expect(c.series.map((x) => x.name)).toEqual(['N', 'Rev']);
    expect(c.series[1]).toMatchObject({ chartType: 'Line', axisGroup: 'Secondary', values: 'Sheet1!C2:C3' });
    expect(wb.conditionalFormats()[0]).toMatchObject({ type: 'ColorScale' });
    expect(wb.pivots()[0]).toMatchObject({
      name: 'Piv',
      rows: ['Seg'],
      data: [{ field: 'Rev', summarizeBy: 'Average' }],
    });
    await fails(
      wb.run(async (ctx) => {
        const p = ctx.workbook.pivotTables.getItem('Piv');
        p.rowHierarchies.add(p.hierarchies.getItem('Nope'));
        await ctx.sync();
      }),
      'ItemNotFound',
    );
  });

  test('a sync can hang (as on the web)', async () => {
    const wb = createWorkbook();
    wb.hangSyncs(1);
    const outcome = await Promise.race([
      wb.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').load('name');
        await ctx.sync();
        return 'synced';
      }),
      new Promise((r) => setTimeout(() => r('timed out'), 50)),
    ]);
    expect(outcome).toBe('timed out');
  });
});

describe('files', () => {
  test('savedCellCount counts each cell with a value or a number format once', async () => {
    const wb = createWorkbook();
    expect(savedCellCount(wb)).toBe(0);
    await wb.run(async (ctx) => {
      const s = ctx.workbook.worksheets.add('S');
      s.getRange('A1:B2').values = [
        ['a', 'b'],
        [1, ''],
      ];
      // B1 has both (counted once); D5 and A7:C7 have a format alone.
      s.getRange('B1').numberFormat = [['@']];
      s.getRange('D5').numberFormat = [['0.00']];
      s.getRange('A7:C7').numberFormat = [['0', '0', '0']];
      await ctx.sync();
    });
    // The empty string is no value: Excel keeps no cell for it.
    expect(savedCellCount(wb)).toBe(3 + 1 + 3);
  });

  test('xlsx round trip keeps values, formats, tables, widths, conditional formats and settings', async () => {
    const wb = createWorkbook();
    await wb.run(async (ctx) => {
      const s = ctx.workbook.worksheets.add('客户');
      s.getRange('A1:C3').numberFormat = [
        ['General', 'General', 'General'],
        ['@', 'yyyy-mm-dd', '0.00%'],
        ['@', 'yyyy-mm-dd', '0.00%'],
      ];
      s.getRange('A1:C3').values = [
        ['id', 'date', 'share'],
        ['=x', 45000, 0.25],
        ['007', 45001, 0.5],
      ];
      s.tables.add('A1:C3', true).name = 'Tbl_客户';
      s.getRange('A:A').format.columnWidth = 100;
      s.getRange('C2:C3').conditionalFormats.add('ColorScale');
      ctx.workbook.settings.add('k', { a: [1, 2] });
      s.charts.add('Doughnut', s.getRange('A1:C3'), 'Columns');
      await ctx.sync();
    });
    const bytes = await saveXlsx(wb);
    const check = new ExcelJS.Workbook();
    await check.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const ws = check.getWorksheet('客户')!;
    expect((ws.getTables() as unknown as { name: string }[]).map((t) => t.name)).toEqual(['Tbl_客户']);
    expect(check.getWorksheet('Notes')).toBeDefined();

    const back = await loadXlsx(bytes);
    expect(back.sheetNames()).toEqual(['Sheet1', '客户', 'Notes']);
    expect(back.getValues('客户', 'A1:C3')).toEqual([
      ['id', 'date', 'share'],
      ['=x', 45000, 0.25],
      ['007', 45001, 0.5],
    ]);
    expect(back.cell('客户', 'B2').format).toBe('yyyy-mm-dd');
    expect(back.cell('客户', 'A2').format).toBe('@');
    expect(back.tables()[0]).toMatchObject({ name: 'Tbl_客户', rect: { r0: 0, c0: 0, r1: 2, c1: 2 } });
    expect(back.state.sheetByName('客户')!.columnWidths.get(0)).toBeCloseTo(100, -1);
    expect(back.conditionalFormats()).toHaveLength(1);
    expect(back.settings().get('k')).toEqual({ a: [1, 2] });
  });

  test('csv keeps ids with leading zeros and formula-looking text as text', () => {
    const wb = loadCsv('id,amount,note\n007,12.5,=cmd\n8,"1,200",ok\n', 'orders.csv');
    expect(wb.getValues('orders.csv', 'A1:C3')).toEqual([
      ['id', 'amount', 'note'],
      ['007', 12.5, '=cmd'],
      [8, '1,200', 'ok'],
    ]);
  });
});
