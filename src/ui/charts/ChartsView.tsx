import type { ReactNode } from 'react';
import type { VersionInfo } from '../../protocol/dto';
import type { ComparePair } from '../diff/views';
import { RestatementChart } from './RestatementChart';
import { RowsPerVersionChart } from './RowsPerVersionChart';
import './charts.css';

export interface ChartsViewProps {
  readonly tableId: string;
  readonly pair: ComparePair;
  readonly fromInfo: VersionInfo | undefined;
  readonly toInfo: VersionInfo | undefined;
  readonly shown: number;
  readonly revision: number;
  readonly onShow: (version: number) => void;
  /** The row-history panel, shared with the diff view (the row chosen there is shown here). */
  readonly rowHistory: ReactNode;
}

/** Charts of change: rows per version and the restatement picture side by side, the row history below. */
export function ChartsView({ tableId, pair, fromInfo, toInfo, shown, revision, onShow, rowHistory }: ChartsViewProps) {
  return (
    <div className="charts-view">
      <div className="charts-row">
        <RowsPerVersionChart tableId={tableId} shown={shown} revision={revision} onShow={onShow} />
        <RestatementChart tableId={tableId} pair={pair} fromInfo={fromInfo} toInfo={toInfo} />
      </div>
      <div className="chart-card">{rowHistory}</div>
    </div>
  );
}
