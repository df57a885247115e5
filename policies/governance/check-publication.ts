/**
 * Check publication
 *
 * A subgraph is only published (or dry-run, or rolled back) by the sharing administrator of the
 * department it belongs to (provider-admin, listed in the registry) or by the platform operator,
 * for a registered department other than the operator itself (its governance subgraph ships with
 * the platform), at an http or https address without credentials in it, with a schema that is not
 * empty. Lengths and invisible characters are bounded before this rule (check-governance-arguments).
 * Serves art. 20 (departments provide their interfaces to the platform) and art. 21 (each
 * department's sharing administrator answers for them).
 */
import { PLATFORM_OPERATOR, type Consumer } from '../types.ts';
import { allow, deny, type Verdict } from './verdict.ts';

export interface Publication {
  /** The department code the subgraph belongs to. */
  name: string;
  /** The address given, or else the live version's; undefined when neither exists. */
  url: string | undefined;
  sdl: string;
}

/** Whether `actor` may publish `publication`; `departments` are the registered codes. */
export function checkPublication(actor: Consumer, publication: Publication, departments: readonly string[]): Verdict {
  const operator = actor.roles.includes('platform-admin');
  if (!operator && !(actor.roles.includes('provider-admin') && actor.dept === publication.name)) {
    return deny('FORBIDDEN', `Only a sharing administrator of ${publication.name} (provider-admin) or the platform operator publishes its subgraph (art. 21)`);
  }
  if (publication.name === PLATFORM_OPERATOR) return deny('BAD_USER_INPUT', `The ${PLATFORM_OPERATOR} subgraph ships with the platform and is not published`);
  if (!departments.includes(publication.name)) return deny('BAD_USER_INPUT', `Unknown department ${publication.name}: the operator registers it first`);
  if (!publication.sdl.trim()) return deny('BAD_USER_INPUT', 'sdl is empty: send the subgraph schema');
  if (publication.url === undefined) return deny('BAD_USER_INPUT', `url is required: ${publication.name} has no published subgraph yet`);
  let url: URL;
  try {
    url = new URL(publication.url);
  } catch {
    return deny('BAD_USER_INPUT', 'url is not an absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return deny('BAD_USER_INPUT', `url must be http or https, not ${url.protocol.slice(0, 16)}`);
  if (url.username || url.password) return deny('BAD_USER_INPUT', 'url must not carry credentials');
  return allow(true);
}
