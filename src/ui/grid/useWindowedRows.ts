import { useVirtualizer } from '@tanstack/react-virtual';
import type { RefObject } from 'react';
import { WINDOW_ROWS } from './window-cache';

export const ROW_HEIGHT = 32;

/**
 * Row virtualization shared by the data grid and the diff grid: only visible rows are rendered, and `onSpan` asks
 * for whole windows of WINDOW_ROWS a little beyond the viewport, so steady scrolling rarely waits for the worker.
 */
export function useWindowedRows(
  count: number,
  scrollRef: RefObject<HTMLDivElement | null>,
  onSpan: (first: number, last: number) => void,
) {
  return useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    onChange: (instance) => {
      const range = instance.range;
      if (!range) return;
      const first = Math.max(0, Math.floor((range.startIndex - 50) / WINDOW_ROWS) * WINDOW_ROWS);
      const last = (Math.floor((range.endIndex + 50) / WINDOW_ROWS) + 1) * WINDOW_ROWS - 1;
      onSpan(first, last);
    },
  });
}
