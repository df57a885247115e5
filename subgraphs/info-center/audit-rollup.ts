/**
 * The daily roll-up of the audit trail (周政发〔2018〕6号 art. 17: the evaluation reads a year of use
 * without reading a year of records). Rolled ahead of reports (`audit-rollup-scheduler.ts`: at start
 * and nightly); a report that still finds ended days of its period missing rolls at most
 * `INLINE_ROLLUP_DAYS` of them itself and reports the rest as pending. A day is rolled once, by one
 * instance: a batch of days is claimed in one transaction that first takes a transaction-scoped
 * advisory lock per day with `pg_try_advisory_xact_lock` (a day another instance is rolling is
 * skipped, never waited for), then inserts the days' rows in `audit_daily_days` (a day already there
 * is skipped), rolls them and commits. Days not ended yet (today) are counted from the records.
 * An audit record is written when its request ends, so a day that has ended has all its records —
 * except those a gateway spooled while the store was away and replays later with their original
 * time. So each rolled day keeps how many records it held when rolled (migration 0018); the roll-up
 * ahead compares that with the records now (the last 31 days nightly, the whole window at start) and
 * rolls a day that differs again, replacing its counts.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { addCalendarDays, chinaDate, endOfChinaDate } from '../../policies/governance/china-date.ts';
import {
  firstCountableDay,
  INLINE_ROLLUP_DAYS,
  planInlineRollUp,
  rollAheadWindow,
  ROLLUP_BATCH_DAYS,
  ROLLUP_RECHECK_DAYS,
  recheckWindow,
  rolledUpTo,
} from '../../policies/governance/audit-rollup-plan.ts';
import type { Database } from '../../platform/store/tables.ts';

/** The China calendar day of an audit record `r`. */
const RECORD_DAY = sql<string>`to_char((r.at at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD')`;

export interface UsageRow {
  provider: string;
  consumer: string;
  app: string;
  purpose: string;
  item: string;
  records: number;
}

export interface CallsRow {
  provider: string;
  calls: number;
  failures: number;
  duration_ms_sum: number;
  duration_ms_max: number;
}

/** Records in [first day, last day] (China days), optionally of one provider's items or calls. */
function recordsBetween(first: string, last: string): RawBuilder<boolean> {
  return sql<boolean>`r.at >= ${endOfChinaDate(addCalendarDays(first, -1))} and r.at < ${endOfChinaDate(last)}`;
}

/** Per day, provider, consumer, app, purpose (item '*') and per item: the records that received the provider's data items. */
function usageSelect(first: string, last: string, provider?: string): RawBuilder<UsageRow & { day: string }> {
  return sql<UsageRow & { day: string }>`
    select d.day, c.provider, r.dept as consumer, r.app, coalesce(r.purpose, '') as purpose, coalesce(g.field, '*') as item,
      count(distinct r.id)::int as records
    from audit_records r
    cross join lateral (select ${RECORD_DAY} as day) as d
    cross join lateral jsonb_array_elements_text(r.granted) as g(field)
    join catalog_items c on c.coordinate = g.field
    where ${recordsBetween(first, last)} and c.type_name not in ('Query', 'Mutation') ${provider === undefined ? sql`` : sql`and c.provider = ${provider}`}
    group by grouping sets ((d.day, c.provider, r.dept, r.app, r.purpose, g.field), (d.day, c.provider, r.dept, r.app, r.purpose))`;
}

/** Per day and provider: the records that called its subgraph, the failed ones (ERROR), their durations. */
function callsSelect(first: string, last: string, provider?: string): RawBuilder<CallsRow & { day: string }> {
  return sql<CallsRow & { day: string }>`
    select d.day, p.provider, count(*)::int as calls, (count(*) filter (where r.outcome = 'ERROR'))::int as failures,
      coalesce(sum(r.duration_ms), 0)::bigint as duration_ms_sum, coalesce(max(r.duration_ms), 0)::int as duration_ms_max
    from audit_records r
    cross join lateral (select ${RECORD_DAY} as day) as d
    cross join lateral unnest(r.providers) as p(provider)
    where ${recordsBetween(first, last)} ${provider === undefined ? sql`` : sql`and p.provider = ${provider}`}
    group by d.day, p.provider`;
}

