import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createRequestLog } from './request-log.ts';

function setup() {
  const lines: Array<Record<string, unknown>> = [];
  const app = Fastify({ logger: { level: 'info', stream: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } } });
  return { lines, serverLog: app.log, requestLog: createRequestLog(app.log) };
}

describe('request log', () => {
  it('when Apollo logs inside a request, then its line carries that request’s id', async () => {
    const { lines, serverLog, requestLog } = setup();
    await requestLog.run(serverLog.child({ reqId: 'request-1' }), async () => {
      await Promise.resolve();
      requestLog.apollo.error('Unexpected error processing request: Error: boom');
    });
    expect(lines).toEqual([expect.objectContaining({ level: 50, reqId: 'request-1', msg: 'Unexpected error processing request: Error: boom' })]);
  });

  it('when Apollo logs an Error, then the line has it as err with its message, and outside a request no id', () => {
    const { lines, requestLog } = setup();
    requestLog.apollo.warn(new Error('could not store the query plan'));
    expect(lines).toEqual([
      expect.objectContaining({
        level: 40,
        msg: 'could not store the query plan',
        err: expect.objectContaining({ message: 'could not store the query plan' }),
      }),
    ]);
    expect(lines[0]).not.toHaveProperty('reqId');
  });

  it('when two requests log at once, then each line carries its own id', async () => {
    const { lines, serverLog, requestLog } = setup();
    const handle = (id: string) =>
      requestLog.run(serverLog.child({ reqId: id }), async () => {
        await new Promise((resolve) => setImmediate(resolve));
        requestLog.current().info(`line of ${id}`);
      });
    await Promise.all([handle('a'), handle('b')]);
    expect(lines.map((line) => [line['reqId'], line['msg']]).sort()).toEqual([
      ['a', 'line of a'],
      ['b', 'line of b'],
    ]);
  });
});
