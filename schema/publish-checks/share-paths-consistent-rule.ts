/**
 * Share paths consistent
 *
 * A supergraph is only published if no field's restriction is hollow: when a field holding objects of
 * a type T is CONDITIONAL or NONE, every other way to reach T is at least as restrictive, or T's own
 * fields are. Otherwise a consumer without the grant takes the open way and reads what the restrictive
 * field holds behind its condition (say, a resident's certificates with the holder's ID and name,
 * looked up by number instead of through the resident).
 *
 * Precisely, for every object type T of the composed supergraph:
 * - a field holds T when its type, lists and non-null aside, is T, an interface T implements or a
 *   union T belongs to; fields of interfaces hold too;
 * - r is the strictest share type of the fields holding T (UNCONDITIONAL < CONDITIONAL < NONE);
 * - a way to T is a route of fields from a root field (Query, Mutation) to a field of an object type
 *   holding T; it is as open as its strictest field (`findOpenRoutes`);
 * - if a field holding T is reached by a way more open than r, every field of T more open than r is
 *   reachable that way: refused, naming that way and the restrictive fields.
 * T's `@key` fields are exempt: they only name the object (the consumer had to know them to ask), and
 * a base resource's are UNCONDITIONAL by art. 11(2). `_entities` is no way of its own: consumers cannot
 * call it, and the gateway asks it only for references under fields the consumer was authorised for.
 * Two ways of equal rank agree even when different grants open them: each grant is a provider's decision.
 * Each refusal is reported against the department of the open field, where the fix usually goes. Unlike the
 * per-subgraph rules this is no SDL visitor: the ways to a type only exist in the composed schema as a whole.
 * Serves art. 10 and 13: a share type and its condition bind on every way to the data.
 */
import { getNamedType, isCompositeType, isInterfaceType, isObjectType } from 'graphql';
import type { FieldShare } from '../../policies/types.ts';
import { findOpenRoutes, possibleObjectTypes, SHARE_BY_RANK, SHARE_RANK } from './find-open-routes.ts';
import type { SupergraphCheckContext } from './supergraph-check-context.ts';

const rank = (share: FieldShare) => SHARE_RANK[share.shareType];

/** Object type name → the fields (of objects and interfaces) holding it. */
function findHolders(context: SupergraphCheckContext): Map<string, FieldShare[]> {
  const holders = new Map<string, FieldShare[]>();
  for (const type of Object.values(context.schema.getTypeMap())) {
    if (!(isObjectType(type) || isInterfaceType(type)) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const share = context.catalog.get(`${type.name}.${field.name}`);
      const named = getNamedType(field.type);
      if (!share || !isCompositeType(named)) continue;
      for (const target of possibleObjectTypes(context.schema, named)) holders.set(target.name, [...(holders.get(target.name) ?? []), share]);
    }
  }
  return holders;
}

function listed(names: readonly string[]): string {
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

export function sharePathsConsistentRule(context: SupergraphCheckContext): void {
  const routes = findOpenRoutes(context.schema, context.catalog);
  for (const [typeName, holding] of findHolders(context)) {
    const strictest = Math.max(...holding.map(rank));
    if (strictest === 0) continue;
    const keys = context.keyFields(typeName);
    const type = context.schema.getType(typeName);
    const exposed = Object.keys(isObjectType(type) ? type.getFields() : {}).filter((name) => {
      const share = context.catalog.get(`${typeName}.${name}`);
      return share !== undefined && rank(share) < strictest && !keys.has(name);
    });
    if (exposed.length === 0) continue;
    const restrictive = holding.filter((share) => rank(share) === strictest).map((share) => share.coordinate);
    const strict = SHARE_BY_RANK[strictest]!;
    for (const path of holding) {
      // A field selected through an interface is as strict as its strictest implementation (can-read-field),
      // so the objects' own fields are always the more open ways.
      const parentRoute = isObjectType(context.schema.getType(path.typeName)) ? routes.get(path.typeName) : undefined;
      if (!parentRoute) continue;
      const openness = Math.max(parentRoute.rank, rank(path));
      if (openness >= strictest) continue;
      const way = [...parentRoute.fields, path.coordinate].join(' → ');
      const rest = exposed.slice(1);
      const others = rest.length === 0 ? '' : `; so ${rest.length > 1 ? 'are its fields' : 'is its field'} ${listed(rest)}`;
      context.report(
        path.provider,
        `${typeName}.${exposed[0]}`,
        `is reachable through ${way} (${SHARE_BY_RANK[openness]}) but ${listed(restrictive)}, which ${restrictive.length > 1 ? 'hold' : 'holds'} the same ${typeName}, ${restrictive.length > 1 ? 'are' : 'is'} ${strict}${others}: make ${path.coordinate} at least ${strict}, or ${rest.length > 0 ? 'those fields' : 'that field'} of ${typeName}`,
      );
    }
  }
}
