/**
 * Check audit integrity read
 *
 * The audit trail's integrity (the last verification and each chain's newest checkpoint) is read
 * only by the platform operator (platform-admin): it names every gateway's chain and its volume.
 * Serves art. 15 and 19: the operator supervises the use of shared data on a reliable platform.
 */
import type { Consumer } from '../types.ts';
import { allow, deny, type Verdict } from './verdict.ts';

export function checkAuditIntegrityRead(actor: Consumer): Verdict {
  if (!actor.roles.includes('platform-admin')) return deny('FORBIDDEN', "Only the platform operator (platform-admin) reads the audit trail's integrity");
  return allow(true);
}
