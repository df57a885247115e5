/** The subgraphs a supergraph routes to, by name and URL (`@join__graph`). */
import { Kind, parse } from 'graphql';

export interface SubgraphEndpoint {
  name: string;
  url: string;
}

export function readSubgraphEndpoints(supergraphSdl: string): SubgraphEndpoint[] {
  const endpoints: SubgraphEndpoint[] = [];
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const graph = value.directives?.find((directive) => directive.name.value === 'join__graph');
      const argument = (name: string) => {
        const node = graph?.arguments?.find((a) => a.name.value === name)?.value;
        return node?.kind === Kind.STRING ? node.value : undefined;
      };
      const url = argument('url');
      if (url) endpoints.push({ name: argument('name') ?? value.name.value.toLowerCase(), url });
    }
  }
  return endpoints;
}
