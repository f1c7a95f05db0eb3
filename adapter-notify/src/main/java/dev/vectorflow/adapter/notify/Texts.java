package dev.vectorflow.adapter.notify;

/** Cleans text that came from outside (a receiver's answer, an exception) before it reaches a person. */
final class Texts {

    private Texts() {
    }

    /**
     * Control and format characters (bidi overrides, zero-width) become spaces, runs of white space one space, and the
     * result is cut to {@code max} characters.
     */
    static String clean(String text, int max) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("[\\p{Cntrl}\\p{Cf}\\p{Zl}\\p{Zp}\\s]+", " ").strip();
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }

    /** {@code text} cut to {@code max} characters, keeping line breaks (message bodies). */
    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
