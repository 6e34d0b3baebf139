// A value that views follow: setting it re-renders every component that reads it through useValue.
// Enough for the app's few shared values (language, session) without a state library.
import { useEffect, useState } from 'preact/hooks';

export interface Signal<T> {
  value: T;
  subscribe(listener: () => void): () => void;
}

export function signal<T>(initial: T): Signal<T> {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    get value() {
      return current;
    },
    set value(next: T) {
      current = next;
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function useValue<T>(s: Signal<T>): T {
  const [, render] = useState(0);
  useEffect(() => s.subscribe(() => render((n) => n + 1)), [s]);
  return s.value;
}
