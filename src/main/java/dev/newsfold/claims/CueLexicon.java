package dev.newsfold.claims;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reporting verbs (all inflections) and the stance each one signals. Hand-written; no corpus statistics. */
final class CueLexicon {
  private static Set<String> words(String... w) { return Set.copyOf(java.util.Arrays.asList(w)); }

  private CueLexicon() {}

  private static final Map<String, String> STANCE = new HashMap<>();

  // Verbs whose object is the addressee, not the content: "told reporters that ...".
  static final Set<String> ADDRESSEE_VERBS = words("tell", "warn", "assure", "remind", "inform", "urge", "ask",
      "accuse", "blame", "promise", "caution", "advise", "convince");

  private static final Map<String, String> LEMMA = new HashMap<>();

  static {
    add("ASSERT", "say:said", "tell:told", "add", "note", "state", "explain", "write:wrote:written", "tweet",
        "post", "remark", "comment", "describe", "argue", "insist", "claim", "maintain", "contend", "stress",
        "emphasize", "emphasise", "reiterate", "respond", "reply:replied:replies", "answer", "recall", "suggest",
        "mention", "assert", "observe", "testify:testified:testifies", "conclude", "ask", "hint", "indicate",
        "point", "continue", "predict", "promise", "pledge", "vow", "assure", "urge", "call", "propose", "boast",
        "complain", "question", "speculate", "explain", "recount", "brag", "joke", "quip", "muse", "lament",
        "counter", "retort", "remind", "estimate", "show", "find:found", "report", "suggest", "cite",
        "support", "endorse", "praise", "defend", "yell", "shout", "discuss", "talk", "demand", "insist", "vow",
        "welcome", "applaud", "back", "champion", "repeat", "reply", "concur", "acknowledge", "announce",
        "describe", "label", "dub", "characterize", "characterise", "oppose",
        // More verbs of speaking and evaluating (general English verb classes).
        "echo", "express", "speak:spoke:spoken", "signal", "imply:implied:implies", "tout", "recommend",
        "encourage", "request", "chant", "portray", "compare", "thank", "detail", "highlight", "advocate",
        "favor", "favour", "refer:referred:referring", "reaffirm", "clarify:clarified:clarifies", "forecast",
        "announce", "exclaim", "whisper", "pronounce", "summarize", "summarise", "outline", "argue",
        // Offering, ordering, listing and naming report a position too ("offered his support", "ordered a review",
        // "listed immigration as", "identified him as"), and remembering is recalling.
        "offer", "order", "list", "identify:identified:identifies", "remember");
    add("DENY", "deny:denied:denies", "reject", "dismiss", "refute", "dispute", "rebuff", "rebut", "disavow",
        "decline", "refuse", "disagree");
    add("ACCUSE", "accuse", "blame", "charge", "allege", "criticize", "criticise", "condemn", "denounce",
        "attack", "slam", "blast", "decry", "fault", "lambast", "berate", "chide", "mock", "ridicule",
        "challenge", "assail", "bash", "scold", "rebuke", "chastise", "castigate", "deride", "disparage", "knock",
        "rail");
    add("ANNOUNCE", "announce", "unveil", "declare", "disclose", "reveal", "proclaim", "release", "publish");
    add("BELIEVE", "believe", "think:thought", "feel:felt", "expect", "hope", "fear", "suspect", "doubt",
        "assume", "reckon", "anticipate", "know:knew:known", "worry:worried:worries", "wonder", "consider",
        "want", "prefer", "seek:sought", "plan:planned:planning:plans", "wish", "intend", "believe",
        // Perception and appearance verbs carry a judgement too ("sees him as", "seems to be winning").
        "see:saw:seen:sees:seeing", "view", "regard", "seem", "appear", "sound", "learn:learned:learnt",
        "realize", "realise", "understand:understood", "recognise");
    add("WARN", "warn", "caution", "threaten", "alert");
    add("CONFIRM", "confirm", "acknowledge", "admit:admitted:admits:admitting", "concede", "verify:verified",
        "agree", "recognize", "recognise");
  }

  // Nouns of saying, judging and wanting, with the stance they signal and the prepositions that introduce what
  // they are about ("criticism of", "support for", "calls for"). Singular and plural forms.
  private static final Map<String, String> NOMINAL = new HashMap<>();
  private static final Map<String, Set<String>> NOMINAL_PREPS = new HashMap<>();

