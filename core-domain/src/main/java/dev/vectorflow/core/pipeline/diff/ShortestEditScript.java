package dev.vectorflow.core.pipeline.diff;

/**
 * Finds a shortest edit script between two sequences of line ids: which elements of the first are removed and which of
 * the second are added, so that the rest is a longest common subsequence.
 * The details are in docs/architecture.md, "Notes on the code".
 */
final class ShortestEditScript {

    private static final int UNREACHABLE = -1;

    private final int[] a;
    private final int[] b;
    private final int[] aIndex;
    private final int[] bIndex;
    private final boolean[] removed;
    private final boolean[] added;
    private final int[] forward;
    private final int[] backward;
    private final int offset;
    private int snakeStartX;
    private int snakeStartY;
    private int snakeEndX;
    private int snakeEndY;

    /** Which elements of each sequence are not in the common subsequence found. */
    record Marks(boolean[] removed, boolean[] added) {
    }

    private ShortestEditScript(int[] from, int[] to, int distinctIds) {
        removed = new boolean[from.length];
        added = new boolean[to.length];
        boolean[] inFrom = new boolean[distinctIds];
        boolean[] inTo = new boolean[distinctIds];
        for (int id : from) {
            inFrom[id] = true;
        }
        for (int id : to) {
            inTo[id] = true;
        }
        aIndex = keptIndices(from, inTo, removed);
        bIndex = keptIndices(to, inFrom, added);
        a = new int[aIndex.length];
        b = new int[bIndex.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = from[aIndex[i]];
        }
        for (int j = 0; j < b.length; j++) {
            b[j] = to[bIndex[j]];
        }
        offset = (a.length + b.length + 1) / 2 + 2;
        forward = new int[2 * offset + 1];
        backward = new int[2 * offset + 1];
    }

    /**
     * Compares two sequences whose elements are ids in {@code [0, distinctIds)} (equal lines have
     * equal ids).
     */
    static Marks between(int[] from, int[] to, int distinctIds) {
        ShortestEditScript script = new ShortestEditScript(from, to, distinctIds);
        script.compare(0, script.a.length, 0, script.b.length);
        return new Marks(script.removed, script.added);
    }

    private static int[] keptIndices(int[] ids, boolean[] inOther, boolean[] unmatched) {
        int kept = 0;
        for (int id : ids) {
            kept += inOther[id] ? 1 : 0;
        }
        int[] indices = new int[kept];
        int next = 0;
        for (int i = 0; i < ids.length; i++) {
            if (inOther[ids[i]]) {
                indices[next++] = i;
            } else {
                unmatched[i] = true;
            }
        }
        return indices;
    }

    private void compare(int aLo, int aHi, int bLo, int bHi) {
        while (aLo < aHi && bLo < bHi && a[aLo] == b[bLo]) {
            aLo++;
            bLo++;
        }
        while (aLo < aHi && bLo < bHi && a[aHi - 1] == b[bHi - 1]) {
            aHi--;
            bHi--;
        }
        if (aLo == aHi) {
            for (int j = bLo; j < bHi; j++) {
                added[bIndex[j]] = true;
            }
        } else if (bLo == bHi) {
            for (int i = aLo; i < aHi; i++) {
                removed[aIndex[i]] = true;
            }
        } else {
            findMiddleSnake(aLo, aHi, bLo, bHi);
            int startX = snakeStartX;
            int startY = snakeStartY;
            int endX = snakeEndX;
            int endY = snakeEndY;
            compare(aLo, startX, bLo, startY);
            compare(endX, aHi, endY, bHi);
        }
    }

    /**
     * Sets {@code snake*} to the middle snake of {@code a[aLo, aHi)} against {@code b[bLo, bHi)},
     * both non-empty. Coordinates inside are relative: forward x counts from {@code aLo}, backward
     * x counts back from {@code aHi}; a forward diagonal k faces the backward diagonal delta - k.
     */
    private void findMiddleSnake(int aLo, int aHi, int bLo, int bHi) {
        int n = aHi - aLo;
        int m = bHi - bLo;
        int delta = n - m;
        boolean odd = (delta & 1) != 0;
        int rounds = (n + m + 1) / 2;
        for (int d = 0; d <= rounds; d++) {
            for (int k = -d; k <= d; k += 2) {
                int x = furthestStart(forward, d, k, n, m);
                forward[offset + k] = x;
                if (x == UNREACHABLE) {
                    continue;
                }
                int startX = x;
                int y = x - k;
                while (x < n && y < m && a[aLo + x] == b[bLo + y]) {
                    x++;
                    y++;
                }
                forward[offset + k] = x;
                int facing = delta - k;
                if (odd && facing >= -(d - 1) && facing <= d - 1 && backward[offset + facing] != UNREACHABLE
                        && x + backward[offset + facing] >= n) {
                    setSnake(aLo + startX, bLo + startX - k, aLo + x, bLo + y);
                    return;
                }
            }
            for (int k = -d; k <= d; k += 2) {
                int x = furthestStart(backward, d, k, n, m);
                backward[offset + k] = x;
                if (x == UNREACHABLE) {
                    continue;
                }
                int startX = x;
                int y = x - k;
                while (x < n && y < m && a[aHi - 1 - x] == b[bHi - 1 - y]) {
                    x++;
                    y++;
                }
                backward[offset + k] = x;
                int facing = delta - k;
                if (!odd && facing >= -d && facing <= d && forward[offset + facing] != UNREACHABLE
                        && x + forward[offset + facing] >= n) {
                    setSnake(aHi - x, bHi - y, aHi - startX, bHi - (startX - k));
                    return;
                }
            }
        }
        throw new IllegalStateException("no middle snake between " + n + " and " + m + " elements");
    }

    /**
     * Where a path with {@code d} edits ending on diagonal {@code k} gets before its final snake: one
     * step right from diagonal k - 1 or one step down from diagonal k + 1, whichever reaches further
     * and stays in the n-by-m graph.
     */
    private int furthestStart(int[] furthest, int d, int k, int n, int m) {
        if (d == 0) {
            return 0;
        }
        int best = UNREACHABLE;
        if (k > -d) {
            int left = furthest[offset + k - 1];
            if (left != UNREACHABLE && left < n) {
                best = left + 1;
            }
        }
        if (k < d) {
            int above = furthest[offset + k + 1];
            if (above != UNREACHABLE && above - (k + 1) < m && above > best) {
                best = above;
            }
        }
        return best;
    }

    private void setSnake(int startX, int startY, int endX, int endY) {
        snakeStartX = startX;
        snakeStartY = startY;
        snakeEndX = endX;
        snakeEndY = endY;
    }
}
