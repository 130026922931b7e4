// One door into the embedded adapters: in-process stand-ins used by `npm start` (never by the tests that claim Kafka, Redis or Postgres).
