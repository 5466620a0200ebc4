/**
 * Finding a Spark to run exported queries on (issue 4, "Run on Spark"): a Spark distribution
 * under SPARK_HOME (`bin/spark-submit`), or a Python environment where `import pyspark`
 * works — the pip wheel ships the same launcher inside the package
 * (`<site-packages>/pyspark/bin/spark-submit`, found by its own `find-spark-home`).
 *
 * Order: an explicit `sparkHome`, an explicit `python`, the SPARK_HOME variable, then
 * PYSPARK_PYTHON or `python3`. When none works, SparkNotFoundError lists every place looked
 * at and why each failed, and says how to fix it.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { delimiter, join, resolve as resolvePath } from 'node:path';
import { TidemarkError } from '../errors';

export type SparkInstallation =
  | {
      readonly kind: 'spark-submit';
      readonly sparkHome: string;
      readonly sparkSubmit: string;
      readonly version: string;
    }
  | {
      readonly kind: 'pyspark';
      readonly python: string;
      /** The pyspark package folder: Spark's SPARK_HOME when it came from pip. */
      readonly sparkHome: string;
      readonly sparkSubmit: string;
      readonly version: string;
    };

export interface SparkDiscoveryOptions {
  /** A Spark distribution folder; wins over everything else. */
  readonly sparkHome?: string;
  /** A python executable whose environment has pyspark installed. */
  readonly python?: string;
  /** Where SPARK_HOME, PYSPARK_PYTHON, JAVA_HOME and PATH are read (default: process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Spark Connect clients need no local JVM, so `runOnSpark` skips the Java check for `sc://`. */
  readonly requireJava?: boolean;
}

/** Neither SPARK_HOME nor pyspark (nor Java) is usable; `lookedAt` has one line per attempt. */
export class SparkNotFoundError extends TidemarkError {
  readonly lookedAt: readonly string[];
  constructor(lookedAt: readonly string[], fix: string) {
    super(
      'SPARK_NOT_FOUND',
      `No usable Apache Spark found.\n${lookedAt.map((l) => `  - ${l}`).join('\n')}\n${fix}`,
      { messageParameters: { lookedAt: lookedAt.join('; ') } },
    );
    this.lookedAt = lookedAt;
  }
}

const FIX =
  'To fix it: install pyspark into a Python 3.10+ environment (pip install pyspark) and pass ' +
  'that python (--python), or set SPARK_HOME (--spark-home) to a Spark distribution, or run ' +
  '`npm run spark:env` to create .venv-spark with a pinned pyspark. Spark needs Java 17+.';

const PYSPARK_PROBE =
  'import os, pyspark; print(pyspark.__version__); print(os.path.dirname(pyspark.__file__))';

export async function discoverSpark(
  options: SparkDiscoveryOptions = {},
): Promise<SparkInstallation> {
  const env = options.env ?? process.env;
  const lookedAt: string[] = [];
  const envHome =
    env.SPARK_HOME !== undefined && env.SPARK_HOME !== '' ? env.SPARK_HOME : undefined;
  const defaultPython =
    env.PYSPARK_PYTHON !== undefined && env.PYSPARK_PYTHON !== '' ? env.PYSPARK_PYTHON : 'python3';

  const attempts: (() => Promise<SparkInstallation | null>)[] = [];
  if (options.sparkHome !== undefined)
    attempts.push(() => fromSparkHome(options.sparkHome as string, '--spark-home', lookedAt, env));
  if (options.python !== undefined)
    attempts.push(() => fromPython(options.python as string, lookedAt, env));
  if (options.sparkHome === undefined) {
    if (envHome !== undefined)
      attempts.push(() => fromSparkHome(envHome, 'SPARK_HOME', lookedAt, env));
    else
      attempts.push(() => {
        lookedAt.push('SPARK_HOME is not set');
        return Promise.resolve(null);
      });
  }
  if (options.python === undefined) attempts.push(() => fromPython(defaultPython, lookedAt, env));

  for (const attempt of attempts) {
    const found = await attempt();
    if (found === null) continue;
    if (options.requireJava !== false) {
      const javaProblem = await checkJava(env);
      if (javaProblem !== null)
        throw new SparkNotFoundError(
          [...lookedAt, `found Spark ${found.version} at ${found.sparkSubmit}, but ${javaProblem}`],
          FIX,
        );
    }
    return found;
  }
  throw new SparkNotFoundError(lookedAt, FIX);
}

