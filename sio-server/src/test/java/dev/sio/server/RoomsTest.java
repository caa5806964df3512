package dev.sio.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RoomsTest extends ServerHarness {
  private final List<CompletableFuture<Socket>> joined =
      List.of(new CompletableFuture<>(), new CompletableFuture<>(), new CompletableFuture<>());

  private void trackSockets() {
    io.onConnection(
        socket -> {
          for (CompletableFuture<Socket> f : joined) {
            if (f.complete(socket)) {
              return;
            }
          }
        });
  }

  private Socket socket(int i) throws Exception {
    return joined.get(i).get(5, TimeUnit.SECONDS);
  }

  /** Starts the server and connects three clients to {@code /} (sockets 0, 1, 2). */
  private List<TestClient> threeConnected() throws Exception {
    start();
    trackSockets();
    listen();
    List<TestClient> cs = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      TestClient c = client();
      c.connect("/");
      cs.add(c);
    }
    return cs;
  }

  @Test
  void joinLeaveAndTheOwnRoom() throws Exception {
    start();
    trackSockets();
    listen();
    TestClient c = client();
    c.connect("/");
    Socket s = socket(0);
    assertThat(s.rooms()).containsExactly(s.id());
    s.join("a", "b");
    assertThat(s.rooms()).containsExactlyInAnyOrder(s.id(), "a", "b");
    s.leave("a");
    assertThat(s.rooms()).containsExactlyInAnyOrder(s.id(), "b");
    assertThat(io.sockets().adapter().roomMembers("b")).containsExactly(s.id());
    c.sendRaw("41");
    Thread.sleep(100);
    assertThat(io.sockets().adapter().rooms()).isEmpty();
  }

  @Test
  void aSocketInNoRoomStillGetsBroadcastsToAllAsInNode() throws Exception {
    start();
    trackSockets();
    listen();
    TestClient c = client();
    c.connect("/");
    Socket s = socket(0);
    s.leave(s.id());
    assertThat(s.rooms()).isEmpty();
    assertThat(io.sockets().adapter().rooms()).isEmpty();
    io.emit("all", 1);
    assertThat(c.nextText()).isEqualTo("42[\"all\",1]");
    s.join(s.id());
    io.to(s.id()).emit("own", 2);
    assertThat(c.nextText()).isEqualTo("42[\"own\",2]");
  }

  @Test
  void aRoomGrowsPastOneMemberAndShrinksBack() throws Exception {
    List<TestClient> cs = threeConnected();
    TestClient c1 = cs.get(0);
    TestClient c3 = cs.get(2);
    socket(0).join("r");
    socket(1).join("r");
    socket(2).join("r");
    Adapter adapter = io.sockets().adapter();
    assertThat(adapter.roomMembers("r"))
        .containsExactlyInAnyOrder(socket(0).id(), socket(1).id(), socket(2).id());
    socket(1).leave("r");
    socket(0).leave("r");
    assertThat(adapter.roomMembers("r")).containsExactly(socket(2).id());
    io.to("r").emit("left", 1);
    assertThat(c3.nextText()).isEqualTo("42[\"left\",1]");
    socket(2).leave("r");
    assertThat(adapter.rooms()).doesNotContain("r");
    for (int i = 0; i < 12; i++) {
      socket(0).join("many-" + i); // past the socket's small set
    }
    assertThat(socket(0).rooms()).hasSize(13).contains(socket(0).id(), "many-11");
    io.to("many-11").emit("many", 2);
    assertThat(c1.nextText()).isEqualTo("42[\"many\",2]");
  }

  @Test
  void roomBroadcastsReachMembersOnceAndRespectExcept() throws Exception {
    List<TestClient> cs = threeConnected();
    TestClient c1 = cs.get(0);
    TestClient c2 = cs.get(1);
    TestClient c3 = cs.get(2);
    socket(0).join("red", "blue");
    socket(1).join("blue");
    socket(2).join("green");
    io.to("red", "blue").emit("news", 1);
    assertThat(c1.nextText()).isEqualTo("42[\"news\",1]");
    assertThat(c2.nextText()).isEqualTo("42[\"news\",1]");
    io.to("blue").except("red").emit("news", 2);
    assertThat(c2.nextText()).isEqualTo("42[\"news\",2]");
    io.except("green").emit("news", 3);
    assertThat(c1.nextText()).isEqualTo("42[\"news\",3]");
    assertThat(c2.nextText()).isEqualTo("42[\"news\",3]");
    socket(0).to("blue").emit("from-0", 4);
    assertThat(c2.nextText()).isEqualTo("42[\"from-0\",4]");
    io.to(socket(2).id()).emit("direct", 5);
    assertThat(c3.nextText()).isEqualTo("42[\"direct\",5]");
  }

  @Test
  void socketsJoinLeaveFetchAndDisconnect() throws Exception {
    start();
    trackSockets();
    listen();
    TestClient c1 = client();
    c1.connect("/");
    TestClient c2 = client();
    c2.connect("/");
    socket(0).data().put("name", "alice");
    socket(0).join("vip");
    io.in("vip").socketsJoin("gold");
    assertThat(socket(0).rooms()).contains("gold");
    assertThat(socket(1).rooms()).doesNotContain("gold");
    List<RemoteSocket> fetched = io.in("gold").fetchSockets().get(5, TimeUnit.SECONDS);
    assertThat(fetched).hasSize(1);
    RemoteSocket remote = fetched.get(0);
    assertThat(remote.id()).isEqualTo(socket(0).id());
    assertThat(remote.data()).containsEntry("name", "alice");
    assertThat(remote.rooms()).containsExactlyInAnyOrder(socket(0).id(), "vip", "gold");
    assertThat(remote.handshake().address()).isEqualTo("127.0.0.1");
    assertThat(remote.handshake().query()).containsEntry("EIO", "4");
    assertThat(io.fetchSockets().get(5, TimeUnit.SECONDS)).hasSize(2);
    io.socketsLeave("vip");
    assertThat(socket(0).rooms()).isEqualTo(Set.of(socket(0).id(), "gold"));
    assertThat(io.sockets().allSockets().get(5, TimeUnit.SECONDS))
        .containsExactlyInAnyOrder(socket(0).id(), socket(1).id());
    io.in("gold").disconnectSockets(false);
    assertThat(c1.nextText()).isEqualTo("41");
    assertThat(c2.closed).isNotDone();
  }
}
