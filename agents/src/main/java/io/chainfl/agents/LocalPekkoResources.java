package io.chainfl.agents;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of a single-JVM simulation's actor system ({@link SimulationSystem}): the application's in every
 * respect (classes, every other resource), except that the two resources Pekko reads from every jar at start-up are
 * taken only from the modules a local simulation runs on, pekko-actor and pekko-actor-typed:
 * <ul>
 *   <li>{@code reference.conf}: the class path also carries remoting, cluster, sharding, distributed data,
 *   persistence, streams and HTTP for cluster runs and the lab, 296 kB of configuration in all. Parsed, they made
 *   Pekko create their serializers and start a stream materializer in every local run; the two local modules'
 *   files are 71 kB.</li>
 *   <li>{@code META-INF/MANIFEST.MF}: Pekko's version check ({@code ManifestInfo}) reads every manifest on its class
 *   loader, 138 jars, among them Bouncy Castle's signed jar, whose 769 kB manifest the JDK verifies (signature, a
 *   SHA-256 of every section) before it can be read.</li>
 * </ul>
 * Together about 0.5 CPU-seconds of every run (docs/benchmarks-and-tests.md, whole job). Cluster members and the lab
 * build their systems on the application's class loader and see everything. A local simulation that starts to use
 * another Pekko module (streams, say) fails at once with "No configuration setting found for key 'pekko.stream'":
 * add the module to {@link #LOCAL_MODULES}.
 */
final class LocalPekkoResources extends ClassLoader {
    /** File-name prefixes of the jars whose manifests and reference.conf a local simulation's actor system sees. */
    static final List<String> LOCAL_MODULES = List.of("pekko-actor_", "pekko-actor-typed_");
    static final String MANIFEST = "META-INF/MANIFEST.MF";
    static final String REFERENCE_CONF = "reference.conf";

    static {
        registerAsParallelCapable();
    }

    /**
     * One instance for the JVM: Typesafe Config caches the parsed reference.conf for the last class loader it was
     * asked about, so the config built here and the actor system's own lookup parse it once between them.
     */
    static final LocalPekkoResources INSTANCE = new LocalPekkoResources(LocalPekkoResources.class.getClassLoader());

    LocalPekkoResources(ClassLoader parent) {
        super(parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        Enumeration<URL> all = getParent().getResources(name);
        if (!MANIFEST.equals(name) && !REFERENCE_CONF.equals(name)) {
            return all;
        }
        List<URL> found = Collections.list(all);
        List<URL> local = found.stream().filter(LocalPekkoResources::isLocalModule).toList();
        // a class path whose jars do not carry the modules' names (one merged jar, say): everything, as without this class
        return Collections.enumeration(local.isEmpty() ? found : local);
    }

    /** {@code jar:file:/.../pekko-actor_2.13-1.7.0.jar!/reference.conf}: a jar whose file name starts with a local module's. */
    static boolean isLocalModule(URL resource) {
        String path = resource.getPath();
        int end = path.indexOf("!/");
        if (!"jar".equals(resource.getProtocol()) || end < 0) {
            return false;
        }
        String jar = path.substring(path.lastIndexOf('/', end) + 1, end);
        return LOCAL_MODULES.stream().anyMatch(jar::startsWith);
    }
}
