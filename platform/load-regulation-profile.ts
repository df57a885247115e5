/**
 * The regulation profile a process runs by (`REGULATION_PROFILE`): a shipped profile by name, or a
 * district's own profile document given as a path ending in `.json`. Whatever cannot be read, parsed
 * or passed through the profile schema stops the start with what is wrong: no deadline is ever
 * counted on a guess.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_REGULATION_PROFILE, shippedProfile } from '../policies/regulation-profiles.ts';
import { readRegulationProfile, type ProfileReading } from '../policies/regulation-profile.ts';

/** The largest profile document read from a file: a profile is a page of settings, not a data set. */
const MAX_PROFILE_BYTES = 64 * 1024;

function readProfileFile(path: string): ProfileReading {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { ok: false, problems: [`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`] };
  }
  if (Buffer.byteLength(text) > MAX_PROFILE_BYTES) return { ok: false, problems: [`${path} is larger than ${MAX_PROFILE_BYTES} bytes`] };
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`${path} is not JSON: ${(error as Error).message}`] };
  }
  const name = typeof document === 'object' && document !== null && 'name' in document ? String(document.name) : '';
  return readRegulationProfile(name, document);
}

/** The profile `setting` names (default `zhoucun-2018`), or every problem that keeps it from being used. */
export function loadRegulationProfile(setting: string | undefined): ProfileReading {
  const chosen = setting?.trim() || DEFAULT_REGULATION_PROFILE;
  return chosen.endsWith('.json') ? readProfileFile(chosen) : shippedProfile(chosen);
}
