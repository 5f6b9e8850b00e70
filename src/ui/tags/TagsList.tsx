import { useId } from 'react';
import type { TagInfo } from '../../protocol/dto';

export interface TagsListProps {
  readonly tags: readonly TagInfo[];
  readonly active: string | null;
  readonly onChoose: (tag: TagInfo) => void;
}

export function describeTag(tag: TagInfo): string {
  return tag.entries.map((e) => `${e.tableName} v${e.version}`).join(', ') || 'no tables';
}

/**
 * The "Tags" list: only buttons named by tag (what each holds is their description). Choosing one shows every table
 * at the version it holds; the tag banner then offers to delete it.
 */
export function TagsList({ tags, active, onChoose }: TagsListProps) {
  if (tags.length === 0) {
    return <p className="nav-empty">Tag a version to name it; tagged versions are kept.</p>;
  }
  return (
    <ul aria-label="Tags" className="nav-list">
      {tags.map((tag) => (
        <TagItem key={tag.name} tag={tag} active={tag.name === active} onChoose={onChoose} />
      ))}
    </ul>
  );
}

function TagItem({ tag, active, onChoose }: { tag: TagInfo; active: boolean; onChoose: (tag: TagInfo) => void }) {
  const descriptionId = useId();
  return (
    <li>
      <button
        type="button"
        className="nav-item"
        aria-current={active ? 'true' : undefined}
        aria-describedby={descriptionId}
        onClick={() => onChoose(tag)}
      >
        <span className="nav-item-name">
          <span className="tag-glyph" aria-hidden="true">
            ◆
          </span>
          {tag.name}
        </span>
      </button>
      <span id={descriptionId} className="nav-item-meta">
        {describeTag(tag)}
        {tag.message ? ` · ${tag.message}` : ''}
      </span>
    </li>
  );
}
