/**
 * Seeded generator of the bundled samples: order exports in Chinese and English, and a customer-level list,
 * with the messes real CRM exports have (a title row above the header, currency text, 万 units, Chinese and
 * US dates, refunds, rows without a customer, a repeated header, a blank row and a totals row).
 *
 * Customers follow a simple buy-till-you-die story (a purchase rate, a spend level and a churn date each),
 * so that the segments in the samples mean something. Run: npm run samples
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../src/engine/methods/random';

/** The engine's seeded PRNG: the samples must be byte-identical on every machine. */
export function prng(seed: number): () => number {
  return mulberry32(seed).next;
}

type Rand = () => number;
const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
/** Exponential waiting time with the given mean. */
const expo = (rand: Rand, mean: number): number => -Math.log(1 - rand()) * mean;
/** Standard normal (Box–Muller). */
const normal = (rand: Rand): number => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());

interface Catalogue {
  regions: readonly string[];
  cities: Record<string, readonly string[]>;
  products: readonly { name: string; category: string; price: number }[];
  channels: readonly string[];
  surnames: readonly string[];
  given: readonly string[];
}

const ZH: Catalogue = {
  regions: ['华东', '华南', '华北', '西南', '东北', '西北'],
  cities: {
    华东: ['上海', '杭州', '南京', '苏州'],
    华南: ['广州', '深圳', '厦门'],
    华北: ['北京', '天津', '石家庄'],
    西南: ['成都', '重庆', '昆明'],
    东北: ['沈阳', '大连', '哈尔滨'],
    西北: ['西安', '兰州'],
  },
  products: [
    { name: '有机绿茶礼盒', category: '茶饮', price: 168 },
    { name: '手冲咖啡豆 500g', category: '茶饮', price: 98 },
    { name: '不锈钢保温杯', category: '家居', price: 129 },
    { name: '真丝枕套', category: '家居', price: 239 },
    { name: '蓝牙降噪耳机', category: '数码', price: 899 },
    { name: '移动电源 20000mAh', category: '数码', price: 159 },
    { name: '羊绒围巾', category: '服饰', price: 459 },
    { name: '运动速干T恤', category: '服饰', price: 79 },
    { name: '坚果大礼包', category: '食品', price: 139 },
    { name: '进口橄榄油 1L', category: '食品', price: 118 },
  ],
  channels: ['天猫', '京东', '小程序', '门店'],
  surnames: ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭'],
  given: [
    '伟',
    '芳',
    '娜',
    '敏',
    '静',
    '磊',
    '洋',
    '艳',
    '勇',
    '军',
    '杰',
    '娟',
    '涛',
    '明',
    '超',
    '霞',
    '平',
    '刚',
  ],
};

const EN: Catalogue = {
  regions: ['East', 'West', 'Central', 'South'],
  cities: {
    East: ['New York', 'Boston', 'Philadelphia'],
    West: ['Los Angeles', 'Seattle', 'San Francisco'],
    Central: ['Chicago', 'Detroit', 'Minneapolis'],
    South: ['Houston', 'Atlanta', 'Miami'],
  },
  products: [
    { name: 'Organic Green Tea Gift Box', category: 'Beverages', price: 24 },
    { name: 'Single-Origin Coffee Beans 1lb', category: 'Beverages', price: 16 },
    { name: 'Insulated Steel Bottle', category: 'Home', price: 29 },
    { name: 'Silk Pillowcase', category: 'Home', price: 45 },
    { name: 'Noise-Cancelling Headphones', category: 'Electronics', price: 199 },
    { name: 'Power Bank 20000mAh', category: 'Electronics', price: 39 },
    { name: 'Cashmere Scarf', category: 'Apparel', price: 89 },
    { name: 'Running T-Shirt', category: 'Apparel', price: 22 },
    { name: 'Mixed Nuts Hamper', category: 'Food', price: 32 },
    { name: 'Extra Virgin Olive Oil 1L', category: 'Food', price: 18 },
  ],
  channels: ['Web', 'Marketplace', 'App', 'Store'],
  surnames: [
    'Smith',
    'Johnson',
    'Garcia',
    'Brown',
    'Lee',
    'Miller',
    'Davis',
    'Lopez',
    'Wilson',
    'Chen',
    'Taylor',
    'Moore',
  ],
  given: [
    'Anna',
    'Ben',
    'Carla',
    'David',
    'Emma',
    'Frank',
    'Grace',
    'Henry',
    'Ivy',
    'Jack',
    'Kim',
    'Liam',
    'Mia',
    'Noah',
  ],
};

/** 2024-01-01 as a UTC millisecond time; the samples cover 18 months from it. */
const START = Date.UTC(2024, 0, 1);
const DAYS = 547;
const DAY_MS = 86_400_000;

