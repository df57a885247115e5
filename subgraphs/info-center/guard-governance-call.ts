/**
 * Every governance operation passes here before it runs: the texts among its arguments are checked
 * (`checkGovernanceArguments`), then the caller's administrative roles are checked against the
 * department registry as it is now (`checkRoleClaims`). Roles come in the district issuer's signed
 * token, but governance is where they take effect, so it is here, at the point of decision, that
 * the registry is read — on every request: a removal counts from the next request, not from the
 * token's expiry.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { checkGovernanceArguments } from '../../policies/governance/check-governance-arguments.ts';
import { checkRoleClaims } from '../../policies/governance/check-role-claims.ts';
import { checkText } from '../../policies/governance/check-text.ts';
import { ROLES, type Role } from '../../policies/types.ts';
import type { DepartmentContext } from '../shared/department.ts';
import { isListedAdministrator } from './departments.ts';
import { assertVerdict } from './governance-errors.ts';
import type { Actor, GovernanceLoaders, GovernanceServices } from './governance-services.ts';

export type GovernanceContext = DepartmentContext<GovernanceServices, GovernanceLoaders>;

// One registry check per request, however many operations it holds; contexts are per request.
const actors = new WeakMap<GovernanceContext, Promise<Actor>>();

async function verifyActor(context: GovernanceContext): Promise<Actor> {
  const roles = context.call.consumerRoles.filter((role): role is Role => (ROLES as readonly string[]).includes(role));
  const actor = { app: context.call.consumerApp, dept: context.call.consumerDept, roles };
  assertVerdict(checkText("the token's application id (sub)", actor.app, 'identifier'));
  const listed = roles.includes('provider-admin') && (await isListedAdministrator(context.backend.db, actor.dept, actor.app));
  return assertVerdict(checkRoleClaims(actor, listed));
}

/** The caller, once its roles are borne out by the registry; refused (FORBIDDEN) otherwise. */
function verifiedActor(context: GovernanceContext): Promise<Actor> {
  let actor = actors.get(context);
  if (!actor) actors.set(context, (actor = verifyActor(context)));
  return actor;
}

const governedResolvers = new WeakSet<object>();

/** A root governance resolver: runs `operation` only for checked arguments and a verified caller. */
export function governed<Args extends Record<string, unknown>>(
  operation: (args: Args, actor: Actor, services: GovernanceServices, context: GovernanceContext) => unknown,
) {
  const resolver = async (_source: unknown, args: Args, context: GovernanceContext, info: GraphQLResolveInfo): Promise<unknown> => {
    assertVerdict(checkGovernanceArguments(info.fieldName, args));
    return operation(args, await verifiedActor(context), context.backend, context);
  };
  governedResolvers.add(resolver);
  return resolver;
}

/** Whether `resolver` was made by `governed` (a test holds every root field to it). */
export function isGoverned(resolver: unknown): boolean {
  return typeof resolver === 'function' && governedResolvers.has(resolver);
}
