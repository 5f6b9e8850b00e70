import type { Operation } from '../../protocol/dto';

/** Each operation's colour (a CSS custom property, defined once in styles.css) and what it means in a tooltip. */
export const OPERATION_STYLE: Record<Operation, { readonly color: string; readonly meaning: string }> = {
  create: { color: 'var(--op-create)', meaning: 'table created' },
  append: { color: 'var(--op-append)', meaning: 'rows appended' },
  overwrite: { color: 'var(--op-overwrite)', meaning: 'all rows replaced' },
  update: { color: 'var(--op-update)', meaning: 'rows restated' },
  delete: { color: 'var(--op-delete)', meaning: 'rows deleted' },
  restore: { color: 'var(--op-restore)', meaning: 'an earlier version restored' },
  compact: { color: 'var(--op-compact)', meaning: 'files compacted' },
};
