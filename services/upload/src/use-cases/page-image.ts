// A region of a page's stored image, scaled and encoded for viewing: the page view, thumbnails and cells' crops.
import {
  cropRaster,
  decodeImage,
  encodeJpeg,
  encodePng,
  encodeWebp,
  scaleRaster,
} from '../../../../shared/adapters/image.adapter';
import type { Raster } from '../../../../shared/adapters/raster';
import type { BBox } from '../../../../shared/contracts/geometry';
import { InputError, NotFoundError } from '../../../../shared/errors/errors';
import type { Database } from '../../../../shared/store/database';
import { getFile } from '../../../../shared/store/files.repository';
import { findPage } from '../../../../shared/store/results.repository';

export type ImageFormat = 'webp' | 'jpeg' | 'png';

const ENCODERS: Record<ImageFormat, (raster: Raster) => Promise<Buffer>> = {
  webp: encodeWebp,
  jpeg: encodeJpeg,
  png: encodePng,
};

/**
 * `box` (PDF points; a box running over the page's edge is cut there) of page `page`, at `dpi` when lower than the
 * stored image's. NotFoundError for a page without an image; InputError for a box outside the page.
 */
export async function pageImage(
  database: Database,
  request: { documentId: string; page: number; box: BBox; dpi?: number; format: ImageFormat },
): Promise<Buffer> {
  const { documentId, page, box, dpi } = request;
  const record = await findPage(database, documentId, page);
  const bytes = record?.imageFileId ? await getFile(database, record.imageFileId) : undefined;
  if (!record || !bytes) {
    throw new NotFoundError(`no image for page ${page} of document ${documentId}`, 'page-image-not-found', { page });
  }
  if (box.x >= record.width || box.y >= record.height) {
    throw new InputError(
      `the box lies outside page ${page}, which is ${Math.round(record.width)} x ${Math.round(record.height)} pt`,
      'box-outside-page',
      { page, width: Math.round(record.width), height: Math.round(record.height) },
    );
  }
  const s = record.imageDpi / 72;
  const width = Math.min(box.width, record.width - box.x);
  const height = Math.min(box.height, record.height - box.y);
  const crop = await cropRaster(await decodeImage(bytes), {
    x: box.x * s,
    y: box.y * s,
    width: width * s,
    height: height * s,
  });
  return ENCODERS[request.format](dpi && dpi < record.imageDpi ? await scaleRaster(crop, dpi / record.imageDpi) : crop);
}
