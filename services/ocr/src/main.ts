// OCR service entry point: wiring only.
import { runUntilSignalled } from '../../../shared/runtime/worker';
import { startOcrService } from './service';

void runUntilSignalled(() => startOcrService());
