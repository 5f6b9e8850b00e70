/** The benchmark page's entry: everything bench/run.mjs calls with `page.evaluate`, on `window.bench`. */
import * as data from './data';
import * as daff from './daff-runner';
import * as duck from './duck';
import * as engine from './engine-runner';
import * as meta from './meta';
import * as strata from './strata';

const bench = { ...data, ...daff, ...duck, ...engine, ...meta, ...strata };

declare global {
  interface Window {
    bench: typeof bench;
  }
}

window.bench = bench;
document.title = 'Strata benchmark (ready)';
