/**
 * Check catalog review
 *
 * The district catalog is only reviewed by the platform operator (platform-admin), with a reason,
 * and a review only overrides the descriptive elements of the national catalog guide: the share
 * type and the legal basis always stay as the provider published them, since they are what the
 * gateway enforces (art. 10–11).
 * Serves art. 9: the operator compiles the district catalog from the departments' declarations.
 */
import type { Consumer } from '../types.ts';
import { allow, deny, type Verdict } from './verdict.ts';

/** Elements the operator may override (art. 9), named as in the national catalog guide. */
const OVERRIDABLE_ELEMENTS = [
  'abstract',
  'classification',
  'format',
  'shareMethod',
  'openToPublic',
  'updateCycle',
  'shareCondition',
  'relatedResources',
] as const;

/** The override to apply: the overridable elements given a value; anything else is ignored. */
export function checkCatalogReview(actor: Consumer, override: Readonly<Record<string, unknown>>, reason: string): Verdict<Record<string, unknown>> {
  if (!actor.roles.includes('platform-admin')) return deny('FORBIDDEN', 'Only the platform operator (platform-admin) reviews the district catalog (art. 9)');
  if (!reason.trim()) return deny('BAD_USER_INPUT', 'Say why the declared metadata is overridden');
  return allow(
    Object.fromEntries(
      Object.entries(override).filter(([key, value]) => (OVERRIDABLE_ELEMENTS as readonly string[]).includes(key) && value !== undefined && value !== null),
    ),
  );
}
