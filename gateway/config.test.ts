import { describe, expect, it } from 'vitest';
import { readGatewayConfig } from './config.ts';

describe('gateway configuration', () => {
  it('art-13: when GRANT_MAX_VALIDITY_DAYS is not set, then grants are valid for at most one year; when set, that many days', () => {
    expect(readGatewayConfig({}).grantMaxValidityDays).toBe(365);
    expect(readGatewayConfig({ GRANT_MAX_VALIDITY_DAYS: '90' }).grantMaxValidityDays).toBe(90);
  });

  it('art-13: when GRANT_MAX_VALIDITY_DAYS is not a number of days up to ten years, then the start stops naming it', () => {
    expect(() => readGatewayConfig({ GRANT_MAX_VALIDITY_DAYS: '0' })).toThrow(
      'Configuration error: GRANT_MAX_VALIDITY_DAYS must be a positive integer, got "0"',
    );
    expect(() => readGatewayConfig({ GRANT_MAX_VALIDITY_DAYS: 'forever' })).toThrow(
      'Configuration error: GRANT_MAX_VALIDITY_DAYS must be a positive integer, got "forever"',
    );
    expect(() => readGatewayConfig({ GRANT_MAX_VALIDITY_DAYS: '3654' })).toThrow(
      'Configuration error: GRANT_MAX_VALIDITY_DAYS must be at most 3653, got "3654"',
    );
  });

  it('when the notification settings are not set, then no automatic escalation, 10 attempts of at most 10 s, loopback refused; bad values stop the start', () => {
    expect(readGatewayConfig({}).notifications).toEqual({
      autoEscalateOverdue: false,
      sweepIntervalMs: 60_000,
      delivery: { maxAttempts: 10, timeoutMs: 10_000, retryBaseMs: 30_000, allowLoopback: false },
    });
    expect(readGatewayConfig({ AUTO_ESCALATE_OVERDUE: 'true', WEBHOOK_MAX_ATTEMPTS: '3' }).notifications).toMatchObject({
      autoEscalateOverdue: true,
      delivery: { maxAttempts: 3 },
    });
    expect(() => readGatewayConfig({ AUTO_ESCALATE_OVERDUE: 'yes' })).toThrow('Configuration error: AUTO_ESCALATE_OVERDUE must be true or false, got "yes"');
    expect(() => readGatewayConfig({ WEBHOOK_MAX_ATTEMPTS: '31' })).toThrow('Configuration error: WEBHOOK_MAX_ATTEMPTS must be at most 30, got "31"');
    expect(() => readGatewayConfig({ WEBHOOK_TIMEOUT_MS: '0' })).toThrow('Configuration error: WEBHOOK_TIMEOUT_MS must be a positive integer, got "0"');
  });
});
