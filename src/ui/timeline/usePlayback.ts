import { useEffect, useState } from 'react';

const STEP_MS = 700;

/**
 * Steps through the stops one at a time until the last; starting from the last stop starts over from the first.
 * Returns whether it is playing and a toggle.
 */
export function usePlayback(stops: readonly number[], shown: number, onShow: (version: number) => void) {
  const [playing, setPlaying] = useState(false);
  const index = stops.indexOf(shown);
  const atEnd = index === stops.length - 1;

  useEffect(() => {
    if (!playing) return;
    if (atEnd) {
      setPlaying(false);
      return;
    }
    const timer = setTimeout(() => {
      const next = stops[index + 1];
      if (next !== undefined) onShow(next);
    }, STEP_MS);
    return () => clearTimeout(timer);
  }, [playing, atEnd, index, stops, onShow]);

  const toggle = () => {
    if (playing) return setPlaying(false);
    if (stops.length < 2) return;
    if (atEnd && stops[0] !== undefined) onShow(stops[0]);
    setPlaying(true);
  };
  return { playing: playing && !atEnd, toggle };
}