  static {
    nominal("ASSERT", "claim:", "assertion:", "argument:", "statement:", "suggestion:", "insistence:",
        "contention:", "notion:", "prediction:", "assurance:", "promise:", "pledge:", "vow:", "comment:about",
        "remark:about", "call:for", "demand:for", "support:for,of", "praise:for,of", "endorsement:of",
        "question:about", "proposal:", "announcement:", "view:of", "message:", "recommendation:");
    nominal("DENY", "denial:", "rejection:of", "opposition:to");
    nominal("ACCUSE", "criticism:of", "attack:on,against", "accusation:of,against", "allegation:of,against",
        "charge:of", "complaint:about,of", "condemnation:of", "critique:of", "denunciation:of");
    nominal("BELIEVE", "belief:", "fear:of", "hope:for", "expectation:", "concern:about,over", "worry:about",
        "doubt:about", "conviction:", "suspicion:", "sense:", "feeling:", "impression:", "perception:", "skepticism:about");
    nominal("WARN", "warning:about,of", "threat:");
    nominal("CONFIRM", "admission:", "acknowledgment:", "acknowledgement:", "confirmation:");
    // The singular is mostly physical ("the attack on Paris"); the plural mostly verbal ("his attacks on Clinton").
    NOMINAL.remove("attack");
  }

  // Nouns of promising, proposing and deciding whose content is an infinitive clause ("her promise to cut taxes",
  // "Trump's proposal to ban ...", "his refusal to release ..."). Singular and plural forms.
  private static final Set<String> NOMINAL_INFINITIVE = new java.util.HashSet<>();

  static {
    infinitive("ASSERT", "promise", "pledge", "vow", "proposal", "decision");
    infinitive("DENY", "refusal");
  }

  private static void infinitive(String stance, String... nouns) {
    for (String noun : nouns) {
      for (String f : new String[] {noun, plural(noun)}) {
        NOMINAL_INFINITIVE.add(f);
        NOMINAL.putIfAbsent(f, stance);
        NOMINAL_PREPS.putIfAbsent(f, Set.of());
      }
    }
  }

  private static String plural(String noun) {
    return noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies"
        : noun.endsWith("s") || noun.endsWith("sh") || noun.endsWith("ch") ? noun + "es" : noun + "s";
  }

  /** Whether the noun cue takes an infinitive clause as its content ("promise to ..."). */
  static boolean nominalInfinitive(String noun) { return NOMINAL_INFINITIVE.contains(noun); }

  private static void nominal(String stance, String... specs) {
    for (String spec : specs) {
      String[] p = spec.split(":", -1);
      String noun = p[0];
      Set<String> preps = p[1].isEmpty() ? Set.of() : Set.of(p[1].split(","));
      for (String f : new String[] {noun, plural(noun)}) {
        NOMINAL.put(f, stance);
        NOMINAL_PREPS.put(f, preps);
      }
    }
  }

  /** Stance of a noun cue ("claim", "criticism"), or null. */
  static String nominalStance(String noun) { return NOMINAL.get(noun); }

  /** Whether the noun cue introduces its content with this preposition ("criticism" + "of"). */
  static boolean nominalTakes(String noun, String prep) {
    return NOMINAL_PREPS.getOrDefault(noun, Set.of()).contains(prep);
  }

  private static void add(String stance, String... specs) {
    for (String spec : specs) {
      String[] parts = spec.split(":");
      String lemma = parts[0];
      for (String f : regularForms(lemma)) {
        STANCE.putIfAbsent(f, stance);
        LEMMA.putIfAbsent(f, lemma);
      }
      for (int i = 1; i < parts.length; i++) {
        STANCE.putIfAbsent(parts[i], stance);
        LEMMA.putIfAbsent(parts[i], lemma);
      }
    }
  }

  private static String[] regularForms(String l) {
    String stem = l.endsWith("e") ? l.substring(0, l.length() - 1) : l;
    String third = l.endsWith("s") || l.endsWith("sh") || l.endsWith("ch") || l.endsWith("x") ? l + "es" : l + "s";
    String past = l.endsWith("e") ? l + "d" : l.endsWith("y") && !l.endsWith("ey") && !l.endsWith("ay")
        ? l.substring(0, l.length() - 1) + "ied" : l + "ed";
    // Doubled final consonant for short CVC verbs ("admitted", "vetted"); harmless extra forms otherwise.
    String doubled = l + l.charAt(l.length() - 1);
    return new String[] {l, third, past, stem + "ing", doubled + "ed", doubled + "ing"};
  }

  /** Stance for an inflected verb form, or null when it is not a reporting verb. */
  static String stance(String form) { return STANCE.get(form.toLowerCase(Locale.ROOT)); }

  static String lemma(String form) { return LEMMA.get(form.toLowerCase(Locale.ROOT)); }
}
