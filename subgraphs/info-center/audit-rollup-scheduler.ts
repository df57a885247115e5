/**
 * The roll-up of the audit trail ahead of reports (周政发〔2018〕6号 art. 17), beside the notification
 * scheduler in the info-center's process: once at start, in the background (readiness does not wait
 * for it), then every night at 00:05 China time, it rolls every ended day of the last two years not
 * rolled yet (`rollUpAhead`), so a report finds its days rolled, and rolls again a rolled day whose
 * records changed since (late records: the whole window at start, the last 31 days nightly). Runs are serialised in the process;
 * across processes each day is rolled by one instance (`rollUpDays` takes a per-day advisory lock and
 * skips a day another instance holds). A failed run is retried after `retryMs`.
 */
import type { Kysely } from 'kysely';
import { nextNightlyRollUp, ROLL_AHEAD_DAYS, ROLLUP_RECHECK_DAYS } from '../../policies/governance/audit-rollup-plan.ts';
import type { Database } from '../../platform/store/tables.ts';
import { rollUpAhead } from './audit-rollup.ts';
import { oneAtATime } from './one-at-a-time.ts';

export interface AuditRollUpOptions {
  /** The clock days are counted by (the governance clock). */
  now: () => Date;
  /** Wait before a failed run is tried again; default 15 minutes. */
  retryMs?: number;
  /** Told of a failed run. */
  onError: (error: unknown) => void;
  /** Told of the days a run rolled (for the log). */
  onRolled?: (days: string[]) => void;
}

export interface AuditRollUpScheduler {
  /** Rolls ahead now (as the nightly run does: days whose records changed are checked over the last 31); resolves with the days this run rolled or rolled again. */
  run(): Promise<string[]>;
  /** The run at start: resolves with the days it rolled when it has ended (none when it failed and told `onError`). */
  readonly started: Promise<string[]>;
  /** Stops the timer; a run under way stops after its current batch of days. */
  close(): Promise<void>;
}

/** Longest a timer waits in one go (a day and an hour: a changed clock is caught the next day). */
const MAX_WAIT_MS = 25 * 3_600_000;

export function startAuditRollUp(db: Kysely<Database>, options: AuditRollUpOptions): AuditRollUpScheduler {
  const retryMs = options.retryMs ?? 15 * 60_000;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  const runs = oneAtATime();
  const run = (recheckDays: number = ROLLUP_RECHECK_DAYS): Promise<string[]> =>
    runs.run(async () => (closed ? [] : rollUpAhead(db, options.now(), () => closed, recheckDays)));
  const schedule = (waitMs: number) => {
    if (closed) return;
    timer = setTimeout(tick, Math.max(1_000, Math.min(waitMs, MAX_WAIT_MS)));
    timer.unref();
  };
  const untilNight = () => nextNightlyRollUp(options.now()).getTime() - options.now().getTime();
  /** One run, then the timer for the next: tonight's, or sooner to retry a failed run. */
  const attempt = async (recheckDays?: number): Promise<string[]> => {
    let days: string[] | undefined;
    try {
      days = await run(recheckDays);
      if (days.length > 0) options.onRolled?.(days);
    } catch (error) {
      options.onError(error);
    }
    schedule(days ? untilNight() : Math.min(retryMs, untilNight()));
    return days ?? [];
  };
  function tick() {
    void attempt();
  }
  // Not awaited by the caller: the start of the gateway does not wait for a year of roll-up. It checks
  // every rolled day of the window for late records: a start is when a crashed gateway's spool is replayed.
  const started = attempt(ROLL_AHEAD_DAYS);
  return {
    run,
    started,
    close: async () => {
      closed = true;
      clearTimeout(timer);
      await started;
      await runs.idle();
    },
  };
}
