/**
 * Texts of the advanced models: k-means clusters (cluster.<part> name parts and the cluster_name
 * renderer), lifetime value (columns, tables, notices) and adopter types (segment.adopter.<id>.*).
 * Keys follow tables.ts: table.<id>, col.<key> (also column.<key>), notice.<…>, errors.<code>, value.<id>.
 */
import type { Lang } from '../engine/types';
import type { Dict, SegmentText, Text } from './types';

function x(zh: string, en: string): Text {
  return { zh, en };
}

/** Name parts of k-means clusters (ids from engine/methods/kmeans.ts NAME_PARTS, plus "average"). */
const CLUSTER_PARTS: Dict = {
  'cluster.recent': x('近期活跃', 'Recent'),
  'cluster.lapsed': x('久未购买', 'Lapsed'),
  'cluster.frequent': x('高频', 'Frequent'),
  'cluster.infrequent': x('低频', 'Infrequent'),
  'cluster.high_spend': x('高消费', 'High spend'),
  'cluster.low_spend': x('低消费', 'Low spend'),
  'cluster.new': x('新客', 'New'),
  'cluster.long_tenure': x('老客', 'Long-standing'),
  'cluster.large_basket': x('大单', 'Large basket'),
  'cluster.small_basket': x('小单', 'Small basket'),
  'cluster.high_profit': x('高利润', 'High profit'),
  'cluster.low_profit': x('低利润', 'Low profit'),
  'cluster.average': x('中等客户', 'Average'),
};

const ADOPTER: Record<string, SegmentText> = {
  pioneer: {
    name: x('先锋型', 'Pioneers'),
    description: x(
      '总是最早购买新产品的客户（平均位于前 16%），乐于尝鲜，影响他人。',
      'Among the first buyers of the products they buy (first 16 % on average): they try new things and influence others.',
    ),
    action: x(
      '新品首发、内测和预售优先邀请他们，收集反馈并请他们分享体验。',
      'Invite them first to launches, betas and pre-orders; collect their feedback and ask them to share it.',
    ),
  },
  pragmatist: {
    name: x('实用型', 'Pragmatists'),
    description: x(
      '在产品得到初步验证后较早跟进（16%–50%），看重实用和口碑。',
      'Follow early once a product has proven itself (16–50 %); they value usefulness and reviews.',
    ),
    action: x(
      '用案例、评价和先锋客户的推荐打动他们，推出后尽快推送。',
      'Win them with case studies, reviews and pioneer referrals; reach them soon after launch.',
    ),
  },
  conservative: {
    name: x('保守型', 'Conservatives'),
    description: x(
      '等到产品成为主流后才购买（50%–84%），注重价格和稳妥。',
      'Buy once a product is mainstream (50–84 %); they care about price and safety.',
    ),
    action: x(
      '强调成熟、可靠和性价比，提供组合优惠、保障和简单的购买方式。',
      'Stress maturity, reliability and value; offer bundles, guarantees and an easy way to buy.',
    ),
  },
  sceptic: {
    name: x('怀疑型', 'Sceptics'),
    description: x(
      '最晚接受新产品的客户（后 16%），偏好熟悉的产品。',
      'The last to take up products (final 16 %); they prefer what they already know.',
    ),
    action: x(
      '不必在新品上投入；用熟悉产品的复购提醒和常规促销维护即可。',
      'Do not spend launch budget on them; keep them with replenishment reminders and regular offers on familiar products.',
    ),
  },
};

function adopterKeys(): Dict {
  const out: Dict = {};
  for (const [id, t] of Object.entries(ADOPTER)) {
    out[`segment.adopter.${id}.name`] = t.name;
    out[`segment.adopter.${id}.description`] = t.description;
    out[`segment.adopter.${id}.action`] = t.action;
    out[`value.${id}`] = t.name;
  }
  return out;
}

const KMEANS_FEATURE_NAMES: Record<string, Text> = {
  recency: x('最近天数', 'recency'),
  frequency: x('购买次数', 'frequency'),
  monetary: x('消费金额', 'monetary'),
  tenure: x('客户时长（天）', 'tenure (days)'),
  aov: x('客单价', 'average order value'),
  profit: x('利润', 'profit'),
};

