/**
 * The web console's build: served by the gateway at `/console/`; everything bundled, nothing from a
 * CDN, system fonts only. Charts (ECharts) are split into chunks loaded on demand.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  plugins: [react()],
  // Always the production build of React and Ant Design, also when the tests (NODE_ENV=test) build it.
  mode: 'production',
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000, reportCompressedSize: false },
});
