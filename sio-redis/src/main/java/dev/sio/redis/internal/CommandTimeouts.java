package dev.sio.redis.internal;

import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Commands caught by a connection loss are retried after the reconnection; none may wait longer
 * than {@link RedisLink#COMMAND_TIMEOUT} (a blocking XREAD: its block time plus that).
 */
final class CommandTimeouts extends TimeoutOptions.TimeoutSource {
  private final long blockingTimeout;

  CommandTimeouts(Duration maxBlock) {
    this.blockingTimeout = RedisLink.COMMAND_TIMEOUT.plus(maxBlock).toMillis();
  }

  @Override
  public long getTimeout(RedisCommand<?, ?, ?> command) {
    return command.getType() == CommandType.XREAD
        ? blockingTimeout
        : RedisLink.COMMAND_TIMEOUT.toMillis();
  }

  @Override
  public TimeUnit getTimeUnit() {
    return TimeUnit.MILLISECONDS;
  }
}
