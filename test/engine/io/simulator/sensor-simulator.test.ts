import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, promises as fs, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SensorRecordGenerator,
  SensorSimulator,
  SENSOR_ACTIVITIES,
  SENSOR_MODELS,
  wellFormedRows,
  writeSensorFolder,
} from '../../../../engine/io/simulator';

describe('sensor simulator (the lab dataset, Heterogeneity Activity Recognition)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tidemark-sim-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes rows with the dataset fields and types', async () => {
    const sim = new SensorSimulator({ dir, rowsPerFile: 50, seed: 1 });
    const file = await sim.writeFile();
    expect(file.name).toBe('part-00000.json');
    const lines = (await fs.readFile(file.path, 'utf8')).trimEnd().split('\n');
    expect(lines).toEqual(file.records.map((r) => r.line));
    const first = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(Object.keys(first)).toEqual([
      'Arrival_Time',
      'Creation_Time',
      'Device',
      'Index',
      'Model',
      'User',
      'gt',
      'x',
      'y',
      'z',
    ]);
    // Creation_Time is nanoseconds: 19 digits, printed exactly.
    expect(lines[0]).toMatch(/"Creation_Time":\d{19},/);
    for (const { row } of file.records) {
      expect(String(row.Arrival_Time)).toMatch(/^\d{13}$/);
      expect(row.Creation_Time / 1_000_000n).toBeLessThanOrEqual(BigInt(row.Arrival_Time));
      expect(SENSOR_MODELS).toContain(row.Model);
      expect(row.Device).toMatch(new RegExp(`^${row.Model}_[12]$`));
      expect('abcdefghi').toContain(row.User);
      if (row.gt !== null) expect(SENSOR_ACTIVITIES).toContain(row.gt);
    }
    expect(file.records.map((r) => r.row.Index)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('is deterministic: same seed, same bytes', async () => {
    const a = new SensorSimulator({
      dir: join(dir, 'a'),
      seed: 99,
      lateFraction: 0.2,
      malformedFraction: 0.1,
      nullFraction: 0.1,
    });
    const b = new SensorSimulator({
      dir: join(dir, 'b'),
      seed: 99,
      lateFraction: 0.2,
      malformedFraction: 0.1,
      nullFraction: 0.1,
    });
    const c = new SensorSimulator({ dir: join(dir, 'c'), seed: 100 });
    for (let i = 0; i < 3; i++) {
      const [fa, fb, fc] = [await a.writeFile(), await b.writeFile(), await c.writeFile()];
      expect(await fs.readFile(fa.path)).toEqual(await fs.readFile(fb.path));
      expect(await fs.readFile(fa.path)).not.toEqual(await fs.readFile(fc.path));
    }
  });

  it('makes about lateFraction rows late by lateBySeconds against the simulated clock', () => {
    const gen = new SensorRecordGenerator({
      seed: 3,
      lateFraction: 0.25,
      lateBySeconds: 90,
      clockStartMs: 1_700_000_000_000,
      clockStepMs: 10,
    });
    const records = Array.from({ length: 4000 }, () => gen.next());
    const late = records.filter((r) => r.late);
    expect(late.length / records.length).toBeGreaterThan(0.22);
    expect(late.length / records.length).toBeLessThan(0.28);
    records.forEach((r, i) => {
      const clock = 1_700_000_000_000 + i * 10;
      const eventMs = Number(r.row.Creation_Time / 1_000_000n);
      expect(eventMs).toBe(r.late ? clock - 90_000 : clock);
    });
  });

  it('breaks about malformedFraction lines, each unparseable or mistyped', () => {
    const gen = new SensorRecordGenerator({ seed: 4, malformedFraction: 0.2 });
    const records = Array.from({ length: 4000 }, () => gen.next());
    const bad = records.filter((r) => r.malformed !== null);
    expect(bad.length / records.length).toBeGreaterThan(0.17);
    expect(bad.length / records.length).toBeLessThan(0.23);
    expect(new Set(bad.map((r) => r.malformed))).toEqual(
      new Set(['truncated', 'wrong-type', 'not-json']),
    );
    for (const r of bad) {
      if (r.malformed === 'wrong-type') {
        const o = JSON.parse(r.line) as Record<string, unknown>;
        const mistyped =
          typeof o.x === 'string' ||
          typeof o.Index === 'string' ||
          typeof o.Arrival_Time === 'boolean';
        expect(mistyped, r.line).toBe(true);
      } else {
        expect(() => JSON.parse(r.line), r.line).toThrow();
      }
    }
    for (const r of records.filter((x) => x.malformed === null))
      expect(() => JSON.parse(r.line)).not.toThrow();
  });

  it('sets fields to null for about nullFraction rows', () => {
    const gen = new SensorRecordGenerator({ seed: 5, nullFraction: 0.3 });
    const rows = Array.from({ length: 3000 }, () => gen.next().row);
    const withNull = rows.filter(
      (r) =>
        r.Device === null ||
        r.Model === null ||
        r.User === null ||
        r.x === null ||
        r.y === null ||
        r.z === null,
    );
    expect(withNull.length / rows.length).toBeGreaterThan(0.2);
    expect(withNull.length / rows.length).toBeLessThan(0.32);
  });

  it('writes atomically (temp name, then rename) and continues numbering in a used folder', async () => {
    const first = new SensorSimulator({ dir, rowsPerFile: 2 });
    await first.writeFile();
    await first.writeFile();
    const second = new SensorSimulator({ dir, rowsPerFile: 2 });
    expect((await second.writeFile()).name).toBe('part-00002.json');
    expect((await fs.readdir(dir)).sort()).toEqual([
      'part-00000.json',
      'part-00001.json',
      'part-00002.json',
    ]);
    expect(wellFormedRows([await second.writeFile()])).toHaveLength(2);
  });

  it('timed mode writes filesPerSecond files until maxFiles, then stops', async () => {
    const seen: string[] = [];
    const sim = new SensorSimulator({
      dir,
      rowsPerFile: 1,
      filesPerSecond: 100,
      maxFiles: 5,
      onFile: (f) => seen.push(f.name),
    });
    const t0 = Date.now();
    sim.start();
    await sim.done();
    expect(seen).toEqual([
      'part-00000.json',
      'part-00001.json',
      'part-00002.json',
      'part-00003.json',
      'part-00004.json',
    ]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(35);
    expect(sim.filesWritten).toBe(5);
  });

  it('timed mode stops on stop()', async () => {
    const sim = new SensorSimulator({ dir, rowsPerFile: 1, filesPerSecond: 50 });
    sim.start();
    await new Promise((r) => setTimeout(r, 70));
    await sim.stop();
    const n = sim.filesWritten;
    expect(n).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 60));
    expect(sim.filesWritten).toBe(n);
    expect((await fs.readdir(dir)).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('writeSensorFolder writes a large folder fast, deterministically', async () => {
    const t0 = Date.now();
    const folder = await writeSensorFolder({
      dir: join(dir, 'big'),
      files: 4,
      rowsPerFile: 25_000,
      seed: 11,
    });
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(folder.rows).toBe(100_000);
    expect(folder.files).toHaveLength(4);
    const text = await fs.readFile(folder.files[3], 'utf8');
    expect(text.trimEnd().split('\n')).toHaveLength(25_000);
    expect(JSON.parse(text.slice(0, text.indexOf('\n'))).Index).toBe(75_000);
    const again = await writeSensorFolder({
      dir: join(dir, 'again'),
      files: 1,
      rowsPerFile: 1000,
      seed: 11,
    });
    const head = (await fs.readFile(folder.files[0], 'utf8')).split('\n').slice(0, 1000);
    expect((await fs.readFile(again.files[0], 'utf8')).split('\n').slice(0, 1000)).toEqual(head);
  });
});
