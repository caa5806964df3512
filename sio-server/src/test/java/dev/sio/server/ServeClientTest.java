package dev.sio.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class ServeClientTest extends ServerHarness {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + io.port() + path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void servesTheOfficialBundleWithNodesHeaders() throws Exception {
    start();
    listen();
    HttpResponse<byte[]> js = get("/socket.io/socket.io.js");
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.headers().firstValue("content-type"))
        .hasValue("application/javascript; charset=utf-8");
    assertThat(js.headers().firstValue("etag")).hasValue("\"4.8.4\"");
    assertThat(js.headers().firstValue("cache-control")).hasValue("public, max-age=0");
    assertThat(new String(js.body(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("Socket.IO v4.8.4");
    for (String file :
        new String[] {"socket.io.min.js", "socket.io.msgpack.min.js", "socket.io.esm.min.js"}) {
      assertThat(get("/socket.io/" + file + "?v=1").statusCode()).as(file).isEqualTo(200);
    }
    HttpResponse<byte[]> map = get("/socket.io/socket.io.min.js.map");
    assertThat(map.statusCode()).isEqualTo(200);
    assertThat(map.headers().firstValue("content-type"))
        .hasValue("application/json; charset=utf-8");
    assertThat(get("/socket.io/socket.io.esm.min.js.map").statusCode()).isEqualTo(200);
  }

  @Test
  void answers304ToAMatchingEtagAndCompressesWhenAsked() throws Exception {
    start();
    listen();
    assertThat(get("/socket.io/socket.io.js", "If-None-Match", "\"4.8.4\"").statusCode())
        .isEqualTo(304);
    assertThat(get("/socket.io/socket.io.js", "If-None-Match", "W/\"4.8.4\"").statusCode())
        .isEqualTo(304);
    assertThat(get("/socket.io/socket.io.js", "If-None-Match", "\"1.0.0\"").statusCode())
        .isEqualTo(200);
    HttpResponse<byte[]> plain = get("/socket.io/socket.io.min.js");
    HttpResponse<byte[]> gzip = get("/socket.io/socket.io.min.js", "Accept-Encoding", "gzip");
    assertThat(gzip.headers().firstValue("content-encoding")).hasValue("gzip");
    byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(gzip.body())).readAllBytes();
    assertThat(unzipped).isEqualTo(plain.body());
  }

  @Test
  void repeatedRequestsGetTheSameBytesInEveryEncoding() throws Exception {
    start();
    listen();
    byte[] plain = get("/socket.io/socket.io.js").body();
    byte[] firstGzip = null;
    for (int i = 0; i < 3; i++) { // first sighting, then the shared cached forms
      assertThat(get("/socket.io/socket.io.js").body()).isEqualTo(plain);
      HttpResponse<byte[]> gzip = get("/socket.io/socket.io.js", "Accept-Encoding", "gzip");
      assertThat(gzip.headers().firstValue("content-encoding")).hasValue("gzip");
      assertThat(new GZIPInputStream(new ByteArrayInputStream(gzip.body())).readAllBytes())
          .isEqualTo(plain);
      if (firstGzip == null) {
        firstGzip = gzip.body();
      }
      assertThat(gzip.body()).isEqualTo(firstGzip);
      HttpResponse<byte[]> deflate = get("/socket.io/socket.io.js", "Accept-Encoding", "deflate");
      assertThat(deflate.headers().firstValue("content-encoding")).hasValue("deflate");
      assertThat(
              new java.util.zip.InflaterInputStream(new ByteArrayInputStream(deflate.body()))
                  .readAllBytes())
          .isEqualTo(plain);
    }
  }

  @Test
  void unknownFilesAndServeClientOff() throws Exception {
    start(b -> b.serveClient(false));
    listen();
    assertThat(get("/socket.io/socket.io.js").statusCode()).isNotEqualTo(200);
    assertThat(get("/socket.io/socket.io.other.js").statusCode()).isNotEqualTo(200);
  }
}
