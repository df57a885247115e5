/**
 * How to obtain
 *
 * What a consumer refused a data item can do to receive it, decided by the item's share type and
 * told in its FORBIDDEN_FIELD error: a CONDITIONAL item is requested from its provider for the
 * purpose (and, refused or left unanswered, escalated to the coordination office); a NONE item is
 * never granted by its provider, so it can only be escalated, with a legal basis; any other item
 * (one without share metadata) is shared with no department, and there is nothing to apply for.
 * Serves art. 13 (apply to the provider, escalate to the coordination office) and art. 11(1)
 * (items not shared are reached only by exception).
 */
import type { ShareType } from './types.ts';

export interface AccessRoute {
  /** An access request to the provider can grant it. */
  requestable: boolean;
  /** The coordination office can grant it by exception. */
  escalatable: boolean;
  /** Completes "`Type.field` is …" in the consumer's error message. */
  explanation: string;
}

export function howToObtain(shareType: ShareType | undefined): AccessRoute {
  if (shareType === 'CONDITIONAL') {
    return { requestable: true, escalatable: true, explanation: 'shared on condition: apply to the provider for access with this purpose' };
  }
  if (shareType === 'NONE') {
    return { requestable: false, escalatable: true, explanation: 'not shared; access can only be escalated to the coordination office with a legal basis' };
  }
  return { requestable: false, escalatable: false, explanation: 'shared with no department for this purpose' };
}
