/** Data disputes (art. 16): reported by a consumer, answered by the provider, visible to both sides. */
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { canSee } from '../../policies/governance/can-see.ts';
import { visibilityScope } from '../../policies/governance/visibility-scope.ts';
import { checkDisputeAnswer } from '../../policies/governance/check-dispute-answer.ts';
import { checkDisputeReport } from '../../policies/governance/check-dispute-report.ts';
import { chinaDate } from '../../policies/governance/china-date.ts';
import type { DisputesTable } from '../../platform/store/tables.ts';
import { assertVerdict, notFound } from './governance-errors.ts';
import { recordEvent } from './governance-event-chain.ts';
import type { Actor, GovernanceServices } from './governance-services.ts';
import { whereVisible } from './where-visible.ts';
import { loadWorkingCalendar } from './working-calendar.ts';

export type DisputeRow = Selectable<DisputesTable>;

export async function reportDispute(
  services: GovernanceServices,
  actor: Actor,
  input: { field: string; entityKey: string; description: string; evidence: string },
): Promise<DisputeRow> {
  const now = services.now();
  const calendar = await loadWorkingCalendar(services.db);
  const { provider, dueDate } = assertVerdict(
    checkDisputeReport(input, services.catalog(), chinaDate(now), calendar, services.profile.disputes.answerWorkingDays),
  );
  return services.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('disputes')
      .values({
        id: randomUUID(),
        field: input.field,
        entity_key: input.entityKey.trim(),
        reporting_dept: actor.dept,
        reported_by: actor.app,
        provider,
        description: input.description.trim(),
        evidence: input.evidence.trim(),
        status: 'OPEN',
        reported_at: now,
        due_date: dueDate,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actor,
      subjectKind: 'dispute',
      subjectId: row.id,
      action: 'reported',
      reason: input.description,
      details: { field: input.field, entityKey: input.entityKey },
    });
    return row;
  });
}

export async function answerDispute(services: GovernanceServices, actor: Actor, input: { id: string; answer: string; outcome: string }): Promise<DisputeRow> {
  const now = services.now();
  return services.db.transaction().execute(async (trx) => {
    const dispute = await trx.selectFrom('disputes').selectAll().where('id', '=', input.id).forUpdate().executeTakeFirst();
    if (!dispute || !canSee(actor, { requestingDept: dispute.reporting_dept, provider: dispute.provider })) throw notFound('dispute', input.id);
    assertVerdict(checkDisputeAnswer(actor, dispute, input.answer));
    const updated = await trx
      .updateTable('disputes')
      .set({ status: 'ANSWERED', answered_at: now, answered_by: actor.app, answer: input.answer.trim(), outcome: input.outcome })
      .where('id', '=', input.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actor,
      subjectKind: 'dispute',
      subjectId: input.id,
      action: 'answered',
      reason: input.answer,
      details: { outcome: input.outcome },
    });
    return updated;
  });
}

export async function listDisputes(services: GovernanceServices, actor: Actor, status?: string | null): Promise<DisputeRow[]> {
  let query = services.db.selectFrom('disputes').selectAll().orderBy('reported_at', 'desc');
  if (status) query = query.where('status', '=', status);
  return query
    .where(whereVisible('disputes', visibilityScope(actor)))
    .limit(500)
    .execute();
}
