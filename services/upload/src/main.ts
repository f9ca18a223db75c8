// Upload service entry point: wiring only.
import { errorMessage } from '../../../shared/errors/errors';
import { startUploadService } from './service';

void startUploadService().then((service) => {
  service.broker.onLost((error) => {
    process.stderr.write(`broker connection lost (${errorMessage(error)}), exiting\n`);
    process.exit(1);
  });
  const stop = () => {
    service.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}, (error: unknown) => {
  process.stderr.write(`upload service failed to start: ${errorMessage(error)}\n`);
  process.exit(1);
});
