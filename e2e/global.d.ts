import type { useStore } from '../src/store/store.ts';

declare global {
  interface Window {
    /** Set by src/app/main.tsx: lets specs read state (they still click like a person). */
    slicewise?: { store: typeof useStore };
  }
}
export {};
