// Compares two EiRnnPipeline datasets by content with DuckDB (a Parquet reader independent of the project's own):
// the manifests (as JSON values) and every table (each folder holding Parquet files: trials, timeseries, units, ...)
// as multisets of rows over all columns, the hive partition column `perturbation` included. Part file names, the
// number of part files, row order and the _SUCCESS markers do not matter, so a dataset written by N shards equals
// the same sweep run unsharded (docs/sweeps.md#work-units-seeds-and-shards).
// Prints one line per item and a last line starting with PASS or FAIL; exits 0 when equal, 1 when not, 2 on usage.
// Usage: node compare.mjs DATASET_A DATASET_B      (after `npm install` in this folder; tools/dataset-check/README.md)
import { readFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

if (process.argv.length !== 4) {
  console.error('usage: node compare.mjs DATASET_A DATASET_B');
  process.exit(2);
}
const roots = [resolve(process.argv[2]), resolve(process.argv[3])];
for (const root of roots) {
  if (!existsSync(join(root, 'manifest.json'))) {
    console.error(`${root}: no manifest.json (not a dataset)`);
    process.exit(2);
  }
}

const differences = [];
const report = (ok, what) => {
  console.log(`${ok ? 'same' : 'DIFF'} ${what}`);
  if (!ok) differences.push(what);
};

// Manifests: equal as JSON values (key order ignored).
const canonical = (v) => Array.isArray(v) ? v.map(canonical)
  : v !== null && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])])) : v;
const manifests = roots.map((r) => JSON.parse(readFileSync(join(r, 'manifest.json'), 'utf8')));
const keys = [...new Set(manifests.flatMap((m) => Object.keys(m)))].sort();
const differingKeys = keys.filter((k) => JSON.stringify(canonical(manifests[0][k])) !== JSON.stringify(canonical(manifests[1][k])));
report(differingKeys.length === 0,
  `manifest.json${differingKeys.length ? `: keys differ: ${differingKeys.join(', ')}` : ` (${keys.length} keys)`}`);

// Tables: every top-level folder that holds a .parquet file at any depth.
const hasParquet = (dir) => readdirSync(dir).some((name) => {
  const p = join(dir, name);
  return statSync(p).isDirectory() ? hasParquet(p) : name.endsWith('.parquet');
});
const tablesOf = (root) => readdirSync(root).filter((n) => statSync(join(root, n)).isDirectory() && hasParquet(join(root, n))).sort();
const tableLists = roots.map(tablesOf);
const tables = [...new Set(tableLists.flat())].sort();
for (const t of tables) {
  const missing = roots.filter((_, i) => !tableLists[i].includes(t));
  if (missing.length) report(false, `table ${t}: missing in ${missing.join(', ')}`);
}

const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
const rows = async (sql) => (await db.runAndReadAll(sql)).getRowObjectsJson();
const sqlString = (s) => `'${s.replaceAll("'", "''")}'`;
const ident = (s) => `"${s.replaceAll('"', '""')}"`;
// Partition values are read as text (no type guessing), so `perturbation=1` and `perturbation=01` stay distinct.
const source = (root, t) => `read_parquet(${sqlString(join(root, t, '**', '*.parquet'))}, hive_partitioning = true, hive_types_autocast = false)`;

for (const t of tables.filter((name) => tableLists.every((list) => list.includes(name)))) {
  await db.run(`CREATE OR REPLACE VIEW a AS SELECT * FROM ${source(roots[0], t)}`);
  await db.run(`CREATE OR REPLACE VIEW b AS SELECT * FROM ${source(roots[1], t)}`);
  const [colsA, colsB] = [await rows('DESCRIBE a'), await rows('DESCRIBE b')];
  const describe = (cols) => cols.map((c) => `${c.column_name} ${c.column_type}`).sort().join(', ');
  if (describe(colsA) !== describe(colsB)) {
    report(false, `table ${t}: columns differ\n       A: ${describe(colsA)}\n       B: ${describe(colsB)}`);
    continue;
  }
  // Same column set: select them in one order on both sides, then compare as multisets (EXCEPT ALL both ways;
  // NULLs compare equal there, and DuckDB orders NaN equal to NaN, so identical files compare equal).
  const list = colsA.map((c) => ident(c.column_name)).join(', ');
  const [{ n_a: nA, n_b: nB, only_a: onlyA, only_b: onlyB }] = await rows(`SELECT
      (SELECT count(*) FROM a) AS n_a, (SELECT count(*) FROM b) AS n_b,
      (SELECT count(*) FROM (SELECT ${list} FROM a EXCEPT ALL SELECT ${list} FROM b)) AS only_a,
      (SELECT count(*) FROM (SELECT ${list} FROM b EXCEPT ALL SELECT ${list} FROM a)) AS only_b`);
  const same = Number(onlyA) === 0 && Number(onlyB) === 0;
  let detail = `${nA} rows, ${colsA.length} columns`;
  if (!same) {
    detail = `A ${nA} rows, B ${nB} rows; ${onlyA} rows only in A, ${onlyB} rows only in B`;
    // Where rows carry a trial id, name the columns whose values differ for the same (perturbation, trial).
    const names = colsA.map((c) => c.column_name);
    const key = ['perturbation', 'trial'].filter((k) => names.includes(k));
    if (key.includes('trial')) {
      const on = key.map((k) => `a.${ident(k)} = b.${ident(k)}`).join(' AND ');
      const counts = names.filter((n) => !key.includes(n))
        .map((n) => `count(*) FILTER (WHERE a.${ident(n)} IS DISTINCT FROM b.${ident(n)}) AS ${ident(n)}`).join(', ');
      const [byColumn] = await rows(`SELECT count(*) AS matched, ${counts} FROM a JOIN b ON ${on}`);
      const changed = Object.entries(byColumn).filter(([k, v]) => k !== 'matched' && Number(v) > 0);
      detail += `; of ${byColumn.matched} rows with the same (${key.join(', ')}), values differ in ` +
        (changed.length ? changed.map(([k, v]) => `${k} (${v})`).join(', ') : 'no column');
      const [missing] = await rows(`SELECT
          (SELECT count(*) FROM a ANTI JOIN b ON ${on}) AS only_a, (SELECT count(*) FROM b ANTI JOIN a ON ${on}) AS only_b`);
      detail += `; (${key.join(', ')}) only in A: ${missing.only_a}, only in B: ${missing.only_b}`;
    }
  }
  report(same, `table ${t}: ${detail}`);
}
db.closeSync();

console.log(differences.length === 0
  ? `PASS: ${roots[0]} and ${roots[1]} are equal by content (manifest and tables ${tables.join(', ')})`
  : `FAIL: ${roots[0]} and ${roots[1]} differ (${differences.length} difference(s))`);
process.exit(differences.length === 0 ? 0 : 1);
