/**
 * The evaluation report (周政发〔2018〕6号 art. 17) as documents for people: an XLSX workbook with one
 * sheet per section, and a self-contained printable HTML page (print CSS inline, no external asset,
 * every text escaped). Headings in zh-CN.
 */
import ExcelJS from 'exceljs';
import type { EvaluationReport, KeyCount } from '../subgraphs/info-center/evaluation-report.ts';

type Cell = string | number | null;

interface Section {
  /** Sheet name and heading. */
  title: string;
  columns: string[];
  rows: Cell[][];
}

const VIOLATION_NAMES: Record<string, string> = {
  CATALOG_INCOMPLETE: '目录要素不全',
  CATALOG_NOT_UPDATED: '目录未及时更新',
  REQUEST_ANSWERED_LATE: '共享申请超期答复',
  REQUEST_UNANSWERED: '共享申请超期未答复',
  DISPUTE_ANSWERED_LATE: '数据异议超期答复',
  DISPUTE_UNANSWERED: '数据异议超期未答复',
  DATA_NOT_UPDATED: '未及时更新数据',
  SUBGRAPH_UNAVAILABLE: '共享服务可用性不足',
  USE_BEYOND_GRANT_ATTEMPTED: '超出授权调用（已拦截）',
};

const percent = (value: number | null) => (value === null ? null : Math.round(value * 10000) / 100);
const round = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);
const counts = (rows: KeyCount[]): Cell[][] => rows.map((row) => [row.key || '（未填）', row.records]);

/** The report's sections, in reading order. */
function reportSections(report: EvaluationReport): Section[] {
  return [
    {
      title: '概况',
      columns: ['项目', '值'],
      rows: [
        ['部门', report.department],
        ['统计期间', `${report.from} 至 ${report.to}`],
        ['生成时间', report.generatedAt],
        ['目录数据项', report.catalog.items],
        ['要素齐全', report.catalog.complete],
        ['目录更新超期', report.catalog.reviewOverdue],
        ['收到共享申请', report.requests.received],
        ['已答复', report.requests.answered],
        ['答复用时中位数（工作日）', report.requests.medianAnswerWorkingDays],
        ['答复用时最长（工作日）', report.requests.maxAnswerWorkingDays],
        ['超期申请', report.requests.overdue],
        ['收到数据异议', report.disputes.received],
        ['按时答复异议', report.disputes.answeredOnTime],
        ['超期未答复异议', report.disputes.overdue],
        ['数据使用记录', report.usage.records],
        ['服务调用次数', report.service.calls],
        ['可用率（%）', percent(report.service.availability)],
        ['平均响应时间（毫秒）', round(report.service.meanLatencyMs)],
        ['使用与服务统计完整', report.rollUp.incomplete ? '否（部分日期尚未汇总）' : '是'],
        ['未汇总天数', report.rollUp.pendingDays],
        ['已完整统计至', report.rollUp.rolledUpTo],
        ['发现违规种类', report.violations.length],
      ],
    },
    {
      title: '目录',
      columns: ['数据项', '缺少要素', '更新超期'],
      rows: [
        ...report.catalog.incomplete.map((gap): Cell[] => [gap.coordinate, gap.missing.join('、'), null]),
        ...report.catalog.overdueItems.map((item): Cell[] => [item, null, '是']),
      ],
    },
    {
      title: '共享申请',
      columns: ['收到', '已答复', '答复用时中位数（工作日）', '答复用时最长（工作日）', '超期'],
      rows: [
        [
          report.requests.received,
          report.requests.answered,
          report.requests.medianAnswerWorkingDays,
          report.requests.maxAnswerWorkingDays,
          report.requests.overdue,
        ],
      ],
    },
    {
      title: '数据异议',
      columns: ['收到', '已答复', '按时答复', '超期未答复'],
      rows: [[report.disputes.received, report.disputes.answered, report.disputes.answeredOnTime, report.disputes.overdue]],
    },
    { title: '按使用部门', columns: ['使用部门', '记录数'], rows: counts(report.usage.byConsumer) },
    { title: '按用途', columns: ['用途', '记录数'], rows: counts(report.usage.byPurpose) },
    { title: '按数据项', columns: ['数据项', '记录数'], rows: counts(report.usage.byItem) },
    {
      title: '服务可用性',
      columns: ['调用次数', '失败次数', '可用率（%）', '平均响应时间（毫秒）', '最长响应时间（毫秒）'],
      rows: [
        [report.service.calls, report.service.failures, percent(report.service.availability), round(report.service.meanLatencyMs), report.service.maxLatencyMs],
      ],
    },
    {
      title: '数据更新及时性',
      columns: ['资源', '更新周期', '及时天数', '过期天数', '最长连续过期天数', '状态不明天数', '及时比例（%）'],
      rows: report.freshness.resources.map((r): Cell[] => [
        r.resource,
        r.updateCycle,
        r.freshDays,
        r.staleDays,
        r.longestStaleDays,
        r.unknownDays,
        percent(r.freshShare),
      ]),
    },
    {
      title: '违规情形',
      columns: ['情形', '代码', '条款', '次数', '示例'],
      rows: report.violations.map((v): Cell[] => [VIOLATION_NAMES[v.kind] ?? v.kind, v.kind, `第二十二条 ${v.clause}`, v.count, v.examples.join('\n')]),
    },
    {
      title: '无法检测的情形',
      columns: ['情形', '条款', '说明'],
      rows: report.notDetected.map((n): Cell[] => [n.kind, n.clause, n.why]),
    },
  ];
}

/** A text a spreadsheet would read as a formula (= + - @, tab, CR) is kept as text. */
function cellValue(value: Cell): string | number | null {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export async function reportWorkbook(report: EvaluationReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '周村区政务信息资源共享平台';
  workbook.created = new Date(report.generatedAt);
  for (const section of reportSections(report)) {
    const sheet = workbook.addWorksheet(section.title);
    sheet.addRow(section.columns).font = { bold: true };
    for (const row of section.rows) sheet.addRow(row.map(cellValue));
    sheet.columns.forEach((column) => (column.width = 24));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const escapeHtml = (value: Cell) =>
  value === null ? '—' : String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const PRINT_CSS = `
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; margin: 2em; color: #000; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 1.5em; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1em; }
th, td { border: 1px solid #444; padding: 4px 6px; text-align: left; vertical-align: top; white-space: pre-wrap; }
th { background: #eee; }
@page { size: A4; margin: 15mm; }
@media print { body { margin: 0; } section { break-inside: avoid; } }
`;

/** A self-contained printable page: no script, no external asset. */
export function reportHtml(report: EvaluationReport): string {
  const sections = reportSections(report)
    .map(
      (section) =>
        `<section><h2>${escapeHtml(section.title)}</h2><table><thead><tr>${section.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>${
          section.rows.length === 0
            ? `<tr><td colspan="${section.columns.length}">无</td></tr>`
            : section.rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('')
        }</tbody></table></section>`,
    )
    .join('\n');
  const title = `${report.department} 政务信息资源共享工作评估报告（${report.from} 至 ${report.to}）`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title><style>${PRINT_CSS}</style></head>
<body><h1>${escapeHtml(title)}</h1><p>依据《周村区政务信息资源共享管理办法》（周政发〔2018〕6号）第十七条、第二十二条。</p>
${sections}
</body></html>
`;
}
