package dev.sio.cli.internal;

/** The command line is wrong; the message tells the user what to change. */
public final class UsageException extends Exception {
  /** An exception whose message is shown to the user as is. */
  public UsageException(String message) {
    super(message);
  }
}
