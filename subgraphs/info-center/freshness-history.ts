/**
 * The history of each resource's freshness (周政发〔2018〕6号 art. 14), so the evaluation (art. 17)
 * counts how long a department's resources were STALE or UNKNOWN over a period, not only how they
 * stand now. After every reading round each catalogued resource is measured (as the catalog measures
 * it) and its open interval in `resource_freshness_intervals` (migration 0017) is kept: same status,
 * only `checked_at` moves; another status, the interval is closed and a new one opened. So a row is
 * written per change, not per reading. A resource not confirmed for longer than `maxGapMs` (the
 * platform was down, or not reading) gets an UNKNOWN interval over the gap: unwatched time is never
 * fresh. Changes are seen when read, so a change counts from the round that saw it (at most one
 * reading interval late).
 */
import type { Insertable, Kysely } from 'kysely';
import { countStatusTime, longestStatusRun } from '../../policies/freshness-intervals.ts';
import type { FreshnessStatus } from '../../policies/freshness.ts';
import type { Database, ResourceFreshnessIntervalsTable } from '../../platform/store/tables.ts';
import type { GovernanceServices } from './governance-services.ts';
import { listResourceFreshness, loadFreshnessReadings } from './freshness.ts';
import { loadWorkingCalendar } from './working-calendar.ts';

/** Why an interval over a gap in watching is UNKNOWN. */
export const NOT_WATCHED = 'the platform did not read the provider for a while';

const keyOf = (row: { provider: string; resource: string; update_cycle: string }) => JSON.stringify([row.provider, row.resource, row.update_cycle]);

/**
 * Measures every catalogued resource now and records status changes; returns how many intervals it
 * opened. Safe beside another instance doing the same: the open rows are locked first, and a second
 * open interval of one resource is refused by the store (partial unique index), so a change is
 * written once.
 */
export async function recordFreshnessIntervals(services: GovernanceServices, maxGapMs: number): Promise<number> {
  const now = services.now();
  const measured = await listResourceFreshness(services, await loadFreshnessReadings(services.db), await loadWorkingCalendar(services.db));
  const current = new Map(
    measured.map((r) => {
      const row = { provider: r.provider, resource: r.resource, update_cycle: r.updateCycle ?? '', status: r.status, reason: r.reason ?? null };
      return [keyOf(row), row];
    }),
  );
  return services.db.transaction().execute(async (trx) => {
    const open = await trx
      .selectFrom('resource_freshness_intervals')
      .selectAll()
      .where('to_at', 'is', null)
      .orderBy('provider')
      .orderBy('resource')
      .orderBy('update_cycle')
      .forUpdate()
      .execute();
    const openByKey = new Map(open.map((row) => [keyOf(row), row]));
    const opened: Array<Insertable<ResourceFreshnessIntervalsTable>> = [];
    const close = async (row: (typeof open)[number], at: Date) =>
      trx
        .updateTable('resource_freshness_intervals')
        .set({ to_at: at })
        .where('provider', '=', row.provider)
        .where('resource', '=', row.resource)
        .where('update_cycle', '=', row.update_cycle)
        .where('to_at', 'is', null)
        .execute();
    const remove = async (row: (typeof open)[number]) =>
      trx
        .deleteFrom('resource_freshness_intervals')
        .where('provider', '=', row.provider)
        .where('resource', '=', row.resource)
        .where('update_cycle', '=', row.update_cycle)
        .where('to_at', 'is', null)
        .execute();
    for (const [key, row] of current) {
      const before = openByKey.get(key);
      let from = now;
      if (before) {
        const checked = new Date(before.checked_at);
        const gap = now.getTime() - checked.getTime() > maxGapMs;
        // An UNKNOWN interval already covers a gap in watching.
        if (before.status === row.status && (!gap || row.status === 'UNKNOWN')) continue;
        if (gap && before.status !== 'UNKNOWN') {
          // Its status held until it was last confirmed; what came after is not known.
          if (new Date(before.from_at).getTime() === checked.getTime()) await remove(before);
          else await close(before, checked);
          if (row.status === 'UNKNOWN') from = checked;
          else opened.push({ ...row, status: 'UNKNOWN', reason: NOT_WATCHED, from_at: checked, to_at: now, checked_at: now });
        } else await close(before, now);
      }
      opened.push({ ...row, from_at: from, to_at: null, checked_at: now });
    }
    // A resource no longer catalogued (the provider withdrew it): its current interval ends now.
    for (const [key, row] of openByKey) if (!current.has(key)) await close(row, now);
    if (opened.length > 0)
      await trx
        .insertInto('resource_freshness_intervals')
        .values(opened)
        .onConflict((oc) => oc.doNothing())
        .execute();
    await trx.updateTable('resource_freshness_intervals').set({ checked_at: now }).where('to_at', 'is', null).execute();
    return opened.filter((row) => row.to_at === null).length;
  });
}

/** A department's resource over a period: days FRESH, STALE and UNKNOWN (no history counts as UNKNOWN), and the share fresh. */
export interface ResourceFreshnessOverPeriod {
  resource: string;
  updateCycle: string | null;
  freshDays: number;
  staleDays: number;
  /** The longest stretch STALE without a break within the period. */
  longestStaleDays: number;
  unknownDays: number;
  /** The share of the period (up to now) the resource was fresh; null for a period not begun. */
  freshShare: number | null;
}

const DAY_MS = 86_400_000;
const days = (ms: number) => Math.round((ms / DAY_MS) * 100) / 100;

/** Every resource of `provider` with history in [start, end), counted over that span (`policies/freshness-intervals.ts`). */
export async function freshnessOverPeriod(db: Kysely<Database>, provider: string, start: Date, end: Date): Promise<ResourceFreshnessOverPeriod[]> {
  if (end <= start) return [];
  const rows = await db
    .selectFrom('resource_freshness_intervals')
    .select(['resource', 'update_cycle', 'status', 'from_at', 'to_at'])
    .where('provider', '=', provider)
    .where('from_at', '<', end)
    .where((eb) => eb.or([eb('to_at', 'is', null), eb('to_at', '>', start)]))
    .orderBy('resource')
    .orderBy('update_cycle')
    .orderBy('from_at')
    .execute();
  const byResource = new Map<string, typeof rows>();
  for (const row of rows) {
    const key = JSON.stringify([row.resource, row.update_cycle]);
    byResource.set(key, [...(byResource.get(key) ?? []), row]);
  }
  return [...byResource.values()].map((rows) => {
    const intervals = rows.map((row) => ({
      status: row.status as FreshnessStatus,
      from: new Date(row.from_at).getTime(),
      to: row.to_at === null ? null : new Date(row.to_at).getTime(),
    }));
    const time = countStatusTime(intervals, start.getTime(), end.getTime());
    return {
      resource: rows[0]!.resource,
      updateCycle: rows[0]!.update_cycle || null,
      freshDays: days(time.freshMs),
      staleDays: days(time.staleMs),
      longestStaleDays: days(longestStatusRun(intervals, 'STALE', start.getTime(), end.getTime())),
      unknownDays: days(time.unknownMs),
      freshShare: time.freshShare,
    };
  });
}
