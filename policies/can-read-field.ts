/**
 * Can read field
 *
 * A field selected on an interface is readable only if it is readable on the interface and on every
 * type implementing it: the runtime type is unknown before execution, so the strictest one decides.
 * Meta fields (`__typename`) and introspection types describe the schema, not resource data, and
 * are always readable.
 */
import { isInterfaceType, type GraphQLCompositeType, type GraphQLSchema } from 'graphql';
import type { ShareAbility } from './build-share-ability.ts';

export function canReadField(ability: ShareAbility, schema: GraphQLSchema, parentType: GraphQLCompositeType, fieldName: string): boolean {
  if (fieldName.startsWith('__') || parentType.name.startsWith('__')) return true;
  if (!ability.can('read', parentType.name, fieldName)) return false;
  if (!isInterfaceType(parentType)) return true;
  return schema.getPossibleTypes(parentType).every((type) => ability.can('read', type.name, fieldName));
}
