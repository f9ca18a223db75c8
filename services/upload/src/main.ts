// Upload service entry point: wiring only.
import { errorMessage } from '../../../shared/errors/errors';
import { startUploadService } from './service';

// A lost broker is not fatal here: the publisher reconnects and the API keeps serving meanwhile.
void startUploadService().then((service) => {
  const stop = () => {
    service.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}, (error: unknown) => {
  process.stderr.write(`upload service failed to start: ${errorMessage(error)}\n`);
  process.exit(1);
});
