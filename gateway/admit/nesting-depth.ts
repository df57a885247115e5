/**
 * How deeply brackets nest in an operation's text, read before parsing. graphql-js parses
 * recursively: a few thousand nested `{a{a{…` or `[[[…` overflow the stack inside the parser or in
 * validation rules long before any token limit. Counting `{`, `[` and `(` outside strings and
 * comments takes one scan of the text, and refusing deep nesting here keeps every later pass shallow.
 */

/** Deepest bracket nesting in `source`; stops counting once past `stopAbove`. */
export function nestingDepth(source: string, stopAbove = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < source.length; i++) {
    const char = source.charCodeAt(i);
    if (char === 0x23 /* # */) {
      while (i < source.length && source.charCodeAt(i) !== 0x0a && source.charCodeAt(i) !== 0x0d) i++;
    } else if (char === 0x22 /* " */) {
      if (source.startsWith('"""', i)) {
        let from = i + 3;
        for (;;) {
          const end = source.indexOf('"""', from);
          if (end === -1) return deepest; // unterminated: the parser refuses it
          if (source.charCodeAt(end - 1) === 0x5c /* \""" */) {
            from = end + 3;
            continue;
          }
          i = end + 2;
          break;
        }
      } else {
        for (i++; i < source.length; i++) {
          const c = source.charCodeAt(i);
          if (c === 0x5c) i++;
          else if (c === 0x22 || c === 0x0a || c === 0x0d) break;
        }
      }
    } else if (char === 0x7b || char === 0x5b || char === 0x28) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > stopAbove) return deepest;
      }
    } else if (char === 0x7d || char === 0x5d || char === 0x29) {
      depth = Math.max(0, depth - 1);
    }
  }
  return deepest;
}
