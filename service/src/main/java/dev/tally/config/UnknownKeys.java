package dev.tally.config;

import java.util.Collection;

/** "Did you mean" suggestions for unknown keys, by edit distance to the allowed keys. */
final class UnknownKeys {
    private UnknownKeys() {
    }

    /** {@code " (did you mean \"width\"?)"} for the closest allowed key, or "" when none is close. */
    static String suggestion(String key, Collection<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String a : allowed) {
            int d = distance(key, a);
            if (d < bestDistance || (d == bestDistance && best != null && a.compareTo(best) < 0)) {
                best = a;
                bestDistance = d;
            }
        }
        int limit = Math.max(1, Math.min(3, key.length() / 3));
        if (best != null && (bestDistance <= limit || best.startsWith(key) || key.startsWith(best))) {
            return " (did you mean \"" + best + "\"?)";
        }
        return "";
    }

    /** Damerau-Levenshtein distance (optimal string alignment): a swapped pair of letters costs 1. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
