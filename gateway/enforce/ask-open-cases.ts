/**
 * Step 6, before shaping: where a grant is narrowed to the consumer's open cases (policies/open-case.ts),
 * ask the consumer department's own subgraph, once for the whole operation, which of the subjects the
 * executed operation returned it holds an open case for. The question goes through the same signed
 * data source as every subgraph call (the consumer's identity and purpose in the signature), so it is
 * counted in the operation's audit record like any call. Whatever goes wrong — no subgraph for the
 * department, an error, a timeout (the call is then cancelled), an answer that is not a list of citizen IDs — is no answer: every
 * record under such a condition is then withheld (fail closed).
 */
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { MAX_OPEN_CASE_SUBJECTS, OPEN_CASE_SUBJECT_KEY, openCasesField, readOpenCases } from '../../policies/open-case.ts';
import { isCitizenId } from '../../schema/scalars/citizen-id.ts';
import type { FetchFromSubgraph } from '../verify/answer-verification.ts';

/** How long the consumer's subgraph has to answer before its records count as unanswered. */
const OPEN_CASES_TIMEOUT_MS = 2_000;
/** Deeper than any operation the depth limit admits. */
const MAX_DEPTH = 64;

/** Citizen IDs the executed operation fetched for row decisions (`<prefix>_citizenId`), at most `MAX_OPEN_CASE_SUBJECTS`. */
export function subjectsForOpenCases(data: unknown, rowAliasPrefix: string): Set<string> {
  const key = `${rowAliasPrefix}_${OPEN_CASE_SUBJECT_KEY}`;
  const subjects = new Set<string>();
  const walk = (value: unknown, depth: number) => {
    if (depth > MAX_DEPTH || value === null || typeof value !== 'object' || subjects.size >= MAX_OPEN_CASE_SUBJECTS) return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, depth + 1);
      return;
    }
    for (const [field, item] of Object.entries(value)) {
      if (field === key) {
        if (typeof item === 'string' && isCitizenId(item) && subjects.size < MAX_OPEN_CASE_SUBJECTS) subjects.add(item);
      } else walk(item, depth + 1);
    }
  };
  walk(data, 0);
  return subjects;
}

/** The subjects `dept` holds an open case for, among `subjects`; `undefined` when its subgraph gave no usable answer. */
export async function askOpenCases(options: {
  rc: GatewayGraphQLRequestContext;
  fetch: FetchFromSubgraph | undefined;
  dept: string;
  subjects: ReadonlySet<string>;
  timeoutMs?: number;
}): Promise<ReadonlySet<string> | undefined> {
  const { rc, fetch, dept, subjects } = options;
  if (subjects.size === 0) return new Set();
  if (!fetch) return undefined;
  const field = openCasesField(dept);
  const request = { query: `query OpenCases($subjects: [CitizenId!]!) { ${field}(subjects: $subjects) }`, variables: { subjects: [...subjects] } };
  // Stopping waiting cancels the call too: a subgraph that hangs holds no connection of the gateway's for longer.
  const abandon = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => {
      abandon.abort();
      resolve(undefined);
    }, options.timeoutMs ?? OPEN_CASES_TIMEOUT_MS);
  });
  try {
    const answer = await Promise.race([fetch(rc, dept, request, abandon.signal).catch(() => undefined), timeout]);
    if (!answer || (answer.errors?.length ?? 0) > 0) return undefined;
    return readOpenCases((answer.data as Record<string, unknown> | null | undefined)?.[field], subjects);
  } finally {
    clearTimeout(timer);
  }
}
