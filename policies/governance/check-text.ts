/**
 * Check text
 *
 * A governance text is only accepted if it fits its kind (`screenText`, the one rule for every text
 * a person chose): at most so many characters, and nothing a reader cannot see or the store cannot
 * hold — NUL and every other control character (prose keeps line breaks and tabs), format
 * characters such as bidirectional overrides and isolates or zero-width marks (they make a record
 * read otherwise than it is stored), line and paragraph separators, noncharacters and lone
 * surrogates. Serves art. 5(4) (security over the whole process) and art. 19: a decision's record
 * says exactly what was decided, and no input turns into a store failure.
 */
import { screenText, type TextFault, type TextShape } from '../screen-text.ts';
import { allow, deny, type Verdict } from './verdict.ts';
import { TEXT_KINDS } from './text-kinds.ts';

export { TEXT_KINDS };
// Each kind is a shape `screenText` reads.
TEXT_KINDS satisfies Record<string, TextShape>;

export type TextKind = keyof typeof TEXT_KINDS;

function wording(argument: string, fault: TextFault, shape: TextShape): string {
  switch (fault.fault) {
    case 'too-long':
      return `${argument} is too long: at most ${fault.maxLength} characters`;
    case 'separator':
      if (!shape.lineBreaks) return `${argument} must be a single line`;
      return `${argument} contains a line or paragraph separator (${fault.codePoint}); use a line break`;
    case 'lone-surrogate':
    case 'unseen':
      return `${argument} contains an invisible or control character (${fault.codePoint}); remove it`;
    case 'space':
      return `${argument} must not contain spaces`;
    case 'pattern':
      return `${argument} is not well-formed`;
  }
}

/** Whether `value` may be stored as the governance text `argument` of the given kind. */
export function checkText(argument: string, value: string, kind: TextKind): Verdict {
  const shape: TextShape = TEXT_KINDS[kind];
  const screening = screenText(value, shape);
  return screening.ok ? allow(true) : deny('BAD_USER_INPUT', wording(argument, screening, shape));
}
