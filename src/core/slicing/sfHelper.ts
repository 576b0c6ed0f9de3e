/**
 * `sf(options, fn)`: the SF file's one built-in helper, Snorkel's
 * `slicing_function(name=, resources=, pre=)` in our module format. The export's name is the
 * slice's name (Snorkel's `name=`), so the options are only:
 *   resources: values handed to fn as its second argument (keyword lists, thresholds, regexes);
 *              frozen, so an SF cannot change what another run or SF sees.
 *   pre:       preprocessors, applied in order before fn (Snorkel's `pre=`). Each returns the fields
 *              it changes or adds, e.g. `const lowercase = (row: Row) => ({ text: row.text.toLowerCase() })`
 *              or `const words = (row: Row) => ({ words: row.text.split(/\s+/) })`; sf() lays them
 *              over the row (an object whose prototype is the row), so the other columns stay
 *              readable at no cost. Why not `({ ...row, text })`: spreading the row copies every
 *              column through its getter, ~40 µs per row with 68 columns in Chromium (20k rows: 0.8 s).
 * Usage:
 *   export const has_kw = sf({ resources: { words: ['please', 'plz'] }, pre: [lowercase] },
 *     (row, { words }) => words.some((w) => row.text.includes(w)));
 * The sandbox (sandbox.ts) passes this function to SF code as `sf`; the editor declares its type
 * (SF_HELPER_DECLARATION). Errors name what is wrong.
 */

/** The ambient declaration of `sf` for the editor (Monaco addExtraLib). Keep in step with sfHelper. */
export const SF_HELPER_DECLARATION = `/** A preprocessor (Snorkel's pre=): returns the fields it changes or adds; sf() lays them over the row. */
declare type SfPreprocessor = (row: Row) => object;
/** The fields all preprocessors return, merged. */
declare type SfPreFields<P extends readonly SfPreprocessor[]> =
  (P[number] extends infer F ? (F extends (row: Row) => infer O ? (x: O) => void : never) : never) extends (x: infer I) => void ? I : never;
/** Options of sf(): Snorkel's resources= and pre= (the export's name is the slice's name). */
declare interface SfOptions<R extends object, P extends readonly SfPreprocessor[]> {
  /** Values passed to the SF as its second argument (keyword lists, thresholds, regexes). Frozen. */
  resources?: R;
  /** Preprocessors, applied in order before the SF; each returns the fields it changes or adds. */
  pre?: P;
}
/**
 * A slicing function with resources and preprocessors, as Snorkel's slicing_function(resources=, pre=):
 *   const lowercase = (row: Row) => ({ text: row.text.toLowerCase() });
 *   export const has_kw = sf({ resources: { words: ['plz'] }, pre: [lowercase] }, (row, { words }) => words.some((w) => row.text.includes(w)));
 */
declare function sf<R extends object = {}, const P extends readonly SfPreprocessor[] = []>(
  options: SfOptions<R, P>,
  fn: (row: Omit<Row, keyof SfPreFields<P>> & SfPreFields<P>, resources: Readonly<R>) => boolean,
): (row: Row) => boolean;
`;

type Preprocessor = (row: unknown) => unknown;

export function sfHelper(options: unknown, fn: unknown): (row: unknown) => unknown {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError('sf(options, fn): options must be an object such as { resources: { ... }, pre: [ ... ] }.');
  }
  if (typeof fn !== 'function') {
    throw new TypeError('sf(options, fn): the second argument must be the slicing function (row, resources) => boolean.');
  }
  const { resources = {}, pre = [], ...rest } = options as { resources?: unknown; pre?: unknown };
  const unknownKeys = Object.keys(rest);
  if (unknownKeys.length > 0) {
    const hint = unknownKeys.includes('name') ? ' (the slice is named by its export, so there is no name option)' : '';
    throw new TypeError(`sf(options, fn): unknown option ${unknownKeys.map((k) => `"${k}"`).join(', ')}${hint}; use resources and pre.`);
  }
  if (resources === null || typeof resources !== 'object') {
    throw new TypeError("sf(options, fn): resources must be an object, e.g. { words: ['plz'] }.");
  }
  if (!Array.isArray(pre) || pre.some((p) => typeof p !== 'function')) {
    throw new TypeError('sf(options, fn): pre must be an array of preprocessors, functions (row: Row) => Row.');
  }
  const frozen = deepFreeze(resources);
  const steps = [...(pre as Preprocessor[])];
  const sfFn = fn as (row: unknown, resources: unknown) => unknown;
  if (steps.length === 0) return (row) => sfFn(row, frozen);
  return (row) => {
    let current = row as object;
    for (let k = 0; k < steps.length; k++) {
      const fields = (steps[k] as Preprocessor)(current);
      if (fields === current) continue;
      if (fields === null || typeof fields !== 'object') {
        const name = (steps[k] as Preprocessor).name || 'anonymous';
        throw new TypeError(
          `preprocessor ${k + 1} (${name}) returned ${fields === null ? 'null' : typeof fields}; a preprocessor returns an object of the fields it changes or adds.`,
        );
      }
      current = layer(current, fields);
    }
    return sfFn(current, frozen);
  };
}

/**
 * `fields` over `base`: an object whose prototype is base, with fields' own enumerable properties as
 * its own. defineProperty, not assignment: base's columns are getter-only, so assigning a field of
 * the same name would throw.
 */
function layer(base: object, fields: object): object {
  const out = Object.create(base) as object;
  for (const key of Object.keys(fields)) {
    Object.defineProperty(out, key, { value: (fields as Record<string, unknown>)[key], enumerable: true });
  }
  return Object.freeze(out);
}

function deepFreeze<T>(value: T, seen = new Set<unknown>()): T {
  if (value === null || typeof value !== 'object' || seen.has(value)) return value;
  // A frozen RegExp cannot update lastIndex (a /g regex would throw); typed arrays cannot be frozen.
  if (value instanceof RegExp || ArrayBuffer.isView(value)) return value;
  seen.add(value);
  for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key], seen);
  return Object.freeze(value);
}
