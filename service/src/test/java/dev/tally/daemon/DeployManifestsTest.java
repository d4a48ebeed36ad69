package dev.tally.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.testing.TestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Structural checks of deploy/kubernetes and deploy/compose.yaml: every object well-formed, and every reference
 * between objects (selectors, named ports, volumes, config maps, secrets, mounted files) resolves.
 */
class DeployManifestsTest {
    private static final Path ROOT = TestSupport.repoRoot();

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }

    static Object at(Map<String, Object> m, String dotted) {
        Object cur = m;
        for (String k : dotted.split("\\.")) {
            if (!(cur instanceof Map)) {
                return null;
            }
            cur = map(cur).get(k);
        }
        return cur;
    }

    static List<Map<String, Object>> kubeObjects() throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/kubernetes"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (Object d : new Yaml(new LoaderOptions()).loadAll(Files.readString(f))) {
                    if (d != null) {
                        docs.add(map(d));
                    }
                }
            }
        }
        return docs;
    }

    static Map<String, Object> find(List<Map<String, Object>> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.get("kind"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in deploy/kubernetes"));
    }

    @Test
    void everyKubernetesObjectIsWellFormed() throws IOException {
        List<Map<String, Object>> docs = kubeObjects();
        assertThat(docs).extracting(d -> d.get("kind"))
                .contains("Namespace", "DaemonSet", "Service", "ServiceMonitor", "ConfigMap", "Secret");
        for (Map<String, Object> d : docs) {
            assertThat(d.get("apiVersion")).as("apiVersion of %s", d.get("kind")).isNotNull();
            assertThat(at(d, "metadata.name")).as("name of %s", d.get("kind")).isNotNull();
            if (!"Namespace".equals(d.get("kind"))) {
                assertThat(at(d, "metadata.namespace")).as("namespace of %s", d.get("kind")).isEqualTo("tally");
            }
        }
    }

    @Test
    void daemonSetReferencesResolve() throws IOException {
        List<Map<String, Object>> docs = kubeObjects();
        Map<String, Object> ds = find(docs, "DaemonSet");
        assertThat(at(ds, "spec.template.metadata.labels")).isEqualTo(at(ds, "spec.selector.matchLabels"));
        assertThat(at(ds, "spec.template.spec.hostNetwork")).isEqualTo(true);
        assertThat(map(at(ds, "spec.template.spec.nodeSelector"))).isNotEmpty();

        Set<String> volumes = new HashSet<>();
        for (Object v : list(at(ds, "spec.template.spec.volumes"))) {
            volumes.add((String) map(v).get("name"));
            Object cm = at(map(v), "configMap.name");
            if (cm != null) {
                assertThat(docs).anyMatch(d -> "ConfigMap".equals(d.get("kind")) && cm.equals(at(d, "metadata.name")));
            }
        }
        Map<String, Object> container = map(list(at(ds, "spec.template.spec.containers")).get(0));
        Set<String> ports = new HashSet<>();
        for (Object p : list(container.get("ports"))) {
            ports.add((String) map(p).get("name"));
        }
        assertThat(ports).contains("rtsp", "http");
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(ports).contains((String) at(container, probe + ".httpGet.port"));
        }
        assertThat(at(container, "readinessProbe.httpGet.path")).isEqualTo("/readyz");
        for (Object m : list(container.get("volumeMounts"))) {
            assertThat(volumes).contains((String) map(m).get("name"));
        }
        Map<String, Object> secret = find(docs, "Secret");
        for (Object e : list(container.get("env"))) {
            Object key = at(map(e), "valueFrom.secretKeyRef.key");
            if (key != null) {
                assertThat(map(secret.get("stringData"))).containsKey((String) key);
            }
        }
        Map<String, Object> cm = find(docs, "ConfigMap");
        assertThat((String) map(cm.get("data")).get("tally.conf")).contains("cameras");
        assertThat(list(container.get("args"))).contains("/etc/tally/tally.conf");
    }

    @Test
    void serviceAndMonitorSelectTheDaemonSet() throws IOException {
        List<Map<String, Object>> docs = kubeObjects();
        Map<String, Object> ds = find(docs, "DaemonSet");
        Map<String, Object> svc = find(docs, "Service");
        Map<String, Object> mon = find(docs, "ServiceMonitor");
        assertThat(map(at(ds, "spec.template.metadata.labels"))).containsAllEntriesOf(map(at(svc, "spec.selector")));
        assertThat(map(at(svc, "metadata.labels"))).containsAllEntriesOf(map(at(mon, "spec.selector.matchLabels")));
        Set<String> svcPorts = new HashSet<>();
        for (Object p : list(at(svc, "spec.ports"))) {
            svcPorts.add((String) map(p).get("name"));
        }
        for (Object e : list(at(mon, "spec.endpoints"))) {
            assertThat(svcPorts).contains((String) map(e).get("port"));
            assertThat(map(e).get("path")).isEqualTo("/metrics");
        }
    }

    @Test
    void composeStackMountsExistingFiles() throws IOException {
        Path compose = ROOT.resolve("deploy/compose.yaml");
        Map<String, Object> c = map(new Yaml(new LoaderOptions()).load(Files.readString(compose)));
        Map<String, Object> services = map(c.get("services"));
        assertThat(services).containsKeys("redis", "prometheus", "grafana");
        Set<String> named = map(c.get("volumes")).keySet();
        for (Map.Entry<String, Object> s : services.entrySet()) {
            assertThat(map(s.getValue()).get("image")).as("image of %s", s.getKey()).isNotNull();
            for (Object v : list(map(s.getValue()).get("volumes"))) {
                String src = ((String) v).split(":")[0];
                if (src.startsWith("./")) {
                    assertThat(compose.getParent().resolve(src)).as("%s mounts %s", s.getKey(), src).exists();
                } else {
                    assertThat(named).as("%s uses volume %s", s.getKey(), src).contains(src);
                }
            }
        }
    }
}