/** Profile columns mean_<feature> and vs_overall_<feature> of the cluster_profiles table. */
function profileColumns(): Dict {
  const out: Dict = {};
  for (const [f, t] of Object.entries(KMEANS_FEATURE_NAMES)) {
    // mean_recency, mean_frequency and mean_monetary already exist in tables.ts with the same meaning.
    if (f !== 'recency' && f !== 'frequency' && f !== 'monetary')
      out[`col.mean_${f}`] = x(`平均${t.zh}`, `Mean ${t.en}`);
    out[`col.vs_overall_${f}`] = x(`${t.zh}相对总体`, `${t.en[0].toUpperCase()}${t.en.slice(1)} vs overall`);
  }
  return out;
}

const BASE: Dict = {
  ...CLUSTER_PARTS,
  ...adopterKeys(),
  ...profileColumns(),

  // Tables
  'table.cluster_profiles': x('聚类画像', 'Cluster profiles'),
  'table.clv_parameters': x('客户生命周期价值模型参数', 'Lifetime value model parameters'),
  'table.clv_migration': x(
    '迁移模型（按距上次购买的期数）',
    'Migration model (by periods since the last purchase)',
  ),
  'table.adopter_types': x('采用者类型分布', 'Adopter types'),
  'table.adopter_by_segment': x('各 RFM 分群的采用者类型', 'Adopter types by RFM segment'),

  // Per-customer columns
  'col.cluster': x('聚类编号', 'Cluster'),
  'col.cluster_name': x('聚类名称', 'Cluster name'),
  'col.x': x('重复购买次数 x', 'Repeat purchases x'),
  'col.t_x': x('末次购买时点 t_x（期）', 'Last purchase t_x (periods)'),
  'col.T': x('客户年龄 T（期）', 'Customer age T (periods)'),
  'col.p_alive': x('仍活跃概率', 'P(alive)'),
  'col.expected_purchases': x('预期购买次数', 'Expected purchases'),
  'col.expected_spend': x('预期每次消费', 'Expected spend per purchase'),
  'col.clv': x('客户生命周期价值', 'Lifetime value'),
  'col.adoption_percentile': x('采用时点百分位', 'Adoption percentile'),
  'col.adopter_type': x('采用者类型', 'Adopter type'),
  // Table columns
  'col.share': x('占比', 'Share'),
  'col.share_of_segment': x('占分群比例', 'Share of segment'),
  'col.type': x('类型', 'Type'),
  'col.model': x('模型', 'Model'),
  'col.parameter': x('参数', 'Parameter'),
  'col.state': x('距上次购买期数', 'Periods since last purchase'),
  'col.purchase_probability': x('下期购买概率', 'Purchase probability next period'),

  // Cell values of the CLV tables
  'value.bgnbd': x('BG/NBD（购买次数）', 'BG/NBD (purchases)'),
  'value.gamma_gamma': x('Gamma-Gamma（消费金额）', 'Gamma-Gamma (spend)'),
  'value.log_likelihood': x('对数似然', 'Log-likelihood'),
  'value.customers_used': x('参与拟合的客户数', 'Customers used'),
  'value.one_time_buyers_left_out': x('未纳入的一次性购买客户', 'One-time buyers left out'),

  // Notices
  'notice.clv.no_dates': x(
    '没有购买日期，无法计算客户生命周期价值：请映射订单日期列（或首次/末次购买日期）。',
    'Lifetime value needs purchase dates: map the order date column (or first and last purchase dates).',
  ),
  'notice.clv.few_customers': x(
    '只有 {count} 位客户可用于生命周期价值模型，参数估计不稳定，仅供参考。',
    'Only {count} customers can be used for the lifetime value models; the estimates are unstable and only indicative.',
  ),
  'notice.clv.no_repeat_buyers': x(
    '没有任何客户重复购买，模型无法估计流失率；预期购买次数接近 0。',
    'No customer has bought more than once, so the models cannot learn how customers drop out; expected purchases are close to 0.',
  ),
  'notice.clv.bgnbd_not_identified': x(
    'BG/NBD 模型的某些参数无法由数据确定（到达搜索边界），结果请谨慎使用。',
    'Some BG/NBD parameters cannot be determined from this data (they reached the search limit); use the results with care.',
  ),
  'notice.clv.one_time_buyers_left_out': x(
    '消费金额模型（Gamma-Gamma）只用重复购买的 {used} 位客户拟合，未纳入 {count} 位一次性购买客户；他们的预期消费取总体平均值。',
    'The spend model (Gamma-Gamma) was fitted on the {used} repeat buyers; {count} one-time buyers were left out and get the population mean spend.',
  ),
  'notice.clv.gamma_gamma_not_identified': x(
    '客户之间的消费水平差异不明显，消费金额模型趋向于所有客户相同的平均消费。',
    'Spend hardly differs between customers, so the spend model tends to the same mean spend for everyone.',
  ),
  'notice.clv.spend_fallback': x(
    '重复购买客户太少，无法拟合消费金额模型；预期消费改用每次购买的平均金额 {value}。',
    'Too few repeat buyers to fit the spend model; expected spend uses the mean amount per purchase, {value}.',
  ),
  'notice.clv.retention_not_estimable': x(
    '数据中没有可用于估计留存率的连续期间，留存模型未计算。',
    'The data has no consecutive periods to estimate retention from, so the retention model was not computed.',
  ),
  'notice.clv.no_histories': x(
    '留存模型和迁移模型需要订单明细（每次购买一行），客户汇总表只计算 BG/NBD 与 Gamma-Gamma。',
    'The retention and migration models need order lines; with a customer list only BG/NBD and Gamma-Gamma are computed.',
  ),
  'notice.kmeans.too_few_distinct': x(
    '只有 {distinct} 种不同的客户特征组合，无法分成 2 个以上的聚类。',
    'Customers have only {distinct} distinct feature combinations, too few for 2 or more clusters.',
  ),
  'notice.kmeans.k_reduced': x(
    '只有 {distinct} 种不同的客户特征组合，聚类数从 {k} 减少为 {distinct}。',
    'Customers have only {distinct} distinct feature combinations, so the number of clusters was reduced from {k} to {distinct}.',
  ),
  'notice.kmeans.weak_structure': x(
    '聚类轮廓系数仅为 {silhouette}，客户之间没有明显的自然分组，聚类结果仅供参考。',
    'The silhouette is only {silhouette}: the customers form no clear natural groups, so treat the clusters as indicative.',
  ),
  'notice.adopter.no_transactions': x(
    '采用者类型需要订单明细（含日期）。',
    'Adopter types need order lines with dates.',
  ),
  'notice.adopter.no_product': x(
    '采用者类型需要产品列：请映射产品（商品）列。',
    'Adopter types need a product column: map the product column.',
  ),
  'notice.adopter.no_product_purchases': x(
    '没有带产品的有效购买，无法判断采用者类型。',
    'No purchase has a product, so adopter types cannot be determined.',
  ),

  // Errors
  'errors.clv_bad_option': x(
    '生命周期价值选项 {option} 的值无效：{value}。',
    'Invalid value for the lifetime value option {option}: {value}.',
  ),
  'errors.kmeans_bad_feature': x(
    '未知的聚类特征“{feature}”，可选：{allowed}。',
    'Unknown clustering feature "{feature}"; choose from {allowed}.',
  ),
  'errors.kmeans_feature_missing': x(
    '数据中没有聚类特征“{feature}”所需的列。',
    'The data has no column for the clustering feature "{feature}".',
  ),
  'errors.kmeans_bad_k': x(
    '聚类数必须是 1 到 50 之间的整数或 auto（收到 {k}）。',
    'k must be a whole number from 1 to 50, or auto (got {k}).',
  ),
};

