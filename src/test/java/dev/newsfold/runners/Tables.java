package dev.newsfold.runners;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * A run's tables read back for comparison: every table directory's Avro records (with the writer's schema, so any
 * table the job adds is covered) and Parquet rows (through DuckDB), each rendered as text and sorted, so shard layout
 * and row order, which differ between runners, do not matter.
 */
public final class Tables {

  private final Map<String, List<String>> avro;
  private final Map<String, List<String>> parquet;

  private Tables(Map<String, List<String>> avro, Map<String, List<String>> parquet) {
    this.avro = avro;
    this.parquet = parquet;
  }

  public Set<String> names() {
    return avro.keySet();
  }

  public List<String> rows(String table) {
    return avro.getOrDefault(table, List.of());
  }

  public List<String> parquetRows(String table) {
    return parquet.getOrDefault(table, List.of());
  }

  public static Tables read(Path output) throws Exception {
    Map<String, List<String>> avro = new TreeMap<>();
    Map<String, List<String>> parquet = new TreeMap<>();
    List<Path> dirs;
    try (var list = Files.list(output)) {
      dirs = list.filter(Files::isDirectory).sorted().toList();
    }
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
      for (Path dir : dirs) {
        String table = dir.getFileName().toString();
        avro.put(table, avroRows(dir));
        parquet.put(table, parquetRows(st, dir));
      }
    }
    return new Tables(avro, parquet);
  }

  private static List<String> avroRows(Path dir) throws Exception {
    List<String> rows = new ArrayList<>();
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".avro")).sorted().toList()) {
        try (DataFileReader<GenericRecord> reader =
            new DataFileReader<>(new File(f.toString()), new GenericDatumReader<>())) {
          reader.forEach(r -> rows.add(r.toString()));
        }
      }
    }
    rows.sort(null);
    return rows;
  }

  private static List<String> parquetRows(Statement st, Path dir) throws Exception {
    List<String> rows = new ArrayList<>();
    String glob = dir.resolve("*.parquet").toString().replace("'", "''");
    try (ResultSet rs = st.executeQuery("SELECT * FROM read_parquet('" + glob + "')")) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int c = 1; c <= md.getColumnCount(); c++) {
          row.append(md.getColumnName(c)).append('=').append(rs.getString(c)).append('\u0001');
        }
        rows.add(row.toString());
      }
    }
    rows.sort(null);
    return rows;
  }
}
