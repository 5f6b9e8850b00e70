import { lazy, Suspense, useCallback, useMemo, useState, type ReactNode } from 'react';
import type { DiffRequest } from '../../protocol/api';
import type { Field, TableInfo, VersionInfo } from '../../protocol/dto';
import { RowHistoryPanel } from '../charts/RowHistoryPanel';
import { CompareControls } from './CompareControls';
import { DiffView } from './DiffView';
import { useComparePair } from './useComparePair';
import { useDiffSummary } from './useDiffSummary';
import { VIEW_LABELS, type RowPick } from './views';
import './diff.css';

/** recharts is most of a megabyte: loaded when Charts is first opened, not with the app. */
const ChartsView = lazy(() => import('../charts/ChartsView').then((m) => ({ default: m.ChartsView })));

export interface ChangeViewsProps {
  readonly view: 'compare' | 'charts';
  /** The Rows / Compare / Charts switch, placed first in the toolbar as in the rows view. */
  readonly switcher: ReactNode;
  readonly table: TableInfo;
  /** Newest first, as useHistory returns them (undefined while loading). */
  readonly versions: readonly VersionInfo[] | undefined;
  readonly shown: number;
  readonly revision: number;
  readonly onShow: (version: number) => void;
}

/** Columns both versions have, that could key rows (not bool). */
function keyColumns(a: VersionInfo | undefined, b: VersionInfo | undefined): Field[] {
  if (!a || !b) return [];
  return b.schema.fields.filter((f) => f.type !== 'bool' && a.schema.fields.some((g) => g.name === f.name));
}

/**
 * "Compare" and "Charts" of one table: which two versions (shared by both views), the diff and its summary, the
 * charts, and the history of a chosen row.
 */
export function ChangeViews({ view, switcher, table, versions, shown, revision, onShow }: ChangeViewsProps) {
  const { live, pair, setFrom, setTo } = useComparePair(versions, shown);
  const [keyPick, setKeyPick] = useState<string | null>(null);
  const [rowPick, setRowPick] = useState<RowPick | null>(null);
  const [asideOpen, setAsideOpen] = useState(false);
  const from = pair?.from;
  const to = pair?.to;
  const request: DiffRequest | null = useMemo(
    () =>
      from === undefined || to === undefined
        ? null
        : { tableId: table.id, from, to, ...(keyPick ? { key: [keyPick] } : {}) },
    [table.id, from, to, keyPick],
  );
  const diff = useDiffSummary(request);
  const fromInfo = live.find((v) => v.version === from);
  const toInfo = live.find((v) => v.version === to);
  const candidates = useMemo(() => keyColumns(fromInfo, toInfo), [fromInfo, toInfo]);
  const fields = toInfo?.schema.fields ?? table.schema.fields;
  const defaultKey = diff.summary?.keyUsed?.[0] ?? candidates[0]?.name ?? null;

  const pickRow = useCallback((pick: RowPick) => {
    setRowPick(pick);
    setAsideOpen(true);
  }, []);

  const rowHistory = (
    <RowHistoryPanel
      tableId={table.id}
      fields={fields}
      defaultColumn={defaultKey}
      pick={rowPick}
      onPick={setRowPick}
      revision={revision}
      onClose={view === 'compare' ? () => setAsideOpen(false) : undefined}
    />
  );
  const aside = view === 'compare' && asideOpen && rowPick !== null;

  return (
    <div className={`change-split${aside ? ' with-aside' : ''}`}>
      <section className="panel change-panel" aria-label={VIEW_LABELS[view]}>
        <div className="grid-toolbar">
          {switcher}
          {pair && (
            <CompareControls
              live={live}
              pair={pair}
              onFrom={setFrom}
              onTo={setTo}
              {...(view === 'compare'
                ? { keyChoice: { columns: candidates, picked: keyPick, summary: diff.summary, onPick: setKeyPick } }
                : {})}
            />
          )}
        </div>
        {!pair && <p className="placeholder">Loading versions…</p>}
        {pair && live.length < 2 && (
          <p className="diff-one-version">This table has one version so far: commit another to compare.</p>
        )}
        {pair && request && view === 'compare' && (
          <DiffView
            request={request}
            summary={diff.summary}
            current={diff.current}
            error={diff.error}
            onPickRow={pickRow}
          />
        )}
        {pair && view === 'charts' && (
          <Suspense fallback={<p className="placeholder">Loading charts…</p>}>
            <ChartsView
              tableId={table.id}
              pair={pair}
              fromInfo={fromInfo}
              toInfo={toInfo}
              shown={shown}
              revision={revision}
              onShow={onShow}
              rowHistory={rowHistory}
            />
          </Suspense>
        )}
      </section>
      {aside && <aside className="panel row-history-aside">{rowHistory}</aside>}
    </div>
  );
}
