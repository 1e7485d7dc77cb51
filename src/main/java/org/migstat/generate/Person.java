package org.migstat.generate;

import java.time.LocalDate;

/**
 * Who a person is, as both registries should know them. The document (type, number, country =
 * nationality) is the only link between the two registries.
 *
 * @param docType   PASSPORT or TRAVEL_DOC (spelled several ways when written)
 * @param sex       M, F or "" (unknown)
 * @param birth     null when the registry never got it
 * @param province  index into {@link Provinces#ALL}
 * @param employer  first employer, null for persons who never work
 */
record Person(long index, Nationality nat, String docType, String docNumber, String name, String sex,
    LocalDate birth, int province, String stayCategory, String countryOfBirth, Employer employer,
    PermitType permitType) {}
