/** Where the slider's stops sit along its track (fractions 0..1), and which stop a pointer position means. */

export type Spacing = 'even' | 'time';

export function stopFractions(times: readonly number[], spacing: Spacing): number[] {
  const n = times.length;
  if (n <= 1) return times.map(() => 0);
  const first = times[0] ?? 0;
  const span = (times[n - 1] ?? first) - first;
  if (spacing === 'time' && span > 0) return times.map((t) => (t - first) / span);
  return times.map((_, i) => i / (n - 1));
}

/** Index of the stop nearest to a fraction of the track (ties go to the earlier stop). */
export function nearestStop(fractions: readonly number[], at: number): number {
  let best = 0;
  let bestDistance = Infinity;
  fractions.forEach((f, i) => {
    const d = Math.abs(f - at);
    if (d < bestDistance) {
      best = i;
      bestDistance = d;
    }
  });
  return best;
}

/** The stop index a key press moves to, or null for keys the slider does not handle. */
export function stepFor(key: string, index: number, count: number): number | null {
  const last = count - 1;
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      return Math.max(0, index - 1);
    case 'ArrowRight':
    case 'ArrowUp':
      return Math.min(last, index + 1);
    case 'PageDown':
      return Math.max(0, index - 10);
    case 'PageUp':
      return Math.min(last, index + 10);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}
