package dev.sio.engine.netty.internal;

import dev.sio.engine.HttpReply;
import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.internal.Responses;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Turns {@link HttpReply}s into responses without rebuilding static bodies: a body array seen a
 * second time (the same instance, as a route serving a file returns) gets its identity, gzip and
 * deflate forms made once, each in one shared direct buffer that every response writes a duplicate
 * of (no copy, no compression per request). Bodies seen once (dynamic ones) are answered as they
 * are, compressed per request. Bounds: {@value #MAX_ENTRIES} bodies and {@value #MAX_CACHED_BYTES}
 * cached bytes (past them, per-request answers); entries go when their array is collected.
 * Thread-safe (every event loop of a listener).
 */
public final class StaticReplies {
  /** Bodies below this are neither compressed nor cached (as Node's polling threshold). */
  static final int MIN_SIZE = 1024;

  static final int MAX_ENTRIES = 1024;
  static final long MAX_CACHED_BYTES = 64L << 20;

  // Guarded by this. Array keys compare by identity; values never reference their key.
  private final Map<byte[], Forms> bodies = new WeakHashMap<>();
  private long cachedBytes; // guarded by this

  /** The response for {@code reply} to {@code request}, compressed when the client accepts it. */
  public FullHttpResponse toResponse(HttpRequestInfo request, HttpReply reply) {
    byte[] body = reply.body();
    boolean hasEncoding = false;
    for (String name : reply.headers().keySet()) {
      if (name.equalsIgnoreCase("content-encoding")) {
        hasEncoding = true;
      }
    }
    String encoding = null;
    if (!hasEncoding && body.length >= MIN_SIZE && !"HEAD".equals(request.method())) {
      encoding = Responses.negotiateEncoding(request);
    }
    FullHttpResponse r =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(reply.status()),
            content(body, encoding));
    for (Map.Entry<String, String> h : reply.headers().entrySet()) {
      r.headers().set(h.getKey(), h.getValue());
    }
    if (encoding != null) {
      r.headers().set(HttpHeaderNames.CONTENT_ENCODING, encoding);
      r.headers().add(HttpHeaderNames.VARY, "Accept-Encoding");
    }
    return r;
  }

  private ByteBuf content(byte[] body, String encoding) {
    if (body.length == 0) {
      return Unpooled.EMPTY_BUFFER;
    }
    ByteBuf cached = body.length >= MIN_SIZE ? cached(body, encoding) : null;
    if (cached != null) {
      return cached.duplicate();
    }
    ByteBuf raw = Unpooled.wrappedBuffer(body);
    return encoding == null ? raw : Unpooled.wrappedBuffer(Responses.compress(body, encoding));
  }

  /** The shared form of {@code body} in {@code encoding}, or null (first sighting, or full). */
  private synchronized ByteBuf cached(byte[] body, String encoding) {
    Forms f = bodies.get(body);
    if (f == null) {
      if (bodies.size() >= MAX_ENTRIES) {
        bodies.clear(); // responses in flight keep their duplicates; the GC frees the rest
        cachedBytes = 0;
      }
      bodies.put(body, new Forms());
      return null;
    }
    int slot = encoding == null ? 0 : "gzip".equals(encoding) ? 1 : 2;
    ByteBuf form = f.forms[slot];
    if (form == null) {
      byte[] bytes = encoding == null ? body : Responses.compress(body, encoding);
      if (cachedBytes + bytes.length > MAX_CACHED_BYTES) {
        return null;
      }
      cachedBytes += bytes.length;
      form = shared(bytes);
      f.forms[slot] = form;
    }
    return form;
  }

  /**
   * One direct buffer holding {@code bytes} that nothing can release: a JDK direct buffer (freed by
   * the GC once no duplicate refers to it), wrapped so that each response's release is a no-op.
   */
  static ByteBuf shared(byte[] bytes) {
    ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length);
    direct.put(bytes).flip();
    return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct));
  }

  /** The cached forms of one body: identity, gzip, deflate; each made on first need. */
  private static final class Forms {
    final ByteBuf[] forms = new ByteBuf[3]; // guarded by the StaticReplies
  }
}
