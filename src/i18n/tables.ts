/**
 * Texts of the summary tables (table.<id>), their columns and the per-customer columns (col.<key>),
 * the methods (method.<id>, method.<id>.help), the methods' notices and errors, and ids that appear as
 * cell values in the tables (value.<id>: dimensions, threshold bases, the "other" product member).
 */
import type { Dict, Text } from './types';

function x(zh: string, en: string): Text {
  return { zh, en };
}

/** F-score columns of the rf_grid table. */
function gridColumns(): Dict {
  const out: Dict = {};
  for (let f = 1; f <= 5; f++) {
    out[`col.customers_f${f}`] = x(`F=${f} 客户数`, `F=${f} customers`);
    out[`col.revenue_f${f}`] = x(`F=${f} 销售额`, `F=${f} revenue`);
  }
  return out;
}

const BASE: Dict = {
  // Tables
  'table.rfm_thresholds': x('RFM 评分阈值', 'RFM score thresholds'),
  'table.rf_grid': x('R×F 客户分布', 'R×F grid'),
  'table.class8_thresholds': x('RFM 八类客户阈值', 'RFM eight classes: thresholds'),
  'table.fm_thresholds': x('频次×金额象限阈值', 'Frequency × monetary thresholds'),
  'table.pareto': x('帕累托曲线（客户占比与累计销售额占比）', 'Pareto curve (customer share vs value share)'),
  'table.tiers': x('ABC 价值分层', 'ABC value tiers'),
  'table.contributions': x(
    '贡献分析（地区、品类、产品、渠道）',
    'Contributions (region, category, product, channel)',
  ),
  'table.segments': x('客户分群汇总', 'Segment summary'),

  // Per-customer columns
  'col.r_score': x('R 评分', 'R score'),
  'col.f_score': x('F 评分', 'F score'),
  'col.m_score': x('M 评分', 'M score'),
  'col.rfm_code': x('RFM 代码', 'RFM code'),
  'col.rfm_segment': x('RFM 客户分群', 'RFM segment'),
  'col.rfm_class8': x('RFM 八类客户', 'RFM eight classes'),
  'col.value_tier': x('价值分层', 'Value tier'),
  'col.cumulative_share': x('累计销售额占比', 'Cumulative share'),
  'col.fm_quadrant': x('频次×金额象限', 'F×M quadrant'),

  // Table columns
  'col.boundary': x('分数界限（k 与 k+1 之间）', 'Boundary (between score k and k+1)'),
  'col.quantile': x('分位点', 'Quantile'),
  'col.r_threshold': x('R：最近天数 <', 'R: recency days <'),
  'col.f_threshold': x('F：购买次数 >', 'F: frequency >'),
  'col.m_threshold': x('M：消费金额 >', 'M: monetary >'),
  ...gridColumns(),
  'col.dimension': x('维度', 'Dimension'),
  'col.basis': x('阈值依据', 'Basis'),
  'col.rule': x('规则', 'Rule'),
  'col.threshold': x('阈值', 'Threshold'),
  'col.high_customers': x('高（近）客户数', 'High (near) customers'),
  'col.low_customers': x('低（远）客户数', 'Low (far) customers'),
  'col.rank': x('排名', 'Rank'),
  'col.customer_share': x('客户占比', 'Customer share'),
  'col.bucket_share': x('本段销售额占比', 'Value share of this step'),
  'col.customers': x('客户数', 'Customers'),
  'col.value': x('金额', 'Value'),
  'col.value_share': x('金额占比', 'Value share'),
  'col.member': x('成员', 'Member'),
  'col.segment': x('客户分群', 'Segment'),
  'col.revenue': x('销售额', 'Revenue'),
  'col.revenue_share': x('销售额占比', 'Revenue share'),
  'col.profit': x('利润', 'Profit'),
  'col.orders': x('订单数', 'Orders'),
  'col.method': x('方法', 'Method'),
  'col.mean_recency': x('平均最近天数', 'Mean recency (days)'),
  'col.mean_frequency': x('平均购买次数', 'Mean frequency'),
  'col.mean_monetary': x('平均消费金额', 'Mean monetary'),
  'col.mean_clv': x('平均客户终身价值', 'Mean CLV'),
  'col.name': x('名称', 'Name'),
  'col.description': x('说明', 'Description'),
  'col.action': x('建议行动', 'Recommended action'),

  // Methods
  'method.rfm': x('RFM 评分', 'RFM scores'),
  'method.rfm.help': x(
    '按最近购买、购买频次和消费金额给每位客户打 1–5 分（分位数阈值）。',
    'Scores each customer 1–5 on recency, frequency and monetary value (quantile thresholds).',
  ),
  'method.rfm_segments': x('RFM 细分', 'RFM segments'),
  'method.rfm_segments.help': x(
    '按 R 分和 F 分把客户分成冠军客户、忠诚客户、有流失风险等 10 类。',
    'Maps the R and F scores to 10 named segments such as Champions, Loyal Customers and At Risk.',
  ),
  'method.rfm_class8': x('RFM 八类客户', 'RFM eight classes'),
  'method.rfm_class8.help': x(
    'R、F、M 各与平均值比较高低，分为重要价值客户等八类。',
    'Compares R, F and M with their means to place each customer in one of eight classes such as Important value.',
  ),
  'method.value_tiers': x('价值分层（ABC）', 'Value tiers (ABC)'),
  'method.value_tiers.help': x(
    '按销售额从高到低累计，前 80% 为 A 类，其后 15% 为 B 类，其余为 C 类。',
    'Ranks customers by value: the first 80% of revenue is tier A, the next 15% tier B, the rest tier C.',
  ),
  'method.fm_quadrants': x('频次×金额四象限', 'Frequency × monetary quadrants'),
  'method.fm_quadrants.help': x(
    '按购买次数和消费金额是否高于中位数分为四个象限。',
    'Splits customers into four quadrants by whether frequency and spend are above the median.',
  ),
  'method.contributions': x('贡献', 'Contributions'),
  'method.contributions.help': x(
    '按地区、品类、产品和渠道统计销售额、利润、客户数和订单数及其累计占比。',
    'Revenue, profit, customers and orders by region, category, product and channel, with cumulative shares.',
  ),
  'method.kmeans': x('聚类', 'Clusters'),
  'method.kmeans.help': x(
    '按最近天数、频次和金额自动把客户聚成 2–8 个相似的群组。',
    'Groups customers into 2–8 similar clusters from recency, frequency and spend.',
  ),
  'method.clv': x('客户生命周期价值', 'Customer lifetime value'),
  'method.clv.help': x(
    '用留存、迁移和 BG/NBD 模型估算每位客户未来能带来的价值。',
    'Estimates the future value of each customer with retention, migration and BG/NBD models.',
  ),
  'method.adopter': x('采用者类型', 'Adopter types'),
  'method.adopter.help': x(
    '按客户购买新产品的早晚分为先锋型、实用型、保守型和怀疑型。',
    'Classes customers as pioneers, pragmatists, conservatives or sceptics by how early they buy products.',
  ),

  // Notices and errors of these methods
  'notice.no_scored_customers': x(
    '没有可评分的客户（分析期内没有任何有效购买），无法分群。',
    'No customer has a purchase in the analysis window, so there is nothing to segment.',
  ),
  'notice.contributions_no_dimension': x(
    '数据中没有地区、品类、产品或渠道列，无法做贡献分析。',
    'The data has no region, category, product or channel column, so contributions cannot be computed.',
  ),
  'notice.tiers_no_profit': x(
    '数据中没有利润列，ABC 分层改按销售额计算。',
    'There is no profit column, so the ABC tiers use revenue instead.',
  ),
  'errors.rfm_bins': x(
    'RFM 分档数只能是 3、4 或 5（收到 {bins}）。',
    'RFM bins must be 3, 4 or 5 (got {bins}).',
  ),
  'errors.rfm_cuts': x(
    '{dimension} 的自定义分割点必须是 {count} 个从小到大的数字。',
    'The custom cut points for {dimension} must be {count} ascending numbers.',
  ),
  'errors.class8_fixed': x(
    '使用固定阈值时，请填写最近天数、购买次数和消费金额三个阈值。',
    'Fixed thresholds need a recency, a frequency and a monetary value.',
  ),
  'errors.tier_limits': x(
    'ABC 分层界限须满足 0 < A ≤ B ≤ 1（收到 A={a}，B={b}）。',
    'ABC tier limits must satisfy 0 < A ≤ B ≤ 1 (got A={a}, B={b}).',
  ),

  // Ids that appear as cell values in the tables
  'value.recency': x('最近天数', 'Recency'),
  'value.frequency': x('购买次数', 'Frequency'),
  'value.monetary': x('消费金额', 'Monetary'),
  'value.mean': x('平均值', 'Mean'),
  'value.median': x('中位数', 'Median'),
  'value.fixed': x('固定值', 'Fixed'),
  'value.region': x('地区', 'Region'),
  'value.category': x('品类', 'Category'),
  'value.product': x('产品', 'Product'),
  'value.channel': x('渠道', 'Channel'),
  'value.other': x('其他', 'Other'),
  'value.blank': x('（空白）', '(blank)'),
};

/**
 * Method names match the pane's ui.method.<id>, so a method reads the same everywhere.
 * The same texts under the other spellings consumers use (src/excel/layout.ts reads `table.<id>.title`,
 * `column.<key>` and `method.<id>.name`; the CLI reads `method.<id>`), so both find them.
 */
function withAliases(base: Dict): Dict {
  const out: Dict = { ...base };
  const alias = (key: string, text: Text): void => {
    if (!Object.prototype.hasOwnProperty.call(out, key)) out[key] = text;
  };
  for (const [key, text] of Object.entries(base)) {
    const parts = key.split('.');
    if (parts[0] === 'table' && parts.length === 2) alias(`table.${parts[1]}.title`, text);
    else if (parts[0] === 'col' && parts.length === 2) alias(`column.${parts[1]}`, text);
    else if (parts[0] === 'method' && parts.length === 2) alias(`method.${parts[1]}.name`, text);
  }
  // Ids written as cell values (dimension, basis) are labelled through column.<id> by the layout.
  for (const [key, text] of Object.entries(base))
    if (key.startsWith('value.')) alias(`column.${key.slice(6)}`, text);
  return out;
}

export const TABLES: Dict = withAliases(BASE);
