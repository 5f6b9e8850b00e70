import { useCallback, useEffect, useState } from 'react';
import { getClient } from '../../client/client';
import type { TableInfo } from '../../protocol/dto';
import { ImportLayer } from '../import/ImportLayer';
import { DataGrid } from '../grid/DataGrid';

export function App() {
  const client = getClient();
  const [tables, setTables] = useState<TableInfo[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      await client.ready;
      const list = await client.api.listTables();
      setTables(list);
      setSelected((s) => s ?? list[0]?.id ?? null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [client]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const table = tables.find((t) => t.id === selected);
  return (
    <div className="app">
      <header className="app-header">
        <h1 className="brand">Strata</h1>
        <ImportLayer
          onCommitted={(r) => {
            setSelected(r.tableId);
            void refresh();
          }}
        />
      </header>
      {error && <div role="alert">{error}</div>}
      <main className="app-main">
        <nav aria-label="Tables list">
          <ul aria-label="Tables">
            {tables.map((t) => (
              <li key={t.id}>
                <button type="button" aria-current={t.id === selected} onClick={() => setSelected(t.id)}>
                  {t.name}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <section className="app-content">{table && <DataGrid table={table} />}</section>
      </main>
    </div>
  );
}
