import { testStore } from '@kepu/plugin-sdk/testing';
import { createSqliteStore } from '../src/index.js';
import { newFile, sqliteCapabilities } from './harness.js';

// The SQLite store against the storage-port conformance suite, each test on a new file.
testStore(() => createSqliteStore({ filename: newFile() }), sqliteCapabilities);
