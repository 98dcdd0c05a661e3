package dev.newsfold.runners;

import dev.newsfold.NewsfoldPipeline;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs the job exactly as the command line does, on each runner the tests and the benchmark cover. */
public final class RunnerHarness {

  /** Runner name to the options that select it; the same options a user passes. */
  public static final Map<String, List<String>> RUNNERS = new LinkedHashMap<>();

  static {
    RUNNERS.put("direct", List.of("--runner=DirectRunner"));
    RUNNERS.put("flink", List.of("--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2"));
    RUNNERS.put("spark", List.of("--runner=SparkRunner", "--sparkMaster=local[2]"));
  }

  public record Result(int code, String out, String err, long millis) {}

  private RunnerHarness() {}

  /** Spark reads spark.* system properties: no web UI (port clashes between concurrent builds), loopback only. */
  public static void configureSparkLocal() {
    System.setProperty("spark.ui.enabled", "false");
    System.setProperty("spark.driver.host", "127.0.0.1");
    System.setProperty("spark.driver.bindAddress", "127.0.0.1");
  }

  public static Result run(String input, Path output, List<String> runnerArgs, String... extra) {
    List<String> args = new ArrayList<>(List.of("--input=" + input, "--output=" + output, "--overwrite"));
    args.addAll(runnerArgs);
    args.addAll(List.of(extra));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    long start = System.nanoTime();
    int code = NewsfoldPipeline.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), millis);
  }
}
