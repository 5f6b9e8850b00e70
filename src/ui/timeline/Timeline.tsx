import { useMemo, useState } from 'react';
import type { Operation, VersionInfo } from '../../protocol/dto';
import { AsOfInput } from './AsOfInput';
import { stopFractions, type Spacing } from './geometry';
import { OPERATION_STYLE } from './operations';
import { usePlayback } from './usePlayback';
import { VersionSlider } from './VersionSlider';

export interface TimelineProps {
  readonly tableId: string;
  /** Every version of the table, newest first, as history returns them (expired ones are skipped). */
  readonly history: readonly VersionInfo[];
  readonly shown: number;
  readonly tagsByVersion: ReadonlyMap<number, readonly string[]>;
  readonly onShow: (version: number) => void;
}

/** The time axis of one table: the Version slider, play, "As of time", spacing and the operation legend. */
export function Timeline({ tableId, history, shown, tagsByVersion, onShow }: TimelineProps) {
  const [spacing, setSpacing] = useState<Spacing>('even');
  const live = useMemo(() => history.filter((v) => v.expiredAt === undefined).reverse(), [history]);
  const stops = useMemo(() => live.map((v) => v.version), [live]);
  const fractions = useMemo(
    () =>
      stopFractions(
        live.map((v) => v.committedAt),
        spacing,
      ),
    [live, spacing],
  );
  const playback = usePlayback(stops, shown, onShow);
  const operations = [...new Set(live.map((v) => v.operation))] as Operation[];

  return (
    <section className="timeline" aria-label="Timeline">
      <div className="timeline-main">
        <button
          type="button"
          className="play-button"
          aria-label={playback.playing ? 'Pause' : 'Play'}
          title={playback.playing ? 'Pause' : 'Play through the versions'}
          onClick={playback.toggle}
          disabled={stops.length < 2}
        >
          <span aria-hidden="true">{playback.playing ? '❚❚' : '▶'}</span>
        </button>
        <VersionSlider
          versions={live}
          fractions={fractions}
          shown={shown}
          tagsByVersion={tagsByVersion}
          onShow={onShow}
        />
      </div>
      <div className="timeline-controls">
        <AsOfInput tableId={tableId} shown={shown} onShow={onShow} />
        <div className="segmented" role="group" aria-label="Spacing">
          {(['even', 'time'] as const).map((s) => (
            <button key={s} type="button" aria-pressed={spacing === s} onClick={() => setSpacing(s)}>
              {s === 'even' ? 'Even' : 'By time'}
            </button>
          ))}
        </div>
        <ul className="legend" aria-label="Operations">
          {operations.map((op) => (
            <li key={op} title={OPERATION_STYLE[op].meaning}>
              <span className="legend-swatch" style={{ background: OPERATION_STYLE[op].color }} />
              {op}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
