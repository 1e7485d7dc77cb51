package org.migstat.generate;

/**
 * The nationalities of the host registry. {@code stock} is roughly how many are resident at any
 * time at scale 1; Indonesians are not drawn from it but built cell by cell ({@link Cell}) so that
 * their figures are exact. The other fields only make the data look like the world.
 */
enum Nationality {
  IDN(0, 0.68, 0.0, 0.72, "ACBEXRSTWY", "", Mix.INDONESIAN),
  CHN(45_000, 0.70, 0.65, 0.70, "ABCDEFGHJK", "E", Mix.CHINESE),
  VNM(20_000, 0.55, 0.50, 0.55, "BCNPKLMQRS", "", Mix.VIETNAMESE),
  THA(7_000, 0.55, 0.45, 0.50, "ABCDEFGHJK", "A", Mix.THAI),
  KOR(5_000, 0.65, 0.55, 0.60, "MRSABCDEFG", "", Mix.CITY),
  JPN(3_000, 0.65, 0.60, 0.60, "TZMRABCDEF", "", Mix.CITY),
  PHL(6_000, 0.55, 0.65, 0.65, "PABCDEFGHK", "", Mix.CITY),
  MYS(4_000, 0.60, 0.55, 0.60, "AHKBCDEFGJ", "", Mix.CITY),
  IND(950, 0.70, 0.55, 0.50, "JKLMNPRSTU", "", Mix.CITY),
  USA(750, 0.55, 0.40, 0.40, "5678912340", "", Mix.CITY),
  FRA(650, 0.55, 0.35, 0.35, "ABCDEFGHJK", "1", Mix.CITY),
  GBR(550, 0.55, 0.40, 0.40, "5678912340", "", Mix.CITY),
  AUS(500, 0.55, 0.35, 0.35, "NPRSTUVWXY", "", Mix.CITY),
  LAO(750, 0.55, 0.45, 0.45, "PABCDEFGHK", "", Mix.THAI),
  MMR(650, 0.60, 0.50, 0.50, "MABCDEFGHK", "", Mix.THAI),
  BGD(500, 0.80, 0.55, 0.55, "ABCDEFGHJK", "E", Mix.CITY),
  PAK(400, 0.80, 0.55, 0.55, "ABCDEFGHJK", "", Mix.CITY),
  NPL(350, 0.70, 0.55, 0.55, "PABCDEFGHK", "", Mix.CITY);

  /** Roughly how many are resident at any one time (scale 1). */
  final int stock;
  final double maleShareOfWorkers;
  /** Share of those resident on the reference date who hold a valid permit (not for IDN). */
  final double holderShare;
  /** Share of those not resident on the reference date who worked while they were. */
  final double workerShare;
  /** Ten distinct letters: the first character after the prefix, chosen by the doc serial. */
  final String docLetters;
  final String docPrefix;
  final Mix mix;

  Nationality(int stock, double male, double holders, double workers, String letters, String prefix, Mix mix) {
    this.stock = stock;
    this.maleShareOfWorkers = male;
    this.holderShare = holders;
    this.workerShare = workers;
    this.docLetters = letters;
    this.docPrefix = prefix;
    this.mix = mix;
  }

  /** The passport number of a person: unique because {@link Ids#docSerial} is a bijection. */
  String docNumber(long personIndex) {
    long q = Ids.docSerial(personIndex);
    return docPrefix + docLetters.charAt((int) (q / 10_000_000L)) + Ids.pad(q % 10_000_000L, 7);
  }

  /** Where a nationality lives: weights over {@link Provinces#ALL} (index = ISO number - 1). */
  enum Mix {
    //              BMC  BTB  KCM  KCH  KSP  KTM  KPT  KDL  KKG  KRT  MDK  PNH  PVH  PVG  PST  RTK  SRP  PSH  STG  SVR  TKO  OMC  KEP  PLN  TBK
    INDONESIAN(new double[] {8, 2, 1, .5, .5, .5, 2, 4, 4, .3, .3, 38, .2, .5, 3, .3, 3, 24, .2, 7, 1, 4, .5, .5, .5}),
    CHINESE(new double[] {2, 1, 1, .5, 1, .5, 1, 5, 3, .3, .3, 50, .2, .5, .5, .3, 3, 30, .2, 4, 1, .5, .2, .3, .5}),
    VIETNAMESE(new double[] {1, 1, 5, 5, 1, 1, 3, 15, 1, 4, 3, 35, .5, 5, .5, 3, 2, 2, 2, 8, 5, .5, 2, .5, 5}),
    THAI(new double[] {20, 12, .5, .5, .5, .5, 1, 2, 12, .3, .3, 30, 1, .5, 1, .3, 10, 2, .3, .5, .5, 8, .3, 8, .3}),
    CITY(new double[] {1, 3, 1, .3, .5, .3, 3, 4, 1, .3, 1, 70, .2, .3, .3, .5, 12, 8, .2, 1, .5, .3, 1, .3, .3});

    final double[] weights;

    Mix(double[] weights) {
      this.weights = weights;
    }
  }
}
