// Stand-ins for the host router's collaborators, and request bodies naming a path, for
// test/main/host-router.test.ts.
import type {
  ErrorInfo,
  QueryDraft,
  RequestBody,
  SourceSetup,
} from '../../../engine/service/protocol';
import type { QuerySpec } from '../../../engine/plan/logical-plan';
import type { HostDialogs } from '../../../main/dialogs';
import type { HostAnswer } from '../../../main/host-backend';

/** A stand-in engine: records what reached it and answers every request with `{ relayed }`. */
export class FakeEngine {
  readonly calls: RequestBody[] = [];
  async call(body: RequestBody): Promise<HostAnswer> {
    this.calls.push(body);
    if (body.type === 'stopQuery')
      return {
        kind: 'response',
        ok: false,
        error: { name: 'Error', errorClass: null, sqlState: null, message: 'No such query' },
      };
    return { kind: 'response', ok: true, result: { relayed: body.type } as never };
  }
}

/** Native-style dialogs that answer with whatever the test queued (null: cancelled). */
export class ScriptedDialogs implements HostDialogs {
  readonly native = true;
  readonly answers: (string | null)[] = [];
  async pickFolder(): Promise<string | null> {
    return this.answers.shift() ?? null;
  }
  async pickSaveFile(): Promise<string | null> {
    return this.answers.shift() ?? null;
  }
  async pickOpenFile(): Promise<string | null> {
    return this.answers.shift() ?? null;
  }
}

export function setup(path: string): SourceSetup {
  return { path, format: 'json', schema: null, options: {} };
}

export function draft(path: string): QueryDraft {
  return {
    name: 'q',
    source: setup(path),
    steps: [],
    sink: { format: 'memory', outputMode: 'append', options: {}, trigger: { kind: 'default' } },
  };
}

export function spec(sourcePath: string, sink: Partial<QuerySpec['sink']> = {}): QuerySpec {
  const source = (id: string, path: string) => ({
    op: 'source' as const,
    id,
    format: 'json',
    path,
    schema: { type: 'struct', fields: [] },
    options: {},
    streaming: true,
  });
  return {
    plan: {
      op: 'join',
      how: 'inner',
      using: ['id'],
      left: { op: 'filter', input: source('left', sourcePath), condition: { kind: 'literal' } },
      right: source('right', sourcePath),
    } as unknown as QuerySpec['plan'],
    sink: {
      format: 'memory',
      outputMode: 'append',
      options: {},
      trigger: { kind: 'default' },
      ...sink,
    },
  };
}

export function errorOf(answer: HostAnswer): ErrorInfo {
  if (answer.ok) throw new Error(`expected a refusal, got ${JSON.stringify(answer.result)}`);
  return answer.error;
}
