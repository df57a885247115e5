/**
 * Check administrator change
 *
 * A department's list of sharing administrators is only changed by the platform operator, for a
 * registered department, with a recorded reason; an application is listed once, only a listed one
 * is removed, and the last one is never removed (appoint the successor first), so every department
 * always has someone to answer its requests and disputes.
 * Serves art. 21: each department names a responsible sharing administrator; art. 4: the info-center
 * keeps the registry.
 */
import type { Consumer } from '../types.ts';
import { allow, deny, type Verdict } from './verdict.ts';

export interface AdministratorChange {
  appoint: boolean;
  dept: string;
  /** Application id (token `sub`) of the administrator. */
  user: string;
  reason: string;
}

/**
 * @param departments the registered department codes.
 * @param listed the department's administrators now.
 */
export function checkAdministratorChange(actor: Consumer, change: AdministratorChange, departments: readonly string[], listed: readonly string[]): Verdict {
  if (!actor.roles.includes('platform-admin'))
    return deny('FORBIDDEN', 'Only the platform operator (platform-admin) keeps the registry of sharing administrators (art. 21)');
  if (!departments.includes(change.dept)) return deny('BAD_USER_INPUT', `Unknown department ${change.dept}`);
  if (!change.user) return deny('BAD_USER_INPUT', 'Name the administrator by application id (the sub of their token)');
  if (!change.reason.trim()) return deny('BAD_USER_INPUT', 'Say why the list of sharing administrators changes');
  if (change.appoint && listed.includes(change.user)) return deny('CONFLICT', `${change.user} is already a sharing administrator of ${change.dept}`);
  if (!change.appoint && !listed.includes(change.user)) return deny('CONFLICT', `${change.user} is not a sharing administrator of ${change.dept}`);
  if (!change.appoint && listed.length === 1) {
    return deny('CONFLICT', `${change.user} is the last sharing administrator of ${change.dept}: appoint the successor first (art. 21)`);
  }
  return allow(true);
}
