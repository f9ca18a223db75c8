// A page image with one region outlined: the cell of the field under review, or where the template expects it.
// Zoom by buttons, Alt with + / - / 0 (fit the width) or ctrl+wheel, pan by dragging or scrolling; the outlined
// region is brought into view. Other pages by the page buttons or Alt with PageUp / PageDown (a field's neighbours
// may be a page away); the next field shows its own page again. Mouse actions never keep the keyboard: the desk
// gives it back to the value box.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { BBox } from '../../../shared/contracts/geometry';
import { pageImage } from '../api';
import { t } from '../i18n';

// The page is fetched at 100 DPI: 9 pt table text is 12 px high, readable, and a scanned A4 page is about 150 kB as
// WebP.
export const VIEW_DPI = 100;
// Zoom steps, as shares of the 100 DPI image: from a whole A4 page in a phone's width up to cells read closely.
const ZOOMS = [0.25, 0.33, 0.5, 0.67, 0.75, 1, 1.25, 1.5, 2, 3];

/** The next zoom step above (d = 1) or below (d = -1) `zoom`, which may lie between steps (a fitted width). */
export function stepZoom(zoom: number, d: 1 | -1): number {
  const next = d > 0 ? ZOOMS.find((z) => z > zoom + 1e-6) : [...ZOOMS].reverse().find((z) => z < zoom - 1e-6);
  return next ?? zoom;
}

const boxKey = (b: BBox | null) => (b ? `${b.x},${b.y},${b.width},${b.height}` : '');

/** The page view's address for a page: the whole page at VIEW_DPI (the desk prefetches the same). */
export const pageViewImage = (documentId: string, page: number) => pageImage(documentId, page, VIEW_DPI);

