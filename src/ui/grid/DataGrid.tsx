import { useEffect, useState } from 'react';
import { getClient, isAbort } from '../../client/client';
import type { TableInfo } from '../../protocol/dto';
import { decodeWindow } from '../arrow';

/** Walking skeleton grid: the first rows of the head version, decoded from Arrow IPC. */
export function DataGrid({ table }: { table: TableInfo }) {
  const [rows, setRows] = useState<string[][]>([]);
  const [total, setTotal] = useState(0);
  const [columns, setColumns] = useState<string[]>([]);
  useEffect(() => {
    const client = getClient();
    client
      .latest('grid', (requestId) => client.api.read({ requestId, tableId: table.id, offset: 0, limit: 100 }))
      .then((r) => {
        const t = decodeWindow(r.ipc);
        setColumns(r.schema.fields.map((f) => f.name));
        setTotal(r.totalRows);
        const out: string[][] = [];
        for (let i = 0; i < t.numRows; i++) out.push(r.schema.fields.map((_, c) => String(t.getChildAt(c)?.get(i) ?? '')));
        setRows(out);
      })
      .catch((e: unknown) => {
        if (!isAbort(e)) throw e;
      });
  }, [table.id, table.head]);
  return (
    <table role="grid" aria-label={table.name} aria-rowcount={total + 1}>
      <thead>
        <tr aria-rowindex={1}>
          {columns.map((c) => (
            <th key={c} role="columnheader">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i} aria-rowindex={i + 2}>
            {r.map((v, j) => (
              <td key={j}>{v}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
