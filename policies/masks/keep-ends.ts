/**
 * Keep ends
 *
 * The partial form of an identifier: the first `head` and last `tail` characters stay, every one in
 * between becomes `*`, so the masked text keeps its length. A text too short to keep both ends and
 * still hide something is starred whole.
 */
export function keepEnds(text: string, head: number, tail: number): string {
  const characters = Array.from(text);
  if (characters.length <= head + tail) return '*'.repeat(characters.length);
  return [...characters.slice(0, head), '*'.repeat(characters.length - head - tail), ...characters.slice(characters.length - tail)].join('');
}