function daysOf(first: string, last: string): string[] {
  const days: string[] = [];
  for (let day = first; day <= last; day = addCalendarDays(day, 1)) days.push(day);
  return days;
}

/** Advisory-lock class of the roll-up; the second key is the day's number since 1970-01-01. Unused by anything else. */
const ROLLUP_LOCK_CLASS = 170_017;

/**
 * The China day of the earliest audit record, or null for an empty trail. `min(at)` is read from the
 * index on (at, id) (migration 0002) — one index probe, also per partition once the table is
 * partitioned by month on `at`.
 */
export async function firstRecordDay(db: Kysely<Database>): Promise<string | null> {
  const row = await db
    .selectFrom('audit_records')
    .select((eb) => eb.fn.min('at').as('first'))
    .executeTakeFirst();
  return row?.first === null || row?.first === undefined ? null : chinaDate(new Date(row.first));
}

/** The days of [first, last] not rolled yet, oldest first. */
async function pendingDays(db: Kysely<Database>, first: string, last: string): Promise<string[]> {
  if (first > last) return [];
  const known = new Set((await db.selectFrom('audit_daily_days').select('day').where('day', '>=', first).where('day', '<=', last).execute()).map((r) => r.day));
  return daysOf(first, last).filter((day) => !known.has(day));
}

/**
 * Rolls those of `days` that no other instance is rolling and none has rolled, `ROLLUP_BATCH_DAYS`
 * per transaction in the order given; returns the days it rolled. `stop` is asked between batches.
 * With `again`, it rolls days already rolled once more instead (their counts replaced), skipping a
 * day not rolled yet.
 */
export async function rollUpDays(
  db: Kysely<Database>,
  days: readonly string[],
  now: Date,
  stop: () => boolean = () => false,
  again = false,
): Promise<string[]> {
  const rolled: string[] = [];
  for (let i = 0; i < days.length && !stop(); i += ROLLUP_BATCH_DAYS) {
    const batch = days.slice(i, i + ROLLUP_BATCH_DAYS);
    const done = await db.transaction().execute(async (trx) => {
      // Skipped, not waited for: a day locked here is being rolled by another instance right now.
      const { rows: locked } = await sql<{ day: string }>`
        select d.day from unnest(string_to_array(${batch.join(',')}, ',')) as d(day)
        where pg_try_advisory_xact_lock(${ROLLUP_LOCK_CLASS}, (d.day::date - date '1970-01-01'))`.execute(trx);
      if (locked.length === 0) return [];
      const lockedDays = locked.map(({ day }) => day);
      const claimed = again
        ? await trx.selectFrom('audit_daily_days').select('day').where('day', 'in', lockedDays).forUpdate().execute()
        : await trx
            .insertInto('audit_daily_days')
            .values(lockedDays.map((day) => ({ day, rolled_at: now })))
            .onConflict((oc) => oc.column('day').doNothing())
            .returning('day')
            .execute();
      const claimedDays = claimed.map((row) => row.day).sort();
      if (claimedDays.length === 0) return [];
      if (again) {
        await trx.deleteFrom('audit_daily_usage').where('day', 'in', claimedDays).execute();
        await trx.deleteFrom('audit_daily_calls').where('day', 'in', claimedDays).execute();
      }
      for (const [from, to] of runsOf(claimedDays)) {
        // Counted before the counts are taken: a record stored in between makes the day differ, and it is rolled again.
        const counts = await recordsPerDay(trx, from, to);
        await rollRun(trx, from, to);
        const run = daysOf(from, to);
        await sql`
          update audit_daily_days d set records = v.records::int, rolled_at = ${now}
          from (select unnest(string_to_array(${run.join(',')}, ',')) as day, unnest(string_to_array(${run.map((day) => counts.get(day) ?? 0).join(',')}, ',')) as records) v
          where d.day = v.day`.execute(trx);
      }
      return claimedDays;
    });
    rolled.push(...done);
  }
  return rolled;
}

/** Audit records per China day of [first, last] (days without any are absent). */
async function recordsPerDay(db: Kysely<Database>, first: string, last: string): Promise<Map<string, number>> {
  const { rows } = await sql<{ day: string; records: number }>`
    select ${RECORD_DAY} as day, count(*)::int as records from audit_records r where ${recordsBetween(first, last)} group by 1`.execute(db);
  return new Map(rows.map((row) => [row.day, Number(row.records)]));
}

