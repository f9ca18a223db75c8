// A report as a person reads it: its verdict on itself, downloads, the tables as tables, the fields grouped as
// the report groups them, the prose, and the corrections made so far.
import { useEffect, useState } from 'preact/hooks';
import type { ReportTable } from '../../../shared/contracts/report';
import { DocumentView, Report, ReviewHistory, api } from '../api';
import { follow } from '../router';
import { reviewAddress } from './queue';
import { confidenceText } from '../parts/confidence';
import { failureText, known, sectionText, t, timeText, useLang } from '../i18n';
import { reasonText } from '../parts/reason-text';
import { StageBars, StateBadge } from '../parts/progress';
import { History } from '../parts/history';
import { Caption } from '../parts/caption';

export function ReportPage({ id }: { id: string }) {
  const [doc, setDoc] = useState<DocumentView | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [history, setHistory] = useState<ReviewHistory['reviews']>([]);
  const [error, setError] = useState<unknown>(null);
  const lang = useLang();
  useEffect(() => {
    api<DocumentView>(`/api/documents/${encodeURIComponent(id)}`).then(
      (d) => {
        setDoc(d);
        if (d.status === 'done' || d.status === 'needs-attention') {
          void api<Report>(`/api/documents/${encodeURIComponent(id)}/report`).then(setReport, (e: unknown) =>
            setError(e),
          );
          void api<ReviewHistory>(`/api/documents/${encodeURIComponent(id)}/reviews`).then(
            (h) => setHistory(h.reviews),
            () => undefined,
          );
        }
      },
      (e: unknown) => setError(e),
    );
  }, [id]);
  if (error !== null) {
    return (
      <p id="head" class="flag">
        {failureText(error)}
      </p>
    );
  }
  if (!doc) {
    return (
      <p id="head" class="muted">
        {t('loading')}
      </p>
    );
  }
  const groups = report ? groupFields(report) : [];
  return (
    <article class="report">
      <h1 id="head">{doc.filename}</h1>
      <p>
        <StateBadge doc={doc} /> {report ? <span class="badge">{t(`review_${report.review.status}`)}</span> : null}
      </p>
      {!report ? <StageBars doc={doc} /> : null}
      {report ? (
        <>
          <dl class="facts">
            <dt>{t('agency')}</dt>
            <dd>{report.agency ?? t('none')}</dd>
            <dt>{t('year')}</dt>
            <dd>{report.year ?? t('none')}</dd>
            <dt>{t('template')}</dt>
            <dd>
              {report.template === null
                ? t('none')
                : known(`template_${report.template}`)
                  ? t(`template_${report.template}` as Parameters<typeof t>[0])
                  : report.template}
            </dd>
            <dt>{t('quality')}</dt>
            <dd>
              {known(`quality_${report.quality.status}`)
                ? t(`quality_${report.quality.status}` as Parameters<typeof t>[0])
                : report.quality.status}
              {report.quality.problems.length
                ? `: ${report.quality.problems.map((p) => reasonText(p, lang)).join('; ')}`
                : ''}
            </dd>
          </dl>
          <p class="downloads">
            {t('downloads')}: <a href={doc.links.pdf}>{t('searchablePdf')}</a> ·{' '}
            <a href={doc.links.fieldsCsv}>{t('fieldsCsv')}</a> · <a href={doc.links.tablesXlsx}>{t('tablesXlsx')}</a>
            {report.review.flagged > 0 ? (
              <>
                {' '}
                ·{' '}
                <a href={`/review/${id}`} onClick={(e) => follow(e, `/review/${id}`)}>
                  {t('fieldsFlagged', { n: report.review.flagged })}
                </a>
              </>
            ) : null}
          </p>
          <h2>{t('tables')}</h2>
          {report.tables.map((table) => (
            <TableView key={table.id} table={table} />
          ))}
          <h2>{t('fields')}</h2>
          {groups.map(([group, fields]) => (
            <details key={group} open>
              <summary>{sectionText(group)}</summary>
              <table class="fields">
                <tbody>
                  {fields.map(([key, f]) => (
                    <tr key={key} class={f.needsReview ? 'flagged' : ''}>
                      <td>
                        <Caption caption={f.caption} fallback={key} />
                      </td>
                      <td class="num">
                        {!f.found ? (
                          <span class="muted">{t('notFound')}</span>
                        ) : f.raw === '' ? (
                          <span class="muted">{t('blank')}</span>
                        ) : (
                          f.raw
                        )}
                      </td>
                      <td class="muted small">
                        {confidenceText(f.confidence)}
                        {f.review
                          ? ` · ${t('reviewedBy', { who: f.review.by, when: timeText(f.review.at, 'date') })}`
                          : ''}
                      </td>
                      <td>
                        <a
                          class="small open-desk"
                          href={reviewAddress(id, key)}
                          onClick={(e) => follow(e, reviewAddress(id, key))}
                        >
                          {t(f.needsReview ? 'review' : 'reopen')}
                        </a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          ))}
          <h2>{t('checks')}</h2>
          <ul class="checks">
            {report.checks.map((c) => (
              <li key={c.id} data-status={c.status}>
                <span class={`badge ${c.status === 'ok' ? 'good' : c.status === 'broken' ? 'bad' : ''}`}>
                  {t(`check_${c.status}`)}
                </span>{' '}
                {c.description}
              </li>
            ))}
          </ul>
          <h2>{t('prose')}</h2>
          <div class="prose" translate={false}>
            {report.text
              .split('\n')
              .filter((l) => l.trim() !== '')
              .map((line, i) => (
                <p key={i}>{line}</p>
              ))}
          </div>
          <h2>{t('history')}</h2>
          <History reviews={history} showField />
        </>
      ) : null}
    </article>
  );
}

/** Fields by the first part of their key (the report's sections: activeDisclosure, applications, ...). */
function groupFields(report: Report): [string, [string, Report['fields'][string]][]][] {
  const groups = new Map<string, [string, Report['fields'][string]][]>();
  for (const [key, field] of Object.entries(report.fields)) {
    const group = key.split('.')[0];
    groups.set(group, [...(groups.get(group) ?? []), [key, field]]);
  }
  return [...groups.entries()];
}

function TableView({ table }: { table: ReportTable }) {
  const rows = Math.max(0, ...table.cells.map((c) => c.row + c.rowSpan));
  return (
    <div class="table-wrap">
      <p class="muted small">
        {table.name ? sectionText(table.name) : <span translate={false}>{table.id}</span>} · {t('pages')}{' '}
        {table.pages.join(', ')}
      </p>
      <table class="grid" translate={false}>
        <tbody>
          {Array.from({ length: rows }, (_, r) => (
            <tr key={r}>
              {table.cells
                .filter((c) => c.row === r)
                .sort((a, b) => a.col - b.col)
                .map((c) => (
                  <td key={c.col} rowSpan={c.rowSpan} colSpan={c.colSpan} class={c.needsReview ? 'flagged' : ''}>
                    {c.text}
                  </td>
                ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
