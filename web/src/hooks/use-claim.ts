// The desk's claim on the document it shows: taken when the document opens, renewed while it stays open, given up
// when the desk moves on or the tab closes, so the queue sends other reviewers elsewhere meanwhile. Who else holds it,
// if anyone, is returned for the desk to say (the reviewer may still work: saves are guarded by If-Match).
import { useEffect, useState } from 'preact/hooks';
import { ApiError, ClaimAnswer, ClaimHeld, api } from '../api';

export function useClaim(documentId: string, mayReview: boolean): ClaimHeld | null {
  const [heldBy, setHeldBy] = useState<ClaimHeld | null>(null);
  useEffect(() => {
    if (!mayReview) {
      return undefined;
    }
    const url = `/api/documents/${encodeURIComponent(documentId)}/claim`;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let open = true;
    let pending: Promise<void> = Promise.resolve();
    const claim = async () => {
      let every = 30_000;
      try {
        every = (await api<ClaimAnswer>(url, { method: 'PUT' })).renewEveryMs;
        setHeldBy(null);
      } catch (e) {
        // Held by another: said, and asked again as often, so the desk takes it as soon as they leave. Any other
        // failure (the server away) is asked again just the same.
        setHeldBy(e instanceof ApiError && e.status === 409 ? (e.body as ClaimHeld) : null);
      }
      if (open) {
        timer = setTimeout(ask, every);
      }
    };
    const ask = () => {
      pending = claim();
    };
    ask();
    const release = () => {
      // keepalive: the request outlives the page when the tab closes.
      void api(url, { method: 'DELETE', keepalive: true }).catch(() => undefined);
    };
    window.addEventListener('pagehide', release);
    return () => {
      open = false;
      clearTimeout(timer);
      window.removeEventListener('pagehide', release);
      // After a claim in flight, or the claim it makes outlives the desk for two minutes.
      void pending.finally(release);
    };
  }, [documentId, mayReview]);
  return heldBy;
}
