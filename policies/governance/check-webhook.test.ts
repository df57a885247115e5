import { describe, expect, it } from 'vitest';
import { actor, outcome } from './harness.ts';
import { checkWebhookAdministration, checkWebhookUrl } from './check-webhook.ts';

const DEPARTMENTS = ['human-resources', 'civil-affairs', 'info-center'];

describe('check webhook', () => {
  it('art-21: when the department’s sharing administrator or the operator manages its webhook, then ok; anyone else, FORBIDDEN', () => {
    expect(outcome(checkWebhookAdministration(actor('human-resources', 'consumer', 'provider-admin'), 'human-resources', DEPARTMENTS))).toBe('ok');
    expect(outcome(checkWebhookAdministration(actor('info-center', 'platform-admin'), 'civil-affairs', DEPARTMENTS))).toBe('ok');
    expect(outcome(checkWebhookAdministration(actor('human-resources'), 'human-resources', DEPARTMENTS))).toMatch(/^FORBIDDEN: /);
    expect(outcome(checkWebhookAdministration(actor('civil-affairs', 'provider-admin'), 'human-resources', DEPARTMENTS))).toMatch(/^FORBIDDEN: /);
    expect(outcome(checkWebhookAdministration(actor('info-center', 'platform-admin'), 'health', DEPARTMENTS))).toBe(
      'BAD_USER_INPUT: Unknown department health',
    );
  });

  it('when the url is an intranet http(s) address, then ok; another scheme, credentials, a fragment or no absolute URL, then BAD_USER_INPUT', () => {
    const at = (url: string) => outcome(checkWebhookUrl(url));
    expect(at('http://10.20.30.40:8080/hooks')).toBe('ok');
    expect(at('https://oa.zhoucun.gov.cn/zhoucun/hooks?source=share')).toBe('ok');
    expect(at('http://[fd00::12]/hooks')).toBe('ok');
    expect(at('javascript:alert(1)')).toBe('BAD_USER_INPUT: url must be http or https, not javascript:');
    expect(at('ftp://10.0.0.1/x')).toBe('BAD_USER_INPUT: url must be http or https, not ftp:');
    expect(at('https://user:secret@10.0.0.1/x')).toBe('BAD_USER_INPUT: url must not carry credentials');
    expect(at('https://token@10.0.0.1/x')).toBe('BAD_USER_INPUT: url must not carry credentials');
    expect(at('https://10.0.0.1/x#frag')).toBe('BAD_USER_INPUT: url must not carry a fragment (#…): it is never sent');
    expect(at('/hooks')).toBe('BAD_USER_INPUT: url is not an absolute URL');
  });
});
