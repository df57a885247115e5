/**
 * The operations an HTTP request asks for, checked at the edge before Apollo Server sees them (the
 * size of a batch is an operation limit, checked before this): that each batched piece is shaped as GraphQL over HTTP wants (so Apollo
 * never refuses one piece of a batch while the others run), and that every operation name asked
 * for is consumer text the audit record may hold.
 */
import { OPERATION_NAME_TEXT, readConsumerText } from './read-consumer-text.ts';

export type OperationsReading = { operations: number } | { problem: 'BAD_REQUEST'; message: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isOptionalRecord = (value: unknown) => value === undefined || value === null || isRecord(value);

function readOperationName(name: unknown, where: string): string | undefined {
  // An empty name asks for no operation in particular, as if absent.
  if (name === undefined || name === null || name === '') return undefined;
  if (typeof name !== 'string') return `${where}operationName must be a string`;
  const verdict = readConsumerText(name, OPERATION_NAME_TEXT);
  return 'problem' in verdict ? `${where}${verdict.problem}` : undefined;
}

export function readOperations(request: { method: string; body: unknown; search: string }): OperationsReading {
  if (request.method === 'GET') {
    const names = new URLSearchParams(request.search).getAll('operationName');
    for (const name of names) {
      const problem = readOperationName(name, '');
      if (problem) return { problem: 'BAD_REQUEST', message: problem };
    }
    return { operations: 1 };
  }
  const pieces = Array.isArray(request.body) ? request.body : [request.body];
  if (Array.isArray(request.body)) {
    if (pieces.length === 0) return { problem: 'BAD_REQUEST', message: 'A batch must hold at least one operation' };
  }
  for (const [index, piece] of pieces.entries()) {
    const where = Array.isArray(request.body) ? `operation ${index + 1} of the batch: ` : '';
    if (!isRecord(piece) || Object.keys(piece).length === 0) {
      // A single malformed body is Apollo's to describe; in a batch it would stop the whole batch midway.
      if (!Array.isArray(request.body)) continue;
      return { problem: 'BAD_REQUEST', message: `${where}must be a JSON object with a query` };
    }
    if (Array.isArray(request.body)) {
      if (piece['query'] !== undefined && piece['query'] !== null && typeof piece['query'] !== 'string')
        return { problem: 'BAD_REQUEST', message: `${where}query must be a string` };
      if (!isOptionalRecord(piece['variables'])) return { problem: 'BAD_REQUEST', message: `${where}variables must be an object` };
      if (!isOptionalRecord(piece['extensions'])) return { problem: 'BAD_REQUEST', message: `${where}extensions must be an object` };
    }
    const problem = readOperationName(piece['operationName'], where);
    if (problem) return { problem: 'BAD_REQUEST', message: problem };
  }
  return { operations: pieces.length };
}
