package dev.sio.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.server.ServerOptions;
import dev.sio.server.SocketIoServer;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The UI's files served by Sio itself, with nothing fetched from the internet. */
@Timeout(30)
class UiRouteTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private SocketIoServer io;
  private AdminUi admin;

  @BeforeEach
  void start() {
    io = SocketIoServer.create(ServerOptions.builder().host("127.0.0.1").port(0).build());
    admin = AdminUi.instrument(io, AdminOptions.builder().auth(AdminAuth.none()).build());
    io.start();
  }

  @AfterEach
  void stop() {
    admin.close();
    io.close();
  }

  private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + io.port() + path));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void indexLinksOnlyLocalFilesAndEveryLinkedFileIsServed() throws Exception {
    HttpResponse<byte[]> index = get("/admin/");
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
    String html = new String(index.body(), StandardCharsets.UTF_8);
    assertThat(html).contains("Socket.IO Admin UI").doesNotContain("https://");
    Matcher links = Pattern.compile("(?:href|src)=\"?([^\" >]+)").matcher(html);
    int count = 0;
    while (links.find()) {
      HttpResponse<byte[]> file = get("/admin/" + links.group(1));
      assertThat(file.statusCode()).as(links.group(1)).isEqualTo(200);
      assertThat(file.body().length).as(links.group(1)).isPositive();
      count++;
    }
    assertThat(count).isGreaterThanOrEqualTo(5); // icon, 2 css, 2 js, the mdi stylesheet
    HttpResponse<byte[]> font = get("/admin/mdi/fonts/materialdesignicons-webfont.woff2");
    assertThat(font.statusCode()).isEqualTo(200);
    assertThat(font.headers().firstValue("content-type")).hasValue("font/woff2");
  }

  @Test
  void redirectsTheBarePathAndGzipsText() throws Exception {
    HttpResponse<byte[]> bare = get("/admin");
    assertThat(bare.statusCode()).isEqualTo(301);
    assertThat(bare.headers().firstValue("location")).hasValue("/admin/");
    HttpResponse<byte[]> zipped = get("/admin/index.html", "accept-encoding", "gzip");
    assertThat(zipped.headers().firstValue("content-encoding")).hasValue("gzip");
    String html =
        new String(
            new GZIPInputStream(new ByteArrayInputStream(zipped.body())).readAllBytes(),
            StandardCharsets.UTF_8);
    assertThat(html).contains("Socket.IO Admin UI");
  }

  @Test
  void servesNothingOutsideItsFolder() throws Exception {
    for (String path :
        new String[] {
          "/admin/package.json.bak",
          "/admin/nope.js",
          "/admin/%2e%2e/%2e%2e/etc/passwd",
          "/admin/mdi/../../AdminUi.class",
          "/admin/.hidden.js",
          "/admin/js/"
        }) {
      assertThat(get(path).statusCode()).as(path).isEqualTo(404);
    }
    // A raw request with ".." that no client would normalise away.
    try (Socket raw = new Socket("127.0.0.1", io.port())) {
      raw.getOutputStream()
          .write(
              "GET /admin/../dev/sio/admin/AdminUi.class HTTP/1.1\r\nHost: x\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      byte[] head = raw.getInputStream().readNBytes(12);
      assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 404");
    }
  }
}
