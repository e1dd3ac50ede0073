import type { Dict } from './types';

/** Texts of the `segment` command, the engine-level errors it reports, and shared labels (kinds, roles, reasons). */
export const CLI: Dict = {
  'cli.title': {
    zh: '客户分群 — {file}（{sheet} {range}）',
    en: 'Customer Segments — {file} ({sheet} {range})',
  },
  'cli.rows': {
    zh: '标题行：第 {header} 行 · 数据 {rows} 行，已用 {used} 行，跳过 {skipped} 行 · {kind} · 截止日期 {asOf}',
    en: 'Header: row {header} · {rows} data rows, {used} used, {skipped} skipped · {kind} · as of {asOf}',
  },
  'cli.roles': { zh: '识别的列：', en: 'Columns: ' },
  'cli.customers': {
    zh: '客户 {customers} 位，其中参与评分 {scored} 位',
    en: '{customers} customers, {scored} scored',
  },
  'cli.col.segment': { zh: '客群', en: 'Segment' },
  'cli.col.customers': { zh: '客户数', en: 'Customers' },
  'cli.col.customer_share': { zh: '客户占比', en: '% cust.' },
  'cli.col.revenue': { zh: '销售额', en: 'Revenue' },
  'cli.col.revenue_share': { zh: '销售额占比', en: '% rev.' },
  'cli.col.action': { zh: '建议行动', en: 'Recommended action' },
  'cli.issues': {
    zh: '数据问题：{count} 行未使用（明细见 --json 的 issues 或工作簿中的“数据问题”表）',
    en: 'Data issues: {count} rows not used (details in --json "issues" or the Data issues table of the workbook)',
  },
  'cli.wrote': {
    zh: '已写入工作簿：{file}（工作表：{sheets}）',
    en: 'Workbook written: {file} (sheets: {sheets})',
  },
  'cli.unsaved': {
    zh: '说明：图表和数据透视表已在工作簿模型中生成，但 .xlsx 文件写入库（ExcelJS）无法保存它们：{objects}。文件中的“Notes”表列出了它们；在 Excel 中使用本加载项即可直接得到。',
    en: 'Note: the charts and the PivotTable were built in the workbook model, but the .xlsx writer (ExcelJS) cannot save them: {objects}. The Notes sheet of the file lists them; the add-in inside Excel creates them for real.',
  },
  'errors.workbook_too_large': {
    zh: '未写入工作簿：它将有约 {cells} 个单元格，超出本机在内存中能生成的上限（约 {max} 个）。上面的分群结果已完整算出。若要工作簿，请用 --range 选择较小的区域，或在 Excel 中打开文件后使用本加载项；只要结果时可用 --json 或 --no-write。',
    en: 'No workbook was written: it would hold about {cells} cells, more than this computer can build in memory (about {max}). The segments above are complete. For a workbook, pick a smaller range with --range, or open the file in Excel and run the add-in there; for the results alone, use --json or --no-write.',
  },
  'errors.file_unwritable': {
    zh: '无法写入 {file}：请检查文件夹是否存在、文件是否正在 Excel 中打开。',
    en: 'Could not write {file}: check that the folder exists and that the file is not open in Excel.',
  },
  'cli.help': {
    zh: [
      '用法：segment 文件 [--sheet 工作表] [--range A1:K9999] [--as-of YYYY-MM-DD] [--map 角色=列标题,...]',
      '              [--methods 方法,...] [--lang zh|en] [--json] [--out 输出.xlsx] [--no-write]',
      '读取 .csv（UTF-8、UTF-16、GB18030/GBK）或 .xlsx 订单明细/客户清单，计算 RFM 等客户分群并输出汇总。',
      '方法：rfm, rfm_segments, rfm_class8, value_tiers, fm_quadrants, contributions, kmeans, clv, adopter',
      '角色：customer_id, customer_name, order_id, order_date, amount, quantity, unit_price, profit, region,',
      '      product, category, channel, recency, frequency, monetary, first_purchase, last_purchase',
      '其他选项：--kind transactions|customers --date-system 1900|1904 --day-first --month-first --exclude-returns',
      '          --bins 3|4|5 --binning quantile|rank --class8-threshold mean|median --tier-by monetary|profit',
      '          --quadrant-threshold median|mean --k N|auto --seed S --features a,b,c',
      '          --period day|week|month --horizon N --discount 年折现率 --margin 毛利率 --retention 留存率',
    ].join('\n'),
    en: [
      'Usage: segment FILE [--sheet NAME] [--range A1:K9999] [--as-of YYYY-MM-DD] [--map role=Header,...]',
      '               [--methods id,...] [--lang zh|en] [--json] [--out OUT.xlsx] [--no-write]',
      'Reads a .csv (UTF-8, UTF-16, GB18030/GBK) or .xlsx order or customer list, segments the customers and prints a summary.',
      'Methods: rfm, rfm_segments, rfm_class8, value_tiers, fm_quadrants, contributions, kmeans, clv, adopter',
      'Roles: customer_id, customer_name, order_id, order_date, amount, quantity, unit_price, profit, region,',
      '       product, category, channel, recency, frequency, monetary, first_purchase, last_purchase',
      'More: --kind transactions|customers --date-system 1900|1904 --day-first --month-first --exclude-returns',
      '      --bins 3|4|5 --binning quantile|rank --class8-threshold mean|median --tier-by monetary|profit',
      '      --quadrant-threshold median|mean --k N|auto --seed S --features a,b,c',
      '      --period day|week|month --horizon N --discount RATE --margin RATE --retention RATE',
    ].join('\n'),
  },

  'reason.blank': { zh: '空行', en: 'Blank rows' },
  'reason.no_customer_id': { zh: '缺少客户编号', en: 'No customer ID' },
  'reason.bad_date': { zh: '日期无法识别', en: 'Unreadable date' },
  'reason.bad_amount': { zh: '金额无法识别', en: 'Unreadable amount' },
  'reason.repeated_header': { zh: '重复的标题行', en: 'Repeated header rows' },
  'reason.totals_row': { zh: '合计行', en: 'Totals rows' },
  'reason.after_as_of': { zh: '晚于截止日期（未计入）', en: 'After the as-of date (held out)' },
  'reason.no_purchase': { zh: '客户没有有效购买（未评分）', en: 'Customers without a purchase (not scored)' },
  'reason.above_header': { zh: '标题行上方的说明行', en: 'Rows above the header' },
  'reason.duplicate_customer': { zh: '重复的客户', en: 'Repeated customers' },

  'errors.usage': {
    zh: '请指定要分析的文件，例如：npm run segment -- samples/orders-zh.csv（--help 查看全部选项）。',
    en: 'Name the file to analyse, e.g. npm run segment -- samples/orders-en.csv (--help lists every option).',
  },
  'errors.bad_arguments': {
    zh: '命令参数有误：{detail}。--help 查看用法。',
    en: 'The arguments are not right: {detail}. See --help.',
  },
  'errors.bad_map': {
    zh: '--map 的写法应为 角色=列标题，用逗号分隔，例如 customer_id=客户编号,amount=金额；无法理解“{value}”。',
    en: '--map takes role=Header pairs separated by commas, e.g. customer_id=Customer ID,amount=Sales; "{value}" is not one.',
  },
  'errors.bad_option': {
    zh: '选项 {option} 的值“{value}”无效。{allowed}',
    en: 'Option {option} does not accept "{value}". {allowed}',
  },
  'errors.file_not_found': {
    zh: '找不到文件 {file}，请检查路径。',
    en: 'File {file} was not found: check the path.',
  },
  'errors.file_unreadable': {
    zh: '无法读取文件 {file}（权限或磁盘问题）。',
    en: 'File {file} could not be read (permissions or disk).',
  },
  'errors.file_not_xlsx': {
    zh: '该文件不是可读取的 .xlsx 工作簿。请在 Excel 中“另存为 Excel 工作簿(*.xlsx)”或导出为 CSV 后再试。',
    en: 'This file is not a readable .xlsx workbook. Save it from Excel as "Excel Workbook (*.xlsx)" or export it as CSV, then try again.',
  },
  'errors.xls_not_supported': {
    zh: '暂不支持旧版 .xls 文件。请在 Excel 中另存为 .xlsx 或 CSV 后再试。',
    en: 'Old .xls files are not supported. Save the file as .xlsx or CSV in Excel, then try again.',
  },
  'errors.xlsx_strict_unreadable': {
    zh: '这是“Strict Open XML”格式的工作簿，无法完整读取。请在 Excel 中“另存为 Excel 工作簿(*.xlsx)”（不要选 Strict Open XML）后再试。',
    en: 'This workbook is in "Strict Open XML" format and could not be read fully. In Excel, save it as "Excel Workbook (*.xlsx)" (not Strict Open XML) and try again.',
  },
  'errors.file_sheet_not_found': {
    zh: '工作簿中没有名为“{sheet}”的工作表。现有工作表：{sheets}。',
    en: 'The workbook has no sheet named "{sheet}". Its sheets are: {sheets}.',
  },
  'errors.bad_range': {
    zh: '区域“{range}”无效，请写成 A1:K9999 的形式。',
    en: 'Range "{range}" is not valid: write it like A1:K9999.',
  },
  'errors.unknown_method': {
    zh: '没有名为“{method}”的分析方法。可用：rfm, rfm_segments, rfm_class8, value_tiers, fm_quadrants, contributions, kmeans, clv, adopter。',
    en: 'There is no method "{method}". Available: rfm, rfm_segments, rfm_class8, value_tiers, fm_quadrants, contributions, kmeans, clv, adopter.',
  },
  'errors.no_scored_customers': {
    zh: '找到 {customers} 位客户，但没有一位在分析期内有有效购买（金额大于 0 的订单）。请检查金额列和截止日期。',
    en: 'Found {customers} customers but none has a purchase (an order above 0) in the analysis window. Check the amount column and the as-of date.',
  },
  'errors.cancelled': {
    zh: '分析已取消，工作簿没有改动。',
    en: 'The analysis was cancelled; nothing was changed.',
  },
  'errors.unexpected': {
    zh: '出现意外错误：{detail}。你的数据没有被修改；请把这条信息发给我们。',
    en: 'Something unexpected went wrong: {detail}. Your data was not changed; please send us this message.',
  },
  'notice.needs_method': {
    zh: '需要先运行“{needs}”，已跳过。',
    en: 'Needs "{needs}" to run first; skipped.',
  },
};
