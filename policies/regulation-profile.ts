/**
 * Regulation profile
 *
 * The deadlines, purposes, grant validities, escalation steps and working calendar a district's
 * regulation sets, as data (`platform/profiles/*.json`) instead of constants. A profile is only used
 * if it passes this schema whole: unknown keys, missing steps, impossible numbers or an escalation
 * out of order refuse it, and the platform does not start on a profile it cannot read (fail closed).
 * Serves 周政发〔2018〕6号 art. 8 (catalog within 15 working days), art. 13 (answer within 10
 * working days, negotiation, coordination office, city leading group, purposes) and art. 16
 * (disputes checked quickly), when art. 14/22(3) data count as not updated in time, and art. 22
 * (the audit trail, kept `auditRetentionMonths` in the store).
 */
import { z } from 'zod';
import { PURPOSES } from './types.ts';

/** A deadline in working days: at least one, at most a quarter of a year's. */
const workingDays = z.number().int().min(1).max(60);

/** A grant validity in days: at most ten years, as `GRANT_MAX_VALIDITY_DAYS`. */
const validityDays = z.number().int().min(1).max(3653);

/** Steps after a refusal (or a request holding items not shared), in the only order they may come. */
const ESCALATION_STEPS = ['NEGOTIATION', 'COORDINATION_OFFICE', 'CITY_LEADING_GROUP'] as const;
export type EscalationStep = (typeof ESCALATION_STEPS)[number];

const escalationStep = z.discriminatedUnion('step', [
  z.strictObject({ step: z.literal('NEGOTIATION'), workingDays }),
  z.strictObject({ step: z.literal('COORDINATION_OFFICE') }),
  z.strictObject({ step: z.literal('CITY_LEADING_GROUP') }),
]);

const profileSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
    title: z.string().min(1).max(200),
    /** Which days count as working days: the State Council's schedule (entered, or the holiday library). */
    workingCalendar: z.literal('china-state-council'),
    purposes: z.array(z.enum(PURPOSES)).min(1).max(PURPOSES.length),
    grantValidity: z.strictObject({ defaultDays: validityDays, maxDays: validityDays }),
    request: z.strictObject({
      /** The operator checks a request's compliance first, within this many working days; null: no such step. */
      complianceCheck: z.strictObject({ workingDays }).nullable(),
      providerAnswer: z.strictObject({
        /** Working days the provider has to answer. */
        workingDays,
        /** Working days when the provider must first publish the items (the compliance check says so). */
        ifPublicationNeeded: workingDays,
      }),
    }),
    escalation: z.array(escalationStep).min(1).max(ESCALATION_STEPS.length),
    disputes: z.strictObject({ answerWorkingDays: workingDays }),
    catalog: z.strictObject({ reviewWorkingDays: workingDays }),
    /**
     * When the evaluation lists a resource as not updated in time (art. 14, art. 22(3)): stale without a
     * break for longer than `staleCycles` of its update cycles, or stale for more than `staleShare` of
     * the period — either way for at least `minStaleDays` days in all.
     */
    freshness: z.strictObject({
      staleCycles: z.number().min(0.5).max(12),
      staleShare: z.number().gt(0).max(1),
      minStaleDays: z.number().min(0).max(366),
    }),
    /**
     * Months the audit trail stays in the store before `npm run audit:archive` moves a month to its
     * signed archive: at least six (network logs are kept at least six months under the
     * Cybersecurity Law, art. 21), at most ten years.
     */
    auditRetentionMonths: z.number().int().min(6).max(120),
  })
  .superRefine((profile, context) => {
    if (new Set(profile.purposes).size !== profile.purposes.length)
      context.addIssue({ code: 'custom', path: ['purposes'], message: 'a purpose is listed twice' });
    if (profile.grantValidity.defaultDays > profile.grantValidity.maxDays)
      context.addIssue({ code: 'custom', path: ['grantValidity', 'defaultDays'], message: 'the default validity exceeds the longest validity' });
    const steps = profile.escalation.map((entry) => entry.step);
    const ordered = ESCALATION_STEPS.filter((step) => steps.includes(step));
    if (steps.join() !== ordered.join() || !steps.includes('COORDINATION_OFFICE'))
      context.addIssue({
        code: 'custom',
        path: ['escalation'],
        message: `steps must be a subsequence of ${ESCALATION_STEPS.join(' → ')} holding COORDINATION_OFFICE, each once`,
      });
  });

export type RegulationProfile = Readonly<z.infer<typeof profileSchema>>;

export type ProfileReading = { ok: true; profile: RegulationProfile } | { ok: false; problems: string[] };

/** Reads a profile document; `name` is the name it was asked for, which the document must bear. */
export function readRegulationProfile(name: string, document: unknown): ProfileReading {
  const parsed = profileSchema.safeParse(document);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(document)'}: ${issue.message}`) };
  }
  if (parsed.data.name !== name) return { ok: false, problems: [`name: the profile calls itself "${parsed.data.name}", not "${name}"`] };
  return { ok: true, profile: Object.freeze(parsed.data) };
}

/** Whether the profile has the escalation step. */
export function hasEscalationStep(profile: RegulationProfile, step: EscalationStep): boolean {
  return profile.escalation.some((entry) => entry.step === step);
}

/** Working days the two departments have to negotiate, or undefined when the profile has no negotiation. */
export function negotiationWorkingDays(profile: RegulationProfile): number | undefined {
  const negotiation = profile.escalation.find((entry) => entry.step === 'NEGOTIATION');
  return negotiation && 'workingDays' in negotiation ? negotiation.workingDays : undefined;
}

/** Working days the provider has to answer, once the request reaches it. */
export function providerAnswerWorkingDays(profile: RegulationProfile, publicationNeeded: boolean): number {
  return publicationNeeded ? profile.request.providerAnswer.ifPublicationNeeded : profile.request.providerAnswer.workingDays;
}
