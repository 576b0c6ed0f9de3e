import { Component, type ReactNode } from 'react';

/** Last line of defence: a render bug shows a message instead of a blank page; work is saved already. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    if (this.state.error) {
      return (
        <div role="alert" className="fatal">
          <h1>Something broke in Slicewise</h1>
          <p>{this.state.error.message}</p>
          <p>Your slicing functions and settings are saved. Reload the page to continue.</p>
        </div>
      );
    }
    return this.props.children;
  }
}
