/**
 * Hadoop's glob syntax (org.apache.hadoop.fs.GlobPattern), used by Spark for glob paths
 * (`/data/*\/2024-*`), `pathGlobFilter` and Tidemark's `ignoreFilePatterns`:
 * `*` any run of characters, `?` one character, `[abc]` / `[a-z]` a class (`[^…]` or
 * `[!…]` negated), `{a,b}` alternatives, `\` escapes the next character.
 * A glob matches one path component (a file or folder name), never across `/`.
 */
import { sep } from 'node:path';
import { IllegalArgumentException } from '../../errors';

const GLOB_CHARS = /[*?[{\\]/;

/**
 * True when a path contains glob syntax (SparkHadoopUtil.isGlobPath: any of `{}[]*?\`).
 * On Windows `\` is the folder separator, so there it is not taken as an escape.
 */
export function isGlobPath(path: string): boolean {
  return sep === '\\' ? /[{}[\]*?]/.test(path) : /[{}[\]*?\\]/.test(path);
}

/** True when one name component contains glob syntax. */
export function hasGlob(component: string): boolean {
  return GLOB_CHARS.test(component);
}

/** Compiles one glob into an anchored RegExp; malformed globs raise Hadoop's error text. */
export function compileGlob(glob: string): RegExp {
  let re = '';
  let inClass = false;
  let curlyDepth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') {
      i++;
      if (i >= glob.length) throw badGlob(glob, 'Missing escaped character', i);
      re += escapeRegExp(glob[i]);
      continue;
    }
    if (inClass) {
      if (c === ']') {
        inClass = false;
        re += ']';
      } else if ((c === '^' || c === '!') && glob[i - 1] === '[') {
        re += '^';
      } else if (c === '\\' || c === '[') {
        re += '\\' + c;
      } else {
        re += c;
      }
      continue;
    }
    switch (c) {
      case '*':
        re += '[^/]*';
        break;
      case '?':
        re += '[^/]';
        break;
      case '[':
        if (glob.indexOf(']', i + 2) < 0) throw badGlob(glob, 'Unclosed character class', i);
        inClass = true;
        re += '[';
        break;
      case '{':
        curlyDepth++;
        re += '(?:';
        break;
      case '}':
        if (curlyDepth === 0) {
          re += '\\}';
        } else {
          curlyDepth--;
          re += ')';
        }
        break;
      case ',':
        re += curlyDepth > 0 ? '|' : ',';
        break;
      default:
        re += escapeRegExp(c);
    }
  }
  if (curlyDepth > 0) throw badGlob(glob, 'Unclosed group', glob.length);
  return new RegExp('^' + re + '$', 's');
}

function escapeRegExp(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? '\\' + c : c;
}

function badGlob(glob: string, what: string, at: number): IllegalArgumentException {
  return new IllegalArgumentException(`${what} near index ${at}\n${glob}`);
}
