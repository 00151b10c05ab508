package io.heartline.training.rosterimport;

/** The upload as a whole cannot be read (not a zip, missing file or column, malformed JSON): the import fails. */
public class BadUploadException extends RuntimeException {
    public BadUploadException(String message) {
        super(message, null, false, false);
    }
}
