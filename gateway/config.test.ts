import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { requireShippedProfile } from '../policies/regulation-profiles.ts';
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

  it('when REGULATION_PROFILE is not set, then zhoucun-2018 governs; when it names provincial-two-step, then that one', () => {
    expect(readGatewayConfig({}).regulationProfile.name).toBe('zhoucun-2018');
    expect(readGatewayConfig({ REGULATION_PROFILE: 'provincial-two-step' }).regulationProfile.name).toBe('provincial-two-step');
  });

  it("art-13: when GRANT_MAX_VALIDITY_DAYS is not set, then the profile's longest validity is the default", () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhoucun-profile-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'short.json');
    writeFileSync(path, JSON.stringify({ ...requireShippedProfile('zhoucun-2018'), name: 'short', grantValidity: { defaultDays: 90, maxDays: 180 } }));
    expect(readGatewayConfig({ REGULATION_PROFILE: path }).grantMaxValidityDays).toBe(180);
    expect(readGatewayConfig({ REGULATION_PROFILE: path, GRANT_MAX_VALIDITY_DAYS: '30' }).grantMaxValidityDays).toBe(30);
  });

  it('when REGULATION_PROFILE names no shipped profile, or a document that is missing, not JSON or not a valid profile, then the start stops naming the variable and the problem', () => {
    expect(() => readGatewayConfig({ REGULATION_PROFILE: 'zhoucun-2019' })).toThrow(
      'Configuration error: REGULATION_PROFILE "zhoucun-2019" is not a usable regulation profile: no profile "zhoucun-2019": the platform ships zhoucun-2018, provincial-two-step',
    );
    const dir = mkdtempSync(join(tmpdir(), 'zhoucun-profile-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    expect(() => readGatewayConfig({ REGULATION_PROFILE: join(dir, 'missing.json') })).toThrow(/REGULATION_PROFILE .* cannot read .*missing.json: ENOENT/);
    writeFileSync(join(dir, 'broken.json'), '{ "name": ');
    expect(() => readGatewayConfig({ REGULATION_PROFILE: join(dir, 'broken.json') })).toThrow(/REGULATION_PROFILE .* is not JSON/);
    writeFileSync(join(dir, 'invalid.json'), JSON.stringify({ ...requireShippedProfile('zhoucun-2018'), name: 'invalid', disputes: { answerWorkingDays: 0 } }));
    expect(() => readGatewayConfig({ REGULATION_PROFILE: join(dir, 'invalid.json') })).toThrow(/REGULATION_PROFILE .* disputes\.answerWorkingDays: Too small/);
    writeFileSync(join(dir, 'huge.json'), `{"name":"huge","title":"${'x'.repeat(70_000)}"}`);
    expect(() => readGatewayConfig({ REGULATION_PROFILE: join(dir, 'huge.json') })).toThrow(/larger than 65536 bytes/);
  });
});
