package dev.newsfold.entities;

/** Body paragraphs of the two seed pages (page chrome left out, as the cleaner removes it). */
final class SeedTexts {
  private SeedTexts() {}

  static final String TITLE_000 = "Sister Kim Yo Jong dismisses suspicions of weapons exports to Russia";

  static final String BODY_000 =
      "North Korean leader Kim Jong Un's sister again denied today (Friday) that the country has exported any weapons to Russia. She described outside speculation on the North Korean-Russian arms deal as the most absurd.\n"
      + "\n"
      + "America, South Korea and others have continuously accused North Korea of supplying artillery, missiles and other weapons to Russia for the war in Ukraine in exchange for military technology and economic aid.\n"
      + "\n"
      + "However, North Korea and Russia have repeatedly rejected it. Foreign experts believe North Korea's recent series of artillery and short-range missile tests were meant to test or advertise weapons it was planning to sell to Russia.\n"
      + "\n"
      + "Attack the South Korean capital Seoul\n"
      + "\n"
      + "Kim Yo Jong described the assessment on North Korean-Russian relations as the most absurd. She said that we have no intention of exporting our military technical capabilities to any country or opening them up to the public. She said North Korea's recent weapons tests were conducted solely as part of the country's five-year weapons production plan launched in 2021. North Korea's leader said that the recently tested weapons have been designed to attack the South Korean capital Seoul. Kim Yo Jong said that we do not hide the fact that such weapons will be used to prevent Seoul from inventing any useless idea.\n"
      + "\n"
      + "From North Korea ballistic missile\n"
      + "\n"
      + "The United States announced fresh sanctions on May 16 on two Russian individuals and three Russian companies for facilitating arms transfers between Russia and North Korea, including ballistic missiles for use in Ukraine. However, the debris from a missile that landed in the Ukrainian city of Kharkiv on Jan 2 was from a North Korean Hwasong-11 series ballistic missile.\u00a0\n"
      + "\n"
      + "In March, South Korean Defense Minister Shin Wonsik said North Korea had sent about 7,000 containers filled with munitions and other military equipment to Russia since last year. In return, Shin said North Korea has received more than 9,000 Russian containers filled with aid.";

  static final String TITLE_001 = "‘The Most Absurd Paradox’: Kim Jong-Un's Sister Denies North Korea Exporting Weapons to Russia";

  static final String BODY_001 =
      "Seoul: The influential sister of North Korean leader Kim Jong Un again denied Friday that her country has exported any weapons to Russia, as she labeled outside speculation on North Korea-Russian arms dealings as \u201cthe most absurd paradox.\u201d\n"
      + "\n"
      + "The US, South Korea and others have steadfastly accused North Korea of supplying artillery, missiles and other conventional weapons to Russia for its war in Ukraine in return for advanced military technologies and economic aid. Both North Korea and Russia have repeatedly dismissed that.\n"
      + "\n"
      + "Foreign experts believe North Korea's recent series of artillery and short-range missile tests were meant to examine or advertise the weapons it was planning to sell to Russia.\n"
      + "\n"
      + "Kim Yo Jong called outside assessments on the North Korean-Russian dealings \u201cthe most absurd paradox which is not worth making any evaluation or interpretation.\u201d\n"
      + "\n"
      + "\u201cWe have no intention to export our military technical capabilities to any country or open them to the public,\u201d she said in a statement carried by state media.\n"
      + "\n"
      + "She said North Korea's recent weapons tests were purely performed as parts of the country's five-year arms buildup plan launched in 2021. She added that the recently tested weapons are designed to attack Seoul, the South Korean capital.\n"
      + "\n"
      + "\u201cWe don't conceal the fact that such weapons will be used to prevent Seoul from inventing any idle thinking,\u201d Kim Yo Jong said.\n"
      + "\n"
      + "In March, South Korean Defense Minister Shin Wonsik said North Korea had shipped about 7,000 containers filled with munitions and other military equipment to Russia since last year. In return, Shin said that North Korea had received more than 9,000 Russian containers likely filled with aid.\n"
      + "\n"
      + "In January, US National Security Council spokesman John Kirby said North Korea-supplied missiles had been fired on Ukraine. At the time, Ukraine officials also said an investigation of the debris of a missile found in its northeastern Kharkiv region showed the weapon likely was from North Korea.\n"
      + "\n"
      + "Any weapons trade with North Korea would be a violation of multiple UN Security Council resolutions that Russia, a permanent UN Security Council member, previously endorsed.\n"
      + "\n"
      + "In May, the White House also said Russia was shipping refined petroleum to North Korea at levels that exceed U.N. Security Council limits.\n"
      + "\n"
      + "The deepening North Korean-Russia ties come as both countries are locked in separate confrontations with the United States \u2014 North Korea over its advancing nuclear program and Russia over its protracted war in Ukraine.\u00a0\n"
      + "\n"
      + "Since 2022, North Korea has conducted a provocative run of missiles tests, prompting the US to expand its military drills with South Korea and Japan. Foreign experts say North Korea likely thinks an enlarged weapons arsenal would boost its leverage in future diplomacy with the United States.";
}
