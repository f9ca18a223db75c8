// An identity the field under review is a term of, with both sides and their sums, as the value typed makes them.
import type { Check, Field } from '../../../shared/contracts/report';
import { checksOf, evaluateIdentity, fieldTermValue } from '../../../shared/domain/identities';
import { parseNumber } from '../../../shared/domain/numbers';
import type { Report } from '../api';
import { known, t } from '../i18n';

/** The identities the field is a term of, evaluated with the value as typed (the server checks again on saving). */
export function liveChecks(report: Report, key: string, typed: string): Check[] {
  const parsed = parseNumber(typed, { dashIsZero: true });
  const termValue = (k: string) => {
    if (k !== key) {
      return fieldTermValue(report.fields[k]);
    }
    return parsed.ok ? (parsed.value ?? 0) : undefined;
  };
  return checksOf(report.checks, key).map((c) => evaluateIdentity(c, termValue));
}

export function CheckLine({ check, report, current }: { check: Check; report: Report; current: string }) {
  // A term is named by what tells it from the field under review: its column where they share a row, else its row.
  const here = report.fields[current]?.caption;
  const side = (keys: readonly string[]) =>
    keys.map((k) => {
      const f: Field | undefined = report.fields[k];
      const name = !f?.caption ? k : here && f.caption.row === here.row ? f.caption.column : f.caption.row;
      return (
        <span key={k} class={k === current ? 'term current' : 'term'} title={k}>
          {name}
        </span>
      );
    });
  const status = `check_${check.status}`;
  return (
    <li data-status={check.status} data-id={check.id}>
      <span class={`badge ${check.status === 'ok' ? 'good' : check.status === 'broken' ? 'bad' : ''}`}>
        {known(status) ? t(status) : check.status}
      </span>{' '}
      <span class="muted small">{check.description}</span>
      <div class="sides">
        <span>
          {side(check.left)} = <strong class="left-value">{check.leftValue ?? '?'}</strong>
        </span>
        <span> ⟷ </span>
        <span>
          {side(check.right)} = <strong class="right-value">{check.rightValue ?? '?'}</strong>
        </span>
      </div>
    </li>
  );
}
