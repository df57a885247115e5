/**
 * The API schema of a supergraph: what a client of the gateway sees (federation's join and link
 * machinery removed), printed in a stable order. The console's generated types are built from it.
 */
import { Supergraph } from '@apollo/federation-internals';
import { lexicographicSortSchema, printSchema } from 'graphql';

export function printApiSchema(supergraphSdl: string): string {
  return printSchema(lexicographicSortSchema(Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema()));
}
