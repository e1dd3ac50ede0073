/**
 * Engine errors (errors.<code>), data-issue reasons (issue.<reason>), date-order phrases
 * (dateorder.<form>), column-role names (role.<role>) and list kinds (kind.<kind>), written for a
 * sales manager: what happened, and what to do next.
 */
import type { Dict } from './types';

export const MESSAGES: Dict = {
  // Errors the user must act on (EngineError codes).
  'errors.empty': {
    zh: '选中的区域是空的。请选中包含表头和数据的客户或订单列表，再点击运行。',
    en: 'The selected range is empty. Select your customer or order list, including its header row, and run again.',
  },
  'errors.no_header': {
    zh: '在前 30 行中没有找到表头。请确认列表第一行是列名（如「客户ID」「订单日期」「金额」），或在「数据」步骤中指定表头所在的行。',
    en: 'No header row was found in the first 30 rows. Make sure the list starts with a row of column names (such as Customer ID, Order Date, Amount), or choose the header row in the Data step.',
  },
  'errors.no_data_rows': {
    zh: '表头下面没有数据行。请选中整个列表（表头和所有数据行），再点击运行。',
    en: 'There are no data rows below the header. Select the whole list, the header and all its rows, and run again.',
  },
  'errors.text_only': {
    zh: '选中的数据里没有任何数字或日期，无法计算消费金额和时间。请选中包含订单日期和金额的列表。',
    en: 'The selection contains no numbers or dates, so there are no amounts or purchase dates to analyse. Select a list with order dates and amounts.',
  },
  'errors.no_customer_column': {
    zh: '没有找到客户编号列。请在「数据」步骤中指定哪一列是客户（如客户ID、会员编号、客户名称）。',
    en: 'No customer column was found. In the Data step, choose which column identifies the customer (such as Customer ID or Customer Name).',
  },
  'errors.no_date_column': {
    zh: '这是一份订单明细，但没有找到订单日期列。请在「数据」步骤中指定日期列；如果每行是一个客户，请把列表类型改为「客户列表」。',
    en: 'This looks like a list of orders, but no order date column was found. Choose the date column in the Data step, or set the list type to "one row per customer" if that is what it is.',
  },
  'errors.no_amount_column': {
    zh: '没有找到金额列（销售额、实付金额，或数量和单价）。请在「数据」步骤中指定金额列。',
    en: 'No amount column was found (sales or amount, or quantity and unit price). Choose the amount column in the Data step.',
  },
  'errors.no_usable_rows': {
    zh: '{rows} 行数据都无法使用（缺少客户编号、日期或金额无法识别）。请查看「数据问题」表，修正后再运行。',
    en: 'None of the {rows} data rows could be used (missing customer ids, or dates or amounts that could not be read). See the data issues table, fix the data and run again.',
  },
  'errors.map_unknown_header': {
    zh: '为「{role:role}」指定的列「{header}」在表头中不存在。请从下拉列表中重新选择该列。',
    en: 'The column "{header}" chosen for {role:role} is not in the header row. Pick the column again from the list.',
  },
  'errors.bad_as_of': {
    zh: '截止日期「{value}」无法识别。请按 年-月-日 输入，例如 2024-03-31。',
    en: 'The as-of date "{value}" could not be read. Enter it as year-month-day, for example 2024-03-31.',
  },

  // Data issues: why a row was left out (the row number is shown in its own column).
  'issue.blank': { zh: '空行，已跳过', en: 'Empty row, skipped' },
  'issue.no_customer_id': {
    zh: '没有客户编号，已跳过',
    en: 'No customer id, skipped',
  },
  'issue.bad_date': {
    zh: '「{column}」中的「{value}」不是可识别的日期，已跳过',
    en: '"{value}" in {column} is not a date we can read, skipped',
  },
  'issue.bad_amount': {
    zh: '「{column}」中的「{value}」不是可识别的金额，已跳过',
    en: '"{value}" in {column} is not an amount we can read, skipped',
  },
  'issue.repeated_header': {
    zh: '与表头相同的重复行，已跳过',
    en: 'A repeat of the header row, skipped',
  },
  'issue.totals_row': {
    zh: '合计行（{value}），不计入客户，已跳过',
    en: 'A totals row ({value}), not a customer, skipped',
  },
  'issue.after_as_of': {
    zh: '日期 {value} 晚于截止日期，不计入本次分析',
    en: 'Dated {value}, after the as-of date: left out of this analysis',
  },
  'issue.no_purchase': {
    zh: '客户 {customer} 在分析期内没有有效购买（只有退货或取消），未参与评分',
    en: 'Customer {customer} has no purchase in the period (only returns or cancellations) and is not scored',
  },
  'issue.above_header': {
    zh: '表头上方的标题或说明行，未作为数据读取',
    en: 'A title or note above the header row, not read as data',
  },
  'issue.duplicate_customer': {
    zh: '客户 {customer} 重复出现，只保留第一行',
    en: 'Customer {customer} appears again; only the first row is kept',
  },

  // How the dates of a column were read.
  'dateorder.dmy': { zh: '日/月/年（如 31/12/2024）', en: 'day/month/year (e.g. 31/12/2024)' },
  'dateorder.mdy': { zh: '月/日/年（如 12/31/2024）', en: 'month/day/year (e.g. 12/31/2024)' },
  'dateorder.iso': { zh: '年-月-日（如 2024-12-31）', en: 'year-month-day (e.g. 2024-12-31)' },
  'dateorder.serial': { zh: 'Excel 日期序列号', en: 'Excel date serial numbers' },
  'dateorder.ymd': {
    zh: '年月日（如 2024/12/31、2024年12月31日、20241231）',
    en: 'year, month, day (e.g. 2024/12/31, 20241231)',
  },

  // Column roles, as shown in the mapping dropdowns and in messages.
  'role.customer_id': { zh: '客户编号', en: 'Customer ID' },
  'role.customer_name': { zh: '客户名称', en: 'Customer name' },
  'role.order_id': { zh: '订单编号', en: 'Order ID' },
  'role.order_date': { zh: '订单日期', en: 'Order date' },
  'role.amount': { zh: '金额', en: 'Amount' },
  'role.quantity': { zh: '数量', en: 'Quantity' },
  'role.unit_price': { zh: '单价', en: 'Unit price' },
  'role.profit': { zh: '利润', en: 'Profit' },
  'role.region': { zh: '地区', en: 'Region' },
  'role.product': { zh: '产品', en: 'Product' },
  'role.category': { zh: '类别', en: 'Category' },
  'role.channel': { zh: '渠道', en: 'Channel' },
  'role.recency': { zh: '最近一次消费距今天数 (R)', en: 'Recency (days)' },
  'role.frequency': { zh: '消费次数 (F)', en: 'Frequency' },
  'role.monetary': { zh: '累计消费金额 (M)', en: 'Monetary' },
  'role.first_purchase': { zh: '首次购买日期', en: 'First purchase date' },
  'role.last_purchase': { zh: '最近购买日期', en: 'Last purchase date' },

  // Kinds of list.
  'kind.transactions': {
    zh: '订单明细（每行一笔订单或商品）',
    en: 'Order lines (one row per order or item)',
  },
  'kind.customers': { zh: '客户列表（每行一个客户）', en: 'Customer list (one row per customer)' },
};