interface Line {
  order: string;
  day: number;
  minute: number;
  customer: string;
  name: string;
  region: string;
  city: string;
  product: string;
  category: string;
  channel: string;
  quantity: number;
  price: number;
  amount: number;
  profit: number;
}

/** Order lines of `customers` simulated customers. */
function simulate(
  rand: Rand,
  cat: Catalogue,
  customers: number,
  idPrefix: string,
  orderPrefix: string,
): Line[] {
  const lines: Line[] = [];
  let orderNo = 100_000;
  for (let c = 0; c < customers; c++) {
    const id = `${idPrefix}${String(10_001 + c)}`;
    const name =
      cat === ZH
        ? pick(rand, cat.surnames) + pick(rand, cat.given) + (rand() < 0.4 ? pick(rand, cat.given) : '')
        : `${pick(rand, cat.given)} ${pick(rand, cat.surnames)}`;
    const region = pick(rand, cat.regions);
    const city = pick(rand, cat.cities[region]);
    const channel = pick(rand, cat.channels);
    // Heterogeneous customers: mean days between orders 12..240, spend level lognormal, a churn date.
    const gap = 12 + 228 * rand() ** 1.6;
    const spend = Math.exp(0.6 * normal(rand));
    const first = Math.floor(rand() * (DAYS - 20));
    const life = expo(rand, 260);
    let day = first;
    while (day < DAYS && day - first <= life) {
      const order = `${orderPrefix}${orderNo++}`;
      const items = 1 + Math.floor(rand() * rand() * 4);
      const minute = Math.floor(rand() * 1440);
      for (let k = 0; k < items; k++) {
        const p = pick(rand, cat.products);
        const quantity = 1 + Math.floor(rand() * rand() * 5 * spend);
        const price = Math.round(p.price * (0.85 + 0.3 * rand()) * 100) / 100;
        const amount = Math.round(quantity * price * 100) / 100;
        const profit = Math.round(amount * (0.1 + 0.3 * rand()) * 100) / 100;
        lines.push({
          order,
          day,
          minute,
          customer: id,
          name,
          region,
          city,
          product: p.name,
          category: p.category,
          channel,
          quantity,
          price,
          amount,
          profit,
        });
        // One line in 25 is refunded a few days later as its own order.
        if (rand() < 0.04) {
          const back = Math.min(DAYS - 1, day + 1 + Math.floor(rand() * 10));
          lines.push({
            order: `${orderPrefix}R${orderNo++}`,
            day: back,
            minute: 600,
            customer: id,
            name,
            region,
            city,
            product: p.name,
            category: p.category,
            channel,
            quantity: -quantity,
            price,
            amount: -amount,
            profit: -profit,
          });
        }
      }
      day += Math.max(1, Math.round(expo(rand, gap)));
    }
  }
  lines.sort(
    (a, b) => a.day - b.day || a.minute - b.minute || (a.order < b.order ? -1 : a.order > b.order ? 1 : 0),
  );
  return lines;
}

const ymd = (day: number): [number, number, number] => {
  const d = new Date(START + day * DAY_MS);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
};
const two = (n: number): string => String(n).padStart(2, '0');

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
const csvLine = (cells: (string | number)[]): string => cells.map(csvCell).join(',');

