import { useId, useMemo, useRef, useState } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceArea, XAxis, YAxis } from 'recharts';
import { getClient } from '../../client/client';
import type { Field, Restatement, VersionInfo } from '../../protocol/dto';
import { NUMERIC_TYPES, TEMPORAL_TYPES } from '../arrow';
import { useLoader } from '../common/useLoader';
import type { ComparePair } from '../diff/views';
import { mergeRanges, tickText, valueText } from './axis';
import { AXIS_TICK, CHART_COLORS } from './palette';
import { useWidth } from './useWidth';

const HEIGHT = 230;
const MARGIN = { top: 10, right: 16, bottom: 4, left: 4 };
const Y_AXIS_WIDTH = 56;
/** Points drawn as dots too when there are this few (a short series reads better with its points marked). */
const DOT_LIMIT = 60;
/** Ranges listed in the caption; the rest are counted. */
const LISTED_RANGES = 4;

export interface RestatementChartProps {
  readonly tableId: string;
  readonly pair: ComparePair;
  readonly fromInfo: VersionInfo | undefined;
  readonly toInfo: VersionInfo | undefined;
}

/** Columns of both versions whose type passes `test` in each (types may differ, e.g. int64 widened to float64). */
function common(a: VersionInfo | undefined, b: VersionInfo | undefined, test: (f: Field) => boolean): Field[] {
  if (!a || !b) return [];
  return b.schema.fields.filter((f) => test(f) && a.schema.fields.some((g) => g.name === f.name && test(g)));
}

const ordered = (f: Field) => TEMPORAL_TYPES.has(f.type) || NUMERIC_TYPES.has(f.type);
const numeric = (f: Field) => NUMERIC_TYPES.has(f.type);

/**
 * The restatement picture: one numeric column against an ordered one, both versions' lines overlaid on one x domain,
 * the ranges where they differ shaded. The worker downsamples to the plot's pixel width; the chart draws exactly the
 * points it returns.
 */
