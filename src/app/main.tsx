import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { useStore } from '../store/store.ts';
import './app.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);

void useStore.getState().init();

// A typed handle for e2e tests and the browser benchmark to read state (never to drive the app: tests
// click like a person). Only in test builds (`vite build --mode test`, which `npm run e2e` and
// `npm run bench` make): Vite replaces MODE at build time, so production bundles do not contain it.
declare global {
  interface Window {
    slicewise?: { store: typeof useStore };
  }
}
if (import.meta.env.MODE === 'test') window.slicewise = { store: useStore };
