/**
 * A refusal names what it refuses, but no more of it than a reader takes in: the first few names,
 * each cut to a readable length, then how many more. However long the input, the message stays short.
 */

/** Names a refusal lists before it only counts the rest. */
export const LISTED_NAMES = 5;
/** Characters of one listed name; a longer name is cut with `…`. */
const NAME_LENGTH = 128;

/** `names` for a message: `a, b, c, d, e and 9995 more`. */
export function listSome(names: readonly string[]): string {
  const shown = names.slice(0, LISTED_NAMES).map((name) => (name.length > NAME_LENGTH ? `${name.slice(0, NAME_LENGTH)}…` : name));
  const rest = names.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}
