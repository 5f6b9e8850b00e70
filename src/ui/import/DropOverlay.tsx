import { UploadIcon } from './icons';

/** Shown over the whole window while files are dragged over it; it never takes the drop events itself. */
export function DropOverlay() {
  return (
    <div className="imp-drop" aria-hidden="true">
      <div className="imp-drop-card">
        <UploadIcon size={32} />
        <strong>Drop CSV files to import</strong>
        <span>Each file becomes its own version, in the order dropped.</span>
      </div>
    </div>
  );
}
