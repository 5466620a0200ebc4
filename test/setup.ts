// Runs in every test worker before its test files. Vitest's `env` already sets TZ; setting it
// here too covers workers started by other runners (e.g. an IDE plugin without our config env).
process.env.TZ = 'UTC';
