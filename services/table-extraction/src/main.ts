// Table-extraction service entry point: wiring only.
import { runUntilSignalled } from '../../../shared/runtime/worker';
import { startTableService } from './service';

void runUntilSignalled(() => startTableService());
