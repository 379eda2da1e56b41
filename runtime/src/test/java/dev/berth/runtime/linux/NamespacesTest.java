package dev.berth.runtime.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Creating, entering and removing namespaces on dedicated threads (root). */
class NamespacesTest {
  private static final Path HOST_NET = Path.of("/proc/self/ns/net");

  private Scratch scratch;
  private Path netns;

  @BeforeEach
  void createScratch() throws IOException {
    scratch = Scratch.under(Path.of("/run"));
    netns = scratch.mounted(scratch.root().resolve("netns"));
  }

  @AfterEach
  void removeScratch() throws IOException {
    scratch.close();
  }

  @Test
  void createNetworkNamespace_bindsANamespaceOtherThanTheHosts() throws Exception {
    Namespaces.createNetworkNamespace(netns);

    assertThat(Scratch.isMountPoint(netns)).isTrue();
    assertThat(inode(netns)).isNotEqualTo(inode(HOST_NET));
  }

  @Test
  void callInNetworkNamespace_seesOnlyLoopback() throws Exception {
    Namespaces.createNetworkNamespace(netns);

    List<String> links =
        Namespaces.callInNetworkNamespace(
            netns,
            () -> {
              try (NetlinkSocket socket = NetlinkSocket.openRoute()) {
                return LinkDump.names(socket);
              }
            });

    assertThat(links).containsExactly("lo");
  }

  @Test
  void callInNetworkNamespace_runsInTheNamespaceOnAFreshThreadEachTime() throws Exception {
    Namespaces.createNetworkNamespace(netns);
    List<Thread> threads = new ArrayList<>();

    for (int i = 0; i < 2; i++) {
      long inside =
          Namespaces.callInNetworkNamespace(
              netns,
              () -> {
                threads.add(Thread.currentThread());
                return inode(Path.of("/proc/thread-self/ns/net"));
              });
      assertThat(inside).isEqualTo(inode(netns));
    }

    assertThat(threads).doesNotHaveDuplicates().doesNotContain(Thread.currentThread());
    assertThat(threads).noneMatch(Thread::isAlive);
    assertThat(inode(Path.of("/proc/thread-self/ns/net"))).isEqualTo(inode(HOST_NET));
  }

  @Test
  void callInNetworkNamespace_rethrowsTheTasksOwnException() throws Exception {
    Namespaces.createNetworkNamespace(netns);
    IOException thrown = new IOException("berth test failure");

    assertThatThrownBy(
            () ->
                Namespaces.callInNetworkNamespace(
                    netns,
                    () -> {
                      throw thrown;
                    }))
        .isSameAs(thrown);
  }

  @Test
  void callInNetworkNamespace_ofMissingFile_throwsEnoentNamingIt() throws Exception {
    assertThatThrownBy(() -> Namespaces.callInNetworkNamespace(netns, () -> 1))
        .isInstanceOfSatisfying(
            LinuxException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT))
        .hasMessage(
            "open(\"" + netns + "\", O_RDONLY|O_CLOEXEC): ENOENT (No such file or directory)");
  }

  @Test
  void callInNetworkNamespace_ofAFileThatIsNoNamespace_throwsEinvalFromSetns() throws Exception {
    Path plain = Files.createFile(scratch.root().resolve("plain"));

    assertThatThrownBy(() -> Namespaces.callInNetworkNamespace(plain, () -> 1))
        .isInstanceOfSatisfying(
            LinuxException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL))
        .hasMessageStartingWith("setns(\"" + plain + "\", CLONE_NEWNET): EINVAL");
  }

  @Test
  void netlinkSocketOpenedInsideANamespace_staysThereWhenUsedOutside() throws Exception {
    Namespaces.createNetworkNamespace(netns);

    try (NetlinkSocket socket =
        Namespaces.callInNetworkNamespace(netns, NetlinkSocket::openRoute)) {
      assertThat(LinkDump.names(socket)).containsExactly("lo");
    }
  }

  @Test
  void createNetworkNamespace_onExistingFile_throwsEexistAndLeavesTheFile() throws Exception {
    Files.createFile(netns);

    assertThatThrownBy(() -> Namespaces.createNetworkNamespace(netns))
        .isInstanceOfSatisfying(
            LinuxException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EEXIST));
    assertThat(netns).exists();
    assertThat(Scratch.isMountPoint(netns)).isFalse();
  }

  @Test
  void removeNetworkNamespace_unmountsAndDeletesTheFile() throws Exception {
    Namespaces.createNetworkNamespace(netns);

    Namespaces.removeNetworkNamespace(netns);

    assertThat(Scratch.isMountPoint(netns)).isFalse();
    assertThat(netns).doesNotExist();
  }

  @Test
  void removeNetworkNamespace_ofAMissingFile_throwsEnoent() {
    assertThatThrownBy(() -> Namespaces.removeNetworkNamespace(netns))
        .isInstanceOfSatisfying(
            LinuxException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT));
  }

  @Test
  void callInNewNamespaces_mountNamespace_isPrivateAndCanBeEnteredBySetns() throws Exception {
    Path target = scratch.dir("private-tmpfs");
    CountDownLatch mounted = new CountDownLatch(1);
    CountDownLatch checked = new CountDownLatch(1);
    AtomicInteger tid = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread owner =
        new Thread(
            () -> {
              try {
                Namespaces.callInNewNamespaces(
                    Set.of(NamespaceType.MNT),
                    () -> {
                      Mounts.setPropagation(
                          Path.of("/"), MountFlags.MS_REC | MountFlags.MS_PRIVATE);
                      Mounts.mount("berth-test", target, "tmpfs", 0, "size=1m");
                      Files.writeString(target.resolve("marker"), "inside");
                      tid.set(Processes.gettid());
                      mounted.countDown();
                      return checked.await(30, TimeUnit.SECONDS);
                    });
              } catch (Throwable t) {
                failure.set(t);
              } finally {
                mounted.countDown();
              }
            });
    owner.start();
    try {
      assertThat(mounted.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(failure.get()).isNull();
      Path ownerMnt = Path.of("/proc/self/task/" + tid.get() + "/ns/mnt");

      boolean seenInside =
          Namespaces.callInNamespace(
              ownerMnt, NamespaceType.MNT, () -> Files.exists(target.resolve("marker")));

      assertThat(seenInside).isTrue();
      assertThat(target.resolve("marker")).doesNotExist();
      assertThat(Scratch.isMountPoint(target)).isFalse();
    } finally {
      checked.countDown();
      owner.join();
    }
    assertThat(failure.get()).isNull();
  }

  @Test
  void callInNewNamespaces_withNoTypes_isRefused() {
    assertThatThrownBy(() -> Namespaces.callInNewNamespaces(Set.of(), () -> 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static long inode(Path path) throws IOException {
    return (long) Files.getAttribute(path, "unix:ino");
  }
}
