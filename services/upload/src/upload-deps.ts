// What the upload service's routes need: the database, a publisher, readiness probes and limits.
import type { Envelope } from '../../../shared/contracts/messages';
import type { Logger } from '../../../shared/logging/logger';
import type { Database } from '../../../shared/store/database';

export interface UploadDeps {
  database: Database;
  publish(message: Envelope): Promise<void>;
  brokerReady(): boolean;
  logger: Logger;
  maxUploadBytes: number;
  limits: UploadLimits;
}

/** What a PDF may be: page count and page size, checked before anything is stored. */
export interface UploadLimits {
  maxPages: number;
  maxPageInches: number;
  /** Uploads per client address per minute; more get 429. */
  uploadsPerMinute: number;
}
