import { useId, useMemo, useRef } from 'react';
import { Bar, BarChart, CartesianGrid, ReferenceArea, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import { getClient } from '../../client/client';
import type { VersionStat } from '../../protocol/dto';
import { useLoader } from '../common/useLoader';
import { tickText } from './axis';
import { AXIS_TICK, CHART_COLORS } from './palette';
import { useWidth } from './useWidth';

/** More bars than this are unreadable: the chart shows the versions around the one shown. */
const MAX_BARS = 40;
const AXIS_WIDTH = 44;
const MARGIN = { top: 8, right: 4, bottom: 4, left: 4 };
const HEIGHT = 170;

interface Datum {
  readonly label: string;
  readonly version: number;
  readonly operation: string;
  readonly added: number;
  readonly removed: number;
  readonly total: number;
}

export interface RowsPerVersionChartProps {
  readonly tableId: string;
  readonly shown: number;
  readonly revision: number;
  readonly onShow: (version: number) => void;
}

const n = (value: number) => value.toLocaleString('en-US');
const countTick = (value: number) => tickText('int64', value, 0);
const describe = (d: Datum) => `v${d.version} ${d.operation}: +${n(d.added)} −${n(d.removed)}, ${n(d.total)} rows`;

function windowAround(stats: readonly VersionStat[], shown: number): readonly VersionStat[] {
  if (stats.length <= MAX_BARS) return stats;
  const at = Math.max(
    0,
    stats.findIndex((s) => s.version === shown),
  );
  const start = Math.max(0, Math.min(stats.length - MAX_BARS, at - MAX_BARS / 2));
  return stats.slice(start, start + MAX_BARS);
}

function VersionTooltip({ active, payload }: TooltipContentProps) {
  const d = payload[0]?.payload as Datum | undefined;
  if (!active || !d) return null;
  return <div className="chart-tooltip">{describe(d)}</div>;
}

/**
 * Rows added / removed (left axis) and total rows (right axis) per live version, from the version records (nothing
 * is read). Clicking a version's bars, or its label below them (keyboard), shows that version.
 */
export function RowsPerVersionChart({ tableId, shown, revision, onShow }: RowsPerVersionChartProps) {
  const titleId = useId();
  const summaryId = useId();
  const areaRef = useRef<HTMLDivElement>(null);
  const width = useWidth(areaRef);
  const loaded = useLoader(`${tableId}|${revision}`, () => getClient().api.versionStats({ tableId }));
  const live = useMemo(() => (loaded.data ?? []).filter((s) => !s.expired), [loaded.data]);
  const data: Datum[] = useMemo(
    () =>
      windowAround(live, shown).map((s) => ({
        label: `v${s.version}`,
        version: s.version,
        operation: s.operation,
        added: s.rowsAdded,
        removed: s.rowsRemoved,
        total: s.totalRows,
      })),
    [live, shown],
  );

  return (
    <figure className="chart-card" aria-labelledby={titleId} aria-describedby={summaryId}>
      <figcaption className="chart-head">
        <h3 id={titleId} className="chart-title">
          Rows per version
        </h3>
        <ul className="legend chart-legend" aria-hidden="true">
          <li>
            <span className="legend-swatch" style={{ background: CHART_COLORS.added }} /> added
          </li>
          <li>
            <span className="legend-swatch" style={{ background: CHART_COLORS.removed }} /> removed
          </li>
          <li>
            <span className="legend-swatch" style={{ background: CHART_COLORS.total }} /> total (right axis)
          </li>
        </ul>
      </figcaption>
      {loaded.error && (
        <p role="alert" className="form-error">
          {loaded.error}
        </p>
      )}
      {/* A click anywhere in a version's band shows it. Mapped from the plot's geometry (known: fixed margins and axis
          widths) rather than from the chart's hover state, which lags a click that arrives with its mouse move. */}
      <div
        ref={areaRef}
        className="chart-area clickable-chart"
        style={{ height: HEIGHT }}
        onClick={(e) => {
          const left = MARGIN.left + AXIS_WIDTH;
          const plot = width - left - MARGIN.right - AXIS_WIDTH;
          const x = e.clientX - e.currentTarget.getBoundingClientRect().left - left;
          const d = x >= 0 && x < plot ? data[Math.floor((x / plot) * data.length)] : undefined;
          if (d) onShow(d.version);
        }}
      >
        {width > 0 && data.length > 0 && (
          <BarChart width={width} height={HEIGHT} data={data} margin={MARGIN} barGap={1} barCategoryGap="18%">
            <CartesianGrid vertical={false} stroke={CHART_COLORS.grid} />
            {/* The labels are the buttons below the chart (reachable by keyboard); the axis only maps versions. */}
            <XAxis dataKey="label" hide />
            <ReferenceArea yAxisId="rows" x1={`v${shown}`} x2={`v${shown}`} fill={CHART_COLORS.shown} fillOpacity={1} />
            <YAxis
              yAxisId="rows"
              width={AXIS_WIDTH}
              tick={AXIS_TICK}
              tickFormatter={countTick}
              allowDecimals={false}
              tickLine={false}
            />
            <YAxis
              yAxisId="total"
              orientation="right"
              width={AXIS_WIDTH}
              tick={AXIS_TICK}
              tickFormatter={countTick}
              allowDecimals={false}
              tickLine={false}
            />
            <Tooltip content={VersionTooltip} cursor={{ fill: 'rgba(53, 89, 214, 0.06)' }} isAnimationActive={false} />
            <Bar yAxisId="rows" dataKey="added" name="added" fill={CHART_COLORS.added} isAnimationActive={false} />
            <Bar
              yAxisId="rows"
              dataKey="removed"
              name="removed"
              fill={CHART_COLORS.removed}
              isAnimationActive={false}
            />
            <Bar yAxisId="total" dataKey="total" name="total" fill={CHART_COLORS.total} isAnimationActive={false} />
          </BarChart>
        )}
      </div>
      <div
        className="chart-versions"
        role="group"
        aria-label="Show version"
        style={{ paddingLeft: MARGIN.left + AXIS_WIDTH, paddingRight: MARGIN.right + AXIS_WIDTH }}
      >
        {data.map((d) => (
          <button
            key={d.version}
            type="button"
            aria-pressed={d.version === shown}
            aria-label={`Show ${describe(d)}`}
            title={describe(d)}
            onClick={() => onShow(d.version)}
          >
            {d.label}
          </button>
        ))}
      </div>
      <p id={summaryId} className="sr-only">
        {data.map(describe).join('; ')}
        {live.length > data.length ? ` (${data.length} of ${live.length} versions shown)` : ''}
      </p>
    </figure>
  );
}