export function RestatementChart({ tableId, pair, fromInfo, toInfo }: RestatementChartProps) {
  const titleId = useId();
  const summaryId = useId();
  const areaRef = useRef<HTMLDivElement>(null);
  const width = useWidth(areaRef);
  const xOptions = useMemo(() => common(fromInfo, toInfo, ordered), [fromInfo, toInfo]);
  const yOptions = useMemo(() => common(fromInfo, toInfo, numeric), [fromInfo, toInfo]);
  const [xPick, setXPick] = useState<string | null>(null);
  const [yPick, setYPick] = useState<string | null>(null);
  const xField =
    xOptions.find((f) => f.name === xPick) ?? xOptions.find((f) => TEMPORAL_TYPES.has(f.type)) ?? xOptions[0];
  const yField =
    yOptions.find((f) => f.name === yPick && f.name !== xField?.name) ?? yOptions.find((f) => f !== xField);
  const buckets = Math.max(8, width - MARGIN.left - MARGIN.right - Y_AXIS_WIDTH);

  const key =
    xField && yField && width > 0
      ? JSON.stringify([tableId, pair.from, pair.to, xField.name, yField.name, buckets])
      : null;
  const loaded = useLoader<Restatement>(key, () => {
    const client = getClient();
    return client.latest('restatement', () =>
      client.api.restatement({ tableId, ...pair, x: xField!.name, y: yField!.name, buckets }),
    );
  });
  const data = loaded.loadedKey === key ? loaded.data : undefined;
  const error = loaded.loadedKey === key ? loaded.error : null;

  const domain = data?.from.domain ?? data?.to.domain ?? null;
  const span = domain ? domain.max - domain.min : 0;
  // A one-point range (x0 = x1) still needs some width to be seen; bands closer than a few pixels merge.
  const pixel = span / Math.max(1, buckets);
  const pad = Math.max(span * 0.004, pixel);
  const bands = useMemo(() => mergeRanges(data?.differing ?? [], 4 * pixel), [data, pixel]);
  const xType = xField?.type ?? 'float64';
  const rangeText = (r: { x0: number; x1: number }) =>
    r.x0 === r.x1 ? valueText(xType, r.x0) : `${valueText(xType, r.x0)} – ${valueText(xType, r.x1)}`;
  const summary = !data
    ? ''
    : data.differing.length === 0
      ? `${yField?.name} is the same in v${pair.from} and v${pair.to}.`
      : `${yField?.name} differs between v${pair.from} and v${pair.to} in ${data.differing.length === 1 ? '1 range' : `${data.differing.length} ranges`}: ` +
        data.differing.slice(0, LISTED_RANGES).map(rangeText).join('; ') +
        (data.differing.length > LISTED_RANGES ? `; and ${data.differing.length - LISTED_RANGES} more` : '') +
        '.';

  return (
    <figure className="chart-card" aria-labelledby={titleId} aria-describedby={summaryId}>
      <figcaption className="chart-head">
        <h3 id={titleId} className="chart-title">
          Restatement
        </h3>
        <div className="chart-controls">
          <div className="compare-field">
            <label htmlFor={`${titleId}y`} className="toolbar-label">
              Y column
            </label>
            <select
              id={`${titleId}y`}
              value={yField?.name ?? ''}
              onChange={(e) => setYPick(e.target.value)}
              disabled={!yField}
            >
              {yOptions
                .filter((f) => f.name !== xField?.name)
                .map((f) => (
                  <option key={f.name}>{f.name}</option>
                ))}
            </select>
          </div>
          <span className="muted">against</span>
          <div className="compare-field">
            <label htmlFor={`${titleId}x`} className="toolbar-label">
              X column
            </label>
            <select
              id={`${titleId}x`}
              value={xField?.name ?? ''}
              onChange={(e) => setXPick(e.target.value)}
              disabled={!xField}
            >
              {xOptions.map((f) => (
                <option key={f.name}>{f.name}</option>
              ))}
            </select>
          </div>
        </div>
      </figcaption>
      {(!xField || !yField) && (
        <p className="chart-empty">Needs a numeric column and an ordered (time or numeric) one in both versions.</p>
      )}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <div ref={areaRef} className="chart-area" style={{ height: HEIGHT }} aria-busy={key !== null && !data}>
        {data && domain && (
          <LineChart width={width} height={HEIGHT} margin={MARGIN}>
            <CartesianGrid stroke={CHART_COLORS.grid} />
            {bands.map((r) => (
              <ReferenceArea
                key={`${r.x0}-${r.x1}`}
                x1={Math.max(domain.min, r.x0 - pad)}
                x2={Math.min(domain.max, r.x1 + pad)}
                fill={CHART_COLORS.differing}
                fillOpacity={0.18}
                stroke={CHART_COLORS.differing}
                strokeOpacity={0.5}
                className="differing-range"
              />
            ))}
            <XAxis
              type="number"
              dataKey="x"
              domain={[domain.min, domain.max]}
              tick={AXIS_TICK}
              tickFormatter={(v: number) => tickText(xType, v, span)}
              tickCount={6}
              allowDuplicatedCategory={false}
            />
            <YAxis
              width={Y_AXIS_WIDTH}
              tick={AXIS_TICK}
              domain={['auto', 'auto']}
              tickFormatter={(v: number) => tickText(yField?.type ?? 'float64', v, 0)}
            />
            <Line
              data={[...data.from.points]}
              dataKey="y"
              name={`v${pair.from}`}
              stroke={CHART_COLORS.from}
              strokeWidth={2}
              strokeDasharray="5 4"
              dot={data.from.points.length <= DOT_LIMIT ? { r: 2.5 } : false}
              isAnimationActive={false}
            />
            <Line
              data={[...data.to.points]}
              dataKey="y"
              name={`v${pair.to}`}
              stroke={CHART_COLORS.to}
              strokeWidth={2}
              dot={data.to.points.length <= DOT_LIMIT ? { r: 2.5 } : false}
              isAnimationActive={false}
            />
          </LineChart>
        )}
      </div>
      <div className="chart-foot">
        <ul className="legend chart-legend" aria-hidden="true">
          <li>
            <span className="legend-line legend-line-from" /> v{pair.from} (from)
          </li>
          <li>
            <span className="legend-line legend-line-to" /> v{pair.to} (to)
          </li>
          <li>
            <span className="legend-swatch legend-swatch-differing" /> differs
          </li>
        </ul>
        <p id={summaryId} className="chart-summary" aria-live="polite">
          {summary}
        </p>
        {data && (
          <p className="chart-note">
            {data.to.points.length.toLocaleString('en-US')} points drawn for {data.to.rows.toLocaleString('en-US')} rows
          </p>
        )}
      </div>
    </figure>
  );
}
