/**
 * Who an OpenID Connect sign-in makes a person in the console, by the same rules as a token: the
 * department claim must name a department of the registry, the roles claim only roles the platform
 * knows (each once), `platform-admin` only for the operator (info-center); the application id is the
 * provider's `sub`, bounded and plain as every application id. Governance still honours
 * `provider-admin` only for the department's listed sharing administrators.
 * Serves 周政发〔2018〕6号 art. 5(4): identity authentication, authorisation management.
 */
import { PLATFORM_OPERATOR, ROLES, type Consumer, type Role } from '../../policies/types.ts';
import { APP_ID_TEXT, readConsumerText } from '../admit/read-consumer-text.ts';

export interface ClaimNames {
  departmentClaim: string;
  rolesClaim: string;
}

export type ClaimReading = { consumer: Consumer } | { refused: string };

/** Roles as providers send them: a JSON array, or one space-separated string. */
function rolesOf(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return value.split(' ').filter(Boolean);
  return undefined;
}

export function readOidcClaims(claims: Readonly<Record<string, unknown>>, names: ClaimNames, departments: readonly string[]): ClaimReading {
  const sub = claims['sub'];
  if (typeof sub !== 'string' || sub.length === 0) return { refused: 'the identity has no subject (sub)' };
  const app = readConsumerText(sub, APP_ID_TEXT);
  if ('problem' in app) return { refused: `the identity's ${app.problem}` };
  const dept = claims[names.departmentClaim];
  if (typeof dept !== 'string' || !departments.includes(dept))
    return { refused: `the identity names no department of the registry (${names.departmentClaim})` };
  const roles = rolesOf(claims[names.rolesClaim]);
  const isRoleSet =
    roles !== undefined && roles.length > 0 && new Set(roles).size === roles.length && roles.every((role) => (ROLES as readonly unknown[]).includes(role));
  if (!isRoleSet) return { refused: `the identity's roles (${names.rolesClaim}) must be a non-empty subset of ${ROLES.join(', ')}, each named once` };
  if (roles.includes('platform-admin') && dept !== PLATFORM_OPERATOR) return { refused: `only ${PLATFORM_OPERATOR} (the operator) holds platform-admin` };
  return { consumer: { app: app.text, dept, roles: roles as Role[] } };
}
