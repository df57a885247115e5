/**
 * Mask: date to the year
 *
 * A calendar date is cut to its year and answered as that year's first day (`1985-03-12` →
 * `1985-01-01`), so the value is still a valid `Date`. Anything that is not an ISO date is withheld.
 * Serves 周政发〔2018〕6号 art. 23.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

export function maskDateToYear(value: unknown): string | null {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  return match ? `${match[1]}-01-01` : null;
}
