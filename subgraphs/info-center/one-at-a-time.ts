/**
 * Runs of a scheduler, one at a time in this process, each one whole: a run asked for while another
 * goes waits for it, and a failed run does not stop the ones after it (its caller is told).
 */
export interface OneAtATime {
  /** Runs `task` after every run asked for before it has ended; resolves or rejects as `task` does. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Resolves when every run asked for so far has ended (failed ones included). */
  idle(): Promise<void>;
}

export function oneAtATime(): OneAtATime {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    run(task) {
      const next = queue.then(task);
      queue = next.catch(() => undefined);
      return next;
    },
    idle: () => queue.then(() => undefined),
  };
}
