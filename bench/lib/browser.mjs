/**
 * Debian's headless Chromium with a persistent profile on disk (Playwright's default context keeps OPFS in memory and
 * is about 8× slower: it would mislead), and a sampler of worker memory through the Chrome DevTools Protocol.
 */
import { chromium } from '@playwright/test';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The same flags as e2e/chromium.ts (see ../shared/platform.md).
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launch(profileDir) {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 800 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, version: context.browser()?.version() ?? null };
}

/**
 * Worker memory: Runtime.getHeapUsage on each worker target (usedSize = JS heap in use, backingStorageSize =
 * ArrayBuffer backing stores, where Arrow and CSV bytes live), polled while a workload runs; the peak is the largest
 * sum seen. Workers are reached by auto-attaching to the page's targets (non-flattened sessions: Playwright's
 * CDPSession addresses only its own target; Performance.getMetrics does not exist on worker targets in Chromium 156).
 * Sampling every ~20 ms can miss a peak shorter than that.
 */
export class WorkerMemory {
  workers = new Map();
  nextId = 1;
  pending = new Map();

  static async attach(context, page) {
    const m = new WorkerMemory();
    m.cdp = await context.newCDPSession(page);
    m.cdp.on('Target.attachedToTarget', (e) => {
      if (e.targetInfo.type === 'worker') m.workers.set(e.sessionId, e.targetInfo);
    });
    m.cdp.on('Target.detachedFromTarget', (e) => m.workers.delete(e.sessionId));
    m.cdp.on('Target.receivedMessageFromTarget', (e) => {
      const msg = JSON.parse(e.message);
      const done = m.pending.get(msg.id);
      if (done) {
        m.pending.delete(msg.id);
        done(msg);
      }
    });
    await m.cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    return m;
  }

  send(sessionId, method, params = {}) {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.cdp
        .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) })
        .catch((err) => {
          this.pending.delete(id);
          resolve({ error: String(err) });
        });
    });
  }

  /** The session of the worker whose name or URL matches (the app's engine worker is named "strata-engine"). */
  find(match) {
    for (const [sessionId, info] of this.workers) if (match.test(info.title) || match.test(info.url)) return sessionId;
    return null;
  }

  async usage(sessionId) {
    const r = await this.send(sessionId, 'Runtime.getHeapUsage');
    if (!r.result) return null;
    const { usedSize, backingStorageSize = 0 } = r.result;
    return { heap: usedSize, buffers: backingStorageSize, total: usedSize + backingStorageSize };
  }

  /**
   * Collects the matching worker's garbage (so the baseline is what the worker really holds), then samples it until
   * `stop()`, which resolves to { baseline, peak, samples } in bytes.
   */
  async sample(match, intervalMs = 20) {
    const sessionId = this.find(match);
    if (!sessionId) return { stop: async () => null };
    await this.send(sessionId, 'HeapProfiler.collectGarbage');
    const baseline = await this.usage(sessionId);
    let peak = baseline;
    let samples = 0;
    let running = true;
    const loop = (async () => {
      while (running) {
        const u = await this.usage(sessionId);
        if (u && (!peak || u.total > peak.total)) peak = u;
        samples++;
        await new Promise((r) => setTimeout(r, intervalMs));
      }
    })();
    return {
      stop: async () => {
        running = false;
        await loop;
        return { baseline, peak, samples };
      },
    };
  }
}
