/**
 * Mask: phone number, partial
 *
 * A phone number keeps its first three and last four characters: `13853301234` → `138****1234`.
 * Anything but a string is withheld (`null`).
 * Serves 周政发〔2018〕6号 art. 23.
 */
import { keepEnds } from './keep-ends.ts';

export function maskPhone(value: unknown): string | null {
  return typeof value === 'string' ? keepEnds(value, 3, 4) : null;
}
