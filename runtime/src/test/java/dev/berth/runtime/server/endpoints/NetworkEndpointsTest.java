package dev.berth.runtime.server.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.runtime.network.BridgeNetwork;
import dev.berth.runtime.network.OwnLeaks;
import dev.berth.runtime.server.DockerCli;
import dev.berth.runtime.server.ResourceServer;
import dev.berth.runtime.server.UnixHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /networks} over berthd's socket with real bridges (root), then a host leak check. */
class NetworkEndpointsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private ResourceServer server;
  private DockerCli docker;
  private OwnLeaks leaks;

  @BeforeEach
  void start() throws Exception {
    leaks = new OwnLeaks();
    leaks.marker(dir.toString());
    server = ResourceServer.start(dir);
    docker = new DockerCli(server.socket, Files.createDirectories(dir.resolve("cli")));
  }

  @AfterEach
  void stop() throws Exception {
    for (BridgeNetwork network : server.networks.networks()) {
      leaks.link(network.bridge().value());
    }
    server.close();
    leaks.awaitNone(Duration.ofSeconds(5));
  }

  private String create(String body) throws Exception {
    UnixHttp.Response created =
        UnixHttp.call(server.socket, "POST", "/v1.44/networks/create", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = JSON.readTree(created.body()).get("Id").asText();
    server.networks.networks().stream()
        .filter(n -> n.id().equals(id))
        .forEach(n -> leaks.link(n.bridge().value()));
    return id;
  }

  private JsonNode get(String path) throws Exception {
    UnixHttp.Response response = UnixHttp.call(server.socket, "GET", path, null);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  @Test
  void create_withSubnetLabelsAndOptions_isInspectedAsDockerdShowsIt() throws Exception {
    String id =
        create(
            "{\"Name\":\"app-net\",\"Driver\":\"bridge\",\"Internal\":true,\"Attachable\":true,"
                + "\"IPAM\":{\"Driver\":\"default\",\"Config\":[{\"Subnet\":\"10.219.200.0/24\",\"Gateway\":\"10.219.200.254\"}]},"
                + "\"Options\":{\"com.docker.network.driver.mtu\":\"1400\"},\"Labels\":{\"tier\":\"web\"}}");

    JsonNode network = get("/networks/app-net");

    assertThat(id).matches("[0-9a-f]{64}");
    assertThat(network.get("Id").asText()).isEqualTo(id);
    assertThat(network.get("Name").asText()).isEqualTo("app-net");
    assertThat(network.get("Driver").asText()).isEqualTo("bridge");
    assertThat(network.get("Scope").asText()).isEqualTo("local");
    assertThat(network.get("Internal").asBoolean()).isTrue();
    assertThat(network.get("Attachable").asBoolean()).isTrue();
    assertThat(network.get("EnableIPv6").asBoolean()).isFalse();
    assertThat(network.at("/IPAM/Config/0/Subnet").asText()).isEqualTo("10.219.200.0/24");
    assertThat(network.at("/IPAM/Config/0/Gateway").asText()).isEqualTo("10.219.200.254");
    assertThat(network.at("/Options/com.docker.network.driver.mtu").asText()).isEqualTo("1400");
    assertThat(network.at("/Labels/tier").asText()).isEqualTo("web");
    assertThat(network.get("Created").asText()).endsWith("Z");
    assertThat(get("/networks/" + id.substring(0, 10)).get("Name").asText()).isEqualTo("app-net");
  }

  @Test
  void create_withAnIpRange_showsItAndHandsOutAddressesFromIt() throws Exception {
    String id =
        create(
            "{\"Name\":\"ranged\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.219.202.0/24\","
                + "\"IPRange\":\"10.219.202.128/25\"}]}}");

    JsonNode network = get("/networks/ranged");
    var address =
        server.networks.ipam().allocateAddress(id, "endpoint-1", java.util.Optional.empty());
    server.networks.ipam().releaseAddress(id, "endpoint-1");
    UnixHttp.Response outside =
        post(
            "/networks/create",
            "{\"Name\":\"bad-range\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.219.203.0/24\","
                + "\"IPRange\":\"10.219.9.0/25\"}]}}");

    assertThat(network.at("/IPAM/Config/0/IPRange").asText()).isEqualTo("10.219.202.128/25");
    assertThat(network.at("/IPAM/Config/0/Gateway").asText()).isEqualTo("10.219.202.1");
    assertThat(address.toString()).isEqualTo("10.219.202.128");
    assertThat(outside.status()).isEqualTo(400);
    assertThat(outside.body()).contains("must lie inside");
  }

  @Test
  void create_refusesOtherDriversIpv6DuplicatesAndUnknownOptions() throws Exception {
    create("{\"Name\":\"dup\"}");

    UnixHttp.Response overlay = post("/networks/create", "{\"Name\":\"o\",\"Driver\":\"overlay\"}");
    UnixHttp.Response ipv6 = post("/networks/create", "{\"Name\":\"v6\",\"EnableIPv6\":true}");
    UnixHttp.Response duplicate = post("/networks/create", "{\"Name\":\"dup\"}");
    UnixHttp.Response option =
        post(
            "/networks/create",
            "{\"Name\":\"opt\",\"Options\":{\"com.docker.network.bridge.enable_icc\":\"false\"}}");
    UnixHttp.Response ingress = post("/networks/create", "{\"Name\":\"ing\",\"Ingress\":true}");

    assertThat(overlay.status()).isEqualTo(400);
    assertThat(overlay.body()).contains("overlay");
    assertThat(ipv6.status()).isEqualTo(400);
    assertThat(ipv6.body()).contains("EnableIPv6");
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.body()).contains("network with name dup already exists");
    assertThat(option.status()).isEqualTo(400);
    assertThat(option.body()).contains("com.docker.network.bridge.enable_icc");
    assertThat(ingress.status()).isEqualTo(400);
    assertThat(ingress.body()).contains("Ingress");
    assertThat(server.networks.networks()).hasSize(1);
  }

  private UnixHttp.Response post(String path, String body) throws Exception {
    return UnixHttp.call(server.socket, "POST", path, body);
  }

  @Test
  void list_showsHostAndNoneAndFiltersAsDockerd() throws Exception {
    String web = create("{\"Name\":\"web-net\",\"Labels\":{\"app\":\"x\"}}");
    create("{\"Name\":\"db-net\"}");
    server.links.usesNetwork("c1", web);

    assertThat(names("")).containsExactly("db-net", "host", "none", "web-net");
    assertThat(names("{\"name\":[\"web\"]}")).containsExactly("web-net");
    assertThat(names("{\"label\":[\"app=x\"]}")).containsExactly("web-net");
    assertThat(names("{\"type\":[\"builtin\"]}")).containsExactly("host", "none");
    assertThat(names("{\"driver\":[\"bridge\"]}")).containsExactly("db-net", "web-net");
    assertThat(names("{\"dangling\":[\"true\"]}")).containsExactly("db-net");
    assertThat(names("{\"id\":[\"" + web.substring(0, 8) + "\"]}")).containsExactly("web-net");
  }

  private List<String> names(String filters) throws Exception {
    String query =
        filters.isEmpty() ? "" : "?filters=" + URLEncoder.encode(filters, StandardCharsets.UTF_8);
    return StreamSupport.stream(get("/networks" + query).spliterator(), false)
        .map(n -> n.get("Name").asText())
        .sorted()
        .toList();
  }

  @Test
  void connectAndDisconnect_goToTheContainerSideAndInspectListsTheContainer() throws Exception {
    String id = create("{\"Name\":\"joined\"}");
    server.links.container("c0ffee0123", "web");

    UnixHttp.Response connect =
        post(
            "/networks/joined/connect",
            "{\"Container\":\"web\",\"EndpointConfig\":{\"Aliases\":[\"www\"],\"IPAMConfig\":{\"IPv4Address\":\"10.219.0.9\"}}}");
    JsonNode inspected = get("/networks/" + id);
    UnixHttp.Response busy = UnixHttp.call(server.socket, "DELETE", "/networks/joined", null);
    UnixHttp.Response disconnect = post("/networks/joined/disconnect", "{\"Container\":\"web\"}");

    assertThat(connect.status()).as(connect.body()).isEqualTo(200);
    assertThat(server.links.calls)
        .containsExactly(
            "connect c0ffee0123 " + id + " [www] 10.219.0.9",
            "disconnect c0ffee0123 " + id + " false");
    assertThat(inspected.at("/Containers/c0ffee0123/Name").asText()).isEqualTo("web");
    assertThat(busy.status()).isEqualTo(409);
    assertThat(busy.body()).contains("has active endpoints (c0ffee0123)");
    assertThat(disconnect.status()).isEqualTo(200);
    assertThat(UnixHttp.call(server.socket, "DELETE", "/networks/joined", null).status())
        .isEqualTo(204);
  }

  @Test
  void predefinedNetworks_cannotBeRemoved_andUnknownOnesAre404() throws Exception {
    UnixHttp.Response host = UnixHttp.call(server.socket, "DELETE", "/networks/host", null);
    UnixHttp.Response missing = UnixHttp.call(server.socket, "GET", "/networks/nope", null);

    assertThat(host.status()).isEqualTo(403);
    assertThat(host.body()).contains("host is a pre-defined network and cannot be removed");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body()).contains("network nope not found");
  }

  @Test
  void prune_removesUnusedNetworksOnly() throws Exception {
    create("{\"Name\":\"unused\"}");
    String used = create("{\"Name\":\"used\"}");
    server.links.usesNetwork("c1", used);

    JsonNode pruned = JSON.readTree(post("/networks/prune", null).body());

    assertThat(pruned.get("NetworksDeleted"))
        .extracting(JsonNode::asText)
        .containsExactly("unused");
    assertThat(names("{\"type\":[\"custom\"]}")).containsExactly("used");
  }

  @Test
  void theDockerCli_createsListsInspectsAndRemovesANetwork() throws Exception {
    DockerCli.Result create =
        docker.run(
            null, "network", "create", "--subnet", "10.219.201.0/24", "--label", "a=b", "cli-net");
    DockerCli.Result ls =
        docker.run(null, "network", "ls", "--format", "{{.Name}} {{.Driver}} {{.Scope}}");
    DockerCli.Result inspect =
        docker.run(
            null,
            "network",
            "inspect",
            "--format",
            "{{.Name}} {{.Driver}} {{range .IPAM.Config}}{{.Subnet}}{{end}} {{.Labels.a}}",
            "cli-net");
    server.networks.networks().forEach(n -> leaks.link(n.bridge().value()));
    DockerCli.Result rmHost = docker.run(null, "network", "rm", "host");
    DockerCli.Result rm = docker.run(null, "network", "rm", "cli-net");

    assertThat(create.exitCode()).as(create.stderr()).isZero();
    assertThat(create.stdout().strip()).matches("[0-9a-f]{64}");
    assertThat(ls.stdout()).contains("cli-net bridge local", "host host local", "none null local");
    assertThat(inspect.stdout().strip()).isEqualTo("cli-net bridge 10.219.201.0/24 b");
    assertThat(rmHost.exitCode()).isEqualTo(1);
    assertThat(rmHost.stderr()).contains("pre-defined network");
    assertThat(rm.exitCode()).as(rm.stderr()).isZero();
    assertThat(server.networks.networks()).isEmpty();
    String id = create.stdout().strip();
    assertThat(dev.berth.runtime.server.engine.EventHistory.of(server.events))
        .containsExactly(
            "network create " + id + " name=cli-net", "network destroy " + id + " name=cli-net");
  }
}
