/** A tiny line of one column's values across versions (gaps where the row is absent); changed versions are dotted. */
export function Sparkline({
  values,
  changed,
}: {
  /** One per version, oldest first; null where the row (or a numeric value) is absent. */
  readonly values: readonly (number | null)[];
  readonly changed: readonly boolean[];
}) {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return null;
  const min = Math.min(...present);
  const max = Math.max(...present);
  const width = 100;
  const height = 24;
  const x = (i: number) => (values.length === 1 ? width / 2 : (i / (values.length - 1)) * (width - 6) + 3);
  const y = (v: number) => (max === min ? height / 2 : height - 3 - ((v - min) / (max - min)) * (height - 6));
  // Consecutive present values form one run; absence breaks the line.
  const runs: string[] = [];
  let run: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length) runs.push(run.join(' '));
      run = [];
    } else run.push(`${x(i).toFixed(2)},${y(v).toFixed(2)}`);
  });
  if (run.length) runs.push(run.join(' '));
  return (
    <svg className="sparkline" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" aria-hidden="true">
      {runs.map((points) => (
        <polyline key={points} points={points} fill="none" vectorEffect="non-scaling-stroke" />
      ))}
      {values.map((v, i) =>
        v === null ? null : (
          <circle key={i} cx={x(i)} cy={y(v)} r={changed[i] ? 2.6 : 1.6} className={changed[i] ? 'changed' : ''} />
        ),
      )}
    </svg>
  );
}
