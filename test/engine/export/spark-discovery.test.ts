/**
 * discoverSpark: SPARK_HOME's bin/spark-submit, else a python whose environment imports
 * pyspark (the pip wheel's own bin/spark-submit), else SparkNotFoundError naming every place
 * looked at and how to fix it. Fake installations only — no JVM starts here.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoverSpark, SparkNotFoundError } from '../../../engine/export/spark-discovery';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidemark-discovery-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A folder with bin/spark-submit (a shell script printing SparkSubmit's banner) and bin/java. */
function fakeSparkHome(release?: string): string {
  const home = join(dir, 'spark');
  mkdirSync(join(home, 'bin'), { recursive: true });
  const submit = join(home, 'bin', 'spark-submit');
  writeFileSync(submit, '#!/bin/sh\necho "Welcome to Spark version 3.5.1" >&2\n');
  chmodSync(submit, 0o755);
  if (release !== undefined) writeFileSync(join(home, 'RELEASE'), release);
  return home;
}

function fakeJavaHome(): string {
  const javaHome = join(dir, 'jdk');
  mkdirSync(join(javaHome, 'bin'), { recursive: true });
  writeFileSync(join(javaHome, 'bin', 'java'), '#!/bin/sh\n');
  chmodSync(join(javaHome, 'bin', 'java'), 0o755);
  return javaHome;
}

async function notFound(promise: Promise<unknown>): Promise<SparkNotFoundError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SparkNotFoundError);
  return error as SparkNotFoundError;
}

describe('discoverSpark', () => {
  it('finds bin/spark-submit under SPARK_HOME and reads the version from RELEASE', async () => {
    const home = fakeSparkHome('Spark 4.1.4 built for Hadoop 3.4.1\n');
    const found = await discoverSpark({ env: { SPARK_HOME: home, JAVA_HOME: fakeJavaHome() } });
    expect(found).toEqual({
      kind: 'spark-submit',
      sparkHome: home,
      sparkSubmit: join(home, 'bin', 'spark-submit'),
      version: '4.1.4',
    });
  });

  it('asks spark-submit --version when the distribution has no RELEASE file; --spark-home wins over SPARK_HOME', async () => {
    const home = fakeSparkHome();
    const found = await discoverSpark({
      sparkHome: home,
      env: { SPARK_HOME: join(dir, 'elsewhere'), JAVA_HOME: fakeJavaHome() },
    });
    expect(found.kind).toBe('spark-submit');
    expect(found.version).toBe('3.5.1');
  });

  it('with nothing installed, names SPARK_HOME, the python tried and how to fix it', async () => {
    const python = join(dir, 'no-such-python3');
    const error = await notFound(discoverSpark({ python, env: { PATH: process.env.PATH } }));
    expect(error.errorClass).toBe('SPARK_NOT_FOUND');
    expect(error.lookedAt).toEqual([
      `${python} was not found, so \`import pyspark\` could not be tried`,
      'SPARK_HOME is not set',
    ]);
    expect(error.message).toContain('[SPARK_NOT_FOUND] No usable Apache Spark found.');
    expect(error.message).toContain('pip install pyspark');
    expect(error.message).toContain('SPARK_HOME');
    expect(error.message).toContain('npm run spark:env');
  });

  it('says which SPARK_HOME was set and that it has no bin/spark-submit', async () => {
    const home = join(dir, 'empty-spark');
    mkdirSync(home);
    const python = join(dir, 'no-such-python3');
    const error = await notFound(discoverSpark({ python, env: { SPARK_HOME: home } }));
    expect(error.lookedAt).toContain(`SPARK_HOME is ${home}, but it has no bin/spark-submit`);
  });

  it('reports that import pyspark failed when the python exists but has no pyspark', async () => {
    const python = join(dir, 'python-without-pyspark');
    writeFileSync(
      python,
      '#!/bin/sh\necho "ModuleNotFoundError: No module named \'pyspark\'" >&2\nexit 1\n',
    );
    chmodSync(python, 0o755);
    const error = await notFound(discoverSpark({ python, env: {} }));
    expect(error.lookedAt[0]).toBe(
      `\`import pyspark\` failed with ${python}: ModuleNotFoundError: No module named 'pyspark'`,
    );
  });

  it('finds pyspark in a python environment and the spark-submit inside the package', async () => {
    const pkg = join(dir, 'site-packages', 'pyspark');
    mkdirSync(join(pkg, 'bin'), { recursive: true });
    writeFileSync(join(pkg, 'bin', 'spark-submit'), '#!/bin/sh\n');
    const python = join(dir, 'python');
    writeFileSync(python, `#!/bin/sh\necho 4.1.4\necho ${pkg}\n`);
    chmodSync(python, 0o755);
    const found = await discoverSpark({ python, env: { JAVA_HOME: fakeJavaHome() } });
    expect(found).toEqual({
      kind: 'pyspark',
      python,
      sparkHome: pkg,
      sparkSubmit: join(pkg, 'bin', 'spark-submit'),
      version: '4.1.4',
    });
  });

  it('refuses a Spark without Java, saying so, unless Java is not needed (Spark Connect)', async () => {
    const home = fakeSparkHome('Spark 4.1.4 built for Hadoop 3.4.1\n');
    const error = await notFound(
      discoverSpark({ sparkHome: home, env: { PATH: join(dir, 'bin') } }),
    );
    expect(error.message).toContain(
      `found Spark 4.1.4 at ${join(home, 'bin', 'spark-submit')}, but no Java runtime was found`,
    );
    const missingJavaHome = await notFound(
      discoverSpark({ sparkHome: home, env: { JAVA_HOME: join(dir, 'no-jdk') } }),
    );
    expect(missingJavaHome.message).toContain(
      `JAVA_HOME is ${join(dir, 'no-jdk')} and has no bin/java`,
    );
    const connect = await discoverSpark({ sparkHome: home, env: {}, requireJava: false });
    expect(connect.version).toBe('4.1.4');
  });
});
