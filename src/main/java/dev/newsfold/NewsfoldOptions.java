package dev.newsfold;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/** Command-line options of the newsfold job ({@code --name=value}); every runner's options work alongside. */
public interface NewsfoldOptions extends PipelineOptions {

  @Description("Input files: one glob or several separated by commas (local paths or any Beam file system URI). "
      + "Text dumps, HTML, JSON lines, WARC, each optionally gzipped; the format is sniffed from the bytes.")
  @Default.String("seeds/*")
  @Validation.Required
  String getInput();

  void setInput(String value);

  @Description("Output directory for the tables (articles, stories, entities, claims, rejects as Avro and Parquet) "
      + "and manifest.json. Written to a staging directory and published only when complete.")
  @Default.String("out")
  String getOutput();

  void setOutput(String value);

  @Description("Replace an existing dataset at --output (refused by default).")
  @Default.Boolean(false)
  boolean getOverwrite();

  void setOverwrite(boolean value);

  @Description("Largest single document (a page, a JSON line, a WARC record body) in bytes; larger ones are "
      + "rejected as too_large so one huge file cannot exhaust a worker's memory.")
  @Default.Long(16L * 1024 * 1024)
  long getMaxRecordBytes();

  void setMaxRecordBytes(long value);

  @Description("Minimum words of article text left after removing page chrome; pages with fewer are rejected as "
      + "no_article_text.")
  @Default.Integer(25)
  int getMinWords();

  void setMinWords(int value);

  @Description("A short line found on at least this many differently titled pages of one outlet is treated as "
      + "template chrome (menus, ad labels, newsletter prompts).")
  @Default.Integer(5)
  int getTemplateMinPages();

  void setTemplateMinPages(int value);

  @Description("Input files are spread over this many shuffle buckets before decoding. Raise it on a cluster with "
      + "more workers than buckets; on one machine a few per core is best.")
  @Default.Integer(32)
  int getReadBuckets();

  void setReadBuckets(int value);

  @Description("Files per table and format. A fixed count keeps the output layout the same on every runner (and "
      + "avoids a Spark-runner fault in runner-chosen sharding); raise it for large corpora, about one per 200 MB "
      + "of table.")
  @Default.Integer(4)
  int getOutputShards();

  void setOutputShards(int value);

  @Description("Hash shards of the grouping steps (template lines, stories, claims). Each shard is grouped in memory, "
      + "so memory per worker stays flat only if shards grow with the input; 0 (default) derives them from the "
      + "input size: one per 8 MiB, at least 64. Results do not depend on it.")
  @Default.Integer(0)
  int getShuffleShards();

  void setShuffleShards(int value);

  @Description("Extract entities and claims (about half the job's CPU). With false the run writes articles, stories "
      + "and rejects only, and the entities and claims tables are empty: a faster copy-and-story pass over a "
      + "large crawl.")
  @Default.Boolean(true)
  boolean getEntitiesAndClaims();

  void setEntitiesAndClaims(boolean value);

  @Description("Largest story component (articles chained by copy and story edges) clustered on one worker. A larger "
      + "one, as a big crawl's weak links can make, is clustered in rounds over cluster pairs with bounded memory "
      + "(docs/stories.md). 0 sends every component to the rounds.")
  @Default.Integer(20_000)
  int getMaxComponentArticles();

  void setMaxComponentArticles(int value);

  @Description("In story components clustered in rounds (see --maxComponentArticles), each article keeps only its N "
      + "strongest story edges; an edge stays when either end keeps it. Bounds the links every round carries when weak "
      + "edges chain a crawl into one giant component. 0 keeps every edge.")
  @Default.Integer(0)
  int getMaxLinksPerArticle();

  void setMaxLinksPerArticle(int value);
}
