/**
 * Check governance arguments
 *
 * A governance operation is only run if every text among its arguments — at any depth of its input
 * objects, list items included — passes `checkText` for its kind, and no list holds more than
 * `MAX_LIST_ITEMS` items. Texts that are not listed here are identifiers, the strictest kind, so an
 * argument added later is bounded before anyone thinks of it.
 * Serves art. 5(4) and 19: every input to the record of governance decisions is bounded.
 */
import { checkText, type TextKind } from './check-text.ts';
import { allow, deny, type Verdict } from './verdict.ts';

/** Most items any list argument of a governance operation may hold. */
export const MAX_LIST_ITEMS = 100;

/** `operation.argument[.field]` → its kind, for every text that is not an identifier. */
const GOVERNANCE_TEXTS: Readonly<Record<string, TextKind>> = {
  'requestAccess.input.matter': 'line',
  'requestAccess.input.justification': 'prose',
  'decideAccessRequest.reason': 'prose',
  'decideAccessRequest.condition.anyOf': 'line',
  'revokeGrant.reason': 'prose',
  'escalateAccessRequest.reason': 'prose',
  'grantException.input.basis': 'prose',
  'grantException.input.reason': 'prose',
  'closeEscalation.reason': 'prose',
  'checkCompliance.reason': 'prose',
  'recordNegotiation.text': 'prose',
  'referToCity.reason': 'prose',
  'enterCityDecision.decision': 'prose',
  'reportDispute.input.description': 'prose',
  'reportDispute.input.evidence': 'prose',
  'answerDispute.answer': 'prose',
  'reviewCatalogItem.override.abstract': 'prose',
  'reviewCatalogItem.override.shareCondition': 'prose',
  'reviewCatalogItem.override.classification': 'line',
  'reviewCatalogItem.override.format': 'line',
  'reviewCatalogItem.override.shareMethod': 'line',
  'reviewCatalogItem.override.updateCycle': 'line',
  'reviewCatalogItem.override.relatedResources': 'line',
  'reviewCatalogItem.reason': 'prose',
  'appointSharingAdministrator.reason': 'prose',
  'removeSharingAdministrator.reason': 'prose',
  'enterWorkingCalendar.reason': 'prose',
  'publishSubgraph.url': 'url',
  'publishSubgraph.sdl': 'schema',
  'publishSubgraph.reason': 'prose',
  'rollbackSubgraph.reason': 'prose',
  'registerDepartment.name': 'line',
  'registerDepartment.reason': 'prose',
  'simulatePolicyChange.change.grant.condition.anyOf': 'line',
  'registerWebhook.url': 'url',
  'issueRectificationNotice.text': 'prose',
  'issueRectificationNotice.examples': 'line',
  'recordRectification.action': 'prose',
};

function checkValue(operation: string, argument: string, value: unknown): Verdict {
  if (typeof value === 'string') return checkText(argument, value, GOVERNANCE_TEXTS[`${operation}.${argument}`] ?? 'identifier');
  if (Array.isArray(value)) {
    if (value.length > MAX_LIST_ITEMS) return deny('BAD_USER_INPUT', `${argument} has too many items: at most ${MAX_LIST_ITEMS}`);
    for (const item of value) {
      const verdict = checkValue(operation, argument, item);
      if (!verdict.ok) return verdict;
    }
    return allow(true);
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const verdict = checkValue(operation, `${argument}.${key}`, inner);
      if (!verdict.ok) return verdict;
    }
  }
  return allow(true);
}

/** Whether the arguments of the governance operation (root field) `operation` may be used. */
export function checkGovernanceArguments(operation: string, args: Readonly<Record<string, unknown>>): Verdict {
  for (const [argument, value] of Object.entries(args)) {
    const verdict = checkValue(operation, argument, value);
    if (!verdict.ok) return verdict;
  }
  return allow(true);
}
