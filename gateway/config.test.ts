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

  it('when METRICS_PORT is not set, then metrics are served on 127.0.0.1:9464; 0 or off serves none; anything else stops the start', () => {
    expect(readGatewayConfig({}).metrics).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(readGatewayConfig({ METRICS_PORT: '9100', METRICS_HOST: '0.0.0.0' }).metrics).toEqual({ host: '0.0.0.0', port: 9100 });
    expect(readGatewayConfig({ METRICS_PORT: '0' }).metrics).toBeUndefined();
    expect(readGatewayConfig({ METRICS_PORT: 'off', SUBGRAPH_METRICS_PORT: 'off' })).toMatchObject({ metrics: undefined, subgraphMetrics: undefined });
    expect(() => readGatewayConfig({ METRICS_PORT: '9'.repeat(400) })).toThrow('Configuration error: METRICS_PORT must be a port number');
    expect(() => readGatewayConfig({ SUBGRAPH_METRICS_PORT: '-1' })).toThrow('Configuration error: SUBGRAPH_METRICS_PORT must be a port number');
  });

  it('when the subgraph timeout, breaker and drain settings are out of bounds, then the start stops naming them', () => {
    expect(readGatewayConfig({}).subgraphGuard).toEqual({ timeoutMs: 10_000, failures: 5, halfOpenAfterMs: 10_000 });
    expect(readGatewayConfig({}).drainGraceMs).toBe(5_000);
    expect(readGatewayConfig({ DRAIN_GRACE_MS: '0' }).drainGraceMs).toBe(0);
    expect(() => readGatewayConfig({ SUBGRAPH_TIMEOUT_MS: '0' })).toThrow('Configuration error: SUBGRAPH_TIMEOUT_MS must be a positive integer, got "0"');
    expect(() => readGatewayConfig({ SUBGRAPH_TIMEOUT_MS: '120001' })).toThrow('Configuration error: SUBGRAPH_TIMEOUT_MS must be at most 120000');
    expect(() => readGatewayConfig({ SUBGRAPH_BREAKER_FAILURES: '2.5' })).toThrow('Configuration error: SUBGRAPH_BREAKER_FAILURES must be a positive integer');
    expect(() => readGatewayConfig({ DRAIN_TIMEOUT_MS: 'forever' })).toThrow('Configuration error: DRAIN_TIMEOUT_MS must be a positive integer');
  });
});
