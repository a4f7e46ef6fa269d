// Reads a Delta table the way a Delta reader does, from its log, with an independent Parquet
// reader, and prints its rows as JSON lines in one form whatever the reader returns: timestamps
// as epoch milliseconds, dates as days since 1970-01-01, 64-bit integers as numbers.
//
// usage: node delta_table_reader.mjs duckdb|hyparquet TABLE_DIR

import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';

const [reader, table] = process.argv.slice(2);

/** Replays the JSON commits: the schema of the last metaData and the files still added. */
function replayLog(folder) {
  const log = path.join(folder, '_delta_log');
  const commits = fs.readdirSync(log).filter((name) => /^\d{20}\.json$/.test(name)).sort();
  let schema = null;
  const files = new Set();
  for (const name of commits) {
    for (const line of fs.readFileSync(path.join(log, name), 'utf8').split('\n')) {
      if (!line) continue;
      const action = JSON.parse(line);
      if (action.metaData) schema = JSON.parse(action.metaData.schemaString);
      if (action.add) files.add(decodeURIComponent(action.add.path));
      if (action.remove) files.delete(decodeURIComponent(action.remove.path));
    }
  }
  return { schema, files: [...files].map((file) => path.join(folder, file)) };
}

const DAY_MS = 86400000;

function normalise(row, types) {
  const out = {};
  for (const [name, type] of Object.entries(types)) {
    let value = row[name];
    if (value === null || value === undefined) {
      out[name] = null;
      continue;
    }
    if (typeof value === 'bigint') value = Number(value);
    if (type === 'timestamp') {
      value = value instanceof Date ? value.getTime() : Number(value);
    } else if (type === 'date') {
      value = value instanceof Date ? Math.round(value.getTime() / DAY_MS) : Number(value);
    }
    out[name] = value;
  }
  return out;
}

async function readDuckdb(files, types) {
  if (files.length === 0) return [];
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  const columns = Object.entries(types).map(([name, type]) => {
    const quoted = `"${name.replaceAll('"', '""')}"`;
    if (type === 'timestamp') return `epoch_ms(${quoted}::TIMESTAMP) AS ${quoted}`;
    if (type === 'date') return `(${quoted} - DATE '1970-01-01') AS ${quoted}`;
    return quoted;
  });
  const list = files.map((file) => `'${file.replaceAll("'", "''")}'`).join(', ');
  const sql = `SELECT ${columns.join(', ')} FROM read_parquet([${list}])`;
  return (await connection.runAndReadAll(sql)).getRowObjects();
}

async function readHyparquet(files) {
  const rows = [];
  for (const file of files) {
    const buffer = await asyncBufferFromFile(file);
    rows.push(...(await parquetReadObjects({ file: buffer, compressors })));
  }
  return rows;
}

const { schema, files } = replayLog(table);
const types = Object.fromEntries(schema.fields.map((field) => [field.name, field.type]));
const rows = reader === 'duckdb' ? await readDuckdb(files, types) : await readHyparquet(files);
const out = rows.map((row) => JSON.stringify(normalise(row, types)));
process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
