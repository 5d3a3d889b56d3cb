import { testStore } from '@kepu/plugin-sdk/testing';
import { newStore, postgresCapabilities } from './harness.js';

// The PostgreSQL store against the storage-port conformance suite, on the real server
// (KEPU_TEST_PG_URL, or the local cluster that .ci/ensure-postgres starts): each test gets a
// namespace of its own in a schema of this file's own.
testStore(newStore, postgresCapabilities);
