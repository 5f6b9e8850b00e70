import { VIEW_LABELS, WORKSPACE_VIEWS, type WorkspaceView } from './views';
import './diff.css';

export interface ViewSwitchProps {
  readonly view: WorkspaceView;
  readonly onChange: (view: WorkspaceView) => void;
}

/**
 * "Rows" / "Compare" / "Charts": toggle buttons (aria-pressed) rather than tabs, so each is the button its name says
 * ("Compare" opens the diff view); the panel below is named after the view shown.
 */
export function ViewSwitch({ view, onChange }: ViewSwitchProps) {
  return (
    <div className="segmented view-switch" role="group" aria-label="View">
      {WORKSPACE_VIEWS.map((v) => (
        <button key={v} type="button" aria-pressed={view === v} onClick={() => onChange(v)}>
          {VIEW_LABELS[v]}
        </button>
      ))}
    </div>
  );
}
