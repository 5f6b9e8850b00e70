import type { CommitResult } from '../../protocol/api';
import type { TableInfo, TagInfo } from '../../protocol/dto';
import { TablesList } from '../tables/TablesList';
import { TagsList } from '../tags/TagsList';
import { LoadSampleButton } from './EmptyState';

export interface SidebarProps {
  readonly tables: readonly TableInfo[];
  readonly tags: readonly TagInfo[];
  readonly selected: string | null;
  readonly activeTag: string | null;
  readonly onSelect: (tableId: string) => void;
  readonly onChooseTag: (tag: TagInfo) => void;
  readonly onSampleLoaded: (result: CommitResult) => void;
}

export function Sidebar(props: SidebarProps) {
  const { tables, tags, selected, activeTag, onSelect, onChooseTag, onSampleLoaded } = props;
  return (
    <nav className="sidebar" aria-label="Library">
      <h2 className="sidebar-title">
        Tables <span className="panel-count">{tables.length}</span>
      </h2>
      <TablesList tables={tables} selected={selected} onSelect={onSelect} />
      {!tables.some((t) => t.name === 'AAPL') && (
        <div className="sidebar-sample">
          <LoadSampleButton onLoaded={onSampleLoaded} />
        </div>
      )}
      <h2 className="sidebar-title">
        Tags <span className="panel-count">{tags.length}</span>
      </h2>
      <TagsList tags={tags} active={activeTag} onChoose={onChooseTag} />
    </nav>
  );
}
