"use client";
// Whether React runs the page yet: false in the server's HTML and while the page hydrates, true
// after. A form whose fields live in React state stays disabled until then: a choice made in the
// HTML before hydration would be replaced by the state's first value without a word.
import { useSyncExternalStore } from "react";

const subscribe = () => () => undefined;

export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
