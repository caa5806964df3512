package dev.sio.samples.chat;

import dev.sio.server.SocketIoServer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;

/** The Sio chat demo on Spring Boot: {@code java -jar spring-boot-chat.jar}, then open the page. */
@SpringBootApplication
public class ChatApplication {
  /**
   * Starts the application.
   *
   * @param args Spring Boot's arguments ({@code --server.port=0 --sio.port=0})
   */
  public static void main(String[] args) {
    SpringApplication.run(ChatApplication.class, args);
  }

  /** Says where the application answers, once it does (web server and Socket.IO started). */
  @EventListener
  void ready(ApplicationReadyEvent event) {
    var context = (WebServerApplicationContext) event.getApplicationContext();
    SocketIoServer io = context.getBean(SocketIoServer.class);
    int port = context.getWebServer().getPort();
    System.out.println(
        "sample ready port="
            + port
            + (io.listener() != null ? " sio-port=" + io.port() : " sio-port=" + port));
  }
}
