/**
 * Check department registration
 *
 * A department joins the platform only when the platform operator registers it, with a reason: a
 * code of lowercase letters, digits and hyphens (2–40 characters, starting with a letter) that no
 * department holds yet, its name, its unified social credit code (18 characters of GB 32100's
 * alphabet) and at least one sharing administrator (at most 10). From then on its tokens are
 * accepted and its administrators publish its subgraph.
 * Serves art. 4 (the info-center runs the platform and its registry) and art. 21 (each department
 * names its sharing administrators).
 */
import type { Consumer } from '../types.ts';
import { allow, deny, type Verdict } from './verdict.ts';

export interface DepartmentRegistration {
  code: string;
  name: string;
  orgCode: string;
  administrators: readonly string[];
  reason: string;
}

const CODE = /^[a-z][a-z0-9-]{1,39}$/;
const ORG_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
const MAX_ADMINISTRATORS = 10;

/** Whether `actor` may register the department; `registered` are the codes held now. */
export function checkDepartmentRegistration(actor: Consumer, registration: DepartmentRegistration, registered: readonly string[]): Verdict {
  if (!actor.roles.includes('platform-admin')) return deny('FORBIDDEN', 'Only the platform operator (platform-admin) registers a department (art. 4)');
  if (!CODE.test(registration.code)) return deny('BAD_USER_INPUT', 'code must be 2–40 lowercase letters, digits or hyphens, starting with a letter');
  if (registered.includes(registration.code)) return deny('CONFLICT', `${registration.code} is registered already`);
  if (!registration.name.trim()) return deny('BAD_USER_INPUT', "Give the department's name");
  if (!ORG_CODE.test(registration.orgCode)) return deny('BAD_USER_INPUT', 'orgCode must be an 18-character unified social credit code (GB 32100)');
  if (registration.administrators.length === 0) return deny('BAD_USER_INPUT', 'Name at least one sharing administrator (art. 21)');
  if (registration.administrators.length > MAX_ADMINISTRATORS)
    return deny('BAD_USER_INPUT', `At most ${MAX_ADMINISTRATORS} sharing administrators at registration`);
  if (new Set(registration.administrators).size !== registration.administrators.length) return deny('BAD_USER_INPUT', 'An administrator is listed twice');
  if (!registration.reason.trim()) return deny('BAD_USER_INPUT', 'Say why the department joins the platform');
  return allow(true);
}
