/**
 * Resolver-cache TTLs from the declared update cycles (周政发〔2018〕6号 art. 14): a cached answer
 * never outlives what the provider's cycle allows. Each cached query field takes the cycle of its own
 * `@share`, else of the type it returns; its TTL is the shorter of the department's own bound and the
 * cycle's (`cacheTtlForCycle`, capped). A REALTIME field, or one whose cycle is unknown, is not cached.
 */
import { Kind, parse, type FieldDefinitionNode, type TypeNode } from 'graphql';
import { cacheTtlForCycle } from '../../policies/freshness.ts';
import { findShareDirective, readShareArgs } from '../../schema/share-directive-args.ts';
import type { CachePolicy } from './department.ts';

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/** `Type.field` → declared update cycle, from a department's own type definitions. */
export function declaredCycles(typeDefs: string): Map<string, string> {
  const document = parse(typeDefs);
  const typeCycles = new Map<string, string>();
  const fields: [string, FieldDefinitionNode][] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION)
      continue;
    const typeShare = findShareDirective(definition.directives);
    const cycle = typeShare ? readShareArgs(typeShare).updateCycle : undefined;
    if (cycle) typeCycles.set(definition.name.value, cycle);
    for (const field of definition.fields ?? []) fields.push([definition.name.value, field]);
  }
  const cycles = new Map<string, string>();
  for (const [typeName, field] of fields) {
    const own = findShareDirective(field.directives);
    const cycle = (own ? readShareArgs(own).updateCycle : undefined) ?? typeCycles.get(namedType(field.type)) ?? typeCycles.get(typeName);
    if (cycle) cycles.set(`${typeName}.${field.name.value}`, cycle);
  }
  return cycles;
}

/** The department's cache policy with every TTL bounded by its field's cycle; fields that may not be cached left out. */
export function cachePolicyFromCycles(policy: CachePolicy, typeDefs: string, capSeconds: number): CachePolicy {
  const cycles = declaredCycles(typeDefs);
  const bounded: CachePolicy = {};
  for (const [typeName, fields] of Object.entries(policy)) {
    for (const [fieldName, entry] of Object.entries(fields)) {
      const ttl = Math.min(entry.ttl, cacheTtlForCycle(cycles.get(`${typeName}.${fieldName}`), capSeconds));
      if (ttl > 0) (bounded[typeName] ??= {})[fieldName] = { ...entry, ttl };
    }
  }
  return bounded;
}
