import { useState, type ReactNode } from 'react';
import { Dialog } from './Dialog';
import { messageOf } from './format';

export interface ConfirmDialogProps {
  readonly title: string;
  readonly children: ReactNode;
  /** The confirming button's label (say what happens: "Delete 3 rows", not "OK"). */
  readonly confirmLabel: string;
  readonly danger?: boolean;
  readonly confirmDisabled?: boolean;
  readonly onConfirm: () => Promise<void>;
  readonly onClose: () => void;
}

/** A yes/no question whose "yes" runs an async action; the dialog stays open with the error if it fails. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { title, children, confirmLabel, danger, confirmDisabled, onConfirm, onClose } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={title}
      onClose={onClose}
      onSubmit={() => void confirm()}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className={danger ? 'button button-danger' : 'button button-primary'}
            disabled={busy || confirmDisabled}
          >
            {confirmLabel}
          </button>
        </>
      }
    >
      {children}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}
