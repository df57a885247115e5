/**
 * Check schema change
 *
 * A provider's new subgraph version is held against what depends on the current one. Removing an
 * item, or changing its type (a rename is a removal and an addition), is refused while the item
 * has live grants or was received by a consumer in the last 30 days, unless the platform operator
 * overrides with a reason. Tightening a share type (UNCONDITIONAL → CONDITIONAL, anything → NONE)
 * names the departments and grants it affects and is the operator's alone, with a reason.
 * Loosening is allowed and recorded. Every result names its items, grants and departments.
 * Serves art. 10 (the share type is the provider's declaration, changed openly), art. 13 (a grant
 * is honoured for its validity) and art. 8 (catalog changes are recorded).
 */
import { SHARE_TYPES, type Consumer, type ShareType } from '../types.ts';

export type ItemChange =
  | { coordinate: string; kind: 'removed' }
  | { coordinate: string; kind: 'retyped'; from: string; to: string }
  | { coordinate: string; kind: 'share-changed'; from: ShareType; to: ShareType };

export interface ChangeEvidence {
  /** Live grants of each item: id and grantee department. */
  grants: ReadonlyMap<string, ReadonlyArray<{ id: string; dept: string }>>;
  /** Departments that received each item in the last 30 days (audit records). */
  recentUse: ReadonlyMap<string, readonly string[]>;
}

export interface ChangeReview {
  /** False when any change is refused. */
  passed: boolean;
  /** One line per changed item; a refused line says what would let it through. */
  lines: string[];
  /** Whether the operator's override let through something otherwise refused. */
  overridden: boolean;
}

const rank = (shareType: ShareType) => SHARE_TYPES.indexOf(shareType);

function dependants(coordinate: string, evidence: ChangeEvidence): string {
  const grants = evidence.grants.get(coordinate) ?? [];
  const users = evidence.recentUse.get(coordinate) ?? [];
  const parts = [
    ...(grants.length > 0 ? [`live grants ${grants.map((g) => `${g.id} (${g.dept})`).join(', ')}`] : []),
    ...(users.length > 0 ? [`received in the last 30 days by ${users.join(', ')}`] : []),
  ];
  return parts.join('; ');
}

function describe(change: ItemChange): string {
  if (change.kind === 'removed') return `${change.coordinate} removed`;
  if (change.kind === 'retyped') return `${change.coordinate} changes type ${change.from} → ${change.to}`;
  return `${change.coordinate} share type ${change.from} → ${change.to}`;
}

/** Whether the changes may be published by `actor`; `overrideReason` is the operator's reason, if given. */
export function checkSchemaChange(actor: Consumer, changes: readonly ItemChange[], evidence: ChangeEvidence, overrideReason?: string): ChangeReview {
  const operator = actor.roles.includes('platform-admin') && (overrideReason?.trim() ?? '') !== '';
  const lines: string[] = [];
  let passed = true;
  let overridden = false;
  for (const change of changes) {
    const what = describe(change);
    const depends = dependants(change.coordinate, evidence);
    const loosening = change.kind === 'share-changed' && rank(change.to) < rank(change.from);
    if (loosening) {
      lines.push(`${what}: loosened, allowed and recorded`);
      continue;
    }
    const tightening = change.kind === 'share-changed';
    if (!tightening && !depends) {
      lines.push(`${what}: no live grant, not received in the last 30 days`);
      continue;
    }
    const affected = depends || 'no live grant, not received in the last 30 days';
    if (operator) {
      overridden = true;
      lines.push(`${what} (${affected}): overridden by the operator: ${overrideReason!.trim()}`);
      continue;
    }
    const line = tightening
      ? `${what} (${affected}): tightening a share type needs the platform operator, with a reason`
      : `${what} (${depends}): refused unless the platform operator overrides with a reason`;
    lines.push(line);
    passed = false;
  }
  return { passed, lines, overridden };
}
