/** How big each workload is: the sizes (full), and `--quick` (100k rows, fewer versions, about a minute). */
export const SIZES = {
  full: {
    import: { rows: 1_000_000, runs: 5 },
    append: { bases: [100_000, 1_000_000, 5_000_000], count: 100, rows: 10_000 },
    timeline: { rows: 1_000_000, versions: 100, warmReads: 50, coldRuns: 5, warmSteps: 50 },
    diff: { rows: 1_000_000, runs: 5, daffRows: [1_000_000, 100_000] },
    update: { rows: 1_000_000, runs: 5 },
    history: { commits: 1000 },
  },
  quick: {
    import: { rows: 100_000, runs: 5 },
    append: { bases: [100_000], count: 20, rows: 10_000 },
    timeline: { rows: 100_000, versions: 20, warmReads: 20, coldRuns: 5, warmSteps: 15 },
    diff: { rows: 100_000, runs: 5, daffRows: [100_000, 100_000] },
    update: { rows: 100_000, runs: 5 },
    history: { commits: 100 },
  },
};
