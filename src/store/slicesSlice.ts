import type { StateCreator } from 'zustand';
import type { StoreState, SlicesSlice } from './types.ts';
import type { StoreDeps } from './deps.ts';

/** Per-SF time limit: a runaway SF is stopped (its worker terminated) after this. */
export const SF_TIMEOUT_MS = 4000;

export const createSlicesSlice =
  (deps: StoreDeps): StateCreator<StoreState, [], [], SlicesSlice> =>
  (set, get) => ({
    slices: [],
    overlap: [],
    appliedSource: null,
    sfErrors: [],
    applying: false,
    runningSf: null,
    selectedSlice: null,

    /**
     * Runs the SF source in the worker (which re-runs only the SFs that changed). Resolves true when
     * every SF succeeded. When some SFs fail, the ones that succeeded are shown next to the errors;
     * when the file itself fails (syntax, top-level code), the last slices stay on screen.
     */
    async applySfs() {
      const source = get().sfSource;
      if (!get().table) return false;
      set({ applying: true, runningSf: null });
      const result = await deps.sf().apply(source, {
        timeoutMs: SF_TIMEOUT_MS,
        onStart: (sf: string) => set({ runningSf: sf }),
      });
      // A newer apply superseded this one: its result is the one that counts.
      if ('cancelled' in result && result.cancelled) return false;
      const selected = get().selectedSlice;
      if (result.ok || result.slices !== undefined) {
        const slices = result.slices ?? [];
        set({
          slices,
          overlap: result.overlap ?? [],
          appliedSource: source,
          sfErrors: result.ok ? [] : result.errors,
          applying: false,
          runningSf: null,
          selectedSlice: slices.some((s) => s.name === selected) ? selected : null,
        });
        return result.ok;
      }
      // The file did not load: keep the last good slices on screen; show what went wrong.
      set({ sfErrors: result.errors, applying: false, runningSf: null });
      return false;
    },

    selectSlice(name) {
      set({ selectedSlice: name });
    },
  });
