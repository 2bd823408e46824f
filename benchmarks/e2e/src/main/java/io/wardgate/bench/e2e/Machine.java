package io.wardgate.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a result was measured on: cores, CPU model, memory, Java. */
final class Machine {
    private Machine() {
    }

    static String describe() {
        String model = "unknown CPU";
        long memKib = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memKib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // described as unknown
        }
        return Runtime.getRuntime().availableProcessors() + " cores, " + model + ", "
                + (memKib / 1024 / 1024) + " GiB RAM, Java " + System.getProperty("java.version");
    }
}
