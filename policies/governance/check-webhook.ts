/**
 * Check webhook
 *
 * A department's webhook is only registered, rotated, removed or its deliveries read by a sharing
 * administrator of that department (provider-admin, listed in the registry) or by the platform
 * operator, for a registered department; its address is an absolute http or https URL without
 * credentials (a password in a URL ends up in logs and in every reader's view of the registration)
 * and without a fragment. Addresses on the district's intranet (private ranges, intranet host names)
 * are allowed: that is where departments' systems are. Which network addresses a delivery may reach
 * is decided again when it connects (loopback, link-local, multicast and unspecified addresses are
 * refused there, after name resolution). Length and invisible characters are bounded before this
 * rule (check-governance-arguments: a `url` text, at most 2048 characters).
 * Serves art. 5(4) (security over the whole process) and art. 21 (the sharing administrator answers
 * for the department's connection to the platform).
 */
import type { Consumer } from '../types.ts';
import { allow, deny, type Verdict } from './verdict.ts';

/** Whether `actor` may administer the webhook of `department`; `departments` are the registered codes. */
export function checkWebhookAdministration(actor: Consumer, department: string, departments: readonly string[]): Verdict {
  const operator = actor.roles.includes('platform-admin');
  if (!operator && !(actor.roles.includes('provider-admin') && actor.dept === department)) {
    return deny('FORBIDDEN', `Only a sharing administrator of ${department} (provider-admin) or the platform operator manages its webhook (art. 21)`);
  }
  if (!departments.includes(department)) return deny('BAD_USER_INPUT', `Unknown department ${department}`);
  return allow(true);
}

/** Whether `url` may receive a department's notifications; the parsed URL when it may. */
export function checkWebhookUrl(url: string): Verdict<URL> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return deny('BAD_USER_INPUT', 'url is not an absolute URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return deny('BAD_USER_INPUT', `url must be http or https, not ${parsed.protocol.slice(0, 16)}`);
  if (parsed.username || parsed.password) return deny('BAD_USER_INPUT', 'url must not carry credentials');
  if (parsed.hash) return deny('BAD_USER_INPUT', 'url must not carry a fragment (#…): it is never sent');
  if (!parsed.hostname) return deny('BAD_USER_INPUT', 'url has no host');
  return allow(parsed);
}
