/**
 * `npm run report -- --department <code> --from YYYY-MM-DD --to YYYY-MM-DD --out <file> [--format xlsx|html]`:
 * the evaluation report of a department (周政发〔2018〕6号 art. 17, 22) from the configured store
 * (DATABASE_URL, or PGlite in DATA_DIR; REGULATION_PROFILE as the gateway), as an XLSX workbook
 * (default) or a self-contained printable HTML page. Exits 2 on a bad argument or an unknown department.
 * Unlike a request, the command rolls up every ended day of the period it finds missing: it makes a
 * document, and nobody is waiting on an open connection for it.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readGatewayConfig } from '../gateway/config.ts';
import { checkReportPeriod } from '../policies/governance/evaluate-department.ts';
import { defaultPgliteDir, openStore } from '../platform/store/database.ts';
import { migrateToLatest } from '../platform/store/migrate.ts';
import { buildReport } from '../subgraphs/info-center/evaluation-report.ts';
import { reportHtml, reportWorkbook } from './evaluation-export.ts';

const USAGE = 'Usage: npm run report -- --department <code> --from YYYY-MM-DD --to YYYY-MM-DD --out <file> [--format xlsx|html]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

let values: { department?: string; from?: string; to?: string; out?: string; format?: string };
try {
  ({ values } = parseArgs({
    options: {
      department: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string', default: 'xlsx' },
    },
  }));
} catch (error) {
  fail((error as Error).message);
}
const { department, from, to, out, format } = values;
if (!department || !from || !to || !out) fail('--department, --from, --to and --out are required');
if (format !== 'xlsx' && format !== 'html') fail('--format must be xlsx or html');
const period = checkReportPeriod(from, to);
if (!period.ok) fail(period.message);
const config = readGatewayConfig();
const store = await openStore({ databaseUrl: config.databaseUrl, pgliteDir: defaultPgliteDir(config.dataDir) });
try {
  await migrateToLatest(store.db);
  const known = await store.db.selectFrom('departments').select('code').where('code', '=', department).executeTakeFirst();
  if (!known) fail(`No department ${JSON.stringify(department.slice(0, 64))} is registered`);
  const report = await buildReport({ db: store.db, now: () => new Date(), profile: config.regulationProfile }, department, period.value, {
    inlineRollUpDays: Infinity,
  });
  writeFileSync(out, format === 'xlsx' ? await reportWorkbook(report) : reportHtml(report));
  process.stdout.write(`Evaluation report of ${department}, ${from} to ${to}: ${report.violations.length} violation kind(s); written to ${out}\n`);
} finally {
  await store.close();
}
