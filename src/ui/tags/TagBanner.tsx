import { useState } from 'react';
import { getClient } from '../../client/client';
import type { TagInfo } from '../../protocol/dto';
import { messageOf } from '../common/format';
import { describeTag } from './TagsList';

/** Says the library is shown as a tag holds it; leads back to the latest versions, or deletes the tag. */
export function TagBanner({ tag, onLeave, onDeleted }: { tag: TagInfo; onLeave: () => void; onDeleted: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    try {
      await getClient().api.deleteTag({ name: tag.name });
      onDeleted();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <div className="banner banner-tag" aria-live="polite">
      <span className="tag-glyph" aria-hidden="true">
        ◆
      </span>
      <span>
        <strong>Viewing tag {tag.name}</strong>
        <span className="muted"> · {describeTag(tag)}</span>
        {error && (
          <span role="alert" className="inline-error">
            {' '}
            {error}
          </span>
        )}
      </span>
      <button type="button" className="button button-quiet" onClick={() => void remove()}>
        Delete tag
      </button>
      <button type="button" className="button" onClick={onLeave}>
        Back to latest
      </button>
    </div>
  );
}
