// Customer-supplied patterns (answer rules matched against a visitor's question) run on RE2, whose
// time is linear in the question's length: a pattern such as ^(a|aa)+$ cannot stall the server the
// way JavaScript's backtracking engine does (its time doubles with every character). RE2 refuses
// what it cannot run in linear time (lookaround, back-references), so those are refused at save.
import { RE2 } from "re2-wasm";

type Compiled = { test: (text: string) => boolean };

/** Compiled patterns, kept (each compile allocates inside the WebAssembly heap). */
const cache = new Map<string, Compiled | Error>();
const CACHE_SIZE = 1000;

function compile(pattern: string): Compiled | Error {
  const hit = cache.get(pattern);
  if (hit) {
    // Most recently used last, so the oldest is evicted first.
    cache.delete(pattern);
    cache.set(pattern, hit);
    return hit;
  }
  let compiled: Compiled | Error;
  try {
    compiled = new RE2(pattern, "u");
  } catch (error) {
    compiled = error instanceof Error ? error : new Error(String(error));
  }
  cache.set(pattern, compiled);
  if (cache.size > CACHE_SIZE) {
    const [oldest, value] = cache.entries().next().value as [string, Compiled | Error];
    cache.delete(oldest);
    // The WebAssembly object is freed explicitly: the garbage collector does not see it.
    (value as { wrapper?: { delete?: () => void } }).wrapper?.delete?.();
  }
  return compiled;
}

/** Why a pattern cannot be used, in words an operator can act on; null when it can. */
export function patternProblem(pattern: string): string | null {
  const compiled = compile(pattern);
  if (!(compiled instanceof Error)) return null;
  const reason = compiled.message.replace(/^Invalid regular expression: \/.*\/u: /s, "");
  if (/invalid perl operator: \(\?[=!<]/.test(reason))
    return "Lookahead and lookbehind ((?=…), (?!…), (?<=…), (?<!…)) are not supported; match the text itself";
  if (/invalid escape sequence: \\[1-9]/.test(reason))
    return "Back-references such as \\1 are not supported; spell the repeated text out";
  if (/invalid repetition size/.test(reason)) return "A repeat count can be at most 1000";
  return `Not a valid regular expression: ${reason}`;
}

/** Whether the pattern finds a match in the text; a pattern that cannot be used matches nothing. */
export function patternMatches(pattern: string, text: string): boolean {
  const compiled = compile(pattern);
  return compiled instanceof Error ? false : compiled.test(text);
}
