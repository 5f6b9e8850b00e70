import { useState, type KeyboardEvent } from 'react';

/**
 * Keyboard use of the grid without a tab stop per row: the grid is one tab stop; arrows, Page Up/Down and Home/End
 * move an active row (announced through aria-activedescendant), Space ticks it.
 */
export function useGridKeys(opts: {
  rows: number;
  pageRows: number;
  scrollTo: (index: number) => void;
  toggle: (index: number) => void;
}) {
  const { rows, pageRows, scrollTo, toggle } = opts;
  const [active, setActive] = useState<number | null>(null);
  const current = active === null ? null : Math.min(active, rows - 1);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.target !== e.currentTarget || rows === 0) return;
    const from = current ?? -1;
    let next: number | null = null;
    if (e.key === 'ArrowDown') next = from + 1;
    else if (e.key === 'ArrowUp') next = from - 1;
    else if (e.key === 'PageDown') next = from + pageRows;
    else if (e.key === 'PageUp') next = from - pageRows;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = rows - 1;
    else if (e.key === ' ' && current !== null) {
      e.preventDefault();
      toggle(current);
      return;
    }
    if (next === null) return;
    e.preventDefault();
    const clamped = Math.max(0, Math.min(rows - 1, next));
    setActive(clamped);
    scrollTo(clamped);
  };
  return { active: current, onKeyDown };
}
