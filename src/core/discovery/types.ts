/**
 * Slice discovery (SliceLine, Sagadeeva & Boehm, SIGMOD 2021): the shapes shared by its parts.
 *
 * A predicate is one test on one column; a slice is a conjunction of predicates on distinct
 * columns (or distinct tokens of one text column). Predicates are plain data, so a found slice can
 * be described (describe.ts), turned into SF code (sfCode.ts) and posted between threads.
 */
import type { ColumnKind } from '../table.ts';

export type Predicate =
  /** lo <= value < hi on a number, integer or date column (epoch ms); null = unbounded. Missing never matches. */
  | { kind: 'range'; column: string; columnKind: 'number' | 'integer' | 'date'; lo: number | null; hi: number | null }
  /** value === the given one: a number/integer/date (epoch ms) value, a category level, or a boolean. */
  | { kind: 'equals'; column: string; columnKind: ColumnKind; value: number | string | boolean }
  /** The cell is missing (NaN, null or ''). */
  | { kind: 'missing'; column: string; columnKind: ColumnKind }
  /** A text cell contains the token (lowercased, as src/core/features.ts tokenises text). */
  | { kind: 'token'; column: string; token: string };

export interface DiscoveryOptions {
  /** How many slices to return (SliceLine's k). Default 10. */
  maxSlices?: number;
  /** Fewest searched rows a slice may have (SliceLine's min_sup, absolute). Default max(10, ceil(n / 200)). */
  minSupport?: number;
  /** Most predicates in one slice (SliceLine's max_l). Default 2. */
  maxPredicates?: number;
  /**
   * Weight of error over size in the score, in (0, 1]: alpha * (slice error / overall error - 1)
   * - (1 - alpha) * (n / slice size - 1). Default 0.95 (small, bad slices are what an SF is for).
   */
  alpha?: number;
  /** Quantile bins per numeric column (fewer when values tie). Default 8. */
  bins?: number;
  /** Tokens searched per text column (those with the best score bounds). Default 30. */
  tokensPerColumn?: number;
  /**
   * Leave out a slice that shares more than half its rows with a better one (SliceLine's plain
   * top-k lists one weak region many times over). Default true.
   */
  distinct?: boolean;
}

export interface DiscoveryProgress {
  /** The level being searched: 1 = single predicates. */
  level: number;
  maxLevel: number;
  /** Candidates evaluated so far, over all levels. */
  evaluated: number;
  /** Share of this level's parents done, 0..1. */
  fraction: number;
}

export interface FoundSlice {
  predicates: Predicate[];
  /** Plain language: `z0 in [0.2, 0.4) and z1 in [-0.1, 0.1)`. */
  description: string;
  /** Searched rows in the slice. */
  size: number;
  /** Of them, rows the model got wrong. */
  errors: number;
  /** errors / size, with its 95% Wilson interval. */
  error: number;
  errorCi: [number, number];
  /** error / overall error. */
  lift: number;
  /** SliceLine's score (> 0: worse than average, weighed against size). */
  score: number;
}

export interface DiscoveryResult {
  slices: FoundSlice[];
  /** Searched rows and the wrong ones among them. */
  rows: number;
  errors: number;
  overallError: number;
  /** The options as used (defaults filled in). */
  options: Required<DiscoveryOptions>;
  /** Columns searched, and those left out with the reason (e.g. a single value). */
  columns: string[];
  skipped: { column: string; reason: string }[];
  /** Candidate slices whose rows were counted, per level (index 0 = level 1). */
  evaluatedPerLevel: number[];
  millis: number;
}
