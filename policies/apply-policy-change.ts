/**
 * Apply policy change
 *
 * The share metadata and grants as they would stand after one checked change, without touching the
 * ones given: a grant is added live from `now` (a day long: the dry run judges at `now`), a revoked
 * grant is revoked at `now`, a share type or a declared mask replaces the item's own. The gateway
 * builds abilities from exactly these inputs, so the simulation differs from enforcement by the
 * change and nothing else.
 */
import type { PolicyChange } from './governance/check-policy-simulation.ts';
import type { PolicyInputs } from './simulate-policy-change.ts';
import type { FieldShare, Grant } from './types.ts';

const DAY_MS = 86_400_000;

export function applyPolicyChange(before: PolicyInputs, change: PolicyChange, now: Date): PolicyInputs {
  switch (change.kind) {
    case 'GRANT': {
      const added = change.items.map((field, index): Grant => ({
        id: `simulated-${index}`,
        kind: change.exception ? 'EXCEPTION' : 'REQUEST',
        ...(change.action === 'VERIFY' ? { action: 'VERIFY' as const } : {}),
        dept: change.department,
        field,
        purpose: change.purpose,
        validFrom: now.toISOString(),
        validUntil: new Date(now.getTime() + DAY_MS).toISOString(),
        ...(change.mask ? { mask: change.mask } : {}),
        ...(change.condition ? { condition: change.condition } : {}),
      }));
      return { catalog: before.catalog, grants: [...before.grants, ...added] };
    }
    case 'REVOKE':
      return {
        catalog: before.catalog,
        grants: before.grants.map((grant) =>
          grant.id === change.grantId && grant.revokedAt === undefined ? { ...grant, revokedAt: now.toISOString() } : grant,
        ),
      };
    case 'SHARE_TYPE':
      return { catalog: withItem(before, change.item, (share) => ({ ...share, shareType: change.shareType })), grants: before.grants };
    case 'MASK':
      return {
        catalog: withItem(before, change.item, (share) => {
          const masks = { ...share.masks };
          if (change.mask) masks[change.purpose] = change.mask;
          else delete masks[change.purpose];
          return { ...share, masks };
        }),
        grants: before.grants,
      };
  }
}

function withItem(before: PolicyInputs, item: string, change: (share: FieldShare) => FieldShare): PolicyInputs['catalog'] {
  const catalog = new Map(before.catalog);
  const share = catalog.get(item);
  if (share) catalog.set(item, change(share));
  return catalog;
}
