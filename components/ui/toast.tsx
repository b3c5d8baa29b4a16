"use client";
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";

type Tone = "success" | "error";
interface Toast {
  id: number;
  message: string;
  tone: Tone;
}

const ToastContext = createContext<(message: string, tone?: Tone) => void>(() => {});

/** Shows a short result ("Copied", "Saved", "Revoked") for a few seconds. */
export const useToast = () => useContext(ToastContext);

const LIFETIME_MS = 5000;

/**
 * The dashboard's one toast region. No library: sonner and friends inject a <style> element,
 * which the CSP (style-src with a nonce) refuses. The live regions are in the DOM from the
 * first render, so screen readers announce what is added to them later.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(0);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const show = useCallback((message: string, tone: Tone = "success") => {
    const id = ++next.current;
    // A repeated message replaces the older copy, so three copies stack as one.
    setToasts((all) => [...all.filter((t) => t.message !== message).slice(-2), { id, message, tone }]);
  }, []);
  return (
    <ToastContext.Provider value={show}>
      {children}
      <div
        className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col items-center gap-2 p-4 sm:items-end"
        data-testid="toasts"
      >
        <div role="status" aria-live="polite" className="flex flex-col items-center gap-2 sm:items-end">
          {toasts
            .filter((t) => t.tone === "success")
            .map((t) => (
              <ToastItem key={t.id} toast={t} onDismiss={dismiss} />
            ))}
        </div>
        <div role="alert" aria-live="assertive" className="flex flex-col items-center gap-2 sm:items-end">
          {toasts
            .filter((t) => t.tone === "error")
            .map((t) => (
              <ToastItem key={t.id} toast={t} onDismiss={dismiss} />
            ))}
        </div>
      </div>
    </ToastContext.Provider>
  );
}

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  const [paused, setPaused] = useState(false);
  useEffect(() => {
    if (paused) return;
    const timer = setTimeout(() => onDismiss(toast.id), LIFETIME_MS);
    return () => clearTimeout(timer);
  }, [paused, toast.id, onDismiss]);
  const tone = toast.tone === "error" ? "bg-red-700" : "bg-slate-900";
  return (
    <div
      className={`pointer-events-auto flex max-w-sm items-center gap-3 rounded-lg px-4 py-2.5 text-sm text-white shadow-lg ${tone}`}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
      data-testid="toast"
    >
      <span>{toast.message}</span>
      <button
        type="button"
        onClick={() => onDismiss(toast.id)}
        className="rounded px-1 text-white/80 hover:text-white focus-visible:outline-2 focus-visible:outline-white"
        aria-label="Dismiss"
      >
        ×
      </button>
    </div>
  );
}

/** Copies text and says so in a toast (or that the browser refused). */
export function useCopy() {
  const toast = useToast();
  return useCallback(
    async (text: string, what = "Copied") => {
      try {
        await navigator.clipboard.writeText(text);
        toast(what);
      } catch {
        toast("Could not copy: select the text and copy it yourself.", "error");
      }
    },
    [toast],
  );
}
