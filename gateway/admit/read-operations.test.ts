import { describe, expect, it } from 'vitest';
import { readOperations } from './read-operations.ts';

const post = (body: unknown) => readOperations({ method: 'POST', body, search: '' });

describe('readOperations', () => {
  it('when one operation or a batch is well shaped, then it counts the operations', () => {
    expect(post({ query: '{ a }', operationName: 'A' })).toEqual({ operations: 1 });
    expect(post([{ query: '{ a }' }, { query: '{ b }', variables: null, operationName: '' }])).toEqual({ operations: 2 });
  });

  it('when a batch is empty, then it is refused before any work', () => {
    expect(post([])).toEqual({ problem: 'BAD_REQUEST', message: 'A batch must hold at least one operation' });
  });

  it('when one piece of a batch is malformed, then the whole batch is refused, naming the piece', () => {
    expect(post([{ query: '{ a }' }, 'query'])).toEqual({ problem: 'BAD_REQUEST', message: 'operation 2 of the batch: must be a JSON object with a query' });
    expect(post([{ query: '{ a }' }, {}])).toEqual({ problem: 'BAD_REQUEST', message: 'operation 2 of the batch: must be a JSON object with a query' });
    expect(post([{ query: '{ a }', variables: '{}' }])).toEqual({ problem: 'BAD_REQUEST', message: 'operation 1 of the batch: variables must be an object' });
    expect(post([{ query: 7 }])).toEqual({ problem: 'BAD_REQUEST', message: 'operation 1 of the batch: query must be a string' });
  });

  it('when an operation name holds a NUL, a bidi override or is no GraphQL name, then it is refused', () => {
    expect(post({ query: '{ a }', operationName: 'A\u0000' })).toEqual({
      problem: 'BAD_REQUEST',
      message: 'operationName must not contain control, format or separator characters (found U+0000)',
    });
    expect(post([{ query: '{ a }', operationName: '\u202eA' }])).toEqual({
      problem: 'BAD_REQUEST',
      message: 'operation 1 of the batch: operationName must not contain control, format or separator characters (found U+202E)',
    });
    expect(post({ query: '{ a }', operationName: 'drop table' })).toEqual({
      problem: 'BAD_REQUEST',
      message: 'operationName must be a GraphQL name (letters, digits, _)',
    });
    expect(post({ query: '{ a }', operationName: 42 })).toEqual({ problem: 'BAD_REQUEST', message: 'operationName must be a string' });
  });

  it('when a GET names its operation in the query string, then that name is checked too', () => {
    expect(readOperations({ method: 'GET', body: undefined, search: '?query=%7Ba%7D&operationName=A%00' })).toEqual({
      problem: 'BAD_REQUEST',
      message: 'operationName must not contain control, format or separator characters (found U+0000)',
    });
    expect(readOperations({ method: 'GET', body: undefined, search: '?query=%7Ba%7D&operationName=A' })).toEqual({ operations: 1 });
  });
});
