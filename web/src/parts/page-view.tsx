// A page image with one region outlined: the cell of the field under review, or where the template expects it.
// Zoom by buttons or ctrl+wheel, pan by dragging or scrolling; the outlined region is brought into view.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { BBox } from '../../../shared/contracts/geometry';
import { pageImage } from '../api';
import { t } from '../i18n';

// The page is fetched at 100 DPI: 9 pt table text is 12 px high, readable, and an A4 page is 0.3-0.5 MB.
const VIEW_DPI = 100;
const ZOOMS = [0.5, 0.75, 1, 1.5, 2, 3];

export function PageView({ documentId, page, box }: { documentId: string; page: number | null; box: BBox | null }) {
  const [zoom, setZoom] = useState(1);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const [failed, setFailed] = useState(false);
  const frame = useRef<HTMLDivElement>(null);
  const mark = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; y: number; left: number; top: number } | null>(null);
  useEffect(() => {
    setSize(null);
    setFailed(false);
  }, [documentId, page]);
  // The outlined region to the middle of the frame; the frame scrolls, never the page around it.
  useEffect(() => {
    const f = frame.current;
    const m = mark.current;
    if (f && m) {
      f.scrollTo({ left: m.offsetLeft + m.offsetWidth / 2 - f.clientWidth / 2, top: m.offsetTop + m.offsetHeight / 2 - f.clientHeight / 2, behavior: 'smooth' });
    }
  }, [box, size, zoom]);
  if (page === null || failed) {
    return <div class="page-view empty muted">{t('noPageImage')}</div>;
  }
  // The image's pixels at VIEW_DPI are the page's points times VIEW_DPI / 72; shown at `zoom` of that.
  const scale = (zoom * VIEW_DPI) / 72;
  const step = (d: number) => setZoom((z) => ZOOMS[Math.max(0, Math.min(ZOOMS.length - 1, ZOOMS.indexOf(z) + d))]);
  return (
    <div class="page-view">
      <div class="zoom">
        <button type="button" tabIndex={-1} onClick={() => step(-1)} aria-label={t('zoomOut')}>−</button>
        <span class="muted">{Math.round(zoom * 100)}%</span>
        <button type="button" tabIndex={-1} onClick={() => step(1)} aria-label={t('zoomIn')}>+</button>
        <button type="button" tabIndex={-1} onClick={() => setZoom(frame.current && size ? Math.max(0.25, (frame.current.clientWidth - 20) / (size.width * scale / zoom)) : 1)}>{t('fit')}</button>
      </div>
      <div class="frame" ref={frame}
        onWheel={(e) => {
          if (e.ctrlKey) {
            e.preventDefault();
            step(e.deltaY < 0 ? 1 : -1);
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
        }}>
        <div class="sheet" style={size ? { width: `${size.width * zoom}px`, height: `${size.height * zoom}px` } : {}}>
          <img src={pageImage(documentId, page, VIEW_DPI)} alt="" draggable={false}
            onLoad={(e) => setSize({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })}
            onError={() => setFailed(true)} style={size ? { width: `${size.width * zoom}px` } : {}} />
          {box && size ? (
            <div class="mark" ref={mark} style={{ left: `${box.x * scale - 3}px`, top: `${box.y * scale - 3}px`, width: `${box.width * scale + 6}px`, height: `${box.height * scale + 6}px` }} />
          ) : null}
        </div>
      </div>
    </div>
  );
}
