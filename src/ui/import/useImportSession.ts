/**
 * The import session: the files in the dialog, the tables they may target, their previews and schema checks, and the
 * Commit run that imports them one after another. Components only render it and call its actions.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { getClient, isAbort } from '../../client/client';
import type { CommitResult, Progress } from '../../protocol/api';
import type { TableInfo } from '../../protocol/dto';
import { isProtocolError } from '../../protocol/errors';
import { importRequestOf, newDraft, planDrafts, type DraftPlan, type FileDraft } from './draft';
import { describeError } from './format';

export interface RunState {
  readonly fileName: string;
  /** 0-based position of the file being imported among the files of this run. */
  readonly index: number;
  readonly total: number;
  readonly progress: Progress | undefined;
}

export interface ImportSession {
  readonly open: boolean;
  readonly drafts: readonly FileDraft[];
  readonly plans: readonly DraftPlan[];
  readonly run: RunState | undefined;
  /** "Committed version N of <table>" for each file committed by the last Commit, and cancellations. */
  readonly statusLines: readonly string[];
  addFiles(files: readonly File[]): void;
  update(id: string, change: (draft: FileDraft) => FileDraft): void;
  remove(id: string): void;
  close(): void;
  commit(): Promise<void>;
  cancelImport(): void;
}

/** Progress from the worker can arrive for every batch; the bar needs a few updates a second. */
const PROGRESS_INTERVAL_MS = 100;

function raggedLinesOf(error: unknown): number[] {
  if (!isProtocolError(error) || error.code !== 'CSV_RAGGED_ROWS') return [];
  const lines = error.details.lines;
  return Array.isArray(lines) ? lines.filter((l): l is number => typeof l === 'number') : [];
}

