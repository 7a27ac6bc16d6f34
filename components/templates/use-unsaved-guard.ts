"use client";
// Warns before leaving a form with unsaved changes: the browser's own prompt when the tab is
// closed or reloaded, and a confirmation before a link inside Deskbridge navigates away.
import { useEffect } from "react";

export const LEAVE_QUESTION = "Leave this page? Your changes to the template are not saved.";

export function useUnsavedGuard(dirty: boolean, question = LEAVE_QUESTION) {
  useEffect(() => {
    if (!dirty) return;
    const beforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    const onClick = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.("a[href]");
      if (!(link instanceof HTMLAnchorElement) || link.target === "_blank" || event.defaultPrevented) return;
      if (link.origin !== window.location.origin) return;
      if (!window.confirm(question)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", beforeUnload);
    // Capture: runs before Next's Link handler starts a client-side navigation.
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [dirty, question]);
}
