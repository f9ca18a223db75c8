// The document's fields to review, the current one kept in view as the reviewer moves (j/k, Enter).
import { useEffect, useRef } from 'preact/hooks';
import type { Flagged } from '../hooks/use-review-desk';
import { t } from '../i18n';
import { captionText } from './caption';

export function FieldList({
  fields,
  index,
  settled,
  onChoose,
}: {
  fields: Flagged[];
  index: number;
  settled: (key: string) => boolean;
  onChoose: (i: number) => void;
}) {
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    list.current?.children[index]?.scrollIntoView({ block: 'nearest' });
  }, [index]);
  return (
    <ol class="field-list" aria-label={t('fields')} ref={list}>
      {fields.map((f, i) => (
        <li key={f.key} class={`${i === index ? 'current' : ''} ${settled(f.key) ? 'done' : ''}`}>
          <button type="button" tabIndex={-1} onClick={() => onChoose(i)}>
            {captionText(f.caption, f.key)}
          </button>
        </li>
      ))}
    </ol>
  );
}
