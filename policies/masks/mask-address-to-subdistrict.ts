/**
 * Mask: address to the subdistrict
 *
 * An address is cut after its subdistrict or town (街道, 镇, 乡): `山东省淄博市周村区丝绸路街道正阳路128号`
 * → `山东省淄博市周村区丝绸路街道`. An address naming no subdistrict is cut after its county-level
 * division (区, 县); one naming neither is withheld (`null`).
 * Serves 周政发〔2018〕6号 art. 23.
 */
const SUBDISTRICT = /^.*?(?:区|县|市).*?(?:街道|镇|乡)/u;
const COUNTY = /^.*?(?:区|县)/u;

export function maskAddressToSubdistrict(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  return SUBDISTRICT.exec(value)?.[0] ?? COUNTY.exec(value)?.[0] ?? null;
}
