/**
 * The one way a key scalar (citizen ID, credit code, date) is made: every value, given inline or
 * as a variable, passes the scalar's check or is refused as BAD_USER_INPUT with the check's words;
 * a literal of another kind (a number, a list) is checked as no value at all. Subgraphs check the
 * keys of `_entities` representations, which no scalar sees, with the same `parseValue`.
 */
import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { shareError } from '../../platform/errors.ts';

export interface KeyScalarDefinition {
  name: string;
  description: string;
  /** Why `value` is not one, in words a person acts on; `undefined` when it is one. */
  describeInvalid: (value: unknown) => string | undefined;
}

/** A string scalar whose `parseValue` and `parseLiteral` return the value when `describeInvalid` finds nothing, and throw BAD_USER_INPUT otherwise; serialization is the identity. */
export function createKeyScalar({ name, description, describeInvalid }: KeyScalarDefinition): GraphQLScalarType<string, string> {
  const parse = (value: unknown): string => {
    const problem = describeInvalid(value);
    if (problem !== undefined) throw shareError('BAD_USER_INPUT', { message: problem });
    return value as string;
  };
  return new GraphQLScalarType<string, string>({
    name,
    description,
    serialize: (value) => value as string,
    parseValue: parse,
    parseLiteral: (node: ValueNode) => parse(node.kind === Kind.STRING ? node.value : undefined),
  });
}
