import { EngineError } from '../types';
import type { Cell, ColumnRole, Role } from '../types';
import { detectRoles, headerScores, isDateFormat, normalizeHeader, profileColumns } from './roles';

const SUPERSTORE =
  'Row ID,Order ID,Order Date,Ship Date,Ship Mode,Customer ID,Customer Name,Segment,Country,City,State,Postal Code,Region,Product ID,Category,Sub-Category,Product Name,Sales,Quantity,Discount,Profit';
const SUPERSTORE_ROW =
  '1,CA-2016-152156,11/08/2016,11/11/2016,Second Class,CG-12520,Claire Gute,Consumer,United States,Henderson,Kentucky,42420,South,FUR-BO-10001798,Furniture,Bookcases,Bush Somerset Collection Bookcase,261.96,2,0,41.9136';
const CHINESE =
  '行 ID,订单 ID,订单日期,发货日期,邮寄方式,客户 ID,客户名称,细分,城市,省/自治区,国家,地区,产品 ID,类别,子类别,产品名称,销售额,数量,折扣,利润';
const CHINESE_ROW =
  '1,US-2018-1357144,2018-04-27,2018-04-29,二级,曾惠-14485,曾惠,公司,杭州,浙江,中国,华东,办公用-用品-10002717,办公用品,用品,Fiskars 剪刀,129.696,2,0.4,-60.704000000000008';
const RETAIL = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';
const RETAIL_ROW =
  '536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom';

function rolesOf(header: string, row?: string): Record<string, string> {
  const headers = header.split(',');
  const cells: Cell[][] = [headers];
  if (row) for (let i = 0; i < 5; i++) cells.push(row.split(','));
  const profiles = profileColumns(cells, 0, headers.length);
  return toMap(detectRoles(headers, profiles));
}

function toMap(roles: ColumnRole[]): Record<string, string> {
  return Object.fromEntries(roles.map((r) => [r.role, r.header]));
}

describe('normalizeHeader', () => {
  it('folds case, width, spaces, punctuation and bracketed units', () => {
    expect(normalizeHeader('Customer ID')).toBe('customerid');
    expect(normalizeHeader('客户 ID')).toBe('客户id');
    expect(normalizeHeader('实付金额(元)')).toBe('实付金额');
    expect(normalizeHeader('实付金额（元）')).toBe('实付金额');
    expect(normalizeHeader('ＣＵＳＴ＿ＩＤ')).toBe('custid');
    expect(normalizeHeader('\ufeffRow ID')).toBe('rowid');
    expect(normalizeHeader('Sales [USD]')).toBe('sales');
  });
});

