import { CHANGE_KINDS, type ChangeKind } from '../../protocol/dto';

const KIND_LABELS: Record<ChangeKind, string> = { added: 'Added', removed: 'Removed', changed: 'Changed' };

export interface DiffFiltersProps {
  readonly kinds: ReadonlySet<ChangeKind>;
  readonly onKinds: (kinds: ReadonlySet<ChangeKind>) => void;
  /** Rows of each kind, shown beside its checkbox. */
  readonly counts: Readonly<Record<ChangeKind, number>> | null;
  readonly hideUnchanged: boolean;
  readonly onHideUnchanged: (hide: boolean) => void;
  /** Why hiding unchanged columns is not offered (a whole-row diff, nothing to hide); null when it is. */
  readonly hideDisabled: string | null;
  readonly onStep: (dir: 1 | -1) => void;
  readonly canStep: boolean;
  /** Where the cursor is, announced after a step ("Row 2 of 5 · close"). */
  readonly position: string;
}

/** Filters by change kind, "Hide unchanged columns", and Previous / Next change. */
export function DiffFilters(props: DiffFiltersProps) {
  const { kinds, onKinds, counts, hideUnchanged, onHideUnchanged, hideDisabled, onStep, canStep, position } = props;
  const toggle = (kind: ChangeKind) => {
    const next = new Set(kinds);
    if (!next.delete(kind)) next.add(kind);
    onKinds(next);
  };
  return (
    <div className="grid-toolbar diff-filters">
      <fieldset className="diff-kinds">
        <legend className="sr-only">Show changes</legend>
        {CHANGE_KINDS.map((kind) => (
          <label key={kind} className={`checkbox diff-kind-toggle diff-kind-${kind}`}>
            <input type="checkbox" checked={kinds.has(kind)} onChange={() => toggle(kind)} />
            {KIND_LABELS[kind]}
            {/* The summary says the counts; here they only label the boxes visually. */}
            {counts && (
              <span className="diff-kind-count" aria-hidden="true">
                {counts[kind].toLocaleString('en-US')}
              </span>
            )}
          </label>
        ))}
      </fieldset>
      <label className="checkbox" title={hideDisabled ?? undefined}>
        <input
          type="checkbox"
          checked={hideUnchanged && hideDisabled === null}
          disabled={hideDisabled !== null}
          onChange={(e) => onHideUnchanged(e.target.checked)}
        />
        Hide unchanged columns
      </label>
      <div className="diff-steps">
        <span className="diff-position" role="status">
          {position}
        </span>
        <button
          type="button"
          className="button"
          disabled={!canStep}
          onClick={() => onStep(-1)}
          title="Previous change (P in the grid)"
        >
          <span aria-hidden="true">↑</span>
          <span>
            Previous<span className="narrow-sr-only"> change</span>
          </span>
        </button>
        <button
          type="button"
          className="button"
          disabled={!canStep}
          onClick={() => onStep(1)}
          title="Next change (N in the grid)"
        >
          <span aria-hidden="true">↓</span>
          <span>
            Next<span className="narrow-sr-only"> change</span>
          </span>
        </button>
      </div>
    </div>
  );
}
