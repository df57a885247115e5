/**
 * The Prometheus scrape endpoint of one process: `GET /metrics` on its own listener, never on a port
 * that serves consumers (a scrape tells how the platform is used; only the monitoring network reaches
 * it). Every other path and method is 404, and nothing but the registry is read.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

/** Where a process serves its metrics: `METRICS_HOST` / `METRICS_PORT` (see the configs). */
export interface MetricsListen {
  host: string;
  port: number;
}

export interface MetricsEndpoint {
  url: string;
  close(): Promise<void>;
}

export async function startMetricsEndpoint(registry: Registry, listen: MetricsListen): Promise<MetricsEndpoint> {
  const server: Server = createServer((request, response) => {
    // The exact path only: no query, no trailing slash, no other spelling.
    if ((request.method !== 'GET' && request.method !== 'HEAD') || request.url !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(request.method === 'HEAD' ? undefined : text),
      () => response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics unavailable\n'),
    );
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
