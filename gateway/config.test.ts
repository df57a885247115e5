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
});
