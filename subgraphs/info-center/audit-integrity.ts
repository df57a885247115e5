/** The operator's view of the audit trail's integrity (art. 15, 19): what the scheduled verification (`npm run audit:verify -- --record`) last stored. */
import { checkAuditIntegrityRead } from '../../policies/governance/check-audit-integrity-read.ts';
import type { AuditIntegrityView } from '../../platform/audit-integrity.ts';
import { assertVerdict } from './governance-errors.ts';
import type { Actor, GovernanceServices } from './governance-services.ts';

/** Without a verifier (governance served without its gateway's audit) nothing is claimed: not verified. */
const NOT_VERIFIED_HERE: AuditIntegrityView = {
  startedAt: null,
  verifiedAt: null,
  verifiedBy: null,
  stale: true,
  ok: null,
  chains: 0,
  records: 0,
  checkpoints: 0,
  anchored: 0,
  quarantined: 0,
  problem: 'this gateway does not verify the audit trail',
  problems: [],
  problemCount: 0,
  running: false,
  lastCheckpoints: [],
};

export async function readAuditIntegrity(services: GovernanceServices, actor: Actor): Promise<AuditIntegrityView> {
  assertVerdict(checkAuditIntegrityRead(actor));
  return services.auditIntegrity ? services.auditIntegrity() : NOT_VERIFIED_HERE;
}
