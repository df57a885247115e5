/** The regulation profile in force as the API shows it (`regulationProfile`), so a console reads deadlines instead of repeating them. */
import { negotiationWorkingDays } from '../../policies/regulation-profile.ts';
import type { GovernanceServices } from './governance-services.ts';

export function regulationProfileView(services: GovernanceServices) {
  const { profile, grantMaxValidityDays } = services;
  return {
    name: profile.name,
    title: profile.title,
    purposes: profile.purposes,
    // The longest validity as configured: GRANT_MAX_VALIDITY_DAYS may shorten the profile's.
    grantDefaultValidityDays: Math.min(profile.grantValidity.defaultDays, grantMaxValidityDays),
    grantMaxValidityDays,
    complianceCheckWorkingDays: profile.request.complianceCheck?.workingDays ?? null,
    providerAnswerWorkingDays: profile.request.providerAnswer.workingDays,
    providerAnswerIfPublicationNeededWorkingDays: profile.request.providerAnswer.ifPublicationNeeded,
    negotiationWorkingDays: negotiationWorkingDays(profile) ?? null,
    escalation: profile.escalation.map((entry) => entry.step),
    disputeAnswerWorkingDays: profile.disputes.answerWorkingDays,
    catalogReviewWorkingDays: profile.catalog.reviewWorkingDays,
    staleViolationCycles: profile.freshness.staleCycles,
    staleViolationShare: profile.freshness.staleShare,
    staleViolationMinDays: profile.freshness.minStaleDays,
    auditRetentionMonths: profile.auditRetentionMonths,
  };
}
