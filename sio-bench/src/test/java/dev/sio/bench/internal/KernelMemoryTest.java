package dev.sio.bench.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KernelMemoryTest {
  @Test
  void readsTheTcpBufferPagesOfSockstat() {
    String sockstat =
        "sockets: used 20063\nTCP: inuse 11 orphan 0 tw 29 alloc 20033 mem 531\nUDP: inuse 0 mem 7\n";
    assertThat(KernelMemory.tcpBufferBytes(sockstat)).isEqualTo(531L * 4096);
    assertThat(KernelMemory.tcpBufferBytes("UDP: inuse 0 mem 7\n")).isEqualTo(-1);
    assertThat(KernelMemory.tcpBufferBytes(null)).isEqualTo(-1);
  }

  @Test
  void addsTheActiveObjectsOfTheSocketCaches() {
    String slabinfo =
        "slabinfo - version: 2.1\n"
            + "# name <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables\n"
            + "TCPv6              20025  20100   2496   13    8 : tunables 0 0 0\n"
            + "TCP                   91    120   2368   13    8 : tunables 0 0 0\n"
            + "kmalloc-64          5000   5000     64   64    1 : tunables 0 0 0\n"
            + "filp                 100    200    192   21    1 : tunables 0 0 0\n";
    assertThat(KernelMemory.slabBytes(slabinfo)).isEqualTo(20025L * 2496 + 91L * 2368 + 100L * 192);
    assertThat(KernelMemory.slabBytes("kmalloc-64 5000 5000 64 64 1\n")).isEqualTo(-1);
    assertThat(KernelMemory.slabBytes(null)).isEqualTo(-1);
  }

  @Test
  void samplesThisMachine() {
    KernelMemory.Sample s = KernelMemory.sample();
    // Linux always has sockstat; slabinfo is root-only, so it may be -1
    assertThat(s.tcpBufferBytes()).isGreaterThanOrEqualTo(0);
    assertThat(s.socketSlabBytes()).isGreaterThanOrEqualTo(-1);
  }
}
