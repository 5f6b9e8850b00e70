import { useEffect, useState, type RefObject } from 'react';

/**
 * The element's content width in CSS pixels, rounded down to `step` so a chart (and the worker's bucket count, which
 * follows the width) is not recomputed for every pixel of a window resize. 0 until measured.
 */
export function useWidth(ref: RefObject<HTMLElement | null>, step = 16): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.floor(el.clientWidth / step) * step);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, step]);
  return width;
}