/**
 * Rolled days of [first, last] whose audit records are no longer what they were when rolled (a record
 * stored afterwards with its original time: a spool replayed once the store came back), or whose
 * count then is not known (rolled before migration 0018); oldest first. One count of the span's
 * records, read from the index on `at`.
 */
async function changedRolledDays(db: Kysely<Database>, first: string, last: string): Promise<string[]> {
  if (first > last) return [];
  const counts = await recordsPerDay(db, first, last);
  const rolled = await db.selectFrom('audit_daily_days').select(['day', 'records']).where('day', '>=', first).where('day', '<=', last).orderBy('day').execute();
  return rolled.filter((row) => row.records === null || Number(row.records) !== (counts.get(row.day) ?? 0)).map((row) => row.day);
}

/** Rolls every day of [first, last] not rolled yet (that no other instance is rolling); returns the days it rolled. */
export async function rollUpAuditDays(db: Kysely<Database>, first: string, last: string, now: Date): Promise<string[]> {
  return rollUpDays(db, await pendingDays(db, first, last), now);
}

/**
 * The roll-up ahead of reports: every ended day of the last `ROLL_AHEAD_DAYS` not rolled yet, newest
 * first (last month's report is complete soonest), from the day of the earliest audit record on (a
 * fresh store rolls nothing); then the rolled days of the last `recheckDays` whose records changed
 * since (`changedRolledDays`) are rolled again. Returns the days it rolled, then those it rolled again.
 */
export async function rollUpAhead(db: Kysely<Database>, now: Date, stop?: () => boolean, recheckDays: number = ROLLUP_RECHECK_DAYS): Promise<string[]> {
  const window = rollAheadWindow(now, await firstRecordDay(db));
  if (window === null) return [];
  const rolled = await rollUpDays(db, (await pendingDays(db, window.first, window.last)).reverse(), now, stop);
  const recheck = recheckWindow(window, recheckDays);
  if (recheck === null || stop?.()) return rolled;
  const changed = await changedRolledDays(db, recheck.first, recheck.last);
  return [...rolled, ...(await rollUpDays(db, changed.reverse(), now, stop, true))];
}

/** Consecutive runs of sorted days, as [first, last] pairs. */
function runsOf(days: string[]): Array<[string, string]> {
  const runs: Array<[string, string]> = [];
  for (const day of days) {
    const run = runs[runs.length - 1];
    if (run && addCalendarDays(run[1], 1) === day) run[1] = day;
    else runs.push([day, day]);
  }
  return runs;
}

async function rollRun(trx: Transaction<Database>, first: string, last: string): Promise<void> {
  await sql`insert into audit_daily_usage (day, provider, consumer, app, purpose, item, records) ${usageSelect(first, last)}`.execute(trx);
  await sql`insert into audit_daily_calls (day, provider, calls, failures, duration_ms_sum, duration_ms_max) ${callsSelect(first, last)}`.execute(trx);
}

export interface ProviderUse {
  usage: UsageRow[];
  calls: CallsRow;
}

/** How much of the period the use counts: days still waiting for the roll-up are not counted. */
export interface RollUpCoverage {
  /** Whether some ended day of the period is not rolled up yet (its records are not counted). */
  incomplete: boolean;
  /** Ended days of the period not counted. */
  pendingDays: number;
  /** The last day through which every record of the period is counted (null: not even the first). */
  rolledUpTo: string | null;
  /** Days this report rolled itself (at most the inline bound). */
  rolledNow: number;
}

/**
 * A provider's use over [first, last]: rolled days from the roll-up, today from the records. Ended
 * days not rolled yet are rolled here, at most `inlineDays` of them (the oldest first); the others
 * are left to the roll-up ahead and reported as pending, never counted from the records here.
 */
