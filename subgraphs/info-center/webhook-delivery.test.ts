import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { refusedAddress, signWebhookBody } from './webhook-delivery.ts';

describe('webhook delivery', () => {
  it('when a delivery connects, then intranet and public addresses are reachable; loopback only when allowed; link-local, multicast and unspecified never', () => {
    for (const address of ['10.1.2.3', '172.16.0.9', '192.168.1.20', '100.64.0.1', '8.8.8.8', 'fd00::12', '2001:db8::1']) {
      expect(refusedAddress(address, false)).toBeUndefined();
    }
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) {
      expect(refusedAddress(address, false)).toMatch(/loopback/);
      expect(refusedAddress(address, true)).toBeUndefined();
    }
    for (const address of ['169.254.169.254', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::', 'fe80::1', 'ff02::1', '::ffff:169.254.169.254']) {
      expect(refusedAddress(address, true)).toMatch(/unspecified, link-local, multicast or reserved/);
    }
  });

  it('when a body is signed, then the signature is the HMAC-SHA256 of "<timestamp>.<body>" with the secret, as a receiver recomputes it', () => {
    const body = '{"id":"e1"}';
    const expected = createHmac('sha256', 'whsec_test').update(`1764201600.${body}`).digest('hex');
    expect(signWebhookBody('whsec_test', 1764201600, body)).toBe(`v1=${expected}`);
  });
});
