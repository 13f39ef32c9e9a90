// Opens an EiRnnPipeline dataset with DuckDB, a Parquet reader independent of the project's own, and prints
// row counts per perturbation, column types and a behavioural summary. Exits 1 if a consistency check fails.
// Usage: node check.mjs DATASET_DIR      (after `npm install` in this folder)
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node check.mjs DATASET_DIR');
  process.exit(2);
}
const root = resolve(dir);
const manifestPath = join(root, 'manifest.json');
if (!existsSync(manifestPath)) {
  console.error(`${root}: no manifest.json (not a dataset)`);
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const sqlPath = (p) => `'${p.replaceAll("'", "''")}'`;
const table = (name) => `read_parquet(${sqlPath(join(root, name, '**', '*.parquet'))}, hive_partitioning = true)`;

const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
const query = async (sql) => (await db.runAndReadAll(sql)).getRowObjectsJson();
const show = async (title, sql) => {
  console.log(`\n## ${title}`);
  const rows = await query(sql);
  console.table(rows);
  return rows;
};
const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

console.log(`dataset ${root}`);
console.log(`task ${manifest.task}, timing ${manifest.timing}, dt ${manifest.dt_ms} ms, dt_save ${manifest.dt_save_ms} ms, ` +
  `t_save ${manifest.t_save}, n ${manifest.n}, nout ${manifest.nout}, saved [${manifest.saved.join(', ')}]`);

await db.run(`CREATE VIEW trials AS SELECT * FROM ${table('trials')}`);
await db.run(`CREATE VIEW timeseries AS SELECT * FROM ${table('timeseries')}`);

// Schema version 2 added the trials table's `diverged` column (docs/diverged-trials.md); version 1 has none.
const hasDiverged = (manifest.schema_version ?? 1) >= 2;
const divergedSql = hasDiverged ? 'diverged' : 'false';
await show('trials: rows per perturbation',
  `SELECT perturbation, count(*) AS trials, count(DISTINCT trial) AS distinct_trials,
          count(*) FILTER (WHERE ${divergedSql}) AS diverged
   FROM trials GROUP BY ALL ORDER BY ALL`);
await show('trials: column types', "SELECT column_name, column_type, \"null\" FROM (DESCRIBE trials)");

const conditions = manifest.condition_columns.map((c) => c.name);
const by = conditions.includes('coherence') ? 'coherence' : conditions[0];
if (by) {
  await show(`trials: behaviour by ${by}`,
    `SELECT perturbation, "${by}", count(*) AS n, round(avg((choice = 0)::DOUBLE), 3) AS p_choice0,
            round(avg(correct::INT), 3) AS accuracy, round(avg(rt_ms), 1) AS mean_rt_ms,
            count(*) FILTER (WHERE choice IS NULL AND NOT ${divergedSql}) AS no_response,
            count(*) FILTER (WHERE ${divergedSql}) AS diverged
     FROM trials GROUP BY ALL ORDER BY ALL`);
}

const zLen = manifest.t_save * manifest.nout;
const rLen = manifest.t_save * manifest.n;
const hasR = manifest.saved.includes('r');
const series = await show('timeseries: rows and list lengths per perturbation',
  `SELECT perturbation, count(*) AS rows, min(len(z)) AS min_z_len, max(len(z)) AS max_z_len
          ${hasR ? ', min(len(r)) AS min_r_len, max(len(r)) AS max_r_len' : ''},
          round(avg(z[${zLen - manifest.nout + 1}]), 4) AS mean_last_z0
   FROM timeseries GROUP BY ALL ORDER BY ALL`);
await show('timeseries: column types', "SELECT column_name, column_type FROM (DESCRIBE timeseries)");

if (existsSync(join(root, 'units'))) {
  await show('units: count by type', `SELECT type, count(*) AS units, round(avg(tau_ms), 2) AS mean_tau_ms
     FROM read_parquet(${sqlPath(join(root, 'units', '*.parquet'))}) GROUP BY ALL ORDER BY ALL`);
}

console.log('\n## checks');
const [dup] = await query('SELECT count(*) - count(DISTINCT trial) AS duplicates FROM trials');
check(Number(dup.duplicates) === 0, 'trial ids are unique across the dataset');
check(series.every((s) => Number(s.min_z_len) === zLen && Number(s.max_z_len) === zLen), `every z has t_save x nout = ${zLen} values`);
if (hasR) check(series.every((s) => Number(s.min_r_len) === rLen && Number(s.max_r_len) === rLen), `every r has t_save x n = ${rLen} values`);
const [orphans] = await query(`SELECT
    (SELECT count(*) FROM trials WHERE trial NOT IN (SELECT trial FROM timeseries)) AS without_series,
    (SELECT count(*) FROM timeseries WHERE trial NOT IN (SELECT trial FROM trials)) AS without_trial`);
check(Number(orphans.without_series) === 0 && Number(orphans.without_trial) === 0, 'trials and timeseries hold the same trial ids');
const [badChoice] = await query(`SELECT count(*) AS n FROM trials WHERE choice < 0 OR choice >= ${manifest.nout}`);
check(Number(badChoice.n) === 0, `choice is null or an output index in [0, ${manifest.nout - 1}]`);
const trialColumns = (await query("SELECT column_name FROM (DESCRIBE trials)")).map((c) => c.column_name);
if (hasDiverged) {
  check(trialColumns.includes('diverged'), `schema version ${manifest.schema_version}: the trials table has a diverged column`);
  const [divergedRows] = await query(`SELECT count(*) FILTER (WHERE diverged IS NULL) AS null_flags,
      count(*) FILTER (WHERE diverged AND (choice IS NOT NULL OR correct IS NOT NULL OR rt_ms IS NOT NULL)) AS with_outcome FROM trials`);
  check(Number(divergedRows.null_flags) === 0, 'diverged is never null');
  check(Number(divergedRows.with_outcome) === 0, 'diverged trials have no choice, correct or rt_ms');
} else {
  check(!trialColumns.includes('diverged'), 'schema version 1: no diverged column');
}

db.closeSync();
if (failures.length > 0) {
  console.error(`\n${failures.length} check(s) failed`);
  process.exit(1);
}
console.log('\nall checks passed');
