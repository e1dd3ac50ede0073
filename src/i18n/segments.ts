import type { SegmentText } from './types';

/** Builds a SegmentText from zh/en pairs: [name], [description], [action]. */
function seg(name: [string, string], description: [string, string], action: [string, string]): SegmentText {
  return {
    name: { zh: name[0], en: name[1] },
    description: { zh: description[0], en: description[1] },
    action: { zh: action[0], en: action[1] },
  };
}

/** Segment texts by method id, then segment id. */
export const SEGMENTS: Record<string, Record<string, SegmentText>> = {
  rfm_segments: {
    champions: seg(
      ['冠军客户', 'Champions'],
      [
        '最近刚买过、购买最频繁的客户，是生意的核心。',
        'Bought most recently and buy most often: the heart of the business.',
      ],
      [
        '给予专属礼遇（新品抢先购、VIP 活动），邀请写评价和推荐好友；不需要打折。',
        'Reward them with early access to new products and VIP events, and ask for reviews and referrals; no discounts needed.',
      ],
    ),
    loyal_customers: seg(
      ['忠诚客户', 'Loyal Customers'],
      [
        '购买频繁且近期仍在购买，对促销和会员活动反应积极。',
        'Buy often and fairly recently; they respond to promotions and loyalty offers.',
      ],
      [
        '推荐更高价值的产品和组合（向上销售），邀请加入会员积分计划。',
        'Upsell higher-value products and bundles, and enrol them in the loyalty programme.',
      ],
    ),
    potential_loyalists: seg(
      ['潜在忠诚客户', 'Potential Loyalists'],
      [
        '近期购买过、已经复购但次数还不多，有望成为忠诚客户。',
        'Recent customers who have come back a few times and could become loyal.',
      ],
      [
        '提供会员权益和基于购买记录的个性化推荐，培养固定的购买习惯。',
        'Offer membership benefits and personalised recommendations from their purchases to build a buying habit.',
      ],
    ),
    new_customers: seg(
      ['新客户', 'New Customers'],
      [
        '最近刚完成购买，但购买次数最少，多为首次购买。',
        'Bought very recently but have the fewest purchases, mostly a first one.',
      ],
      [
        '发送欢迎和使用指导，30 天内给一张复购优惠券，促成第二次购买。',
        'Send a welcome and how-to series and a repeat-purchase coupon valid for 30 days to win the second order.',
      ],
    ),
    promising: seg(
      ['有潜力客户', 'Promising'],
      [
        '近期购买过，但购买次数少，对品牌还不熟悉。',
        'Bought fairly recently but only rarely; still getting to know the brand.',
      ],
      [
        '提供试用装或小额满减，介绍畅销品，提高品牌认知并促成复购。',
        'Offer samples or a small spend-and-save deal and show best-sellers to build awareness and a repeat purchase.',
      ],
    ),
    need_attention: seg(
      ['需要关注', 'Need Attention'],
      [
        '最近一次购买和购买频率都处在中间水平，可能开始流失。',
        'Middle recency and frequency: they may be starting to drift away.',
      ],
      [
        '推送限时优惠和基于历史购买的推荐，在他们沉睡前重新激活。',
        'Send limited-time offers and recommendations based on past purchases to re-engage them before they lapse.',
      ],
    ),
    about_to_sleep: seg(
      ['即将沉睡', 'About to Sleep'],
      [
        '有一段时间没有购买，且购买次数较少，即将沉睡。',
        'Have not bought for a while and buy rarely: about to go dormant.',
      ],
      [
        '通过个性化邮件或短信推荐热门商品并附优惠，重新建立联系。',
        'Reconnect with personalised emails or texts showing popular products with a discount.',
      ],
    ),
    at_risk: seg(
      ['有流失风险', 'At Risk'],
      [
        '过去购买较频繁，但已经很久没有再买，面临流失。',
        'Used to buy often but have not bought for a long time: likely to churn.',
      ],
      [
        '发送个性化召回信息和续购优惠，电话或问卷了解不再购买的原因。',
        'Send personalised win-back messages and renewal offers, and call or survey them to learn why they stopped.',
      ],
    ),
    cant_lose_them: seg(
      ['不能失去', "Can't Lose Them"],
      [
        '曾经是购买最频繁的客户，却很久没有回来。',
        'Were among the most frequent buyers but have not come back for a long time.',
      ],
      [
        '由客户经理一对一联系，提供专属挽回方案或新品，不要让他们流向竞争对手。',
        'Have an account manager contact them personally with a dedicated win-back offer or new products; do not lose them to a competitor.',
      ],
    ),
    hibernating: seg(
      ['休眠客户', 'Hibernating'],
      ['很久没有购买，购买次数也少，处于休眠状态。', 'Last bought long ago and bought few times: dormant.'],
      [
        '只用低成本的自动化营销（季节性大促、相关商品推荐）唤醒，不再投入高成本资源。',
        'Wake them with low-cost automated campaigns only (seasonal sales, relevant products); stop spending costly resources.',
      ],
    ),
  },
  rfm_class8: {
    important_value: seg(
      ['重要价值客户', 'Important value'],
      [
        '最近购买、购买频繁且消费金额高，是最有价值的客户。',
        'Bought recently, buy often and spend a lot: the most valuable customers.',
      ],
      [
        '提供 VIP 专属服务和优先权益，保持满意度，争取推荐新客。',
        'Give them VIP service and priority benefits, keep them satisfied and ask for referrals.',
      ],
    ),
    important_retain: seg(
      ['重要保持客户', 'Important retain'],
      ['购买频繁、金额高，但最近没有再买。', 'Buy often and spend a lot, but have not bought recently.'],
      [
        '主动回访和关怀，推送专属优惠，防止他们转向竞争对手。',
        'Reach out with care calls and exclusive offers to keep them from moving to a competitor.',
      ],
    ),
    important_develop: seg(
      ['重要发展客户', 'Important develop'],
      ['最近购买且金额高，但购买次数少。', 'Bought recently and spend a lot, but buy rarely.'],
      [
        '通过会员计划、定期提醒和复购优惠提高购买频次。',
        'Raise their purchase frequency with a membership plan, reminders and repeat-purchase offers.',
      ],
    ),
    important_win_back: seg(
      ['重要挽留客户', 'Important win-back'],
      [
        '消费金额高，但购买次数少且很久没有购买，有流失风险。',
        'Spent a lot but bought rarely and long ago: at risk of being lost.',
      ],
      [
        '尽快一对一联系了解原因，提供有吸引力的挽回方案。',
        'Contact them one-to-one soon to learn why, and make an attractive win-back offer.',
      ],
    ),
    general_value: seg(
      ['一般价值客户', 'General value'],
      ['最近购买且购买频繁，但每次花费不多。', 'Bought recently and buy often, but spend little.'],
      [
        '推荐组合套餐、满额优惠和更高档的商品，提高客单价。',
        'Recommend bundles, spend thresholds and premium products to raise their basket value.',
      ],
    ),
    general_retain: seg(
      ['一般保持客户', 'General retain'],
      [
        '购买频繁但金额低，而且最近没有再买。',
        'Bought often but spent little, and have not bought recently.',
      ],
      [
        '用低成本的提醒和优惠券重新激活，同时推荐组合提高客单价。',
        'Reactivate them with low-cost reminders and coupons, and suggest bundles to raise the basket.',
      ],
    ),
    general_develop: seg(
      ['一般发展客户', 'General develop'],
      [
        '最近购买过，但次数少、金额低，多为新客。',
        'Bought recently but rarely and for little: mostly new customers.',
      ],
      [
        '做好新客引导，推送入门商品和复购券，观察其成长潜力。',
        'Onboard them well with starter products and a repeat-purchase coupon, and watch their potential.',
      ],
    ),
    general_win_back: seg(
      ['一般挽留客户', 'General win-back'],
      [
        '很久没有购买，次数少、金额低，价值最低。',
        'Bought long ago, rarely and for little: the lowest value.',
      ],
      [
        '只做低成本的自动化营销（如大促通知），不再投入人工资源。',
        'Use only low-cost automated campaigns (such as sale announcements); do not spend staff time.',
      ],
    ),
  },
  value_tiers: {
    A: seg(
      ['A 类客户（核心）', 'Tier A (key)'],
      [
        '少数客户，累计贡献了约前 80% 的销售额。',
        'The few customers who together bring about the first 80% of revenue.',
      ],
      [
        '安排专人维护（大客户管理），定期回访，优先保障供货和服务。',
        'Assign account managers, review them regularly and give them priority on supply and service.',
      ],
    ),
    B: seg(
      ['B 类客户（重要）', 'Tier B (important)'],
      ['贡献接下来约 15% 销售额的客户。', 'The customers who bring roughly the next 15% of revenue.'],
      [
        '通过交叉销售和会员升级，把有潜力的客户培养成 A 类。',
        'Grow the promising ones into tier A with cross-selling and membership upgrades.',
      ],
    ),
    C: seg(
      ['C 类客户（长尾）', 'Tier C (long tail)'],
      [
        '数量最多、合计只贡献约最后 5% 销售额的客户（含净额为零或为负的客户）。',
        'The many customers who together bring only the last 5% or so of revenue (including net zero or negative).',
      ],
      [
        '以低成本的线上自助和自动化营销服务，检查退货多、不盈利的客户。',
        'Serve them with low-cost self-service and automated campaigns, and review customers with many returns.',
      ],
    ),
  },
  fm_quadrants: {
    high_f_high_m: seg(
      ['高频高额', 'High frequency, high spend'],
      ['购买次数和消费金额都高于中位数的客户。', 'Buy more often and spend more than the median customer.'],
      [
        '作为 VIP 重点维护：专属客服、会员等级权益和新品优先体验。',
        'Keep them as VIPs: a dedicated contact, tier benefits and first access to new products.',
      ],
    ),
    low_f_high_m: seg(
      ['低频高额', 'Low frequency, high spend'],
      ['消费金额高，但购买次数不多。', 'Spend a lot but buy rarely.'],
      [
        '提供会员制和专属服务，配合定期提醒，提高购买频次。',
        'Offer a membership with exclusive service and timely reminders to raise their purchase frequency.',
      ],
    ),
    high_f_low_m: seg(
      ['高频低额', 'High frequency, low spend'],
      ['经常购买，但每次花费较少。', 'Buy often but spend little.'],
      [
        '用组合套餐、满减和优惠券提高每单金额。',
        'Raise the basket with bundles, spend-and-save deals and coupons.',
      ],
    ),
    low_f_low_m: seg(
      ['低频低额', 'Low frequency, low spend'],
      ['购买次数少、金额低的客户。', 'Buy rarely and spend little.'],
      [
        '只用低成本的自动化营销（短信、邮件、大促通知）触达。',
        'Reach them only with low-cost automated campaigns (texts, emails, sale announcements).',
      ],
    ),
  },
};
