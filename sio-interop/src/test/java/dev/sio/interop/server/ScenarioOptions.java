package dev.sio.interop.server;

/**
 * How a {@link ScenarioServer} is configured.
 *
 * @param recovery connection state recovery on (middlewares skipped)
 * @param msgpack the msgpack parser instead of the JSON one
 * @param recoveryMillis the recovery's maxDisconnectionDuration
 */
record ScenarioOptions(boolean recovery, boolean msgpack, long recoveryMillis) {
  ScenarioOptions(boolean recovery, boolean msgpack) {
    this(recovery, msgpack, 60_000);
  }

  /** With connection state recovery that keeps a session {@code millis} only. */
  static ScenarioOptions withShortRecovery(long millis) {
    return new ScenarioOptions(true, false, millis);
  }

  /** Node's defaults: no recovery, JSON parser. */
  static ScenarioOptions defaults() {
    return new ScenarioOptions(false, false);
  }

  /** With connection state recovery. */
  static ScenarioOptions withRecovery() {
    return new ScenarioOptions(true, false);
  }

  /** With connection state recovery and the msgpack parser. */
  static ScenarioOptions withRecoveryAndMsgpack() {
    return new ScenarioOptions(true, true);
  }

  /** With the msgpack parser. */
  static ScenarioOptions withMsgpack() {
    return new ScenarioOptions(false, true);
  }
}
