'use strict';
/**
 * The Jest environment of every project: Node's, plus a trap for node-postgres' deprecation warnings.
 * pg 8 only warns (once per process) when `client.query()` is called while another query runs on the
 * same client, or when an invalid Date is sent as a parameter; pg 9 makes both errors. Here each one
 * fails the test during which it happened (or the file, if it happened outside a test), every time.
 *
 * pg builds its warnings with `util.deprecate` when it is loaded, which happens inside each test
 * file's module registry, after this environment is set up; `util.deprecate` is wrapped for that
 * time so pg's wrappers also report to this environment. Other libraries' deprecations are untouched.
 * (Plain JavaScript: Jest loads test environments without the ts-jest transform of the test files.)
 */
const util = require('node:util');
const { TestEnvironment } = require('jest-environment-node');

/** The messages of pg's deprecations that pg 9 turns into errors. */
const PG_WARNINGS = [/client\.query\(\) when the client is already executing a query/, /Sending an invalid date to Postgres/];

class PgWarningsEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.pending = [];
    this.originalDeprecate = undefined;
  }

  async setup() {
    await super.setup();
    const env = this;
    const original = util.deprecate;
    this.originalDeprecate = original;
    util.deprecate = function deprecate(fn, msg, ...rest) {
      const wrapped = original.call(this, fn, msg, ...rest);
      if (typeof msg !== 'string' || !PG_WARNINGS.some((re) => re.test(msg))) return wrapped;
      return function pgDeprecated(...args) {
        env.pending.push(new Error(`node-postgres deprecation (an error in pg 9): ${msg}\n${new Error().stack.split('\n').slice(2, 12).join('\n')}`));
        return wrapped.apply(this, args);
      };
    };
  }

  async teardown() {
    if (this.originalDeprecate) util.deprecate = this.originalDeprecate;
    await super.teardown();
    if (this.pending.length > 0) {
      const first = this.pending[0];
      this.pending = [];
      throw first;
    }
  }

  async handleTestEvent(event) {
    if (event.name === 'test_done' && this.pending.length > 0) {
      for (const err of this.pending.splice(0)) event.test.errors.push([err, err]);
    }
  }
}

module.exports = PgWarningsEnvironment;
