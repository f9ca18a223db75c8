// What the upload service's routes need: the database, announcing to the pipeline, readiness probes and limits.
import type { Logger } from '../../../shared/logging/logger';
import type { Metrics } from '../../../shared/runtime/metrics';
import type { Database } from '../../../shared/store/database';
import type { AnnounceDeps } from './announce';

export interface UploadDeps {
  database: Database;
  /** Publishing a document's start and recording it (the sweep uses the same). */
  announcing: AnnounceDeps;
  brokerReady(): boolean;
  logger: Logger;
  metrics: Metrics;
  maxUploadBytes: number;
  limits: UploadLimits;
  auth: AuthSettings;
  /** Aborted when the service stops: open event streams end, so the server can close. */
  stopping: AbortSignal;
}

/** Sessions and login limits (auth/). */
export interface AuthSettings {
  sessionHours: number;
  cookieSecure: boolean;
  loginFailuresPer15Min: number;
}

/** What a PDF may be: page count and page size, checked before anything is stored. */
export interface UploadLimits {
  maxPages: number;
  maxPageInches: number;
  /** Uploads per user or API key per minute; more get 429. */
  uploadsPerMinute: number;
}
