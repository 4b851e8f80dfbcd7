import { runImportBench } from './bench/importBench';
await runImportBench();
