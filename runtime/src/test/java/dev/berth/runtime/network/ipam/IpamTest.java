package dev.berth.runtime.network.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Subnet and address allocation against a fake host, persisted in a temp directory. */
class IpamTest {
  @TempDir Path root;

  private final List<Subnet> hostSubnets = new ArrayList<>();

  private Ipam ipam() {
    return new Ipam(root.resolve("ipam.json"), SubnetPool.dockerDefaults(), () -> hostSubnets);
  }

  @Test
  void allocateNetwork_skipsEverySubnetTheHostAlreadyUses() throws Exception {
    hostSubnets.add(Subnet.parse("0.0.0.0/0")); // the default route must not block anything
    hostSubnets.add(Subnet.parse("172.17.0.0/16")); // docker0
    hostSubnets.add(Subnet.parse("172.18.5.0/24")); // something else inside the next /16
    assertThat(ipam().allocateNetwork("n1", IpamRequest.any()).subnet())
        .isEqualTo(Subnet.parse("172.19.0.0/16"));
  }

  @Test
  void allocateNetwork_neverGivesTwoNetworksOverlappingSubnets() throws Exception {
    Ipam ipam = ipam();
    Subnet first = ipam.allocateNetwork("n1", IpamRequest.any()).subnet();
    Subnet second = ipam.allocateNetwork("n2", IpamRequest.any()).subnet();
    assertThat(first.overlaps(second)).isFalse();
  }

  @Test
  void allocateNetwork_defaultsTheGatewayToTheFirstHost() throws Exception {
    NetworkAllocation allocation = ipam().allocateNetwork("n1", IpamRequest.any());
    assertThat(allocation.gateway()).isEqualTo(allocation.subnet().firstHost());
  }

  @Test
  void allocateNetwork_isIdempotentForTheSameNetwork() throws Exception {
    Ipam ipam = ipam();
    NetworkAllocation first = ipam.allocateNetwork("n1", IpamRequest.any());
    assertThat(ipam.allocateNetwork("n1", IpamRequest.any())).isEqualTo(first);
  }

  @Test
  void allocateNetwork_honoursARequestedSubnetAndGateway() throws Exception {
    NetworkAllocation allocation =
        ipam()
            .allocateNetwork(
                "n1",
                new IpamRequest(
                    Optional.of(Subnet.parse("10.123.0.0/24")),
                    Optional.of(Ipv4Address.parse("10.123.0.254"))));
    assertThat(allocation.subnet()).hasToString("10.123.0.0/24");
    assertThat(allocation.gateway()).hasToString("10.123.0.254");
  }

  @Test
  void allocateNetwork_refusesARequestedSubnetTheHostRoutes() throws Exception {
    hostSubnets.add(Subnet.parse("10.89.0.0/24"));
    IpamRequest request =
        new IpamRequest(Optional.of(Subnet.parse("10.89.0.0/16")), Optional.empty());
    assertThatThrownBy(() -> ipam().allocateNetwork("n1", request))
        .hasMessage(
            "network n1: subnet 10.89.0.0/16 overlaps 10.89.0.0/24, which the host already routes")
        .satisfies(e -> assertThat(((EngineException) e).kind()).isEqualTo(ErrorKind.CONFLICT));
  }

  @Test
  void allocateNetwork_refusesARequestedSubnetOfAnotherNetwork() throws Exception {
    Ipam ipam = ipam();
    IpamRequest request =
        new IpamRequest(Optional.of(Subnet.parse("10.50.0.0/24")), Optional.empty());
    ipam.allocateNetwork("n1", request);
    assertThatThrownBy(() -> ipam.allocateNetwork("n2", request))
        .hasMessage("network n2: subnet 10.50.0.0/24 overlaps 10.50.0.0/24 of network n1");
  }

  @Test
  void allocateNetwork_refusesAGatewayOutsideTheSubnet() throws Exception {
    IpamRequest request =
        new IpamRequest(
            Optional.of(Subnet.parse("10.50.0.0/24")), Optional.of(Ipv4Address.parse("10.51.0.1")));
    assertThatThrownBy(() -> ipam().allocateNetwork("n1", request))
        .hasMessage("network n1: gateway 10.51.0.1 is not a usable address of 10.50.0.0/24");
  }

  @Test
  void allocateNetwork_saysSoWhenThePoolIsExhausted() throws Exception {
    hostSubnets.add(Subnet.parse("172.16.0.0/12"));
    hostSubnets.add(Subnet.parse("192.168.0.0/16"));
    assertThatThrownBy(() -> ipam().allocateNetwork("n1", IpamRequest.any()))
        .hasMessageContaining("every subnet of the address pool")
        .satisfies(e -> assertThat(((EngineException) e).kind()).isEqualTo(ErrorKind.UNAVAILABLE));
  }

