import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The Content-Security-Policy the app is deployed with (docs/deployment in README). No 'unsafe-eval': Arrow vectors
 * are built with makeData, never with vectorFromArray's generated code.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  // Worker-only dependencies are discovered late and would reload the page mid-test.
  optimizeDeps: {
    include: [
      'apache-arrow',
      'comlink',
      'idb',
      'react',
      'react-dom',
      'react-dom/client',
      'fflate',
      'hyparquet',
      'hyparquet-writer',
    ],
  },
  build: { target: 'es2022', sourcemap: true },
  preview: { port: 4173, strictPort: true, headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
  server: { port: 5173 },
});
