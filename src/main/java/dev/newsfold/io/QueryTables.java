package dev.newsfold.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs SQL over a newsfold output with DuckDB (in-process, offline): every table directory holding Parquet files
 * becomes a view of the same name, so {@code SELECT ... FROM articles JOIN stories USING (story_id)} just works.
 *
 * <p>Usage: {@code QueryTables [--output=DIR] [--max-width=N] "SQL"}
 */
public final class QueryTables {

  private QueryTables() {}

  public static void main(String[] args) throws Exception {
    String output = "out";
    int maxWidth = 80;
    String sql = null;
    for (String a : args) {
      if (a.startsWith("--output=")) {
        output = a.substring("--output=".length());
      } else if (a.startsWith("--max-width=")) {
        maxWidth = Integer.parseInt(a.substring("--max-width=".length()));
      } else {
        sql = sql == null ? a : sql + " " + a;
      }
    }
    if (sql == null) {
      System.err.println("usage: scripts/query.sh [--output=DIR] \"SELECT ... FROM articles\"");
      System.exit(2);
    }
    Path root = Path.of(output);
    if (!Files.isDirectory(root)) {
      System.err.println("query: no dataset at " + root.toAbsolutePath() + " (run scripts/newsfold first)");
      System.exit(2);
    }
    try (Connection c = open(root); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      print(rs, maxWidth);
    } catch (SQLException e) {
      System.err.println("query: " + e.getMessage().lines().findFirst().orElse("SQL error"));
      System.exit(1);
    }
  }

  /** A DuckDB connection with one view per table directory of {@code root}. */
  public static Connection open(Path root) throws SQLException, java.io.IOException {
    Connection c = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement st = c.createStatement(); var dirs = Files.list(root)) {
      for (Path dir : (Iterable<Path>) dirs.sorted()::iterator) {
        boolean hasParquet;
        try (var files = Files.list(dir)) {
          hasParquet = Files.isDirectory(dir) && files.anyMatch(f -> f.toString().endsWith(".parquet"));
        } catch (java.nio.file.NotDirectoryException e) {
          continue;
        }
        if (hasParquet) {
          String glob = dir.toAbsolutePath().resolve("*.parquet").toString().replace("'", "''");
          st.execute("CREATE VIEW \"" + dir.getFileName() + "\" AS SELECT * FROM read_parquet('" + glob + "')");
        }
      }
    }
    return c;
  }

  private static void print(ResultSet rs, int maxWidth) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    List<String[]> rows = new ArrayList<>();
    String[] header = new String[n];
    for (int i = 0; i < n; i++) {
      header[i] = md.getColumnLabel(i + 1);
    }
    rows.add(header);
    while (rs.next()) {
      String[] row = new String[n];
      for (int i = 0; i < n; i++) {
        Object v = rs.getObject(i + 1);
        String s = v == null ? "NULL" : v.toString().replace('\n', ' ');
        row[i] = s.length() > maxWidth ? s.substring(0, maxWidth - 1) + "…" : s;
      }
      rows.add(row);
    }
    int[] width = new int[n];
    for (String[] row : rows) {
      for (int i = 0; i < n; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (int r = 0; r < rows.size(); r++) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < n; i++) {
        line.append(i == 0 ? "" : " | ").append(String.format("%-" + width[i] + "s", rows.get(r)[i]));
      }
      System.out.println(line.toString().stripTrailing());
      if (r == 0) {
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < n; i++) {
          rule.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
        }
        System.out.println(rule);
      }
    }
    System.out.println("(" + (rows.size() - 1) + " rows)");
  }
}
