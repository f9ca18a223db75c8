// A field as the report prints it: its row and column captions (Chinese), or its key where it has none.
import type { Field } from '../../../shared/contracts/report';

type CaptionOf = Field['caption'];

export const captionText = (caption: CaptionOf, key: string) => (caption ? `${caption.row} · ${caption.column}` : key);

/** The captions with the column set back, for headings and tables. */
export function Caption({ caption, fallback }: { caption: CaptionOf; fallback: string }) {
  return caption ? (
    <>
      {caption.row}
      <span class="muted"> · {caption.column}</span>
    </>
  ) : (
    <span translate={false}>{fallback}</span>
  );
}