export async function providerUse(
  db: Kysely<Database>,
  provider: string,
  first: string,
  last: string,
  today: string,
  now: Date,
  inlineDays: number = INLINE_ROLLUP_DAYS,
): Promise<ProviderUse & { coverage: RollUpCoverage }> {
  const lastEnded = addCalendarDays(today, -1);
  const rolledTo = last < lastEnded ? last : lastEnded;
  // Days before the earliest record hold none: never pending, never rolled (a period before the platform is complete).
  const countFrom = firstCountableDay(first, await firstRecordDay(db));
  const pendingOf = async () => (countFrom === null ? [] : pendingDays(db, countFrom, rolledTo));
  const plan = planInlineRollUp(await pendingOf(), inlineDays);
  const rolledNow = await rollUpDays(db, plan.roll, now);
  // Asked again: another instance may have rolled some meanwhile, or be rolling one this request skipped.
  const pending = await pendingOf();
  const usage: UsageRow[] = [];
  const calls: CallsRow = { provider, calls: 0, failures: 0, duration_ms_sum: 0, duration_ms_max: 0 };
  if (first <= rolledTo) {
    const excluded = pending.length === 0 ? [''] : pending; // a day another instance commits meanwhile stays uncounted, as reported
    usage.push(
      ...(await db
        .selectFrom('audit_daily_usage')
        .select(['provider', 'consumer', 'app', 'purpose', 'item', sql<number>`sum(records)::int`.as('records')])
        .where('provider', '=', provider)
        .where('day', '>=', first)
        .where('day', '<=', rolledTo)
        .where('day', 'not in', excluded)
        .groupBy(['provider', 'consumer', 'app', 'purpose', 'item'])
        .execute()),
    );
    const rolled = await db
      .selectFrom('audit_daily_calls')
      .select([
        sql<number>`coalesce(sum(calls), 0)::int`.as('calls'),
        sql<number>`coalesce(sum(failures), 0)::int`.as('failures'),
        sql<string>`coalesce(sum(duration_ms_sum), 0)::text`.as('duration_ms_sum'),
        sql<number>`coalesce(max(duration_ms_max), 0)::int`.as('duration_ms_max'),
      ])
      .where('provider', '=', provider)
      .where('day', '>=', first)
      .where('day', '<=', rolledTo)
      .where('day', 'not in', excluded)
      .executeTakeFirstOrThrow();
    addCalls(calls, { ...rolled, duration_ms_sum: Number(rolled.duration_ms_sum) });
  }
  const liveFrom = first > rolledTo ? first : addCalendarDays(rolledTo, 1);
  if (liveFrom <= last) mergeUse({ usage, calls }, await providerUseFromRecords(db, provider, liveFrom, last));
  const coverage = { incomplete: pending.length > 0, pendingDays: pending.length, rolledUpTo: rolledUpTo(first, last, pending), rolledNow: rolledNow.length };
  return { usage, calls, coverage };
}

/** A provider's use over [first, last] counted from the audit records themselves (today's, and the benchmark's baseline). */
export async function providerUseFromRecords(db: Kysely<Database>, provider: string, first: string, last: string): Promise<ProviderUse> {
  const { rows: usageRows } = await sql<UsageRow>`
    select provider, consumer, app, purpose, item, sum(records)::int as records from (${usageSelect(first, last, provider)}) u
    group by provider, consumer, app, purpose, item`.execute(db);
  const { rows: callRows } = await callsSelect(first, last, provider).execute(db);
  const calls: CallsRow = { provider, calls: 0, failures: 0, duration_ms_sum: 0, duration_ms_max: 0 };
  for (const row of callRows) addCalls(calls, { ...row, duration_ms_sum: Number(row.duration_ms_sum) });
  return { usage: usageRows, calls };
}

function addCalls(into: CallsRow, row: Omit<CallsRow, 'provider'>): void {
  into.calls += row.calls;
  into.failures += row.failures;
  into.duration_ms_sum += row.duration_ms_sum;
  into.duration_ms_max = Math.max(into.duration_ms_max, row.duration_ms_max);
}

function mergeUse(into: ProviderUse, more: ProviderUse): void {
  const key = (row: UsageRow) => [row.consumer, row.app, row.purpose, row.item].join('\u0000');
  const byKey = new Map(into.usage.map((row) => [key(row), row]));
  for (const row of more.usage) {
    const existing = byKey.get(key(row));
    if (existing) existing.records += row.records;
    else into.usage.push(row);
  }
  addCalls(into.calls, more.calls);
}