/** Chinese amounts the way exports show them: ¥1,234.50, 1.2万 for large ones, or plain. */
function zhAmount(rand: Rand, v: number): string {
  if (v >= 10_000 && rand() < 0.5) return `${(v / 10_000).toFixed(2)}万`;
  const r = rand();
  if (r < 0.4) return `¥${v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  if (r < 0.5) return `${v.toFixed(2)}元`;
  return v.toFixed(2);
}

function zhDate(rand: Rand, day: number, minute: number): string {
  const [y, m, d] = ymd(day);
  const r = rand();
  const hm = `${two(Math.floor(minute / 60))}:${two(minute % 60)}`;
  if (r < 0.4) return `${y}-${two(m)}-${two(d)} ${hm}:00`;
  if (r < 0.7) return `${y}/${m}/${d} ${hm}`;
  return `${y}年${m}月${d}日`;
}

/** The Chinese order export. */
export function ordersZh(seed = 20_240_601): string {
  const rand = prng(seed);
  const lines = simulate(rand, ZH, 320, 'VIP', 'DD');
  const header = [
    '订单编号',
    '下单时间',
    '会员编号',
    '客户名称',
    '地区',
    '城市',
    '商品名称',
    '品类',
    '渠道',
    '数量',
    '单价',
    '实付金额(元)',
    '毛利',
  ];
  const out = ['订单明细导出（2024年1月1日—2025年6月30日）,,,,,,,,,,,,', csvLine(header)];
  let total = 0;
  lines.forEach((l, i) => {
    if (i === Math.floor(lines.length / 2)) out.push(csvLine(header)); // pages of an export glued together
    if (i === Math.floor(lines.length / 3)) out.push(',,,,,,,,,,,,');
    const missingId = rand() < 0.006;
    total += l.amount;
    out.push(
      csvLine([
        l.order,
        zhDate(rand, l.day, l.minute),
        missingId ? '' : l.customer,
        l.name,
        l.region,
        l.city,
        l.product,
        l.category,
        l.channel,
        l.quantity,
        l.price.toFixed(2),
        l.amount < 0 ? `-${zhAmount(rand, -l.amount)}` : zhAmount(rand, l.amount),
        l.profit.toFixed(2),
      ]),
    );
  });
  out.push(csvLine(['合计', '', '', '', '', '', '', '', '', '', '', total.toFixed(2), '']));
  return out.join('\r\n') + '\r\n';
}

/** The English order export (US dates, $ amounts, refunds in parentheses). */
export function ordersEn(seed = 20_240_602): string {
  const rand = prng(seed);
  const lines = simulate(rand, EN, 300, 'C-', 'SO-');
  const header = [
    'Order ID',
    'Order Date',
    'Customer ID',
    'Customer Name',
    'Region',
    'City',
    'Product',
    'Category',
    'Channel',
    'Quantity',
    'Unit Price',
    'Sales',
    'Profit',
  ];
  const out = ['Sales export: Jan 1 2024 - Jun 30 2025', '', csvLine(header)];
  let total = 0;
  for (const l of lines) {
    const [y, m, d] = ymd(l.day);
    total += l.amount;
    const money = `$${Math.abs(l.amount).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    out.push(
      csvLine([
        l.order,
        `${m}/${d}/${y}`,
        rand() < 0.005 ? '' : l.customer,
        l.name,
        l.region,
        l.city,
        l.product,
        l.category,
        l.channel,
        l.quantity,
        l.price.toFixed(2),
        l.amount < 0 ? `(${money})` : money,
        l.profit.toFixed(2),
      ]),
    );
  }
  out.push(csvLine(['Total', '', '', '', '', '', '', '', '', '', '', total.toFixed(2), '']));
  return out.join('\n') + '\n';
}

/** A customer-level list (one row per customer), as CRMs export "会员列表". */
export function customersZh(seed = 20_240_603): string {
  const rand = prng(seed);
  const lines = simulate(rand, ZH, 400, 'M', 'X');
  const byCustomer = new Map<
    string,
    {
      name: string;
      region: string;
      channel: string;
      last: number;
      first: number;
      orders: Set<string>;
      sum: number;
    }
  >();
  for (const l of lines) {
    let c = byCustomer.get(l.customer);
    if (!c) {
      c = {
        name: l.name,
        region: l.region,
        channel: l.channel,
        last: l.day,
        first: l.day,
        orders: new Set(),
        sum: 0,
      };
      byCustomer.set(l.customer, c);
    }
    c.last = Math.max(c.last, l.day);
    c.first = Math.min(c.first, l.day);
    if (l.amount > 0) c.orders.add(l.order);
    c.sum += l.amount;
  }
  const header = [
    '会员编号',
    '会员姓名',
    '地区',
    '渠道',
    '首次购买日期',
    '最近购买日期',
    '消费次数',
    '累计消费金额',
  ];
  const out = [csvLine(header)];
  for (const [id, c] of [...byCustomer].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const [y1, m1, d1] = ymd(c.first);
    const [y2, m2, d2] = ymd(c.last);
    out.push(
      csvLine([
        id,
        c.name,
        c.region,
        c.channel,
        `${y1}-${two(m1)}-${two(d1)}`,
        `${y2}-${two(m2)}-${two(d2)}`,
        c.orders.size,
        c.sum.toFixed(2),
      ]),
    );
  }
  return out.join('\r\n') + '\r\n';
}

export const SAMPLES: Record<string, () => string> = {
  'orders-zh.csv': () => ordersZh(),
  'orders-en.csv': () => ordersEn(),
  'customers-zh.csv': () => customersZh(),
};

/** Writes every sample next to this file. */
export function writeSamples(dir: string): string[] {
  return Object.entries(SAMPLES).map(([file, make]) => {
    const path = join(dir, file);
    // The Chinese files carry a UTF-8 BOM, as Excel writes "CSV UTF-8" and so that Excel opens them right.
    writeFileSync(path, (file.includes('zh') ? '\ufeff' : '') + make(), 'utf8');
    return path;
  });
}

if (process.argv[1] && /generate\.ts$/.test(process.argv[1])) {
  for (const p of writeSamples(join(process.cwd(), 'samples'))) console.log(`wrote ${p}`);
}
