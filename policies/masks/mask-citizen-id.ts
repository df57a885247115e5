/**
 * Mask: citizen ID, partial
 *
 * A citizen ID keeps its administrative division code (the first six characters) and its last four;
 * the birth date and sequence in between are starred: `370306198503120122` → `370306********0122`.
 * Anything but a string is withheld (`null`).
 * Serves 周政发〔2018〕6号 art. 23: personal data shared no further than the purpose needs.
 */
import { keepEnds } from './keep-ends.ts';

export function maskCitizenId(value: unknown): string | null {
  return typeof value === 'string' ? keepEnds(value, 6, 4) : null;
}
