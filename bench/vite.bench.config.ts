/**
 * The benchmark page: a separate build that drives the app's real worker (src/client → src/worker) over real OPFS and
 * IndexedDB without the UI, plus DuckDB-WASM and daff for comparison. Built into bench/.build/page (ignored by
 * git, ESLint and Prettier) and served under /bench/ on the same origin as the app build, so both see one store.
 */
import { fileURLToPath } from 'node:url';
import { createLogger, defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// daff's Node-only code paths and generate.mjs's CLI import Node modules that the page never reaches.
const logger = createLogger('warn');
const quiet = (msg: string) => msg.includes('externalized for browser compatibility');
const { warn, warnOnce } = logger;
logger.warn = (msg, opts) => void (quiet(msg) || warn(msg, opts));
logger.warnOnce = (msg, opts) => void (quiet(msg) || warnOnce(msg, opts));

export default defineConfig({
  customLogger: logger,
  root: here('./page'),
  base: '/bench/',
  worker: { format: 'es' },
  build: {
    outDir: here('./.build/page'),
    emptyOutDir: true,
    target: 'es2022',
    // DuckDB's wasm and worker must stay files (they are fetched by URL), never inlined.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 4096,
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
});
