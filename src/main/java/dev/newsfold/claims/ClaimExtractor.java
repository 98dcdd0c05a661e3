package dev.newsfold.claims;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rule-based attribution extraction: for each sentence (OpenNLP sentence, token and UD POS models) it finds a
 * reporting verb from {@link CueLexicon} or "according to", then the source (the subject noun phrase, an inverted
 * "said Caddell", or an appositive "Shin, the minister, said") and the content (the clause after the verb, or the
 * quote or clause before "..., she said"). Pronouns and surnames are resolved to the last full person name; titles
 * are split off the name. Sentences with numbers and no attribution give REPORT claims with their subject as actor.
 *
 * <p>Not thread-safe (the OpenNLP wrappers are not): use one instance per thread / DoFn.
 */
public final class ClaimExtractor {
  private static Set<String> words(String... w) { return Set.copyOf(java.util.Arrays.asList(w)); }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new java.util.HashSet<>(a);
    out.addAll(b);
    return Set.copyOf(out);
  }

  private static final Set<String> WEEKDAYS = words("monday", "tuesday", "wednesday", "thursday", "friday",
      "saturday", "sunday");

  private final Tagger tagger;
  private final QuantityExtractor quantities;

  private ClaimExtractor(Tagger tagger) {
    this.tagger = tagger;
    this.quantities = QuantityExtractor.withTagger(tagger);
  }

  /** Loads the OpenNLP models (shared per JVM) and returns a new extractor. */
  public static ClaimExtractor load() { return new ClaimExtractor(new Tagger()); }

  private static final Set<String> WEAK = words("point", "call", "show", "find", "report", "cite", "release",
      "publish", "consider", "attack", "question", "continue", "charge", "answer", "comment", "post", "hope",
      "alert", "mock", "know", "expect", "agree", "decline", "refuse", "estimate", "wonder", "feel", "reject",
      "dismiss", "describe", "slam", "blast", "criticize", "criticise", "condemn", "unveil", "reveal", "disclose",
      "hint", "indicate", "urge", "propose", "promise", "pledge", "vow", "fear", "doubt", "recognize",
      "recognise", "remind", "ask", "ridicule", "threaten", "counter", "boast", "complain", "observe", "muse",
      "joke", "quip", "lament", "fault", "berate", "chide", "lambast", "decry", "denounce", "worry", "assume",
      "anticipate", "reckon", "suspect", "add", "state", "write", "maintain", "respond", "recall", "mention",
      "disagree", "dispute", "refute", "rebut", "rebuff", "disavow", "publish", "declare", "announce", "agree",
      "support", "endorse", "praise", "defend", "yell", "shout", "discuss", "talk", "demand", "welcome", "applaud",
      "back", "champion", "repeat", "concur", "label", "dub", "characterize", "characterise", "oppose", "want",
      "prefer", "seek", "plan", "wish", "intend", "echo", "express", "speak", "signal", "imply", "tout", "recommend",
      "encourage", "request", "chant", "portray", "compare", "thank", "detail", "highlight", "advocate", "favor",
      "favour", "refer", "reaffirm", "clarify", "forecast", "exclaim", "whisper", "pronounce", "summarize",
      "summarise", "outline", "challenge", "assail", "bash", "scold", "rebuke", "chastise", "castigate", "deride",
      "disparage", "knock", "see", "view", "regard", "seem", "appear", "sound", "learn", "realize", "realise",
      "understand", "offer", "order", "list", "identify", "remember", "rail");
  // Capitalised words the tagger may call PRON inside names ("Kim Yo Jong") are kept when not real pronouns.
  private static final Set<String> COMMON_PRONOUNS = words("i", "we", "he", "she", "it", "they", "you", "me", "us",
      "him", "her", "them", "his", "its", "their", "our", "my", "your", "who", "what", "which", "this", "that",
      "these", "those", "there", "some", "many", "all", "both", "each", "one", "none", "anyone", "everyone");
  private static final Set<String> SUBORDINATORS = words("as", "while", "when", "if", "because", "although",
      "though", "since", "after", "before", "until", "unless", "once", "whether");
  private static final Set<String> RELATIVE_PRONOUNS = words("who", "whose", "which");
  private static final Set<String> POSSESSIVES = words("his", "her", "their", "its", "our", "my", "your");
  private static final Set<String> PERSONAL = words("he", "she", "him", "her");
  private static final Set<String> SPEECH_FORMS = words("said", "says", "told");
  private static final Set<String> SAY_FORMS = words("said", "says", "say", "told", "tell", "tells");
  private static final Set<String> SUBJECT_PRONOUNS = words("he", "she", "they", "we", "i", "it", "you");
  static final Set<String> TITLE_WORDS = words("president", "minister", "secretary", "spokesman", "spokeswoman",
      "spokesperson", "leader", "chief", "director", "official", "senator", "sen.", "rep.", "representative",
      "governor", "gov.", "mayor", "chairman", "chairwoman", "chair", "ceo", "executive", "ambassador", "envoy",
      "general", "gen.", "commander", "adviser", "advisor", "analyst", "economist", "professor", "prof.", "dr.",
      "judge", "justice", "attorney", "lawyer", "candidate", "nominee", "pollster", "strategist", "aide",
      "manager", "founder", "head", "king", "queen", "prince", "pope", "premier", "chancellor", "speaker", "lt.",
      "col.", "sgt.", "captain", "deputy", "vice", "host", "correspondent", "editor", "writer", "author",
      "columnist", "researcher", "scientist", "expert", "officer", "prosecutor", "commissioner", "counsel", "coach",
      "treasurer", "member", "mr.", "mrs.", "ms.", "sir", "lord", "lady", "dame", "rev.",
      "senior", "press", "campaign", "manager", "pastor", "bishop", "cardinal", "sheriff", "chief", "marshal",
      "superintendent", "inspector", "detective", "sergeant", "colonel", "major", "admiral", "lieutenant",
      "congressman", "congresswoman", "assemblyman", "councilman", "councilwoman", "delegate", "activist", "mr",
      "mrs", "ms", "dr", "ally", "resident", "supporter", "voter", "donor", "volunteer", "organizer",
      "consultant", "operative", "veteran");
  // Words that make a capitalised run a place or organisation rather than a person.
  private static final Set<String> NON_PERSON = union(words("korea", "america", "united", "states", "union", "council",
      "house", "ministry", "department", "party", "committee", "court", "bank", "university", "news", "times",
      "post", "agency", "security", "nations", "republic", "kingdom", "office", "government", "congress", "senate",
      "assembly", "army", "force", "forces", "police", "street", "city", "county", "state", "national", "white",
      "international", "association", "institute", "center", "centre", "foundation", "group", "company", "corp",
      "inc", "ltd", "press", "journal", "network", "service", "administration", "federal", "democratic",
      "republican", "democrats", "republicans", "campaign", "fox", "cnn", "reuters", "ap", "twitter", "facebook",
      "russia", "china", "japan", "ukraine", "north", "south", "east", "west", "new", "york", "washington",
      "europe", "european", "america's", "media", "school", "club", "organization", "organisation", "commission",
      "daily", "weekly", "korean", "russian", "american", "chinese", "japanese", "ukrainian", "british", "french",
      "german", "israeli", "iranian", "african", "asian", "indian", "pakistani", "afghan", "syrian", "iraqi",
      "mexican", "canadian", "australian", "italian", "spanish", "palestinian", "arab", "muslim", "christian",
      "catholic", "jewish", "islamic", "soviet"), WEEKDAYS);
  private static final Set<String> TEMPORAL = union(words("today", "yesterday", "tomorrow", "tonight", "now", "then",
      "later", "earlier"), WEEKDAYS);

  /** A cue with its source and content, before speaker resolution. */
  private record Found(int cueStart, int cueEnd, String verb, String stance, int srcFrom, int srcTo,
      int contentStart, int contentEnd, boolean quote, int gapStart, int gapEnd) {
    Found(int cueStart, int cueEnd, String verb, String stance, int srcFrom, int srcTo, int contentStart,
        int contentEnd, boolean quote) {
      this(cueStart, cueEnd, verb, stance, srcFrom, srcTo, contentStart, contentEnd, quote, -1, -1);
    }

    /** The quote goes on after the attribution: content = [start, gapStart) + [gapEnd, end). */
    Found withContinuation(int gapStart, int gapEnd, int end) {
      return new Found(cueStart, cueEnd, verb, stance, srcFrom, srcTo, contentStart, end, quote, gapStart, gapEnd);
    }
  }

  /** Person names seen so far in the text, for pronoun and surname resolution. */
  private static final class Memory {
    final List<String> names = new ArrayList<>();
    String lastPersonSpeaker;
  }

  /** Claims in the text, in order of appearance. */
  public List<ExtractedClaim> extract(String text) {
    List<ExtractedClaim> out = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    List<TaggedSentence> sentences = tagSentences(text);
    Map<Integer, Integer> paragraphStart = new HashMap<>();
    Map<Integer, Integer> paragraphEnd = new HashMap<>();
    for (TaggedSentence s : sentences) {
      paragraphStart.putIfAbsent(s.paragraph, s.start);
      paragraphEnd.put(s.paragraph, s.end);
    }
    Memory memory = new Memory();
    int consumedUntil = -1; // content already claimed (a multi-sentence quote): skip those sentences
    for (int si = 0; si < sentences.size(); si++) {
      TaggedSentence s = sentences.get(si);
      if (s.start < consumedUntil) {
        rememberNames(s, memory, s.size());
        continue;
      }
      List<Found> found = findAttributions(s, sentences, si, paragraphStart.get(s.paragraph),
          paragraphEnd.get(s.paragraph));
      boolean any = false;
      for (Found f : found) {
        ExtractedClaim c = build(s, f, memory);
        if (c != null) {
          out.add(c);
          any = true;
          consumedUntil = Math.max(consumedUntil, f.contentEnd());
        }
      }
      if (!any) {
        ExtractedClaim r = report(s, memory);
        if (r != null) {
          out.add(r);
        }
      }
      rememberNames(s, memory, s.size());
      // The sentence's speaker is a likelier antecedent for the next "she" than other names in the sentence.
      for (int c = out.size() - 1; c >= 0 && out.get(c).sentenceOffset() == s.start; c--) {
        String sp = out.get(c).speaker();
        if (out.get(c).attributed() && (looksLikePerson(sp) || isKinDescription(sp) || isSingleName(sp))) {
          memory.names.remove(sp);
          memory.names.add(sp);
        }
      }
    }
    return resolveKinDescriptions(out, memory.names);
  }

  /**
   * Sentences of the text, tagged on a copy whose word-internal curly apostrophes are straight ("he’s" -> "he's",
   * "Trump’s" -> "Trump's"): the UD models split and tag the straight forms ("he" + "'s") but read the curly ones
   * as one unknown token (tagged PUNCT or NOUN), which hides subjects and verbs. The copy has the same length, so
   * offsets hold; the sentences keep the original text for the content strings.
   */
  private List<TaggedSentence> tagSentences(String text) {
    String norm = straightApostrophes(text);
    List<TaggedSentence> tagged = joinAfterInitials(norm, tagger.sentences(norm));
    tagged.forEach(ClaimExtractor::retag);
    if (norm == text) {
      return tagged;
    }
    List<TaggedSentence> out = new ArrayList<>(tagged.size());
    for (TaggedSentence t : tagged) {
      out.add(new TaggedSentence(text, t.start, t.end, t.paragraph, t.tokens, t.starts, t.ends, t.tags));
    }
    return out;
  }

  private static final Set<String> CUE_PARTICLES = Set.of("about", "for", "on", "against", "upon", "of",
      "with", "out");

  /**
   * The sentence model ends a sentence at a middle initial ("said James B. | Cunningham, then ambassador"), which
   * leaves the speaker as "James B." and the quote after it unattached. A sentence ending in a capitalised word and a
   * one-letter initial, followed in the same paragraph by a capitalised word, is joined with the next one and tagged
   * again.
   */
  private List<TaggedSentence> joinAfterInitials(String text, List<TaggedSentence> in) {
    List<TaggedSentence> out = null;
    for (int i = 0; i < in.size(); i++) {
      TaggedSentence s = in.get(i);
      if (out != null && !out.isEmpty() && s.size() > 0 && s.isCapitalised(0)
          && s.paragraph == out.get(out.size() - 1).paragraph && endsWithInitial(out.get(out.size() - 1),
          s.tag(0, "PROPN"))) {
        TaggedSentence last = out.get(out.size() - 1);
        out.set(out.size() - 1, tagger.tag(text, last.start, s.end, s.paragraph));
        continue;
      }
      if (out == null && i + 1 < in.size() && endsWithInitial(s, true)) {
        out = new ArrayList<>(in.subList(0, i));
      }
      if (out != null) {
        out.add(s);
      }
    }
    return out == null ? in : out;
  }

  /** "Dennis B." ends the sentence; "said C." too when the next sentence opens with a name (nextIsName). */
  private static boolean endsWithInitial(TaggedSentence s, boolean nextIsName) {
    int n = s.size();
    if (n < 2) {
      return false;
    }
    String last = s.tokens[n - 1];
    String prev = s.tokens[n - 2];
    if (last.equals(".") && n >= 3) { // "B" "." tokenised apart
      last = prev + ".";
      prev = s.tokens[n - 3];
    }
    return last.length() == 2 && last.charAt(1) == '.' && Character.isUpperCase(last.charAt(0))
        && (nextIsName || prev.length() > 1 && Character.isUpperCase(prev.charAt(0))
        && Character.isLetter(prev.charAt(1)));
  }

  /**
   * Repairs tagging errors of the greedy UD tagger that hide attributions, in place: "Weaver/PRON says" (a
   * capitalised word that is no pronoun is a name), "Trump/VERB predicts/NOUN that" (a reporting verb form between a
   * name or subject pronoun and a clause opener is a verb; a capitalised word right before a reporting verb is a name).
   */
  static void retag(TaggedSentence s) {
    int n = s.size();
    String[] t = s.tags;
    // The UD model (trained on web text) misreads news attributions around words it rarely saw: "the admiral/ADJ
    // said/NOUN.", '" ..., " Trump/ADJ said/NOUN of Romney', '" ...," says Suckling/VERB, who ...'. "said", "says" and
    // "told" are verbs in news text; an adjective between a determiner and such a verb is its subject noun; a
    // capitalised "verb" right after one, before a comma or the end, is the inverted speaker's name.
    for (int i = 0; i < n; i++) {
      if ((t[i].equals("NOUN") || t[i].equals("ADJ")) && SPEECH_FORMS.contains(s.lower(i))) {
        t[i] = "VERB";
      }
      // A word read as punctuation or a symbol ("a third say/PUNCT", "co-Anchor/PUNCT DeMarco Morgan").
      if ((t[i].equals("PUNCT") || t[i].equals("SYM")) && hasLetter(s.tokens[i])) {
        String w = s.lower(i);
        t[i] = SAY_FORMS.contains(w) ? "VERB" : w.endsWith("n't") || w.endsWith("n’t") ? "AUX"
            : s.isCapitalised(i) ? "PROPN" : "NOUN";
      }
      // "Polls/VERB there show ...", "A new CNN/ORC poll/VERB shows ...", "Exit polling/VERB showed ...": the poll
      // words are nouns in news text ("polled" is the verb).
      if (t[i].equals("VERB") && (POLL_NOUNS.contains(s.lower(i)) || s.lower(i).equals("polling"))) {
        t[i] = "NOUN";
      }
      if (s.tokens[i].equals("%") && i > 0 && t[i - 1].equals("NUM")) {
        t[i] = "NOUN"; // "42% say": the percentage is the subject, as "42 percent" is
      }
    }
    // Names of words the model rarely saw as names, read as verbs, auxiliaries or particles: "Gene Sperling/VERB, a
    // top adviser", "said Will/AUX Doyle", "Newt/ADP Gingrich", "Trish/VERB James said"; and a title word after an
    // inverted speech verb read as a verb ("said pollster/VERB Frank Luntz").
    boolean titleCase = titleCase(s);
    for (int i = 1; i + 1 < n; i++) {
      if (!titleCase && s.isCapitalised(i) && NAME_MISREADS.contains(t[i]) && CueLexicon.stance(s.tokens[i]) == null
          && !s.tag(i - 1, "PUNCT") && !isQuote(s.tokens[i - 1])
          && (t[i + 1].equals("PROPN") || t[i - 1].equals("PROPN") && s.tokens[i + 1].equals(","))) {
        t[i] = "PROPN";
      }
      if (!s.isCapitalised(i) && (t[i].equals("VERB") || t[i].equals("ADV")) && !s.lower(i).equals("that")
          && t[i + 1].equals("PROPN") && t[i - 1].equals("VERB") && SPEECH_FORMS.contains(s.lower(i - 1))) {
        t[i] = "NOUN";
      }
    }
    // A capitalised word alone before a colon that opens the sentence is a name, not a verb ("Trump/VERB: ‘We
    // are going to win’", a headline or transcript source).
    if (n > 2 && s.tokens[1].equals(":") && s.isCapitalised(0) && NAME_MISREADS.contains(t[0])
        && CueLexicon.stance(s.tokens[0]) == null) {
      t[0] = "PROPN";
    }
    // A name opening the sentence before an apposition, read as adjectives ("Grant/ADJ Young/ADJ, another strategist,
    // said", "Small/ADJ, who attended the rally, said").
    int lead = 0;
    boolean adjective = false;
    while (lead < n && s.isCapitalised(lead) && (t[lead].equals("ADJ") || t[lead].equals("PROPN"))) {
      adjective |= t[lead].equals("ADJ");
      lead++;
    }
    if (adjective && lead < n - 2 && s.tokens[lead].equals(",") && (lead >= 2 || s.lower(lead + 1).equals("who"))) {
      for (int i = 0; i < lead; i++) {
        t[i] = "PROPN";
      }
    }
    for (int i = 1; i + 2 < n; i++) {
      String w = s.lower(i);
      // "a/DET talk/VERB show host", "The/DET official/ADJ, who ...": right after an article a plain verb form is a
      // noun, and so is an adjective standing alone before a relative clause.
      if (ARTICLES.contains(s.lower(i - 1)) && !s.isCapitalised(i) && (t[i].equals("VERB") && !w.endsWith("ing")
          && !w.endsWith("ed") && !SPEECH_FORMS.contains(w)
          || t[i].equals("ADJ") && s.tokens[i + 1].equals(",") && s.lower(i + 2).equals("who"))) {
        t[i] = "NOUN";
      }
    }
    for (int i = 1; i + 1 < n; i++) {
      // The subject right before a speech verb: "a senior administration official/ADJ said", "aides/VERB say", and a
      // plain verb form after a noun phrase ("The billionaire real estate magnate/VERB says").
      String w = s.lower(i);
      boolean plainVerbAfterPhrase = !w.endsWith("ing") && !w.endsWith("ed")
          && (s.tag(i - 1, "NOUN") || s.tag(i - 1, "ADJ") || s.tag(i - 1, "DET"));
      boolean pluralVerb = w.endsWith("s") && !s.tag(i - 1, "PRON") && !s.tag(i - 1, "PROPN") && !s.tag(i - 1, "NOUN");
      // ("donors/AUX said": a word read as an auxiliary that is none.)
      if (t[i + 1].equals("VERB") && SAY_FORMS.contains(s.lower(i + 1)) && !s.isCapitalised(i)
          && (t[i].equals("ADJ") || t[i].equals("VERB") && (plainVerbAfterPhrase || pluralVerb)
          || t[i].equals("AUX") && !AUXILIARIES.contains(w.replaceFirst("n[’']t$", "")))) {
        t[i] = "NOUN";
      }
      if (NAME_MISREADS.contains(t[i]) && s.isCapitalised(i) && t[i - 1].equals("VERB") && SPEECH_FORMS.contains(s.lower(i - 1))
          && (s.tokens[i + 1].equals(",") || s.tokens[i + 1].equals(".")) && CueLexicon.stance(s.tokens[i]) == null) {
        t[i] = "PROPN";
      }
    }
    for (int i = 0; i < n; i++) {
      if (t[i].equals("PRON") && s.isCapitalised(i) && !COMMON_PRONOUNS.contains(s.lower(i))
          && s.tokens[i].length() > 1 && (i + 1 < n && (s.tag(i + 1, "VERB") || s.tag(i + 1, "AUX")
          || i > 0 && s.tag(i + 1, "PROPN")))) { // "Concord resident Whit/PRON Symms"
        t[i] = "PROPN";
      }
    }
    for (int i = 1; i + 1 < n; i++) {
      String w = s.lower(i);
      // ("said", "told" and "says" are verbs already, above.)
      if (t[i].equals("NOUN") && CueLexicon.stance(w) != null && (w.endsWith("s") || w.endsWith("ed"))
          && (s.isCapitalised(i - 1) && !s.tag(i - 1, "PUNCT")
          || s.tag(i - 1, "PRON") && SUBJECT_PRONOUNS.contains(s.lower(i - 1)))
          && (s.lower(i + 1).equals("that") || s.tag(i + 1, "DET") || s.tag(i + 1, "PRON") || s.tag(i + 1, "PROPN")
          || isQuote(s.tokens[i + 1]) || s.tokens[i + 1].equals(":") || s.tokens[i + 1].equals(","))) {
        t[i] = "VERB";
        if (s.lower(i + 1).equals("that") && !t[i + 1].equals("SCONJ")) {
          t[i + 1] = "SCONJ";
        }
      }
    }
    for (int i = 1; i + 1 < n; i++) {
      // "a majority of Republicans support/NOUN deportation", "About three-quarters support/NOUN a ban": a plain
      // cue form after a plural subject, before its object, is the verb.
      String w = s.lower(i);
      String before = s.lower(i - 1);
      if (t[i].equals("NOUN") && CueLexicon.stance(w) != null && !w.endsWith("s") && !w.endsWith("ed")
          && !w.endsWith("ing") && ((s.tag(i - 1, "NOUN") || s.tag(i - 1, "PROPN")) && before.endsWith("s")
          && !before.endsWith("ss") || s.tag(i - 1, "NUM"))
          && (s.tag(i + 1, "DET") || s.tag(i + 1, "PROPN") || s.tag(i + 1, "PRON") || s.tag(i + 1, "NOUN")
          || s.tag(i + 1, "ADJ") || s.tag(i + 1, "VERB") && s.lower(i + 1).endsWith("ing"))) {
        t[i] = "VERB";
      }
    }
    for (int i = 1; i + 1 < n; i++) {
      // "The poll shows/NOUN Cruz has fallen", "Footage from the game shows/NOUN that ...": third-person forms that
      // are rarely nouns, between a noun subject and a clause.
      if (t[i].equals("NOUN") && FINDING_FORMS.contains(s.lower(i)) && (s.tag(i - 1, "NOUN")
          || s.tag(i - 1, "PROPN")) && (s.lower(i + 1).equals("that") || s.tag(i + 1, "PROPN")
          || s.tag(i + 1, "NOUN") && s.isCapitalised(i + 1) || s.tag(i + 1, "DET") || s.tag(i + 1, "NUM")
          || s.tag(i + 1, "PRON") && SUBJECT_PRONOUNS.contains(s.lower(i + 1)))) {
        t[i] = "VERB";
      }
    }
    if (titleCase) {
      // Headlines in title case ("Carly Fiorina Endorses Ted Cruz"): the tagger reads the verb as part of a name.
      for (int i = 1; i + 1 < n; i++) {
        String w = s.lower(i);
        if ((t[i].equals("PROPN") || t[i].equals("NOUN")) && s.isCapitalised(i) && w.endsWith("s")
            && CueLexicon.stance(w) != null && (s.tag(i - 1, "PROPN") || s.tag(i - 1, "NOUN"))) {
          t[i] = "VERB";
          break;
        }
      }
    }
    for (int i = 0; i + 1 < n; i++) {
      // "Cuban/ADJ said", "Trump/ADJ told": a capitalised adjective right before a reporting verb is its subject.
      if (t[i].equals("ADJ") && s.isCapitalised(i) && t[i + 1].equals("VERB") && (i == 0 || !s.tag(i - 1, "DET"))
          && (CueLexicon.stance(s.tokens[i + 1]) != null || i > 0 && s.tokens[i - 1].equals(","))) {
        t[i] = "PROPN";
      }
      // "Florida delegate/VERB John Archer", "University professor/ADV Paul Beck": a title word next to a name.
      if (i > 0 && TITLE_WORDS.contains(s.lower(i)) && !s.isCapitalised(i) && (t[i].equals("VERB")
          || t[i].equals("ADV") || t[i].equals("ADJ")) && s.tag(i + 1, "PROPN") && s.tag(i - 1, "PROPN")) {
        t[i] = "NOUN";
      }
    }
    for (int i = 0; i + 1 < n; i++) {
      if (t[i].equals("VERB") && s.isCapitalised(i) && t[i + 1].equals("VERB") && CueLexicon.stance(s.tokens[i + 1]) != null
          && CueLexicon.stance(s.tokens[i]) == null) {
        t[i] = "PROPN";
      }
    }
  }

  private static boolean hasLetter(String w) {
    for (int i = 0; i < w.length(); i++) {
      if (Character.isLetter(w.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static final Set<String> REFLEXIVES = words("itself", "himself", "herself", "themselves", "myself",
      "ourselves", "yourself");

  private static final Set<String> AUXILIARIES = words("be", "am", "is", "are", "was", "were", "been", "being",
      "have", "has", "had", "having", "do", "does", "did", "will", "would", "shall", "should", "can", "ca", "could",
      "may", "might", "must", "wo", "'s", "'re", "'ve", "'d", "'ll", "’s", "’re", "’ve", "’d", "’ll", "ought",
      "need", "dare", "get", "got", "gets");

  private static final Set<String> NAME_MISREADS = words("VERB", "AUX", "ADP", "SCONJ", "ADV");

  /** A headline in title case: at least four tokens, 80% of them capitalised or punctuation. */
  private static boolean titleCase(TaggedSentence s) {
    int n = s.size();
    if (n < 4) {
      return false;
    }
    int caps = 0;
    for (int i = 0; i < n; i++) {
      caps += s.isCapitalised(i) || s.tag(i, "PUNCT") ? 1 : 0;
    }
    return caps * 10 >= n * 8;
  }

  static String straightApostrophes(String text) {
    if (text.indexOf('’') < 0) {
      return text;
    }
    char[] c = text.toCharArray();
    boolean changed = false;
    for (int i = 1; i + 1 < c.length; i++) {
      if (c[i] == '’' && Character.isLetter(c[i - 1]) && Character.isLetter(c[i + 1])) {
        c[i] = '\'';
        changed = true;
      }
    }
    return changed ? new String(c) : text;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Finding cue, source and content.

  private List<Found> findAttributions(TaggedSentence s, List<TaggedSentence> all, int si, int paraStart,
      int paraEnd) {
    List<Found> out = new ArrayList<>();
    int n = s.size();
    int coveredTo = -1; // token index up to which content of an earlier cue in this sentence extends
    for (int k = 0; k < n; k++) {
      boolean according = k > 1 && s.lower(k).equals("according") && k + 1 < n && s.lower(k + 1).equals("to")
          && s.tokens[k - 1].equals(",");
      if (k <= coveredTo && !according) {
        continue;
      }
      if (according && k <= coveredTo && !out.isEmpty()) {
        // "X would see gains, an analyst said, ..." aside: "..., according to Y" attributes the whole clause
        // before it to Y, even when a weaker cue inside it already took that clause as content; the earlier
        // claim keeps its part up to the comma (a nested attribution).
        Found last = out.get(out.size() - 1);
        if (last.contentEnd() > s.starts[k - 1] && last.contentStart() < s.starts[k - 1]) {
          out.set(out.size() - 1, new Found(last.cueStart(), last.cueEnd(), last.verb(), last.stance(),
              last.srcFrom(), last.srcTo(), last.contentStart(), s.starts[k - 1], last.quote(),
              last.gapStart() < s.starts[k - 1] ? last.gapStart() : -1,
              last.gapStart() < s.starts[k - 1] ? last.gapEnd() : -1));
        }
      }
      Found f = null;
      Found before = out.isEmpty() ? null : out.get(out.size() - 1);
      if (before != null && k > 0 && s.tokens[k - 1].equals(",") && s.lower(k).endsWith("ing")
          && before.srcFrom() >= 0 && CueLexicon.stance(s.tokens[k]) != null && s.tag(k, "VERB")) {
        // ", adding that ...": same speaker as the attribution just before in this sentence.
        Found g = verbCue(s, k, CueLexicon.stance(s.tokens[k]), all, si, paraStart, paraEnd);
        if (g != null && g.contentStart() > s.starts[k]) {
          f = new Found(g.cueStart(), g.cueEnd(), g.verb(), g.stance(), before.srcFrom(), before.srcTo(),
              g.contentStart(), g.contentEnd(), g.quote());
        }
      } else if (s.lower(k).equals("according") && k + 1 < n && s.lower(k + 1).equals("to")) {
        f = accordingTo(s, k);
      } else if (s.lower(k).equals("asked") && (k == 0 || k == 1 && SENTENCE_OPENERS.contains(s.lower(0)))) {
        f = askedOpener(s, k);
      } else if (k > 0 && k <= 4 && s.tokens[k].equals(":") && k + 2 < n
          && headlineSource(s, k, si == 0 || all.get(si - 1).paragraph != s.paragraph,
          si + 1 >= all.size() || all.get(si + 1).paragraph != s.paragraph)) {
        // Headline style "Pat Caddell: Democrat Voters Worried ...", transcript style "PENCE: ...".
        int c0 = k + 1;
        while (c0 < n - 1 && isQuote(s.tokens[c0])) {
          c0++;
        }
        f = new Found(s.starts[k], s.ends[k], ":", "ASSERT", s.starts[0], s.ends[k - 1], s.starts[c0],
            contentEnd(s, n), isQuote(s.tokens[k + 1]));
      } else if (k > 1 && s.tokens[k].equals(":") && k + 2 < n && isQuote(s.tokens[k + 1])
          && s.tag(k - 1, "PROPN") && openQuoteBefore(s.text, paraStart, s.starts[k]) < 0) {
        // "... surprise Republican pollster Daron Shaw: “Historically, ...”": a name introduces the quote.
        int[] np = nounPhraseBack(s, k - 1);
        if (np != null) {
          int end = Math.max(contentEnd(s, n), continuedQuote(s, all, si, paraEnd));
          f = new Found(s.starts[k], s.ends[k], ":", "ASSERT", s.starts[np[0]], s.ends[np[1]], s.starts[k + 2],
              end, true);
        }
      } else if ((s.tag(k, "VERB") || s.tag(k, "AUX") && s.lower(k).startsWith("sa")
          || (s.lower(k).equals("says") || s.lower(k).equals("said")) && k > 0 && s.tag(k - 1, "PROPN"))
          && openQuoteBefore(s.text, paraStart, s.starts[k]) < 0) { // a verb inside a quotation is quoted speech
        String stance = CueLexicon.stance(s.tokens[k]);
        if (stance != null) {
          int floor = coveredTo >= 0 && coveredTo + 1 < n ? s.starts[Math.min(n - 1, coveredTo + 1)] : -1;
          if (before != null && !before.quote() && SPEECH_FORMS.contains(s.lower(k))
              && !SPEECH_FORMS.contains(before.verb().toLowerCase(Locale.ROOT))) {
            // "Olivieri found skating to be a salve ..., she said.": the closing speech verb attributes the whole
            // clause, the weaker cue inside it keeps its part (a nested attribution).
            floor = -1;
          }
          f = verbCue(s, k, stance, all, si, paraStart, paraEnd, floor);
        }
      } else if (s.lower(k).equals("in") && s.tag(k, "ADP") && k > 2 && k + 2 < n) {
        f = inPoll(s, k);
      } else if (s.tag(k, "NOUN") && k + 2 < n && CueLexicon.nominalStance(s.lower(k)) != null
          && openQuoteBefore(s.text, paraStart, s.starts[k]) < 0) {
        Found g = nominalCue(s, k);
        if (g != null) {
          // A noun cue inside a clause ("his claim that ...") does not own the rest of the sentence: later verb
          // cues still see the whole sentence.
          out.add(g);
          continue;
        }
      }
      if (f != null) {
        out.add(f);
        // Nested cues inside this content are left to the reader: one attribution per clause keeps precision.
        coveredTo = lastTokenBefore(s, f.contentEnd());
        if (f.contentStart() < s.starts[k]) {
          // Content before the cue: the attribution runs to the next comma ("..., he said, adding ...").
          coveredTo = n;
          for (int x = k + 1; x < n; x++) {
            if (s.tokens[x].equals(",")) {
              coveredTo = x;
              break;
            }
          }
        }
      }
    }
    return out;
  }

  private static final Set<String> SENTENCE_OPENERS = words("when", "but", "and", "also", "later", "then");
  private static final Set<String> QUESTION_WORDS = words("if", "whether", "what", "who", "whom", "why", "which",
      "how", "where", "when", "about");

  /**
   * "Asked if Sanders is realistic enough ..., 48 percent said ...", "When asked why he trailed ..., Sanders said":
   * the fronted participle reports a question put to the subject; its content is the question, up to the comma that
   * ends the phrase, and its asker is not named.
   */
  private static Found askedOpener(TaggedSentence s, int k) {
    int n = s.size();
    if (k + 2 >= n || !QUESTION_WORDS.contains(s.lower(k + 1))) {
      return null;
    }
    int from = s.lower(k + 1).equals("about") ? k + 2 : k + 1;
    for (int x = from + 1; x + 1 < n; x++) {
      if (s.tokens[x].equals(",")) {
        if (x + 1 < n && isQuote(s.tokens[x + 1]) && openQuoteBefore(s.text, s.starts[from], s.starts[x]) >= 0) {
          x++; // 'Asked if he is “realistic enough,” 48 percent ...': the comma closes a quotation first
        }
        return new Found(s.starts[k], s.ends[k], s.tokens[k], CueLexicon.stance(s.tokens[k]), -1, -1,
            s.starts[from], s.ends[x - 1], false);
      }
    }
    return null;
  }

  private static final Set<String> SURVEYED = words("polled", "surveyed", "interviewed", "questioned", "contacted",
      "sampled");

  private static final Set<String> POLL_NOUNS = words("poll", "polls", "survey", "surveys", "polling");

  /**
   * Polls as sources: "Cruz had 38 percent support in a Fox poll" (content = the clause before "in", the poll is
   * the source) and "a CNN poll in which Clinton held a lead" (content = the relative clause).
   */
  private static Found inPoll(TaggedSentence s, int k) {
    int n = s.size();
    if (s.lower(k + 1).equals("which") && POLL_NOUNS.contains(s.lower(k - 1))) {
      int[] src = nounPhraseBack(s, k - 1);
      int c = k + 2;
      int e = c;
      while (e < n && !s.tokens[e].equals(";") && !isDash(s.tokens[e]) && !(s.tokens[e].equals(",")
          && e + 1 < n && (s.tag(e + 1, "CCONJ") || s.tag(e + 1, "SCONJ") || s.lower(e + 1).equals("which")))) {
        e++;
      }
      while (e - 1 > c && (s.tag(e - 1, "PUNCT") || isQuote(s.tokens[e - 1]))) {
        e--;
      }
      if (src == null || e <= c + 1 || !verbWithin(s, c, e - c)) {
        return null;
      }
      return new Found(s.starts[k], s.ends[k], "in", "ASSERT", s.starts[src[0]], s.ends[src[1]], s.starts[c],
          s.ends[e - 1], false);
    }
    int h = k + 1;
    while (h < n && h <= k + 6 && (s.tag(h, "DET") || s.tag(h, "ADJ") || s.tag(h, "PROPN") || s.tag(h, "NUM")
        || s.tag(h, "NOUN") && !POLL_NOUNS.contains(s.lower(h)) || s.tag(h, "PART") && s.lower(h).endsWith("s"))) {
      h++;
    }
    if (h >= n || h > k + 6 || !POLL_NOUNS.contains(s.lower(h))) {
      return null;
    }
    // A particular poll ("a Fox poll", "the latest Quinnipiac survey"), not "in the polls" in general.
    boolean specific = false;
    for (int x = k + 1; x < h; x++) {
      specific |= s.tag(x, "PROPN") || s.isCapitalised(x) || s.lower(x).equals("a") || s.lower(x).equals("an")
          || s.lower(x).equals("latest") || s.lower(x).equals("new") || s.lower(x).equals("recent");
    }
    if (!specific) {
      return null;
    }
    int srcEnd = h;
    if (h + 2 < n && (s.lower(h + 1).equals("from") || s.lower(h + 1).equals("by") || s.lower(h + 1).equals("of"))) {
      int[] more = nounPhraseForward(s, h + 2);
      if (more != null) {
        srcEnd = more[1];
      }
    }
    // The clause before "in", after a fronted adjunct ("In March, Cruz had ...").
    int a = 0;
    if (s.tag(0, "ADP") || s.tag(0, "SCONJ") || s.tag(0, "ADV")) {
      for (int x = 1; x < k; x++) {
        if (s.tokens[x].equals(",")) {
          a = x + 1;
          break;
        }
        if (s.tag(x, "VERB") || s.tag(x, "AUX")) {
          return null; // a subordinate clause opens the sentence
        }
      }
    }
    int e = k - 1;
    while (e > a && (s.tag(e, "PUNCT") || isQuote(s.tokens[e]))) {
      e--;
    }
    if (e - a < 2 || !verbWithin(s, a, e - a + 1) || s.tag(a, "PUNCT")) {
      return null;
    }
    return new Found(s.starts[k], s.ends[k], "in", "ASSERT", s.starts[k + 1], s.ends[srcEnd], s.starts[a],
        s.ends[e], false);
  }

  private static final Set<String> FINDING_FORMS = words("shows", "says", "finds", "suggests", "indicates",
      "argues", "insists", "believes", "thinks", "predicts", "warns", "concludes", "estimates", "reveals",
      "contends", "asserts", "maintains");

  /**
   * Noun cues: "her claim that the vote was rigged" (content = the that-clause), "his criticism of the plan"
   * (content = the object of the preposition the noun takes). The source is the possessor ("her", "Trump's", "the
   * party's") when there is one.
   */
  private static Found nominalCue(TaggedSentence s, int k) {
    int n = s.size();
    String noun = s.lower(k);
    String stance = CueLexicon.nominalStance(noun);
    int c = k + 1;
    int cEnd;
    boolean that = s.lower(c).equals("that") && !s.tag(c + 1, "VERB") && !s.tag(c + 1, "AUX");
    boolean inf = !that && CueLexicon.nominalInfinitive(noun) && s.lower(c).equals("to") && c + 1 < n
        && (s.tag(c + 1, "VERB") || s.tag(c + 1, "AUX"));
    if (inf) {
      that = true; // "his promise to cut taxes": the infinitive clause, "to" included, runs like a that-clause
    } else if (that) {
      c++;
      if (!verbWithin(s, c, 8)) {
        return null;
      }
    } else if (CueLexicon.nominalTakes(noun, s.lower(c))) {
      c++;
    } else {
      return null;
    }
    // The content runs to the end of the clause (a comma before a conjunction or subordinator, a semicolon, a dash,
    // a closing bracket) or, for a prepositional object, to the end of its noun phrase.
    int e = c;
    while (e < n && !s.tokens[e].equals(";") && !isDash(s.tokens[e]) && !s.tokens[e].equals(")")
        && !(s.tokens[e].equals(",") && e + 1 < n && (s.tag(e + 1, "CCONJ") || s.tag(e + 1, "SCONJ")
        || SUBORDINATORS.contains(s.lower(e + 1)) || s.lower(e + 1).equals("which")
        || s.lower(e + 1).equals("who") || CueLexicon.stance(s.tokens[e + 1]) != null))
        && !(!that && (s.tag(e, "VERB") && !s.lower(e).endsWith("ing") || s.tag(e, "AUX")
        || s.tokens[e].equals(",") || s.tag(e, "SCONJ")))
        && !(inf && e > c + 1 && finiteAfterNoun(s, e))) {
      e++;
    }
    while (e - 1 > c && (s.tag(e - 1, "PUNCT") || isQuote(s.tokens[e - 1]) || s.tag(e - 1, "CCONJ")
        || s.tag(e - 1, "ADP"))) {
      e--;
    }
    if (e <= c) {
      return null;
    }
    cEnd = s.ends[e - 1];
    int srcFrom = -1;
    int srcTo = -1;
    int p = k - 1;
    while (p >= 0 && (s.tag(p, "ADJ") || s.tag(p, "ADV"))) {
      p--;
    }
    if (p >= 0 && POSSESSIVES.contains(s.lower(p))) {
      srcFrom = s.starts[p];
      srcTo = s.ends[p];
    } else if (p >= 0 && (s.tokens[p].equals("'s") || s.tokens[p].equals("’s") || s.tokens[p].endsWith("'s")
        || s.tokens[p].endsWith("’s") || s.tokens[p].equals("'") || s.tokens[p].equals("’"))) {
      int b = s.tokens[p].length() > 2 ? p : p - 1;
      int[] np = nounPhraseBack(s, b);
      if (np != null) {
        srcFrom = s.starts[np[0]];
        srcTo = s.ends[np[1]];
      } else if (b == p && s.isCapitalised(p)) {
        srcFrom = s.starts[p]; // "Olsen's/DET promise": a possessive name the tagger read as a determiner
        srcTo = s.ends[p];
      }
    } else {
      // "Trump voiced support for ...", "the group expressed a fear that ...": the subject of the verb whose object
      // the noun is.
      while (p >= 0 && s.tag(p, "DET") && !s.lower(p).equals("that")) {
        p--;
      }
      if (p > 0 && s.tag(p, "VERB")) {
        int v = p - 1;
        while (v >= 0 && isAdverbial(s, v)) {
          v--;
        }
        int[] np = nounPhraseBack(s, v);
        if (np != null) {
          srcFrom = s.starts[np[0]];
          srcTo = s.ends[np[1]];
        }
      }
    }
    return new Found(s.starts[k], s.ends[k], s.tokens[k], stance, srcFrom, srcTo, s.starts[c], cEnd, false);
  }

  private static final Set<String> FINITE_AUX = words("is", "was", "are", "were", "has", "have", "had", "will",
      "would", "could", "can", "may", "might", "should", "did", "does", "do");

  /**
   * "Olsen's promise to cut the levy | drew praise": a finite verb right after a noun ends an infinitive content
   * (the noun cue was the subject of the main clause); a base form ("to help people get jobs") does not.
   */
  private static boolean finiteAfterNoun(TaggedSentence s, int e) {
    if (!(s.tag(e - 1, "NOUN") || s.tag(e - 1, "PROPN") || s.tag(e - 1, "NUM") || s.tag(e - 1, "PRON"))) {
      return false;
    }
    String w = s.lower(e);
    return s.tag(e, "AUX") ? FINITE_AUX.contains(w)
        : s.tag(e, "VERB") && !w.endsWith("ing") || s.tag(e, "ADJ") && w.endsWith("ed") && s.tag(e + 1, "PRON");
  }

  private static int lastTokenBefore(TaggedSentence s, int charEnd) {
    int t = -1;
    for (int i = 0; i < s.size(); i++) {
      if (s.starts[i] < charEnd) {
        t = i;
      }
    }
    return t;
  }

  private Found accordingTo(TaggedSentence s, int k) {
    int n = s.size();
    int a = k + 2;
    int b = a;
    // The source runs to the next comma: "according to polling by the A.F.L.-C.I.O., even as ..."; at the start of
    // a sentence whatever the tags ("According to exit polls conducted/VERB for ..., ...", "a study by/SCONJ ...").
    while (b < n && !s.tokens[b].equals(",") && !s.tokens[b].equals(".") && !s.tokens[b].equals(";")
        && (k <= 1 || !s.tag(b, "SCONJ") && !s.tag(b, "AUX") && !(s.tag(b, "VERB") && !s.lower(b).endsWith("ing")))) {
      b++;
    }
    if (b == a) {
      return null;
    }
    int srcFrom = s.starts[a];
    int srcTo = s.ends[b - 1];
    int cStart;
    int cEnd;
    if (k <= 1) { // "According to X, content."
      if (b >= n || !s.tokens[b].equals(",")) {
        return null;
      }
      cStart = s.starts[Math.min(b + 1, n - 1)];
      cEnd = contentEnd(s, n);
    } else { // "content, according to X."
      cStart = s.starts[0];
      cEnd = s.ends[k - 1];
      if (s.tokens[k - 1].equals(",")) {
        cEnd = s.starts[k - 1];
      }
    }
    if (cEnd <= cStart) {
      return null;
    }
    Found f = new Found(s.starts[k], s.ends[k + 1], s.span(k, k + 1), "ASSERT", srcFrom, srcTo, cStart, cEnd, false);
    if (k > 1 && b + 2 < n && s.tokens[b].equals(",") && !s.tag(b + 1, "CCONJ") && !s.tag(b + 1, "SCONJ")
        && !SUBORDINATORS.contains(s.lower(b + 1)) && !s.lower(b + 1).endsWith("ing")) {
      // "Over the long term, according to the budget office, the deficit will rise": the clause goes on after
      // the source.
      int end = contentEnd(s, n);
      if (end > s.starts[b + 1] && clauseBefore(s, n) && !clauseBefore(s, k)) {
        f = f.withContinuation(cEnd, s.starts[b + 1], end);
      }
    }
    return f;
  }

  /** End of the sentence's content: before the final punctuation and closing quote. */
  private static int contentEnd(TaggedSentence s, int n) {
    int e = n - 1;
    while (e > 0 && (s.tag(e, "PUNCT") || isQuote(s.tokens[e]))) {
      e--;
    }
    return s.ends[e];
  }

  private static boolean isQuote(String t) {
    return t.equals("\"") || t.equals("'") || t.equals("“") || t.equals("”") || t.equals("''") || t.equals("``") || t.equals("‘")
        || t.equals("’");
  }

  private Found verbCue(TaggedSentence s, int k, String stance, List<TaggedSentence> all, int si, int paraStart,
      int paraEnd) {
    return verbCue(s, k, stance, all, si, paraStart, paraEnd, -1);
  }

  private Found verbCue(TaggedSentence s, int k, String stance, List<TaggedSentence> all, int si, int paraStart,
      int paraEnd, int floorChar) {
    int n = s.size();
    String lemma = CueLexicon.lemma(s.tokens[k]);
    String low = s.lower(k);
    // Infinitives ("to say") and passives ("was said", "is expected") are not attributions by this speaker.
    int prev = k - 1;
    while (prev >= 0 && s.tag(prev, "ADV")) {
      prev--;
    }
    if (prev >= 0 && isBe(s.lower(prev)) && lemma.equals("expect") && low.endsWith("ed") && k + 2 < n
        && s.lower(k + 1).equals("to")) {
      return raising(s, k, k, prev - 1, verb(s, k), stance);
    }
    if (prev >= 0 && (s.lower(prev).equals("to") || isBe(s.lower(prev)) && (low.endsWith("ed")
        || low.equals("said") || low.equals("told") || low.equals("thought") || low.equals("known")))) {
      return null;
    }
    if (lemma.equals("point") && !(k + 1 < n && s.lower(k + 1).equals("out"))) {
      return null;
    }
    // Cue forms that measured below the break-even precision on PolNeAR train (most uses are not attributions):
    // "speak" only when it introduces what is said ("spoke about", "spoke out", 'spoke: “...”'), not "spoke at the
    // rally"; the participle "backing"; the bare form "find"; "States" in a name.
    if (lemma.equals("speak") && !(k + 1 < n && (s.lower(k + 1).equals("about") || s.lower(k + 1).equals("of")
        || s.lower(k + 1).equals("out") || s.lower(k + 1).equals("that") || s.tokens[k + 1].equals(":")
        || isQuote(s.tokens[k + 1]) || s.tokens[k + 1].equals(",") && k + 2 < n && isQuote(s.tokens[k + 2])))
        || lemma.equals("back") && low.endsWith("ing") || low.equals("find")
        || low.equals("states") && k > 0 && s.isCapitalised(k - 1)) {
      return null;
    }
    int cueEnd = k;
    if (k + 1 < n && (s.lower(k + 1).equals("out") && lemma.equals("point")
        || s.lower(k + 1).equals("in") && s.tokens.length > k + 3 && s.lower(k + 2).equals("a")
        && s.lower(k + 3).equals("statement"))) {
      cueEnd = lemma.equals("point") ? k + 1 : k + 3;
    }
    String verb = s.span(k, cueEnd);
    boolean participle = low.endsWith("ing") && k > 0 && s.tokens[k - 1].equals(",");
    boolean weak = WEAK.contains(lemma) && !participle;
    // "continue to rake in", "adding to her run": aspect, not speech.
    if ((lemma.equals("continue") || lemma.equals("add")) && k + 1 < n && s.lower(k + 1).equals("to")) {
      return null;
    }

    // 1. Content before the cue: "“...,” she said." / "..., officials said." / "..., said Caddell."
    int subjEnd = k - 1;
    while (subjEnd >= 0 && isAdverbial(s, subjEnd)) {
      subjEnd--;
    }
    if (subjEnd > 0 && REFLEXIVES.contains(s.lower(subjEnd))) {
      subjEnd--; // "Ford itself said": the subject is before the intensive pronoun
    }
    if (subjEnd > 0 && SURVEYED.contains(s.lower(subjEnd)) && (s.tag(subjEnd - 1, "NOUN")
        || s.tag(subjEnd - 1, "PROPN") || s.lower(subjEnd - 1).equals("those"))) {
      subjEnd--; // "56 percent of voters polled said ...": the participle belongs to the subject
    }
    subjEnd = skipParenthetical(s, subjEnd);
    int[] np = nounPhraseBack(s, subjEnd);
    int boundary; // token before the attribution clause
    int srcFrom;
    int srcTo;
    int[] quoted = k > 2 && !isQuote(s.tokens[k - 1]) && !(np != null && np[0] > 0 && isQuote(s.tokens[np[0] - 1]))
        ? quoteThenSubject(s, k, paraStart) : null;
    if (quoted != null) {
      // '“...,” Jeff Weaver, the campaign manager, said in a statement.'
      boundary = quoted[0];
      srcFrom = s.starts[quoted[1]];
      srcTo = s.ends[quoted[2]];
    } else if (k > 0 && (s.tokens[k - 1].equals(",") || isQuote(s.tokens[k - 1])) && k + 1 < n && !participle) {
      // Inverted: "..., said Caddell" / "”, said the official"
      int[] after = nounPhraseForward(s, cueEnd + 1);
      if (after != null && (after[1] + 1 >= n || s.tag(after[1] + 1, "PUNCT") || s.tag(after[1] + 1, "ADP")
          || s.lower(after[1] + 1).equals("who") && isQuote(s.tokens[k - 1])) // '”, said an expert who has ...'
          && (isQuote(s.tokens[k - 1]) || clauseBefore(s, k - 1))) {
        boundary = k - 1;
        srcFrom = s.starts[after[0]];
        srcTo = s.ends[after[1]];
      } else {
        boundary = -1;
        srcFrom = -1;
        srcTo = -1;
      }
    } else if (np != null && np[0] > 0 && (s.tokens[np[0] - 1].equals(",") || isQuote(s.tokens[np[0] - 1]))
        && np[0] - 1 > 0
        && ((isQuote(s.tokens[np[0] - 1]) || isQuote(s.tokens[np[0] - 2])) && (quoteOpensSentence(s, np[0] - 1,
        paraStart) || restIsTail(s, cueEnd + 1))
        || restIsTail(s, cueEnd + 1) && clauseBefore(s, np[0] - 1) && !quoteFollows(s, cueEnd + 1)
        && !(introductory(s) && contentEnd(s, n) > s.ends[cueEnd]))) {
      boundary = np[0] - 1;
      srcFrom = s.starts[np[0]];
      srcTo = s.ends[np[1]];
    } else {
      boundary = -1;
      srcFrom = -1;
      srcTo = -1;
    }
    if (boundary > 0) {
      int cEndTok = boundary;
      while (cEndTok >= 0 && (s.tag(cEndTok, "PUNCT") || isQuote(s.tokens[cEndTok]))) {
        cEndTok--;
      }
      boolean quotedBefore = isQuote(s.tokens[boundary]) || boundary > 0 && isQuote(s.tokens[boundary - 1]);
      if (cEndTok < (quotedBefore ? 0 : 1)) {
        return null;
      }
      int cStart = s.starts[0];
      int tok0 = 0;
      while (tok0 < cEndTok && (isQuote(s.tokens[tok0]) || s.tag(tok0, "PUNCT"))) {
        tok0++;
      }
      cStart = s.starts[tok0];
      boolean quote = isQuote(s.tokens[boundary]) || boundary > 0 && isQuote(s.tokens[boundary - 1])
          || isQuote(s.tokens[0]);
      if (quote) {
        // The quote may have opened in an earlier sentence of the paragraph.
        int closeAt = s.starts[boundary];
        for (int x = boundary; x >= 0 && (isQuote(s.tokens[x]) || s.tag(x, "PUNCT")); x--) {
          closeAt = s.starts[x];
        }
        int open = openQuoteBefore(s.text, paraStart, closeAt);
        if (open >= 0) {
          cStart = open + 1;
        }
      }
      if (cStart < floorChar) {
        cStart = floorChar; // an earlier attribution of this sentence owns the text before
      }
      int cEnd = s.ends[cEndTok];
      Found found = new Found(s.starts[k], s.ends[cueEnd], verb, stance, srcFrom, srcTo, cStart, cEnd, quote);
      if (quote) {
        // '“A,” he said, “because B.”': the quote resumes after the attribution.
        int after = Math.max(cueEnd, srcTo < 0 ? cueEnd : lastTokenBefore(s, srcTo)) + 1;
        if (after + 2 < n && s.tokens[after].equals(",") && isQuote(s.tokens[after + 1])) {
          int end = contentEnd(s, n);
          if (end > s.starts[after + 2]) {
            found = found.withContinuation(cEnd, s.starts[after + 2], end);
          }
        }
      }
      if (!quote) {
        // "The argument would be aided, Devine said, by the upcoming primary calendar": the attribution is an
        // insertion and the reported clause resumes after it (not a participle or coordinated clause).
        int after = Math.max(cueEnd, srcTo < 0 ? cueEnd : lastTokenBefore(s, srcTo)) + 1;
        if (after + 2 < n && s.tokens[after].equals(",") && !s.tag(after + 1, "CCONJ")
            && !s.tag(after + 1, "SCONJ") && !s.tag(after + 1, "PRON") && !s.lower(after + 1).endsWith("ing")
            && !s.tag(after + 1, "VERB") && !s.tag(after + 1, "AUX") && !SUBORDINATORS.contains(s.lower(after + 1))
            && !s.isCapitalised(after + 1) && !s.tag(after + 1, "PUNCT")
            && !(srcFrom > s.starts[k] && s.tag(after + 1, "DET"))) {
          // ("..., said David Ames, a professor at ...": after an inverted source, "a/the ..." describes the source.)
          int end = contentEnd(s, n);
          if (end > s.starts[after + 1]) {
            found = found.withContinuation(cEnd, s.starts[after + 1], end);
          }
        }
      }
      // "“A,” she said. “B.”": the quote goes on in the next sentences of the paragraph.
      return quote ? continueQuote(found, s, all, si, paraEnd) : found;
    }

    // 2. Content after the cue: "Shin said North Korea had ...", "She said: “...”".
    // A weak cue after a subordinator ("When liberal organizations advocated for ...", "as they learned ...") is
    // kept: PolNeAR annotates these, and keeping them measured +190 strict matches on train (P -0.006).
    if (np == null && k > 1 && s.tokens[k - 1].equals(",")) {
      np = appositiveSubject(s, k - 1);
    }
    if (np == null) {
      np = relativeSubject(s, subjEnd);
      if (np == null) {
        np = participleSubject(s, k);
      }
      if (np == null) {
        np = coordinatedSubject(s, subjEnd, k);
      }
      if (np == null) {
        return null;
      }
    }
    Found split = splitClause(s, k, cueEnd, np, verb, stance);
    if (split != null) {
      return split;
    }
    int c = cueEnd + 1;
    if (CueLexicon.ADDRESSEE_VERBS.contains(lemma)) {
      // 'asked Republican leaders: “...”', 'told the crowd, “...”': the addressee before a colon or a quote.
      int y = c;
      while (y < n && y < c + 6 && (s.tag(y, "NOUN") || s.tag(y, "PROPN") || s.tag(y, "DET") || s.tag(y, "ADJ")
          || s.tag(y, "PRON") && !s.lower(y).equals("that"))) {
        y++;
      }
      if (y > c && y < n && (s.tokens[y].equals(":") || s.tokens[y].equals(",") && y + 1 < n
          && isQuote(s.tokens[y + 1]))) {
        c = y;
      }
      // "told reporters (on Thursday) that ...": skip the addressee up to "that" when there is one nearby.
      boolean that = false;
      for (int x = c; x < Math.min(n, c + 15); x++) {
        if (complementizer(s, x)) {
          c = x;
          that = true;
          break;
        }
        if (s.tag(x, "VERB") || s.tag(x, "AUX") || s.tokens[x].equals(",")) {
          break;
        }
      }
      // "told POLITICO she was ...": skip a short addressee before a pronoun subject.
      int x = c;
      while (!that && x < Math.min(n, c + 4) && (s.tag(x, "PROPN") || s.tag(x, "NOUN") || s.tag(x, "DET"))) {
        x++;
      }
      if (!that && x > c && x < n && s.tag(x, "PRON") && SUBJECT_PRONOUNS.contains(s.lower(x))) {
        c = x;
      }
    }
    // "denied Friday that ...", "said on Thursday that ...": jump to "that" over a short adjunct.
    for (int x = c; x < Math.min(n, c + 6); x++) {
      if (s.tag(x, "VERB") || s.tag(x, "AUX")) {
        break;
      }
      if (complementizer(s, x)) {
        c = x;
        break;
      }
    }
    boolean signal = false;
    for (int x = c; x < Math.min(n, c + 8) && weak; x++) {
      // "called the assessments “the most absurd paradox”", "described the speculation as ..."
      if (s.tokens[x].equals("“") || s.tokens[x].equals("\"") || s.lower(x).equals("as")
          && (lemma.equals("describe") || lemma.equals("call"))) {
        signal = true;
      }
    }
    int thatAt = -1;
    while (c < n && (complementizer(s, c) || s.tokens[c].equals(":")
        || s.tokens[c].equals(",") || isQuote(s.tokens[c]))) {
      if (s.lower(c).equals("that") && thatAt < 0) {
        thatAt = c;
      }
      signal = true;
      c++;
    }
    // Weak cues with a plain object ("criticized Clinton's email use") count as attributions too: measured on
    // PolNeAR train, keeping them raised F1 (more recall than lost precision). They still need a subject.
    boolean afterQuote = si > 0 && all.get(si - 1).paragraph == s.paragraph && (np[0] == 0 || isQuote(s.tokens[0]))
        && isQuote(all.get(si - 1).tokens[all.get(si - 1).size() - 1]);
    // A weak cue before the final stop may still close a quote: '"Why not?" Olsen asked.'
    if (weak && !signal && c < n && s.tag(c, "PUNCT") && !(afterQuote && c == n - 1)) {
      return null;
    }
    boolean quote = c > cueEnd + 1 && isQuote(s.tokens[c - 1]);
    int cEnd;
    int cStart;
    if (c >= n || contentEnd(s, n) <= s.starts[c] || afterQuote && !quote && adjunctOnly(s, c)) {
      // '"Is that all there is?" Trump said.': the quote is the previous sentence of the paragraph.
      // Also with a tail: '“Who do they think they are?” Trump said of Apple in February, when ...'.
      if (!s.tokens[n - 1].equals(":") && si > 0 && all.get(si - 1).paragraph == s.paragraph
          && (np[0] == 0 || isQuote(s.tokens[0]))) {
        TaggedSentence prevS = all.get(si - 1);
        int last = prevS.size() - 1;
        if (isQuote(prevS.tokens[last]) || isQuote(s.tokens[0])) {
          int open = openQuoteBefore(s.text, paraStart, prevS.ends[last] - 1);
          int from = open >= 0 ? open + 1 : prevS.starts[0];
          int to = contentEnd(prevS, prevS.size());
          if (to > from) {
            return new Found(s.starts[k], s.ends[cueEnd], verb, stance, s.starts[np[0]], s.ends[np[1]], from, to,
                true);
          }
        }
      }
      // "Caddell continued:" — the content is the next paragraph.
      if (!s.tokens[n - 1].equals(":") || si + 1 >= all.size()) {
        return null;
      }
      TaggedSentence next = all.get(si + 1);
      cStart = next.starts[0];
      int t0 = 0;
      while (t0 < next.size() - 1 && isQuote(next.tokens[t0])) {
        t0++;
      }
      cStart = next.starts[t0];
      cEnd = contentEnd(next, next.size());
      for (int x = si + 2; x < all.size() && all.get(x).paragraph == next.paragraph; x++) {
        cEnd = contentEnd(all.get(x), all.get(x).size());
      }
      quote = isQuote(next.tokens[0]);
    } else {
      cStart = s.starts[c];
      if (thatAt < 0 && c + 1 < n && s.tag(c, "ADP") && CUE_PARTICLES.contains(s.lower(c))
          && !s.tag(c + 1, "VERB") && !s.tag(c + 1, "AUX") && !s.tag(c + 1, "PUNCT") && !isQuote(s.tokens[c + 1])) {
        // "spoke about immigration", "called for a ban", "responded to the report": the verb's particle belongs
        // to the cue, the content is its object (PolNeAR train: 53 of 60 "about", 61 of 87 "for").
        cStart = s.starts[c + 1];
      }
      cEnd = contentEnd(s, n);
      // "..., insisting that ...": a participle cue starts another attribution by the same speaker.
      for (int x = c + 2; x + 1 < n && !quote; x++) {
        if (s.tokens[x].equals(",") && s.lower(x + 1).endsWith("ing") && CueLexicon.stance(s.tokens[x + 1]) != null
            && openQuoteBefore(s.text, paraStart, s.starts[x]) < 0) {
          cEnd = s.ends[x - 1];
          break;
        }
      }
      // "X, but Y" / "X and said Y": a coordinated clause or a second reporting verb ends the content.
      for (int x = c + 2; x + 1 < n && !quote; x++) {
        if (openQuoteBefore(s.text, paraStart, s.starts[x]) >= 0) {
          continue;
        }
        String w = s.lower(x);
        String nx = s.lower(x + 1);
        // "said X, but that Y" / "said X, and that Y": a second complementizer coordinates a second part of the same
        // reported content, not a clause of the narrator's.
        boolean thatAgain = x + 2 < n && s.lower(x + 2).equals("that");
        boolean commaConj = w.equals(",") && !(nx.equals("but") && thatAgain) && (nx.equals("but") || nx.equals("yet")
            || nx.equals("while") || nx.equals("however")
            || nx.equals("although") || nx.equals("though") || nx.equals("whereas") || (nx.equals("when")
            || nx.equals("where") || nx.equals("who") || nx.equals("which")));
        boolean andClause = w.equals(",") && nx.equals("and") && verbWithin(s, x + 2, 4) && !thatAgain
            || w.equals(",") && nx.equals("with") && withSpeaker(s, x + 2); // ", with Rubio saying ..."
        boolean andCue = (w.equals("and") || w.equals("but")) && s.tag(x + 1, "VERB")
            && CueLexicon.stance(s.tokens[x + 1]) != null;
        // "X, foreign policy experts affirm that Y": a new attribution clause after the comma.
        if (w.equals(",") && !andCue) {
          int y = x + 1;
          while (y < n && y < x + 8 && (s.tag(y, "PROPN") || s.tag(y, "NOUN") || s.tag(y, "ADJ")
              || s.tag(y, "DET") || s.tag(y, "PRON") && SUBJECT_PRONOUNS.contains(s.lower(y)))) {
            y++;
          }
          if (y == x + 1 && s.tag(y, "ADP")) {
            // "X, at the town hall this week she said Y": a fronted adjunct before the new subject.
            int z = y + 1;
            while (z < n && z < x + 10 && (s.tag(z, "NOUN") || s.tag(z, "PROPN") || s.tag(z, "ADJ")
                || s.tag(z, "DET") || s.tag(z, "NUM") || s.tag(z, "ADP"))) {
              z++;
            }
            if (z < n && s.tag(z, "PRON") && SUBJECT_PRONOUNS.contains(s.lower(z))) {
              y = z + 1;
            }
          }
          while (y < n && (s.tag(y, "ADV") || s.tag(y, "AUX"))) {
            y++;
          }
          andCue = y > x + 1 && y < n && s.tag(y, "VERB") && CueLexicon.stance(s.tokens[y]) != null;
        }
        if (commaConj || andClause || andCue) {
          cEnd = Math.min(cEnd, s.ends[x - 1]);
          break;
        }
      }
      if (thatAt < 0 && !quote) {
        cEnd = Math.min(cEnd, objectEnd(s, c, cEnd));
      }
      // "..., as she labeled ...": a second clause with its own subject is not part of the content.
      for (int x = c + 2; x + 2 < n; x++) {
        if (s.tokens[x].equals(",") && (s.lower(x + 1).equals("as") || s.lower(x + 1).equals("while"))
            && s.tag(x + 2, "PRON") && !quote) {
          cEnd = s.ends[x - 1];
          break;
        }
      }
      if (quote) {
        cEnd = Math.max(cEnd, continuedQuote(s, all, si, paraEnd));
      }
    }
    if (cEnd <= cStart) {
      return null;
    }
    if ((lemma.equals("seem") || lemma.equals("appear")) && k + 2 < n && s.lower(k + 1).equals("to")
        && !s.lower(np[0]).equals("it")) {
      // "The plan seems to be working": a judgement without a named judge, about the subject and its predicate.
      Found r = raising(s, k, cueEnd, subjEnd, verb, stance);
      if (r != null) {
        return r;
      }
    }
    return new Found(s.starts[k], s.ends[cueEnd], verb, stance, s.starts[np[0]], s.ends[np[1]], cStart, cEnd,
        quote);
  }

  private static String verb(TaggedSentence s, int k) { return s.tokens[k]; }

  /** "with Marco Rubio saying ...": a short noun phrase, then a reporting verb in -ing. */
  private static boolean withSpeaker(TaggedSentence s, int from) {
    for (int y = from; y < Math.min(s.size(), from + 7); y++) {
      if (s.lower(y).endsWith("ing") && CueLexicon.stance(s.tokens[y]) != null) {
        return y > from;
      }
      if (!s.tag(y, "PROPN") && !s.tag(y, "NOUN") && !s.tag(y, "DET") && !s.tag(y, "ADJ") && !s.tag(y, "PRON")
          && !s.tag(y, "ADP")) {
        return false;
      }
    }
    return false;
  }

  /** Words that always open a trailing adjunct of time or occasion after a plain object. */
  private static final Set<String> ADJUNCT_OPENERS = words("during", "last", "earlier", "later", "after", "before",
      "when", "while", "since");
  /**
   * After "on", "in", "at" or "this": the words that make it a time or an occasion, not the object's complement (with
   * week days and years).
   */
  private static final Set<String> OCCASIONS = words("january", "february", "march", "april", "may", "june", "july",
      "august", "september", "october", "november", "december", "week", "weekend", "month", "year", "morning",
      "afternoon", "evening", "night", "day", "rally", "rallies", "conference", "debate", "event", "interview",
      "interviews", "hearing", "speech", "fundraiser", "meeting", "forum", "appearance", "town", "twitter", "statement",
      "stop", "campaign", "radio", "television", "tv", "show", "program", "op-ed", "letter", "news", "press", "victory",
      "luncheon", "breakfast", "dinner", "gathering", "summit", "convention", "caucus", "primary", "session");

  /**
   * "thanking supporters at a rally", "endorsed Trump last week", "preferred him when the poll was taken": when the
   * content is a plain object (no verb outside the adjunct), what was said is the noun phrase, not the time or
   * occasion after it. Returns the end of the object, or {@code cEnd} when the content is a clause.
   */
  private static int objectEnd(TaggedSentence s, int c, int cEnd) {
    if (s.lower(c).equals("that")) {
      return cEnd;
    }
    boolean noun = false;
    int cut = -1;
    for (int x = c; x < s.size() && s.ends[x] <= cEnd; x++) {
      if (cut < 0 && noun && adjunctOpens(s, x)) {
        cut = x;
        if (SUBORDINATORS.contains(s.lower(x))) {
          break; // "when the poll was taken": the adjunct is a clause of its own
        }
      }
      if (s.tag(x, "VERB") || s.tag(x, "AUX")) {
        return cEnd;
      }
      noun |= s.tag(x, "NOUN") || s.tag(x, "PROPN") || s.tag(x, "PRON") || s.tag(x, "NUM");
    }
    return cut < 0 ? cEnd : s.ends[cut - 1];
  }

  private static boolean isYear(String w) {
    return w.length() == 4 && (w.startsWith("19") || w.startsWith("20")) && Character.isDigit(w.charAt(2))
        && Character.isDigit(w.charAt(3));
  }

  private static boolean adjunctOpens(TaggedSentence s, int x) {
    String w = s.lower(x);
    if (ADJUNCT_OPENERS.contains(w)) {
      return true;
    }
    if (!w.equals("on") && !w.equals("in") && !w.equals("at") && !w.equals("this")) {
      return false;
    }
    for (int y = x + 1; y < Math.min(s.size(), x + 4); y++) {
      String t = s.lower(y);
      if (OCCASIONS.contains(t) || WEEKDAYS.contains(t) || isYear(t)) {
        return true;
      }
      if (!s.tag(y, "DET") && !s.tag(y, "ADJ") && !s.tag(y, "PROPN") && !s.tag(y, "NUM")) {
        return false;
      }
    }
    return false;
  }

  /**
   * "The allure of simplicity, Mr. Furman argued, is largely a chimera": an attribution inserted between a subject
   * and its predicate. The content is the clause around it: [sentence start, comma before the source) + [after the
   * comma after the cue, end).
   */
  private static Found splitClause(TaggedSentence s, int k, int cueEnd, int[] np, String verb, String stance) {
    int n = s.size();
    if (np[0] < 2 || !s.tokens[np[0] - 1].equals(",")) {
      return null;
    }
    int a = cueEnd + 1;
    // A short addressee ("told them", "told reporters").
    while (a < n && a <= cueEnd + 3 && (s.tag(a, "PRON") || s.tag(a, "NOUN") || s.tag(a, "PROPN"))) {
      a++;
    }
    if (a + 1 >= n || !s.tokens[a].equals(",") || !(s.tag(a + 1, "AUX") || s.tag(a + 1, "VERB")
        && !s.lower(a + 1).endsWith("ing") || s.tag(a + 1, "ADV") && (s.tag(a + 2, "AUX") || s.tag(a + 2, "VERB")))) {
      return null;
    }
    int t0 = 0;
    while (t0 < np[0] - 1 && (isQuote(s.tokens[t0]) || s.tag(t0, "PUNCT"))) {
      t0++;
    }
    // The part before the source is a subject: no verb of its own.
    for (int i = t0; i < np[0] - 1; i++) {
      if (s.tag(i, "VERB") || s.tag(i, "AUX") || s.tag(i, "SCONJ") || s.tokens[i].equals(",")) {
        return null;
      }
    }
    if (np[0] - 1 - t0 < 1) {
      return null;
    }
    int end = contentEnd(s, n);
    if (end <= s.starts[a + 1]) {
      return null;
    }
    return new Found(s.starts[k], s.ends[cueEnd], verb, stance, s.starts[np[0]], s.ends[np[1]], s.starts[t0], end,
        false, s.ends[np[0] - 2], s.starts[a + 1]);
  }

  /**
   * Raising cues ("X seems to ...", "X appears to ...", "X is expected to ..."): nobody is named as the source and
   * the content is the subject with its infinitive predicate, so it runs from the subject to the end of the clause.
   */
  private static Found raising(TaggedSentence s, int k, int cueEnd, int subjEnd, String verb, String stance) {
    int e = subjEnd;
    while (e >= 0 && isAdverbial(s, e)) {
      e--;
    }
    int[] np = nounPhraseBack(s, e);
    if (np == null || s.lower(np[0]).equals("it") || s.lower(np[0]).equals("there")) {
      return null;
    }
    int n = s.size();
    int cEnd = contentEnd(s, n);
    for (int x = cueEnd + 2; x + 1 < n; x++) {
      if (s.tokens[x].equals(",") && (s.tag(x + 1, "CCONJ") || s.tag(x + 1, "SCONJ")
          || SUBORDINATORS.contains(s.lower(x + 1)))) {
        cEnd = s.ends[x - 1];
        break;
      }
    }
    if (cEnd <= s.ends[cueEnd]) {
      return null;
    }
    return new Found(s.starts[k], s.ends[cueEnd], verb, stance, -1, -1, s.starts[np[0]], cEnd, false);
  }

  /**
   * Whether the quotation closing at token q opened at the start of the sentence or before it. 'On Fox's “Hannity,”
   * Gingrich said ...': a quoted title inside a fronted adjunct is no content.
   */
  private static boolean quoteOpensSentence(TaggedSentence s, int q, int paraStart) {
    int close = q;
    while (close > 0 && !isQuote(s.tokens[close])) {
      close--;
    }
    int open = openQuoteBefore(s.text, paraStart, s.starts[close]);
    int first = 0;
    while (first < s.size() - 1 && isQuote(s.tokens[first])) {
      first++;
    }
    return open < 0 || open < s.starts[first];
  }

  /**
   * '“...,” Cecelia Purner, 67, a retired nurse, said ...' / '“...,” Paris, who used to work on Capitol Hill, said':
   * a closing quote, then a subject with an apposition or relative clause between commas, then the cue at token k.
   * Returns {closing quote token, subject start, subject end} or null.
   */
  private static int[] quoteThenSubject(TaggedSentence s, int k, int paraStart) {
    int e = k - 1;
    while (e >= 0 && isAdverbial(s, e)) {
      e--;
    }
    if (e < 2 || !s.tokens[e].equals(",")) {
      return null;
    }
    for (int x = e - 1; x >= 1 && x >= k - 40; x--) {
      if (!isQuote(s.tokens[x])) {
        continue;
      }
      if (openQuoteBefore(s.text, paraStart, s.starts[x]) < 0) {
        return null; // an opening mark: the quote is after the subject
      }
      int[] np = nounPhraseForward(s, x + 1);
      if (np == null || np[1] + 1 >= e || !s.tokens[np[1] + 1].equals(",")
          || s.tag(np[0], "PRON") && !SUBJECT_PRONOUNS.contains(s.lower(np[0]))) {
        return null;
      }
      boolean relative = false;
      for (int i = np[1] + 1; i < e; i++) {
        String w = s.lower(i);
        relative |= w.equals("who") || w.equals("which") || w.equals("whose") || w.equals("that") && s.tag(i, "PRON");
        if (!relative && (s.tag(i, "AUX") || s.tag(i, "VERB") && !w.endsWith("ing") && !w.endsWith("ed"))
            || isQuote(s.tokens[i])) {
          return null;
        }
      }
      return new int[] {x, np[0], np[1]};
    }
    return null;
  }

  /**
   * "Sen. Elizabeth Warren (D-MA) said", "Many speakers — including ... — said": the subject ends before a bracketed
   * or dash-enclosed insertion right before the verb. Returns the token before the insertion, or e unchanged.
   */
  private static int skipParenthetical(TaggedSentence s, int e) {
    if (e <= 0) {
      return e;
    }
    String close = s.tokens[e];
    String open = close.equals(")") ? "(" : isDash(close) ? close : null;
    if (open == null) {
      return e;
    }
    for (int x = e - 1; x > 0 && x >= e - 25; x--) {
      if (s.tokens[x].equals(open) || isDash(open) && isDash(s.tokens[x])) {
        return x - 1;
      }
      // A period glued on both sides is an abbreviation's ("(I-Vt.)"), not the end of a sentence.
      boolean abbreviation = s.ends[x - 1] == s.starts[x] && s.starts[x + 1] == s.ends[x];
      if (s.tokens[x].equals(".") && !abbreviation || isQuote(s.tokens[x]) || s.tokens[x].equals(";")) {
        break;
      }
    }
    return e;
  }

  private static boolean isDash(String t) {
    return t.equals("—") || t.equals("--") || t.equals("–") || t.equals("―");
  }

  private static final Set<String> ADVERB_WORDS = words("again", "also", "repeatedly", "once", "still", "even",
      "then", "later", "earlier", "previously", "already", "never", "not", "n't", "often", "just", "first");

  private static boolean isAdverbial(TaggedSentence s, int i) {
    String w = s.lower(i);
    return s.tag(i, "ADV") || s.tag(i, "AUX") || s.tag(i, "PART") && !w.endsWith("s") || ADVERB_WORDS.contains(w)
        || w.endsWith("ly") && w.length() > 4 && !s.isCapitalised(i) && !s.tag(i, "NOUN");
  }

  private static boolean isBe(String w) {
    return w.equals("is") || w.equals("was") || w.equals("were") || w.equals("are") || w.equals("been")
        || w.equals("be") || w.equals("being") || w.equals("'s");
  }

  private static boolean verbWithin(TaggedSentence s, int from, int len) {
    for (int i = from; i < Math.min(s.size(), from + len); i++) {
      if (s.tag(i, "VERB") || s.tag(i, "AUX")) {
        return true;
      }
    }
    return false;
  }

  /** "Pat Caddell:" / "Trump:" opening a line: a short proper name and nothing else before the colon. */
  private static boolean headlineSource(TaggedSentence s, int colon, boolean paragraphStart, boolean lineAlone) {
    for (int i = 0; i < colon; i++) {
      if (!s.isCapitalised(i) || s.tag(i, "VERB") || s.tag(i, "AUX") || s.tag(i, "ADP") || s.tag(i, "DET")) {
        return false;
      }
    }
    String name = s.span(0, colon - 1);
    if (looksLikePerson(name) && (paragraphStart || s.tag(0, "PROPN"))) {
      return true;
    }
    // A lone word opening a paragraph: a transcript speaker in capitals ("PENCE:") or a headline source
    // ("Trump: ‘...’") when a quote or a capitalised clause follows. Not "Seoul:", a dateline before plain text.
    if (paragraphStart && colon == 1 && name.length() > 1 && (name.equals(name.toUpperCase(Locale.ROOT))
        || isQuote(s.tokens[colon + 1]) && isSingleName(name))) {
      return true;
    }
    // "Graham: Trump's Rhetoric Destroying GOP's Chance", "Poll: Sanders Leads", "Matthews: Well, ...": a short
    // capitalised source on a line of its own before a capitalised statement (headline or transcript style).
    int c = colon + 1;
    while (c < s.size() - 1 && isQuote(s.tokens[c])) {
      c++;
    }
    if (!paragraphStart || name.length() < 2 || HEADLINE_LABELS.contains(s.lower(0)) || !s.isCapitalised(c)
        || !(colon == 1 ? s.tag(0, "PROPN") || s.tag(0, "NOUN") : s.tag(colon - 1, "PROPN"))) {
      return false;
    }
    // Only before a title-case statement or a quote: "Seoul: The sister of ... denied" is a dateline.
    int words = 0;
    int caps = 0;
    for (int i = c; i < s.size(); i++) {
      if (Character.isLetter(s.tokens[i].charAt(0)) && s.tokens[i].length() > 3) {
        words++;
        caps += s.isCapitalised(i) ? 1 : 0;
      }
    }
    if (c > colon + 1 || words >= 2 && caps * 10 >= words * 7) {
      return true;
    }
    // A headline in sentence case ("Clinton: Trump will reverse Roe v. Wade"): a short line of its own without a
    // reporting verb of its own (a dateline opens a long sentence that has one).
    int all = 0;
    for (int i = c; i < s.size(); i++) {
      if (!s.tag(i, "PUNCT")) {
        all++;
      }
      if (s.tag(i, "VERB") && CueLexicon.stance(s.tokens[i]) != null) {
        return false;
      }
    }
    return lineAlone && all >= 3 && all <= 16;
  }

  // Line labels that are not sources ("Update: ...", "Watch: ...").
  private static final Set<String> HEADLINE_LABELS = words("update", "updated", "note", "editor", "editors",
      "watch", "video", "videos", "photo", "photos", "correction", "exclusive", "breaking", "related", "read", "see",
      "also", "warning", "disclaimer", "q", "a", "question", "answer", "listen", "live", "audio", "transcript",
      "source", "sources", "subscribe", "click", "follow", "advertisement", "tags", "topics", "by", "credit");

  /** Whether tokens before {@code end} hold a clause (a verb), so they can be reported content. */
  private static boolean clauseBefore(TaggedSentence s, int end) {
    for (int i = 0; i < end; i++) {
      if (s.tag(i, "VERB") || s.tag(i, "AUX")) {
        return true;
      }
    }
    return false;
  }

  /**
   * "Cory James, 22, of Flint, said ..." / "Similarly, William J. Bennett, a Reagan education secretary, said ...":
   * the first noun phrase followed by a comma-separated apposition without a verb.
   */
  private static int[] appositiveSubject(TaggedSentence s, int comma) {
    // "One delegate not on the Cruz slate, Kelly Schmdit, told ...": a name right before the comma.
    int[] last = nounPhraseBack(s, comma - 1);
    if (last != null && last[0] > 0 && s.tokens[last[0] - 1].equals(",")
        && looksLikePerson(s.span(last[0], last[1]))) {
      return last;
    }
    for (int c = 1; c < comma; c++) {
      if (!s.tokens[c].equals(",")) {
        continue;
      }
      int head = skipParenthetical(s, c - 1); // "Sen. Johnny Isakson (R-Ga.), one of the authors, said"
      int[] np = nounPhraseBack(s, head);
      if (np == null || !(s.tag(head, "PROPN") || s.tag(head, "NOUN"))) {
        continue;
      }
      boolean verb = false;
      boolean relative = false;
      for (int i = c + 1; i < comma; i++) {
        // participles may describe ("a journalist visiting Nice"); a finite verb starts another clause, unless a
        // relative pronoun opened it ("An AP survey of superdelegates, who are influential in ..., found")
        String w = s.lower(i);
        relative |= RELATIVE_PRONOUNS.contains(w) && (s.tokens[i - 1].equals(",")
            || i > c + 2) || w.equals("that") && s.tag(i, "PRON") && i > c + 2; // "a cape that formed ..."
        // ("a veteran media consultant/VERB who ...": a word right before "who" is its antecedent, not a verb.)
        // ("a rabbi helping to organize the boycott": an infinitive is not a finite verb either.)
        verb |= !relative && (s.tag(i, "AUX") || s.tag(i, "VERB") && !s.lower(i).endsWith("ing")
            && !s.lower(i).endsWith("ed") && !(i + 1 < comma && s.lower(i + 1).equals("who"))
            && !s.lower(i - 1).equals("to"));
      }
      if (!verb && (np[0] == 0 || s.tokens[np[0] - 1].equals(",") || isQuote(s.tokens[np[0] - 1])
          || s.lower(np[0] - 1).equals("that") && s.tag(np[0] - 1, "SCONJ") // "... ago that Bloomberg, who ..., said"
          || np[0] == 1 && (s.tag(0, "CCONJ") || s.tag(0, "ADV")))) { // "But Mr. Guerrero, a Republican, said"
        return np;
      }
    }
    return null;
  }


  /** Tokens from {@code from} to the first comma or the end are a prepositional or temporal adjunct, no clause. */
  private static boolean adjunctOnly(TaggedSentence s, int from) {
    if (from >= s.size() || !(s.tag(from, "ADP") || TEMPORAL.contains(s.lower(from)))
        || s.lower(from).equals("that")) {
      return false;
    }
    for (int x = from; x < s.size() && !s.tokens[x].equals(","); x++) {
      if (s.tag(x, "VERB") || s.tag(x, "AUX") || isQuote(s.tokens[x]) || s.tag(x, "SCONJ")) {
        return false;
      }
    }
    return true;
  }

  /** 'Adelson said, “They ...”' / 'he said: “...”': a quotation opens right after the cue. */
  private static boolean quoteFollows(TaggedSentence s, int from) {
    int x = from;
    while (x < s.size() && (s.tokens[x].equals(",") || s.tokens[x].equals(":"))) {
      x++;
    }
    return x < s.size() && x > from && isQuote(s.tokens[x]) && x + 1 < s.size();
  }

  /**
   * "Asked whether ..., he said no" / "Holding open a book, Beck said ...": a sentence opening with a participle or
   * a subordinate clause sets the scene; the reported content follows the cue.
   */
  private static boolean introductory(TaggedSentence s) {
    int t = 0;
    while (t < s.size() && isQuote(s.tokens[t])) {
      t++;
    }
    if (t > 0 || t >= s.size()) {
      return false;
    }
    String w = s.lower(t);
    return SUBORDINATORS.contains(w) && !w.equals("that") || s.tag(t, "VERB")
        && (w.endsWith("ing") || w.endsWith("ed") || w.equals("asked"));
  }

  /** After a postposed attribution only a short tail may follow ("on Friday", "in a statement"). */
  private static boolean restIsTail(TaggedSentence s, int from) {
    int n = s.size();
    if (from < n && s.tag(from, "ADP") && !s.lower(from).equals("that")) {
      // "..., she said in a video message to the convention.": a prepositional adjunct of any length, unless a
      // finite verb, "that" or a quote opens a reported clause in it.
      boolean clause = false;
      for (int i = from; i < n && !clause; i++) {
        boolean infinitive = i > 0 && s.lower(i - 1).equals("to");
        clause = s.tag(i, "SCONJ") || isQuote(s.tokens[i]) || s.tokens[i].equals(":")
            || (s.tag(i, "VERB") || s.tag(i, "AUX")) && !infinitive && !s.lower(i).endsWith("ing");
      }
      if (!clause) {
        return true;
      }
    }
    int words = 0;
    for (int i = from; i < n; i++) {
      if (s.tokens[i].equals(",") || s.tokens[i].equals(";")) {
        return true; // "..., he said, adding that ..."
      }
      if (!s.tag(i, "PUNCT")) {
        words++;
      }
      if (s.lower(i).equals("that") && s.tag(i, "SCONJ") || s.tag(i, "VERB") || s.tag(i, "AUX")) {
        return false;
      }
    }
    return words <= 6;
  }

  private static Found continueQuote(Found f, TaggedSentence s, List<TaggedSentence> all, int si, int paraEnd) {
    int end = continuedQuote(s, all, si, paraEnd);
    if (end <= f.contentEnd() || si + 1 >= all.size()) {
      return f;
    }
    TaggedSentence next = all.get(si + 1);
    int t0 = 0;
    while (t0 < next.size() - 1 && isQuote(next.tokens[t0])) {
      t0++;
    }
    return f.withContinuation(f.contentEnd(), next.starts[t0], end);
  }

  /** Whether the sentence's first token opens a quotation (not a closing mark left over from a split). */
  private static boolean opensQuote(TaggedSentence t) {
    char c = t.text.charAt(t.starts[0]);
    return c != '”' && c != '’' && t.size() > 1 && !t.tag(1, "PUNCT");
  }

  /**
   * End offset of quote sentences that continue the paragraph after sentence si ('“A,” she said. “B.”'), or -1. A
   * quote whose closing sentence carries its own attribution ('“B. C,” he added.') belongs to that attribution.
   */
  private static int continuedQuote(TaggedSentence s, List<TaggedSentence> all, int si, int paraEnd) {
    int end = -1;
    int x = si + 1;
    int paraStart = s.start;
    for (int b = si; b >= 0 && all.get(b).paragraph == s.paragraph; b--) {
      paraStart = all.get(b).start;
    }
    // 'She said: “A. B. C.”': a quote still open at the end of the sentence runs on until it closes.
    while (x < all.size() && all.get(x).paragraph == s.paragraph
        && openQuoteBefore(s.text, paraStart, all.get(x).start) >= 0) {
      end = contentEnd(all.get(x), all.get(x).size());
      x++;
    }
    if (end >= 0) {
      return end;
    }
    int para = s.paragraph;
    while (x < all.size()) {
      TaggedSentence t = all.get(x);
      // A paragraph that opens with a quotation and carries no attribution of its own goes on with the same
      // speaker ('“A,” he said.¶“B.”'): news style leaves the attribution off continued quotes.
      if (!isQuote(t.tokens[0]) || t.paragraph != para && (t.paragraph != para + 1 || !opensQuote(t))) {
        break;
      }
      para = t.paragraph;
      // Sentences up to the one where this quote closes.
      int y = x;
      while (y < all.size() && all.get(y).paragraph == para
          && openQuoteBefore(s.text, t.start, all.get(y).end) >= 0) {
        y++;
      }
      if (y >= all.size() || all.get(y).paragraph != para) {
        y--;
      }
      TaggedSentence closing = all.get(Math.max(x, y));
      for (int i = 0; i < closing.size(); i++) {
        if (closing.tag(i, "VERB") && CueLexicon.stance(closing.tokens[i]) != null
            && openQuoteBefore(s.text, t.start, closing.starts[i]) < 0) {
          return end;
        }
      }
      end = contentEnd(closing, closing.size());
      x = Math.max(x, y) + 1;
    }
    return end;
  }


  /**
   * Offset of the unmatched opening quotation mark between from and to, or -1. Handles curly quotes (also a “ misused
   * as closing mark after punctuation), straight double quotes and the two-apostrophe quotes of some archives ('').
   */
  static int openQuoteBefore(String text, int from, int to) {
    int open = -1;
    int end = Math.min(to, text.length());
    for (int i = Math.max(0, from); i < end; i++) {
      char ch = text.charAt(i);
      if (ch == '“') {
        boolean closing = open >= 0 && i > 0 && ",.?!".indexOf(text.charAt(i - 1)) >= 0;
        open = closing ? -1 : i;
      } else if (ch == '”') {
        open = -1;
      } else if (ch == '"') {
        open = open >= 0 ? -1 : i;
      } else if (ch == '\'' && i + 1 < end && text.charAt(i + 1) == '\'') {
        open = open >= 0 ? -1 : i + 1;
        i++;
      }
    }
    return open;
  }


  private static final Set<String> ARTICLES = Set.of("a", "an", "the");

  private static final Set<String> QUANTIFIER_SUBJECTS = Set.of("some", "many", "most", "several", "few", "both",
      "others", "all");

  /** Token range [from, to] of the noun phrase ending at token e, or null. */
  private static int[] nounPhraseBack(TaggedSentence s, int e) {
    if (e < 0) {
      return null;
    }
    // "Some said ...", "Many fear ...": a quantifier standing alone at the start of a clause is the subject.
    if (QUANTIFIER_SUBJECTS.contains(s.lower(e)) && (s.tag(e, "DET") || s.tag(e, "ADJ") || s.tag(e, "PRON"))
        && (e == 0 || s.tag(e - 1, "PUNCT") || s.tag(e - 1, "CCONJ"))) {
      return new int[] {e, e};
    }
    if (s.lower(e).equals("those") && e + 1 < s.size() && SURVEYED.contains(s.lower(e + 1))) {
      return new int[] {e, e + 1}; // "those surveyed said"
    }
    if (s.tag(e, "PRON")) {
      return SUBJECT_PRONOUNS.contains(s.lower(e)) ? new int[] {e, e} : null;
    }
    if (!s.tag(e, "PROPN") && !s.tag(e, "NOUN") && !s.tag(e, "NUM")) {
      return null;
    }
    int b = e;
    boolean coordinated = false;
    while (b - 1 >= 0) {
      int x = b - 1;
      String w = s.lower(x);
      boolean capitalisedName = s.isCapitalised(x) && (s.tag(x + 1, "PROPN") || s.isCapitalised(x + 1))
          && !s.tag(x, "PUNCT") && !s.tag(x, "VERB") && !s.tag(x, "AUX") && !s.tag(x, "ADP") && !s.tag(x, "SCONJ")
          && !s.tag(x, "CCONJ") && !(s.tag(x, "PRON") && COMMON_PRONOUNS.contains(w));
      // "her friend", "his spokesman": a possessive pronoun opens the noun phrase.
      boolean possessive = POSSESSIVES.contains(w) && b <= e && !s.tag(b, "PRON");
      if (possessive) {
        b = x;
        break;
      }
      if (capitalisedName || s.tag(x, "PROPN") || s.tag(x, "NOUN") || s.tag(x, "ADJ") || s.tag(x, "DET") && !w.equals("that")
          && !w.equals("which") || s.tag(x, "NUM") || s.tag(x, "PART") && w.endsWith("s")
          || w.equals("of") && b <= e && (s.tag(x - 1, "NOUN") || s.tag(x - 1, "PROPN"))) {
        b = x;
        continue;
      }
      if (s.tag(x, "CCONJ") && (w.equals("and") || w.equals("or")) && x - 1 >= 0 && (s.tag(x - 1, "PROPN")
          || s.tag(x - 1, "NOUN"))) {
        coordinated = true;
        b = x;
        continue;
      }
      if (w.equals(",") && coordinated && x - 1 >= 0 && s.tag(x - 1, "PROPN")) {
        b = x;
        continue;
      }
      break;
    }
    // Drop leading words that belong to an introductory phrase ("On Friday Trump").
    while (b < e && (TEMPORAL.contains(s.lower(b)) || QuantityExtractor.MONTHS.contains(s.lower(b))
        || s.tag(b, "CCONJ") || s.tokens[b].equals(","))) {
      b++;
    }
    if (e - b > 11) {
      b = e - 11;
    }
    return new int[] {b, e};
  }

  /**
   * "Fields tweeted a photo of her arm and said ...", "..., but told city leaders that ...": a cue verb joined to an
   * earlier verb of its sentence by "and" or "but" shares that verb's subject, the first subject of the sentence
   * (after any opening subordinate clause). {@code conj} is the token before the cue verb, adverbs skipped.
   */
  private static int[] coordinatedSubject(TaggedSentence s, int conj, int cue) {
    // A passive participle joins a phrase, not a clause ("a plan drafted and backed by the party").
    if (conj < 2 || cue + 1 < s.size() && s.lower(cue + 1).equals("by")) {
      return null;
    }
    boolean then = s.tokens[conj].equals(",") && s.lower(conj + 1).equals("then"); // "..., then says ..."
    if (!then && !(s.tag(conj, "CCONJ") && (s.lower(conj).equals("and") || s.lower(conj).equals("but")))) {
      return null;
    }
    int from = 0;
    if (SUBORDINATORS.contains(s.lower(0)) || s.tag(0, "SCONJ")) {
      while (from < conj && !s.tokens[from].equals(",")) {
        from++;
      }
      from++;
    }
    for (int v = from + 1; v < conj; v++) {
      if (!s.tag(v, "VERB") && !s.tag(v, "AUX")) {
        continue;
      }
      int e = v - 1;
      while (e > from && isAdverbial(s, e)) {
        e--;
      }
      if (RELATIVE_PRONOUNS.contains(s.lower(e))) {
        continue; // "Clinton, who was speaking to ..., did not ...": the relative clause's verb
      }
      if (e > from && s.tokens[e].equals(",")) {
        int[] np = appositiveSubject(s, e);
        if (np != null && np[0] >= from) {
          return np;
        }
      }
      int[] np = nounPhraseBack(s, e);
      if (np != null && np[0] >= from) {
        return np;
      }
      return null; // the sentence's first verb has no subject of its own before it
    }
    return null;
  }

  /**
   * "that" opening a reported clause: tagged so, or before a determiner or a subject pronoun, where the tagger
   * sometimes reads it as a relative pronoun ("told the members that/PRON the levy ...").
   */
  private static boolean complementizer(TaggedSentence s, int x) {
    return s.lower(x).equals("that") && (s.tag(x, "SCONJ") || x + 1 < s.size() && (s.tag(x + 1, "DET")
        && !s.lower(x + 1).equals("that") || SUBJECT_PRONOUNS.contains(s.lower(x + 1))));
  }

  /** "Trump, who said ..." / "officials who said": the antecedent of the relative pronoun. */
  private static int[] relativeSubject(TaggedSentence s, int e) {
    if (e >= 0 && (s.lower(e).equals("who") || s.lower(e).equals("which"))) {
      int x = e - 1;
      if (x >= 0 && s.tokens[x].equals(",")) {
        x--;
      }
      return nounPhraseBack(s, x);
    }
    return null;
  }

  /** ", adding that ..." / ", saying ...": the subject is the sentence's first noun phrase. */
  private static int[] participleSubject(TaggedSentence s, int k) {
    int n = s.size();
    boolean coordinated = k > 1 && (s.lower(k - 1).equals("and") || s.lower(k - 1).equals("but"))
        && (!s.lower(k).endsWith("ing") || earlierParticiple(s, k - 1)); // "... and said ...", ", pointing ... and saying"
    if (!coordinated && (!s.lower(k).endsWith("ing") || k == 0 || !s.tokens[k - 1].equals(","))) {
      return null;
    }
    // The subject of the main clause: after a fronted subordinate clause ("While celebrating ..., Trump mocked ...")
    // the first verb has none, so the next one is tried.
    int from = 0;
    if (s.tag(0, "SCONJ") || SUBORDINATORS.contains(s.lower(0)) || s.lower(0).endsWith("ing") && s.tag(0, "VERB")) {
      for (int x = 1; x < k - 1; x++) {
        if (s.tokens[x].equals(",")) {
          from = x + 1;
          break;
        }
      }
    }
    for (int i = from; i < k - 1; i++) {
      if (s.tag(i, "VERB") || s.tag(i, "AUX")) {
        int[] np = i == from ? null : nounPhraseBack(s, i - 1 >= 0 && s.tag(i - 1, "ADV") ? i - 2 : i - 1);
        if (np != null && np[0] < from) {
          np = null;
        }
        if (np == null && i > 1 && s.tokens[i - 1].equals(",")) {
          // "De Blasio, speaking on the radio, called ... and said ...": the subject opens the sentence and an
          // insertion between commas separates it from the first verb.
          int a = 0;
          while (a < i && (s.tag(a, "CCONJ") || s.tag(a, "ADV") || s.tokens[a].equals(","))) {
            a++;
          }
          int[] fw = nounPhraseForward(s, a);
          if (fw != null && fw[1] + 1 < n && s.tokens[fw[1] + 1].equals(",") && !s.tag(fw[0], "PRON")
              || fw != null && s.tag(fw[0], "PRON") && SUBJECT_PRONOUNS.contains(s.lower(fw[0]))
              && fw[1] + 1 < n && s.tokens[fw[1] + 1].equals(",")) {
            np = fw;
          }
        }
        return np;
      }
    }
    return null;
  }

  /** ", pointing to ... and saying ...": a participle after a comma before token e. */
  private static boolean earlierParticiple(TaggedSentence s, int e) {
    for (int i = 1; i < e; i++) {
      if (s.tokens[i - 1].equals(",") && s.lower(i).endsWith("ing") && s.tag(i, "VERB")) {
        return true;
      }
    }
    return false;
  }

  /** Noun phrase starting at token a ("said Caddell", "said the company's spokesman Steve Conroy"). */
  private static int[] nounPhraseForward(TaggedSentence s, int a) {
    int n = s.size();
    int b = a;
    while (b < n && (s.tag(b, "PROPN") || s.tag(b, "NOUN") || s.tag(b, "ADJ") || s.tag(b, "DET")
        || s.tag(b, "PRON") && b == a || s.tag(b, "NUM") || s.tag(b, "PART") && s.lower(b).endsWith("s")
        || s.lower(b).equals("of") && b > a)) {
      b++;
    }
    while (b > a && (s.lower(b - 1).equals("of") || s.tag(b - 1, "DET"))) {
      b--;
    }
    return b == a ? null : new int[] {a, b - 1};
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Speakers.

  private ExtractedClaim build(TaggedSentence s, Found f, Memory memory) {
    String mention = f.srcFrom() >= 0 ? s.text.substring(f.srcFrom(), f.srcTo()) : null;
    String speaker = null;
    String title = null;
    if (mention != null) {
      // Names in the sentence before the source count for resolution ("Kim ..., she said").
      int before = 0;
      while (before < s.size() && s.starts[before] < f.srcFrom()) {
        before++;
      }
      List<String> names = new ArrayList<>(memory.names);
      rememberNamesInto(s, names, before);
      String[] st = splitTitle(mention);
      title = st[0];
      speaker = resolve(st[1], names, memory.lastPersonSpeaker);
      if (looksLikePerson(speaker) || isKinDescription(speaker) || isSingleName(speaker)) {
        memory.lastPersonSpeaker = speaker;
        memory.names.remove(speaker);
        memory.names.add(speaker);
      }
    }
    if (f.contentEnd() <= f.contentStart()) {
      return null;
    }
    boolean gap = f.gapStart() >= f.contentStart() && f.gapStart() <= f.gapEnd() && f.gapEnd() <= f.contentEnd();
    String content = gap
        ? s.text.substring(f.contentStart(), f.gapStart()).strip() + " "
            + s.text.substring(f.gapEnd(), f.contentEnd()).strip()
        : s.text.substring(f.contentStart(), f.contentEnd()).strip();
    if (content.length() < 3) {
      return null;
    }
    TaggedSentence cs = tagger.tag(s.text, f.contentStart(), f.contentEnd(), s.paragraph);
    List<QuantityMention> qs = cs == null ? List.of() : quantities.extract(cs);
    return new ExtractedClaim(speaker, mention, title, f.verb(), f.stance(), content, f.quote(), qs,
        TimeExpressions.find(content), s.start, f.srcFrom(), f.srcTo(), f.cueStart(), f.cueEnd(),
        f.contentStart(), f.contentEnd(), gap ? f.gapStart() : -1, gap ? f.gapEnd() : -1);
  }

  private static final Set<String> KIN = words("sister", "brother", "wife", "husband", "daughter", "son", "mother",
      "father", "widow", "widower", "cousin", "niece", "nephew", "uncle", "aunt", "grandson", "granddaughter");

  /** "Kim Jong Un's sister", "the sister of North Korean leader Kim Jong Un". */
  static boolean isKinDescription(String speaker) {
    if (speaker == null) {
      return false;
    }
    boolean kin = false;
    boolean named = false;
    for (String w : speaker.split("\\s+")) {
      kin |= KIN.contains(w.toLowerCase(Locale.ROOT));
      named |= Character.isUpperCase(w.charAt(0));
    }
    return kin && named;
  }

  /**
   * News often names a relative by description first ("Kim Jong Un's sister denied ...") and by name later ("Kim Yo
   * Jong said ..."). A kin description is resolved to the first later-named person who shares a name with the
   * relative but is not the relative; the description becomes the title.
   */
  private static List<ExtractedClaim> resolveKinDescriptions(List<ExtractedClaim> claims, List<String> allNames) {
    Map<String, String> resolved = new HashMap<>();
    for (int i = 0; i < claims.size(); i++) {
      String d = claims.get(i).speaker();
      if (!isKinDescription(d) || resolved.containsKey(d)) {
        continue;
      }
      Set<String> relativeTokens = new java.util.HashSet<>();
      for (String w : d.replaceAll("['’]s\\b", "").split("\\s+")) {
        if (Character.isUpperCase(w.charAt(0))) {
          relativeTokens.add(w);
        }
      }
      List<String> candidates = new ArrayList<>();
      for (int j = i + 1; j < claims.size(); j++) {
        candidates.add(claims.get(j).speaker());
      }
      candidates.addAll(allNames);
      for (String c : candidates) {
        if (!looksLikePerson(c)) {
          continue;
        }
        List<String> toks = List.of(c.split("\\s+"));
        boolean shares = toks.stream().anyMatch(relativeTokens::contains);
        boolean same = relativeTokens.containsAll(toks);
        if (shares && !same) {
          resolved.put(d, c);
          break;
        }
      }
    }
    if (resolved.isEmpty()) {
      return claims;
    }
    List<ExtractedClaim> out = new ArrayList<>();
    for (ExtractedClaim c : claims) {
      String name = resolved.get(c.speaker());
      if (name == null) {
        out.add(c);
        continue;
      }
      String title = c.speakerTitle() != null ? c.speakerTitle()
          : c.speakerMention() != null && isKinDescription(c.speakerMention()) ? c.speaker() : null;
      out.add(new ExtractedClaim(name, c.speakerMention(), title, c.verb(), c.stance(), c.content(), c.directQuote(),
          c.quantities(), c.timeRefs(), c.sentenceOffset(), c.sourceStart(), c.sourceEnd(), c.cueStart(), c.cueEnd(),
          c.contentStart(), c.contentEnd(), c.gapStart(), c.gapEnd()));
    }
    return out;
  }

  /** An unattributed statement with numbers: the subject of the first verb is the actor. */
  private ExtractedClaim report(TaggedSentence s, Memory memory) {
    List<QuantityMention> qs = quantities.extract(s);
    if (qs.isEmpty() || s.size() < 6) {
      return null;
    }
    int v = -1;
    for (int i = 0; i < s.size(); i++) {
      if (s.tag(i, "VERB")) {
        v = i;
        break;
      }
    }
    if (v < 0) {
      return null; // a headline fragment or a list line
    }
    int e = v - 1;
    while (e >= 0 && (s.tag(e, "ADV") || s.tag(e, "AUX"))) {
      e--;
    }
    int[] np = nounPhraseBack(s, e);
    String speaker = null;
    String mention = null;
    String title = null;
    int srcFrom = -1;
    int srcTo = -1;
    if (np != null) {
      boolean proper = false;
      for (int i = np[0]; i <= np[1]; i++) {
        proper |= s.tag(i, "PROPN") || PERSONAL.contains(s.lower(i));
      }
      if (proper) {
        srcFrom = s.starts[np[0]];
        srcTo = s.ends[np[1]];
        mention = s.text.substring(srcFrom, srcTo);
        String[] st = splitTitle(mention);
        title = st[0];
        List<String> names = new ArrayList<>(memory.names);
        rememberNamesInto(s, names, np[0]);
        speaker = resolve(st[1], names, memory.lastPersonSpeaker);
      }
    }
    int cEnd = contentEnd(s, s.size());
    String content = s.text.substring(s.start, cEnd).strip();
    List<QuantityMention> shifted = qs;
    return new ExtractedClaim(speaker, mention, title, s.tokens[v], "REPORT", content, false, shifted,
        TimeExpressions.find(content), s.start, srcFrom, srcTo, s.starts[v], s.ends[v], s.start, cEnd, -1, -1);
  }

  /** {title or null, name}: "South Korean Defense Minister Shin Wonsik" -> {"South Korean Defense Minister", ...}. */
  static String[] splitTitle(String np) {
    String[] w = np.trim().split("\\s+");
    int end = w.length;
    int b = end;
    while (b > 0 && isNameWord(w[b - 1])) {
      b--;
    }
    if (b == end || b == 0) {
      return new String[] {null, stripDeterminer(np.trim())};
    }
    // "The sister of North Korean leader Kim Jong Un": a description of someone else, not a title.
    for (int i = 0; i < b; i++) {
      if (w[i].equalsIgnoreCase("of") && i > 0 && !TITLE_WORDS.contains(w[i - 1].toLowerCase(Locale.ROOT))) {
        return new String[] {null, stripDeterminer(np.trim())};
      }
      if ((w[i].endsWith("'s") || w[i].endsWith("’s")) && i >= b - 1) {
        return new String[] {null, stripDeterminer(np.trim())};
      }
    }
    boolean onlyDeterminers = true;
    for (int i = 0; i < b; i++) {
      onlyDeterminers &= w[i].matches("(?i)the|a|an");
    }
    if (onlyDeterminers) {
      return new String[] {null, stripDeterminer(np.trim())};
    }
    String before = w[b - 1].toLowerCase(Locale.ROOT).replaceAll("[,]$", "");
    boolean titled = TITLE_WORDS.contains(before) || Character.isLowerCase(w[b - 1].charAt(0))
        && !before.matches("the|a|an|by|of|for|from|with|to|in|on|at|and|or");
    if (!titled) {
      return new String[] {null, stripDeterminer(np.trim())};
    }
    String title = stripDeterminer(String.join(" ", java.util.Arrays.copyOfRange(w, 0, b)));
    String name = String.join(" ", java.util.Arrays.copyOfRange(w, b, end));
    return new String[] {title.isEmpty() ? null : title, name};
  }

  private static boolean isNameWord(String w) {
    return !w.isEmpty() && Character.isUpperCase(w.charAt(0)) && !TITLE_WORDS.contains(w.toLowerCase(Locale.ROOT))
        && !w.endsWith("'s") && !w.endsWith("’s") && !w.endsWith(",");
  }

  private static String stripDeterminer(String s) {
    String x = s.replaceFirst("^(?i)(the|a|an)\\s+", "");
    return x.isEmpty() ? s : x;
  }

  /** "Carson", "Trump": a lone capitalised word that is no pronoun, title or organisation word. */
  static boolean isSingleName(String name) {
    if (name == null || name.contains(" ") || name.length() < 2 || !Character.isUpperCase(name.charAt(0))) {
      return false;
    }
    String low = name.toLowerCase(Locale.ROOT);
    return !COMMON_PRONOUNS.contains(low) && !NON_PERSON.contains(low) && !TITLE_WORDS.contains(low)
        && !name.equals(name.toUpperCase(Locale.ROOT));
  }

  static boolean looksLikePerson(String name) {
    if (name == null) {
      return false;
    }
    String[] w = name.split("\\s+");
    if (w.length < 2 || w.length > 4) {
      return false;
    }
    for (String x : w) {
      if (x.isEmpty() || !Character.isUpperCase(x.charAt(0)) || x.chars().anyMatch(Character::isDigit) || NON_PERSON.contains(x.toLowerCase(Locale.ROOT))
          || TITLE_WORDS.contains(x.toLowerCase(Locale.ROOT)) || x.endsWith("'s") || x.endsWith("’s")) {
        return false;
      }
    }
    return true;
  }

  /** Pronoun -> last person speaker (else last name); surname -> the last full name holding it. */
  static String resolve(String name, List<String> names, String lastPersonSpeaker) {
    String low = name.toLowerCase(Locale.ROOT);
    if (PERSONAL.contains(low) || low.equals("his")) { // "his" as the source of a noun cue ("his criticism of")
      // The most recent person named (speakers are re-added when they speak, so they count as recent).
      if (!names.isEmpty()) {
        return names.get(names.size() - 1);
      }
      return lastPersonSpeaker != null ? lastPersonSpeaker : name;
    }
    String[] w = name.split("\\s+");
    if (w.length == 1 && !SUBJECT_PRONOUNS.contains(low)) {
      // "Shin" -> "Shin Wonsik"; "Mr. Trump" -> "Donald Trump"
      String key = w[w.length - 1];
      for (int i = names.size() - 1; i >= 0; i--) {
        String full = names.get(i);
        if (full.length() > name.length() && (" " + full + " ").contains(" " + key + " ")) {
          return full;
        }
      }
    }
    return name;
  }

  private static void rememberNames(TaggedSentence s, Memory memory, int upTo) {
    rememberNamesInto(s, memory.names, upTo);
  }

  /**
   * Adds runs of 2-4 capitalised words that look like person names, after the last title word ("Defense Minister
   * Shin Wonsik" gives "Shin Wonsik"). A possessive name ("Kim Jong Un's sister") is not a pronoun antecedent.
   */
  private static void rememberNamesInto(TaggedSentence s, List<String> names, int upTo) {
    int i = 0;
    while (i < upTo) {
      if (s.isCapitalised(i) && (s.tag(i, "PROPN") || i + 1 < upTo && s.tag(i + 1, "PROPN")
          && s.isCapitalised(i + 1)) && !s.tag(i, "DET") && !s.tag(i, "ADP") && !s.tag(i, "PRON")
          && !s.tag(i, "ADV") && !s.tag(i, "CCONJ") && !s.tag(i, "SCONJ") && !s.tag(i, "PUNCT")
          && !s.tag(i, "VERB") && !s.tag(i, "AUX")) {
        int j = i;
        while (j + 1 < upTo && s.isCapitalised(j + 1) && !s.tag(j + 1, "PUNCT") && !s.tag(j + 1, "VERB")
            && !s.tag(j + 1, "ADP") && !(s.tag(j + 1, "PRON") && COMMON_PRONOUNS.contains(s.lower(j + 1)))
            && !s.tag(j + 1, "DET")
            && !s.tokens[j].endsWith("'s") && !s.tokens[j].endsWith("’s")) {
          j++;
        }
        int a = i;
        for (int x = i; x <= j; x++) {
          if (TITLE_WORDS.contains(s.lower(x)) || NON_PERSON.contains(s.lower(x))) {
            a = x + 1;
          }
        }
        boolean possessive = s.tokens[j].endsWith("'s") || s.tokens[j].endsWith("’s")
            || j + 1 < s.size() && (s.tokens[j + 1].equals("'s") || s.tokens[j + 1].equals("’s"));
        if (a <= j && !possessive) {
          String name = s.span(a, j);
          if (looksLikePerson(name)) {
            names.remove(name);
            names.add(name);
          }
        }
        i = j + 1;
      } else {
        i++;
      }
    }
  }

}
