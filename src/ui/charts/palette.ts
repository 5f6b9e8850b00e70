/**
 * Chart colours. recharts writes them as SVG presentation attributes, where CSS custom properties do not apply, so
 * they repeat the values of styles.css's palette (--ok, --danger, --accent, …) here, once.
 */
export const CHART_COLORS = {
  added: '#2b8a3e',
  removed: '#c92a2a',
  total: '#b7c5f3',
  from: '#9aa3b2',
  to: '#3559d6',
  differing: '#f59f00',
  grid: '#eef0f3',
  axis: '#7a8494',
  shown: '#eaf0ff',
} as const;

export const AXIS_TICK = { fontSize: 11, fill: CHART_COLORS.axis } as const;
