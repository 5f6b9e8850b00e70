#!/usr/bin/env node
/**
 * Prints a results file's table as Markdown (for docs/performance.md) or, with --text, as run.mjs printed it.
 *
 *   node bench/table.mjs bench/results/<file>.json [--text]
 */
import { readFileSync } from 'node:fs';
import { markdownTable, quickCaveat, textTable } from './lib/report.mjs';

const file = process.argv[2];
if (!file) throw new Error('Usage: node bench/table.mjs bench/results/<file>.json [--text]');
const results = JSON.parse(readFileSync(file, 'utf8'));
console.log(process.argv.includes('--text') ? textTable(results) : markdownTable(results));
if (quickCaveat(results)) console.log(`\n${quickCaveat(results)}`);
