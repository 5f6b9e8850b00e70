import { useState } from 'react';
import type { VersionInfo } from '../../protocol/dto';
import { useNow } from '../common/useNow';
import { HistoryItem } from './HistoryItem';

const FIRST_PAGE = 100;

export interface HistoryListProps {
  /** Newest first. */
  readonly versions: readonly VersionInfo[];
  readonly shown: number;
  readonly head: number;
  readonly tagsByVersion: ReadonlyMap<number, readonly string[]>;
  readonly onShow: (version: number) => void;
}

/** The "History" list: one item per version, newest first; choosing one shows it. */
export function HistoryList({ versions, shown, head, tagsByVersion, onShow }: HistoryListProps) {
  const now = useNow();
  const [limit, setLimit] = useState(FIRST_PAGE);
  return (
    <div className="panel history-panel">
      <h2 className="panel-title">
        History <span className="panel-count">{versions.length}</span>
      </h2>
      <ol aria-label="History" className="history-list">
        {versions.slice(0, limit).map((v) => (
          <HistoryItem
            key={v.version}
            version={v}
            current={v.version === shown}
            isHead={v.version === head}
            tags={tagsByVersion.get(v.version)}
            now={now}
            onShow={onShow}
          />
        ))}
      </ol>
      {versions.length > limit && (
        <button type="button" className="button button-quiet show-more" onClick={() => setLimit((l) => l + 500)}>
          Show older versions
        </button>
      )}
    </div>
  );
}
