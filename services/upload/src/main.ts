// Upload service entry point: wiring only.
import { errorMessage } from '../../../shared/errors/errors';
import { onStopSignals } from '../../../shared/runtime/stop-signals';
import { startUploadService } from './service';

// A lost broker is not fatal here: the publisher reconnects and the API keeps serving meanwhile.
void startUploadService().then(
  (service) => {
    onStopSignals(
      service.logger,
      (signal) => {
        service.logger.info({ signal }, 'shutting down');
        service.stop().then(
          () => {
            service.logger.info('upload service stopped');
            process.exit(0);
          },
          () => process.exit(1),
        );
      },
      () => process.exit(1),
    );
  },
  (error: unknown) => {
    process.stderr.write(`upload service failed to start: ${errorMessage(error)}\n`);
    process.exit(1);
  },
);
