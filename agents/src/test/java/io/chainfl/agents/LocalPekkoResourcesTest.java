package io.chainfl.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.util.ManifestInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPekkoResourcesTest {
    private static final ClassLoader APPLICATION = LocalPekkoResourcesTest.class.getClassLoader();

    @Test
    void namesTheLocalModulesJarsOnly() throws Exception {
        assertTrue(LocalPekkoResources.isLocalModule(new URL("jar:file:/lib/pekko-actor_2.13-1.7.0.jar!/reference.conf")));
        assertTrue(LocalPekkoResources.isLocalModule(new URL("jar:file:/repo/org/apache/pekko/pekko-actor-typed_2.13/1.7.0/pekko-actor-typed_2.13-1.7.0.jar!/META-INF/MANIFEST.MF")));
        assertFalse(LocalPekkoResources.isLocalModule(new URL("jar:file:/lib/pekko-remote_2.13-1.7.0.jar!/reference.conf")));
        assertFalse(LocalPekkoResources.isLocalModule(new URL("jar:file:/lib/pekko-actor-testkit-typed_2.13-1.7.0.jar!/reference.conf")));
        assertFalse(LocalPekkoResources.isLocalModule(new URL("jar:file:/pekko-actor_2.13/lib/bcprov-jdk18on-1.78.1.jar!/META-INF/MANIFEST.MF")));
        assertFalse(LocalPekkoResources.isLocalModule(new URL("file:/build/pekko-actor_2.13/classes/reference.conf")));
    }

    @Test
    void showsOnlyTheLocalModulesConfigurationAndManifests() throws Exception {
        for (String name : List.of(LocalPekkoResources.REFERENCE_CONF, LocalPekkoResources.MANIFEST)) {
            List<URL> all = Collections.list(APPLICATION.getResources(name));
            List<URL> shown = Collections.list(LocalPekkoResources.INSTANCE.getResources(name));
            assertEquals(2, shown.size(), name + ": " + shown);
            assertTrue(all.containsAll(shown), name);
            assertTrue(all.size() > shown.size() + 5, name + ": the class path has remoting, cluster, streams... (" + all.size() + ")");
        }
    }

    @Test
    void aClassPathWithoutTheModulesJarsGetsEverything(@TempDir Path merged) throws Exception {
        Files.writeString(merged.resolve(LocalPekkoResources.REFERENCE_CONF), "pekko { }\n");
        try (URLClassLoader oneJar = new URLClassLoader(new URL[] {merged.toUri().toURL()}, null)) {
            List<URL> shown = Collections.list(new LocalPekkoResources(oneJar).getResources(LocalPekkoResources.REFERENCE_CONF));
            assertEquals(List.of(merged.resolve(LocalPekkoResources.REFERENCE_CONF).toUri().toURL()), shown);
        }
    }

    @Test
    void passesEverythingElseThrough() throws Exception {
        String services = "META-INF/services/org.slf4j.spi.SLF4JServiceProvider";
        assertEquals(Collections.list(APPLICATION.getResources(services)), Collections.list(LocalPekkoResources.INSTANCE.getResources(services)));
        assertSame(APPLICATION.loadClass("org.apache.pekko.remote.RemoteActorRefProvider"),
                LocalPekkoResources.INSTANCE.loadClass("org.apache.pekko.remote.RemoteActorRefProvider"));
        assertSame(ParticipantActor.class, LocalPekkoResources.INSTANCE.loadClass(ParticipantActor.class.getName()));
    }

    @Test
    void aLocalSystemStartsWithoutTheClusterModulesAndStillChecksPekkosVersions() throws Exception {
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "local-resources", SimulationSystem.localBootstrap(2));
        try {
            var config = system.settings().config();
            assertTrue(config.hasPath("pekko.actor.typed.restart-stash-capacity"), "pekko-actor-typed's reference.conf");
            assertEquals(2, config.getInt(SimulationSystem.TRAINING_DISPATCHER + ".thread-pool-executor.fixed-pool-size"));
            assertFalse(config.hasPath("pekko.remote.artery"), "no remoting configuration in a local run");
            assertFalse(config.hasPath("pekko.stream.materializer"), "no stream materializer in a local run");
            ManifestInfo manifests = (ManifestInfo) ManifestInfo.get(system.classicSystem());
            assertTrue(manifests.versions().contains("pekko-actor"), "Pekko's own version check still reads pekko-actor's manifest");
            assertTrue(manifests.checkSameVersion("Apache Pekko", scala.jdk.javaapi.CollectionConverters.asScala(List.of("pekko-actor", "pekko-actor-typed")).toList(), false));
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        CompletableFuture<Void> ran = new CompletableFuture<>();
        SimulationSystem.run("local-run", 1, (ctx, done) -> {
            done.complete(null);
            ran.complete(null);
        });
        assertTrue(ran.isDone());
    }
}
