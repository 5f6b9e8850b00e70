import type { CellText } from '../arrow';

/** A cell's text, or the grid's null chip (the same look as the row grid), or a placeholder while loading. */
export function CellValue({ text }: { text: CellText | undefined }) {
  if (text === undefined) return <span className="cell-placeholder" aria-hidden="true" />;
  if (text === null) return <span className="null-chip">null</span>;
  return <>{text}</>;
}