export function useImportSession(onCommitted: (result: CommitResult) => void): ImportSession {
  const client = getClient();
  const [open, setOpen] = useState(false);
  const [drafts, setDrafts] = useState<FileDraft[]>([]);
  const [tables, setTables] = useState<TableInfo[] | undefined>(undefined);
  const [run, setRun] = useState<RunState | undefined>(undefined);
  const [statusLines, setStatusLines] = useState<string[]>([]);
  const plans = useMemo(() => planDrafts(drafts, tables), [drafts, tables]);

  const latest = useRef({ drafts, plans, onCommitted });
  useEffect(() => {
    latest.current = { drafts, plans, onCommitted };
  }, [drafts, plans, onCommitted]);
  const abortRef = useRef<AbortController | null>(null);
  const inFlight = useRef(new Set<string>());

  const refreshTables = useCallback(async () => {
    await client.ready;
    setTables(await client.api.listTables());
  }, [client]);

  const update = useCallback((id: string, change: (draft: FileDraft) => FileDraft) => {
    setDrafts((ds) => ds.map((d) => (d.id === id ? change(d) : d)));
  }, []);

  // Previews: whenever a file's preview is 'loading' for its current delimiter and encoding.
  useEffect(() => {
    for (const draft of drafts) {
      if (draft.preview.status !== 'loading') continue;
      const { id, file, delimiter, encoding } = draft;
      const key = JSON.stringify([id, delimiter, encoding]);
      if (inFlight.current.has(key)) continue;
      inFlight.current.add(key);
      const settle = (change: (d: FileDraft) => FileDraft) => {
        inFlight.current.delete(key);
        update(id, (d) => (d.delimiter === delimiter && d.encoding === encoding ? change(d) : d));
      };
      client.ready
        .then(() =>
          client.api.previewCsv({ file, ...(delimiter ? { delimiter } : {}), ...(encoding ? { encoding } : {}) }),
        )
        .then(
          (preview) =>
            settle((d) => ({ ...d, preview: { status: 'ready', preview }, types: preview.columns.map((c) => c.type) })),
          (error: unknown) =>
            settle((d) => ({ ...d, preview: { status: 'failed', message: describeError(file.name, error) } })),
        );
    }
  }, [drafts, client, update]);

  // Schema checks against existing tables, whenever what would be checked changes.
  useEffect(() => {
    drafts.forEach((draft, i) => {
      const plan = plans[i];
      if (!plan?.checkKey || plan.check || inFlight.current.has(plan.checkKey)) return;
      const key = plan.checkKey;
      inFlight.current.add(key);
      client.api
        .checkSchema({ tableName: draft.tableName.trim(), mode: plan.mode, schema: { fields: plan.fields } })
        .catch((error: unknown) => ({
          ok: false,
          newColumns: [],
          missingColumns: [],
          widenedColumns: [],
          errors: [error instanceof Error ? error.message : String(error)],
        }))
        .then((result) => {
          inFlight.current.delete(key);
          update(draft.id, (d) => ({ ...d, check: { key, result } }));
        });
    });
  }, [drafts, plans, client, update]);

  const addFiles = useCallback(
    (files: readonly File[]) => {
      if (files.length === 0 || abortRef.current) return;
      if (!open) {
        setStatusLines([]);
        setTables(undefined);
        setOpen(true);
        setDrafts(files.map(newDraft));
        refreshTables().catch(() => setTables([]));
      } else {
        setDrafts((ds) => [...ds, ...files.map(newDraft)]);
      }
    },
    [open, refreshTables],
  );

  const close = useCallback(() => {
    if (abortRef.current) return;
    setOpen(false);
    setDrafts([]);
  }, []);

  const remove = useCallback(
    (id: string) => {
      const rest = latest.current.drafts.filter((d) => d.id !== id);
      if (rest.length === 0) close();
      else setDrafts(rest);
    },
    [close],
  );

  const commit = useCallback(async () => {
    const { drafts: queue, plans: queuePlans } = latest.current;
    if (abortRef.current || queue.length === 0) return;
    if (queuePlans.some((p) => p.waiting || p.blockers.length > 0)) return;
    const controller = new AbortController();
    abortRef.current = controller;
    const lines: string[] = [];
    setStatusLines([]);
    setDrafts((ds) => ds.map((d) => ({ ...d, outcome: undefined })));
    let allCommitted = true;
    for (const [index, draft] of queue.entries()) {
      const plan = queuePlans[index]!;
      const started = { fileName: draft.file.name, index, total: queue.length };
      setRun({ ...started, progress: undefined });
      let lastShown = 0;
      const onProgress = (progress: Progress) => {
        const now = performance.now();
        if (now - lastShown < PROGRESS_INTERVAL_MS && progress.bytes < progress.totalBytes) return;
        lastShown = now;
        setRun({ ...started, progress });
      };
      try {
        const result = await client.task(
          (requestId, progress) => client.api.importCsv({ ...importRequestOf(draft, plan), requestId }, progress),
          { signal: controller.signal, onProgress },
        );
        lines.push(`Committed version ${result.version} of ${result.tableName}`);
        setStatusLines([...lines]);
        setDrafts((ds) => ds.filter((d) => d.id !== draft.id));
        latest.current.onCommitted(result);
      } catch (error) {
        allCommitted = false;
        if (isAbort(error)) {
          lines.push(`Cancelled ${draft.file.name}: nothing from it was committed`);
          setStatusLines([...lines]);
          update(draft.id, (d) => ({ ...d, outcome: { kind: 'cancelled' } }));
        } else {
          const outcome = {
            kind: 'failed',
            message: `${describeError(draft.file.name, error).replace(/\.$/, '')}. Nothing from this file was committed.`,
            raggedLines: raggedLinesOf(error),
          } as const;
          update(draft.id, (d) => ({ ...d, outcome }));
        }
        // Later files may build on this one (appends to the table it creates), so they wait for a new Commit.
        break;
      }
    }
    abortRef.current = null;
    setRun(undefined);
    if (allCommitted) {
      setOpen(false);
    } else {
      await refreshTables().catch(() => undefined);
    }
  }, [client, update, refreshTables]);

  const cancelImport = useCallback(() => abortRef.current?.abort(), []);

  return { open, drafts, plans, run, statusLines, addFiles, update, remove, close, commit, cancelImport };
}
