/**
 * Byte-level parsers for dates and timestamps, with calendar validation (an impossible date such as 2023-02-29 is
 * not a date). Failure is signalled by NaN, which no valid result can be.
 */

const DASH = 0x2d;
const COLON = 0x3a;
const DOT = 0x2e;
const PLUS = 0x2b;
const SPACE = 0x20;
const ZERO = 0x30;
const UPPER_T = 0x54;
const LOWER_T = 0x74;
const UPPER_Z = 0x5a;
const LOWER_Z = 0x7a;

export const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_MINUTE = 60_000;
/** Digits after the decimal point beyond the third are below a millisecond and truncated. */
const MILLIS_PER_FRACTION_DIGIT = [100, 10, 1] as const;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month]!;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Two ASCII digits at `at` as a number, or -1. The caller guarantees both bytes are inside the field. */
function twoDigits(bytes: Uint8Array, at: number): number {
  const tens = bytes[at]! - ZERO;
  const ones = bytes[at + 1]! - ZERO;
  if (tens < 0 || tens > 9 || ones < 0 || ones > 9) return -1;
  return tens * 10 + ones;
}

/** `YYYY-MM-DD` starting at `start` (10 bytes the caller guarantees) → days since epoch, or NaN. */
function readDate(bytes: Uint8Array, start: number): number {
  const century = twoDigits(bytes, start);
  const yearOfCentury = twoDigits(bytes, start + 2);
  if (century < 0 || yearOfCentury < 0) return NaN;
  if (bytes[start + 4] !== DASH || bytes[start + 7] !== DASH) return NaN;
  const year = century * 100 + yearOfCentury;
  const month = twoDigits(bytes, start + 5);
  const day = twoDigits(bytes, start + 8);
  if (month < 0 || day < 0) return NaN;
  // Consecutive rows mostly share a date: remember the last one instead of validating and converting again.
  const key = year * 10_000 + month * 100 + day;
  if (key === lastDateKey) return lastDateDays;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  lastDateKey = key;
  lastDateDays = daysFromCivil(year, month, day);
  return lastDateDays;
}

let lastDateKey = -1;
let lastDateDays = 0;

/** `YYYY-MM-DD` → days since 1970-01-01, or NaN. */
export function parseDateDays(bytes: Uint8Array, start: number, end: number): number {
  return end - start === 10 ? readDate(bytes, start) : NaN;
}

/**
 * A timestamp → milliseconds since the epoch (UTC), or NaN. Accepts `YYYY-MM-DD` followed by `T`, `t` or a space and
 * `HH:MM[:SS[.fraction]]`, then optionally `Z` or an offset `±HH:MM` / `±HHMM`; no offset means UTC. The fraction
 * may have 1–9 digits and is truncated to milliseconds. A bare `YYYY-MM-DD` is midnight UTC, so a column mixing dates
 * and timestamps reads as timestamps.
 */
export function parseTimestampMs(bytes: Uint8Array, start: number, end: number): number {
  if (end - start < 10) return NaN;
  const days = readDate(bytes, start);
  if (Number.isNaN(days)) return NaN;
  if (end - start === 10) return days * MS_PER_DAY;

  const separator = bytes[start + 10];
  if (separator !== UPPER_T && separator !== LOWER_T && separator !== SPACE) return NaN;
  let i = start + 11;
  if (end - i < 5 || bytes[i + 2] !== COLON) return NaN;
  const hour = twoDigits(bytes, i);
  const minute = twoDigits(bytes, i + 3);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return NaN;
  i += 5;

  let second = 0;
  let millis = 0;
  if (i < end && bytes[i] === COLON) {
    if (end - i < 3) return NaN;
    second = twoDigits(bytes, i + 1);
    if (second < 0 || second > 59) return NaN;
    i += 3;
    if (i < end && bytes[i] === DOT) {
      i++;
      const fractionStart = i;
      for (; i < end; i++) {
        const digit = bytes[i]! - ZERO;
        if (digit < 0 || digit > 9) break;
        const place = i - fractionStart;
        if (place < 3) millis += digit * MILLIS_PER_FRACTION_DIGIT[place]!;
      }
      const fractionDigits = i - fractionStart;
      if (fractionDigits === 0 || fractionDigits > 9) return NaN;
    }
  }

  let offsetMinutes = 0;
  if (i < end) {
    const marker = bytes[i]!;
    if (marker === UPPER_Z || marker === LOWER_Z) {
      i++;
    } else if (marker === PLUS || marker === DASH) {
      i++;
      if (end - i < 2) return NaN;
      const offsetHours = twoDigits(bytes, i);
      i += 2;
      if (i < end && bytes[i] === COLON) i++;
      if (end - i < 2) return NaN;
      const offsetMins = twoDigits(bytes, i);
      i += 2;
      if (offsetHours < 0 || offsetHours > 23 || offsetMins < 0 || offsetMins > 59) return NaN;
      offsetMinutes = (offsetHours * 60 + offsetMins) * (marker === DASH ? -1 : 1);
    } else {
      return NaN;
    }
  }
  if (i !== end) return NaN;
  return days * MS_PER_DAY + hour * MS_PER_HOUR + (minute - offsetMinutes) * MS_PER_MINUTE + second * 1000 + millis;
}
