// The API as the application calls it: JSON in and out, the session's CSRF token on every change, a 401 sends
// the person to the login page. Types are the services' own contracts.
import type { z } from 'zod';
import type * as answers from '../../shared/contracts/api';
import type { Report } from '../../shared/contracts/report';
import { CONNECTION_LOST_MESSAGE } from './parts/error-text';

export type DocumentView = z.infer<typeof answers.documentViewSchema>;
export type DocumentList = z.infer<typeof answers.documentListSchema>;
export type UploadAnswer = z.infer<typeof answers.uploadAnswerSchema>;
export type ReviewList = z.infer<typeof answers.reviewListSchema>;
export type ReviewAnswer = z.infer<typeof answers.reviewAnswerSchema>;
export type ReviewHistory = z.infer<typeof answers.reviewHistorySchema>;
export type ReviewQueue = z.infer<typeof answers.reviewQueueSchema>;
export type StaleField = z.infer<typeof answers.staleFieldSchema>;
export type ConfirmAnswer = z.infer<typeof answers.confirmAnswerSchema>;
export type UndoAnswer = z.infer<typeof answers.undoAnswerSchema>;
export type Session = z.infer<typeof answers.sessionAnswerSchema>;
export type ClaimAnswer = z.infer<typeof answers.claimAnswerSchema>;
export type ClaimHeld = z.infer<typeof answers.claimHeldSchema>;
export type ErrorAnswer = z.infer<typeof answers.errorAnswerSchema>;
export type { Report };

/** An answer other than 2xx, with the API's own sentence and its body (the code and parameters i18n's failureText
 * says in the interface's language; and, for a 503, the seconds its Retry-After asks to wait). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: unknown,
    readonly retryAfterS?: number,
  ) {
    super(message);
  }
}

let csrfToken = '';
export const setCsrfToken = (token: string | undefined) => {
  csrfToken = token ?? '';
};

export const loginAddress = () => `/login?next=${encodeURIComponent(location.pathname + location.search)}`;

export async function api<T>(url: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const response = await fetch(url, {
    ...rest,
    headers: {
      ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      'x-csrf-token': csrfToken,
      ...(rest.headers ?? {}),
    },
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  });
  if (response.status === 401 && !url.startsWith('/api/auth/')) {
    location.assign(loginAddress());
  }
  const body: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (!response.ok) {
    const retryAfter = Number(response.headers.get('retry-after') ?? NaN);
    throw new ApiError(
      response.status,
      (body as { error?: string } | undefined)?.error ?? `${response.status} ${response.statusText}`,
      body,
      Number.isFinite(retryAfter) ? retryAfter : undefined,
    );
  }
  return body as T;
}

export interface UploadOutcome {
  status: number;
  /** The answer, or the refusal (a body without code when no JSON came). */
  body: UploadAnswer | Partial<ErrorAnswer>;
}

/** Uploads one file, reporting the share sent (0..1) as it goes: fetch cannot tell upload progress, XHR can. */
export function uploadFile(file: File, onProgress: (share: number) => void): Promise<UploadOutcome> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/documents');
    xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) {
        onProgress(e.loaded / e.total);
      }
    };
    xhr.onload = () =>
      resolve({
        status: xhr.status,
        body: (xhr.response as UploadOutcome['body'] | null) ?? { error: `${xhr.status} ${xhr.statusText}` },
      });
    xhr.onerror = () => reject(new Error(CONNECTION_LOST_MESSAGE));
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}

/** The address of a page's image (the whole page, at `dpi`), or of a region of it in PDF points. */
export const pageImage = (documentId: string, page: number, dpi: number) =>
  `/api/documents/${encodeURIComponent(documentId)}/pages/${page}/image?x=0&y=0&width=2000&height=2000&dpi=${dpi}`;
