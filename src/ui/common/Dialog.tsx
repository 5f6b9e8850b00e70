import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';

export interface DialogProps {
  /** The dialog's accessible name, shown as its heading. */
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  /** Rendered in the footer (right-aligned buttons). */
  readonly actions?: ReactNode;
  /** Submitting the dialog's form (Enter in a field, or a submit button). */
  readonly onSubmit?: () => void;
  readonly description?: ReactNode;
  readonly wide?: boolean;
}

/**
 * A modal dialog on the native `<dialog>`: role=dialog named by its title, the page behind is inert, Escape closes
 * it, focus moves to the first field (or the first button) and returns to where it was when the dialog closes.
 */
export function Dialog({ title, onClose, children, actions, onSubmit, description, wide }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    const first =
      dialog.querySelector<HTMLElement>('[data-autofocus]') ??
      dialog.querySelector<HTMLElement>('input:not([disabled]), select:not([disabled]), textarea:not([disabled])') ??
      dialog.querySelector<HTMLElement>('footer button:not([disabled])');
    first?.focus();
    const onCancel = (e: Event) => {
      e.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit?.();
  };

  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
    >
      <form method="dialog" onSubmit={submit} className="dialog-form">
        <header className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="dialog-body">
          {description && (
            <p id={descriptionId} className="dialog-description">
              {description}
            </p>
          )}
          {children}
        </div>
        {actions && <footer className="dialog-footer">{actions}</footer>}
      </form>
    </dialog>
  );
}
