/**
 * The most open way a consumer can reach each object type of a supergraph: a route of fields from a
 * root field down to a field returning the type (directly, in a list, or through an interface or union
 * it belongs to). A route is as open as its strictest field; of equally open routes the shortest is kept,
 * so that messages name the way a person would take.
 */
import { getNamedType, isAbstractType, isCompositeType, isObjectType, type GraphQLNamedType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import type { ShareCatalog, ShareType } from '../../policies/types.ts';

/** UNCONDITIONAL < CONDITIONAL < NONE: the higher, the more restrictive. */
export const SHARE_RANK: Readonly<Record<ShareType, number>> = { UNCONDITIONAL: 0, CONDITIONAL: 1, NONE: 2 };
export const SHARE_BY_RANK: readonly ShareType[] = ['UNCONDITIONAL', 'CONDITIONAL', 'NONE'];

export interface OpenRoute {
  /** Rank (`SHARE_RANK`) of the strictest field on the route; 0 for the root types themselves. */
  rank: number;
  /** `Type.field` coordinates from a root field to the field returning the type; empty for a root type. */
  fields: readonly string[];
}

/** The object types a value of `type` can be at run time. */
export function possibleObjectTypes(schema: GraphQLSchema, type: GraphQLNamedType): readonly GraphQLObjectType[] {
  if (isAbstractType(type)) return schema.getPossibleTypes(type);
  return isObjectType(type) ? [type] : [];
}

/** Object type name → its most open route; types no route reaches are absent. */
export function findOpenRoutes(schema: GraphQLSchema, catalog: ShareCatalog): ReadonlyMap<string, OpenRoute> {
  const routes = new Map<string, OpenRoute>();
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (root) routes.set(root.name, { rank: 0, fields: [] });
  }
  // Relax until nothing improves: every improvement lowers (rank, length), so this ends.
  let improved = true;
  while (improved) {
    improved = false;
    for (const [typeName, route] of [...routes]) {
      const type = schema.getType(typeName) as GraphQLObjectType;
      for (const field of Object.values(type.getFields())) {
        const coordinate = `${typeName}.${field.name}`;
        const share = catalog.get(coordinate);
        const named = getNamedType(field.type);
        // A field without share metadata is denied to everyone: no way through it.
        if (!share || !isCompositeType(named)) continue;
        const candidate: OpenRoute = { rank: Math.max(route.rank, SHARE_RANK[share.shareType]), fields: [...route.fields, coordinate] };
        for (const target of possibleObjectTypes(schema, named)) {
          const current = routes.get(target.name);
          if (current && (current.rank < candidate.rank || (current.rank === candidate.rank && current.fields.length <= candidate.fields.length))) continue;
          routes.set(target.name, candidate);
          improved = true;
        }
      }
    }
  }
  return routes;
}
