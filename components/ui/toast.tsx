"use client";
// Tiny toasts: wrap the app in <ToastProvider>, call useToast().toast("Token revoked").
// One polite live region, always mounted, so screen readers hear each message; toasts go away
// by themselves after a few seconds and can be dismissed. At most three at once; a phone shows only
// the newest, so a burst of them never covers the page.
// Dismissing a toast that holds keyboard focus (its close button) returns focus to where it was
// before, without scrolling. The stack sits at the bottom, and moves to the top while the focused
// control would be under it there (e.g. a button near the bottom right that a dialog returned
// focus to), so a toast never covers where the keyboard is.
// flashToast() carries a message across a full navigation into the dashboard (e.g. "Welcome!" after
// an account is created on a page outside it): the next ToastProvider to mount shows it.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { CloseIcon } from "./icons";

export type ToastTone = "neutral" | "success" | "danger";
type Toast = { id: number; message: string; tone: ToastTone };
type ToastApi = { toast: (message: string, options?: { tone?: ToastTone; durationMs?: number }) => void };

const ToastContext = createContext<ToastApi | null>(null);
const FLASH_KEY = "playgate.flash";

/** Shows `message` as a success toast on the next dashboard page this tab opens. */
export function flashToast(message: string) {
  try {
    sessionStorage.setItem(FLASH_KEY, message);
  } catch {
    // Storage refused (private mode, quota): the message is a courtesy, the navigation goes on.
  }
}

function takeFlash(): string | null {
  try {
    const message = sessionStorage.getItem(FLASH_KEY);
    sessionStorage.removeItem(FLASH_KEY);
    return message;
  } catch {
    return null;
  }
}

const tones: Record<ToastTone, string> = {
  neutral: "border-slate-200 bg-white text-slate-900",
  success: "border-emerald-200 bg-emerald-50 text-emerald-900",
  danger: "border-red-200 bg-red-50 text-red-900",
};

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());
  const returnTo = useRef<HTMLElement | null>(null);
  const refocus = useRef(false);
  const stack = useRef<HTMLDivElement>(null);
  const [atTop, setAtTop] = useState(false);

  const dismiss = useCallback((id: number) => {
    // Only when focus is in the toast that goes: another toast's button keeps it.
    if (document.activeElement?.closest("[data-toast-id]")?.getAttribute("data-toast-id") === String(id)) refocus.current = true;
    setToasts((all) => all.filter((t) => t.id !== id));
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
  }, []);

  const toast = useCallback<ToastApi["toast"]>(
    (message, { tone = "neutral", durationMs = 5000 } = {}) => {
      const id = nextId.current++;
      setToasts((all) => [...all.slice(-2), { id, message, tone }]);
      timers.current.set(id, setTimeout(() => dismiss(id), durationMs));
    },
    [dismiss],
  );

  useEffect(() => {
    const all = timers.current;
    return () => all.forEach((t) => clearTimeout(t));
  }, []);

  useEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    if (returnTo.current?.isConnected) returnTo.current.focus({ preventScroll: true });
  }, [toasts]);

  useEffect(() => {
    const message = takeFlash();
    if (message) toast(message, { tone: "success", durationMs: 8000 });
  }, [toast]);

  // Out of the focused control's way: checked when focus moves, the page scrolls or a toast comes.
  useEffect(() => {
    const place = () => {
      const el = stack.current;
      if (el) setAtTop(coversFocus(el));
    };
    const frame = requestAnimationFrame(place);
    document.addEventListener("focusin", place);
    window.addEventListener("scroll", place, { passive: true, capture: true });
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener("focusin", place);
      window.removeEventListener("scroll", place, { capture: true });
    };
  }, [toasts]);

  const api = useMemo(() => ({ toast }), [toast]);

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div
        aria-live="polite"
        role="status"
        onFocus={(e) => {
          if (!(e.relatedTarget instanceof HTMLElement) || e.currentTarget.contains(e.relatedTarget)) return;
          returnTo.current = e.relatedTarget;
        }}
        ref={stack}
        data-toast-stack={atTop ? "top" : "bottom"}
        className={`pointer-events-none fixed inset-x-0 z-50 flex flex-col items-center gap-2 p-4 sm:items-end ${atTop ? "top-0" : "bottom-0"}`}>
        {toasts.map((t, i) => (
          <div key={t.id} data-toast-id={t.id} className={`pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-lg border p-3 text-sm shadow-lg ${tones[t.tone]} ${i < toasts.length - 1 ? "max-sm:hidden" : ""}`}>
            <p className="min-w-0 flex-1">{t.message}</p>
            <button type="button" onClick={() => dismiss(t.id)} aria-label="Dismiss notification" className="rounded p-0.5 text-slate-600 hover:text-slate-900">
              <CloseIcon />
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

/**
 * Should the toasts go to the top: would they cover the focused control at the bottom of the
 * window, and not at the top? Their column is the same at either edge, so only their height
 * counts, measured whichever edge the stack is at now.
 */
export function coversFocus(stack: HTMLElement): boolean {
  const focused = document.activeElement;
  const toasts = [...stack.children].map((c) => c.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0);
  if (!(focused instanceof HTMLElement) || focused === document.body || stack.contains(focused) || toasts.length === 0) return false;
  const spot = focused.getBoundingClientRect();
  const left = Math.min(...toasts.map((r) => r.left));
  const right = Math.max(...toasts.map((r) => r.right));
  const height = Math.max(...toasts.map((r) => r.bottom)) - Math.min(...toasts.map((r) => r.top)) + 16; // the stack's p-4
  if (!(spot.right > left && spot.left < right)) return false;
  const coversBottom = spot.bottom > window.innerHeight - height && spot.top < window.innerHeight;
  const coversTop = spot.top < height && spot.bottom > 0;
  return coversBottom && !coversTop;
}

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToast() needs a <ToastProvider> above it");
  return api;
}
