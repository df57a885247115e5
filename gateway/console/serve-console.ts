/**
 * The web console at `/console/`, same origin as `/graphql`: the files of its built bundle, read once
 * at start into memory and served by exact path only (there is no file-system lookup per request, so
 * no path can reach outside the bundle). `/` and `/console` redirect to `/console/`; the console routes
 * inside the page (`/console/#/catalog`), so any other path stays ROUTE_NOT_FOUND. The console holds
 * no privileges: it calls the public GraphQL API with the token of whoever signed in.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Same-origin only: scripts, workers (the explorer's editor) and connections to this gateway; Ant
 * Design injects its styles at run time; the explorer's icon fonts are bundled, some inline (data:).
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

interface Asset {
  body: Buffer;
  type: string;
  /** Hashed file names never change content: cached for a year; index.html is revalidated. */
  immutable: boolean;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/** The bundle's files by URL path (`/console/`, `/console/assets/index-abc123.js`); empty when the directory has no index.html. */
function readConsoleBundle(dir: string): ReadonlyMap<string, Asset> {
  const assets = new Map<string, Asset>();
  if (!existsSync(join(dir, 'index.html'))) return assets;
  for (const file of listFiles(dir)) {
    const type = TYPES[extname(file)];
    if (!type) continue;
    const path = relative(dir, file).split(sep).join('/');
    const url = path === 'index.html' ? '/console/' : `/console/${path}`;
    assets.set(url, { body: readFileSync(file), type, immutable: path.startsWith('assets/') });
  }
  return assets;
}

/** Registers the console's routes; without a bundle, `/console/` says how to build it (503). */
export function registerConsole(app: FastifyInstance, bundleDir: string): void {
  const assets = readConsoleBundle(bundleDir);
  app.get('/', (_request, reply) => reply.redirect('/console/', 302));
  app.get('/console', (_request, reply) => reply.redirect('/console/', 301));
  for (const [url, asset] of assets) {
    app.get(url, (_request, reply) =>
      reply
        .header('content-type', asset.type)
        .header('cache-control', asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'no-referrer')
        .header('content-security-policy', CONTENT_SECURITY_POLICY)
        .send(asset.body),
    );
  }
  if (!assets.has('/console/')) {
    app.get('/console/', (_request, reply) =>
      reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The console is not built: run `npm run console:build` (npm start builds it when it is missing or older than its sources).\n'),
    );
  }
}
