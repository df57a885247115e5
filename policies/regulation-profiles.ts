/**
 * The regulation profiles the platform ships (`policies/profiles/*.json`), read through the profile
 * schema; `zhoucun-2018` unless `REGULATION_PROFILE` names another. Pure: the documents are modules,
 * so the rules' tests and the console read them as the gateway does.
 */
import provincialTwoStep from './profiles/provincial-two-step.json' with { type: 'json' };
import zhoucun2018 from './profiles/zhoucun-2018.json' with { type: 'json' };
import { readRegulationProfile, type ProfileReading, type RegulationProfile } from './regulation-profile.ts';

/** The profile of 周政发〔2018〕6号 art. 13 as it reads. */
export const DEFAULT_REGULATION_PROFILE = 'zhoucun-2018';

const SHIPPED: Readonly<Record<string, unknown>> = { 'zhoucun-2018': zhoucun2018, 'provincial-two-step': provincialTwoStep };

export const SHIPPED_PROFILE_NAMES: readonly string[] = Object.keys(SHIPPED);

/** A shipped profile by name, read through the schema; an unknown name is a problem like any other. */
export function shippedProfile(name: string): ProfileReading {
  if (!Object.hasOwn(SHIPPED, name)) return { ok: false, problems: [`no profile "${name}": the platform ships ${SHIPPED_PROFILE_NAMES.join(', ')}`] };
  return readRegulationProfile(name, SHIPPED[name]);
}

/** A shipped profile that must exist (tests, the console's defaults); throws naming its problems otherwise. */
export function requireShippedProfile(name: string): RegulationProfile {
  const reading = shippedProfile(name);
  if (!reading.ok) throw new Error(`Regulation profile ${name}: ${reading.problems.join('; ')}`);
  return reading.profile;
}
