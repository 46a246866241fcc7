import { useEffect, useState } from 'react';

/** The current time, refreshed every `ms` (a minute by default), for "now" and "next" markers. */
export function useNow(ms = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
