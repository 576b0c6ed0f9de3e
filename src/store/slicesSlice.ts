import type { StateCreator } from 'zustand';
import type { StoreState, SlicesSlice } from './types.ts';
import { sfClient } from './clients.ts';

/** Per-SF time limit: a runaway SF is stopped (its worker terminated) after this. */
export const SF_TIMEOUT_MS = 4000;

export const createSlicesSlice: StateCreator<StoreState, [], [], SlicesSlice> = (set, get) => ({
  slices: [],
  appliedSource: null,
  sfErrors: [],
  applying: false,
  runningSf: null,
  selectedSlice: null,

  async applySfs() {
    const source = get().sfSource;
    if (!get().table) return false;
    set({ applying: true, runningSf: null });
    const result = await sfClient().apply(source, {
      timeoutMs: SF_TIMEOUT_MS,
      onStart: (sf: string) => set({ runningSf: sf }),
    });
    // A newer apply superseded this one: its result is the one that counts.
    if ('cancelled' in result && result.cancelled) return false;
    if (result.ok) {
      const selected = get().selectedSlice;
      set({
        slices: result.slices,
        appliedSource: source,
        sfErrors: [],
        applying: false,
        runningSf: null,
        selectedSlice: result.slices.some((s) => s.name === selected) ? selected : null,
      });
      return true;
    }
    // Keep the last good slices on screen; show what went wrong.
    set({ sfErrors: result.errors, applying: false, runningSf: null });
    return false;
  },

  selectSlice(name) {
    set({ selectedSlice: name });
  },
});
