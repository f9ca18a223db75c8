// Normalisation service entry point: wiring only.
import { runUntilSignalled } from '../../../shared/runtime/worker';
import { startNormalisationService } from './service';

void runUntilSignalled(() => startNormalisationService());