async function fromSparkHome(
  given: string,
  from: string,
  lookedAt: string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<SparkInstallation | null> {
  // Absolute, so the launcher still resolves when a run starts it from its work folder.
  const home = resolvePath(given);
  const sparkSubmit = join(home, 'bin', 'spark-submit');
  if (!isDirectory(home)) {
    lookedAt.push(`${from} is ${home}, which is not a folder`);
    return null;
  }
  if (!existsSync(sparkSubmit)) {
    lookedAt.push(`${from} is ${home}, but it has no bin/spark-submit`);
    return null;
  }
  const version = versionOfHome(home) ?? (await versionFromSubmit(sparkSubmit, env));
  if (version === null) {
    lookedAt.push(
      `${from} is ${home}, but ${sparkSubmit} --version did not report a Spark version`,
    );
    return null;
  }
  return { kind: 'spark-submit', sparkHome: home, sparkSubmit, version };
}

async function fromPython(
  python: string,
  lookedAt: string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<SparkInstallation | null> {
  const probe = await execText(python, ['-c', PYSPARK_PROBE], env, 60_000);
  if (probe.error !== null) {
    const reason =
      probe.error === 'ENOENT'
        ? `${python} was not found, so \`import pyspark\` could not be tried`
        : `\`import pyspark\` failed with ${python}: ${lastLine(probe.stderr) || probe.error}`;
    lookedAt.push(reason);
    return null;
  }
  const [version, packageDir] = probe.stdout.trim().split('\n');
  const sparkSubmit = join(packageDir ?? '', 'bin', 'spark-submit');
  if (!existsSync(sparkSubmit)) {
    lookedAt.push(`pyspark ${version} imports with ${python}, but ${sparkSubmit} is missing`);
    return null;
  }
  return { kind: 'pyspark', python, sparkHome: packageDir, sparkSubmit, version };
}

/** Spark distributions carry a RELEASE file ("Spark 3.5.1 built for Hadoop 3.3.4") and jars/spark-core_<scala>-<version>.jar. */
function versionOfHome(home: string): string | null {
  const release = join(home, 'RELEASE');
  if (existsSync(release)) {
    const m = /Spark (\d+\.\d+\.\d+\S*)/.exec(readFileSync(release, 'utf8'));
    if (m !== null) return m[1];
  }
  const jars = join(home, 'jars');
  if (isDirectory(jars)) {
    for (const name of readdirSync(jars)) {
      const m = /^spark-core_[\d.]+-(\d+\.\d+\.\d+.*)\.jar$/.exec(name);
      if (m !== null) return m[1];
    }
  }
  return null;
}

/** SparkSubmit's banner prints "version X.Y.Z" (to stderr). */
async function versionFromSubmit(
  sparkSubmit: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<string | null> {
  const out = await execText(sparkSubmit, ['--version'], env, 60_000);
  const m = /version (\d+\.\d+\.\d+\S*)/.exec(`${out.stdout}\n${out.stderr}`);
  return m === null ? null : m[1];
}

/** Null when a java runtime is reachable through JAVA_HOME or PATH, else what is wrong. */
async function checkJava(
  env: Readonly<Record<string, string | undefined>>,
): Promise<string | null> {
  if (env.JAVA_HOME !== undefined && env.JAVA_HOME !== '') {
    const java = join(env.JAVA_HOME, 'bin', 'java');
    return existsSync(java)
      ? null
      : `JAVA_HOME is ${env.JAVA_HOME} and has no bin/java (Spark needs Java 17+)`;
  }
  const onPath = (env.PATH ?? '')
    .split(delimiter)
    .some((d) => d !== '' && existsSync(join(d, 'java')));
  return onPath
    ? null
    : 'no Java runtime was found (JAVA_HOME is not set and `java` is not on PATH; Spark needs Java 17+)';
}

interface ExecText {
  readonly stdout: string;
  readonly stderr: string;
  /** Null on exit 0; 'ENOENT' when the program does not exist; else a short reason. */
  readonly error: string | null;
}

function execText(
  file: string,
  args: string[],
  env: Readonly<Record<string, string | undefined>>,
  timeout: number,
): Promise<ExecText> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { env: { ...env }, timeout, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error === null) return resolve({ stdout, stderr, error: null });
        const code = (error as NodeJS.ErrnoException).code;
        resolve({
          stdout,
          stderr,
          error: code === 'ENOENT' ? 'ENOENT' : `exit code ${String(code ?? error.message)}`,
        });
      },
    );
  });
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '';
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
