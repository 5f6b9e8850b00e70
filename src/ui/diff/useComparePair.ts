import { useCallback, useMemo, useState } from 'react';
import type { VersionInfo } from '../../protocol/dto';
import type { ComparePair } from './views';

export interface ComparePairState {
  /** Live versions, oldest first (what the From / To selects offer). */
  readonly live: readonly VersionInfo[];
  /** Null until the history has loaded. */
  readonly pair: ComparePair | null;
  readonly setFrom: (version: number) => void;
  readonly setTo: (version: number) => void;
}

/** The live version before `version` (the version itself when it is the first). */
export function previousLive(live: readonly VersionInfo[], version: number): number {
  return live.findLast((v) => v.version < version)?.version ?? version;
}

/**
 * Which two versions are compared. By default the previous live version against the one shown; choosing From or To
 * overrides that until the version shown moves (the slider, a history item, a chart bar), which starts over from the
 * default for the new version.
 */
export function useComparePair(versions: readonly VersionInfo[] | undefined, shown: number): ComparePairState {
  const live = useMemo(() => (versions ?? []).filter((v) => v.expiredAt === undefined).reverse(), [versions]);
  const [pick, setPick] = useState<(ComparePair & { readonly basis: number }) | null>(null);
  const isLive = (v: number) => live.some((l) => l.version === v);
  const pair: ComparePair | null =
    live.length === 0
      ? null
      : pick && pick.basis === shown && isLive(pick.from) && isLive(pick.to)
        ? { from: pick.from, to: pick.to }
        : { from: previousLive(live, shown), to: shown };
  const from = pair?.from ?? shown;
  const to = pair?.to ?? shown;
  const setFrom = useCallback((v: number) => setPick({ basis: shown, from: v, to }), [shown, to]);
  const setTo = useCallback((v: number) => setPick({ basis: shown, from, to: v }), [shown, from]);
  return { live, pair, setFrom, setTo };
}