  @Test
  void allocateAddress_givesTheLowestFreeAddressAfterTheGateway() throws Exception {
    Ipam ipam = ipam();
    Subnet subnet = ipam.allocateNetwork("n1", IpamRequest.any()).subnet();
    assertThat(ipam.allocateAddress("n1", "a", Optional.empty()))
        .isEqualTo(subnet.network().plus(2));
    assertThat(ipam.allocateAddress("n1", "b", Optional.empty()))
        .isEqualTo(subnet.network().plus(3));
    ipam.releaseAddress("n1", "a");
    assertThat(ipam.allocateAddress("n1", "c", Optional.empty()))
        .isEqualTo(subnet.network().plus(2));
  }

  @Test
  void allocateAddress_honoursAStaticAddressAndRefusesItTwice() throws Exception {
    Ipam ipam = ipam();
    ipam.allocateNetwork(
        "n1", new IpamRequest(Optional.of(Subnet.parse("10.60.0.0/24")), Optional.empty()));
    Ipv4Address wanted = Ipv4Address.parse("10.60.0.42");
    assertThat(ipam.allocateAddress("n1", "a", Optional.of(wanted))).isEqualTo(wanted);
    assertThatThrownBy(() -> ipam.allocateAddress("n1", "b", Optional.of(wanted)))
        .hasMessage("network n1: address 10.60.0.42 is already in use by endpoint a");
    assertThatThrownBy(
            () -> ipam.allocateAddress("n1", "c", Optional.of(Ipv4Address.parse("10.60.0.1"))))
        .hasMessage("network n1: address 10.60.0.1 is already in use by the gateway");
    assertThatThrownBy(
            () -> ipam.allocateAddress("n1", "d", Optional.of(Ipv4Address.parse("10.61.0.1"))))
        .hasMessage("network n1: address 10.61.0.1 is not a usable address of 10.60.0.0/24");
  }

  @Test
  void allocateAddress_onAnUnknownNetworkIsNotFound() {
    assertThatThrownBy(() -> ipam().allocateAddress("nope", "a", Optional.empty()))
        .hasMessage("network nope has no IPAM allocation");
  }

  @Test
  void allocateAddress_saysSoWhenTheSubnetIsFull() throws Exception {
    Ipam ipam = ipam();
    ipam.allocateNetwork(
        "n1", new IpamRequest(Optional.of(Subnet.parse("10.70.0.0/30")), Optional.empty()));
    ipam.allocateAddress("n1", "a", Optional.empty());
    assertThatThrownBy(() -> ipam.allocateAddress("n1", "b", Optional.empty()))
        .hasMessage("network n1: no free address left in 10.70.0.0/30");
  }

  @Test
  void state_survivesANewIpamOnTheSameFile() throws Exception {
    NetworkAllocation allocation = ipam().allocateNetwork("n1", IpamRequest.any());
    Ipv4Address address = ipam().allocateAddress("n1", "a", Optional.empty());
    Ipam reopened = ipam();
    assertThat(reopened.network("n1")).contains(allocation);
    assertThat(reopened.allocateAddress("n1", "a", Optional.empty())).isEqualTo(address);
    assertThat(Files.readString(root.resolve("ipam.json"))).contains("\"a\" : \"" + address + "\"");
  }

  @Test
  void syncNetworkChangesOnly_stillWritesAddressesToTheFile() throws Exception {
    Path file = root.resolve("ipam.json");
    Ipam lazy =
        new Ipam(
            file, SubnetPool.dockerDefaults(), () -> hostSubnets, Durability.SYNC_NETWORK_CHANGES);
    lazy.allocateNetwork("n1", IpamRequest.any());
    Ipv4Address address = lazy.allocateAddress("n1", "a", Optional.empty());
    assertThat(ipam().allocateAddress("n1", "a", Optional.empty())).isEqualTo(address);
    assertThat(Files.readString(file)).contains(address.toString());
  }

  @Test
  void releaseNetwork_freesItsSubnetForTheNextNetwork() throws Exception {
    Ipam ipam = ipam();
    Subnet subnet = ipam.allocateNetwork("n1", IpamRequest.any()).subnet();
    ipam.releaseNetwork("n1");
    assertThat(ipam.network("n1")).isEmpty();
    assertThat(ipam.allocateNetwork("n2", IpamRequest.any()).subnet()).isEqualTo(subnet);
  }

  @Test
  void concurrentAllocations_fromSeveralIpamsNeverShareAnAddressOrSubnet() throws Exception {
    ipam().allocateNetwork("shared", IpamRequest.any());
    int threads = 8;
    int perThread = 25;
    Set<Ipv4Address> addresses = ConcurrentHashMap.newKeySet();
    Set<Subnet> subnets = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Ipam own = ipam(); // one instance per thread, as separate engines would have
      futures.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                  addresses.add(own.allocateAddress("shared", thread + "-" + i, Optional.empty()));
                }
                subnets.add(own.allocateNetwork("net-" + thread, IpamRequest.any()).subnet());
                return null;
              }));
    }
    start.countDown();
    for (Future<?> future : futures) {
      future.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(addresses).hasSize(threads * perThread);
    assertThat(subnets).hasSize(threads);
  }
}
