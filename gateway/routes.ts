/**
 * The gateway's GraphQL route, named once: it is served in create-gateway.ts, and the hooks that act on
 * it alone (load shedding, request metrics, the edge's refusals) compare against this.
 */
export const GRAPHQL_ROUTE = '/graphql';
