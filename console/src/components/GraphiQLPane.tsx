/**
 * GraphiQL, bundled (the `graphiql` package and its Monaco editor, with Monaco's workers built by
 * Vite into the console's own files): nothing comes from a CDN, no web font is fetched. Loaded on
 * demand as a chunk of its own; the page gives it the fetcher that adds the token and declared use.
 */
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import type { ComponentProps } from 'react';
import { GraphiQL } from 'graphiql';

export interface GraphiQLPaneProps {
  fetcher: ComponentProps<typeof GraphiQL>['fetcher'];
  defaultQuery: string;
}

export default function GraphiQLPane({ fetcher, defaultQuery }: GraphiQLPaneProps) {
  return (
    <div style={{ height: 560, border: '1px solid #f0f0f0' }}>
      <GraphiQL fetcher={fetcher} defaultQuery={defaultQuery} isHeadersEditorEnabled={false} shouldPersistHeaders={false} forcedTheme="light" />
    </div>
  );
}
