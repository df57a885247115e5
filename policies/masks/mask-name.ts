/**
 * Mask: name, partial
 *
 * A personal name keeps its first and last character, the ones between are starred: `王淑芬` → `王*芬`,
 * `欧阳娜娜` → `欧**娜`; a two-character name keeps its surname (`王芬` → `王*`), a single character is
 * starred. Characters are counted as code points, so no surrogate pair is cut in half.
 * Serves 周政发〔2018〕6号 art. 23.
 */
export function maskName(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const characters = Array.from(value);
  if (characters.length <= 1) return '*'.repeat(characters.length);
  if (characters.length === 2) return `${characters[0]}*`;
  return `${characters[0]}${'*'.repeat(characters.length - 2)}${characters[characters.length - 1]}`;
}