export function PageView({
  documentId,
  page: fieldPage,
  box: fieldBox,
  pages,
}: {
  documentId: string;
  page: number | null;
  box: BBox | null;
  pages: number;
}) {
  // A page chosen by the reviewer, until the field (or its place) changes.
  const [chosen, setChosen] = useState<number | null>(null);
  // By value: a place worked out from a field's neighbours is a new object at each rendering.
  const placeKey = `${documentId} ${fieldPage} ${boxKey(fieldBox)}`;
  useEffect(() => setChosen(null), [placeKey]);
  const page = chosen ?? fieldPage;
  const box = page === fieldPage ? fieldBox : null;
  const turn = useRef((d: 1 | -1) => void d);
  turn.current = (d) => {
    if (page !== null && page + d >= 1 && page + d <= pages) {
      setChosen(page + d);
    }
  };
  const [zoom, setZoom] = useState<number | 'fit'>(1);
  // The image's size and failure, each with the address it belongs to: an image from the cache may load before an
  // effect that reset them on a new page would run, and the page would then wait for a load that came already.
  const [loaded, setLoaded] = useState<{ src: string; width: number; height: number } | null>(null);
  const [failedSrc, setFailedSrc] = useState('');
  const src = page === null ? '' : pageViewImage(documentId, page);
  const size = loaded?.src === src ? loaded : null;
  const failed = failedSrc !== '' && failedSrc === src;
  const frame = useRef<HTMLDivElement>(null);
  const mark = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; y: number; left: number; top: number } | null>(null);
  // The image's own width fills the frame's inner width (its scroll bar left out).
  const fitted = () => (frame.current && size ? frame.current.clientWidth / size.width : 1);
  const shown = zoom === 'fit' ? fitted() : zoom;
  const state = useRef({ shown });
  state.current = { shown };
  // Keys pressed anywhere on the desk (the value box has the focus): Alt, since +, - and 0 are typed in values.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) {
        return;
      }
      const pageStep = { PageUp: -1, PageDown: 1 }[e.code];
      if (pageStep !== undefined) {
        e.preventDefault();
        turn.current(pageStep as 1 | -1);
        return;
      }
      const action = { Equal: 1, NumpadAdd: 1, Minus: -1, NumpadSubtract: -1, Digit0: 0, Numpad0: 0 }[e.code];
      if (action === undefined) {
        return;
      }
      e.preventDefault();
      setZoom(action === 0 ? 'fit' : stepZoom(state.current.shown, action as 1 | -1));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  // The outlined region to the middle of the frame; the frame scrolls, never the page around it.
  useEffect(() => {
    const f = frame.current;
    const m = mark.current;
    if (f && m) {
      f.scrollTo({
        left: m.offsetLeft + m.offsetWidth / 2 - f.clientWidth / 2,
        top: m.offsetTop + m.offsetHeight / 2 - f.clientHeight / 2,
      });
    }
  }, [boxKey(box), size, shown]);
  if (page === null || failed) {
    return <div class="page-view empty muted">{t('noPageImage')}</div>;
  }
  // The image's pixels at VIEW_DPI are the page's points times VIEW_DPI / 72; shown at `shown` of that.
  const scale = (shown * VIEW_DPI) / 72;
  return (
    <div class="page-view" data-zoom={shown.toFixed(3)} data-page={page}>
      <div class="zoom">
        <button
          type="button"
          tabIndex={-1}
          class="page-prev"
          disabled={page <= 1}
          onClick={() => turn.current(-1)}
          aria-label={t('previousPage')}
        >
          ‹
        </button>
        <span class="muted">{t('pageOf', { n: page, total: pages })}</span>
        <button
          type="button"
          tabIndex={-1}
          class="page-next"
          disabled={page >= pages}
          onClick={() => turn.current(1)}
          aria-label={t('nextPage')}
        >
          ›
        </button>
        <button type="button" tabIndex={-1} onClick={() => setZoom(stepZoom(shown, -1))} aria-label={t('zoomOut')}>
          −
        </button>
        <span class="muted">{Math.round(shown * 100)}%</span>
        <button type="button" tabIndex={-1} onClick={() => setZoom(stepZoom(shown, 1))} aria-label={t('zoomIn')}>
          +
        </button>
        <button type="button" tabIndex={-1} onClick={() => setZoom('fit')}>
          {t('fit')}
        </button>
        <span class="muted small">
          {t('zoomKeys')} · {t('pageKeys')}
        </span>
      </div>
      <div
        class="frame"
        ref={frame}
        onWheel={(e) => {
          if (e.ctrlKey) {
            e.preventDefault();
            setZoom(stepZoom(shown, e.deltaY < 0 ? 1 : -1));
          }
        }}
        onPointerDown={(e) => {
          const f = frame.current as HTMLDivElement;
          drag.current = { x: e.clientX, y: e.clientY, left: f.scrollLeft, top: f.scrollTop };
        }}
        onPointerMove={(e) => {
          if (drag.current && e.buttons === 1) {
            const f = frame.current as HTMLDivElement;
            f.scrollLeft = drag.current.left - (e.clientX - drag.current.x);
            f.scrollTop = drag.current.top - (e.clientY - drag.current.y);
          }
        }}
        onPointerUp={() => {
          drag.current = null;
        }}
      >
        <div class="sheet" style={size ? { width: `${size.width * shown}px`, height: `${size.height * shown}px` } : {}}>
          <img
            src={src}
            alt=""
            draggable={false}
            onLoad={(e) =>
              setLoaded({ src, width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })
            }
            onError={() => setFailedSrc(src)}
            style={size ? { width: `${size.width * shown}px` } : {}}
          />
          {box && size ? (
            <div
              class="mark"
              ref={mark}
              style={{
                left: `${box.x * scale - 3}px`,
                top: `${box.y * scale - 3}px`,
                width: `${box.width * scale + 6}px`,
                height: `${box.height * scale + 6}px`,
              }}
            />
          ) : null}
        </div>
      </div>
    </div>
  );
}
