/**
 * Workload 4: slider steps through the real app (its own build, same origin and store as the benchmark page): the
 * time from the key press on the "Version" slider to the grid showing the new version: the slider's aria-valuenow is
 * the target, the grid's aria-rowcount is that version's rows + 1, it is not aria-busy, and its first data row holds
 * that version's marker. Measured in the page: keydown (capture) to the DOM mutation that completes the picture.
 * Cold: the first step after a reload (only the head has been read). Warm: the steps that follow.
 * Uses roles and accessible names only (the UI is being rebuilt).
 */
import { metric } from '../lib/metrics.mjs';
import { ensureTimeline, TIMELINE } from './timeline.mjs';

export const title = 'Slider steps through the UI';

/** Installs a watcher for the next keydown and the grid state it should lead to; `window.__step` resolves to ms. */
function watchStep({ version, rows, mark, tableName }) {
  const shows = () => {
    const slider = document.querySelector('[role="slider"][aria-label="Version"]');
    const grid = [...document.querySelectorAll('[role="grid"]')].find(
      (g) => g.getAttribute('aria-label') === tableName,
    );
    if (!slider || !grid || slider.getAttribute('aria-valuenow') !== String(version)) return false;
    if (grid.getAttribute('aria-rowcount') !== String(rows + 1) || grid.getAttribute('aria-busy') === 'true')
      return false;
    const first = grid.querySelector('[role="row"][aria-rowindex="2"]');
    return Boolean(first?.textContent?.includes(mark));
  };
  window.__step = new Promise((resolve, reject) => {
    let t0;
    const observer = new MutationObserver(() => {
      if (t0 !== undefined && shows()) finish();
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`v${version} not shown within 20 s`));
    }, 20_000);
    function finish() {
      const ms = performance.now() - t0;
      observer.disconnect();
      clearTimeout(timer);
      resolve(ms);
    }
    document.addEventListener(
      'keydown',
      () => {
        t0 = performance.now();
        if (shows()) finish();
      },
      { capture: true, once: true },
    );
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

async function step(ctx, key, version, expected) {
  const e = expected[version];
  await ctx.page.evaluate(watchStep, { version, rows: e.rows, mark: e.mark, tableName: TIMELINE });
  await ctx.page.keyboard.press(key);
  return ctx.page.evaluate(() => window.__step);
}

/** Opens the app on the timeline table at its head, with the slider focused; false when the UI has no slider. */
async function openAtHead(ctx, expected) {
  await ctx.openApp();
  const button = ctx.page.getByRole('list', { name: 'Tables' }).getByRole('button', { name: TIMELINE, exact: true });
  await button.waitFor({ timeout: 20_000 });
  if ((await button.getAttribute('aria-current')) !== 'true') await button.click();
  const slider = ctx.page.getByRole('slider', { name: 'Version' });
  try {
    await slider.waitFor({ timeout: 20_000 });
  } catch {
    return false;
  }
  const head = expected.length - 1;
  const grid = ctx.page.getByRole('grid', { name: TIMELINE, exact: true });
  await grid.waitFor({ timeout: 20_000 });
  await ctx.page.waitForFunction(
    ({ head, rows }) =>
      document.querySelector('[role="slider"][aria-label="Version"]')?.getAttribute('aria-valuenow') === String(head) &&
      document.querySelector('[role="grid"]')?.getAttribute('aria-rowcount') === String(rows + 1),
    { head, rows: expected[head].rows },
    { timeout: 20_000 },
  );
  await slider.focus();
  return true;
}

export async function run(ctx) {
  const { expected, versions } = await ensureTimeline(ctx);
  const { coldRuns, warmSteps } = ctx.sizes.timeline;
  if (!ctx.appBuilt) return { skipped: 'the app build failed, so there is no UI to drive' };
  const cold = [];
  for (let i = 0; i < coldRuns; i++) {
    if (!(await openAtHead(ctx, expected))) return { skipped: 'the app shows no slider named "Version" yet' };
    cold.push(await step(ctx, 'ArrowLeft', versions - 2, expected));
  }
  const warm = [];
  let at = versions - 2;
  let dir = -1;
  for (let i = 0; i < warmSteps; i++) {
    if (at + dir < 0 || at + dir >= versions) dir = -dir;
    at += dir;
    warm.push(await step(ctx, dir < 0 ? 'ArrowLeft' : 'ArrowRight', at, expected));
  }
  await ctx.openBench();
  const where = `${ctx.sizes.timeline.rows.toLocaleString('en-US')} rows × ${versions} versions`;
  return {
    details: { cold, warm },
    metrics: [
      metric({
        workload: 4,
        label: `slider step, warm: p50 (${where})`,
        unit: 'ms',
        values: warm,
        target: '≤ 50 ms (issue 5)',
        meets: (m) => m <= 50,
      }),
      metric({
        workload: 4,
        label: 'slider step, warm: p95',
        unit: 'ms',
        values: warm,
        stat: 'p95',
        target: '≤ 50 ms (issue 5)',
        meets: (m) => m <= 50,
      }),
      metric({
        workload: 4,
        label: 'slider step, cold (first step after reload): p50',
        unit: 'ms',
        values: cold,
        target: '≤ 150 ms (issue 5)',
        meets: (m) => m <= 150,
      }),
    ],
  };
}
