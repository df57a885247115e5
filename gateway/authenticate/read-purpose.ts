/**
 * Step 2, purpose: every data request declares what the data is used for (`X-Share-Purpose`),
 * optionally the business matter (`X-Share-Matter`), and how denials are answered (`X-Share-Mode`).
 * Serves art. 5(2) and 15: a clear purpose on every use.
 */
import { isPurpose, type Purpose } from '../../policies/types.ts';
import { MATTER_TEXT, readConsumerText } from '../admit/read-consumer-text.ts';

export interface DeclaredUse {
  /** Undefined when not declared; the gateway then refuses any data query. */
  purpose: Purpose | undefined;
  matter: string | undefined;
  /** `strict`: refuse the whole operation if any field would be denied. */
  strict: boolean;
}

export type PurposeReading = { use: DeclaredUse } | { problem: 'PURPOSE_REQUIRED' | 'BAD_REQUEST'; message: string };

export function readPurpose(headers: { purpose?: string; matter?: string; mode?: string }): PurposeReading {
  const purpose = headers.purpose?.trim();
  if (purpose !== undefined && purpose !== '' && !isPurpose(purpose)) {
    return {
      problem: 'PURPOSE_REQUIRED',
      message: `"${purpose}" is not a purpose of use: declare one of ADMINISTRATIVE_BASIS, WORK_REFERENCE, DATA_VERIFICATION, BUSINESS_COLLABORATION in X-Share-Purpose`,
    };
  }
  let matter: string | undefined;
  if (headers.matter !== undefined) {
    // Checked after decoding: `%00` or `%E2%80%AE` must not become a NUL or a bidi override in the record.
    const verdict = readConsumerText(decodeMatter(headers.matter), MATTER_TEXT);
    if ('problem' in verdict) return { problem: 'BAD_REQUEST', message: verdict.problem };
    matter = verdict.text;
  }
  const mode = headers.mode?.trim().toLowerCase();
  if (mode !== undefined && mode !== '' && mode !== 'strict' && mode !== 'partial') {
    return { problem: 'BAD_REQUEST', message: 'X-Share-Mode must be "strict" or "partial"' };
  }
  return { use: { purpose: purpose ? purpose : undefined, matter: matter || undefined, strict: mode === 'strict' } };
}

/** Header values are Latin-1; a matter in Chinese arrives percent-encoded (encodeURIComponent). */
function decodeMatter(raw: string): string {
  try {
    return decodeURIComponent(raw).trim();
  } catch {
    return raw.trim();
  }
}
