package dev.newsfold.runners;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Wall time of the whole job on each runner over a generated corpus:
 * {@code RunnerBenchmark <workDir> [articles=10000] [runners=direct,flink,spark]}. Generates the corpus once into
 * {@code <workDir>/corpus} (deterministic: same size, same bytes), then runs each runner into
 * {@code <workDir>/out-<runner>} and prints one line per runner: wall seconds, articles/s, rows per table.
 * Run it through scripts/benchmark-runners.sh, which builds the test classpath and adds the JVM flags Spark needs.
 */
public final class RunnerBenchmark {

  private RunnerBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: RunnerBenchmark <workDir> [articles=10000] [runners=direct,flink,spark]");
      System.exit(2);
    }
    Path work = Path.of(args[0]).toAbsolutePath();
    int articles = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    List<String> runners = List.of((args.length > 2 ? args[2] : "direct,flink,spark").split(","));
    RunnerHarness.configureSparkLocal();

    Path corpus = work.resolve("corpus-" + articles);
    RunnerCorpus.Summary summary;
    if (!Files.isDirectory(corpus)) {
      summary = RunnerCorpus.write(corpus, articles, Path.of("seeds"));
    } else {
      summary = null;
    }
    System.out.printf("corpus %s: %s%n", corpus, summary == null ? "(reused)" : summary);
    System.out.printf("machine: %d cores available to the JVM, max heap %d MiB, %s %s%n",
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
        System.getProperty("java.vm.name"), System.getProperty("java.version"));
    for (String runner : runners) {
      List<String> runnerArgs = RunnerHarness.RUNNERS.get(runner.strip());
      if (runnerArgs == null) {
        throw new IllegalArgumentException("unknown runner " + runner + "; known: " + RunnerHarness.RUNNERS.keySet());
      }
      Path out = work.resolve("out-" + runner.strip());
      RunnerHarness.Result r = RunnerHarness.run(corpus + "/*/*", out, runnerArgs);
      if (r.code() != 0) {
        System.out.printf("%-6s FAILED (exit %d): %s%n", runner, r.code(), r.err().strip());
        continue;
      }
      JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
      long rows = manifest.get("rows").path("articles").asLong();
      System.out.printf("%-6s %7.1f s wall  %6.1f articles/s  rows %s%n", runner, r.millis() / 1000.0,
          rows / (r.millis() / 1000.0), manifest.get("rows"));
    }
  }
}
