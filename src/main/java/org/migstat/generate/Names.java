package org.migstat.generate;

import java.util.EnumMap;
import java.util.Map;

/**
 * Made-up names in each nationality's usual shape. Accented letters (French, Filipino) are all in
 * Windows-1252, because one resident extract is delivered in that encoding; no other script is used.
 */
final class Names {
  private Names() {}

  private record Pool(String[] male, String[] female, String[] family, Order order) {}

  private enum Order { GIVEN_FAMILY, FAMILY_GIVEN, VIETNAMESE, BURMESE }

  private static final Map<Nationality, Pool> POOLS = new EnumMap<>(Nationality.class);

  static {
    put(Nationality.IDN, Order.GIVEN_FAMILY,
        "Budi|Agus|Andi|Rizky|Dedi|Eko|Hendra|Joko|Arief|Bayu|Dimas|Fajar|Gilang|Hadi|Irfan|Wahyu|Yusuf|Teguh"
            + "|Rudi|Slamet|Bambang|Adi|Ahmad|Muhammad|Reza|Surya|Dwi|Taufik|Ilham|Rian|Ferry|Yoga",
        "Siti|Dewi|Sri|Rina|Ayu|Putri|Wulan|Indah|Fitri|Nur|Lestari|Maya|Yuni|Ratna|Anisa|Novi|Dian|Mega|Intan"
            + "|Nabila|Eka|Tuti",
        "Santoso|Wijaya|Saputra|Pratama|Hidayat|Kurniawan|Setiawan|Nugroho|Susanto|Gunawan|Siregar|Nasution"
            + "|Simanjuntak|Harahap|Lubis|Sihombing|Rahayu|Wibowo|Purnomo|Hakim|Permana|Ramadhan|Firmansyah"
            + "|Hasibuan|Tanjung|Sitompul|Manurung|Syahputra|Hutapea|Sinaga|Utomo|Halim");
    put(Nationality.CHN, Order.FAMILY_GIVEN,
        "Wei|Lei|Jun|Qiang|Gang|Yong|Jie|Tao|Bin|Hao|Jian Guo|Xiao Ming|Zhi Wei|Hai Tao|Peng|Chao",
        "Fang|Min|Jing|Yan|Hui|Ping|Xiu Ying|Hai Yan|Li Na|Xin|Yu|Mei|Ting|Lan",
        "Wang|Li|Zhang|Liu|Chen|Yang|Huang|Zhao|Wu|Zhou|Xu|Sun|Ma|Zhu|Hu|Guo|He|Lin|Luo|Zheng|Gao|Song");
    put(Nationality.VNM, Order.VIETNAMESE,
        "An|Binh|Cuong|Dung|Hai|Hung|Nam|Quang|Tuan|Long|Khoa|Son|Thang|Vinh",
        "Lan|Linh|Mai|Phuong|Thao|Trang|Hoa|Huong|Ngoc|Nhung|Yen|Chi",
        "Nguyen|Tran|Le|Pham|Hoang|Huynh|Phan|Vu|Vo|Dang|Bui|Do|Ho|Ngo|Duong|Ly");
    put(Nationality.THA, Order.GIVEN_FAMILY,
        "Somchai|Somsak|Anan|Kittisak|Nattapong|Chaiyaporn|Prasert|Wichai|Sompong|Thawatchai",
        "Siriporn|Kanya|Malee|Pranee|Wanida|Supaporn|Nittaya|Ratana|Sudarat|Pimchanok",
        "Srisuk|Chaiyasit|Wongsawat|Rattanakul|Saetang|Thongchai|Boonmee|Kaewmanee|Jaidee|Intarasuk|Sombat");
    put(Nationality.KOR, Order.FAMILY_GIVEN,
        "Min-jun|Ji-hoon|Dong-hyun|Jae-won|Sung-min|Hyun-woo|Joon-ho|Tae-yang",
        "Seo-yeon|Ha-eun|Soo-jin|Eun-ji|Hye-jin|Ji-woo|Min-seo|Yu-na",
        "Kim|Lee|Park|Choi|Jung|Kang|Cho|Yoon|Jang|Lim|Han|Shin");
    put(Nationality.JPN, Order.GIVEN_FAMILY,
        "Haruto|Yuto|Sota|Hiroshi|Kenji|Takeshi|Daiki|Ryo",
        "Yui|Aoi|Yuki|Sakura|Naoko|Emi|Haruka|Mai",
        "Sato|Suzuki|Takahashi|Tanaka|Watanabe|Ito|Yamamoto|Nakamura|Kobayashi|Kato|Yoshida|Yamada");
    put(Nationality.PHL, Order.GIVEN_FAMILY,
        "José|Juan|Mark|John Paul|Niño|Ramón|Jericho|Gilbert|Rodel|Efrén|Joel|Jun",
        "Maria|Ma. Cristina|Angelica|Rowena|Liza|Mylene|Joy|Marites|Lourdes|Concepción|Ailyn",
        "Dela Cruz|Santos|Reyes|Garcia|Mendoza|Peña|Ibáñez|Bautista|Villanueva|Castañeda|Aquino|Ramos|Torres"
            + "|Domingo|Muñoz|Nuñez");
    put(Nationality.MYS, Order.GIVEN_FAMILY,
        "Ahmad|Muhammad|Farid|Hafiz|Kumar|Wei Jie|Azman|Rizal",
        "Nurul|Siti|Wei Ling|Aisyah|Mei Ling|Farah|Priya|Zarina",
        "bin Abdullah|binti Ismail|Tan|Lim|Lee|Wong|Rajan|bin Hassan|Ong|Chong|binti Yusof");
    put(Nationality.IND, Order.GIVEN_FAMILY, "Arjun|Rahul|Vikram|Amit|Sanjay", "Priya|Anjali|Sunita|Deepa|Kavya",
        "Sharma|Patel|Singh|Kumar|Reddy|Nair|Iyer|Gupta");
    put(Nationality.USA, Order.GIVEN_FAMILY, "James|Michael|David|Robert|Daniel", "Mary|Jennifer|Sarah|Emily|Jessica",
        "Smith|Johnson|Williams|Brown|Miller|Davis|Wilson|Anderson");
    put(Nationality.FRA, Order.GIVEN_FAMILY, "François|Jérôme|Benoît|Noël|Étienne|Loïc|Thierry|Mathéo",
        "Hélène|Amélie|Céline|Zoé|Chloé|Océane|Margaux|Inès",
        "Dubois|Lefèvre|Moreau|Girard|Roussel|Bérenger|Leclère|Fontaine|Mercier|Faure");
    put(Nationality.GBR, Order.GIVEN_FAMILY, "Oliver|Harry|George|Thomas", "Emma|Charlotte|Amelia|Sophie",
        "Taylor|Evans|Wilson|Thomas|Roberts|Walker");
    put(Nationality.AUS, Order.GIVEN_FAMILY, "Jack|Liam|Noah|William", "Olivia|Chloe|Isla|Ruby",
        "Smith|Jones|Walker|Kelly|Ryan|Martin");
    put(Nationality.LAO, Order.GIVEN_FAMILY, "Souksavanh|Khamphou|Bounmy|Somphone|Vanh", "Phonsavanh|Vilayphone|Keo|Chanthaly",
        "Phommachanh|Sisavath|Keomany|Vongsa|Inthavong|Sengdara");
    put(Nationality.MMR, Order.BURMESE, "Aung|Kyaw|Zaw|Myo|Htet|Min", "Thandar|Hnin|Su|Ei|Khin|Nilar",
        "Win|Htun|Oo|Naing|Aye|Lwin|Soe|Thu");
    put(Nationality.BGD, Order.GIVEN_FAMILY, "Mohammad|Rahim|Karim|Jamal", "Fatema|Nasrin|Ayesha|Rupa",
        "Hossain|Rahman|Islam|Ahmed|Uddin|Akter");
    put(Nationality.PAK, Order.GIVEN_FAMILY, "Ali|Bilal|Usman|Hamza", "Ayesha|Sana|Fatima|Hira",
        "Khan|Hussain|Qureshi|Butt|Malik|Iqbal");
    put(Nationality.NPL, Order.GIVEN_FAMILY, "Ram|Bikash|Suman|Prakash", "Sita|Sunita|Anita|Gita",
        "Shrestha|Gurung|Tamang|Rai|Thapa|Magar");
  }

  /** A full name in the nationality's usual order; some Indonesians have a single name. */
  static String full(Rng r, Nationality nat, String sex) {
    Pool p = POOLS.get(nat);
    boolean female = sex.equals("F") || (sex.isEmpty() && r.chance(0.4));
    String given = r.pick(female ? p.female : p.male);
    String family = r.pick(p.family);
    return switch (p.order) {
      case GIVEN_FAMILY -> nat == Nationality.IDN && r.chance(0.06) ? given : given + " " + family;
      case FAMILY_GIVEN -> family + " " + given;
      case VIETNAMESE -> family + (female ? " Thi " : " Van ") + given;
      case BURMESE -> given + " " + r.pick(p.male) + " " + family;
    };
  }

  /** A clerk's slip: one letter dropped (never the first). */
  static String typo(Rng r, String name) {
    if (name.length() < 4) {
      return name + name.charAt(name.length() - 1);
    }
    int i = r.between(1, name.length() - 2);
    return name.substring(0, i) + name.substring(i + 1);
  }

  private static void put(Nationality n, Order order, String male, String female, String family) {
    POOLS.put(n, new Pool(male.split("\\|"), female.split("\\|"), family.split("\\|"), order));
  }
}
