/**
 * Mask: amount to a band
 *
 * An amount is answered as the lower bound of its band, the band being its leading digit's place:
 * `2860.5` → `2000`, `123456` → `100000`, `-2860.5` → `-2000` (towards zero). The result is a number of
 * the same kind (an integer stays an integer). Anything but a finite number is withheld.
 * Serves 周政发〔2018〕6号 art. 23.
 */
export function maskAmount(value: unknown): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  if (value === 0) return 0;
  const magnitude = Math.abs(value);
  const band = 10 ** Math.floor(Math.log10(magnitude));
  // Division first: a band below 1 (0.1, 0.01) is not exact in binary, multiplying back rounds it.
  const banded = band >= 1 ? Math.floor(magnitude / band) * band : Math.floor(magnitude / band) / Math.round(1 / band);
  return Math.sign(value) * banded;
}
