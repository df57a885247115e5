import { describe, expect, it } from 'vitest';
import { oneAtATime } from './one-at-a-time.ts';

describe('one run at a time', () => {
  it('when runs are asked for at once, then each starts after the one before has ended, a failure included, and idle waits for all', async () => {
    const runs = oneAtATime();
    const log: string[] = [];
    const step =
      (name: string, fail = false) =>
      async () => {
        log.push(`start ${name}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        log.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      };
    const first = runs.run(step('a'));
    const second = runs.run(step('b', true));
    const third = runs.run(step('c'));
    await runs.idle();
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    await expect(first).resolves.toBe('a');
    await expect(second).rejects.toThrow('b');
    await expect(third).resolves.toBe('c');
  });
});
