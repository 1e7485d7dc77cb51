package org.migstat.ingest.glotip;

import java.time.LocalDate;

/**
 * What the rows above the header say: the publisher ({@code UNODC} in row 1), the release date as
 * printed (row 2, {@code 14/04/2025}) and parsed ({@code null} when the banner carries no
 * {@code dd/MM/yyyy} date), and the 1-based row number where the header was found.
 */
public record GlotipBanner(String publisher, String releaseDateText, LocalDate releaseDate, int headerRow) {}
