package dev.newsfold.claims;

/** Body paragraphs of the two seed pages (seeds/), as the cleaner leaves them: page chrome removed. */
final class SeedTexts {
  private SeedTexts() {}

  /** seeds/000_209259ce92e91cec.txt: a paraphrase of the AP story. */
  static final String SEED_000 = """
      North Korean leader Kim Jong Un's sister again denied today (Friday) that the country has exported any weapons to Russia. She described outside speculation on the North Korean-Russian arms deal as the most absurd.

      America, South Korea and others have continuously accused North Korea of supplying artillery, missiles and other weapons to Russia for the war in Ukraine in exchange for military technology and economic aid.

      However, North Korea and Russia have repeatedly rejected it. Foreign experts believe North Korea's recent series of artillery and short-range missile tests were meant to test or advertise weapons it was planning to sell to Russia.

      Kim Yo Jong described the assessment on North Korean-Russian relations as the most absurd. She said that we have no intention of exporting our military technical capabilities to any country or opening them up to the public. She said North Korea's recent weapons tests were conducted solely as part of the country's five-year weapons production plan launched in 2021. North Korea's leader said that the recently tested weapons have been designed to attack the South Korean capital Seoul. Kim Yo Jong said that we do not hide the fact that such weapons will be used to prevent Seoul from inventing any useless idea.

      The United States announced fresh sanctions on May 16 on two Russian individuals and three Russian companies for facilitating arms transfers between Russia and North Korea, including ballistic missiles for use in Ukraine. However, the debris from a missile that landed in the Ukrainian city of Kharkiv on Jan 2 was from a North Korean Hwasong-11 series ballistic missile. 

      In March, South Korean Defense Minister Shin Wonsik said North Korea had sent about 7,000 containers filled with munitions and other military equipment to Russia since last year. In return, Shin said North Korea has received more than 9,000 Russian containers filled with aid.

      Tags""";

  /** seeds/001_5997bcdb939cc27a.txt: the AP story. */
  static final String SEED_001 = """
      Seoul: The influential sister of North Korean leader Kim Jong Un again denied Friday that her country has exported any weapons to Russia, as she labeled outside speculation on North Korea-Russian arms dealings as “the most absurd paradox.”

      The US, South Korea and others have steadfastly accused North Korea of supplying artillery, missiles and other conventional weapons to Russia for its war in Ukraine in return for advanced military technologies and economic aid. Both North Korea and Russia have repeatedly dismissed that.

      Foreign experts believe North Korea's recent series of artillery and short-range missile tests were meant to examine or advertise the weapons it was planning to sell to Russia.

      Kim Yo Jong called outside assessments on the North Korean-Russian dealings “the most absurd paradox which is not worth making any evaluation or interpretation.”

      “We have no intention to export our military technical capabilities to any country or open them to the public,” she said in a statement carried by state media.

      She said North Korea's recent weapons tests were purely performed as parts of the country's five-year arms buildup plan launched in 2021. She added that the recently tested weapons are designed to attack Seoul, the South Korean capital.

      “We don't conceal the fact that such weapons will be used to prevent Seoul from inventing any idle thinking,” Kim Yo Jong said.

      In March, South Korean Defense Minister Shin Wonsik said North Korea had shipped about 7,000 containers filled with munitions and other military equipment to Russia since last year. In return, Shin said that North Korea had received more than 9,000 Russian containers likely filled with aid.

      In January, US National Security Council spokesman John Kirby said North Korea-supplied missiles had been fired on Ukraine. At the time, Ukraine officials also said an investigation of the debris of a missile found in its northeastern Kharkiv region showed the weapon likely was from North Korea.

      Any weapons trade with North Korea would be a violation of multiple UN Security Council resolutions that Russia, a permanent UN Security Council member, previously endorsed.

      In May, the White House also said Russia was shipping refined petroleum to North Korea at levels that exceed U.N. Security Council limits.

      The deepening North Korean-Russia ties come as both countries are locked in separate confrontations with the United States — North Korea over its advancing nuclear program and Russia over its protracted war in Ukraine. 

      Since 2022, North Korea has conducted a provocative run of missiles tests, prompting the US to expand its military drills with South Korea and Japan. Foreign experts say North Korea likely thinks an enlarged weapons arsenal would boost its leverage in future diplomacy with the United States.""";
}