describe('detectRoles on the real header rows', () => {
  it('maps US Superstore', () => {
    const m = rolesOf(SUPERSTORE, SUPERSTORE_ROW);
    expect(m).toEqual({
      customer_id: 'Customer ID',
      customer_name: 'Customer Name',
      order_id: 'Order ID',
      order_date: 'Order Date',
      amount: 'Sales',
      quantity: 'Quantity',
      profit: 'Profit',
      region: 'Region',
      product: 'Product Name',
      category: 'Category',
    });
  });

  it('maps the Chinese superstore', () => {
    expect(rolesOf(CHINESE, CHINESE_ROW)).toEqual({
      customer_id: '客户 ID',
      customer_name: '客户名称',
      order_id: '订单 ID',
      order_date: '订单日期',
      amount: '销售额',
      quantity: '数量',
      profit: '利润',
      region: '地区',
      product: '产品名称',
      category: '类别',
    });
  });

  it('maps Online Retail (no amount column; Country is the region)', () => {
    expect(rolesOf(RETAIL, RETAIL_ROW)).toEqual({
      customer_id: 'CustomerID',
      order_id: 'InvoiceNo',
      order_date: 'InvoiceDate',
      quantity: 'Quantity',
      unit_price: 'UnitPrice',
      region: 'Country',
      product: 'Description',
    });
  });

  it('maps the same headers from the header text alone (no data rows)', () => {
    expect(rolesOf(SUPERSTORE).order_date).toBe('Order Date');
    expect(rolesOf(CHINESE).region).toBe('地区');
  });

  it('maps customer-level lists and common CRM headers', () => {
    expect(rolesOf('会员编号,最近一次消费距今天数,消费次数,累计消费金额', '1,10,3,500')).toEqual({
      customer_id: '会员编号',
      recency: '最近一次消费距今天数',
      frequency: '消费次数',
      monetary: '累计消费金额',
    });
    expect(rolesOf('客户编号,下单时间,实付金额(元),渠道', 'A1,2024-01-02,12.5,天猫')).toEqual({
      customer_id: '客户编号',
      order_date: '下单时间',
      amount: '实付金额(元)',
      channel: '渠道',
    });
    expect(rolesOf('Cust ID,Purchase Date,Revenue,Source', 'A1,2024-01-02,12.5,Web')).toMatchObject({
      customer_id: 'Cust ID',
      order_date: 'Purchase Date',
      amount: 'Revenue',
      channel: 'Source',
    });
  });

  it('prefers the broadest region and the category over the sub-category', () => {
    expect(rolesOf('客户ID,日期,金额,城市,省份', 'a,2024-01-01,1,x,y').region).toBe('省份');
    expect(rolesOf('客户ID,日期,金额,Sub-Category', 'a,2024-01-01,1,x').category).toBe('Sub-Category');
    expect(rolesOf('客户ID,日期,金额,State,City', 'a,2024-01-01,1,x,y').region).toBe('State');
  });

  it('lowers confidence when the values contradict the header', () => {
    const headers = ['Customer ID', 'Order Date', 'Sales'];
    const cells: Cell[][] = [headers, ['a', 'soon', 'lots'], ['b', 'later', 'many']];
    const roles = detectRoles(headers, profileColumns(cells, 0, 3));
    expect(roles.find((r) => r.role === 'order_date')).toBeUndefined();
    expect(roles.find((r) => r.role === 'amount')).toBeUndefined();
    const good: Cell[][] = [headers, ['a', '2024-01-01', '12'], ['b', '2024-01-02', '13']];
    const conf = detectRoles(headers, profileColumns(good, 0, 3));
    expect(conf.find((r) => r.role === 'order_date')?.confidence).toBe(1);
  });

  it('finds an unnamed date column from its values', () => {
    const headers = ['客户', '金额', 'when'];
    const cells: Cell[][] = [headers, ['a', '1', '2024-01-01'], ['b', '2', '2024-01-05']];
    const roles = detectRoles(headers, profileColumns(cells, 0, 3));
    expect(roles.find((r) => r.role === 'order_date')).toMatchObject({ header: 'when', source: 'values' });
  });

  it('gives each column one role and each role one column, with confidence in 0..1', () => {
    const roles = detectRoles(SUPERSTORE.split(','), []);
    expect(new Set(roles.map((r) => r.column)).size).toBe(roles.length);
    expect(new Set(roles.map((r) => r.role)).size).toBe(roles.length);
    for (const r of roles) expect(r.confidence).toBeGreaterThan(0);
    for (const r of roles) expect(r.confidence).toBeLessThanOrEqual(1);
  });

  it('does not map Discount, Row ID, Segment or Ship Mode', () => {
    for (const h of [
      'Discount',
      'Row ID',
      'Segment',
      'Ship Mode',
      '折扣',
      '行 ID',
      '细分',
      '邮寄方式',
      'Postal Code',
    ]) {
      const best = Math.max(0, ...headerScores(h).values());
      expect(best).toBeLessThan(0.5);
    }
  });
});

describe('overrides', () => {
  const headers = SUPERSTORE.split(',');
  const roles = (map: Partial<Record<Role, string | number | null>>): Record<string, string> =>
    toMap(detectRoles(headers, [], map));

  it('maps by exact header, normalised header or index, and marks the source', () => {
    const r = detectRoles(headers, [], { order_date: 'Ship Date', region: 'state', amount: 20 });
    expect(toMap(r)).toMatchObject({ order_date: 'Ship Date', region: 'State', amount: 'Profit' });
    expect(r.find((x) => x.role === 'order_date')).toMatchObject({ source: 'user', confidence: 1 });
    // Profit was taken by amount, so profit is gone (one role per column).
    expect(toMap(r).profit).toBeUndefined();
  });

  it('removes a mapping with null', () => {
    expect(roles({ profit: null }).profit).toBeUndefined();
  });

  it('rejects an unknown header', () => {
    expect(() => roles({ amount: 'Turnover' })).toThrow(EngineError);
    try {
      roles({ amount: 'Turnover' });
    } catch (e) {
      expect(e).toMatchObject({ code: 'map_unknown_header', params: { role: 'amount', header: 'Turnover' } });
    }
    expect(() => roles({ amount: 99 })).toThrow(EngineError);
  });
});

describe('isDateFormat', () => {
  it('tells date formats from number formats', () => {
    expect(isDateFormat('yyyy-mm-dd')).toBe(true);
    expect(isDateFormat('m/d/yyyy')).toBe(true);
    expect(isDateFormat('yyyy"年"m"月"d"日"')).toBe(true);
    expect(isDateFormat('#,##0.00')).toBe(false);
    expect(isDateFormat('[$¥-804]#,##0')).toBe(false);
    expect(isDateFormat('General')).toBe(false);
  });
});
