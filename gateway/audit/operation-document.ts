/**
 * The operation document an audit record refers to: the operation that ran (only it and the
 * fragments it uses), with every literal hidden, printed in one normal form, and its SHA-256. Apollo's
 * usage-reporting signature does exactly that (`@apollo/utils.usagereporting`): strings become `""`,
 * numbers `0`, lists `[]` and objects `{}` wherever they stand (arguments, variable defaults,
 * directives), aliases are dropped and selections sorted. Enum and boolean literals stay: they name
 * schema values (a purpose, a status, `@include(if: false)`), never a person. So a citizen ID, a name
 * or a claimed value sent in the text never reaches the store (art. 23); what a consumer asked for,
 * `Type.field` by `Type.field`, does — what the policy dry run replays.
 *
 * Size: the admission limits bound the text (256 KiB body, 3 000 tokens) and hiding literals only
 * shortens it; a document longer than `MAX_DOCUMENT_LENGTH` anyway is not kept (the record then
 * names none).
 */
import { createHash } from 'node:crypto';
import { usageReportingSignature } from '@apollo/utils.usagereporting';
import type { DocumentNode } from 'graphql';

export interface OperationDocument {
  /** SHA-256 (hex) of `text`. */
  hash: string;
  /** The literal-free document. */
  text: string;
  operationName: string | null;
}

/** The request body limit: no admitted operation prints longer once its literals are hidden. */
export const MAX_DOCUMENT_LENGTH = 256 * 1024;

/** Documents are computed once per operation text (`queryHash`) and name. */
const CACHE_SIZE = 5_000;
const cache = new Map<string, OperationDocument | undefined>();

export function operationDocumentOf(document: DocumentNode, operationName: string | null, queryHash?: string): OperationDocument | undefined {
  const key = queryHash === undefined ? undefined : `${queryHash}\n${operationName ?? ''}`;
  if (key !== undefined && cache.has(key)) return cache.get(key);
  const made = keptDocument(document, operationName);
  if (key !== undefined) {
    if (cache.size >= CACHE_SIZE) cache.clear();
    cache.set(key, made);
  }
  return made;
}

/** The literal-free document, or none: the record of a request is never held up by the document it would name. */
function keptDocument(document: DocumentNode, operationName: string | null): OperationDocument | undefined {
  try {
    const text = usageReportingSignature(document, operationName ?? '');
    return text.length > MAX_DOCUMENT_LENGTH ? undefined : { hash: createHash('sha256').update(text).digest('hex'), text, operationName };
  } catch {
    return undefined;
  }
}
