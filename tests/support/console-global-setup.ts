/** Builds the web console once per test run when it is missing or older than its sources (as `npm start` does). */
import { ensureConsoleBuilt } from '../../scripts/console-bundle.ts';

export default async function setup(): Promise<void> {
  await ensureConsoleBuilt();
}
