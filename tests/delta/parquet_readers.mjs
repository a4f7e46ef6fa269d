// Reads the files of parquet_fixture_writer with two independent Parquet readers and compares
// them with expected.json. Prints {"files": N, "mismatches": [...]} on stdout.
//
// usage: node parquet_readers.mjs CHECK DIR
//   CHECK: duckdb-rows | duckdb-schema | duckdb-statistics
//          hyparquet-rows | hyparquet-schema | hyparquet-statistics

import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';

const [check, dir] = process.argv.slice(2);
const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8'));
const mismatches = [];
const MAX_PER_FILE = 20;

// --- Canonical values: one JSON-comparable form whatever the reader returns -----------------

const INTEGER_TYPES = new Set(['Int32', 'Date']);
const BIGINT_TYPES = new Set(['Int64', 'TimestampMicros']);
const REAL_TYPES = new Set(['Float', 'Double']);

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y, m, d) {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** "YYYY-MM-DD" -> days. */
function parseDate(text) {
  const match = /^(\d{4,})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return `unparsed date ${text}`;
  return daysFromCivil(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** "YYYY-MM-DD HH:MM:SS[.ffffff]+00" -> microseconds as a decimal string. */
function parseTimestamp(text) {
  const match = /^(\d{4,}-\d{2}-\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?\+00$/.exec(text);
  if (!match) return `unparsed timestamp ${text}`;
  const seconds = BigInt(parseDate(match[1])) * 86400n +
    BigInt(match[2]) * 3600n + BigInt(match[3]) * 60n + BigInt(match[4]);
  return String(seconds * 1000000n + BigInt((match[5] ?? '').padEnd(6, '0')));
}

function canonicalReal(value) {
  if (typeof value === 'string') return value; // "NaN", "Infinity", "-Infinity" from JSON
  if (typeof value !== 'number') return `not a number: ${typeof value} ${value}`;
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (Object.is(value, -0)) return '-0';
  return value;
}

/** The canonical form of a value of a column of `type`, or a string saying what is wrong. */
function canonical(type, value) {
  if (value === null || value === undefined) return null;
  if (type === 'Boolean') return typeof value === 'boolean' ? value : `not a boolean: ${value}`;
  if (type === 'String') return typeof value === 'string' ? value : `not a string: ${value}`;
  if (REAL_TYPES.has(type)) return canonicalReal(value);
  if (typeof value === 'object' && 'days' in value) return value.days; // DuckDBDateValue
  if (typeof value === 'object' && 'micros' in value) return String(value.micros); // TIMESTAMPTZ
  if (INTEGER_TYPES.has(type)) {
    return typeof value === 'number' ? value : `not an int32: ${typeof value} ${value}`;
  }
  if (BIGINT_TYPES.has(type)) {
    return typeof value === 'bigint' || typeof value === 'string' ? String(value)
      : `not an int64: ${typeof value} ${value}`;
  }
  return `unknown type ${type}`;
}

function same(type, want, got) {
  return JSON.stringify(canonical(type, want)) === JSON.stringify(canonical(type, got));
}

function show(type, value) {
  return JSON.stringify(canonical(type, value));
}

function report(file, message) {
  if (mismatches.filter((m) => m.startsWith(file.file)).length < MAX_PER_FILE) {
    mismatches.push(`${file.file}: ${message}`);
  }
}

function compareRows(file, rows) {
  if (rows.length !== file.rows.length) {
    report(file, `${rows.length} rows read, ${file.rows.length} written`);
  }
  const count = Math.min(rows.length, file.rows.length);
  for (let r = 0; r < count; ++r) {
    file.columns.forEach((column, c) => {
      const got = rows[r][column.name];
      if (!same(column.type, file.rows[r][c], got)) {
        report(file, `row ${r} ${column.name}: want ${show(column.type, file.rows[r][c])}, ` +
          `got ${show(column.type, got)}`);
      }
    });
  }
}

// --- Statistics over row groups ---------------------------------------------------------------

function compareBounds(type, a, b) {
  if (type === 'String') return Buffer.compare(Buffer.from(a), Buffer.from(b));
  if (BIGINT_TYPES.has(type)) return BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0;
  if (type === 'Boolean') return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Folds per-row-group statistics ({nulls, values, min, max}, bounds in canonical form or null)
 * and compares them with the writer's file statistics. A chunk holding values without bounds is
 * tolerated only where the writer's bound is infinite: DuckDB does not report infinite bounds.
 */
function compareStatistics(file, column, want, chunks, tolerateInfinite) {
  let nulls = 0;
  let min = null;
  let max = null;
  let unknown = false;
  for (const chunk of chunks) {
    nulls += chunk.nulls;
    if (chunk.min === null || chunk.max === null) {
      unknown ||= chunk.values > chunk.nulls;
    }
    if (chunk.min !== null && (min === null || compareBounds(column.type, chunk.min, min) < 0)) {
      min = chunk.min;
    }
    if (chunk.max !== null && (max === null || compareBounds(column.type, chunk.max, max) > 0)) {
      max = chunk.max;
    }
  }
  if (nulls !== want.nullCount) {
    report(file, `${column.name} null count ${nulls}, writer said ${want.nullCount}`);
  }
  for (const [name, got, bound] of [['min', min, want.min], ['max', max, want.max]]) {
    const wantBound = want.hasMinMax ? canonical(column.type, bound) : null;
    const infinite = wantBound === 'Infinity' || wantBound === '-Infinity';
    if (JSON.stringify(got) === JSON.stringify(wantBound)) continue;
    if (unknown && tolerateInfinite && infinite) continue;
    report(file, `${column.name} ${name} ${JSON.stringify(got)}, writer said ` +
      JSON.stringify(wantBound));
  }
}

// --- DuckDB -----------------------------------------------------------------------------------

const DUCKDB_TYPES = {
  Boolean: 'BOOLEAN', Int32: 'INTEGER', Int64: 'BIGINT', Float: 'FLOAT', Double: 'DOUBLE',
  String: 'VARCHAR', Date: 'DATE', TimestampMicros: 'TIMESTAMP WITH TIME ZONE',
};
const PHYSICAL_TYPES = {
  Boolean: 'BOOLEAN', Int32: 'INT32', Int64: 'INT64', Float: 'FLOAT', Double: 'DOUBLE',
  String: 'BYTE_ARRAY', Date: 'INT32', TimestampMicros: 'INT64',
};
const CONVERTED_TYPES = { String: 'UTF8', Date: 'DATE', TimestampMicros: 'TIMESTAMP_MICROS' };

let connection;
async function query(sql) {
  connection ??= await (await DuckDBInstance.create(':memory:')).connect();
  return (await connection.runAndReadAll(sql)).getRowObjects();
}

const quoted = (file) => `'${path.join(dir, file.file).replaceAll("'", "''")}'`;

async function duckdbRows(file) {
  const rows = await query(`SELECT * FROM read_parquet(${quoted(file)}, ` +
    'file_row_number = true) ORDER BY file_row_number');
  compareRows(file, rows);
}

async function duckdbSchema(file) {
  const described = await query(`DESCRIBE SELECT * FROM read_parquet(${quoted(file)})`);
  const schema = await query(`SELECT * FROM parquet_schema(${quoted(file)})`);
  const [meta] = await query(`SELECT * FROM parquet_file_metadata(${quoted(file)})`);
  const chunks = await query(`SELECT * FROM parquet_metadata(${quoted(file)})`);
  if (meta.created_by !== 'streamgen') report(file, `created_by ${meta.created_by}`);
  if (Number(meta.num_rows) !== file.rows.length) report(file, `num_rows ${meta.num_rows}`);
  if (Number(meta.num_row_groups) !== file.rowGroups) {
    report(file, `${meta.num_row_groups} row groups, ${file.rowGroups} written`);
  }
  if (described.length !== file.columns.length) report(file, `${described.length} columns`);
  file.columns.forEach((column, c) => {
    const leaf = schema[c + 1] ?? {};
    const checks = [
      ['name', described[c]?.column_name, column.name],
      ['type', described[c]?.column_type, DUCKDB_TYPES[column.type]],
      ['physical type', leaf.type, PHYSICAL_TYPES[column.type]],
      ['repetition', leaf.repetition_type, column.nullable ? 'OPTIONAL' : 'REQUIRED'],
      ['converted type', leaf.converted_type, CONVERTED_TYPES[column.type] ?? null],
    ];
    for (const [what, got, want] of checks) {
      if (got !== want) report(file, `${column.name} ${what} ${got}, want ${want}`);
    }
    for (const chunk of chunks.filter((row) => row.path_in_schema === column.name)) {
      if (chunk.compression !== file.compression) {
        report(file, `${column.name} compression ${chunk.compression}`);
      }
      const dictionary = chunk.encodings.includes('RLE_DICTIONARY');
      if (dictionary !== column.expectDictionary) {
        report(file, `${column.name} encodings ${chunk.encodings}`);
      }
    }
  });
}

/** parquet_metadata's text form of a bound -> the canonical form of expected.json. */
function duckdbBound(type, text) {
  if (text === null) return null;
  if (type === 'Boolean') return text === 'true';
  if (type === 'String') return text;
  if (type === 'Date') return parseDate(text);
  if (type === 'TimestampMicros') return parseTimestamp(text);
  if (BIGINT_TYPES.has(type)) return String(BigInt(text));
  if (type === 'Float') return canonicalReal(Math.fround(Number(text)));
  if (type === 'Double') return canonicalReal(Number(text));
  return Number(text);
}

async function duckdbStatistics(file) {
  const chunks = await query(`SELECT * FROM parquet_metadata(${quoted(file)})`);
  file.columns.forEach((column, c) => {
    const ofColumn = chunks.filter((row) => row.path_in_schema === column.name).map((row) => ({
      nulls: Number(row.stats_null_count),
      values: Number(row.num_values),
      min: duckdbBound(column.type, row.stats_min_value),
      max: duckdbBound(column.type, row.stats_max_value),
    }));
    compareStatistics(file, column, file.statistics[c], ofColumn, true);
  });
}

// --- hyparquet --------------------------------------------------------------------------------

// Raw integers rather than Date objects, which would drop the microseconds.
const parsers = {
  timestampFromMicroseconds: (micros) => micros,
  dateFromDays: (days) => days,
};

async function hyparquetRows(file) {
  const buffer = await asyncBufferFromFile(path.join(dir, file.file));
  compareRows(file, await parquetReadObjects({ file: buffer, compressors, parsers }));
}

async function hyparquetMetadata(file) {
  return parquetMetadataAsync(await asyncBufferFromFile(path.join(dir, file.file)), { parsers });
}

const LOGICAL_TYPES = { String: 'STRING', Date: 'DATE', TimestampMicros: 'TIMESTAMP' };

async function hyparquetSchema(file) {
  const metadata = await hyparquetMetadata(file);
  if (metadata.version !== 1) report(file, `version ${metadata.version}`);
  if (Number(metadata.num_rows) !== file.rows.length) report(file, `num_rows ${metadata.num_rows}`);
  if (metadata.schema[0].num_children !== file.columns.length) report(file, 'root num_children');
  file.columns.forEach((column, c) => {
    const leaf = metadata.schema[c + 1] ?? {};
    const logical = leaf.logical_type ?? {};
    const checks = [
      ['name', leaf.name, column.name],
      ['physical type', leaf.type, PHYSICAL_TYPES[column.type]],
      ['repetition', leaf.repetition_type, column.nullable ? 'OPTIONAL' : 'REQUIRED'],
      ['converted type', leaf.converted_type, CONVERTED_TYPES[column.type]],
      ['logical type', logical.type, LOGICAL_TYPES[column.type]],
    ];
    if (column.type === 'TimestampMicros') {
      checks.push(['isAdjustedToUTC', logical.isAdjustedToUTC, true]);
      checks.push(['unit', logical.unit, 'MICROS']);
    }
    for (const [what, got, want] of checks) {
      if (got !== want) report(file, `${column.name} ${what} ${got}, want ${want}`);
    }
  });
}

async function hyparquetStatistics(file) {
  const metadata = await hyparquetMetadata(file);
  file.columns.forEach((column, c) => {
    const chunks = metadata.row_groups.map((group) => {
      const meta = group.columns[c].meta_data;
      const statistics = meta.statistics ?? {};
      const bound = (value) => (value === undefined ? null : canonical(column.type, value));
      return {
        nulls: Number(statistics.null_count),
        values: Number(meta.num_values),
        min: bound(statistics.min_value),
        max: bound(statistics.max_value),
      };
    });
    compareStatistics(file, column, file.statistics[c], chunks, false);
  });
}

// --- main -------------------------------------------------------------------------------------

const CHECKS = {
  'duckdb-rows': duckdbRows,
  'duckdb-schema': duckdbSchema,
  'duckdb-statistics': duckdbStatistics,
  'hyparquet-rows': hyparquetRows,
  'hyparquet-schema': hyparquetSchema,
  'hyparquet-statistics': hyparquetStatistics,
};

if (!CHECKS[check]) {
  console.error(`unknown check ${check}; one of ${Object.keys(CHECKS).join(', ')}`);
  process.exit(2);
}
for (const file of expected.files) {
  try {
    await CHECKS[check](file);
  } catch (error) {
    report(file, `read failed: ${error.stack ?? error}`);
  }
}
console.log(JSON.stringify({ files: expected.files.length, mismatches }));
