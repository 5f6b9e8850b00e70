/**
 * Builds what the benchmark serves, into bench/.build (ignored by git, ESLint and Prettier): the app with its own
 * vite.config.ts (the real app build; a separate outDir so that other work rebuilding dist/ cannot change it
 * mid-run) and the benchmark page with bench/vite.bench.config.ts. A build is skipped when nothing it depends on is
 * newer than its output (`--rebuild` forces it).
 */
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, loadConfigFromFile } from 'vite';

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let t = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'data' || entry.startsWith('.')) continue;
    t = Math.max(t, newest(join(path, entry)));
  }
  return t;
}

async function buildIfStale({ name, outDir, inputs, force, run, log }) {
  const stamp = join(outDir, '.built');
  const newestInput = Math.max(...inputs.filter(existsSync).map(newest));
  if (!force && existsSync(stamp) && statSync(stamp).mtimeMs > newestInput) {
    log(`build ${name}: up to date`);
    return { ok: true, skipped: true };
  }
  const t0 = performance.now();
  try {
    await run();
    writeFileSync(stamp, new Date().toISOString());
    log(`build ${name}: ${Math.round(performance.now() - t0)} ms`);
    return { ok: true, skipped: false };
  } catch (e) {
    log(`build ${name} FAILED: ${e instanceof Error ? e.message.split('\n')[0] : e}`);
    return { ok: false, error: String(e instanceof Error ? e.message : e) };
  }
}

export async function buildAll({ root, force, log }) {
  const out = join(root, 'bench/.build');
  const common = ['src', 'package.json', 'index.html', 'public'].map((p) => join(root, p));
  const app = await buildIfStale({
    name: 'app',
    outDir: join(out, 'app'),
    inputs: [...common, join(root, 'vite.config.ts')],
    force,
    log,
    run: () =>
      build({
        root,
        configFile: join(root, 'vite.config.ts'),
        logLevel: 'error',
        build: { outDir: join(out, 'app'), emptyOutDir: true, rolldownOptions: { checks: { bundlerTimings: false } } },
      }),
  });
  const page = await buildIfStale({
    name: 'bench page',
    outDir: join(out, 'page'),
    inputs: [
      ...common,
      join(root, 'bench/page'),
      join(root, 'bench/generate.mjs'),
      join(root, 'bench/vite.bench.config.ts'),
    ],
    force,
    log,
    run: () => build({ configFile: join(root, 'bench/vite.bench.config.ts'), logLevel: 'error' }),
  });
  const loaded = await loadConfigFromFile({ command: 'serve', mode: 'production' }, join(root, 'vite.config.ts'), root);
  const appHeaders = loaded?.config.preview?.headers ?? {};
  return { app, page, appDir: join(out, 'app'), pageDir: join(out, 'page'), appHeaders };
}
