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

// A typed handle for e2e tests to read state (never to drive the app: tests click like a person).
declare global {
  interface Window {
    slicewise?: { store: typeof useStore };
  }
}
window.slicewise = { store: useStore };