/** The same texts under the alternative spellings the layout reads (column.<key>, table.<id>.title). */
function withAliases(base: Dict): Dict {
  const out: Dict = { ...base };
  for (const [key, text] of Object.entries(base)) {
    const parts = key.split('.');
    if (parts[0] === 'table' && parts.length === 2) out[`table.${parts[1]}.title`] ??= text;
    else if (parts[0] === 'col' && parts.length === 2) out[`column.${parts[1]}`] ??= text;
  }
  return out;
}

/** All texts of the advanced models; merge into the i18n dictionary. */
export const MODELS: Dict = withAliases(BASE);

/** Adopter segment texts, for SEGMENTS.adopter (segmentText('adopter', id)). */
export const ADOPTER_SEGMENTS: Record<string, SegmentText> = ADOPTER;

/**
 * Readable k-means cluster name from its id ("recent+frequent+high_spend#2" → "Recent · Frequent ·
 * High spend (2)"); unknown parts are shown as written.
 */
export function clusterName(id: string, lang: Lang): string {
  const [body, n] = id.split('#');
  const parts = body.split('+').map((p) => {
    const t = MODELS[`cluster.${p}`];
    return t ? t[lang] : p;
  });
  const name = parts.join(lang === 'zh' ? '·' : ' · ');
  return n ? `${name} (${n})` : name;
}
