import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import type { VersionInfo } from '../../protocol/dto';
import { formatLocalTime } from '../common/format';
import { nearestStop, stepFor } from './geometry';
import { OPERATION_STYLE } from './operations';

export interface VersionSliderProps {
  /** Live versions, oldest first: one stop each. */
  readonly versions: readonly VersionInfo[];
  readonly fractions: readonly number[];
  readonly shown: number;
  readonly tagsByVersion: ReadonlyMap<number, readonly string[]>;
  readonly onShow: (version: number) => void;
}

export function versionText(v: VersionInfo): string {
  return `v${v.version} · ${v.operation} · ${formatLocalTime(v.committedAt)}`;
}

const pct = (f: number) => `${(f * 100).toFixed(3)}%`;

/**
 * The "Version" slider: one stop per live version, ticks coloured by operation, tags marked above. Keys move between
 * stops; dragging shows each stop it crosses (the grid's reads are latest-wins, so a fast drag costs nothing).
 */
export function VersionSlider({ versions, fractions, shown, tagsByVersion, onShow }: VersionSliderProps) {
  const trackRef = useRef<HTMLDivElement>(null);
  const index = Math.max(
    0,
    versions.findIndex((v) => v.version === shown),
  );
  const current = versions[index];
  const labelEvery = Math.max(1, Math.ceil(versions.length / 12));
  const roomForNames = versions.length <= 12;

  const showIndex = (i: number) => {
    const v = versions[i];
    if (v && v.version !== shown) onShow(v.version);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const next = stepFor(e.key, index, versions.length);
    if (next === null) return;
    e.preventDefault();
    showIndex(next);
  };
  const fromPointer = (e: PointerEvent) => {
    const rect = trackRef.current?.getBoundingClientRect();
    if (!rect || rect.width === 0) return;
    showIndex(nearestStop(fractions, (e.clientX - rect.left) / rect.width));
  };

  return (
    <div
      className="slider"
      role="slider"
      tabIndex={0}
      aria-label="Version"
      aria-valuemin={versions[0]?.version ?? 0}
      aria-valuemax={versions.at(-1)?.version ?? 0}
      aria-valuenow={current?.version ?? shown}
      aria-valuetext={current ? versionText(current) : undefined}
      aria-orientation="horizontal"
      onKeyDown={onKeyDown}
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        e.currentTarget.focus();
        fromPointer(e);
      }}
      onPointerMove={(e) => {
        if (e.currentTarget.hasPointerCapture(e.pointerId)) fromPointer(e);
      }}
    >
      <div className="slider-track" ref={trackRef}>
        <div className="slider-rail" />
        <div className="slider-fill" style={{ width: pct(fractions[index] ?? 0) }} />
        {versions.map((v, i) => {
          const at = pct(fractions[i] ?? 0);
          const tags = tagsByVersion.get(v.version);
          return (
            <div key={v.version} className="slider-stop" style={{ left: at }}>
              {tags && (
                <span className="tag-marker" title={`Tagged ${tags.join(', ')}`}>
                  {/* Names only while they fit; otherwise a marker, named in its tooltip. */}
                  {roomForNames || v.version === shown ? tags.join(', ') : '◆'}
                </span>
              )}
              <span
                className={v.version === shown ? 'tick current' : 'tick'}
                style={{ background: OPERATION_STYLE[v.operation].color }}
                title={versionText(v)}
              />
              {(i % labelEvery === 0 || i === versions.length - 1) && <span className="tick-label">v{v.version}</span>}
            </div>
          );
        })}
        <span className="slider-thumb" style={{ left: pct(fractions[index] ?? 0) }} aria-hidden="true" />
      </div>
    </div>
  );
}
