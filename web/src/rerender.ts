// A hook that re-renders its component whenever a module-level change (the address, the language) is announced.
import { useEffect, useState } from 'preact/hooks';

export function useRerenderOn(listeners: Set<() => void>): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    const l = () => setTick((n) => n + 1);
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, [listeners]);
}
