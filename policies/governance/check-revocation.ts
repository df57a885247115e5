/**
 * Check revocation
 *
 * A grant is only revoked once, with a reason, by the sharing administrator of its item's provider
 * or by the coordination office (platform-admin); an exceptional grant only by the coordination
 * office that granted it.
 * Serves art. 13: grants end when the provider or the coordination office withdraws them.
 */
import type { Consumer, ShareCatalog } from '../types.ts';
import { allow, deny, type Verdict } from './verdict.ts';

export function checkRevocation(actor: Consumer, grant: { field: string; kind: string; revoked: boolean }, catalog: ShareCatalog, reason: string): Verdict {
  if (grant.kind === 'EXCEPTION' && !actor.roles.includes('platform-admin')) {
    return deny('FORBIDDEN', 'An exceptional grant is revoked only by the coordination office (platform-admin) that granted it');
  }
  const provider = catalog.get(grant.field)?.provider;
  const isProviderAdmin = actor.roles.includes('provider-admin') && actor.dept === provider;
  if (!isProviderAdmin && !actor.roles.includes('platform-admin')) {
    return deny('FORBIDDEN', "Only the provider's sharing administrator or the coordination office revokes a grant");
  }
  if (!reason.trim()) return deny('BAD_USER_INPUT', 'A revocation must give its reason');
  if (grant.revoked) return deny('CONFLICT', 'The grant is already revoked');
  return allow(true);
}
