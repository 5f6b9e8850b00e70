/** Formatting shared by every panel. Data values are UTC; commit times are shown in the user's time zone. */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD HH:MM:SS` of a UTC ms time, in UTC (how timestamp cells read). */
export function formatUtcTimestamp(ms: number): string {
  const d = new Date(ms);
  return `${formatUtcDate(ms)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `YYYY-MM-DD` of a UTC ms time, in UTC (how date cells read). */
export function formatUtcDate(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** `YYYY-MM-DD HH:MM:SS` in the user's time zone (commit times: what the "As of time" input speaks). */
export function formatLocalTime(ms: number): string {
  const d = new Date(ms);
  return (
    `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  );
}

/** The value of a `datetime-local` input with step=1 for a UTC ms time. */
export function toLocalInputValue(ms: number): string {
  return formatLocalTime(ms).replace(' ', 'T');
}

/**
 * The last ms of the second a `datetime-local` value names, in the user's time zone, or null. "As of 10:00:05" is
 * inclusive to the second, so a commit at 10:00:05.300 counts.
 */
export function parseLocalInputValue(value: string): number | null {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d))?/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const start = new Date(y, mo - 1, d, h, mi, Number.isNaN(s) ? 0 : s, 0).getTime();
  return Number.isNaN(start) ? null : start + (Number.isNaN(s) ? 59_999 : 999);
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

/** "3 minutes ago", "yesterday", "just now". */
export function formatRelative(ms: number, now = Date.now()): string {
  const diff = ms - now;
  for (const [unit, size] of UNITS) {
    if (Math.abs(diff) >= size) return relative.format(Math.round(diff / size), unit);
  }
  return 'just now';
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** 1536 → "1.5 KB" (powers of 1024, as storage quotas are reported). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits).replace(/\.?0+$/, '') || '0'} ${BYTE_UNITS[unit]}`;
}

export function formatCount(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? singular : plural}`;
}

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
