/** Routing inside the page: `#/catalog?apply=Resident.monthlyPension`, so the gateway serves one page only. */
import { useEffect, useState } from 'react';

export interface Route {
  path: string;
  params: URLSearchParams;
}

function read(): Route {
  const [path = '', query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  return { path, params: new URLSearchParams(query) };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const onChange = () => setRoute(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function go(path: string, params?: Record<string, string>): void {
  const query = params ? `?${new URLSearchParams(params).toString()}` : '';
  location.hash = `#/${path}${query}`;
}

/** The row a link pointed at (`?id=`, from 消息通知): marked as Ant Design marks a selected row. */
export function highlightRow(route: Route): (row: { id: string }) => string {
  const id = route.params.get('id');
  return (row) => (id !== null && row.id === id ? 'ant-table-row-selected' : '');
}
