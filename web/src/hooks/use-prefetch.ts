// The next field's crop and page image asked for while the reviewer looks at this one: with page images cached for
// good (Cache-Control immutable), moving on shows them at once instead of after a fetch.
import { useEffect } from 'preact/hooks';

export function usePrefetch(urls: readonly (string | null | undefined)[]): void {
  const key = urls.filter(Boolean).join(' ');
  useEffect(() => {
    for (const url of urls) {
      if (url) {
        new Image().src = url;
      }
    }
  }, [key]);
}
