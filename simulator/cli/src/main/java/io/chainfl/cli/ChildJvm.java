package io.chainfl.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts {@code chainfl} in another JVM with this JVM's class path (the cluster benchmark's and tests' extra
 * members), its output going to a log file. One OpenMP thread per op, as the launcher sets.
 */
public final class ChildJvm {
    private ChildJvm() {}

    public static Process start(List<String> jvmOptions, List<String> chainflArgs, Path log) {
        return start(jvmOptions, java.util.Map.of(), chainflArgs, log);
    }

    /** As {@link #start(List, List, Path)}, with extra environment variables (e.g. a forced OpenBLAS kernel). */
    public static Process start(List<String> jvmOptions, java.util.Map<String, String> environment, List<String> chainflArgs, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        for (String inherited : new String[] {"org.bytedeco.javacpp.cachedir", "chainfl.data.cache"}) {
            if (System.getProperty(inherited) != null) {
                command.add("-D" + inherited + "=" + System.getProperty(inherited));
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(chainflArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        builder.environment().put("OPENBLAS_NUM_THREADS", "1");
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a child JVM: " + e.getMessage(), e);
        }
    }

    /** Ports free right now on 127.0.0.1 (a race with other programs is possible but unlikely). */
    public static int[] freePorts(int count) {
        int[] ports = new int[count];
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ports;
    }

    /** Kills the process and waits for it, for finally blocks. */
    public static void kill(Process process) {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
