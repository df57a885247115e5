/** Calendar date without time zone, `YYYY-MM-DD` (ISO 8601). */
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Why `value` is not a calendar date, or `undefined` when it is one. */
export function describeInvalidDate(value: unknown): string | undefined {
  const match = typeof value === 'string' ? SHAPE.exec(value) : null;
  if (!match) return `${JSON.stringify(value)} is not a date: expected YYYY-MM-DD`;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return `"${value as string}" is not a date on the calendar`;
  return undefined;
}

function parseDate(value: unknown): string {
  const problem = describeInvalidDate(value);
  if (problem) throw new GraphQLError(problem, { extensions: { code: 'BAD_USER_INPUT' } });
  return value as string;
}

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'Calendar date, YYYY-MM-DD',
  serialize: (value) => value,
  parseValue: parseDate,
  parseLiteral: (node: ValueNode) => parseDate(node.kind === Kind.STRING ? node.value : undefined),
});
