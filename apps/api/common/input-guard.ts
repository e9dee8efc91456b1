import { say, type Lang } from '../../../domain';

/**
 * What no input of this product may carry, whatever its route: control characters (NUL breaks PostgreSQL
 * text and jsonb; the others have no place in a name, reason or key; tab and line breaks may stay) and
 * nesting deeper than any of its bodies needs (a deep one costs recursion in every layer after this).
 */

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** The deepest real body (a simulated case's events with their actor) is 4 levels. */
export const MAX_DEPTH = 16;

const child = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

/** Why `value` (a body, query or parameter) is refused, naming the field, or null when it is fine. */
export function inputProblem(value: unknown, path = '', depth = 0, lang: Lang = 'zh'): string | null {
  const field = path || say(lang, '请求体', 'the request body');
  if (typeof value === 'string') {
    return CONTROL.test(value)
      ? say(
          lang,
          `「${field}」含有控制字符（如 NUL），请删除后重试`,
          `${field} contains a control character (such as NUL); remove it and try again`,
        )
      : null;
  }
  if (value === null || typeof value !== 'object') return null;
  if (depth >= MAX_DEPTH)
    return say(
      lang,
      `「${field}」嵌套过深（最多 ${MAX_DEPTH} 层），请检查请求内容`,
      `${field} is nested too deeply (at most ${MAX_DEPTH} levels); check the request`,
    );
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = inputProblem(value[i], child(path, i), depth + 1, lang);
      if (problem) return problem;
    }
    return null;
  }
  for (const [key, inner] of Object.entries(value)) {
    if (CONTROL.test(key))
      return say(
        lang,
        `「${field}」的字段名 ${JSON.stringify(key)} 含有控制字符，请删除后重试`,
        `a field name in ${field}, ${JSON.stringify(key)}, contains a control character; remove it and try again`,
      );
    const problem = inputProblem(inner, child(path, key), depth + 1, lang);
    if (problem) return problem;
  }
  return null;
}
